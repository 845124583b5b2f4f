package app

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"
	admissionv1 "k8s.io/api/admission/v1"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/netiso/netiso/certs"
)

// The logger every run in this process shares: Main sets the global loggers once, so do the tests.
func init() {
	l, err := newLogger(logConsole, "info", os.Stderr)
	if err != nil {
		panic(err)
	}
	ctrl.SetLogger(l)
}

// TestServe runs the real server, as `make run` does, and talks to it over HTTPS: readiness, the
// frontend pod of the example, hot reload of the rules file, a rejected bad file, and the shutdown
// delay.
func TestServe(t *testing.T) {
	bundle := devCerts(t)
	o, example := localServer(t, bundle)
	o.RulesPollInterval, o.ShutdownDelay = 50*time.Millisecond, 3*time.Second
	rulesPath := o.RulesFile
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()

	ready := "http://" + o.ProbeAddr + "/readyz"
	eventually(t, "ready", func() bool { return get(ready) == http.StatusOK })

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(bundle.CACert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 5 * time.Second}
	url := fmt.Sprintf("https://localhost:%d/mutate-v1-pod", o.WebhookPort)
	review, err := os.ReadFile("../../../examples/online-boutique/admission-review-frontend.json")
	if err != nil {
		t.Fatal(err)
	}
	callees := func() map[string]string {
		t.Helper()
		resp, err := client.Post(url, "application/json", bytes.NewReader(review))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.TLS == nil || resp.TLS.NegotiatedProtocol == "h2" {
			t.Errorf("want HTTP/1.1 over TLS, got %+v", resp.TLS)
		}
		var out admissionv1.AdmissionReview
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		var in admissionv1.AdmissionReview
		_ = json.Unmarshal(review, &in)
		patch, err := jsonpatch.DecodePatch(out.Response.Patch)
		if err != nil {
			t.Fatalf("response %+v: %v", out.Response, err)
		}
		pod, err := patch.Apply(in.Request.Object.Raw)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Metadata struct{ Labels map[string]string } `json:"metadata"`
		}
		_ = json.Unmarshal(pod, &meta)
		got := map[string]string{}
		for k, v := range meta.Metadata.Labels {
			if name, ok := strings.CutPrefix(k, "egress.netiso.dev/"); ok {
				got[name] = v
			}
		}
		return got
	}
	want := map[string]string{}
	for _, c := range []string{"adservice", "cartservice", "checkoutservice", "currencyservice", "productcatalogservice", "recommendationservice", "shippingservice"} {
		want[c] = "true"
	}
	if got := callees(); !maps.Equal(got, want) {
		t.Fatalf("frontend's callee labels\n got %v\nwant %v", got, want)
	}

	// Revoke a link: the next pod no longer gets it.
	writeRules(t, rulesPath, bytes.Replace(example, []byte("      - adservice\n"), nil, 1))
	delete(want, "adservice")
	eventually(t, "the new rules", func() bool { return maps.Equal(callees(), want) })

	// A broken file is rejected: the last good rules keep serving and the webhook stays ready.
	writeRules(t, rulesPath, []byte("apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n  - name: frontend\n    calls: [nowhere]\n"))
	time.Sleep(300 * time.Millisecond)
	if got := callees(); !maps.Equal(got, want) {
		t.Errorf("after a bad update: %v, want the last good %v", got, want)
	}
	if code := get(ready); code != http.StatusOK {
		t.Errorf("readyz %d after a bad update", code)
	}

	// Shutdown: unready at once, still serving during the delay, then stopped.
	cancel()
	eventually(t, "unready while shutting down", func() bool { return get(ready) != http.StatusOK })
	if got := callees(); !maps.Equal(got, want) {
		t.Error("stopped serving during the shutdown delay")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop")
	}
}

