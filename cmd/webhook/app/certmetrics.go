package app

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"
)

// certExpiry reports when the serving certificate (tls.crt in --webhook-cert-path, which the webhook
// and the secure metrics server both serve) expires: an alert can then warn before a renewal that
// never came lets failurePolicy Fail refuse every pod. Read at each scrape, from the file the
// certificate watchers reload, so a renewal shows as soon as it is served; a file that cannot be
// read reports nothing (certwatcher_read_certificate_errors_total counts those).
type certExpiry struct {
	path string
	desc *prometheus.Desc
}

func newCertExpiry(certDir string) certExpiry {
	return certExpiry{
		path: filepath.Join(certDir, "tls.crt"),
		desc: prometheus.NewDesc("netiso_serving_certificate_expiration_timestamp_seconds",
			"When the serving certificate in --webhook-cert-path expires (its first certificate's NotAfter).", nil, nil),
	}
}

func (c certExpiry) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c certExpiry) Collect(ch chan<- prometheus.Metric) {
	data, err := os.ReadFile(c.path)
	if err != nil {
		return
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(cert.NotAfter.Unix()))
}
