package app

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// registerMetrics puts every netiso metric on the registry it is given, and importing the packages
// put none on controller-runtime's (which would make registering them there panic, as main does).
func TestRegisterMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	registerMetrics(reg)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, mf := range mfs {
		got[mf.GetName()] = true
	}
	// The metrics without labels are gathered before any value is set; the vectors only once they
	// have a child, so they are checked by registering again below.
	for _, name := range []string{
		"netiso_reconcile_pods_pending", "netiso_reconcile_pods_updated_total", "netiso_reconcile_pods_failed_total",
		"netiso_rules_services", "netiso_rules_links", "netiso_rules_last_change_timestamp_seconds", "netiso_rules_stale",
	} {
		if !got[name] {
			t.Errorf("%s not registered", name)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("registering twice on one registry did not panic: registerMetrics registered nothing?")
			}
		}()
		registerMetrics(reg)
	}()
}
