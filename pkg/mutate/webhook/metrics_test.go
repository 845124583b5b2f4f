package webhook

import (
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// Importing the package registers nothing on controller-runtime's registry: only cmd/webhook does.
func TestNoMetricsAtImport(t *testing.T) {
	if err := metrics.Registry.Register(admissions); err != nil {
		t.Fatalf("netiso_admissions_total is already on controller-runtime's registry: %v", err)
	}
	metrics.Registry.Unregister(admissions)
}
