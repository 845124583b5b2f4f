package webhook

import "github.com/prometheus/client_golang/prometheus"

// admissions counts every admission by operation, result (patched, allowed, denied, error) and
// reason, beside controller-runtime's own webhook latency and in-flight metrics.
var admissions = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "netiso_admissions_total",
	Help: "Pod admissions by operation, result (patched, allowed, denied, error) and reason.",
}, []string{"operation", "result", "reason"})

// ResultAudit is the result label of netiso_admissions_total for an admission in audit mode.
const ResultAudit = "audit"

// Register adds the package's metrics to reg: cmd/webhook passes controller-runtime's registry.
// Not done in init, so that importing the package (tests, test/load) registers nothing.
func Register(reg prometheus.Registerer) {
	reg.MustRegister(admissions)
}
