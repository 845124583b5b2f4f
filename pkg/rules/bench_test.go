package rules_test

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// scales are the targets: Monzo's 1,500 services and 9,300 links, and ten times it.
var scales = []struct {
	name string
	cfg  func() synth.Config
}{{"monzo", synth.Monzo}, {"tenx", synth.TenX}}

func BenchmarkLookup(b *testing.B) {
	c := compile(b, synth.Generate(synth.TenX()), rules.DefaultOptions())
	names := c.Names()
	namespaces := make([]string, len(names))
	for i, name := range names {
		if s, _ := c.Service(name); len(s.Namespaces) > 0 {
			namespaces[i] = s.Namespaces[0]
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := i % len(names)
		if _, v := c.Lookup(names[k], namespaces[k]); v != rules.Granted {
			b.Fatalf("%s in %s: verdict %d", names[k], namespaces[k], v)
		}
		i++
	}
}

// BenchmarkCompile validates and compiles a parsed document.
func BenchmarkCompile(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			doc := synth.Generate(sc.cfg())
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rules.Compile(doc, rules.DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseCompile is what the webhook does with new rules: their JSON (as `netiso compile`
// writes them) to compiled rules. The garbage it makes is what a reload costs the serving path. It
// also reports the heap the result keeps once the document is dropped (retained-B): what the
// webhook holds for as long as those rules serve.
func BenchmarkParseCompile(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			data := rulesJSON(b, sc.cfg())
			parseCompile := func() *rules.Compiled {
				doc, err := rules.Parse("rules.json", data)
				if err != nil {
					b.Fatal(err)
				}
				return compile(b, doc, rules.DefaultOptions())
			}
			kept := retained(b, func() any { return parseCompile() })
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				parseCompile()
			}
			b.ReportMetric(float64(kept), "retained-B") // after the loop, which resets metrics
		})
	}
}

// rulesJSON is the synthetic rules as `netiso compile` writes them.
func rulesJSON(tb testing.TB, cfg synth.Config) []byte {
	tb.Helper()
	data, err := json.Marshal(synth.Generate(cfg))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// retained is the live heap that build's result keeps once everything else it allocated is garbage:
// the heap with the result, less the heap once it is dropped too (measuring from before the build
// would count whatever else died meanwhile).
func retained(tb testing.TB, build func() any) uint64 {
	tb.Helper()
	var with, without runtime.MemStats
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(v) // and no further
	runtime.GC()
	runtime.ReadMemStats(&without)
	if with.HeapAlloc < without.HeapAlloc {
		return 0
	}
	return with.HeapAlloc - without.HeapAlloc
}
