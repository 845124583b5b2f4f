package matrix

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/test/oracle"
)

// pod is one pod of the simulated cluster.
type pod struct {
	name      string // for messages
	namespace string
	labels    map[string]string
	// service is the pod's identity, "" for none; policed is false for a pod the webhook never
	// saw (an exempt namespace): its labels are whatever it was created with.
	service string
	policed bool
	// forgesAll: the pod bypassed the webhook in a policed namespace and carries every managed
	// label; dns: the pod is the cluster DNS (no policy of netiso's selects it).
	forgesAll, dns bool
	// probes are the ports traffic to this pod is tried on (destinations only).
	probes []probe
	peer   *matcher.TrafficPeer
}

type probe struct {
	port     int
	protocol corev1.Protocol
}

func (p probe) String() string { return fmt.Sprintf("%d/%s", p.port, p.protocol) }

// cluster is pods and the labels of their namespaces.
type cluster struct {
	pods      []*pod
	dsts      []*pod // the pods traffic is sent to
	forgedAll map[string]string
	// nsLabels are namespaces' labels as the API server has them; engineNS as cyclonus is given
	// them (oracle.EngineLabels says why they differ; checkRelabelling proves it does not matter).
	nsLabels map[string]map[string]string
	engineNS map[string]map[string]string
}

func newCluster() *cluster {
	return &cluster{nsLabels: map[string]map[string]string{}, engineNS: map[string]map[string]string{}}
}

func (c *cluster) namespace(ns string, extra map[string]string) {
	l := map[string]string{scope.NamespaceNameLabel: ns}
	for k, v := range extra {
		l[k] = v
	}
	c.nsLabels[ns] = l
	c.engineNS[ns] = oracle.EngineLabels(l)
}

// checkRelabelling: every namespace selector in the policies selects each namespace with its real
// labels exactly when it selects it with the engine's (oracle.CheckSelectors).
func checkRelabelling(t *testing.T, c *cluster, policies []*networkingv1.NetworkPolicy) {
	t.Helper()
	n, err := oracle.CheckSelectors(c.nsLabels, c.engineNS, policies)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 && len(policies) > 0 {
		t.Log("no namespace selectors in the policies")
	}
}

// admit creates a pod through the webhook: mutate.Decide on a CREATE, and the pod's labels become
// its own unmanaged ones plus exactly the managed ones the decision grants.
func admit(t testing.TB, r *rules.Compiled, cfg mutate.Config, ns string, labels map[string]string) map[string]string {
	t.Helper()
	return admitRunning(t, r, cfg, ns, labels, nil)
}

// admitRunning is admit of a pod that runs w (nil: not read), for rules with identity anchors.
func admitRunning(t testing.TB, r *rules.Compiled, cfg mutate.Config, ns string, labels map[string]string, w *mutate.Workload) map[string]string {
	t.Helper()
	d := mutate.Decide(mutate.Input{Operation: admissionv1.Create, Namespace: ns, Pod: mutate.Meta{Namespace: ns, Labels: labels}, Workload: w}, r, cfg)
	if !d.Allowed {
		t.Fatalf("webhook refused a pod in %s with %v: %s", ns, labels, d.Message)
	}
	out := map[string]string{}
	for k, v := range labels {
		if !r.Options().IsManaged(k) {
			out[k] = v
		}
	}
	for k, v := range d.Labels.Labels() {
		out[k] = v
	}
	return out
}

// engine answers "is this traffic allowed" with cyclonus: allowed out of the source (egress) and
// into the destination (ingress). Asking the whole policy set scans every target for every
// question; instead, for each destination pod, cyclonus itself picks the ingress targets that
// apply to it (TargetsApplyingToPod) into a small policy, which then answers for every source,
// and for each source pod the egress targets likewise. That is exactly what IsTrafficAllowed
// does first; verify() holds the two together on a sample.
type engine struct {
	full  *matcher.Policy
	byDst map[*pod]*matcher.Policy // ingress targets of each destination
	bySrc map[*pod]*matcher.Policy // egress targets of each source
}

