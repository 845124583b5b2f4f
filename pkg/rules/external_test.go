package rules_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netiso/netiso/pkg/rules"
)

// gateway is a member of zone pci (pciZone) with the given external destinations (a YAML flow list).
func gateway(external string) string {
	return pciServices + "  - {name: gw, zone: pci, namespaces: [pci], external: " + external + "}\n"
}

func TestParseExternal(t *testing.T) {
	const yamlDoc = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
services:
  - name: gw
    zone: pci
    namespaces: [pci]
    external:                      # the card network
      - cidr: 203.0.113.0/24
        except: [203.0.113.128/25]
        ports: [{port: 443, protocol: TCP}]
      - cidr: 2001:db8::/32
`
	const jsonDoc = `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","namespaces":["pci"]}],"services":[{"name":"gw","zone":"pci","namespaces":["pci"],` +
		`"external":[{"cidr":"203.0.113.0/24","except":["203.0.113.128/25"],"ports":[{"port":443,"protocol":"TCP"}]},{"cidr":"2001:db8::/32"}]}]}`
	want := []rules.External{
		{CIDR: "203.0.113.0/24", Except: []string{"203.0.113.128/25"}, Ports: []rules.Port{{Port: 443, Protocol: "TCP"}}},
		{CIDR: "2001:db8::/32"},
	}
	for name, data := range map[string]string{"yaml": yamlDoc, "json": jsonDoc} {
		t.Run(name, func(t *testing.T) {
			doc, err := rules.Parse("r", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Services[0].External; !reflect.DeepEqual(got, want) {
				t.Errorf("external %+v, want %+v", got, want)
			}
			c := compile(t, doc, rules.DefaultOptions())
			if s, _ := c.Service("gw"); !reflect.DeepEqual(s.External, want) {
				t.Errorf("compiled external %+v, want %+v", s.External, want)
			}
		})
	}
	for name, data := range map[string]string{
		"unknown field in an external destination": "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices: [{name: gw, external: [{cidr: 10.0.0.0/8, host: a.example}]}]\n",
		"a destination that is a string":           `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"gw","external":["10.0.0.0/8"]}]}`,
		"except that is a string":                  `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"gw","external":[{"cidr":"10.0.0.0/8","except":"10.1.0.0/16"}]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := rules.Parse("r", []byte(data)); err == nil {
				t.Error("Parse accepted it")
			}
		})
	}
	// An unknown field in an external destination is named at its place, with a suggestion.
	data := "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices: [{name: gw, external: [{cidr: 10.0.0.0/8, excepts: [10.1.0.0/16]}]}]\n"
	_, err := rules.Parse("r.yaml", []byte(data))
	if got := asErrors(t, err); len(got) != 1 || got[0].Service != "gw" || got[0].Problem != `unknown field "excepts" at /services/0/external/0 (did you mean "except"?)` {
		t.Errorf("Parse: %v", got)
	}
}

// TestValidateExternalErrors has one case for every problem of external destinations; each input
// has exactly that one problem.
func TestValidateExternalErrors(t *testing.T) {
	tests := map[string]struct {
		services    string
		wantService string
		wantProblem string
	}{
		"outside a zone": {
			services:    pciServices + "  - {name: web, external: [{cidr: 203.0.113.0/24}]}\n",
			wantService: "web",
			wantProblem: "external destinations apply to zone members: outside a zone netiso does not restrict egress, so they would open nothing",
		},
		"no cidr": {
			services:    gateway("[{ports: [{port: 443}]}]"),
			wantService: "gw",
			wantProblem: "external cidr is required: an IPv4 or IPv6 CIDR, like 203.0.113.0/24 or 2001:db8::/32",
		},
		"not a cidr": {
			services:    gateway("[{cidr: card-network.example}]"),
			wantService: "gw",
			wantProblem: `external cidr "card-network.example" is not an IPv4 or IPv6 CIDR (like 203.0.113.0/24 or 2001:db8::/32): no '/'`,
		},
		"an address, not a cidr": {
			services:    gateway("[{cidr: 203.0.113.5}]"),
			wantService: "gw",
			wantProblem: `external cidr "203.0.113.5" is not an IPv4 or IPv6 CIDR`,
		},
		"a prefix too long": {
			services:    gateway("[{cidr: 203.0.113.0/33}]"),
			wantService: "gw",
			wantProblem: `external cidr "203.0.113.0/33" is not an IPv4 or IPv6 CIDR`,
		},
		"host bits set": {
			services:    gateway("[{cidr: 10.0.0.1/8}]"),
			wantService: "gw",
			wantProblem: `external cidr "10.0.0.1/8" has host bits set: write 10.0.0.0/8`,
		},
		"IPv6 host bits set": {
			services:    gateway(`[{cidr: "2001:db8::1/32"}]`),
			wantService: "gw",
			wantProblem: `external cidr "2001:db8::1/32" has host bits set: write 2001:db8::/32`,
		},
		"IPv6 not written canonically": {
			services:    gateway(`[{cidr: "2001:DB8:0::/32"}]`),
			wantService: "gw",
			wantProblem: `external cidr "2001:DB8:0::/32" is not written canonically: write 2001:db8::/32`,
		},
		"a cidr listed twice": {
			services:    gateway("[{cidr: 203.0.113.0/24, ports: [{port: 443}]}, {cidr: 203.0.113.0/24, ports: [{port: 8443}]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24 listed twice: give each CIDR one entry, with all its ports",
		},
		"except outside the cidr": {
			services:    gateway("[{cidr: 203.0.113.0/24, except: [198.51.100.0/25]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: except 198.51.100.0/25 is not inside it",
		},
		"except larger than the cidr": {
			services:    gateway("[{cidr: 203.0.113.0/24, except: [203.0.112.0/23]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: except 203.0.112.0/23 is not inside it",
		},
		"except of the other family": {
			services:    gateway(`[{cidr: 203.0.113.0/24, except: ["2001:db8::/32"]}]`),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: except 2001:db8::/32 is not inside it",
		},
		"except the whole cidr": {
			services:    gateway("[{cidr: 203.0.113.0/24, except: [203.0.113.0/24]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: except 203.0.113.0/24 is all of it: nothing would be left to reach",
		},
		"except with host bits set": {
			services:    gateway("[{cidr: 203.0.113.0/24, except: [203.0.113.129/25]}]"),
			wantService: "gw",
			wantProblem: `external 203.0.113.0/24: except "203.0.113.129/25" has host bits set: write 203.0.113.128/25`,
		},
		"except listed twice": {
			services:    gateway("[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.128/25]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: except 203.0.113.128/25 listed twice",
		},
		"port out of range": {
			services:    gateway("[{cidr: 203.0.113.0/24, ports: [{port: 70000}]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: port 70000 out of range 1-65535",
		},
		"unknown protocol": {
			services:    gateway("[{cidr: 203.0.113.0/24, ports: [{port: 443, protocol: QUIC}]}]"),
			wantService: "gw",
			wantProblem: `external 203.0.113.0/24: port 443: protocol "QUIC": want TCP, UDP or SCTP`,
		},
		"port listed twice": {
			services:    gateway("[{cidr: 203.0.113.0/24, ports: [{port: 443}, {port: 443, protocol: TCP}]}]"),
			wantService: "gw",
			wantProblem: "external 203.0.113.0/24: port 443/TCP listed twice",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			checkOneError(t, zoned{"a.yaml", pciZone, tc.services}.doc(t), rules.DefaultOptions(), "a.yaml", tc.wantService, tc.wantProblem)
		})
	}
}

// TestValidateExternalEveryProblem: one run names every problem of external destinations, with
// its file and service, the same port in two destinations is no duplicate, and a destination
// without a valid CIDR is still named.
func TestValidateExternalEveryProblem(t *testing.T) {
	doc := zoned{"a.yaml", pciZone, pciServices + `  - name: gw
    zone: pci
    namespaces: [pci]
    external:
      - {cidr: 203.0.113.0/24, ports: [{port: 443}]}
      - {cidr: 198.51.100.0/24, ports: [{port: 443}]}
      - {cidr: 10.0.0.1/8, ports: [{port: 0}]}
      - {ports: [{port: 443}, {port: 443}]}
      - {cidr: 192.0.2.0/24, except: [192.0.2.0/24, 198.51.100.0/24]}
  - {name: web, external: [{cidr: 203.0.113.0/24}]}
`}.doc(t)
	es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
	want := []struct{ service, problem string }{
		{"gw", `external cidr "10.0.0.1/8" has host bits set: write 10.0.0.0/8`},
		{"gw", `external "10.0.0.1/8": port 0 out of range 1-65535`},
		{"gw", "external cidr is required"},
		{"gw", "external #4: port 443/TCP listed twice"},
		{"gw", "external 192.0.2.0/24: except 192.0.2.0/24 is all of it"},
		{"gw", "external 192.0.2.0/24: except 198.51.100.0/24 is not inside it"},
		{"web", "external destinations apply to zone members"},
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(es), len(want), es)
	}
	for _, w := range want {
		if !slices.ContainsFunc(es, func(e *rules.Error) bool {
			return e.File == "a.yaml" && e.Service == w.service && strings.Contains(e.Problem, w.problem)
		}) {
			t.Errorf("no error of %s: ...%s...; got\n%v", w.service, w.problem, es)
		}
	}
}

// TestExternalCompile: external destinations come out normalized (sorted by address, IPv4 first,
// excepts sorted, protocols filled in), in the document netiso compile writes too.
func TestExternalCompile(t *testing.T) {
	c := compile(t, zoned{"a.yaml", pciZone, gateway(`[{cidr: "2001:db8::/32"}, {cidr: 203.0.113.0/24, except: [203.0.113.192/26, 203.0.113.64/26], ports: [{port: 8443}, {port: 443, protocol: UDP}, {port: 443}]}, {cidr: 10.0.0.0/8}]`)}.doc(t), rules.DefaultOptions())
	want := []rules.External{
		{CIDR: "10.0.0.0/8"},
		{CIDR: "203.0.113.0/24", Except: []string{"203.0.113.64/26", "203.0.113.192/26"}, Ports: []rules.Port{{Port: 443, Protocol: "TCP"}, {Port: 443, Protocol: "UDP"}, {Port: 8443, Protocol: "TCP"}}},
		{CIDR: "2001:db8::/32"},
	}
	if s, _ := c.Service("gw"); !reflect.DeepEqual(s.External, want) {
		t.Errorf("external %+v\nwant %+v", s.External, want)
	}
	if s, _ := c.Service("card"); s.External != nil {
		t.Errorf("card's external %+v, want none", s.External)
	}
	js, err := json.Marshal(c.Document())
	if err != nil {
		t.Fatal(err)
	}
	again := compile(t, parseJSON(t, js), rules.DefaultOptions())
	if again.Hash() != c.Hash() {
		t.Errorf("the compiled document reads back as version %s, want %s", again.Hash(), c.Hash())
	}
}

func parseJSON(t *testing.T, js []byte) *rules.Document {
	t.Helper()
	doc, err := rules.Parse("compiled.json", js)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestExternalHash: external destinations are part of the rules' version (they change policies),
// written normalized; rules without them keep their version.
func TestExternalHash(t *testing.T) {
	opts := rules.DefaultOptions()
	if h := hashOf(t, parse(t, "a.yaml", hashBase), opts); h != hashBaseGolden {
		t.Errorf("rules without external destinations: version %s, want %s as before", h, hashBaseGolden)
	}
	const base = "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26], ports: [{port: 443}, {port: 8443}]}, {cidr: 198.51.100.0/24}]"
	baseHash := hashOf(t, zoned{"a.yaml", pciZone, gateway(base)}.doc(t), opts)
	for name, external := range map[string]string{
		"destinations, excepts and ports reordered, default protocol written": "[{cidr: 198.51.100.0/24}, {cidr: 203.0.113.0/24, except: [203.0.113.64/26, 203.0.113.128/25], ports: [{port: 8443, protocol: TCP}, {port: 443}]}]",
	} {
		if h := hashOf(t, zoned{"b.yaml", pciZone, gateway(external)}.doc(t), opts); h != baseHash {
			t.Errorf("%s: version %s, want %s", name, h, baseHash)
		}
	}
	seen := map[string]string{baseHash: "base"}
	for name, external := range map[string]string{
		"none":                "[]",
		"a destination fewer": "[{cidr: 198.51.100.0/24}]",
		"another destination": "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26], ports: [{port: 443}, {port: 8443}]}, {cidr: 198.51.100.0/24}, {cidr: 192.0.2.0/24}]",
		"an except fewer":     "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 443}, {port: 8443}]}, {cidr: 198.51.100.0/24}]",
		"a port fewer":        "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26], ports: [{port: 443}]}, {cidr: 198.51.100.0/24}]",
		"a protocol changed":  "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26], ports: [{port: 443, protocol: UDP}, {port: 8443}]}, {cidr: 198.51.100.0/24}]",
		"a cidr narrowed":     "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26], ports: [{port: 443}, {port: 8443}]}, {cidr: 198.51.100.0/25}]",
		"ports moved between": "[{cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.64/26]}, {cidr: 198.51.100.0/24, ports: [{port: 443}, {port: 8443}]}]",
	} {
		h := hashOf(t, zoned{"a.yaml", pciZone, gateway(external)}.doc(t), opts)
		if prev, dup := seen[h]; dup {
			t.Errorf("%s: version %s, the same as %s", name, h, prev)
		}
		seen[h] = name
	}
}

func TestReadTreeExternal(t *testing.T) {
	fsys := fstest.MapFS{
		"zones.yaml":           {Data: []byte("zones: [{name: pci, namespaces: [pci]}]\n")},
		"gw/egress/vault.rule": {},
		"gw/service.yaml":      {Data: []byte("zone: pci\nnamespaces: [pci]\nexternal:\n  - cidr: 203.0.113.0/24\n    except: [203.0.113.128/25]\n    ports: [{port: 443}]\n")},
		"vault/service.yaml":   {Data: []byte("zone: pci\nnamespaces: [pci]\n")},
	}
	doc, err := rules.ReadTree(fsys, "tree")
	if err != nil {
		t.Fatal(err)
	}
	c := compile(t, doc, rules.DefaultOptions())
	want := []rules.External{{CIDR: "203.0.113.0/24", Except: []string{"203.0.113.128/25"}, Ports: []rules.Port{{Port: 443, Protocol: "TCP"}}}}
	if s, _ := c.Service("gw"); !reflect.DeepEqual(s.External, want) {
		t.Errorf("gw's external %+v, want %+v", s.External, want)
	}

	bad := fstest.MapFS{"zones.yaml": {Data: []byte("zones: [{name: pci, namespaces: [pci]}]\n")},
		"gw/service.yaml": {Data: []byte("zone: pci\nnamespaces: [pci]\nexternal: [{cidr: 10.0.0.1/8}]\n")}}
	doc, err = rules.ReadTree(bad, "tree")
	if err != nil {
		t.Fatal(err)
	}
	es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
	if len(es) != 1 || es[0].File != "tree/gw" || es[0].Service != "gw" || !strings.Contains(es[0].Problem, `external cidr "10.0.0.1/8" has host bits set`) {
		t.Errorf("got %v, want one error of gw naming its cidr", es)
	}
	typo := fstest.MapFS{"gw/service.yaml": {Data: []byte("external: [{cidr: 10.0.0.0/8, exept: [10.1.0.0/16]}]\n")}} //nolint:misspell // the typo is the input
	e := asErrors(t, func() error { _, err := rules.ReadTree(typo, "tree"); return err }())
	if len(e) != 1 || e[0].File != "tree/gw/service.yaml" || !strings.Contains(e[0].Problem, "exept") { //nolint:misspell // the typo is the input
		t.Errorf("got %v, want one error naming tree/gw/service.yaml and the unknown field", e)
	}
}
