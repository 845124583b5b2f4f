package certs_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netiso/netiso/certs"
)

func TestDefaultHosts(t *testing.T) {
	tests := map[string]struct {
		service, namespace string
		want               []string
	}{
		"service and namespace": {
			service: "netiso-webhook", namespace: "netiso-system",
			want: []string{
				"netiso-webhook",
				"netiso-webhook.netiso-system",
				"netiso-webhook.netiso-system.svc",
				"netiso-webhook.netiso-system.svc.cluster.local",
				"localhost", "127.0.0.1", "::1",
			},
		},
		"no namespace": {
			service: "wh",
			want:    []string{"wh", "localhost", "127.0.0.1", "::1"},
		},
		"no service": {
			namespace: "ns",
			want:      []string{"localhost", "127.0.0.1", "::1"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := certs.DefaultHosts(tc.service, tc.namespace); !slices.Equal(got, tc.want) {
				t.Errorf("DefaultHosts(%q, %q) = %q, want %q", tc.service, tc.namespace, got, tc.want)
			}
		})
	}
}

func TestGenerate(t *testing.T) {
	const year = 365 * 24 * time.Hour
	tests := map[string]struct {
		opts         certs.Options
		wantDNS      []string
		wantIPs      []string
		wantValidity time.Duration
	}{
		"default hosts, default validity": {
			opts: certs.Options{Hosts: certs.DefaultHosts("netiso-webhook", "netiso-system")},
			wantDNS: []string{
				"netiso-webhook",
				"netiso-webhook.netiso-system",
				"netiso-webhook.netiso-system.svc",
				"netiso-webhook.netiso-system.svc.cluster.local",
				"localhost",
			},
			wantIPs:      []string{"127.0.0.1", "::1"},
			wantValidity: year,
		},
		"one DNS name, explicit validity": {
			opts:         certs.Options{Hosts: []string{"webhook.example.test"}, Validity: 2 * time.Hour},
			wantDNS:      []string{"webhook.example.test"},
			wantValidity: 2 * time.Hour,
		},
		"IP addresses only, negative validity is the default": {
			opts:         certs.Options{Hosts: []string{"10.0.0.7", "fd00::7"}, Validity: -time.Hour},
			wantIPs:      []string{"10.0.0.7", "fd00::7"},
			wantValidity: year,
		},
		"duplicates are dropped": {
			opts:         certs.Options{Hosts: []string{"a.test", "127.0.0.1", "a.test", "127.0.0.1"}},
			wantDNS:      []string{"a.test"},
			wantIPs:      []string{"127.0.0.1"},
			wantValidity: year,
		},
		"wildcard DNS name": {
			opts:         certs.Options{Hosts: []string{"*.apps.test"}},
			wantDNS:      []string{"*.apps.test"},
			wantValidity: year,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			b, err := certs.Generate(tc.opts)
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			ca := parseCert(t, b.CACert)
			leaf := parseCert(t, b.Cert)

			// The CA.
			if !ca.IsCA || !ca.BasicConstraintsValid {
				t.Errorf("CA: IsCA=%v BasicConstraintsValid=%v, want both true", ca.IsCA, ca.BasicConstraintsValid)
			}
			if ca.KeyUsage&x509.KeyUsageCertSign == 0 {
				t.Errorf("CA key usage %b lacks CertSign", ca.KeyUsage)
			}
			if err := ca.CheckSignatureFrom(ca); err != nil {
				t.Errorf("CA is not self-signed: %v", err)
			}

			// The serving certificate.
			if leaf.IsCA {
				t.Error("serving certificate is a CA")
			}
			if leaf.KeyUsage != x509.KeyUsageDigitalSignature {
				t.Errorf("serving key usage = %b, want DigitalSignature only", leaf.KeyUsage)
			}
			if !slices.Equal(leaf.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
				t.Errorf("serving ext key usage = %v, want [ServerAuth]", leaf.ExtKeyUsage)
			}
			if pub, ok := leaf.PublicKey.(*ecdsa.PublicKey); !ok || pub.Curve != elliptic.P256() {
				t.Errorf("serving public key is %T, want ECDSA P-256", leaf.PublicKey)
			}
			if leaf.SerialNumber.Sign() <= 0 || leaf.SerialNumber.BitLen() > 128 {
				t.Errorf("serial %v is not a positive number of at most 128 bits", leaf.SerialNumber)
			}
			if got, lo, hi := leaf.NotBefore, start.Add(-time.Minute-time.Second), start.Add(-time.Minute+5*time.Second); got.Before(lo) || got.After(hi) {
				t.Errorf("NotBefore = %v, want about a minute before %v", got, start)
			}
			if got, lo, hi := leaf.NotAfter, start.Add(tc.wantValidity-time.Second), start.Add(tc.wantValidity+5*time.Second); got.Before(lo) || got.After(hi) {
				t.Errorf("NotAfter = %v, want about %v after %v", got, tc.wantValidity, start)
			}
			if ca.NotAfter.Before(leaf.NotAfter) {
				t.Errorf("CA expires at %v, before the serving certificate (%v)", ca.NotAfter, leaf.NotAfter)
			}

			// SANs, split between DNS names and IP addresses.
			if !slices.Equal(leaf.DNSNames, tc.wantDNS) {
				t.Errorf("DNSNames = %q, want %q", leaf.DNSNames, tc.wantDNS)
			}
			var gotIPs []string
			for _, ip := range leaf.IPAddresses {
				gotIPs = append(gotIPs, ip.String())
			}
			if !slices.Equal(gotIPs, tc.wantIPs) {
				t.Errorf("IPAddresses = %q, want %q", gotIPs, tc.wantIPs)
			}

			// It verifies against the CA for every host, and for no other.
			roots := x509.NewCertPool()
			roots.AddCert(ca)
			verify := func(host string) error {
				_, err := leaf.Verify(x509.VerifyOptions{
					DNSName:   host,
					Roots:     roots,
					KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
				})
				return err
			}
			for _, h := range slices.Concat(tc.wantDNS, tc.wantIPs) {
				if strings.HasPrefix(h, "*.") {
					h = "anything" + h[1:]
				}
				if err := verify(h); err != nil {
					t.Errorf("Verify(%q): %v", h, err)
				}
			}
			for _, h := range []string{"not-listed.test", "192.0.2.1"} {
				var hostErr x509.HostnameError
				if err := verify(h); !errors.As(err, &hostErr) {
					t.Errorf("Verify(%q) = %v, want a HostnameError", h, err)
				}
			}

			// The key belongs to the certificate.
			if _, err := tls.X509KeyPair(b.Cert, b.Key); err != nil {
				t.Errorf("tls.X509KeyPair: %v", err)
			}
		})
	}
}

