package explain

import (
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func TestExplainZone(t *testing.T) {
	c := rulestest.File(t, "../../examples/pci/rules.yaml")
	e, err := Explain(c, "card.vault", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if e.Zone == nil || e.Zone.Name != "pci" || !slices.Equal(e.Zone.Namespaces, []string{"pci", "pci-dr"}) {
		t.Errorf("zone %+v", e.Zone)
	}
	if !equalJSON(t, e.ZonePolicies, []Ref{{Namespace: "pci", Name: "netiso-zone-pci"}, {Namespace: "pci-dr", Name: "netiso-zone-pci"}}) {
		t.Errorf("zone policies %+v", e.ZonePolicies)
	}
	text := e.Text()
	for _, want := range []string{"zone:        pci (namespaces pci, pci-dr)", "pci/netiso-zone-pci", "admits callers only from the zone's namespaces (pci, pci-dr)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if e, _ := Explain(c, "service.ledger", "", policy.DefaultOptions()); e.Zone != nil || len(e.ZonePolicies) != 0 || strings.Contains(e.Text(), "zone") {
		t.Errorf("a service in no zone explained with one: %+v", e.Zone)
	}

	// A pod of a member that carries (or is asked about) a label across the boundary: why not.
	lo := c.Options()
	pod := Pod{Namespace: "pci", Name: "card-1", Labels: map[string]string{policy.DefaultServiceLabel: "card.api", lo.CalleeKey("service.ledger"): "true"}}
	pe, err := ExplainPod(c, pod, []string{lo.TypeKey("backend")}, policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range pe.Labels {
		crosses := l.Key == lo.CalleeKey("service.ledger") || l.Key == lo.TypeKey("backend")
		if got := strings.Contains(l.Why, `card.api is in zone pci and service.ledger is in no zone`); got != crosses {
			t.Errorf("%s: %q: names the zone boundary %v, want %v", l.Key, l.Why, got, crosses)
		}
	}
	if !slices.ContainsFunc(pe.Notes, func(n string) bool {
		return strings.HasPrefix(n, "namespace pci is in zone pci") && !strings.Contains(n, "not a member")
	}) {
		t.Errorf("notes %q lack the pod's zone", pe.Notes)
	}
	// A service that names no namespaces may still run in a zone's: it is told it is no member.
	noNS, err := rules.Parse("r.yaml", []byte("apiVersion: netiso.dev/v1alpha1\nkind: Rules\nzones: [{name: pci, namespaces: [pci]}]\nservices: [{name: tool}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cn, err := rules.Compile(noNS, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pe, err = ExplainPod(cn, Pod{Namespace: "pci", Name: "tool-1", Labels: map[string]string{policy.DefaultServiceLabel: "tool"}}, nil, policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(pe.Notes, func(n string) bool { return strings.Contains(n, "tool is not a member") }) {
		t.Errorf("notes %q do not say tool is no member of zone pci", pe.Notes)
	}
}
