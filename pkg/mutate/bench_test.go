package mutate

import (
	"testing"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/mutatetest"
)

// BenchmarkDecide is the pure decision alone.
func BenchmarkDecide(b *testing.B) {
	r, six := mutatetest.BenchRules(b)
	in := Input{Operation: admissionv1.Create, Namespace: "bank", Pod: Meta{Labels: map[string]string{"app.kubernetes.io/name": six}}}
	cfg := Config{ServiceLabel: "app.kubernetes.io/name"}
	b.ReportAllocs()
	for b.Loop() {
		_ = Decide(in, r, cfg)
	}
}
