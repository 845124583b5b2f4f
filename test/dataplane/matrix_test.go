//go:build dataplane

package dataplane

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/oracle"
)

// Probe timeouts. An allowed connect between two namespaces of this machine completes in well
// under a millisecond; a refused one (kube-router REJECTs) can take a second, so refusals are
// not waited out: a probe that fails within quick and that the rules say should connect is tried
// again with sure before it counts. A connect that succeeds is proof of a path either way.
const (
	quick    = 250 * time.Millisecond
	sure     = 3 * time.Second
	parallel = 48
)

// question is one (source pod, destination pod, port).
type question struct {
	src, dst *pod
	port     int
}

func (q question) String() string { return fmt.Sprintf("%s -> %s:%d", q.src, q.dst, q.port) }

// questions are every source pod to every other destination pod on each of its ports. A pod's
// traffic to itself never leaves its namespace, so no policy sees it.
func (w *world) questions(only func(src, dst *pod) bool) []question {
	var out []question
	for _, src := range w.pods {
		for _, dst := range w.pods {
			if src == dst || only != nil && !only(src, dst) {
				continue
			}
			for _, port := range dst.ports {
				out = append(out, question{src, dst, port})
			}
		}
	}
	return out
}

// probe tries a real TCP connect for every question, from inside the source's namespace to the
// destination's address, in parallel. want, if given, is the answer expected: a failure where it
// says allowed is retried once with the long timeout.
func probe(qs []question, want func(question) bool) []bool {
	got := make([]bool, len(qs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for i := range next {
				q := qs[i]
				ok := q.src.net.connect(q.dst.net.ip, q.port, quick) == nil
				if !ok && want != nil && want(q) {
					ok = q.src.net.connect(q.dst.net.ip, q.port, sure) == nil
				}
				got[i] = ok
			}
		})
	}
	for i := range qs {
		next <- i
	}
	close(next)
	wg.Wait()
	return got
}

// granted is the rules' own answer (test/oracle) to a question: TCP, as every probe is.
func granted(doc *rules.Document) func(question) bool {
	g := oracle.Granted(doc, false)
	return func(q question) bool { return g(q.src.oracle(), q.dst.oracle(), q.port, corev1.ProtocolTCP) }
}

func (p *pod) oracle() oracle.Pod {
	return oracle.Pod{Namespace: p.namespace, Service: p.service, Policed: p.policed, ForgesAll: p.forgesAll, DNS: p.dns}
}

// model is cyclonus's verdict on the same questions: the NetworkPolicies in the cluster now (what
// kube-router enforces: netiso's, which the tests check are what the rules imply), the pods'
// labels and the namespaces' labels as the API server has them now.
type model struct {
	policy *matcher.Policy
	peers  map[*pod]*matcher.TrafficPeer
}

func newModel(ctx context.Context, t testing.TB, w *world) *model {
	t.Helper()
	var list networkingv1.NetworkPolicyList
	if err := k8s.List(ctx, &list); err != nil {
		t.Fatal(err)
	}
	policies := make([]*networkingv1.NetworkPolicy, len(list.Items))
	for i := range list.Items {
		policies[i] = &list.Items[i]
	}
	nsLabels := map[string]map[string]string{}
	for _, p := range w.pods {
		if _, ok := nsLabels[p.namespace]; ok {
			continue
		}
		var ns corev1.Namespace
		if err := k8s.Get(ctx, keyOf(p.namespace), &ns); err != nil {
			t.Fatal(err)
		}
		nsLabels[p.namespace] = ns.Labels
	}
	engineNS := relabel(t, nsLabels, policies)
	m := &model{policy: matcher.BuildNetworkPolicies(true, policies), peers: map[*pod]*matcher.TrafficPeer{}}
	for _, p := range w.pods {
		l, err := labelsOf(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		m.peers[p] = &matcher.TrafficPeer{Internal: &matcher.InternalPeer{PodLabels: l, NamespaceLabels: engineNS[p.namespace], Namespace: p.namespace}, IP: p.net.ip}
	}
	return m
}

func (m *model) allowed(q question) bool {
	tr := &matcher.Traffic{Source: m.peers[q.src], Destination: m.peers[q.dst], ResolvedPort: q.port, Protocol: corev1.ProtocolTCP}
	return m.policy.IsTrafficAllowed(tr).IsAllowed()
}

// relabel is the namespaces' labels as cyclonus is given them (oracle.EngineLabels), checked to be
// selected alike by every namespace selector in the policies (oracle.CheckSelectors).
func relabel(t testing.TB, real map[string]map[string]string, policies []*networkingv1.NetworkPolicy) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for ns, l := range real {
		out[ns] = oracle.EngineLabels(l)
	}
	if _, err := oracle.CheckSelectors(real, out, policies); err != nil {
		t.Fatal(err)
	}
	return out
}

