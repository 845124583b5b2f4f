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
			data, err := json.Marshal(synth.Generate(sc.cfg()))
			if err != nil {
				b.Fatal(err)
			}
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

// retained is the live heap that build's result keeps once everything else it allocated is garbage.
func retained(tb testing.TB, build func() any) uint64 {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}
