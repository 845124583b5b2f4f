package reconcile

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// Importing the package registers nothing on controller-runtime's registry: Register does, in
// cmd/webhook.
func TestNoMetricsAtImport(t *testing.T) {
	for _, c := range []prometheus.Collector{podsPending, podsUpdated, podsFailed} {
		if err := metrics.Registry.Register(c); err != nil {
			t.Fatalf("already on controller-runtime's registry: %v", err)
		}
		metrics.Registry.Unregister(c)
	}
}
