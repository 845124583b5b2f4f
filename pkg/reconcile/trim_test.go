package reconcile

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

const (
	digestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	digestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

// trimRules have every kind of anchor (ServiceAccount, repository, digests, a builder's signature),
// an identity default, types and a namespace binding, so that a pod's judgement reads every part of
// it the cache keeps.
func trimRules(t testing.TB) *rules.Compiled {
	t.Helper()
	return rulestest.Document(t, `
apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
- name: ci
  publicKey: |
    -----BEGIN PUBLIC KEY-----
    MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42
    OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==
    -----END PUBLIC KEY-----
identityDefaults:
- namespaces: [shop]
  identity:
    repositories: [registry.example.com/shop/*]
services:
- name: checkout
  namespaces: [shop]
  calls: [payment]
  callsTypes: [backend]
  identity:
    serviceAccounts: [checkout]
    repositories: [registry.example.com/shop/checkout]
    signedBy: [ci]
- name: cart
  calls: [payment, checkout]
- name: legacy
  calls: [payment]
  identity: {}
- name: payment
  type: backend
- name: ledger
  type: backend
  namespaces: [bank]
`)
}

// trimSignatures fakes the registry: digest A is signed by ci, B is being checked, any other is not signed.
func trimSignatures(d name.Digest, builders []rules.Builder) mutate.Signature {
	switch d.DigestStr() {
	case digestA:
		if len(builders) > 0 {
			return mutate.Signature{Verified: builders[0].Name}
		}
	case digestB:
		return mutate.Signature{Pending: true, Problem: "registry slow"}
	}
	return mutate.Signature{Problem: "no signature by these keys"}
}

// randomPod is a pod as the API server sends it: pkg/synth's realistic pod (managed fields, owner
// reference, annotations, foreign labels, two containers with env, probes and resources), then a
// random choice of identity, namespace, ServiceAccount, images, extra containers, managed and
// look-alike labels, and deletion.
func randomPod(t testing.TB, rnd *rand.Rand, i int) *corev1.Pod {
	t.Helper()
	pick := func(vs ...string) string { return vs[rnd.IntN(len(vs))] }
	service := pick("checkout", "cart", "legacy", "payment", "ledger", "unknown", "")
	p := &corev1.Pod{}
	if err := json.Unmarshal(synth.Pod(cmpOr(service, "none"), "app", 6000), p); err != nil {
		t.Fatal(err)
	}
	p.Name, p.Namespace, p.UID, p.ResourceVersion = fmt.Sprintf("p-%d", i), pick("shop", "bank", "other"), "uid", fmt.Sprint(i)
	if service == "" {
		delete(p.Labels, "app")
	}
	keys := []string{
		"egress.netiso.dev/payment", "egress.netiso.dev/checkout", "egress.netiso.dev/ledger", "egress.netiso.dev/revoked",
		"egress-type.netiso.dev/backend", "egress-type.netiso.dev/other",
		"egress.netiso.dev.evil/payment", "egress.netiso.devx/payment", "egress.netiso.dev", "x.egress.netiso.dev/payment",
		"team", "version", "app.kubernetes.io/name",
	}
	for _, k := range keys {
		if rnd.IntN(3) == 0 {
			p.Labels[k] = pick("true", "false", "")
		}
	}
	p.Spec.ServiceAccountName = pick("checkout", "", "default", "other")
	if p.Spec.ServiceAccountName == "" && rnd.IntN(2) == 0 {
		p.Spec.DeprecatedServiceAccount = pick("checkout", "other")
	}
	image := func() string {
		return pick("registry.example.com/shop/checkout", "registry.example.com/shop/cart", "elsewhere.example/x") +
			pick(":v1", "@"+digestA, "@"+digestB, "@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc")
	}
	for j := range p.Spec.Containers {
		p.Spec.Containers[j].Image = image()
	}
	if rnd.IntN(3) == 0 {
		p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: image(), Command: []string{"sh", "-c", "true"}}}
	}
	if rnd.IntN(4) == 0 {
		p.Spec.EphemeralContainers = []corev1.EphemeralContainer{{EphemeralContainerCommon: corev1.EphemeralContainerCommon{Name: "debug", Image: image(), Stdin: true}}}
	}
	if service == "checkout" && rnd.IntN(2) == 0 {
		// Most anchors pass, so that the signature's answer decides.
		p.Namespace, p.Spec.ServiceAccountName, p.Spec.InitContainers = "shop", "checkout", nil
		for j := range p.Spec.Containers {
			p.Spec.Containers[j].Image = "registry.example.com/shop/checkout@" + pick(digestA, digestB)
		}
	}
	if rnd.IntN(5) == 0 {
		now := metav1.Now()
		p.DeletionTimestamp, p.Finalizers = &now, []string{"example.com/hold"}
	}
	p.Status = corev1.PodStatus{Phase: corev1.PodRunning, PodIP: "10.0.0.1", Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}
	return p
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestTrimPodJudgesAsTheFullPod is differential: 2,000 random pods, each judged from the full pod
// and from what the cache keeps of it, by everything that reads the cache (the reconciler's
// judgement and its pending signature, the policy owner's in-transit check and its selector of a
// service's pods, the identity and digest indexes) must give the same answers.
func TestTrimPodJudgesAsTheFullPod(t *testing.T) {
	c := trimRules(t)
	r := &Reconciler{ServiceLabel: "app", Signatures: trimSignatures}
	trim := TrimPod(r.ServiceLabel, c.Options().IsManaged)
	rnd := rand.New(rand.NewPCG(27, 45000))
	cfg := mutate.Config{ServiceLabel: r.ServiceLabel}
	var upToDate, pending, differing int
	for i := range 2000 {
		full := randomPod(t, rnd, i)
		before, err := json.Marshal(full)
		if err != nil {
			t.Fatal(err)
		}
		out, err := trim(full)
		if err != nil {
			t.Fatal(err)
		}
		trimmed := out.(*corev1.Pod)
		if after, _ := json.Marshal(full); string(after) != string(before) {
			t.Fatalf("pod %d: the transform changed its input", i)
		}
		fail := func(what string, a, b any) {
			t.Helper()
			t.Errorf("pod %d (labels %v, namespace %s): %s: full %v, trimmed %v", i, full.Labels, full.Namespace, what, a, b)
		}
		if w1, w2 := mutate.WorkloadOf(&full.Spec), mutate.WorkloadOf(&trimmed.Spec); !reflect.DeepEqual(w1, w2) {
			fail("what it runs", w1, w2)
		}
		g1, p1 := r.judge(full, c)
		g2, p2 := r.judge(trimmed, c)
		if !slices.Equal(g1.Keys, g2.Keys) || p1 != p2 {
			fail("grant, pending", fmt.Sprint(g1.Keys, p1), fmt.Sprint(g2.Keys, p2))
		}
		if e1, e2 := g1.Exactly(full.Labels, c.Options().IsManaged), g2.Exactly(trimmed.Labels, c.Options().IsManaged); e1 != e2 {
			fail("labels exactly its grant", e1, e2)
		}
		if u1, u2 := r.upToDate(full.Labels, full, c), r.upToDate(trimmed.Labels, trimmed, c); u1 != u2 {
			fail("up to date", u1, u2)
		} else if u1 {
			upToDate++
		}
		if p1 {
			pending++
		}
		if a1, a2 := mutate.AtServiceGrant(full.Labels, full.Namespace, c, cfg), mutate.AtServiceGrant(trimmed.Labels, trimmed.Namespace, c, cfg); a1 != a2 {
			fail("at its service's grant (policy owner)", a1, a2)
		}
		if i1, i2 := r.identity(full), r.identity(trimmed); !slices.Equal(i1, i2) {
			fail("identity index", i1, i2)
		}
		if d1, d2 := digests(full), digests(trimmed); !slices.Equal(d1, d2) {
			fail("digest index", d1, d2)
		}
		sel := labels.SelectorFromSet(labels.Set{"app": full.Labels["app"]})
		if m1, m2 := sel.Matches(labels.Set(full.Labels)), sel.Matches(labels.Set(trimmed.Labels)); m1 != m2 {
			fail("a service's policy selects it", m1, m2)
		}
		if len(full.Labels) != len(trimmed.Labels) {
			differing++
		}
		if a, b := full.ObjectMeta, trimmed.ObjectMeta; a.Name != b.Name || a.Namespace != b.Namespace || a.UID != b.UID ||
			a.ResourceVersion != b.ResourceVersion || !reflect.DeepEqual(a.DeletionTimestamp, b.DeletionTimestamp) {
			fail("identity of the object", a.Namespace+"/"+a.Name, b.Namespace+"/"+b.Name)
		}
		for k := range trimmed.Labels {
			if k != "app" && !c.Options().IsManaged(k) {
				t.Errorf("pod %d: foreign label %s kept", i, k)
			}
		}
		if trimmed.Annotations != nil || trimmed.ManagedFields != nil || trimmed.OwnerReferences != nil || trimmed.Finalizers != nil ||
			!reflect.DeepEqual(trimmed.Status, corev1.PodStatus{}) {
			t.Errorf("pod %d: kept more than it reads: %+v", i, trimmed.ObjectMeta)
		}
	}
	// The cases are not all one answer: some pods are up to date, some wait for a signature, and most
	// lose foreign labels.
	if upToDate == 0 || upToDate == 2000 || pending == 0 || differing == 0 {
		t.Errorf("the random pods do not exercise the judgement: %d up to date, %d pending, %d trimmed of labels", upToDate, pending, differing)
	}
}

