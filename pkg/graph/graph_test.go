package graph

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/goldentest"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

func load(t testing.TB, path string) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	example = "../../examples/online-boutique/rules.yaml"
	bank    = "../policy/testdata/bank.rules.yaml"
)

var edgeRE = regexp.MustCompile(`(?m)^\s*"([^"]+)" -> "([^"]+)"(.*);$`)

// edges lists "from -> to" of a DOT text, with " (dashed)" for dashed ones.
func edges(dot string) []string {
	var out []string
	for _, m := range edgeRE.FindAllStringSubmatch(dot, -1) {
		e := m[1] + " -> " + m[2]
		if strings.Contains(m[3], "style=dashed") {
			e += " (dashed)"
		}
		out = append(out, e)
	}
	return out
}

func TestDOT(t *testing.T) {
	cases := []struct {
		name  string
		rules string
		opts  Options
		kind  Kind
		check func(t *testing.T, dot string)
	}{
		{"online boutique: every link, frontend public", example, Options{}, Full, func(t *testing.T, dot string) {
			es := edges(dot)
			if len(es) != 16 || !slices.Contains(es, "(anywhere) -> frontend") || !slices.Contains(es, "cartservice -> redis-cart") {
				t.Errorf("edges %v: want the 15 links and anywhere -> frontend", es)
			}
			if !strings.Contains(dot, `"frontend" [fillcolor="#ffffff", peripheries=2`) {
				t.Error("frontend is not marked public")
			}
		}},
		{"types are clusters, callsTypes dashed", bank, Options{}, Full, func(t *testing.T, dot string) {
			if !strings.Contains(dot, `label="type backend"`) || !strings.Contains(dot, `label="type Platform Observability"`) {
				t.Errorf("no type clusters:\n%s", dot)
			}
			es := edges(dot)
			for _, want := range []string{"service.monitoring -> service.emoji (dashed)", "service.monitoring -> service.ledger (dashed)", "service.emoji -> service.ledger"} {
				if !slices.Contains(es, want) {
					t.Errorf("no edge %s in %v", want, es)
				}
			}
		}},
		{"neighbourhood, depth 1: only edges at the focus", bank, Options{Focus: "service.ledger"}, Neighbourhood, func(t *testing.T, dot string) {
			want := []string{"service.Payments_Core-reconciliation-and-settlement-worker -> service.ledger", "service.emoji -> service.ledger", "service.monitoring -> service.ledger (dashed)"}
			if es := edges(dot); !slices.Equal(es, want) {
				t.Errorf("edges\n%v\nwant\n%v", es, want)
			}
			if strings.Contains(dot, `"edge.proxy"`) || !strings.Contains(dot, `"service.ledger" [fillcolor="#ccebc5", penwidth=3]`) {
				t.Errorf("wrong nodes, or focus not bold:\n%s", dot)
			}
		}},
		{"neighbourhood, depth 2", bank, Options{Focus: "service.ledger", Depth: 2}, Neighbourhood, func(t *testing.T, dot string) {
			es := edges(dot)
			for _, want := range []string{"edge.proxy -> service.emoji", "service.monitoring -> service.emoji (dashed)", "batch.report -> service.monitoring"} {
				if !slices.Contains(es, want) {
					t.Errorf("no edge %s in %v", want, es)
				}
			}
		}},
		{"summary above the limit", bank, Options{SummaryAbove: 3, TopCallers: 1}, Summary, func(t *testing.T, dot string) {
			for _, want := range []string{`"type:backend" [label="backend\n2 services"`, `"type:(no type)" [label="(no type)\n3 services\n1 public"`, `"service.monitoring" [label="service.monitoring\ncalls 2"`} {
				if !strings.Contains(dot, want) {
					t.Errorf("summary lacks %s:\n%s", want, dot)
				}
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dot, kind, err := DOT(load(t, tc.rules), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if kind != tc.kind {
				t.Errorf("kind %s, want %s", kind, tc.kind)
			}
			if !strings.HasPrefix(dot, "digraph netiso {\n") || !strings.HasSuffix(dot, "}\n") || strings.Count(dot, "{") != strings.Count(dot, "}") {
				t.Errorf("not one balanced digraph:\n%s", dot)
			}
			tc.check(t, dot)
		})
	}
}

// TestSummaryCounts: at Monzo's scale the summary is small, and its edge weights add up to every
// caller-callee pair (callsTypes expanded), split between type edges and the top callers'.
func TestSummaryCounts(t *testing.T) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	dot, kind, err := DOT(c, Options{})
	if err != nil || kind != Summary {
		t.Fatalf("kind %s, err %v", kind, err)
	}
	total := 0
	for _, m := range regexp.MustCompile(`label="(\d+)"`).FindAllStringSubmatch(dot, -1) {
		n, _ := strconv.Atoi(m[1])
		total += n
	}
	if want := len(newGraph(c).edges); total != want {
		t.Errorf("edge weights add up to %d, want %d", total, want)
	}
	if lines := strings.Count(dot, "\n"); lines > 200 {
		t.Errorf("summary of %d lines: not readable", lines)
	}
	if n := strings.Count(dot, "shape=ellipse"); n != DefaultTopCallers {
		t.Errorf("%d top callers drawn, want %d", n, DefaultTopCallers)
	}
}

func TestDOTErrors(t *testing.T) {
	c := load(t, example)
	for name, opts := range map[string]Options{
		"unknown service": {Focus: "nope"},
		"negative depth":  {Focus: "frontend", Depth: -1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DOT(c, opts); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestGolden: testdata/<case>.dot; UPDATE_GOLDEN=1 rewrites it.
func TestGolden(t *testing.T) {
	cases := map[string]string{"online-boutique": example, "bank": bank, "pci": "../../examples/pci/rules.yaml"}
	var goldens []string
	for name := range cases {
		goldens = append(goldens, filepath.Join("testdata", name+".dot"))
	}
	goldentest.NoStale(t, "testdata/*.dot", goldens)
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			dot, _, err := DOT(load(t, path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".dot")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(dot), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
			}
			if !bytes.Equal([]byte(dot), want) {
				t.Errorf("differs from %s (UPDATE_GOLDEN=1 rewrites it):\n%s", golden, dot)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{`a`: `"a"`, `a"b`: `"a\"b"`, `a\b`: `"a\\b"`, "a\nb": `"a\nb"`} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func BenchmarkSummary(b *testing.B) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := DOT(c, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDOTZones: each zone is a cluster holding exactly its members drawn (type clusters inside),
// in the full graph and in a neighbourhood; rules without zones draw none.
func TestDOTZones(t *testing.T) {
	c := load(t, "../../examples/pci/rules.yaml")
	members := []string{"card.api", "card.audit", "card.tokeniser", "card.vault"}
	for name, tc := range map[string]struct {
		opts Options
		want []string
	}{
		"full":          {Options{}, members},
		"neighbourhood": {Options{Focus: "card.vault"}, []string{"card.api", "card.audit", "card.vault"}}, // its callers
	} {
		t.Run(name, func(t *testing.T) {
			dot, _, err := DOT(c, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			inside, outside := zoneNodes(t, dot, `subgraph "cluster_zone_0" {`)
			if !slices.Equal(inside, tc.want) {
				t.Errorf("zone cluster holds %v, want %v", inside, tc.want)
			}
			for _, n := range outside {
				if slices.Contains(members, n) {
					t.Errorf("member %s drawn outside its zone", n)
				}
			}
			if !strings.Contains(dot, `label="zone pci (namespaces pci, pci-dr): closed"`) {
				t.Errorf("no zone label:\n%s", dot)
			}
		})
	}
	if dot, _, _ := DOT(load(t, bank), Options{}); strings.Contains(dot, "cluster_zone") {
		t.Error("a zone cluster in rules without zones")
	}
}

var nodeRE = regexp.MustCompile(`^\s*"([^"]+)" \[`)

// zoneNodes returns the nodes declared inside the block that opens with the line open, and those
// declared elsewhere, each sorted.
func zoneNodes(t *testing.T, dot, open string) (inside, outside []string) {
	t.Helper()
	depth := 0 // depth within the block; 0: outside it
	found := false
	for _, line := range strings.Split(dot, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == open:
			depth, found = 1, true
			continue
		case depth > 0 && strings.HasSuffix(trimmed, "{"):
			depth++
			continue
		case depth > 0 && trimmed == "}":
			depth--
			continue
		}
		if m := nodeRE.FindStringSubmatch(line); m != nil && m[1] != "(anywhere)" {
			if depth > 0 {
				inside = append(inside, m[1])
			} else {
				outside = append(outside, m[1])
			}
		}
	}
	if !found {
		t.Fatalf("no %q in\n%s", open, dot)
	}
	slices.Sort(inside)
	slices.Sort(outside)
	return inside, outside
}

// TestSummaryZones: a summary counts a zone's members apart, inside the zone's cluster, and its
// edge weights still add up to every caller-callee pair.
func TestSummaryZones(t *testing.T) {
	c := load(t, "../../examples/pci/rules.yaml")
	dot, kind, err := DOT(c, Options{SummaryAbove: 3, TopCallers: 1})
	if err != nil || kind != Summary {
		t.Fatalf("kind %s, err %v", kind, err)
	}
	inside, outside := zoneNodes(t, dot, `subgraph "cluster_zone_0" {`)
	// card.api, the top caller, is drawn on its own, in its zone.
	if want := []string{"card.api", "zone:pci:type:(no type)", "zone:pci:type:pci-store"}; !slices.Equal(inside, want) {
		t.Errorf("zone cluster holds %v, want %v", inside, want)
	}
	if want := []string{"type:(no type)", "type:backend"}; !slices.Equal(outside, want) {
		t.Errorf("outside the zone: %v, want %v", outside, want)
	}
	total := 0
	for _, m := range regexp.MustCompile(`label="(\d+)"`).FindAllStringSubmatch(dot, -1) {
		n, _ := strconv.Atoi(m[1])
		total += n
	}
	if want := len(newGraph(c).edges); total != want {
		t.Errorf("edge weights add up to %d, want %d:\n%s", total, want, dot)
	}
}
