package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// TestCompileScale: Monzo's scale fits in one ConfigMap as text; ten times that (15,000 services,
// 100,000 links) does not, and is gzipped into one that fits, which the webhook's reader turns
// back into the same rules version.
func TestCompileScale(t *testing.T) {
	cases := []struct {
		name    string
		cfg     synth.Config
		gzipped bool
	}{
		{"1,500 services, 9,300 links", synth.Monzo(), false},
		{"15,000 services, 100,000 links", synth.TenX(), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.gzipped {
				t.Skip("15,000 services")
			}
			c, err := rules.Compile(synth.Generate(tc.cfg), rules.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			res, err := compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", rules.ConfigMapLimit)
			if err != nil {
				t.Fatal(err)
			}
			if res.gzipped != tc.gzipped || len(res.manifest) > rules.ConfigMapLimit-manifestMargin {
				t.Errorf("gzipped %v, manifest %d bytes", res.gzipped, len(res.manifest))
			}
			var cm corev1.ConfigMap
			if err := yaml.UnmarshalStrict(res.manifest, &cm); err != nil {
				t.Fatal(err)
			}
			stored := 0 // what the API server counts against its limit
			for k, v := range cm.Data {
				stored += len(k) + len(v)
			}
			for k, v := range cm.BinaryData {
				stored += len(k) + len(v)
			}
			if stored > rules.ConfigMapLimit {
				t.Errorf("%d bytes of data", stored)
			}
			if got := roundTrip(t, &cm, rules.DefaultOptions()); got != c.Hash() || cm.Annotations[names.AnnotationRulesHash] != c.Hash() {
				t.Errorf("round trip: version %s, annotation %s, want %s", got, cm.Annotations[names.AnnotationRulesHash], c.Hash())
			}
			if c.Len() != tc.cfg.Services || c.Links() != tc.cfg.Links {
				t.Errorf("%d services, %d links", c.Len(), c.Links())
			}
			zipBytes, docBytes := res.zipBytes, res.docBytes
			if !res.gzipped { // for the record, what gzip would have made of it
				doc, err := json.Marshal(c.Document())
				if err != nil {
					t.Fatal(err)
				}
				zipped, err := gzipBytes(doc)
				if err != nil {
					t.Fatal(err)
				}
				zipBytes = len(zipped)
			}
			t.Logf("%d services, %d links: JSON %d bytes, gzipped %d (%.1fx; used: %v), manifest %d bytes, %d bytes of data",
				c.Len(), c.Links(), docBytes, zipBytes, float64(docBytes)/float64(zipBytes), res.gzipped, len(res.manifest), stored)
		})
	}
}

// TestCompileDeterministic: the same rules, the same bytes, gzipped or not, so a pipeline that
// compiles on every commit changes the ConfigMap only when the rules change.
func TestCompileDeterministic(t *testing.T) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for name, limit := range map[string]int{"text": rules.ConfigMapLimit, "gzipped": manifestMargin + 128<<10} {
		t.Run(name, func(t *testing.T) {
			a, err := compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", limit)
			if err != nil {
				t.Fatal(err)
			}
			b, err := compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", limit)
			if err != nil || !bytes.Equal(a.manifest, b.manifest) || a.gzipped != (name == "gzipped") {
				t.Errorf("two compiles differ (gzipped %v), or %v", a.gzipped, err)
			}
		})
	}
}

func TestCompileTooLarge(t *testing.T) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	_, err = compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", manifestMargin+32<<10)
	if err == nil || !strings.Contains(err.Error(), "rules too large for one ConfigMap: 1500 services and 9300 links are") {
		t.Errorf("error %v", err)
	}
}

func BenchmarkCompileConfigMap(b *testing.B) {
	c, err := rules.Compile(synth.Generate(synth.TenX()), rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", rules.ConfigMapLimit); err != nil {
			b.Fatal(err)
		}
	}
}
