package rules_test

import (
	"slices"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

func TestOnlineBoutiqueExample(t *testing.T) {
	const path = "../../examples/online-boutique/rules.yaml"
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	c := compile(t, doc, rules.DefaultOptions())
	if c.Len() != 12 || c.Links() != 15 {
		t.Errorf("Len %d Links %d, want 12 services and 15 links", c.Len(), c.Links())
	}

	callees := []string{"adservice", "cartservice", "checkoutservice", "currencyservice",
		"productcatalogservice", "recommendationservice", "shippingservice"}
	var keys []string
	for _, callee := range callees {
		keys = append(keys, "egress.netiso.dev/"+callee)
	}
	tests := map[string]struct {
		service string
		want    rules.Grant
	}{
		"frontend":      {"frontend", grantOf(keys...)},
		"cartservice":   {"cartservice", grantOf("egress.netiso.dev/redis-cart")},
		"loadgenerator": {"loadgenerator", grantOf()},
		"redis-cart":    {"redis-cart", grantOf()},
		"checkoutservice": {"checkoutservice", grantOf("egress.netiso.dev/cartservice", "egress.netiso.dev/currencyservice",
			"egress.netiso.dev/emailservice", "egress.netiso.dev/paymentservice",
			"egress.netiso.dev/productcatalogservice", "egress.netiso.dev/shippingservice")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, verdict := c.Lookup(tc.service, "default")
			if verdict != rules.Granted {
				t.Fatalf("verdict %d", verdict)
			}
			checkGrant(t, got, tc.want)
		})
	}

	frontend, _ := c.Service("frontend")
	if !frontend.Public || !slices.Equal(frontend.Ports, []rules.Port{{Port: 8080, Protocol: "TCP"}}) {
		t.Errorf("frontend = %+v, want public on 8080/TCP", frontend)
	}
	for _, name := range c.Names() {
		if s, _ := c.Service(name); s.Public != (name == "frontend") {
			t.Errorf("%s: public %v", name, s.Public)
		}
	}
}
