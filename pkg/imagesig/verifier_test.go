package imagesig

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/payload"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/netiso/netiso/pkg/rules"
)

func TestVerified(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	d := reg.push(t, "shop/cart")
	reg.sign(t, d, ci)
	seen := newChecked()
	v := New(reg.options(Options{OnChecked: seen.add}))

	if r := v.Lookup(d, []rules.Builder{ci.builder}); !r.Pending || r.Verified != "" {
		t.Fatalf("first Lookup = %+v, want Pending", r)
	}
	seen.wait(t, d.DigestStr(), 5*time.Second)
	if r := v.Lookup(d, []rules.Builder{ci.builder}); r != (Result{Verified: "ci"}) {
		t.Fatalf("Lookup after the check = %+v, want verified by ci", r)
	}
	// Wait on a fresh verifier verifies at once (a healthy registry).
	v2 := New(reg.options(Options{}))
	if r := v2.Wait(context.Background(), d, []rules.Builder{ci.builder}, 5*time.Second); r != (Result{Verified: "ci"}) {
		t.Fatalf("Wait = %+v, want verified by ci", r)
	}
}

func TestBuilders(t *testing.T) {
	reg := newRegistry(t)
	ci, release, other := newKey(t, "ci"), newKey(t, "release"), newKey(t, "other")
	signed := reg.push(t, "shop/cart")
	reg.sign(t, signed, release)
	twice := reg.push(t, "shop/cart")
	reg.sign(t, twice, other)
	reg.sign(t, twice, ci) // a second layer, as a second `cosign sign` appends
	unsigned := reg.push(t, "shop/cart")
	v := New(reg.options(Options{RetryAfter: time.Minute}))
	for _, c := range []struct {
		name     string
		d        name.Digest
		builders []testKey
		want     Result
	}{
		{"another key", signed, []testKey{ci}, Result{Problem: "signed by another key"}},
		{"one of two", signed, []testKey{ci, release}, Result{Verified: "release"}},
		{"second layer", twice, []testKey{ci}, Result{Verified: "ci"}},
		{"first layer", twice, []testKey{other}, Result{Verified: "other"}},
		{"unsigned", unsigned, []testKey{ci, release}, Result{Problem: "no signature"}},
		{"two other keys", signed, []testKey{ci, other}, Result{Problem: "signed by another key"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var builders []rules.Builder
			for _, b := range c.builders {
				builders = append(builders, b.builder)
			}
			if got := v.Wait(context.Background(), c.d, builders, 5*time.Second); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	if r := v.Wait(context.Background(), signed, nil, time.Second); r.Verified != "" || r.Pending || r.Problem == "" {
		t.Errorf("no builders: %+v", r)
	}
	bad := rules.Builder{Name: "bad", PublicKey: "not a key"}
	if r := v.Wait(context.Background(), signed, []rules.Builder{bad, release.builder}, time.Second); r != (Result{Verified: "release"}) {
		t.Errorf("a bad key beside a good one: %+v", r)
	}
	if r := v.Wait(context.Background(), signed, []rules.Builder{bad}, time.Second); r.Pending || !strings.HasPrefix(r.Problem, "invalid public key") {
		t.Errorf("a bad key: %+v", r)
	}
	// Different problems are each the builder's.
	r := v.Wait(context.Background(), signed, []rules.Builder{bad, ci.builder}, time.Second)
	if r.Pending || !strings.HasPrefix(r.Problem, "bad: invalid public key") || !strings.HasSuffix(r.Problem, "; ci: signed by another key") {
		t.Errorf("a bad key and another: %+v", r)
	}
}

// A builder's key changed in the rules is never served the old key's answer: the cache knows keys
// by fingerprint, not by builder name.
func TestKeyChange(t *testing.T) {
	reg := newRegistry(t)
	old, renewed := newKey(t, "ci"), newKey(t, "ci")
	d := reg.push(t, "shop/cart")
	reg.sign(t, d, old)
	v := New(reg.options(Options{RetryAfter: time.Minute}))
	if r := v.Wait(context.Background(), d, []rules.Builder{old.builder}, 5*time.Second); r.Verified != "ci" {
		t.Fatalf("old key: %+v", r)
	}
	if r := v.Wait(context.Background(), d, []rules.Builder{renewed.builder}, 5*time.Second); r != (Result{Problem: "signed by another key"}) {
		t.Fatalf("new key, old signature: %+v", r)
	}
	reg.sign(t, d, renewed)
	// The negative result stands until RetryAfter; a new verifier (or RetryAfter later) sees it.
	if r := New(reg.options(Options{})).Wait(context.Background(), d, []rules.Builder{renewed.builder}, 5*time.Second); r.Verified != "ci" {
		t.Fatalf("new key, re-signed: %+v", r)
	}
}

// cosign reads every key type with SHA-256: RSA PKCS#1 v1.5, and Ed25519 (pure).
func TestKeyTypes(t *testing.T) {
	reg := newRegistry(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSigner, err := signature.LoadRSAPKCS1v15SignerVerifier(rsaKey, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edSigner, err := signature.LoadED25519SignerVerifier(edKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []testKey{keyOf(t, "rsa", rsaSigner, rsaKey.Public()), keyOf(t, "ed25519", edSigner, edKey.Public())} {
		d := reg.push(t, "shop/"+k.builder.Name)
		reg.sign(t, d, k)
		if r := New(reg.options(Options{})).Wait(context.Background(), d, []rules.Builder{k.builder}, 5*time.Second); r.Verified != k.builder.Name {
			t.Errorf("%s: %+v", k.builder.Name, r)
		}
	}
}

// What a registry may answer instead of a signature: each a negative result with a clear problem,
// never Verified, Pending at first and the answer within Wait's bound.
func TestGarbage(t *testing.T) {
	ci := newKey(t, "ci")
	for _, c := range []struct {
		name    string
		serve   func(w http.ResponseWriter, r *http.Request) // the .sig manifest; nil: the registry's
		layers  func(reg *testRegistry, d, other testDigest) []sigLayer
		problem string
	}{
		{name: "invalid JSON manifest", problem: "invalid signature manifest", serve: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
			fmt.Fprint(w, `{"schemaVersion": 2, "layers": [`)
		}},
		{name: "index, not a manifest", problem: `"application/vnd.oci.image.index.v1+json", not an image manifest`, serve: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.index.v1+json")
			fmt.Fprint(w, `{"schemaVersion": 2, "manifests": []}`)
		}},
		{name: "HTML", problem: `"text/html", not an image manifest`, serve: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html>sign in</html>`)
		}},
		{name: "50 MB body", problem: "more than 1048576 bytes", serve: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
			w.Header().Set("Content-Length", strconv.Itoa(50<<20))
			stream(w, 50<<20)
		}},
		{name: "50 MB body, no length", problem: "more than 1048576 bytes", serve: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
			stream(w, 50<<20)
		}},
		{name: "server error", problem: "registry error", serve: func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "boom", http.StatusInternalServerError)
		}},
		{name: "layers of another type", problem: "no signature", layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			l := ci.layerFor(d.t, cosignPayload(d.t, d.d))
			l.mediaType = "application/vnd.oci.image.layer.v1.tar+gzip"
			return []sigLayer{l}
		}},
		{name: "payload for another digest", problem: "signed for another image", layers: func(_ *testRegistry, d, other testDigest) []sigLayer {
			return []sigLayer{ci.layerFor(d.t, cosignPayload(d.t, other.d))}
		}},
		{name: "signature over other bytes", problem: "signed by another key", layers: func(_ *testRegistry, d, other testDigest) []sigLayer {
			l := ci.layerFor(d.t, cosignPayload(d.t, other.d))
			l.payload = cosignPayload(d.t, d.d)
			return []sigLayer{l}
		}},
		{name: "signature not base64", problem: "not base64", layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			l := ci.layerFor(d.t, cosignPayload(d.t, d.d))
			l.signature = "%%%"
			return []sigLayer{l}
		}},
		{name: "no signature annotation", problem: "has no dev.cosignproject.cosign/signature annotation", layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			l := ci.layerFor(d.t, cosignPayload(d.t, d.d))
			l.signature = "-"
			return []sigLayer{l}
		}},
		{name: "payload of another type", problem: `signed a payload of type "something else"`, layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			p := strings.Replace(string(cosignPayload(d.t, d.d)), payload.CosignSignatureType, "something else", 1)
			return []sigLayer{ci.layerFor(d.t, []byte(p))}
		}},
		{name: "payload not JSON", problem: "signed a payload that is not a cosign image signature", layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			return []sigLayer{ci.layerFor(d.t, []byte("sure, sign this"))}
		}},
		{name: "payload too large", problem: "bytes (at most 65536)", layers: func(_ *testRegistry, d, _ testDigest) []sigLayer {
			p := cosignPayload(d.t, d.d)
			p = append(p[:len(p)-1], []byte(`,"padding":"`+strings.Repeat("x", 70<<10)+`"}`)...)
			return []sigLayer{ci.layerFor(d.t, p)}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			reg := newRegistry(t)
			d := reg.push(t, "shop/cart")
			other := reg.push(t, "shop/cart")
			if c.layers != nil {
				reg.writeSignatures(t, d, c.layers(reg, testDigest{t, d}, testDigest{t, other})...)
			}
			if c.serve != nil {
				reg.onSignatures(c.serve)
			}
			seen := newChecked()
			v := New(reg.options(Options{Timeout: 2 * time.Second, RetryAfter: time.Minute, OnChecked: seen.add}))
			builders := []rules.Builder{ci.builder}
			start := time.Now()
			if r := v.Lookup(d, builders); !r.Pending || r.Verified != "" {
				t.Fatalf("Lookup = %+v, want Pending", r)
			}
			if took := time.Since(start); took > 100*time.Millisecond {
				t.Errorf("Lookup took %s", took)
			}
			r := v.Wait(context.Background(), d, builders, 3*time.Second)
			if took := time.Since(start); took > 3500*time.Millisecond {
				t.Errorf("Wait took %s", took)
			}
			// A registry's failure to give the signature manifest (an error, nonsense, too much)
			// leaves the answer unknown: pending, checked again. A signature that does not verify
			// is a definite no.
			transient := c.serve != nil
			if r.Verified != "" || r.Pending != transient || !strings.Contains(r.Problem, c.problem) {
				t.Fatalf("got %+v, want the problem %q, pending %v", r, c.problem, transient)
			}
			t.Logf("problem: %s", r.Problem)
			seen.wait(t, d.DigestStr(), time.Second)
		})
	}
}

// stream writes n bytes of garbage to w, as a registry gone mad would, until the client leaves.
func stream(w http.ResponseWriter, n int) {
	chunk := []byte(strings.Repeat("x", 64<<10))
	for ; n > 0; n -= len(chunk) {
		if _, err := w.Write(chunk[:min(n, len(chunk))]); err != nil {
			return
		}
	}
}

type testDigest struct {
	t *testing.T
	d name.Digest
}

// A registry that is down, then comes back: negative at first ("registry unreachable"), verified
// at the first lookup after RetryAfter, OnChecked called for each check.
func TestRegistryDown(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	signed := reg.push(t, "shop/cart")
	reg.sign(t, signed, ci)

	// A closed port, where the registry will come back.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	d := mustDigest(t, addr+"/shop/cart@"+signed.DigestStr())

	seen := newChecked()
	retry := 300 * time.Millisecond
	v := New(reg.options(Options{Timeout: time.Second, RetryAfter: retry, OnChecked: seen.add}))
	builders := []rules.Builder{ci.builder}
	if r := v.Lookup(d, builders); !r.Pending {
		t.Fatalf("Lookup = %+v, want Pending", r)
	}
	start := time.Now()
	r := v.Wait(context.Background(), d, builders, 2*time.Second)
	if r.Verified != "" || !r.Pending || !strings.Contains(r.Problem, "registry unreachable") || !strings.Contains(r.Problem, "connection refused") {
		t.Fatalf("registry down: %+v", r)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Wait took %s against a closed port", took)
	}
	seen.wait(t, d.DigestStr(), time.Second)
	// Within RetryAfter, the negative result is served.
	if r2 := v.Lookup(d, builders); r2 != r {
		t.Fatalf("within RetryAfter: %+v, want %+v", r2, r)
	}

	// The registry comes back at that address, with the signature.
	l, err = net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the port was taken meanwhile: %v", err)
	}
	back := httptest.NewUnstartedServer(reg.Storage())
	back.Listener.Close()
	back.Listener = l
	back.StartTLS()
	defer back.Close()
	v.transport = limitTransport{inner: back.Client().Transport, max: maxBody}

	time.Sleep(retry)
	r = v.Lookup(d, builders)
	if !r.Pending || !strings.Contains(r.Problem, "last time: registry unreachable") {
		t.Fatalf("after RetryAfter: %+v, want Pending, naming the last problem", r)
	}
	seen.wait(t, d.DigestStr(), 2*time.Second)
	if r := v.Lookup(d, builders); r != (Result{Verified: "ci"}) {
		t.Fatalf("registry back: %+v", r)
	}
}

// A registry slower than Timeout: "timed out", Wait within its bound, and once it is fast again a
// lookup after RetryAfter verifies.
func TestRegistrySlow(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	d := reg.push(t, "shop/cart")
	reg.sign(t, d, ci)
	release := make(chan struct{})
	defer close(release)
	reg.onSignatures(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		case <-time.After(10 * time.Second):
		}
	})
	seen := newChecked()
	retry := 300 * time.Millisecond
	v := New(reg.options(Options{Timeout: 200 * time.Millisecond, RetryAfter: retry, OnChecked: seen.add}))
	builders := []rules.Builder{ci.builder}

	start := time.Now()
	if r := v.Wait(context.Background(), d, builders, 50*time.Millisecond); !r.Pending {
		t.Fatalf("Wait shorter than the registry: %+v, want Pending", r)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Wait(50ms) took %s", took)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := v.Wait(ctx, d, builders, time.Second); !r.Pending {
		t.Errorf("Wait with a context done: %+v, want Pending", r)
	}
	seen.wait(t, d.DigestStr(), 2*time.Second)
	r := v.Lookup(d, builders)
	if r != (Result{Pending: true, Problem: "timed out after 200ms"}) {
		t.Fatalf("slow registry: %+v", r)
	}

	reg.Serve(reg.Storage())
	if r := v.Lookup(d, builders); !r.Pending || r.Verified != "" {
		t.Fatalf("within RetryAfter: %+v, want the cached timeout, still pending", r)
	}
	time.Sleep(retry)
	if r := v.Wait(context.Background(), d, builders, 2*time.Second); r != (Result{Verified: "ci"}) {
		t.Fatalf("registry fast again: %+v", r)
	}
	seen.wait(t, d.DigestStr(), time.Second)
}

// Many distinct digests against a slow registry: goroutines, checks and the cache stay bounded.
func TestBounded(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	reg.onSignatures(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(100 * time.Millisecond):
		}
		http.NotFound(w, r)
	})
	const maxInFlight, queue, cacheSize = 4, 16, 50
	v := New(reg.options(Options{Timeout: time.Second, RetryAfter: time.Minute, CacheSize: cacheSize,
		MaxInFlight: maxInFlight, QueueSize: queue}))
	builders := []rules.Builder{ci.builder}
	before := runtime.NumGoroutine()
	maxGoroutines, maxInflight, pending := 0, 0, 0
	deadline := time.Now().Add(3 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		if r := v.Lookup(digestOf(t, reg.Host, "shop/cart", i), builders); r.Pending {
			pending++
		}
		if i%50 == 0 {
			maxGoroutines = max(maxGoroutines, runtime.NumGoroutine())
			v.mu.Lock()
			maxInflight = max(maxInflight, len(v.inflight))
			if v.running > maxInFlight || len(v.queue) > queue {
				t.Errorf("running %d, queued %d", v.running, len(v.queue))
			}
			v.mu.Unlock()
			if n := v.Len(); n > cacheSize {
				t.Fatalf("cache holds %d entries, CacheSize %d", n, cacheSize)
			}
			time.Sleep(time.Millisecond)
		}
	}
	if maxInflight > maxInFlight+queue {
		t.Errorf("%d checks in flight or queued, at most %d", maxInflight, maxInFlight+queue)
	}
	// Each check in flight: its own goroutine and its connection's (the client's read and write
	// loops, the server's connection and the read that watches its handler's context, a TLS
	// handshake): 6. The transport keeps two idle connections a host, so as checks end the others
	// close while the next open: at most a second set. Bounded by the checks in flight, where one
	// goroutine a lookup would be tens of thousands.
	if limit := before + 2*maxInFlight*6; maxGoroutines > limit {
		t.Errorf("%d goroutines, started with %d: more than %d", maxGoroutines, before, limit)
	}
	if v.Len() == 0 || v.Len() > cacheSize {
		t.Errorf("cache holds %d entries, want 1..%d", v.Len(), cacheSize)
	}
	t.Logf("goroutines: %d before, at most %d; %d lookups pending; %d cached", before, maxGoroutines, pending, v.Len())

	// Once the checks asked for have run, their goroutines are gone (idle connections stay).
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		v.mu.Lock()
		running, queued := v.running, len(v.queue)
		v.mu.Unlock()
		if running == 0 && queued == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("checks still running: %d, queued: %d", running, queued)
		}
	}
	if n := runtime.NumGoroutine(); n > before+maxInFlight*3 {
		t.Errorf("%d goroutines once idle, started with %d", n, before)
	}
}

func TestMetrics(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	d := reg.push(t, "shop/cart")
	reg.sign(t, d, ci)
	unsigned := reg.push(t, "shop/cart")
	verified0 := testutil.ToFloat64(checks.WithLabelValues(resultVerified))
	unsigned0 := testutil.ToFloat64(checks.WithLabelValues(resultUnsigned))
	entries0 := testutil.ToFloat64(cacheEntries)
	v := New(reg.options(Options{}))
	v.Wait(context.Background(), d, []rules.Builder{ci.builder}, 5*time.Second)
	v.Wait(context.Background(), unsigned, []rules.Builder{ci.builder}, 5*time.Second)
	if got := testutil.ToFloat64(checks.WithLabelValues(resultVerified)) - verified0; got != 1 {
		t.Errorf("verified checks: %v, want 1", got)
	}
	if got := testutil.ToFloat64(checks.WithLabelValues(resultUnsigned)) - unsigned0; got != 1 {
		t.Errorf("unsigned checks: %v, want 1", got)
	}
	if got := testutil.ToFloat64(cacheEntries) - entries0; got != 2 {
		t.Errorf("cache entries: %v, want 2", got)
	}
	// Served by controller-runtime's registry, which the webhook exposes.
	n, err := testutil.GatherAndCount(ctrlmetrics.Registry, "netiso_signature_checks_total",
		"netiso_signature_check_duration_seconds", "netiso_signature_cache_entries")
	if err != nil || n < 7 {
		t.Errorf("metrics in controller-runtime's registry: %d series, %v", n, err)
	}
}

func TestLimitTransport(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Repeat("x", 100))
	}))
	defer srv.Close()
	for _, c := range []struct {
		max  int64
		fail bool
	}{{99, true}, {100, false}, {1000, false}} {
		client := &http.Client{Transport: limitTransport{inner: http.DefaultTransport, max: c.max}}
		resp, err := client.Get(srv.URL)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if (err != nil) != c.fail || c.fail && !errors.Is(err, errTooLarge) {
			t.Errorf("max %d: %v", c.max, err)
		}
	}
}

func mustDigest(t testing.TB, s string) name.Digest {
	t.Helper()
	d, err := name.NewDigest(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDigestKey(t *testing.T) {
	for _, s := range []string{
		"nginx@sha256:" + strings.Repeat("a", 64),
		"registry.example.com:5000/shop/cart@sha256:" + strings.Repeat("b", 64),
		"ghcr.io/org/app@sha256:" + strings.Repeat("c", 64),
	} {
		d := mustDigest(t, s)
		if got := digestKey(d); got != d.Name() {
			t.Errorf("digestKey(%s) = %s, want %s", s, got, d.Name())
		}
	}
}
