//go:build dataplane

package dataplane

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/flowlog"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

// removedLinks are taken out of the suite's rules for the audit stage: enforcing the rest would
// drop them, so Calico must log them, and `netiso flows` must propose exactly them back. One by
// name in the Online Boutique, one to its Redis, one of the synthetic set between namespaces;
// sorted, as rulediff lists links.
var removedLinks = []rulediff.Link{
	{From: "cartservice", To: "redis-cart", Via: "calls"},
	{From: "checkoutservice", To: "paymentservice", Via: "calls"},
	{From: "payments", To: "ledger", Via: "calls"},
}

// TestAuditStageOnPackets is the rollout's audit stage on Felix (policies.stage=audit): netiso
// holds Calico's audit policies instead of NetworkPolicies, for rules that lack removedLinks.
// Every connection of the matrix succeeds; the flows Felix logs (its Log action, in the node's
// kernel log) are exactly those enforcing would drop, by the rules' own answer and by cyclonus on
// the NetworkPolicies netiso would hold; `netiso flows`, fed that log and the pods, proposes
// exactly removedLinks. Back in the enforce stage, netiso removes every audit policy.
func TestAuditStageOnPackets(t *testing.T) {
	if enforcer != "calico" {
		t.Skip("the audit stage is Calico's (its Log action): DATAPLANE_ENFORCER=calico, `make test-dataplane-calico`")
	}
	ctx := t.Context()
	held(t, base)
	reduced := edit(base, func(ss []rules.Service) []rules.Service {
		for i := range ss {
			ss[i].Calls = slices.DeleteFunc(ss[i].Calls, func(callee string) bool {
				return slices.Contains(removedLinks, rulediff.Link{From: ss[i].Name, To: callee, Via: "calls"})
			})
		}
		return ss
	})
	if err := setRules(ctx, docJSON(reduced)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { restoreRules(t) })
	kernel := auditStage(t, shared, reduced, removedQuestions(shared.questions(nil)))
	qs := shared.questions(nil)
	everything := func(question) bool { return true }

	// The loop closed. The applications' own traffic (what the full rules grant, every pod of a
	// caller to every pod of its callees) under the rules in force: its log, the pods and those
	// rules make the rules change, which must be exactly the links taken out.
	var traffic []question
	for _, q := range qs {
		if granted(base)(q) {
			traffic = append(traffic, q)
		}
	}
	for i, ok := range probe(traffic, everything) {
		if !ok {
			t.Errorf("the applications' traffic: %s failed", traffic[i])
		}
	}
	time.Sleep(time.Second)
	t.Logf("the applications' traffic: %d connections, %d logged", len(traffic), len(kernel.flows(t)))
	proposed := review(t, reduced, kernel.lines())
	change, err := rulediff.Compare(compile(t, reduced), compile(t, proposed), policyOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(change.LinksOpened, removedLinks) {
		t.Errorf("netiso flows proposes %v, want exactly the removed links %v", change.LinksOpened, removedLinks)
	}
}

// auditStage runs the audit stage on the rules in force, doc (already in the ConfigMap), and
// checks it on w's packets: netiso holds doc's audit policies and no NetworkPolicy; every
// connection succeeds; Felix logs exactly the flows enforcing would drop (doc's own answer, and
// cyclonus's on the NetworkPolicies doc implies). markers (would-drop questions) are probed until
// Felix has logged each, the sign it has programmed the audit policies. It returns the kernel log
// capture, emptied; back in the enforce stage at the end of the test, netiso must hold no audit
// policy.
func auditStage(t *testing.T, w *world, doc *rules.Document, markers []question) *kernelLog {
	t.Helper()
	ctx := t.Context()
	kernel := captureKernelLog(t)
	restartWebhook(t, "--policy-stage=audit")
	t.Cleanup(func() {
		restartWebhook(t, "--policy-stage=enforce")
		// Enforcing holds no audit policy: their last Allow would undo it.
		if err := awaitAudit(context.Background(), nil, 30*time.Second); err != nil {
			t.Errorf("back in the enforce stage: %v", err)
		}
	})
	start := time.Now()
	if err := awaitAudit(ctx, doc, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	eventually(t, "no NetworkPolicy held in the audit stage", 60*time.Second, func() bool {
		nps, err := heldPolicies(ctx)
		return err == nil && len(nps) == 0
	})
	t.Logf("netiso holds the audit policies %s after the stage changed", time.Since(start).Round(time.Millisecond))

	everything := func(question) bool { return true }
	qs := w.questions(nil)
	wouldDrop := granted(doc)
	if len(markers) == 0 {
		t.Fatal("no marker question")
	}
	if _, rounds, took := converge(qs, everything, 60*time.Second); took >= 60*time.Second {
		t.Fatalf("not every connection succeeds after %s (%d rounds)", took.Round(time.Second), rounds)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !allLogged(kernel.flows(t), markers) {
		if time.Now().After(deadline) {
			t.Fatalf("Felix logged no flow of some marker in 60s:\n%s", strings.Join(kernel.lines(), "\n"))
		}
		probe(markers, everything)
		time.Sleep(200 * time.Millisecond)
	}
	kernel.reset()

	// One pass of the matrix: every connection succeeds, and the log is the would-drop set.
	got := probe(qs, everything)
	time.Sleep(time.Second) // the kernel log is written as the packets pass; leave it a moment
	logged := kernel.flows(t)
	nps, err := generatePolicies(doc)
	if err != nil {
		t.Fatal(err)
	}
	m := modelOf(ctx, t, w, nps)
	var failed, drops, disagree []string
	want := map[flowlog.Flow]question{}
	for i, q := range qs {
		if !got[i] {
			failed = append(failed, q.String())
		}
		if m.allowed(q) != wouldDrop(q) {
			disagree = append(disagree, fmt.Sprintf("%s: rules %v, cyclonus %v", q, wouldDrop(q), m.allowed(q)))
		}
		if !wouldDrop(q) {
			want[flowOf(q)] = q
		}
	}
	for f, q := range want {
		if !logged[f] {
			drops = append(drops, "not logged: "+q.String())
		}
	}
	for f := range logged {
		if _, ok := want[f]; !ok {
			drops = append(drops, fmt.Sprintf("logged, but enforcing would let it through: %v", f))
		}
	}
	t.Logf("audit stage, %d pods in %d namespaces: %d/%d connections succeed; enforcing would drop %d (rules and cyclonus agree on %d/%d); Felix logged %d flows in %d lines",
		len(w.pods), countNamespaces(w), len(qs)-len(failed), len(qs), len(want), len(qs)-len(disagree), len(qs), len(logged), len(kernel.lines()))
	for what, list := range map[string][]string{"connections failed in the audit stage": failed, "cyclonus disagrees with the rules": disagree, "the log is not the would-drop set": drops} {
		if len(list) > 0 {
			slices.Sort(list)
			t.Errorf("%s (%d):\n%s", what, len(list), strings.Join(list[:min(len(list), 40)], "\n"))
		}
	}
	if len(want) == 0 || len(want) == len(qs) {
		t.Errorf("a trivial audit: %d of %d questions would be dropped", len(want), len(qs))
	}
	kernel.reset()
	return kernel
}

// dropMarkers are one would-drop question per destination pod: what proves that Felix has
// programmed the audit policies of every destination.
func dropMarkers(qs []question, doc *rules.Document) []question {
	seen := map[*pod]bool{}
	g := granted(doc)
	var out []question
	for _, q := range qs {
		if !g(q) && !seen[q.dst] {
			seen[q.dst] = true
			out = append(out, q)
		}
	}
	return out
}

// flowOf is the flow a question's connect makes, as the kernel logs it.
func flowOf(q question) flowlog.Flow {
	return flowlog.Flow{Src: netip.MustParseAddr(q.src.net.ip), Dst: netip.MustParseAddr(q.dst.net.ip), Proto: "TCP", Port: uint16(q.port)}
}

// removedQuestions are the questions on removedLinks between pods where both rules grant them (the
// caller's pod in its service's namespaces).
func removedQuestions(qs []question) []question {
	var out []question
	with := granted(base)
	for _, q := range qs {
		if slices.Contains(removedLinks, rulediff.Link{From: q.src.service, To: q.dst.service, Via: "calls"}) && with(q) {
			out = append(out, q)
		}
	}
	return out
}

func allLogged(logged map[flowlog.Flow]bool, qs []question) bool {
	for _, q := range qs {
		if !logged[flowOf(q)] {
			return false
		}
	}
	return true
}

// awaitAudit waits until netiso holds exactly the audit policies doc implies (nil: none), as
// Calico's datastore keeps them.
func awaitAudit(ctx context.Context, doc *rules.Document, timeout time.Duration) error {
	want := map[string]*unstructured.Unstructured{}
	if doc != nil {
		ps, err := policy.Audit(compile(nil, doc), policyOptions())
		if err != nil {
			return err
		}
		for _, p := range ps {
			u, err := policy.Stored(p)
			if err != nil {
				return err
			}
			want[u.GetNamespace()+"/"+u.GetName()] = u
		}
	}
	return await("netiso's Calico audit policies are not the rules'", timeout, func() (string, error) {
		return holdsAudit(ctx, want)
	})
}

// holdsAudit says how netiso's Calico audit policies differ from want ("" for not at all).
func holdsAudit(ctx context.Context, want map[string]*unstructured.Unstructured) (string, error) {
	var list unstructured.UnstructuredList
	list.SetGroupVersionKind(policy.CalicoStoreGVK.GroupVersion().WithKind("NetworkPolicyList"))
	if err := k8s.List(ctx, &list, client.MatchingLabels{policy.ManagedByLabel: policy.ManagedBy}); err != nil {
		return "", err
	}
	for _, u := range list.Items {
		if w := want[u.GetNamespace()+"/"+u.GetName()]; w == nil || !policy.SameStored(&u, w) {
			return fmt.Sprintf("%s/%s held, not implied as it is", u.GetNamespace(), u.GetName()), nil
		}
	}
	if len(list.Items) != len(want) {
		return fmt.Sprintf("%d held, %d implied", len(list.Items), len(want)), nil
	}
	return "", nil
}

// restartWebhook restarts the webhook with flag set (replacing its earlier value).
func restartWebhook(t *testing.T, flag string) {
	t.Helper()
	name, _, _ := strings.Cut(flag, "=")
	webhook.stop()
	webhook.cmd = append(slices.DeleteFunc(webhook.cmd, func(a string) bool { return strings.HasPrefix(a, name+"=") }), flag)
	if err := webhook.start(); err != nil {
		t.Fatalf("restarting the webhook with %s: %v", flag, err)
	}
}

// modelOf is cyclonus's verdict with the given policies instead of the cluster's (the ones netiso
// would hold in the enforce stage), on the pods' and namespaces' labels as they are.
func modelOf(ctx context.Context, t testing.TB, w *world, nps []*networkingv1.NetworkPolicy) *model {
	t.Helper()
	m := newModel(ctx, t, w)
	m.policy = matcher.BuildNetworkPolicies(true, nps)
	return m
}

// review runs `netiso flows` as a platform team would: the rules in force, the pods as `kubectl
// get pods -A -o yaml` lists them, the node's kernel log; it returns the rules it proposes.
func review(t *testing.T, doc *rules.Document, lines []string) *rules.Document {
	t.Helper()
	dir := t.TempDir()
	bin, err := build("netiso")
	if err != nil {
		t.Fatal(err)
	}
	var pods corev1.PodList
	if err := k8s.List(t.Context(), &pods); err != nil {
		t.Fatal(err)
	}
	pods.APIVersion, pods.Kind = "v1", "List"
	files := map[string][]byte{"rules.json": docJSON(doc), "kern.log": []byte(strings.Join(lines, "\n") + "\n")}
	if files["pods.yaml"], err = yaml.Marshal(&pods); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proposed := filepath.Join(dir, "proposed.yaml")
	cmd := exec.Command(bin, "flows", filepath.Join(dir, "rules.json"), filepath.Join(dir, "kern.log"),
		"--pods", filepath.Join(dir, "pods.yaml"), "--service-label", serviceLabel, "--write", proposed)
	out, err := cmd.CombinedOutput()
	t.Logf("netiso flows:\n%s", out)
	if err != nil {
		t.Fatalf("netiso flows: %v", err)
	}
	doc, err = rules.Load(proposed)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func compile(t testing.TB, doc *rules.Document) *rules.Compiled {
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		if t == nil {
			panic(err) // the suite's own rules
		}
		t.Fatal(err)
	}
	return c
}

// kernelLog collects the kernel's log records from /dev/kmsg while a test runs, as `dmesg` prints
// them ("[seconds] message"). Felix's Log rules run in the node's network namespace, whose
// netfilter log the kernel drops unless net.netfilter.nf_log_all_netns is 1: set for the test,
// restored after.
type kernelLog struct {
	mu  sync.Mutex
	buf []string
}

const nfLogAllNetns = "/proc/sys/net/netfilter/nf_log_all_netns"

func captureKernelLog(t *testing.T) *kernelLog {
	t.Helper()
	old, err := os.ReadFile(nfLogAllNetns)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nfLogAllNetns, []byte("1"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A blocking read, in Go's poller: Close ends it.
	f, err := os.Open("/dev/kmsg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil { // only what is logged from now on
		t.Fatal(err)
	}
	k := &kernelLog{}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		rec := make([]byte, 8192)
		for {
			n, err := f.Read(rec)
			switch {
			case errors.Is(err, syscall.EPIPE):
				k.add("kmsg: records overwritten before they were read") // a bad line: fails the test
				continue
			case err != nil:
				return // closed
			}
			if line, ok := dmesgLine(rec[:n]); ok {
				k.add(line)
			}
		}
	}()
	t.Cleanup(func() {
		_ = f.Close()
		<-stopped
		if err := os.WriteFile(nfLogAllNetns, bytes.TrimSpace(old), 0o644); err != nil {
			t.Errorf("restoring %s: %v", nfLogAllNetns, err)
		}
	})
	return k
}

// dmesgLine turns a /dev/kmsg record ("prio,seq,usec,flags;message\n continuation") into dmesg's
// line; only Calico's are kept.
func dmesgLine(rec []byte) (string, bool) {
	head, msg, ok := bytes.Cut(rec, []byte(";"))
	if !ok {
		return "", false
	}
	msg, _, _ = bytes.Cut(msg, []byte("\n"))
	if !bytes.Contains(msg, []byte(flowlog.DefaultPrefix)) {
		return "", false
	}
	fields := strings.Split(string(head), ",")
	if len(fields) < 3 {
		return "", false
	}
	usec, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("[%5d.%06d] %s", usec/1e6, usec%1e6, msg), true
}

func (k *kernelLog) add(line string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.buf = append(k.buf, line)
}

func (k *kernelLog) lines() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.buf)
}

func (k *kernelLog) reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.buf = nil
}

// flows reads the lines with netiso's own reader (what `netiso flows` reads); a line it cannot
// read fails the test.
func (k *kernelLog) flows(t testing.TB) map[flowlog.Flow]bool {
	t.Helper()
	l := flowlog.NewLog()
	if err := l.Read(strings.NewReader(strings.Join(k.lines(), "\n")), flowlog.Options{}); err != nil {
		t.Fatal(err)
	}
	out := map[flowlog.Flow]bool{}
	for _, f := range l.Flows() {
		out[f.Flow] = true
	}
	if bad := l.Bad; bad > 0 {
		t.Errorf("%d kernel log lines unread", bad)
	}
	return out
}
