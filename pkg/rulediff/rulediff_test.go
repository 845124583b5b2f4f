package rulediff_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

const before = `
  - {name: web, public: true, calls: [api], ports: [{port: 80}]}
  - {name: api, type: backend, calls: [db], namespaces: [shop], ports: [{port: 8080}]}
  - {name: db, type: store, ports: [{port: 5432}]}
  - {name: cache, type: store}
  - {name: old, calls: [db]}
`

const after = `
  - {name: web, public: true, calls: [api], ports: [{port: 80}]}
  - {name: api, type: backend, callsTypes: [store], namespaces: [shop, staging], ports: [{port: 8080}, {port: 9090}]}
  - {name: db, type: store, ports: [{port: 5432}]}
  - {name: cache, type: store}
  - {name: admin, calls: [db]}
`

func TestCompare(t *testing.T) {
	r, err := rulediff.Compare(rulestest.Services(t, before, rules.DefaultOptions()), rulestest.Services(t, after, rules.DefaultOptions()), policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := &rulediff.Report{
		OldVersion: r.OldVersion, NewVersion: r.NewVersion,
		Opens: true,
		LinksOpened: []rulediff.Link{
			{From: "admin", To: "db", Via: "calls"},
			{From: "api", To: "cache", Via: "callsTypes store"},
		},
		LinksClosed: []rulediff.Link{{From: "old", To: "db", Via: "calls"}},
		Grants: []rulediff.Grant{
			{Service: "admin", Added: []string{"egress.netiso.dev/db"}, New: true},
			{Service: "api", Added: []string{"egress-type.netiso.dev/store"}, Removed: []string{"egress.netiso.dev/db"}},
			{Service: "old", Removed: []string{"egress.netiso.dev/db"}, Gone: true},
		},
		Namespaces: []rulediff.NamespaceChange{{Service: "api", Old: []string{"shop"}, New: []string{"shop", "staging"}, Widened: true}},
		Ports:      []rulediff.PortChange{{Service: "api", Old: []string{"8080/TCP"}, New: []string{"8080/TCP", "9090/TCP"}, Widened: true}},
		External:   []rulediff.ExternalChange{},
		Policies: rulediff.PolicyChanges{
			Added:   []string{"default/netiso-admin", "staging/netiso-api"},
			Removed: []string{"default/netiso-old"},
			Changed: []string{"shop/netiso-api"},
		},
		Zones:      []rulediff.ZoneChange{},
		Identities: []rulediff.IdentityChange{}, IdentityDefaults: []rulediff.IdentityDefaultChange{}, Builders: []rulediff.BuilderChange{},
	}
	// Grants carry the namespaces they were counted in, unexported: compare what is shown.
	for i := range r.Grants {
		r.Grants[i] = rulediff.Grant{Service: r.Grants[i].Service, Added: r.Grants[i].Added, Removed: r.Grants[i].Removed, New: r.Grants[i].New, Gone: r.Grants[i].Gone}
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got\n%+v\nwant\n%+v", r, want)
	}
	for _, w := range []string{"OPENS a path; 2 links opened, 1 closed; 3 services relabelled; 4 policies changed", "  + api -> cache  (callsTypes store)", "      - egress.netiso.dev/db", "  api: shop -> shop, staging (widened)", "  ~ shop/netiso-api"} {
		if !strings.Contains(r.Text(), w) {
			t.Errorf("text lacks %q:\n%s", w, r.Text())
		}
	}
	for _, w := range []string{"**Opens a path.**", "| `api` | `cache` | callsTypes store |", "| `old` (removed) |  | `egress.netiso.dev/db` |", "- changed `shop/netiso-api`"} {
		if !strings.Contains(r.Markdown(), w) {
			t.Errorf("markdown lacks %q:\n%s", w, r.Markdown())
		}
	}
}

// TestCompareClosingOnly: a change that only closes does not open, and the same rules in another
// order are no change at all.
func TestCompareClosingOnly(t *testing.T) {
	narrower := strings.Replace(strings.Replace(before, "calls: [db], namespaces", "namespaces", 1), ", public: true", "", 1)
	r, err := rulediff.Compare(rulestest.Services(t, before, rules.DefaultOptions()), rulestest.Services(t, narrower, rules.DefaultOptions()), policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if r.Opens || len(r.LinksClosed) != 2 || len(r.LinksOpened) != 0 || r.Empty() {
		t.Errorf("opens %v, closed %v, opened %v", r.Opens, r.LinksClosed, r.LinksOpened)
	}
	lines := strings.Split(strings.Trim(before, "\n"), "\n")
	slices.Reverse(lines)
	r, err = rulediff.Compare(rulestest.Services(t, before, rules.DefaultOptions()), rulestest.Services(t, strings.Join(lines, "\n")+"\n", rules.DefaultOptions()), policy.DefaultOptions())
	if err != nil || !r.Empty() || r.Opens {
		t.Errorf("reordered: %v, %s", err, r.Text())
	}
}

func TestCountPods(t *testing.T) {
	r, err := rulediff.Compare(rulestest.Services(t, before, rules.DefaultOptions()), rulestest.Services(t, after, rules.DefaultOptions()), policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	r.CountPods([]rulediff.Pod{{"shop", "api"}, {"shop", "api"}, {"staging", "api"}, {"other", "api"}, {"x", "old"}, {"x", "web"}})
	got := map[string]int{}
	for _, g := range r.Grants {
		got[g.Service] = *g.Pods
	}
	// api: shop before, shop and staging after, never other.
	if want := map[string]int{"admin": 0, "api": 3, "old": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("pods %v, want %v", got, want)
	}
}

// TestLinksAgreeWithGrants: on random rules, a link caller -> callee is reported opened (or closed)
// exactly when the new (old) grant of caller has callee's label or its type's, and the old (new)
// one has neither: links are read from the rules' fields, checked here against Lookup.
func TestLinksAgreeWithGrants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		a, b := random(t, rng), random(t, rng)
		r, err := rulediff.Compare(a, b, policy.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		opened, closed := map[string]bool{}, map[string]bool{}
		for _, l := range r.LinksOpened {
			opened[l.From+">"+l.To] = true
		}
		for _, l := range r.LinksClosed {
			closed[l.From+">"+l.To] = true
		}
		for i := range 12 {
			for j := range 12 {
				from, to := fmt.Sprint("s", i), fmt.Sprint("s", j)
				was, is := reaches(a, from, to), reaches(b, from, to)
				if opened[from+">"+to] != (is && !was) || closed[from+">"+to] != (was && !is) {
					t.Fatalf("%s -> %s: before %v, after %v; opened %v, closed %v", from, to, was, is, opened[from+">"+to], closed[from+">"+to])
				}
			}
		}
	}
}

func reaches(c *rules.Compiled, from, to string) bool {
	g, v := c.Lookup(from, "ns")
	dest, ok := c.Service(to)
	if v != rules.Granted || !ok {
		return false
	}
	o := c.Options()
	return g.Has(o.CalleeKey(to)) || dest.Type != "" && g.Has(o.TypeKey(dest.Type))
}

// random is rules over services s0..s11 (some absent) of types t0..t2 (or none), calling each other
// by name and by type.
func random(t *testing.T, rng *rand.Rand) *rules.Compiled {
	var names []string
	typeOf := map[string]string{}
	types := map[string]bool{}
	for i := range 12 {
		if rng.IntN(5) > 0 {
			n := fmt.Sprint("s", i)
			names = append(names, n)
			if rng.IntN(2) == 0 {
				typeOf[n] = fmt.Sprint("t", rng.IntN(3))
				types[typeOf[n]] = true
			}
		}
	}
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "  - name: %s\n", n)
		if typeOf[n] != "" {
			fmt.Fprintf(&b, "    type: %s\n", typeOf[n])
		}
		var calls []string
		for _, m := range names {
			if rng.IntN(4) == 0 {
				calls = append(calls, m)
			}
		}
		if len(calls) > 0 {
			fmt.Fprintf(&b, "    calls: [%s]\n", strings.Join(calls, ", "))
		}
		for typ := range types {
			if rng.IntN(4) == 0 {
				fmt.Fprintf(&b, "    callsTypes: [%s]\n", typ)
				break
			}
		}
	}
	return rulestest.Services(t, b.String(), rules.DefaultOptions())
}

