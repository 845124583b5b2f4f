package mutate

import "github.com/prometheus/client_golang/prometheus"

// admissions counts every admission by operation, result (patched, allowed, denied, error) and
// reason, beside controller-runtime's own webhook latency and in-flight metrics.
var admissions = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "netiso_admissions_total",
	Help: "Pod admissions by operation, result (patched, allowed, denied, error) and reason.",
}, []string{"operation", "result", "reason"})

// Register adds the package's metrics to reg: cmd/webhook passes controller-runtime's registry.
// Not done in init, so that importing the package (the CLI does) registers nothing.
func Register(reg prometheus.Registerer) {
	reg.MustRegister(admissions)
}
