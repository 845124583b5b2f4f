package app

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/netiso/netiso/certs"
)

// RegisterMetrics puts every netiso metric on the registry it is given, and importing the packages
// put none on controller-runtime's (which would make registering them there panic, as main does).
func TestRegisterMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	RegisterMetrics(reg, t.TempDir())
	got := gathered(t, reg)
	// The metrics without labels are gathered before any value is set; the vectors only once they
	// have a child, so they are checked by registering again below.
	for _, name := range []string{
		"netiso_reconcile_pods_pending", "netiso_reconcile_pods_updated_total", "netiso_reconcile_pods_failed_total",
		"netiso_rules_services", "netiso_rules_links", "netiso_rules_last_change_timestamp_seconds", "netiso_rules_stale",
	} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s not registered", name)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("registering twice on one registry did not panic: RegisterMetrics registered nothing?")
			}
		}()
		RegisterMetrics(reg, t.TempDir())
	}()
}

// The serving certificate's expiry is the NotAfter of the certificate in the directory, read at each
// scrape: a renewed file shows at once, and no readable certificate reports nothing.
func TestCertExpiry(t *testing.T) {
	const name = "netiso_serving_certificate_expiration_timestamp_seconds"
	dir := t.TempDir()
	reg := prometheus.NewRegistry()
	RegisterMetrics(reg, dir)
	if v, ok := gathered(t, reg)[name]; ok {
		t.Errorf("no certificate yet: %s = %v, want no sample", name, v)
	}
	for _, validity := range []time.Duration{30 * 24 * time.Hour, 90 * 24 * time.Hour} { // then renewed
		b, err := certs.Generate(certs.Options{Hosts: certs.DefaultHosts("", ""), Validity: validity})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.WriteDir(dir); err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(b.Cert)
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := gathered(t, reg)[name], float64(cert.NotAfter.Unix()); got != want {
			t.Errorf("valid for %v: %s = %v, want %v", validity, name, got, want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "tls.crt"), []byte("not PEM"), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, ok := gathered(t, reg)[name]; ok {
		t.Errorf("unreadable certificate: %s = %v, want no sample", name, v)
	}
}

// gathered is each metric family's first sample value (gauges and counters), by name.
func gathered(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		var v float64
		if m := mf.GetMetric(); len(m) > 0 {
			v = m[0].GetGauge().GetValue() + m[0].GetCounter().GetValue()
		}
		out[mf.GetName()] = v
	}
	return out
}