func devCerts(t *testing.T) *certs.Bundle {
	t.Helper()
	b, err := certs.Generate(certs.Options{Hosts: certs.DefaultHosts("", "")})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// localServer lays out what `make run` serves, in a temporary directory: the example rules (also
// returned, for tests that edit them) and bundle as the serving certificate; and returns options
// that serve them on loopback, with no cluster.
func localServer(t *testing.T, bundle *certs.Bundle) (Options, []byte) {
	t.Helper()
	dir := t.TempDir()
	certDir := filepath.Join(dir, "certs")
	if err := bundle.WriteDir(certDir); err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../../examples/online-boutique/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rulesPath := filepath.Join(dir, "rules.yaml")
	writeRules(t, rulesPath, example)
	t.Setenv("KUBECONFIG", filepath.Join(dir, "none")) // a rules file needs no cluster
	o := NewOptions()
	o.RulesFile = rulesPath
	o.WebhookHost, o.WebhookPort, o.WebhookCertPath = "127.0.0.1", freePort(t), certDir
	o.ServiceLabel = "app"
	o.ProbeAddr, o.MetricsAddr = fmt.Sprintf("127.0.0.1:%d", freePort(t)), "0"
	o.LogFormat = logConsole
	return o, example
}

func writeRules(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path+".tmp", data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func get(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Certificates rotated under load are picked up without a restart and without a failed request.
func TestCertRotationUnderLoad(t *testing.T) {
	first, second := devCerts(t), devCerts(t)
	o, _ := localServer(t, first)
	o.ShutdownDelay = 0
	certDir := o.WebhookCertPath
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run after cancel: %v", err)
		}
	}()
	eventually(t, "ready", func() bool { return get("http://"+o.ProbeAddr+"/readyz") == http.StatusOK })

	// The client trusts both CAs, as a caBundle does while a rotation rolls out.
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(first.CACert)
	pool.AppendCertsFromPEM(second.CACert)
	review, err := os.ReadFile("../../../examples/online-boutique/admission-review-frontend.json")
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("https://localhost:%d/mutate-v1-pod", o.WebhookPort)
	var failures, requests atomic.Int64
	served := sync.Map{} // serial numbers of the certificates seen
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A fresh connection now and then, as the API server opens them, so new certs are seen.
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 5 * time.Second}
				for range 20 {
					requests.Add(1)
					resp, err := client.Post(url, "application/json", bytes.NewReader(review))
					if err != nil {
						failures.Add(1)
						continue
					}
					served.Store(resp.TLS.PeerCertificates[0].SerialNumber.String(), true)
					if resp.StatusCode != http.StatusOK {
						failures.Add(1)
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
				}
				client.CloseIdleConnections()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	if err := second.WriteDir(certDir); err != nil {
		t.Fatal(err)
	}
	secondSerial := mustSerial(t, second.Cert)
	eventually(t, "the rotated certificate to be served", func() bool { _, ok := served.Load(secondSerial); return ok })
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if f := failures.Load(); f != 0 {
		t.Errorf("%d of %d requests failed during the rotation", f, requests.Load())
	}
	t.Logf("%d requests across the rotation, %d failed", requests.Load(), failures.Load())
}

func mustSerial(t *testing.T, certPEM []byte) string {
	t.Helper()
	block, _ := pem.Decode(certPEM)
	if block == nil {
		t.Fatal("no PEM block")
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c.SerialNumber.String()
}

// SIGTERM under load: the stopping replica turns unready at once and keeps serving through the
// shutdown delay, so a client that follows readiness (as Service endpoints do) sees no failed
// admission while one of two replicas restarts.
func TestShutdownUnderLoad(t *testing.T) {
	bundle := devCerts(t)
	base, _ := localServer(t, bundle)
	base.ShutdownDelay = time.Second

	type replica struct {
		o    Options
		done chan error
	}
	newReplica := func() *replica {
		o := base // the same rules and certificates, ports of its own
		o.WebhookPort, o.ProbeAddr = freePort(t), fmt.Sprintf("127.0.0.1:%d", freePort(t))
		return &replica{done: make(chan error, 1), o: o}
	}
	a, b := newReplica(), newReplica()
	ctxA := ctrl.SetupSignalHandler() // the path a real SIGTERM takes (main's); once a process
	ctxB, cancelB := context.WithCancel(t.Context())
	defer cancelB()
	go func() { a.done <- Run(ctxA, a.o) }()
	go func() { b.done <- Run(ctxB, b.o) }()
	for _, r := range []*replica{a, b} {
		eventually(t, "ready", func() bool { return get("http://"+r.o.ProbeAddr+"/readyz") == http.StatusOK })
	}

	// Endpoints: the ready replicas, refreshed every 50 ms.
	var ready atomic.Pointer[[]*replica]
	refresh := func() {
		var now []*replica
		for _, r := range []*replica{a, b} {
			if get("http://"+r.o.ProbeAddr+"/readyz") == http.StatusOK {
				now = append(now, r)
			}
		}
		ready.Store(&now)
	}
	refresh()
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				refresh()
			}
		}
	}()

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(bundle.CACert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, MaxIdleConnsPerHost: 8}, Timeout: 5 * time.Second}
	review, err := os.ReadFile("../../../examples/online-boutique/admission-review-frontend.json")
	if err != nil {
		t.Fatal(err)
	}
	var failures, requests, toA atomic.Int64
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				eps := *ready.Load()
				if len(eps) == 0 {
					failures.Add(1) // no replica ready at all is a failure too
					time.Sleep(10 * time.Millisecond)
					continue
				}
				r := eps[i%len(eps)]
				if r == a {
					toA.Add(1)
				}
				requests.Add(1)
				resp, err := client.Post(fmt.Sprintf("https://localhost:%d/mutate-v1-pod", r.o.WebhookPort), "application/json", bytes.NewReader(review))
				if err != nil {
					failures.Add(1)
					continue
				}
				if resp.StatusCode != http.StatusOK {
					failures.Add(1)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	signalled := time.Now()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	eventually(t, "replica a unready", func() bool { return get("http://"+a.o.ProbeAddr+"/readyz") != http.StatusOK })
	select {
	case err := <-a.done:
		if err != nil {
			t.Errorf("replica a: %v", err)
		}
		if d := time.Since(signalled); d < a.o.ShutdownDelay {
			t.Errorf("replica a stopped %s after SIGTERM, before its shutdown delay %s", d, a.o.ShutdownDelay)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("replica a did not stop")
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if f := failures.Load(); f != 0 {
		t.Errorf("%d of %d admissions failed while a replica restarted", f, requests.Load())
	}
	t.Logf("%d admissions (%d to the stopping replica), %d failed", requests.Load(), toA.Load(), failures.Load())
}

func TestSoftLimit(t *testing.T) {
	cases := map[string]struct {
		in   string
		want int64
		ok   bool
	}{
		"512 MiB":             {"536870912\n", 536870912 / 10 * 9, true},
		"no limit":            {"max\n", 0, false},
		"empty":               {"", 0, false},
		"garbage":             {"lots", 0, false},
		"zero is not a limit": {"0\n", 0, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := softLimit(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("softLimit(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// Secure metrics ask the API server who is scraping: with no cluster, Run says what to pass instead.
func TestSecureMetricsNeedACluster(t *testing.T) {
	o, _ := localServer(t, devCerts(t))
	o.MetricsAddr = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	if err := Run(t.Context(), o); err == nil || !strings.Contains(err.Error(), "--metrics-secure=false") {
		t.Errorf("Run with --metrics-secure and no cluster: %v", err)
	}
}
