package rulesource

import "github.com/prometheus/client_golang/prometheus"

var (
	version = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "netiso_rules_info",
		Help: "The version (hash) of the rules in force; the value is always 1.",
	}, []string{"version"})
	services = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_rules_services",
		Help: "Services in the rules in force.",
	})
	links = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_rules_links",
		Help: "Service-to-service links in the rules in force.",
	})
	loaded = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_rules_last_change_timestamp_seconds",
		Help: "When the rules in force were loaded.",
	})
	reloadErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "netiso_rules_reload_errors_total",
		Help: "New rules rejected, by reason (invalid, unreadable, deleted); the last good rules keep serving.",
	}, []string{"reason"})
	stale = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_rules_stale",
		Help: "1 when the source's latest rules were rejected and older rules are serving.",
	})
)

// Register adds the package's metrics to reg: cmd/webhook passes controller-runtime's registry.
// Not done in init, so that importing the package registers nothing.
func Register(reg prometheus.Registerer) {
	reg.MustRegister(version, services, links, loaded, reloadErrors, stale)
}
