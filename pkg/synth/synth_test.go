package synth

import (
	"reflect"
	"slices"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

func TestGenerate(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
	}{
		{"tiny", Config{Services: 10, Links: 20, Seed: 3, HeavyCallers: 1, HeavyFanout: 5, Namespaces: 2}},
		{"no namespaces", Config{Services: 50, Links: 100, Seed: 1, Namespaces: 0}},
		{"no links", Config{Services: 5, Links: 0, Seed: 1, Namespaces: 1}},
		{"monzo", Monzo()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := Generate(tc.cfg)
			c, err := rules.Compile(doc, rules.DefaultOptions())
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if c.Len() != tc.cfg.Services || c.Links() != tc.cfg.Links {
				t.Errorf("%d services, %d links; want %d, %d", c.Len(), c.Links(), tc.cfg.Services, tc.cfg.Links)
			}
			if again := Generate(tc.cfg); !reflect.DeepEqual(doc, again) {
				t.Error("two runs of the same Config differ")
			}
		})
	}
}

func TestSeedChangesTheGraph(t *testing.T) {
	a, b := Monzo(), Monzo()
	b.Seed = 2
	if reflect.DeepEqual(Generate(a), Generate(b)) {
		t.Error("seeds 1 and 2 give the same document")
	}
}

// TestMonzoShape checks what makes the preset Monzo-shaped, not just Monzo-sized.
func TestMonzoShape(t *testing.T) {
	doc := Generate(Monzo())
	var degrees []int
	types := map[string]int{}
	var callsTypes, public, multiNS, noNS, shortPolicyName, noPorts int
	for _, s := range doc.Services {
		degrees = append(degrees, len(s.Calls))
		types[s.Type]++
		if len(s.CallsTypes) > 0 {
			callsTypes++
		}
		if s.Public {
			public++
		}
		switch len(s.Namespaces) {
		case 0:
			noNS++
		case 2:
			multiNS++
		}
		if len(s.Ports) == 0 {
			noPorts++
		}
		if len("netiso-"+s.Name) > 63 || s.Name != lower(s.Name) {
			shortPolicyName++
		}
	}
	slices.Sort(degrees)
	median, top := degrees[len(degrees)/2], degrees[len(degrees)-1]
	heavy := 0
	for _, d := range degrees {
		if d >= 100 {
			heavy++
		}
	}
	checks := map[string]bool{
		"median caller has a handful of callees (2-10)": median >= 2 && median <= 10,
		"the top caller has hundreds of callees":        top >= 200,
		"a few heavy callers (3-10 with 100+)":          heavy >= 3 && heavy <= 10,
		"several types, and untyped services":           len(types) >= 6 && types[""] > 0,
		"a type whose label is shortened":               types["platform/observability"] > 0 && rules.LabelName("platform/observability") != "platform/observability",
		"some callsTypes":                               callsTypes >= 5,
		"some public edges":                             public >= 1,
		"services in two namespaces, and in none":       multiNS > 0 && noNS > 0,
		"services with no ports":                        noPorts > 0,
		"names needing a shortened policy name":         shortPolicyName > 0,
	}
	for what, ok := range checks {
		if !ok {
			t.Errorf("not Monzo-shaped: %s (median %d, top %d, heavy %d, types %v, callsTypes %d, public %d, 2 ns %d, no ns %d, no ports %d, short %d)",
				what, median, top, heavy, types, callsTypes, public, multiNS, noNS, noPorts, shortPolicyName)
		}
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' || c == '_' {
			b[i] = '-'
		}
	}
	return string(b)
}

func TestImpossibleConfigPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for 3 services and 10 links")
		}
	}()
	Generate(Config{Services: 3, Links: 10})
}

// TenX is compiled, at full size, by cmd/netiso's TestCompileScale.

func BenchmarkGenerateMonzo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(Monzo())
	}
}
