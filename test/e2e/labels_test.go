//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/scope"
)

// The labels are the truth: each attack that once left a pod with a label its rules do not grant,
// because the reconciler trusted the rules-hash annotation (which a pod's owner can write) or never
// looked, ends with exactly the grant, read back from the API.
func TestLabelsAreTheTruth(t *testing.T) {
	reconcilerIdle(t)
	r := compiled(t, baseRules)
	forged := "egress.netiso.dev/paymentservice" // frontend does not call paymentservice
	frontend := func(ns string) map[string]string { return grantOf(t, r, "frontend", ns) }
	current := map[string]string{mutate.AnnotationRulesHash: r.Hash()}

	t.Run("exempt round trip: a label added while exempt", func(t *testing.T) {
		ns := newNamespace(t, nil)
		p := pod(ns, "frontend", nil)
		create(t, p)
		setExempt(t, ns, true)
		run(t, append(kubectl, "label", "pod", "-n", ns, p.Name, forged+"=true")...)
		if got := get(t, p); got.Labels[forged] != "true" || got.Annotations[mutate.AnnotationRulesHash] != r.Hash() {
			t.Fatalf("setup: in an exempt namespace the label should stick, with the current annotation: %v %v", got.Labels, got.Annotations)
		}
		setExempt(t, ns, false)
		converges(t, p, frontend(ns))
	})

	t.Run("exempt round trip with an identity change: no union of grants", func(t *testing.T) {
		ns := newNamespace(t, nil)
		p := pod(ns, "frontend", nil)
		create(t, p)
		setExempt(t, ns, true)
		patch(t, p, types.MergePatchType, `{"metadata":{"labels":{"app":"checkoutservice"}}}`)
		if got := managed(get(t, p)); !maps.Equal(got, frontend(ns)) {
			t.Fatalf("setup: the pod should keep frontend's labels while exempt: %v", got)
		}
		setExempt(t, ns, false)
		converges(t, p, grantOf(t, r, "checkoutservice", ns))
	})

	t.Run("created while exempt with a forged label and the current annotation", func(t *testing.T) {
		ns := newNamespace(t, map[string]string{scope.ExemptLabel: "true"})
		p := pod(ns, "frontend", map[string]string{forged: "true"})
		p.Annotations = current
		create(t, p)
		setExempt(t, ns, false)
		converges(t, p, frontend(ns))
	})

	t.Run("webhook configuration deleted, then restored", func(t *testing.T) {
		ns := newNamespace(t, nil)
		annotatedLater := pod(ns, "frontend", nil)
		create(t, annotatedLater)
		restore := deleteWebhookConfiguration(t)
		p := pod(ns, "frontend", map[string]string{forged: "true"})
		p.Annotations = current
		create(t, p)
		if managed(p)[forged] != "true" {
			t.Fatalf("setup: with the webhook bypassed the forged label should be created: %v", p.Labels)
		}
		// The chart's policy refuses a forged label on UPDATE even now; annotating is allowed.
		patch(t, annotatedLater, types.MergePatchType, `{"metadata":{"annotations":{"`+mutate.AnnotationRulesHash+`":"`+r.Hash()+`"}}}`)
		time.Sleep(2 * time.Second) // the reconciler finds the pod and fails: nothing answers its UPDATE
		restore()
		converges(t, p, frontend(ns))
		converges(t, annotatedLater, frontend(ns))
	})

	t.Run("a terminating pod loses a revoked link", func(t *testing.T) {
		t.Cleanup(func() { setRules(t, baseRules) })
		p := pod(bankNamespace, "ledger", nil)
		p.Finalizers = []string{"e2e.netiso.dev/hold"} // no kubelet here: hold it in Terminating
		create(t, p)
		t.Cleanup(func() {
			if err := k8s.Patch(context.Background(), p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"finalizers":null}}`))); err != nil {
				t.Error(err)
			}
		})
		if err := k8s.Delete(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		if get(t, p).DeletionTimestamp == nil {
			t.Fatal("setup: the pod is not terminating")
		}
		const ledgerCalls = "    calls: [redis-cart]\n" // the last line of testRules
		if !bytes.HasSuffix(baseRules, []byte(ledgerCalls)) {
			t.Fatalf("testRules no longer ends with %q", ledgerCalls)
		}
		revoked := append(bytes.TrimSuffix(bytes.Clone(baseRules), []byte(ledgerCalls)), "    calls: [paymentservice]\n"...)
		want := grantOf(t, compiled(t, revoked), "ledger", bankNamespace)
		if maps.Equal(managed(get(t, p)), want) {
			t.Fatal("setup: the new rules grant what the pod has")
		}
		setRules(t, revoked)
		converges(t, p, want)
	})
}

// A Binding's labels are copied onto its pod by the API server, past every pod UPDATE rule: one
// carrying a managed key is refused, through pods/binding and the legacy bindings resource, with
// the webhook up (the webhook refuses it) and down (the chart's policy does); other labels still
// reach the pod.
func TestBindingLabels(t *testing.T) {
	ns := newNamespace(t, nil)
	bind := map[string]func(t *testing.T, p *corev1.Pod, labels map[string]string) error{
		"pods/binding": func(t *testing.T, p *corev1.Pod, labels map[string]string) error {
			return k8s.SubResource("binding").Create(t.Context(), p.DeepCopy(), binding(p, labels))
		},
		"bindings": func(t *testing.T, p *corev1.Pod, labels map[string]string) error {
			return k8s.Create(t.Context(), binding(p, labels))
		},
	}
	// The pods are created first: with the webhook down, a pod create fails closed.
	pods := map[string]*corev1.Pod{}
	for _, state := range []string{"up", "down"} {
		for name := range bind {
			p := pod(ns, "frontend", nil)
			create(t, p)
			pods[state+name] = p
		}
	}
	check := func(t *testing.T, state, refusedBy string) {
		for name, b := range bind {
			t.Run(name, func(t *testing.T) {
				p := pods[state+name]
				want := managed(p)
				err := b(t, p, map[string]string{"topology.kubernetes.io/zone": "z1", "egress.netiso.dev/paymentservice": "true"})
				if err == nil || !strings.Contains(err.Error(), refusedBy) || !strings.Contains(err.Error(), "egress.netiso.dev/paymentservice") {
					t.Fatalf("a Binding with a managed label: %v, want a refusal by %s naming the label", err, refusedBy)
				}
				if got := get(t, p); got.Spec.NodeName != "" || !maps.Equal(managed(got), want) {
					t.Errorf("after the refused Binding: node %q, labels %v", got.Spec.NodeName, got.Labels)
				}
				// The path is real: a Binding's other labels land on the pod.
				if err := b(t, p, map[string]string{"e2e.netiso.dev/bound": "yes"}); err != nil {
					t.Fatalf("a Binding without managed labels: %v", err)
				}
				got := get(t, p)
				if got.Spec.NodeName != "node-1" || !maps.Equal(managed(got), want) {
					t.Errorf("after the Binding: node %q, labels %v, want the grant %v", got.Spec.NodeName, got.Labels, want)
				}
				if got.Labels["e2e.netiso.dev/bound"] != "yes" {
					t.Logf("this API server does not copy a Binding's labels onto the pod (PodTopologyLabelsAdmission off?): %v", got.Labels)
				}
			})
		}
	}
	t.Run("webhook up", func(t *testing.T) { check(t, "up", "a Binding may not carry managed labels") })
	t.Run("webhook down", func(t *testing.T) {
		webhook.Stop()
		t.Cleanup(func() {
			if err := webhook.Start(); err != nil {
				t.Fatal(err)
			}
		})
		check(t, "down", "netiso-bindings")
	})
}

func binding(p *corev1.Pod, labels map[string]string) *corev1.Binding {
	return &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Namespace: p.Namespace, Name: p.Name, Labels: labels},
		Target:     corev1.ObjectReference{Kind: "Node", Name: "node-1"},
	}
}

// converges waits until the pod's managed labels are exactly want, and says how long it took.
func converges(t *testing.T, p *corev1.Pod, want map[string]string) {
	t.Helper()
	start := time.Now()
	eventually(t, "the pod's labels to be exactly its grant", func() bool { return maps.Equal(managed(get(t, p)), want) })
	t.Logf("%s/%s: exactly its grant after %s", p.Namespace, p.Name, time.Since(start).Round(time.Millisecond))
}

func setExempt(t *testing.T, ns string, exempt bool) {
	t.Helper()
	value := "null"
	if exempt {
		value = `"true"`
	}
	obj := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}
	if err := k8s.Patch(t.Context(), obj, client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"`+scope.ExemptLabel+`":`+value+`}}}`))); err != nil {
		t.Fatal(err)
	}
	// The API server matches webhooks against namespaces from its informer, which lags: wait until
	// a (dry-run) forged label is kept, or dropped, as the namespace now says.
	const forged = "egress.netiso.dev/paymentservice"
	eventually(t, "the API server to see the namespace's exempt label", func() bool {
		p := pod(ns, "frontend", map[string]string{forged: "true"})
		p.GenerateName, p.Name = "", "probe"
		if err := k8s.Create(t.Context(), p, client.DryRunAll); err != nil {
			t.Fatal(err)
		}
		return (p.Labels[forged] == "true") == exempt
	})
}

// deleteWebhookConfiguration deletes netiso's MutatingWebhookConfiguration, as an admin's mistake
// would, and returns what restores it (also run at cleanup, in case the test stops first).
func deleteWebhookConfiguration(t *testing.T) func() {
	t.Helper()
	var list admissionregv1.MutatingWebhookConfigurationList
	if err := k8s.List(t.Context(), &list); err != nil || len(list.Items) != 1 {
		t.Fatalf("want one MutatingWebhookConfiguration: %v %d", err, len(list.Items))
	}
	saved := list.Items[0].DeepCopy()
	if err := k8s.Delete(t.Context(), &list.Items[0]); err != nil {
		t.Fatal(err)
	}
	// The API server's admission plugin sees the deletion within its informer's delay.
	time.Sleep(time.Second)
	restored := false
	restore := func() {
		if restored {
			return
		}
		restored = true
		saved.ResourceVersion, saved.UID, saved.ManagedFields = "", "", nil
		if err := k8s.Create(context.Background(), saved); err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
	}
	t.Cleanup(restore)
	return restore
}