// tally is a matrix's counts and disagreements.
type tally struct {
	questions, allowed int
	wrong              []string
}

func (t *tally) add(q question, got, want bool, what string) {
	if got != want {
		t.wrong = append(t.wrong, fmt.Sprintf("%s: %s %v, rules %v", q, what, got, want))
	}
}

// count adds one question: the packets' answer and cyclonus's, against the rules'.
func (t *tally) count(q question, packets, cyclonus, want bool) {
	t.questions++
	if packets {
		t.allowed++
	}
	t.add(q, packets, want, "packets")
	t.add(q, cyclonus, want, "cyclonus")
}

func (t *tally) String() string {
	return fmt.Sprintf("%d (source, destination, port), %d connect, %d refused; %d disagreements of packets or cyclonus with the rules",
		t.questions, t.allowed, t.questions-t.allowed, len(t.wrong))
}

// judge probes qs until the packets settle on want (a minute at most), and counts every answer,
// the packets' and cyclonus's (newModel: the cluster's policies and labels now), against want.
// A disagreement fails the test. The model is returned for counts of parts of the matrix.
func judge(t testing.TB, w *world, qs []question, want func(question) bool) (tl tally, got []bool, m *model) {
	t.Helper()
	got, rounds, took := converge(qs, want, 60*time.Second)
	t.Logf("packets settled after %d rounds, %s", rounds, took.Round(time.Millisecond))
	m = newModel(t.Context(), t, w)
	for i, q := range qs {
		tl.count(q, got[i], m.allowed(q), want(q))
	}
	if len(tl.wrong) > 0 {
		t.Errorf("%d disagreements with the rules:\n%s", len(tl.wrong), strings.Join(tl.wrong, "\n"))
	}
	return tl, got, m
}

