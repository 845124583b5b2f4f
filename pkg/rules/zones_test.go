package rules_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netiso/netiso/pkg/rules"
)

// zoned is one rules file with zones: zones and services in YAML, each list's items only.
type zoned struct {
	file, zones, services string
}

func (z zoned) doc(t testing.TB) *rules.Document {
	t.Helper()
	data := "apiVersion: netiso.dev/v1alpha1\nkind: Rules\n"
	if z.zones != "" {
		data += "zones:\n" + z.zones
	}
	if z.services != "" {
		data += "services:\n" + z.services
	}
	doc, err := rules.Parse(z.file, []byte(data))
	if err != nil {
		t.Fatalf("Parse(%s): %v", z.file, err)
	}
	return doc
}

// pciZone is the example: card and vault in zone pci, which is namespace pci.
const (
	pciZone     = "  - {name: pci, namespaces: [pci]}\n"
	pciServices = `  - {name: card, zone: pci, namespaces: [pci], calls: [vault]}
  - {name: vault, zone: pci, namespaces: [pci], type: store}
`
)

// TestValidateZoneErrors has one case for every zone problem. Each input has exactly that one
// problem, so a spurious extra error fails the case too.
func TestValidateZoneErrors(t *testing.T) {
	tests := map[string]struct {
		files []zoned
		tree  fstest.MapFS // read as the rule tree "tree", after files

		wantFile, wantService, wantProblem string
	}{
		"a member calls out of its zone": {
			files:       []zoned{{"a.yaml", pciZone, pciServices + "  - {name: web}\n  - {name: audit, zone: pci, namespaces: [pci], calls: [web]}\n"}},
			wantFile:    "a.yaml",
			wantService: "audit",
			wantProblem: `calls "web", across a zone boundary: "audit" is in zone "pci", "web" is in no zone`,
		},
		"a service outside calls into the zone": {
			files:       []zoned{{"a.yaml", pciZone, pciServices + "  - {name: web, calls: [card]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `calls "card", across a zone boundary: "web" is in no zone, "card" is in zone "pci"`,
		},
		"a member of one zone calls a member of another": {
			files: []zoned{{"a.yaml", pciZone + "  - {name: hr, namespaces: [hr]}\n",
				pciServices + "  - {name: payroll, zone: hr, namespaces: [hr], calls: [vault]}\n"}},
			wantFile:    "a.yaml",
			wantService: "payroll",
			wantProblem: `calls "vault", across a zone boundary: "payroll" is in zone "hr", "vault" is in zone "pci"`,
		},
		"a service outside calls into the zone by type": {
			files:       []zoned{{"a.yaml", pciZone, pciServices + "  - {name: web, callsTypes: [store]}\n  - {name: cache, type: store}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `callsTypes "store" reaches "vault", across a zone boundary: "web" is in no zone, "vault" is in zone "pci"`,
		},
		"a member calls out of its zone by type": {
			files: []zoned{{"a.yaml", pciZone, `  - {name: card, zone: pci, namespaces: [pci], callsTypes: [store]}
  - {name: vault, zone: pci, namespaces: [pci], type: store}
  - {name: cache, type: store}
`}},
			wantFile:    "a.yaml",
			wantService: "card",
			wantProblem: `callsTypes "store" reaches "cache", across a zone boundary: "card" is in zone "pci", "cache" is in no zone`,
		},
		"a call across the boundary in a rule tree names the rule file": {
			files:       []zoned{{"a.yaml", pciZone, pciServices}},
			tree:        fstest.MapFS{"web/egress/vault.rule": {}},
			wantFile:    "tree/web/egress/vault.rule",
			wantService: "web",
			wantProblem: `calls "vault", across a zone boundary: "web" is in no zone, "vault" is in zone "pci"`,
		},
		"a member in a namespace outside its zone": {
			files:       []zoned{{"a.yaml", pciZone, "  - {name: card, zone: pci, namespaces: [pci, shop]}\n"}},
			wantFile:    "a.yaml",
			wantService: "card",
			wantProblem: `zone "pci": namespace "shop" is outside the zone (its namespaces: pci)`,
		},
		"a member without namespaces, so in any namespace": {
			files:       []zoned{{"a.yaml", pciZone, "  - {name: card, zone: pci}\n"}},
			wantFile:    "a.yaml",
			wantService: "card",
			wantProblem: `zone "pci": a member must list its namespaces, from the zone's pci`,
		},
		"a public member": {
			files:       []zoned{{"a.yaml", pciZone, "  - {name: card, zone: pci, namespaces: [pci], public: true}\n"}},
			wantFile:    "a.yaml",
			wantService: "card",
			wantProblem: `zone "pci": a member cannot be public`,
		},
		"an unknown zone": {
			files:       []zoned{{"a.yaml", pciZone, "  - {name: card, zone: pcі, namespaces: [pci]}\n"}}, // a Cyrillic і
			wantFile:    "a.yaml",
			wantService: "card",
			wantProblem: `unknown zone "pcі"`,
		},
		"an unknown zone in service.yaml": {
			files:       []zoned{{"a.yaml", pciZone, ""}},
			tree:        fstest.MapFS{"card/service.yaml": {Data: []byte("zone: cards\nnamespaces: [pci]\n")}},
			wantFile:    "tree/card",
			wantService: "card",
			wantProblem: `unknown zone "cards"`,
		},
		"a service outside the zone in one of its namespaces": {
			files:       []zoned{{"a.yaml", pciZone, pciServices + "  - {name: web, namespaces: [shop, pci]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `namespace "pci" is in zone "pci", and only the zone's members may run there`,
		},
		"a namespace in two zones, in two files": {
			files:       []zoned{{"a.yaml", pciZone, ""}, {"b.yaml", "  - {name: cards, namespaces: [cards, pci]}\n", ""}},
			wantFile:    "b.yaml",
			wantProblem: `zone "cards": namespace "pci" is already in zone "pci" (a.yaml): a namespace belongs to at most one zone`,
		},
		"a zone without namespaces": {
			files:       []zoned{{"a.yaml", "  - {name: pci}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "pci": no namespaces`,
		},
		"a zone with an empty list of namespaces": {
			files:       []zoned{{"a.yaml", "  - {name: pci, namespaces: []}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "pci": no namespaces`,
		},
		"a zone without a name": {
			files:       []zoned{{"a.yaml", "  - {namespaces: [pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "": name is required`,
		},
		"a zone name with uppercase, a valid label value but no namespace name": {
			files:       []zoned{{"a.yaml", "  - {name: PCI, namespaces: [pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "PCI": invalid name`,
		},
		"a zone name with a dot": {
			files:       []zoned{{"a.yaml", "  - {name: pci.eu, namespaces: [pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "pci.eu": invalid name`,
		},
		"a zone name of 64 characters": {
			files:       []zoned{{"a.yaml", "  - {name: " + name64 + ", namespaces: [pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: "must be no more than 63",
		},
		"a zone name with a slash": {
			files:       []zoned{{"a.yaml", "  - {name: team/pci, namespaces: [pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "team/pci": invalid name`,
		},
		"a duplicate zone": {
			files:       []zoned{{"a.yaml", pciZone, ""}, {"b.yaml", "  - {name: pci, namespaces: [pci-2]}\n", ""}},
			wantFile:    "b.yaml",
			wantProblem: `zone "pci": duplicate zone, first defined in a.yaml`,
		},
		"a zone namespace listed twice": {
			files:       []zoned{{"a.yaml", "  - {name: pci, namespaces: [pci, pci]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "pci": namespace "pci" listed twice`,
		},
		"a zone in kube-system": {
			files:       []zoned{{"a.yaml", "  - {name: infra, namespaces: [kube-system]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "infra": namespace "kube-system" is always exempt`,
		},
		"an invalid zone namespace": {
			files:       []zoned{{"a.yaml", "  - {name: pci, namespaces: [PCI]}\n", ""}},
			wantFile:    "a.yaml",
			wantProblem: `zone "pci": invalid namespace "PCI"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var docs []*rules.Document
			for _, f := range tc.files {
				docs = append(docs, f.doc(t))
			}
			if tc.tree != nil {
				tree, err := rules.ReadTree(tc.tree, "tree")
				if err != nil {
					t.Fatalf("ReadTree: %v", err)
				}
				docs = append(docs, tree)
			}
			checkOneError(t, rules.Merge(docs...), rules.DefaultOptions(), tc.wantFile, tc.wantService, tc.wantProblem)
		})
	}
}

// TestValidateZonesEveryProblem: one run names every zone problem, each with its file, service and
// zone, and none twice.
func TestValidateZonesEveryProblem(t *testing.T) {
	doc := rules.Merge(
		zoned{"zones.yaml", "  - {name: pci, namespaces: [pci]}\n  - {name: hr, namespaces: [hr, pci]}\n  - {name: Empty}\n", ""}.doc(t),
		zoned{"pci.yaml", "", `  - {name: card, zone: pci, namespaces: [pci, shop], calls: [vault, web]}
  - {name: vault, zone: pci, namespaces: [pci], type: store, public: true}
  - {name: ghost, zone: nowhere, namespaces: [pci], calls: [web]}
`}.doc(t),
		zoned{"shop.yaml", "", `  - {name: web, calls: [card], callsTypes: [store]}
  - {name: payroll, zone: hr}
`}.doc(t),
	)
	es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
	type where struct{ file, service, problem string }
	want := []where{
		{"pci.yaml", "card", `zone "pci": namespace "shop" is outside the zone`},
		{"pci.yaml", "card", `calls "web", across a zone boundary: "card" is in zone "pci", "web" is in no zone`},
		{"pci.yaml", "ghost", `unknown zone "nowhere"`},
		{"pci.yaml", "vault", `zone "pci": a member cannot be public`},
		{"shop.yaml", "payroll", `zone "hr": a member must list its namespaces`},
		{"shop.yaml", "web", `calls "card", across a zone boundary`},
		{"shop.yaml", "web", `callsTypes "store" reaches "vault", across a zone boundary`},
		{"zones.yaml", "", `zone "Empty": invalid name`},
		{"zones.yaml", "", `zone "Empty": no namespaces`},
		{"zones.yaml", "", `zone "hr": namespace "pci" is already in zone "pci"`},
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(es), len(want), es)
	}
	for _, w := range want {
		if !slices.ContainsFunc(es, func(e *rules.Error) bool {
			return e.File == w.file && e.Service == w.service && strings.Contains(e.Problem, w.problem)
		}) {
			t.Errorf("no error %s: service %q: ...%s...; got\n%v", w.file, w.service, w.problem, es)
		}
	}
}

func TestZonesCompile(t *testing.T) {
	doc := zoned{"a.yaml", "  - {name: pci, namespaces: [pci-b, pci]}\n  - {name: hr, namespaces: [hr]}\n", pciServices +
		`  - {name: ledger, zone: pci, namespaces: [pci-b], callsTypes: [store]}
  - {name: payroll, zone: hr, namespaces: [hr], calls: [payroll]}
  - {name: web, namespaces: [shop], calls: [cache]}
  - {name: cache}
`}.doc(t)
	c := compile(t, doc, rules.DefaultOptions())

	want := []rules.Zone{{Name: "hr", Namespaces: []string{"hr"}, Source: "a.yaml"}, {Name: "pci", Namespaces: []string{"pci", "pci-b"}, Source: "a.yaml"}}
	if got := c.Zones(); len(got) != 2 || !equalZone(got[0], want[0]) || !equalZone(got[1], want[1]) {
		t.Errorf("Zones() = %+v, want %+v", got, want)
	}
	if z, ok := c.Zone("pci"); !ok || !equalZone(z, want[1]) {
		t.Errorf("Zone(pci) = %+v, %v", z, ok)
	}
	if _, ok := c.Zone("nowhere"); ok {
		t.Error("Zone(nowhere) found")
	}
	for ns, zone := range map[string]string{"pci": "pci", "pci-b": "pci", "hr": "hr", "shop": "", "default": ""} {
		if got := c.NamespaceZone(ns); got != zone {
			t.Errorf("NamespaceZone(%s) = %q, want %q", ns, got, zone)
		}
	}
	for name, zone := range map[string]string{"card": "pci", "vault": "pci", "ledger": "pci", "payroll": "hr", "web": "", "cache": ""} {
		if s, _ := c.Service(name); s.Zone != zone {
			t.Errorf("Service(%s).Zone = %q, want %q", name, s.Zone, zone)
		}
	}
	// Zones change no label: a member's grant is what it would be without them.
	if g, v := c.Lookup("card", "pci"); v != rules.Granted || !slices.Equal(g.Keys, []string{"egress.netiso.dev/vault"}) {
		t.Errorf("Lookup(card, pci) = %v, %v", g.Keys, v)
	}
	if _, v := c.Lookup("card", "shop"); v != rules.NamespaceNotAllowed {
		t.Errorf("Lookup(card, shop) = %v, want NamespaceNotAllowed", v)
	}

	// The normalized document carries the zones, and reads back to the same rules.
	out := c.Document()
	if len(out.Zones) != 2 || out.Zones[1].Name != "pci" {
		t.Fatalf("Document().Zones = %+v", out.Zones)
	}
	data, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	back, err := rules.Parse("back.json", data)
	if err != nil {
		t.Fatalf("Parse(Document()): %v\n%s", err, data)
	}
	if again := compile(t, back, rules.DefaultOptions()); again.Hash() != c.Hash() {
		t.Errorf("round trip changed the version: %s then %s", c.Hash(), again.Hash())
	}
}

func equalZone(a, b rules.Zone) bool {
	return a.Name == b.Name && a.Source == b.Source && slices.Equal(a.Namespaces, b.Namespaces)
}

// TestZonesHash: zones are part of the rules' version (they change policies), and rules without
// zones keep the version they had before zones existed.
func TestZonesHash(t *testing.T) {
	opts := rules.DefaultOptions()
	base := hashOf(t, zoned{"a.yaml", pciZone, pciServices}.doc(t), opts)
	if h := hashOf(t, parse(t, "a.yaml", hashBase), opts); h != hashBaseGolden {
		t.Errorf("rules without zones: version %s, want %s as before zones", h, hashBaseGolden)
	}
	same := map[string]zoned{
		"zones and their namespaces reordered": {"b.yaml", "  - {name: z, namespaces: [z-b, z-a]}\n  - {name: pci, namespaces: [pci]}\n", pciServices},
	}
	sameBase := hashOf(t, zoned{"a.yaml", pciZone + "  - {name: z, namespaces: [z-a, z-b]}\n", pciServices}.doc(t), opts)
	for name, z := range same {
		if h := hashOf(t, z.doc(t), opts); h != sameBase {
			t.Errorf("%s: version %s, want %s", name, h, sameBase)
		}
	}
	differ := map[string]zoned{
		"a zone gains a namespace": {"a.yaml", "  - {name: pci, namespaces: [pci, pci-2]}\n", pciServices},
		"another zone":             {"a.yaml", pciZone + "  - {name: z, namespaces: [z]}\n", pciServices},
		"the zone renamed":         {"a.yaml", "  - {name: cards, namespaces: [pci]}\n", strings.ReplaceAll(pciServices, "zone: pci", "zone: cards")},
		"no zones, same services":  {"a.yaml", "", strings.ReplaceAll(pciServices, "zone: pci, ", "")},
		// A zone written out is no service of that name: the two must not hash alike.
		"a service where the zone was": {"a.yaml", "", strings.ReplaceAll(pciServices, "zone: pci, ", "") + "  - {name: pci, namespaces: [pci]}\n"},
	}
	seen := map[string]string{base: "base"}
	for name, z := range differ {
		h := hashOf(t, z.doc(t), opts)
		if prev, dup := seen[h]; dup {
			t.Errorf("%s: version %s, the same as %s", name, h, prev)
		}
		seen[h] = name
	}
}

func TestParseZones(t *testing.T) {
	const yamlDoc = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones:
  - name: pci            # card data
    namespaces: [pci, pci-dr]
services:
  - {name: card, zone: pci, namespaces: [pci]}
`
	const jsonDoc = `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","namespaces":["pci","pci-dr"]}],"services":[{"name":"card","zone":"pci","namespaces":["pci"]}]}`
	for name, data := range map[string]string{"yaml": yamlDoc, "json": jsonDoc} {
		t.Run(name, func(t *testing.T) {
			doc, err := rules.Parse("r", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Zones) != 1 || !equalZone(doc.Zones[0], rules.Zone{Name: "pci", Namespaces: []string{"pci", "pci-dr"}, Source: "r"}) {
				t.Errorf("zones %+v", doc.Zones)
			}
			if len(doc.Services) != 1 || doc.Services[0].Zone != "pci" {
				t.Errorf("services %+v", doc.Services)
			}
		})
	}
	for name, data := range map[string]string{
		"unknown zone field in yaml":  "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nzones: [{name: pci, namespace: [pci]}]\n",
		"unknown zone field in json":  `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","members":["card"]}]}`,
		"a zone that is a string":     `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":["pci"]}`,
		"a zone field that is a list": `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"card","zone":["pci"]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := rules.Parse("r", []byte(data)); err == nil {
				t.Error("Parse accepted it")
			}
		})
	}
}

func TestReadTreeZones(t *testing.T) {
	fsys := fstest.MapFS{
		"zones.yaml":             {Data: []byte("# the zones\nzones:\n  - {name: pci, namespaces: [pci]}\n")},
		"card/egress/vault.rule": {},
		"card/service.yaml":      {Data: []byte("zone: pci\nnamespaces: [pci]\n")},
		"vault/service.yaml":     {Data: []byte("zone: pci\nnamespaces: [pci]\n")},
	}
	doc, err := rules.ReadTree(fsys, "tree")
	if err != nil {
		t.Fatal(err)
	}
	c := compile(t, doc, rules.DefaultOptions())
	if z, ok := c.Zone("pci"); !ok || z.Source != "tree/zones.yaml" {
		t.Errorf("zone pci: %+v, %v", z, ok)
	}
	if s, _ := c.Service("card"); s.Zone != "pci" {
		t.Errorf("card's zone %q", s.Zone)
	}

	bad := fstest.MapFS{"zones.yaml": {Data: []byte("zones: [{name: pci, members: [card]}]\n")}, "card/egress/card.rule": {}}
	e := asErrors(t, func() error { _, err := rules.ReadTree(bad, "tree"); return err }())
	if len(e) != 1 || e[0].File != "tree/zones.yaml" || !strings.Contains(e[0].Problem, "members") {
		t.Errorf("got %v, want one error naming tree/zones.yaml and the unknown field", e)
	}
}

// TestValidateZonesTypeCrossingIsOneProblem: a callsTypes that reaches many services across the
// boundary is one problem, naming a few of them and counting the rest.
func TestValidateZonesTypeCrossingIsOneProblem(t *testing.T) {
	services := "  - {name: card, zone: pci, namespaces: [pci], callsTypes: [backend]}\n"
	for i := range 8 {
		services += fmt.Sprintf("  - {name: svc-%d, type: backend}\n", i)
	}
	es := asErrors(t, rules.Validate(zoned{"a.yaml", pciZone, services}.doc(t), rules.DefaultOptions()))
	want := `callsTypes "backend" reaches 8 services across a zone boundary: "card" is in zone "pci"; "svc-0" is in no zone, ` +
		`"svc-1" is in no zone, "svc-2" is in no zone, "svc-3" is in no zone, "svc-4" is in no zone, and 3 more`
	if len(es) != 1 || es[0].Service != "card" || es[0].Problem != want {
		t.Errorf("got %v\nwant one problem of card: %s", es, want)
	}
}