func newEngine(c *cluster, policies []*networkingv1.NetworkPolicy) *engine {
	e := &engine{full: matcher.BuildNetworkPolicies(true, policies), byDst: map[*pod]*matcher.Policy{}, bySrc: map[*pod]*matcher.Policy{}}
	for _, p := range c.pods {
		c.peer(p) // before the parallel part, which then only reads
		e.bySrc[p] = matcher.NewPolicyWithTargets(nil, e.full.TargetsApplyingToPod(false, p.namespace, p.labels))
	}
	for _, d := range c.dsts {
		e.byDst[d] = matcher.NewPolicyWithTargets(e.full.TargetsApplyingToPod(true, d.namespace, d.labels), nil)
	}
	return e
}

func (c *cluster) traffic(src, dst *pod, p probe) *matcher.Traffic {
	return &matcher.Traffic{Source: c.peer(src), Destination: c.peer(dst), ResolvedPort: p.port, Protocol: p.protocol}
}

// peer is the pod as cyclonus sees it, made once: pods do not change while the matrix runs.
func (c *cluster) peer(x *pod) *matcher.TrafficPeer {
	if x.peer == nil {
		x.peer = &matcher.TrafficPeer{Internal: &matcher.InternalPeer{PodLabels: x.labels, NamespaceLabels: c.engineNS[x.namespace], Namespace: x.namespace}}
	}
	return x.peer
}

// allowed: the traffic leaves the source (its egress policies, a zone's) and enters the
// destination (its ingress policies).
func (e *engine) allowed(c *cluster, src, dst *pod, p probe) bool {
	tr := c.traffic(src, dst, p)
	return e.byDst[dst].IsIngressOrEgressAllowed(tr, true).IsAllowed() && e.bySrc[src].IsIngressOrEgressAllowed(tr, false).IsAllowed()
}

// verify checks n random questions against the full policy set's IsTrafficAllowed (ingress and
// egress): the per-destination shortcut must give the same answers.
func (e *engine) verify(t *testing.T, c *cluster, n int, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	for range n {
		src, dst := c.pods[r.IntN(len(c.pods))], c.dsts[r.IntN(len(c.dsts))]
		p := dst.probes[r.IntN(len(dst.probes))]
		tr := c.traffic(src, dst, p)
		if full, fast := e.full.IsTrafficAllowed(tr).IsAllowed(), e.allowed(c, src, dst, p); full != fast {
			t.Fatalf("%s -> %s on %s: full policy set says %v, per-destination says %v", src.name, dst.name, p, full, fast)
		}
	}
}

// result is the outcome of a matrix run.
type result struct {
	questions, allowed int
	mismatches         []string
}

// check asks the engine about every source pod to every destination pod on each of its probes,
// in parallel over destinations, and compares with want.
func check(c *cluster, e *engine, want func(src, dst *pod, p probe) bool) result {
	var mu sync.Mutex
	var res result
	next := make(chan *pod)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var local result
			for dst := range next {
				for _, src := range c.pods {
					for _, p := range dst.probes {
						got := e.allowed(c, src, dst, p)
						local.questions++
						if got {
							local.allowed++
						}
						if w := want(src, dst, p); got != w && len(local.mismatches) < 20 {
							local.mismatches = append(local.mismatches, fmt.Sprintf("%s -> %s on %s: engine says %v, rules say %v", src.name, dst.name, p, got, w))
						}
					}
				}
			}
			mu.Lock()
			res.questions += local.questions
			res.allowed += local.allowed
			res.mismatches = append(res.mismatches, local.mismatches...)
			mu.Unlock()
		})
	}
	for _, d := range c.dsts {
		next <- d
	}
	close(next)
	wg.Wait()
	slices.Sort(res.mismatches)
	return res
}

func (r result) report(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %d questions, %d allowed, %d refused", what, r.questions, r.allowed, r.questions-r.allowed)
	if len(r.mismatches) > 0 {
		t.Errorf("%s: the engine and the rules disagree (first %d):\n%s", what, len(r.mismatches), strings.Join(r.mismatches, "\n"))
	}
}