func TestGenerateRejects(t *testing.T) {
	tests := map[string]certs.Options{
		"nil hosts":         {},
		"empty hosts":       {Hosts: []string{}},
		"empty host":        {Hosts: []string{"localhost", ""}},
		"host with a space": {Hosts: []string{"local host"}},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			if b, err := certs.Generate(opts); err == nil {
				t.Errorf("Generate(%+v) = %v, nil; want an error", opts, b)
			}
		})
	}
}

func TestGenerateIsFreshEachTime(t *testing.T) {
	opts := certs.Options{Hosts: []string{"localhost"}}
	a, err := certs.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := certs.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range []struct {
		name string
		a, b []byte
	}{{"CA certificate", a.CACert, b.CACert}, {"serving certificate", a.Cert, b.Cert}} {
		ca, cb := parseCert(t, pair.a), parseCert(t, pair.b)
		if ca.SerialNumber.Cmp(cb.SerialNumber) == 0 {
			t.Errorf("%s: both calls gave serial %v", pair.name, ca.SerialNumber)
		}
		if ca.PublicKey.(*ecdsa.PublicKey).Equal(cb.PublicKey) {
			t.Errorf("%s: both calls gave the same key", pair.name)
		}
	}
	if bytes.Equal(a.Key, b.Key) {
		t.Error("both calls gave the same serving key")
	}
	// Each serving certificate chains only to its own CA.
	roots := x509.NewCertPool()
	roots.AddCert(parseCert(t, a.CACert))
	if _, err := parseCert(t, b.Cert).Verify(x509.VerifyOptions{Roots: roots}); err == nil {
		t.Error("second serving certificate verifies against the first CA")
	}
}