// A change that touches a zone is called out, in every format: a member joins, the zone's
// namespaces change, a link with a member opens; a change away from the zone does not name it.
func TestCompareZones(t *testing.T) {
	const base = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones:
  - name: pci
    namespaces: [pci]
services:
  - name: card
    zone: pci
    namespaces: [pci]
  - name: web
    namespaces: [shop]
  - name: api
    namespaces: [shop]
`
	old := rulestest.Document(t, base)
	away := rulestest.Document(t, strings.Replace(base, "  - name: web\n    namespaces: [shop]\n", "  - name: web\n    namespaces: [shop]\n    calls: [api]\n", 1))
	if r := compare(t, old, away); len(r.Zones) != 0 || strings.Contains(r.Text(), "ZONES") {
		t.Errorf("a change away from the zone names it: %+v", r.Zones)
	}
	near := rulestest.Document(t, strings.NewReplacer(
		"    namespaces: [pci]\nservices:", "    namespaces: [pci, pci-dr]\nservices:",
		"  - name: card\n    zone: pci\n    namespaces: [pci]\n", "  - name: card\n    zone: pci\n    namespaces: [pci]\n    calls: [vault]\n  - name: vault\n    zone: pci\n    namespaces: [pci-dr]\n",
	).Replace(base))
	r := compare(t, old, near)
	want := []rulediff.ZoneChange{{Zone: "pci", MembersAdded: []string{"vault"}, OldNamespaces: []string{"pci"}, NewNamespaces: []string{"pci", "pci-dr"}, LinksOpened: 1}}
	if !reflect.DeepEqual(r.Zones, want) {
		t.Fatalf("zones %+v, want %+v", r.Zones, want)
	}
	for format, text := range map[string]string{"text": r.Text(), "markdown": r.Markdown(), "summary": r.Summary()} {
		if !strings.Contains(strings.ToLower(text), "zone") || !strings.Contains(text, "pci") && format != "summary" {
			t.Errorf("%s does not call out the zone:\n%s", format, text)
		}
	}
	if !strings.Contains(r.Text(), "members joining: vault; namespaces pci -> pci, pci-dr; links with a member: 1 opened, 0 closed") {
		t.Errorf("text:\n%s", r.Text())
	}
}

func compare(t testing.TB, old, next *rules.Compiled) *rulediff.Report {
	t.Helper()
	r, err := rulediff.Compare(old, next, policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCompareExternal: a change of a zone member's destinations outside the cluster is shown, with
// its zone, and opens a path exactly when some address or port is reachable that was not.
func TestCompareExternal(t *testing.T) {
	const base = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
services:
  - {name: card, zone: pci, namespaces: [pci], calls: [gw]}
  - name: gw
    zone: pci
    namespaces: [pci]
    external:
      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 443}, {port: 8443}]}
`
	old := rulestest.Document(t, base)
	gw := "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 443}, {port: 8443}]}\n"
	cases := []struct {
		name, with string // with: gw's destinations, in place of base's
		opens      bool
		policies   rulediff.PolicyChanges
	}{
		{"a destination added", gw + "      - {cidr: 198.51.100.0/24, ports: [{port: 443}]}\n", true, changed()},
		{"a port added", "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 443}, {port: 8443}, {port: 80}]}\n", true, changed()},
		{"every port", "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}\n", true, changed()},
		{"the except dropped", "      - {cidr: 203.0.113.0/24, ports: [{port: 443}, {port: 8443}]}\n", true, changed()},
		{"the CIDR widened", "      - {cidr: 203.0.112.0/23, except: [203.0.113.128/25], ports: [{port: 443}, {port: 8443}]}\n", true, changed()},
		{"a port dropped", "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 443}]}\n", false, changed()},
		{"an except added", "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25, 203.0.113.0/26], ports: [{port: 443}, {port: 8443}]}\n", false, changed()},
		{"the CIDR narrowed, its except with it", "      - {cidr: 203.0.113.0/25, ports: [{port: 443}]}\n", false, changed()},
		{"split in two, within", "      - {cidr: 203.0.113.0/26, ports: [{port: 443}]}\n      - {cidr: 203.0.113.64/26, ports: [{port: 8443}]}\n", false, changed()},
		{"all of them dropped", "", false, rulediff.PolicyChanges{Added: []string{}, Removed: []string{"pci/netiso-external-gw"}, Changed: []string{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := strings.Replace(base, gw, tc.with, 1)
			if tc.with == "" {
				doc = strings.Replace(doc, "    external:\n", "", 1)
			}
			r := compare(t, old, rulestest.Document(t, doc))
			if r.Opens != tc.opens || len(r.External) != 1 || r.External[0].Service != "gw" || r.External[0].Widened != tc.opens {
				t.Errorf("opens %v, external %+v; want opens %v, gw's change", r.Opens, r.External, tc.opens)
			}
			if len(r.LinksOpened)+len(r.LinksClosed)+len(r.Grants) != 0 || !reflect.DeepEqual(r.Policies, tc.policies) {
				t.Errorf("links %v %v, grants %v, policies %+v; want policies %+v", r.LinksOpened, r.LinksClosed, r.Grants, r.Policies, tc.policies)
			}
			if len(r.Zones) != 1 || r.Zones[0].Zone != "pci" || !slices.Equal(r.Zones[0].External, []string{"gw"}) {
				t.Errorf("zones %+v, want pci touched by gw's destinations", r.Zones)
			}
		})
	}

	// The words, and a new member's destinations: a path out of the zone, opened.
	r := compare(t, old, rulestest.Document(t, base+"  - {name: hsm, zone: pci, namespaces: [pci], external: [{cidr: \"2001:db8::/32\"}]}\n"))
	if !r.Opens || len(r.External) != 1 || !reflect.DeepEqual(r.External[0], rulediff.ExternalChange{Service: "hsm", Old: []string{}, New: []string{"2001:db8::/32 on every port"}, Widened: true}) {
		t.Errorf("opens %v, external %+v", r.Opens, r.External)
	}
	r = compare(t, old, rulestest.Document(t, strings.Replace(base, gw, gw+"      - {cidr: 198.51.100.0/24, ports: [{port: 443}]}\n", 1)))
	for format, w := range map[string]string{
		"text": "destinations outside the cluster (1):\n  gw: 203.0.113.0/24 except 203.0.113.128/25 on 443/TCP, 8443/TCP -> " +
			"198.51.100.0/24 on 443/TCP; 203.0.113.0/24 except 203.0.113.128/25 on 443/TCP, 8443/TCP (widened)\n",
		"zone":     "pci: destinations outside the cluster of: gw",
		"markdown": "| `gw` (widened) | 203.0.113.0/24 except 203.0.113.128/25 on 443/TCP, 8443/TCP | 198.51.100.0/24 on 443/TCP<br>203.0.113.0/24 except 203.0.113.128/25 on 443/TCP, 8443/TCP |",
		"summary":  "OPENS a path; TOUCHES 1 zone",
	} {
		text := r.Text()
		if format == "markdown" {
			text = r.Markdown()
		}
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", format, w, text)
		}
	}
	// The same destinations, written otherwise: no change.
	same := strings.Replace(base, gw, "      - {cidr: 203.0.113.0/24, except: [203.0.113.128/25], ports: [{port: 8443, protocol: TCP}, {port: 443}]}\n", 1)
	if r := compare(t, old, rulestest.Document(t, same)); !r.Empty() {
		t.Errorf("the same destinations reordered: %s", r.Text())
	}
}

func changed() rulediff.PolicyChanges {
	return rulediff.PolicyChanges{Added: []string{}, Removed: []string{}, Changed: []string{"pci/netiso-external-gw"}}
}

// TestCompareExternalMerge: the check is destination by destination, so two destinations merged
// into their union are counted as widening (conservatively: a reviewer looks once more).
func TestCompareExternalMerge(t *testing.T) {
	const doc = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
services:
  - {name: gw, zone: pci, namespaces: [pci], external: %s}
`
	r := compare(t, rulestest.Document(t, fmt.Sprintf(doc, "[{cidr: 203.0.113.0/25}, {cidr: 203.0.113.128/25}]")),
		rulestest.Document(t, fmt.Sprintf(doc, "[{cidr: 203.0.113.0/24}]")))
	if !r.Opens || len(r.External) != 1 || !r.External[0].Widened {
		t.Errorf("opens %v, external %+v", r.Opens, r.External)
	}
}
