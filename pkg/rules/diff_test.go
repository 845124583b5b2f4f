package rules_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

func TestDiffGrants(t *testing.T) {
	const base = `
  - name: a
    calls: [b]
  - name: b
    namespaces: [bank]
    type: backend
  - name: c
    callsTypes: [backend]
`
	cases := []struct {
		name, next string
		want       []rules.GrantChange
	}{
		{"nothing changed: comments, order and ports do not count", `
  - name: c   # a comment
    callsTypes: [backend]
  - name: b
    namespaces: [bank]
    type: backend
    ports: [{port: 80}]
  - name: a
    calls: [b]
`, nil},
		{"a callee added", `
  - name: a
    calls: [b, c]
  - name: b
    namespaces: [bank]
    type: backend
  - name: c
    callsTypes: [backend]
`, []rules.GrantChange{{Service: "a", Added: []string{"egress.netiso.dev/c"}}}},
		{"a type revoked, a service gone", `
  - name: a
  - name: c
`, []rules.GrantChange{
			{Service: "a", Removed: []string{"egress.netiso.dev/b"}},
			{Service: "b", OldNamespaces: []string{"bank"}, Gone: true},
			{Service: "c", Removed: []string{"egress-type.netiso.dev/backend"}},
		}},
		{"a binding moved, a service new; a type change alone changes no label", `
  - name: a
    calls: [b]
  - name: b
    namespaces: [bank, pay]
    type: frontend
  - name: c
    callsTypes: [backend]
  - name: d
    namespaces: [pay]
    calls: [a]
  - name: e
    type: backend
`, []rules.GrantChange{
			{Service: "b", OldNamespaces: []string{"bank"}, NewNamespaces: []string{"bank", "pay"}, NamespacesChanged: true},
			{Service: "d", Added: []string{"egress.netiso.dev/a"}, NewNamespaces: []string{"pay"}, New: true},
			{Service: "e", New: true},
		}},
	}
	prev := compileYAML(t, base)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			next := compileYAML(t, tc.next)
			got := rules.DiffGrants(prev, next)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("DiffGrants:\n got  %+v\n want %+v", got, tc.want)
			}
			checkDiffAgainstLookup(t, prev, next, got)
		})
	}
	if got := rules.DiffGrants(prev, prev); got != nil {
		t.Errorf("DiffGrants of the same rules: %v", got)
	}
	all := rules.DiffGrants(nil, prev)
	if len(all) != prev.Len() || !all[0].New {
		t.Errorf("DiffGrants from no rules: %+v, want every service new", all)
	}
}

// The diff agrees with Lookup, the webhook's own question, on random pairs of rule sets: a service
// is listed exactly when some namespace's grant differs, with the keys that differ.
func TestDiffGrantsMatchesLookup(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		prev, next := randomRules(t, r), randomRules(t, r)
		if i%3 == 0 {
			next = prev // and small edits of it below: most real changes are
		}
		next = editRules(t, r, next)
		checkDiffAgainstLookup(t, prev, next, rules.DiffGrants(prev, next))
	}
}

var diffNamespaces = []string{"ns-a", "ns-b", "ns-c", "elsewhere"}

