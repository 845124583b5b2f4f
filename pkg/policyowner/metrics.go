package policyowner

import "github.com/prometheus/client_golang/prometheus"

var (
	applied = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_policies_applied_total",
		Help: "NetworkPolicies written because the rules (or a change in progress) imply them.",
	})
	removed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_policies_removed_total",
		Help: "NetworkPolicies deleted because the rules in force no longer imply them.",
	})
	repaired = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "netiso_policies_repaired_total",
		Help: "NetworkPolicies someone else changed or deleted, restored (reason: changed, deleted).",
	}, []string{"reason"})
	applyErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_policies_errors_total",
		Help: "Failed writes of a NetworkPolicy (each is retried with backoff).",
	})
	foreign = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_policies_foreign_total",
		Help: "NetworkPolicies labelled as netiso's that netiso did not write, seen and left alone.",
	})
	changed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_policies_rules_changes_total",
		Help: "Rules versions the policy owner has moved to.",
	})
	waiting = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_policies_pods_in_transit",
		Help: "Pods still carrying an earlier grant while a rules change waits to apply its final policies.",
	})
)

// Register adds the package's metrics to reg: cmd/webhook passes controller-runtime's registry.
func Register(reg prometheus.Registerer) {
	reg.MustRegister(applied, removed, repaired, applyErrors, foreign, changed, waiting)
}