// TestTLSHandshake serves HTTPS with a generated certificate and connects with
// clients that trust only a CA file.
func TestTLSHandshake(t *testing.T) {
	b, err := certs.Generate(certs.Options{Hosts: []string{"localhost", "127.0.0.1", "webhook.test"}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := certs.Generate(certs.Options{Hosts: []string{"localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(b.Cert, b.Key)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	// The failing cases are meant to fail; keep their handshake errors out of the test log.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)

	tests := map[string]struct {
		serverName string
		caPEM      []byte
		wantErr    error // nil: the GET must succeed
	}{
		"localhost":                     {serverName: "localhost", caPEM: b.CACert},
		"IPv4 address":                  {serverName: "127.0.0.1", caPEM: b.CACert},
		"other listed name":             {serverName: "webhook.test", caPEM: b.CACert},
		"name not in the certificate":   {serverName: "not-listed.test", caPEM: b.CACert, wantErr: x509.HostnameError{}},
		"address not in the cert":       {serverName: "::1", caPEM: b.CACert, wantErr: x509.HostnameError{}},
		"trusting another generated CA": {serverName: "localhost", caPEM: other.CACert, wantErr: x509.UnknownAuthorityError{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			roots := x509.NewCertPool()
			if !roots.AppendCertsFromPEM(tc.caPEM) {
				t.Fatal("no certificate in the CA PEM")
			}
			transport := &http.Transport{TLSClientConfig: &tls.Config{
				RootCAs:    roots,
				ServerName: tc.serverName,
				MinVersion: tls.VersionTLS12,
			}}
			t.Cleanup(transport.CloseIdleConnections)
			client := &http.Client{Transport: transport, Timeout: 10 * time.Second}

			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req)
			if resp != nil {
				_ = resp.Body.Close()
			}
			switch want := tc.wantErr.(type) { //nolint:errorlint // wantErr is a prototype naming the type to look for, not an error to unwrap
			case nil:
				if err != nil {
					t.Fatalf("GET with ServerName %q: %v", tc.serverName, err)
				}
				if resp.StatusCode != http.StatusOK {
					t.Errorf("status = %d, want 200", resp.StatusCode)
				}
			case x509.HostnameError:
				if !errors.As(err, &want) {
					t.Errorf("GET with ServerName %q: err = %v, want a HostnameError", tc.serverName, err)
				}
			case x509.UnknownAuthorityError:
				if !errors.As(err, &want) {
					t.Errorf("GET with ServerName %q: err = %v, want an UnknownAuthorityError", tc.serverName, err)
				}
			}
		})
	}
}

func TestWriteDir(t *testing.T) {
	b, err := certs.Generate(certs.Options{Hosts: []string{"localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "nested", "certs")
	if err := b.WriteDir(dir); err != nil {
		t.Fatalf("WriteDir: %v", err)
	}

	assertMode := func(path string, want fs.FileMode) {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != want {
			t.Errorf("%s mode = %v, want %v", filepath.Base(path), info.Mode().Perm(), want)
		}
	}
	assertMode(dir, 0o700)
	files := map[string]struct {
		data []byte
		mode fs.FileMode
	}{
		certs.CAFile:   {b.CACert, 0o644},
		certs.CertFile: {b.Cert, 0o644},
		certs.KeyFile:  {b.Key, 0o600},
	}
	for name, want := range files {
		path := filepath.Join(dir, name)
		assertMode(path, want.mode)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.data) {
			t.Errorf("%s does not hold what was generated", name)
		}
	}
	// What a webhook server would load from the directory is a working pair.
	if _, err := tls.LoadX509KeyPair(filepath.Join(dir, certs.CertFile), filepath.Join(dir, certs.KeyFile)); err != nil {
		t.Errorf("LoadX509KeyPair from the directory: %v", err)
	}

	// Writing again replaces each file with a new one (a rename, not a
	// rewrite in place that a watcher could read half of) and leaves no
	// temporary files behind.
	before := map[string]fs.FileInfo{}
	for name := range files {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = info
	}
	b2, err := certs.Generate(certs.Options{Hosts: []string{"localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b2.WriteDir(dir); err != nil {
		t.Fatalf("second WriteDir: %v", err)
	}
	for name := range files {
		path := filepath.Join(dir, name)
		after, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(before[name], after) {
			t.Errorf("%s was rewritten in place, not replaced by a rename", name)
		}
		assertMode(path, files[name].mode)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, certs.KeyFile)); !bytes.Equal(got, b2.Key) {
		t.Error("second WriteDir did not replace tls.key")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{certs.CAFile, certs.CertFile, certs.KeyFile}; !slices.Equal(names, want) {
		t.Errorf("directory holds %q, want exactly %q", names, want)
	}
}

func TestWriteDirRejectsIncompleteBundle(t *testing.T) {
	b, err := certs.Generate(certs.Options{Hosts: []string{"localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]*certs.Bundle{
		"nil":     nil,
		"no CA":   {Cert: b.Cert, Key: b.Key},
		"no cert": {CACert: b.CACert, Key: b.Key},
		"no key":  {CACert: b.CACert, Cert: b.Cert},
	}
	for name, bundle := range tests {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "certs")
			if err := bundle.WriteDir(dir); err == nil {
				t.Error("WriteDir succeeded, want an error")
			}
			if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("WriteDir created %s before failing (stat: %v)", dir, err)
			}
		})
	}
}

func TestNeedsRenewal(t *testing.T) {
	hosts := []string{"localhost", "127.0.0.1", "webhook.test"}
	good, err := certs.Generate(certs.Options{Hosts: hosts})
	if err != nil {
		t.Fatal(err)
	}
	other, err := certs.Generate(certs.Options{Hosts: hosts})
	if err != nil {
		t.Fatal(err)
	}
	shortLived, err := certs.Generate(certs.Options{Hosts: hosts, Validity: 12 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}

	tests := map[string]struct {
		setup      func(t *testing.T, dir string) // nil: an empty directory
		hosts      []string
		within     time.Duration
		wantReason string // "" means keep; otherwise a substring of the reason
	}{
		"fresh certificates are kept": {
			setup: writeBundle(good), hosts: hosts, within: 24 * time.Hour,
		},
		"a subset of the hosts is covered": {
			setup: writeBundle(good), hosts: []string{"127.0.0.1"}, within: 24 * time.Hour,
		},
		"directory does not exist": {
			setup: func(t *testing.T, dir string) { _ = os.Remove(dir) },
			hosts: hosts, within: 24 * time.Hour,
			wantReason: certs.CAFile + " is missing",
		},
		"empty directory": {
			hosts: hosts, within: 24 * time.Hour,
			wantReason: certs.CAFile + " is missing",
		},
		"key missing": {
			setup: chain(writeBundle(good), removeFile(certs.KeyFile)), hosts: hosts, within: 24 * time.Hour,
			wantReason: certs.KeyFile + " is missing",
		},
		"key from another bundle": {
			setup: chain(writeBundle(good), writeFile(certs.KeyFile, other.Key)), hosts: hosts, within: 24 * time.Hour,
			wantReason: "not a usable pair",
		},
		"tls.crt is garbage": {
			setup: chain(writeBundle(good), writeFile(certs.CertFile, []byte("not a certificate"))), hosts: hosts, within: 24 * time.Hour,
			wantReason: "not a usable pair",
		},
		"ca.crt from another bundle": {
			setup: chain(writeBundle(good), writeFile(certs.CAFile, other.CACert)), hosts: hosts, within: 24 * time.Hour,
			wantReason: "does not verify against " + certs.CAFile,
		},
		"ca.crt is garbage": {
			setup: chain(writeBundle(good), writeFile(certs.CAFile, []byte("junk"))), hosts: hosts, within: 24 * time.Hour,
			wantReason: certs.CAFile + " holds no certificate",
		},
		"expires within the renewal window": {
			setup: writeBundle(shortLived), hosts: hosts, within: 24 * time.Hour,
			wantReason: "expires at",
		},
		"short-lived but outside a shorter window": {
			setup: writeBundle(shortLived), hosts: hosts, within: 6 * time.Hour,
		},
		"a requested DNS name is not covered": {
			setup: writeBundle(good), hosts: append(slices.Clone(hosts), "new.test"), within: 24 * time.Hour,
			wantReason: "does not cover new.test",
		},
		"a requested IP address is not covered": {
			setup: writeBundle(good), hosts: append(slices.Clone(hosts), "::1"), within: 24 * time.Hour,
			wantReason: "does not cover ::1",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			reason, err := certs.NeedsRenewal(dir, tc.hosts, tc.within)
			if err != nil {
				t.Fatalf("NeedsRenewal: %v", err)
			}
			switch {
			case tc.wantReason == "" && reason != "":
				t.Errorf("NeedsRenewal = %q, want the certificates kept", reason)
			case tc.wantReason != "" && !strings.Contains(reason, tc.wantReason):
				t.Errorf("NeedsRenewal = %q, want a reason containing %q", reason, tc.wantReason)
			}
		})
	}
}

// A file that exists but cannot be read is an error, not a reason to
// overwrite it. A directory where tls.crt should be fails the read even for
// root, unlike a chmod.
func TestNeedsRenewalUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, certs.CAFile), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, certs.CertFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if reason, err := certs.NeedsRenewal(dir, []string{"localhost"}, time.Hour); err == nil {
		t.Errorf("NeedsRenewal = %q, nil; want an error for an unreadable %s", reason, certs.CertFile)
	}
}

func parseCert(t *testing.T, pemData []byte) *x509.Certificate {
	t.Helper()
	block, rest := pem.Decode(pemData)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("not a PEM certificate: %q", pemData)
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		t.Fatalf("trailing data after the certificate: %q", rest)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeBundle(b *certs.Bundle) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := b.WriteDir(dir); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(name string, data []byte) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func removeFile(name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
}

func chain(steps ...func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		for _, step := range steps {
			step(t, dir)
		}
	}
}