func TestTrimPodPassesTombstones(t *testing.T) {
	trim := TrimPod("app", rules.DefaultOptions().IsManaged)
	in := "not a pod"
	if out, err := trim(in); err != nil || out != in {
		t.Errorf("trim(%q) = %v, %v", in, out, err)
	}
}

// TestInternerBounded: past maxInterned strings the table starts again, and interned strings keep
// their values.
func TestInternerBounded(t *testing.T) {
	in := &interner{m: map[string]string{}}
	for i := range maxInterned + 10 {
		if s := fmt.Sprint(i); in.intern(s) != s {
			t.Fatalf("intern(%s) changed it", s)
		}
	}
	if len(in.m) > maxInterned {
		t.Errorf("%d strings interned, bound %d", len(in.m), maxInterned)
	}
	a := in.intern(strings.Repeat("x", 3))
	if b := in.intern("xxx"); a != b || len(in.m) != 11 {
		t.Errorf("intern: %q, %q, %d entries", a, b, len(in.m))
	}
}

// BenchmarkTrimPod measures what the cache keeps of a realistic pod (pkg/synth's 10 KB pod of a
// 15,000-service rule set, its grant of 6 callees and 2 types as labels, 2 foreign labels, 2
// containers): the heap retained per pod once 20,000 of them are held, the store's own
// entries aside (the benchmark report of test/reconcilebench measures the whole process).
func BenchmarkTrimPod(b *testing.B) {
	const n = 20000
	opts := rules.DefaultOptions()
	trim := TrimPod("app", opts.IsManaged)
	raw := make([][]byte, 1500)
	for i := range raw {
		service := fmt.Sprintf("service.account-%05d", i*10)
		p := &corev1.Pod{}
		if err := json.Unmarshal(synth.Pod(service, "app", 10000), p); err != nil {
			b.Fatal(err)
		}
		for j := range 6 {
			p.Labels[opts.CalleeKey(fmt.Sprintf("service.ledger-%05d", (i*7+j*1009)%15000))] = rules.LabelValue
		}
		p.Labels[opts.TypeKey("backend")], p.Labels[opts.TypeKey("platform/observability")] = rules.LabelValue, rules.LabelValue
		p.Namespace = fmt.Sprintf("team-%03d", i%120)
		var err error
		if raw[i], err = json.Marshal(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	var perPod float64
	for b.Loop() {
		held := make([]any, n)
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		for i := range held {
			p := &corev1.Pod{}
			if err := json.Unmarshal(raw[i%len(raw)], p); err != nil {
				b.Fatal(err)
			}
			p.Name, p.UID, p.ResourceVersion = fmt.Sprintf("%s-7c9b5d8f4-%05d", p.Labels["app"], i), "0b0c3a9e-5d55-4f5e-9b0e-6a2f0c1d2e3f", fmt.Sprint(1000000+i)
			held[i], _ = trim(p)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		perPod = float64(m1.HeapAlloc-m0.HeapAlloc) / n
		runtime.KeepAlive(held)
	}
	b.ReportMetric(perPod, "retained-B/pod")
}