// steady probes qs again and again for d and reports every answer that is not want's: after a
// change that should change nothing, kube-router has had time to act on it (it applies a change
// well within a second here) and the packets never moved.
func steady(qs []question, want func(question) bool, d time.Duration) (rounds int, wrong []string) {
	seen := map[string]bool{}
	for start := time.Now(); rounds == 0 || time.Since(start) < d; rounds++ {
		for i, ok := range probe(qs, want) {
			if q := qs[i]; ok != want(q) && !seen[q.String()] {
				seen[q.String()] = true
				wrong = append(wrong, fmt.Sprintf("%s: packets %v, rules %v", q, ok, want(q)))
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return rounds, wrong
}

// converge probes until the packets agree with the rules or the deadline passes, and returns the
// last probe: kube-router applies what it is told within a second or so of each change, and the
// suite does not guess when.
func converge(qs []question, want func(question) bool, deadline time.Duration) (got []bool, rounds int, took time.Duration) {
	start := time.Now()
	for {
		rounds++
		got = probe(qs, want)
		agree := true
		for i, q := range qs {
			if got[i] != want(q) {
				agree = false
				break
			}
		}
		if agree || time.Since(start) > deadline {
			return got, rounds, time.Since(start)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestMatrixOnPackets: for the Online Boutique (its rules, its manifests' pods and ports) and the
// synthetic rule set, in one cluster, every source pod to every destination pod on every port it
// listens on: a real TCP connect succeeds exactly when the rules allow it, and cyclonus's verdict
// on the same question, from the policies netiso holds and the labels the webhook gave, is the same.
func TestMatrixOnPackets(t *testing.T) {
	ctx := t.Context()
	held(t, base)
	want := granted(shared.doc)
	qs := shared.questions(nil)
	got, rounds, took := converge(qs, want, 60*time.Second)
	t.Logf("packets settled after %d rounds, %s", rounds, took.Round(time.Millisecond))
	// Settled means steady: a second pass gives the same answers.
	for i, again := range probe(qs, want) {
		if again != got[i] {
			t.Errorf("%s: %v, then %v", qs[i], got[i], again)
		}
	}
	m := newModel(ctx, t, shared)

	var shop, all tally
	for i, q := range qs {
		w := want(q)
		for _, tl := range []*tally{&all, &shop} {
			if tl == &shop && !(q.src.shop && q.dst.shop) {
				continue
			}
			tl.count(q, got[i], m.allowed(q), w)
		}
	}
	t.Logf("Online Boutique, %d pods: %s", countPods(shared, func(p *pod) bool { return p.shop }), &shop)
	t.Logf("whole cluster, %d pods in %d namespaces: %s", len(shared.pods), countNamespaces(shared), &all)
	if len(all.wrong) > 0 {
		t.Errorf("%d disagreements with the rules:\n%s", len(all.wrong), strings.Join(all.wrong, "\n"))
	}
	// 15 links, and frontend open to every other shop pod: the matrix the shop's authors wrote.
	if shop.allowed != 15+11 {
		t.Errorf("Online Boutique: %d connections, want 26 (15 links, and frontend from the 11 other pods)", shop.allowed)
	}
	if all.allowed == 0 || all.allowed == all.questions {
		t.Errorf("a trivial matrix: %s", &all)
	}
}

func countPods(w *world, f func(*pod) bool) int {
	n := 0
	for _, p := range w.pods {
		if f(p) {
			n++
		}
	}
	return n
}

func countNamespaces(w *world) int {
	seen := map[string]bool{}
	for _, p := range w.pods {
		seen[p.namespace] = true
	}
	return len(seen)
}

// TestPacketsNoticeAMissingPolicy: the packets are the policies' doing, and the matrix sees a
// mistake. With one destination's policy deleted, every pod reaches it on every port, which the
// rules forbid; with the policy back, the matrix is the rules' again. netiso would restore the
// policy at once, so its process is stopped first, and the policy is deleted as the garbage
// collector, the one identity besides netiso's that the chart's guard lets delete it; started
// again, netiso restores it itself.
func TestPacketsNoticeAMissingPolicy(t *testing.T) {
	ctx := t.Context()
	held(t, base)
	cart := shared.find(t, shopNS, "cartservice")
	webhook.stop()
	t.Cleanup(func() {
		if webhook.run == nil {
			if err := webhook.start(); err != nil {
				t.Errorf("restarting the webhook: %v", err)
			}
		}
	})
	np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: shopNS, Name: policy.Name("cartservice")}}
	if err := gc.Delete(ctx, np); err != nil {
		t.Fatalf("deleting cartservice's policy as the garbage collector: %v", err)
	}
	want := granted(shared.doc)
	open := func(q question) bool { return q.dst == cart || want(q) }
	qs := shared.questions(nil)
	got, rounds, took := converge(qs, open, 60*time.Second)
	extra := 0
	for i, q := range qs {
		if got[i] != open(q) {
			t.Errorf("%s: packets %v without cartservice's policy, want %v", q, got[i], open(q))
		}
		if got[i] && !want(q) {
			extra++
		}
	}
	if extra == 0 {
		t.Error("deleting cartservice's policy opened nothing the rules forbid")
	}
	t.Logf("without cartservice's policy: %d connections the rules forbid (after %d rounds, %s)", extra, rounds, took.Round(time.Millisecond))

	start := time.Now()
	if err := webhook.start(); err != nil {
		t.Fatal(err)
	}
	up := time.Since(start)
	restored := held(t, base)
	got, rounds, took = converge(qs, want, 60*time.Second)
	for i, q := range qs {
		if got[i] != want(q) {
			t.Errorf("%s: packets %v with the policy back, rules %v", q, got[i], want(q))
		}
	}
	t.Logf("netiso started again (ready after %s): the policy restored %s later, the rules' matrix again after %d rounds, %s",
		up.Round(time.Millisecond), restored.Round(time.Millisecond), rounds, took.Round(time.Millisecond))
}
