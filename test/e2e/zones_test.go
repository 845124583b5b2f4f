//go:build e2e

package e2e

import (
	"maps"
	"os"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
)

// TestZones: zoned rules, served by the real webhook from the real ConfigMap, label a member's pod
// in its zone exactly as the rules grant (a forged label for a service outside the zone removed),
// and give it nothing outside the zone's namespaces; netiso holds the zone's policies, and a team in
// the zone holding the edit role can neither add an egress policy nor remove the zone's.
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

	// netiso holds the zone's policies itself, as the API server stores them.
	want := implied(t, zoned)
	awaitPolicies(t, "netiso to hold the zoned rules' policies", want)
	zonePolicies := 0
	for _, np := range want {
		if np.Labels[policy.ZoneLabel] != "" {
			zonePolicies++
		}
	}
	if zonePolicies != 2 {
		t.Errorf("%d zone policies, want 2", zonePolicies)
	}
	// A team inside the zone can neither let its pods out nor take the zone's policies away.
	refuses(t, editUser(t, "team-pci", "pci"), attacks("pci", "card.vault", "pci"), want)
}
