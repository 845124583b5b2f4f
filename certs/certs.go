// Package certs generates a throw-away certificate authority and a serving
// certificate signed by it, for running the webhook locally and in tests.
//
// client-go's util/cert encodes the certificates and reads ca.crt back. Its
// generators do not serve: NewSelfSignedCACert fixes ten years of validity and
// no path length limit, GenerateSelfSignedCertKey makes RSA keys and its own
// CA, and its WriteCert/WriteKey do not replace files atomically, which a
// running certwatcher needs; so the templates and WriteDir stay here.
//
// WriteDir lays the files out the way the controller-runtime webhook server
// expects its cert directory (tls.crt, tls.key), plus ca.crt, the caBundle a
// MutatingWebhookConfiguration needs to trust the server. The CA's private key
// is not kept: a renewal makes a new CA too, and the caBundle must follow.
// Clusters should get their certificates from cert-manager or the chart; this
// package is for development.
package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"k8s.io/client-go/util/cert"
)

// File names inside a cert directory. CertFile and KeyFile are the names the
// controller-runtime webhook server (and its certwatcher) reads.
const (
	CAFile   = "ca.crt"
	CertFile = "tls.crt"
	KeyFile  = "tls.key"
)

const defaultValidity = 365 * 24 * time.Hour

// Options say what to generate.
type Options struct {
	// Hosts are the DNS names and IP addresses the serving certificate is
	// valid for; IP addresses are told apart with net.ParseIP. At least one
	// is required.
	Hosts []string
	// Validity is how long both certificates stay valid from now; zero or
	// negative means one year.
	Validity time.Duration
}

// DefaultHosts returns the names the webhook is reached by: the in-cluster
// names of service in namespace (svc, svc.ns, svc.ns.svc,
// svc.ns.svc.cluster.local) followed by localhost, 127.0.0.1 and ::1.
// An empty service leaves out the in-cluster names, an empty namespace the
// namespace-qualified ones.
func DefaultHosts(service, namespace string) []string {
	var hosts []string
	if service != "" {
		hosts = append(hosts, service)
		if namespace != "" {
			svc := service + "." + namespace + ".svc"
			hosts = append(hosts, service+"."+namespace, svc, svc+".cluster.local")
		}
	}
	return append(hosts, "localhost", "127.0.0.1", "::1")
}

// Bundle is a generated CA certificate, serving certificate and serving key,
// each PEM-encoded. Key is PKCS #8.
type Bundle struct {
	CACert, Cert, Key []byte
}

// Generate makes a new ECDSA P-256 CA and a serving certificate signed by it
// for opts.Hosts. Every call makes new keys.
func Generate(opts Options) (*Bundle, error) {
	hosts, err := cleanHosts(opts.Hosts)
	if err != nil {
		return nil, err
	}
	validity := opts.Validity
	if validity <= 0 {
		validity = defaultValidity
	}
	now := time.Now()
	// A minute of slack so a client whose clock is slightly behind ours
	// does not see a certificate from the future.
	notBefore := now.Add(-time.Minute)
	notAfter := now.Add(validity)

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate CA key: %w", err)
	}
	caSerial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          caSerial,
		Subject:               pkix.Name{Organization: []string{"netiso development"}, CommonName: "netiso development CA"},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		// It signs serving certificates only, never another CA.
		MaxPathLenZero: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("create CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, fmt.Errorf("parse CA certificate: %w", err)
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate serving key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	template := &x509.Certificate{
		SerialNumber: serial,
		// Clients match the SANs, never the common name, so it only has to
		// be readable (and short: a long host would exceed its 64 bytes).
		Subject:               pkix.Name{Organization: []string{"netiso development"}, CommonName: "netiso webhook"},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			template.IPAddresses = append(template.IPAddresses, ip)
		} else {
			template.DNSNames = append(template.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("create serving certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse serving certificate: %w", err)
	}
	// PKCS #8, which client-go's keyutil does not write (it writes ECDSA keys as SEC 1).
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("marshal serving key: %w", err)
	}
	caPEM, err := cert.EncodeCertificates(ca)
	if err != nil {
		return nil, err
	}
	certPEM, err := cert.EncodeCertificates(leaf)
	if err != nil {
		return nil, err
	}
	return &Bundle{CACert: caPEM, Cert: certPEM, Key: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})}, nil
}

