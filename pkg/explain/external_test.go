package explain

import (
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func TestExplainExternal(t *testing.T) {
	c := rulestest.File(t, "../policy/testdata/pci-external.rules.yaml")
	e, err := Explain(c, "card.gateway", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []rules.External{
		{CIDR: "203.0.113.0/24", Except: []string{"203.0.113.128/25"}, Ports: []rules.Port{{Port: 443, Protocol: "TCP"}}},
		{CIDR: "2001:db8:ca7d::/48", Ports: []rules.Port{{Port: 443, Protocol: "TCP"}}},
	}
	if !equalJSON(t, e.External, want) {
		t.Errorf("external %+v, want %+v", e.External, want)
	}
	if !equalJSON(t, e.ExternalPolicies, []Ref{{Namespace: "pci", Name: "netiso-external-card.gateway"}, {Namespace: "pci-dr", Name: "netiso-external-card.gateway"}}) {
		t.Errorf("external policies %+v", e.ExternalPolicies)
	}
	text := e.Text()
	for _, w := range []string{
		"  external:    203.0.113.0/24 except 203.0.113.128/25 on 443/TCP\n               2001:db8:ca7d::/48 on 443/TCP\n",
		"its external policies (let its pods reach its destinations outside the cluster):\n  pci/netiso-external-card.gateway\n  pci-dr/netiso-external-card.gateway\n",
		"and, by a policy of its own, its 2 destinations outside the cluster",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	// Another member has none, and is told nothing of them.
	e, err = Explain(c, "card.api", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if e.External != nil || e.ExternalPolicies != nil || strings.Contains(e.Text(), "external") || strings.Contains(e.Text(), "outside the cluster") {
		t.Errorf("card.api explained with external destinations:\n%s", e.Text())
	}
}
