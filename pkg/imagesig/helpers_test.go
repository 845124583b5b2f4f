package imagesig

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/payload"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
)

// testRegistry is the tests' registry (test/harness's: go-containerregistry's in-memory registry
// over TLS on loopback), its handler swappable (a registry that goes bad, or comes back).
type testRegistry struct{ *harness.Registry }

func newRegistry(t testing.TB) *testRegistry {
	t.Helper()
	r, err := harness.StartRegistry(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return &testRegistry{r}
}

// onSignatures makes h answer the requests for signature manifests (tags *.sig), the registry
// the others.
func (r *testRegistry) onSignatures(h http.HandlerFunc) {
	r.Serve(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.Contains(req.URL.Path, "/manifests/") && strings.HasSuffix(req.URL.Path, ".sig") {
			h(w, req)
			return
		}
		r.Storage().ServeHTTP(w, req)
	}))
}

func (r *testRegistry) options(o Options) Options {
	o.Transport = r.Transport()
	return o
}

// push writes a random image to repo and returns its digest.
func (r *testRegistry) push(t testing.TB, repo string) name.Digest {
	t.Helper()
	d, err := r.Push(t.Context(), repo)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testKey is a builder's key pair.
type testKey struct {
	builder rules.Builder
	signer  signature.Signer
}

func newKey(t testing.TB, builderName string) testKey {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return keyOf(t, builderName, sv, priv.Public())
}

func keyOf(t testing.TB, builderName string, s signature.Signer, pub crypto.PublicKey) testKey {
	t.Helper()
	pem, err := cryptoutils.MarshalPublicKeyToPEM(pub)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{builder: rules.Builder{Name: builderName, PublicKey: string(pem)}, signer: s}
}

// sigLayer is one layer of a signature manifest, as written: anything, for the garbage tests.
type sigLayer struct {
	payload   []byte
	signature string // the annotation; "-" for none
	mediaType types.MediaType
}

// cosignPayload is the simple-signing payload cosign signs for d.
func cosignPayload(t testing.TB, d name.Digest) []byte {
	t.Helper()
	b, err := payload.Cosign{Image: d}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// layerFor signs p with k, as cosign does.
func (k testKey) layerFor(t testing.TB, p []byte) sigLayer {
	t.Helper()
	s, err := k.signer.SignMessage(bytes.NewReader(p))
	if err != nil {
		t.Fatal(err)
	}
	return sigLayer{payload: p, signature: base64.StdEncoding.EncodeToString(s), mediaType: SimpleSigningMediaType}
}

// sign writes k's signature of d the way `cosign sign --key` does: a layer appended to the
// manifest tagged sha256-<hex>.sig.
func (r *testRegistry) sign(t testing.TB, d name.Digest, k testKey) {
	t.Helper()
	r.writeSignatures(t, d, k.layerFor(t, cosignPayload(t, d)))
}

// writeSignatures appends layers to d's signature manifest.
func (r *testRegistry) writeSignatures(t testing.TB, d name.Digest, layers ...sigLayer) {
	t.Helper()
	tag := SignatureTag(d)
	base, err := remote.Image(tag, remote.WithTransport(r.Transport()))
	var te *transport.Error
	switch {
	case errors.As(err, &te) && te.StatusCode == http.StatusNotFound:
		base = mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	case err != nil:
		t.Fatal(err)
	}
	for _, l := range layers {
		var ann map[string]string
		if l.signature != "-" {
			ann = map[string]string{SignatureAnnotation: l.signature}
		}
		if base, err = mutate.Append(base, mutate.Addendum{Layer: static.NewLayer(l.payload, l.mediaType), Annotations: ann}); err != nil {
			t.Fatal(err)
		}
	}
	if err := remote.Write(tag, base, remote.WithTransport(r.Transport())); err != nil {
		t.Fatal(err)
	}
}

// digestOf returns a digest in repo at host that no registry holds.
func digestOf(t testing.TB, host, repo string, i int) name.Digest {
	t.Helper()
	h, _, err := v1.SHA256(strings.NewReader(strings.Repeat("x", i)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := name.NewDigest(host + "/" + repo + "@" + h.String())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checked records OnChecked's calls.
type checked struct {
	mu      sync.Mutex
	digests []string
	ch      chan string
}

func newChecked() *checked { return &checked{ch: make(chan string, 100000)} }

func (c *checked) add(d string) {
	c.mu.Lock()
	c.digests = append(c.digests, d)
	c.mu.Unlock()
	select {
	case c.ch <- d:
	default:
	}
}

// wait waits for a call for digest d.
func (c *checked) wait(t testing.TB, d string, within time.Duration) {
	t.Helper()
	timeout := time.After(within)
	for {
		select {
		case got := <-c.ch:
			if got == d {
				return
			}
		case <-timeout:
			t.Fatalf("OnChecked(%s) not called within %s", d, within)
		}
	}
}
