//go:build e2e

package e2e

import (
	"context"
	"maps"
	"os"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
)

// TestZones: zoned rules, served by the real webhook from the real ConfigMap, label a member's pod
// in its zone exactly as the rules grant (a forged label for a service outside the zone removed),
// and give it nothing outside the zone's namespaces; the zone's policies are accepted by the API
// server and stored as written.
func TestZones(t *testing.T) {
	t.Cleanup(func() { setRules(t, baseRules) })
	doc, err := os.ReadFile("../../examples/pci/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	zoned := compiled(t, doc)
	for _, ns := range []string{"pci", "pci-dr", "bank", "platform", "edge"} {
		err := k8s.Create(t.Context(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatal(err)
		}
	}
	setRules(t, doc)
	forged := map[string]string{zoned.Options().CalleeKey("service.ledger"): "true"}
	var p *corev1.Pod
	eventually(t, "the zoned rules to be served", func() bool {
		p = pod("pci", "card.api", forged)
		if err := k8s.Create(t.Context(), p, client.DryRunAll); err != nil {
			t.Fatal(err)
		}
		return p.Annotations[mutate.AnnotationRulesHash] == zoned.Hash()
	})
	if got, want := managed(p), grantOf(t, zoned, "card.api", "pci"); !maps.Equal(got, want) {
		t.Errorf("member in its zone: labels %v, want %v", got, want)
	}
	outside := pod("bank", "card.api", forged)
	if err := k8s.Create(t.Context(), outside, client.DryRunAll); err != nil {
		t.Fatal(err)
	}
	if got := managed(outside); len(got) != 0 {
		t.Errorf("member outside its zone's namespaces: labels %v, want none", got)
	}

	opts := policy.DefaultOptions()
	opts.ServiceLabel, opts.NetisoNamespace, opts.DefaultDeny = serviceLabel, netisoNamespace, true
	policies, err := policy.Generate(zoned, opts)
	if err != nil {
		t.Fatal(err)
	}
	zonePolicies := 0
	for _, np := range policies {
		if err := k8s.Create(t.Context(), np.DeepCopy()); err != nil {
			t.Fatalf("%s/%s: %v", np.Namespace, np.Name, err)
		}
		t.Cleanup(func() { _ = k8s.Delete(context.Background(), np.DeepCopy()) })
		stored := &networkingv1.NetworkPolicy{}
		if err := k8s.Get(t.Context(), client.ObjectKeyFromObject(np), stored); err != nil {
			t.Fatal(err)
		}
		if !apiequality.Semantic.DeepEqual(stored.Spec, np.Spec) {
			t.Errorf("%s/%s stored as %+v, written as %+v", np.Namespace, np.Name, stored.Spec, np.Spec)
		}
		if np.Labels[policy.ZoneLabel] != "" {
			zonePolicies++
		}
	}
	if zonePolicies != 2 {
		t.Errorf("%d zone policies, want 2", zonePolicies)
	}
}