// cleanHosts rejects an empty list and empty or blank-containing hosts, and
// drops duplicates, keeping the first occurrence's position.
func cleanHosts(hosts []string) ([]string, error) {
	if len(hosts) == 0 {
		return nil, errors.New("no hosts: the serving certificate needs at least one DNS name or IP address")
	}
	seen := make(map[string]bool, len(hosts))
	out := make([]string, 0, len(hosts))
	for _, h := range hosts {
		if h == "" || strings.ContainsFunc(h, unicode.IsSpace) {
			return nil, fmt.Errorf("invalid host %q", h)
		}
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out, nil
}

// randomSerial returns a random, non-zero serial number of at most 128 bits.
func randomSerial() (*big.Int, error) {
	limit := new(big.Int).Lsh(big.NewInt(1), 128)
	for {
		n, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return nil, fmt.Errorf("generate serial number: %w", err)
		}
		if n.Sign() > 0 {
			return n, nil
		}
	}
}

// WriteDir writes ca.crt, tls.crt and tls.key (the key 0600, the
// certificates 0644) into dir, creating it 0700 if it is missing. Each file
// is written to a temporary file in dir and renamed over the old one, so a
// reader sees the old file or the new one, never half of one.
//
// The key goes first, the certificate last. In between, tls.crt and tls.key
// do not match; certwatcher fails to load such a pair and keeps serving the
// previous one, then loads the new pair when tls.crt lands (or at its next
// poll).
func (b *Bundle) WriteDir(dir string) error {
	if b == nil || len(b.CACert) == 0 || len(b.Cert) == 0 || len(b.Key) == 0 {
		return errors.New("incomplete bundle: CACert, Cert and Key are all required")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create cert directory: %w", err)
	}
	files := []struct {
		name string
		data []byte
		mode fs.FileMode
	}{
		{CAFile, b.CACert, 0o644},
		{KeyFile, b.Key, 0o600},
		{CertFile, b.Cert, 0o644},
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data, f.mode); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory (so the rename cannot cross file systems). The mode is set before
// any data is written, so a key is never readable by others, even briefly.
func writeFileAtomic(path string, data []byte, mode fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// NeedsRenewal reports why the certificates in dir should be replaced, or ""
// if they can be kept: ca.crt, tls.crt and tls.key must all be there, the key
// must match the certificate, the certificate must verify against ca.crt for
// server auth, cover every host in hosts, and it and its CA must stay valid for
// at least within from now.
//
// A missing, unparsable or unsuitable file is a reason, not an error; err is
// only for a file that exists but cannot be read.
func NeedsRenewal(dir string, hosts []string, within time.Duration) (reason string, err error) {
	var contents [3][]byte
	for i, name := range []string{CAFile, CertFile, KeyFile} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name + " is missing", nil
		}
		if err != nil {
			return "", err
		}
		contents[i] = data
	}
	caPEM, certPEM, keyPEM := contents[0], contents[1], contents[2]

	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return fmt.Sprintf("%s and %s are not a usable pair: %v", CertFile, KeyFile, err), nil
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return fmt.Sprintf("%s: %v", CertFile, err), nil
	}
	intermediates := x509.NewCertPool()
	for _, der := range pair.Certificate[1:] {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return fmt.Sprintf("%s: %v", CertFile, err), nil
		}
		intermediates.AddCert(c)
	}
	roots, err := cert.NewPoolFromBytes(caPEM) // refuses a file with no certificate, or a bad one
	if err != nil {
		return fmt.Sprintf("%s holds no certificate: %v", CAFile, err), nil
	}

	now := time.Now()
	chains, err := leaf.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: intermediates,
		CurrentTime:   now,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		return fmt.Sprintf("%s does not verify against %s: %v", CertFile, CAFile, err), nil
	}
	deadline := now.Add(within)
	for _, c := range chains[0] {
		if c.NotAfter.Before(deadline) {
			return fmt.Sprintf("%q expires at %s, within %s", c.Subject.CommonName, c.NotAfter.Format(time.RFC3339), within), nil
		}
	}
	for _, h := range hosts {
		if err := leaf.VerifyHostname(h); err != nil {
			return fmt.Sprintf("%s does not cover %s", CertFile, h), nil
		}
	}
	return "", nil
}
