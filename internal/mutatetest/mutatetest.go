// Package mutatetest holds what the tests of pkg/mutate and pkg/mutate/webhook share: their rules,
// the benchmarks' rule set, and applying a patch as the API server does. Test code only.
package mutatetest

import (
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// LoadRules parses and compiles a rules file with the default options.

// BenchRules is a Monzo-shaped rule set (1,500 services, 9,300 links) plus one caller of 200
// services, WideCaller; and the name of a service with six callees and no namespaces.
func BenchRules(b *testing.B) (*rules.Compiled, string) {
	b.Helper()
	doc := synth.Generate(synth.Monzo())
	six := ""
	wide := rules.Service{Name: WideCaller}
	for _, s := range doc.Services {
		if six == "" && len(s.Calls) == 6 && len(s.CallsTypes) == 0 && len(s.Namespaces) == 0 {
			six = s.Name
		}
		if len(wide.Calls) < 200 {
			wide.Calls = append(wide.Calls, s.Name)
		}
	}
	if six == "" {
		b.Fatal("no 6-callee service without namespaces in the synthetic rules")
	}
	doc.Services = append(doc.Services, wide)
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	return c, six
}

// WideCaller is BenchRules' caller of 200 services.
const WideCaller = "bench-wide-caller"

// ApplyPatch applies a JSON patch to an object, as the API server would.
func ApplyPatch(t testing.TB, obj, patch []byte) []byte {
	t.Helper()
	if len(patch) == 0 {
		return obj
	}
	p, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		t.Fatalf("invalid patch %s: %v", patch, err)
	}
	out, err := p.Apply(obj)
	if err != nil {
		t.Fatalf("patch %s does not apply: %v", patch, err)
	}
	return out
}
