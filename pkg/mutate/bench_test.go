package mutate

import (
	"testing"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// benchRules is BenchmarkAdmission's rule set (pkg/mutate/webhook): Monzo-shaped (1,500 services,
// 9,300 links) plus one caller of 200 services; and a service with six callees and no namespaces.
func benchRules(b *testing.B) (*rules.Compiled, string) {
	b.Helper()
	doc := synth.Generate(synth.Monzo())
	six := ""
	wide := rules.Service{Name: "bench-wide-caller"}
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

// BenchmarkDecide is the pure decision alone.
func BenchmarkDecide(b *testing.B) {
	r, six := benchRules(b)
	in := Input{Operation: admissionv1.Create, Namespace: "bank", Pod: Meta{Labels: map[string]string{"app.kubernetes.io/name": six}}}
	cfg := Config{ServiceLabel: "app.kubernetes.io/name"}
	b.ReportAllocs()
	for b.Loop() {
		d := Decide(in, r, cfg)
		_ = Patch(in.Pod, d, r.Options().IsManaged)
	}
}
