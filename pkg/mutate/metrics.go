package mutate

import (
	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// admissions counts every admission by operation, result (patched, allowed, denied, error) and
// reason, beside controller-runtime's own webhook latency and in-flight metrics.
var admissions = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "netiso_admissions_total",
	Help: "Pod admissions by operation, result (patched, allowed, denied, error) and reason.",
}, []string{"operation", "result", "reason"})

func init() {
	metrics.Registry.MustRegister(admissions)
}
