package rules_test

import (
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

const ciKey = `-----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42
      OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==
      -----END PUBLIC KEY-----`

func anchored(services, extra string) string {
	return `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
  - name: ci
    publicKey: |
      ` + ciKey + `
` + extra + `services:
` + services
}

func TestIdentityResolution(t *testing.T) {
	doc := anchored(`  - name: checkout
    identity: {serviceAccounts: [checkout], repositories: [docker.io/shop/checkout, "registry.example.com:5000/shop/*"], signedBy: [ci]}
  - name: cart
  - name: legacy
    identity: {}
`, `identityDefaults:
  - identity: {requireDigests: true}
  - namespaces: [shop, shop-canary]
    identity: {repositories: ["registry.example.com/*"]}
`)
	c, err := rules.Compile(mustParse(t, doc), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	id, ok := c.Identity("checkout", "anywhere")
	if !ok || !id.Digests() || len(id.SignedBy) != 1 {
		t.Fatalf("checkout's own identity: %+v %v", id, ok)
	}
	// Normalized as the container runtime reads names: Docker Hub's registry filled in.
	if want := []string{"index.docker.io/shop/checkout", "registry.example.com:5000/shop/*"}; strings.Join(id.Repositories, " ") != strings.Join(want, " ") {
		t.Errorf("repositories %v, want %v", id.Repositories, want)
	}
	for _, tc := range []struct {
		repo string
		want bool
	}{
		{"index.docker.io/shop/checkout", true},
		{"registry.example.com:5000/shop/checkout/v2", true},
		{"registry.example.com:5000/shopx/checkout", false},
		{"registry.example.com/shop/checkout", false},
	} {
		if got := id.MatchRepository(tc.repo); got != tc.want {
			t.Errorf("MatchRepository(%s) = %v, want %v", tc.repo, got, tc.want)
		}
	}
	if id, ok := c.Identity("cart", "shop-canary"); !ok || !id.MatchRepository("registry.example.com/any/thing") || id.MatchRepository("index.docker.io/library/nginx") {
		t.Errorf("cart in shop-canary: %+v %v, want the namespace's default", id, ok)
	}
	if id, ok := c.Identity("cart", "elsewhere"); !ok || !id.RequireDigests || len(id.Repositories) > 0 {
		t.Errorf("cart elsewhere: %+v %v, want the default for every namespace", id, ok)
	}
	if id, ok := c.Identity("legacy", "shop"); ok {
		t.Errorf("legacy's empty identity should override the defaults, got %+v", id)
	}
	// The compiled document round-trips, with the same version.
	again, err := rules.Compile(c.Document(), rules.DefaultOptions())
	if err != nil || again.Hash() != c.Hash() {
		t.Fatalf("round trip: %v, hash %s want %s", err, again.Hash(), c.Hash())
	}
	// An anchor is part of the version: loosening one changes it.
	loose, err := rules.Compile(mustParse(t, strings.Replace(doc, "signedBy: [ci]", "", 1)), rules.DefaultOptions())
	if err != nil || loose.Hash() == c.Hash() {
		t.Errorf("dropping signedBy kept the version %s (%v)", c.Hash(), err)
	}
}

func TestIdentityValidation(t *testing.T) {
	for _, tc := range []struct {
		name, services, extra, want string
	}{
		{"unknown builder", "  - {name: a, identity: {signedBy: [nobody]}}\n", "", `signedBy names builder "nobody"`},
		{"repository with a tag", "  - {name: a, identity: {repositories: [\"nginx:1.27\"]}}\n", "", `repository "nginx:1.27"`},
		{"wildcard in the middle", "  - {name: a, identity: {repositories: [\"registry.example.com/*/x\"]}}\n", "", `repository "registry.example.com/*/x"`},
		{"a wildcard on a bare name", "  - {name: a, identity: {repositories: [\"shop/*\"]}}\n", "", "a wildcard follows a registry"},
		{"ServiceAccount not a name", "  - {name: a, identity: {serviceAccounts: [Checkout]}}\n", "", `invalid serviceAccount "Checkout"`},
		{"duplicate ServiceAccount", "  - {name: a, identity: {serviceAccounts: [x, x]}}\n", "", `serviceAccount "x" listed twice`},
		{"same repository twice", "  - {name: a, identity: {repositories: [nginx, docker.io/library/nginx]}}\n", "", `listed twice`},
		{"two catch-all defaults", "  - {name: a}\n", "identityDefaults: [{identity: {requireDigests: true}}, {identity: {}}]\n", "a second default for every namespace"},
		{"a namespace in two defaults", "  - {name: a}\n", "identityDefaults: [{namespaces: [x], identity: {}}, {namespaces: [x], identity: {}}]\n", `namespace "x" already has a default`},
		{"a private key", "  - {name: a}\n", "", `"EC PRIVATE KEY" PEM block, want "PUBLIC KEY" (never a private key in the rules)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := anchored(tc.services, tc.extra)
			if tc.name == "a private key" {
				doc = strings.Replace(doc, "PUBLIC KEY", "EC PRIVATE KEY", 2)
			}
			err := rules.Validate(mustParse(t, doc), rules.DefaultOptions())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func mustParse(t *testing.T, doc string) *rules.Document {
	t.Helper()
	d, err := rules.Parse("test.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A rules change revisits the pods whose judgement it can change: a service's own anchors, or
// everyone's when the builders or the defaults change.
func TestDiffIdentities(t *testing.T) {
	base := anchored("  - {name: a, identity: {serviceAccounts: [a]}}\n  - {name: b}\n  - {name: c, identity: {requireDigests: true}}\n",
		"identityDefaults: [{namespaces: [x], identity: {requireDigests: true}}]\n")
	prev := rulestestCompile(t, base)
	for _, tc := range []struct {
		name     string
		next     string
		services []string
		everyone bool
	}{
		{"nothing", base, nil, false},
		{"a service's anchor", strings.Replace(base, "serviceAccounts: [a]", "serviceAccounts: [a, a2]", 1), []string{"a"}, false},
		{"an anchor dropped", strings.Replace(base, "{name: c, identity: {requireDigests: true}}", "{name: c}", 1), []string{"c"}, false},
		{"a default", strings.Replace(base, "namespaces: [x]", "namespaces: [x, z]", 1), nil, true},
		{"a builder's key", strings.Replace(strings.Replace(base, "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42", "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEF+Up6oYeCAGcD3zGCTgDkieFDCdQ", 1),
			"OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==", "XVNPmRB/q4jDOFyaD//0Y7eWp0YI3ilZF8JoCM6dH003SyaspLotWPXg7Q==", 1), nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			services, everyone := rules.DiffIdentities(prev, rulestestCompile(t, tc.next))
			if strings.Join(services, ",") != strings.Join(tc.services, ",") || everyone != tc.everyone {
				t.Errorf("DiffIdentities = %v, %v; want %v, %v", services, everyone, tc.services, tc.everyone)
			}
		})
	}
}

func rulestestCompile(t *testing.T, doc string) *rules.Compiled {
	t.Helper()
	c, err := rules.Compile(mustParse(t, doc), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
