package reconcile

import "github.com/prometheus/client_golang/prometheus"

var (
	podsPending = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_reconcile_pods_pending",
		Help: "Running pods in covered namespaces not yet relabelled for the rules in force.",
	})
	podsUpdated = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_reconcile_pods_updated_total",
		Help: "Running pods the webhook relabelled at the reconciler's request.",
	})
	checks = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_reconcile_checks_total",
		Help: "Judgements of every cached pod (the first rules, then one each --reconcile-resync).",
	})
	podsFailed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_reconcile_pods_failed_total",
		Help: "Failed attempts to relabel a running pod (each is retried with backoff).",
	})
)

// Register adds the package's metrics to reg: cmd/webhook passes controller-runtime's registry.
// Not done in init, so that importing the package registers nothing.
func Register(reg prometheus.Registerer) {
	reg.MustRegister(podsPending, podsUpdated, podsFailed, checks)
}
