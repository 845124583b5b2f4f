package rules_test

import (
	"fmt"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// scaleDoc is DESIGN.md's target: 15,000 services and about 100,000 links (7 callees each), a
// handful of types, and a few monitoring callers that call hundreds.
func scaleDoc(services int) *rules.Document {
	doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}
	for i := range services {
		s := rules.Service{
			Name:       fmt.Sprintf("service.s%05d", i),
			Namespaces: []string{fmt.Sprintf("team-%d", i%50)},
			Type:       fmt.Sprintf("type-%d", i%20),
			Source:     "scale.yaml",
		}
		for j := 1; j <= 7; j++ {
			s.Calls = append(s.Calls, fmt.Sprintf("service.s%05d", (i*31+j*977)%services))
		}
		if i < 5 {
			s.CallsTypes = []string{"type-1", "type-2"}
			for j := range 300 {
				callee := fmt.Sprintf("service.s%05d", (i+j*41)%services)
				if !contains(s.Calls, callee) {
					s.Calls = append(s.Calls, callee)
				}
			}
		}
		doc.Services = append(doc.Services, s)
	}
	return doc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func BenchmarkLookup(b *testing.B) {
	c := compile(b, scaleDoc(15000), rules.DefaultOptions())
	names := c.Names()
	namespaces := make([]string, len(names))
	for i, name := range names {
		s, _ := c.Service(name)
		namespaces[i] = s.Namespaces[0]
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

func BenchmarkCompile(b *testing.B) {
	doc := scaleDoc(15000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Compile(doc, rules.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