func checkDiffAgainstLookup(t *testing.T, prev, next *rules.Compiled, diff []rules.GrantChange) {
	t.Helper()
	listed := map[string]rules.GrantChange{}
	for i, g := range diff {
		if i > 0 && diff[i-1].Service >= g.Service {
			t.Fatalf("diff not sorted by service: %v", diff)
		}
		listed[g.Service] = g
	}
	names := append(slices.Clone(prev.Names()), next.Names()...)
	namespaces := slices.Clone(diffNamespaces)
	for _, c := range []*rules.Compiled{prev, next} {
		for _, n := range c.Names() {
			s, _ := c.Service(n)
			namespaces = append(namespaces, s.Namespaces...)
		}
	}
	for _, name := range names {
		differs := false
		for _, ns := range namespaces {
			a, av := prev.Lookup(name, ns)
			b, bv := next.Lookup(name, ns)
			differs = differs || av != bv || !slices.Equal(a.Keys, b.Keys)
		}
		g, ok := listed[name]
		if ok != differs {
			t.Fatalf("service %s: listed %v, but its grant differs in some namespace: %v (diff %+v)", name, ok, differs, g)
		}
		if !ok {
			continue
		}
		pg, _ := prev.Lookup(name, "")
		ng, _ := next.Lookup(name, "")
		if s, found := prev.Service(name); found && len(s.Namespaces) > 0 {
			pg, _ = prev.Lookup(name, s.Namespaces[0])
		}
		if s, found := next.Service(name); found && len(s.Namespaces) > 0 {
			ng, _ = next.Lookup(name, s.Namespaces[0])
		}
		for _, k := range g.Added {
			if pg.Has(k) || !ng.Has(k) {
				t.Fatalf("service %s: %s listed as added", name, k)
			}
		}
		for _, k := range g.Removed {
			if !pg.Has(k) || ng.Has(k) {
				t.Fatalf("service %s: %s listed as removed", name, k)
			}
		}
	}
}

// randomRules builds a small valid rule set: services s0..s7, some bound to namespaces, some typed.
func randomRules(t *testing.T, r *rand.Rand) *rules.Compiled {
	t.Helper()
	doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}
	n := 3 + r.IntN(6)
	for i := range n {
		doc.Services = append(doc.Services, rules.Service{Name: fmt.Sprintf("s%d", i)})
	}
	for i := range doc.Services {
		s := &doc.Services[i]
		if r.IntN(3) == 0 {
			s.Type = []string{"backend", "store"}[r.IntN(2)]
		}
		if r.IntN(3) == 0 {
			s.Namespaces = []string{diffNamespaces[r.IntN(3)]}
		}
	}
	for i := range doc.Services {
		s := &doc.Services[i]
		for j := range doc.Services {
			if j != i && r.IntN(3) == 0 {
				s.Calls = append(s.Calls, doc.Services[j].Name)
			}
		}
		if r.IntN(4) == 0 && hasType(doc, "backend") {
			s.CallsTypes = []string{"backend"}
		}
	}
	return compile(t, doc, rules.DefaultOptions())
}

// editRules drops or adds one call, or rebinds one service, of c.
func editRules(t *testing.T, r *rand.Rand, c *rules.Compiled) *rules.Compiled {
	t.Helper()
	doc := c.Document()
	s := &doc.Services[r.IntN(len(doc.Services))]
	switch r.IntN(3) {
	case 0:
		if len(s.Calls) > 0 {
			s.Calls = s.Calls[1:]
		}
	case 1:
		if callee := doc.Services[r.IntN(len(doc.Services))].Name; callee != s.Name && !slices.Contains(s.Calls, callee) {
			s.Calls = append(s.Calls, callee)
		}
	default:
		s.Namespaces = []string{diffNamespaces[r.IntN(3)]}
	}
	return compile(t, doc, rules.DefaultOptions())
}

func hasType(doc *rules.Document, typ string) bool {
	return slices.ContainsFunc(doc.Services, func(s rules.Service) bool { return s.Type == typ })
}

// BenchmarkDiffGrants measures the reconciler's question on a rules change at ten times Monzo's
// size: one callee added to one service.
func BenchmarkDiffGrants(b *testing.B) {
	prev := compile(b, synth.Generate(synth.TenX()), rules.DefaultOptions())
	doc := prev.Document()
	s := &doc.Services[len(doc.Services)/2]
	for _, n := range prev.Names() {
		if n != s.Name && !slices.Contains(s.Calls, n) {
			s.Calls = append(s.Calls, n)
			break
		}
	}
	next := compile(b, doc, rules.DefaultOptions())
	b.ReportAllocs()
	for b.Loop() {
		if d := rules.DiffGrants(prev, next); len(d) != 1 {
			b.Fatalf("%d changes, want 1", len(d))
		}
	}
}
