package rulesource

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/go-logr/logr"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// BenchmarkApply is the webhook's reload, from the bytes of the rules file or ConfigMap to the
// rules in force: "changed" alternates two versions that differ by one link, as the load test's
// swaps do; "unchanged" applies the rules in force again, as an informer's resync or a touched
// file does.
func BenchmarkApply(b *testing.B) {
	for _, sc := range []struct {
		name string
		cfg  func() synth.Config
	}{{"monzo", synth.Monzo}, {"tenx", synth.TenX}} {
		a, c := twoVersions(b, sc.cfg())
		b.Run(sc.name+"/changed", func(b *testing.B) {
			s := NewStore(rules.DefaultOptions(), logr.Discard())
			b.SetBytes(int64(len(a)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				data := a
				if i%2 == 1 {
					data = c
				}
				if err := s.Apply("rules.json", data); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		b.Run(sc.name+"/unchanged", func(b *testing.B) {
			s := NewStore(rules.DefaultOptions(), logr.Discard())
			if err := s.Apply("rules.json", a); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(a)))
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Apply("rules.json", a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// twoVersions returns cfg's synthetic rules as JSON, without and with one more link.
func twoVersions(b *testing.B, cfg synth.Config) ([]byte, []byte) {
	b.Helper()
	doc := synth.Generate(cfg)
	a, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	from := &doc.Services[0]
	for _, s := range doc.Services[1:] {
		if !slices.Contains(from.Calls, s.Name) {
			from.Calls = append(from.Calls, s.Name)
			break
		}
	}
	c, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	return a, c
}
