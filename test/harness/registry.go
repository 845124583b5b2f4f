package harness

import (
	"context"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// RegistryMode is how a Registry answers: as an OCI registry, or as one of the faults a verifier
// must survive.
type RegistryMode int32

const (
	RegistryUp      RegistryMode = iota
	RegistryDown                 // every connection closed at once, as an unreachable host
	RegistrySlow                 // no answer for a minute
	RegistryGarbage              // 200 OK with bytes that are no manifest
)

// Registry is go-containerregistry's in-memory OCI registry over TLS on loopback, with a switch
// for faults: a mode, or any handler in front of the registry. CAFile is its certificate, for the
// clients that must trust it.
type Registry struct {
	Host    string // 127.0.0.1:PORT
	CAFile  string
	srv     *httptest.Server
	storage http.Handler // the registry itself
	handler atomic.Pointer[http.Handler]
}

// StartRegistry starts a registry; dir receives its CA file. Close stops it.
func StartRegistry(dir string) (*Registry, error) {
	quiet := log.New(io.Discard, "", 0)
	r := &Registry{storage: registry.New(registry.Logger(quiet))}
	r.Serve(r.storage)
	r.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		(*r.handler.Load()).ServeHTTP(w, req)
	}))
	// Clients that leave (a check timed out, go-containerregistry trying plain HTTP on loopback
	// too) are no news.
	r.srv.Config.ErrorLog = quiet
	r.srv.StartTLS()
	r.Host = r.srv.Listener.Addr().String()
	r.CAFile = filepath.Join(dir, "registry-ca.pem")
	if err := os.WriteFile(r.CAFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.srv.Certificate().Raw}), 0o644); err != nil {
		r.srv.Close()
		return nil, err
	}
	return r, nil
}

// Close stops the registry.
func (r *Registry) Close() { r.srv.Close() }

// Serve makes h answer the registry's requests from now on (Storage, the registry itself, at the
// start).
func (r *Registry) Serve(h http.Handler) { r.handler.Store(&h) }

// Storage is the registry itself, for a handler given to Serve to pass requests on to.
func (r *Registry) Storage() http.Handler { return r.storage }

// Transport trusts the registry's certificate.
func (r *Registry) Transport() http.RoundTripper { return r.srv.Client().Transport }

// SetMode switches how the registry answers from now on.
func (r *Registry) SetMode(m RegistryMode) {
	switch m {
	case RegistryDown:
		r.Serve(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					_ = c.Close()
					return
				}
			}
			http.Error(w, "down", http.StatusServiceUnavailable)
		}))
	case RegistrySlow:
		r.Serve(http.HandlerFunc(func(_ http.ResponseWriter, req *http.Request) {
			select {
			case <-req.Context().Done():
			case <-time.After(time.Minute):
			}
		}))
	case RegistryGarbage:
		r.Serve(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
			_, _ = w.Write([]byte("\x00not a manifest{{{"))
		}))
	default:
		r.Serve(r.storage)
	}
}

// Push writes a random image to repo (a path under the registry) and returns its digest reference.
func (r *Registry) Push(ctx context.Context, repo string) (name.Digest, error) {
	img, err := random.Image(256, 1)
	if err != nil {
		return name.Digest{}, err
	}
	ref, err := name.ParseReference(r.Host + "/" + repo + ":latest")
	if err != nil {
		return name.Digest{}, err
	}
	if err := remote.Write(ref, img, remote.WithTransport(r.Transport()), remote.WithContext(ctx)); err != nil {
		return name.Digest{}, err
	}
	h, err := img.Digest()
	if err != nil {
		return name.Digest{}, err
	}
	return name.NewDigest(r.Host + "/" + repo + "@" + h.String())
}

// Cosign runs the real cosign CLI (COSIGN_BIN, built by hack/tools.sh cosign) fully offline: a
// home of its own, no proxy to anywhere but a closed port, and the registry's CA.
type Cosign struct {
	Bin, Dir string
	Registry *Registry
}

// Run runs cosign with args in c.Dir.
func (c *Cosign) Run(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Bin, args...)
	cmd.Dir = c.Dir
	cmd.Env = []string{"HOME=" + c.Dir, "TUF_ROOT=" + filepath.Join(c.Dir, "tuf"), "PATH=" + os.Getenv("PATH"),
		"COSIGN_PASSWORD=", "COSIGN_YES=true", "HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1", "NO_PROXY="}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("cosign %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// KeyPair generates a key pair named prefix and returns the private key's path and the public key.
func (c *Cosign) KeyPair(ctx context.Context, prefix string) (keyFile, publicKey string, err error) {
	if _, err := c.Run(ctx, "generate-key-pair", "--output-key-prefix", prefix); err != nil {
		return "", "", err
	}
	pub, err := os.ReadFile(filepath.Join(c.Dir, prefix+".pub"))
	return filepath.Join(c.Dir, prefix+".key"), string(pub), err
}

// Sign signs d with keyFile as a builder would, uploading the signature to the registry and nothing
// to a transparency log.
func (c *Cosign) Sign(ctx context.Context, d name.Digest, keyFile string) error {
	_, err := c.Run(ctx, "sign", "--key", keyFile, "--tlog-upload=false", "--yes", "--registry-cacert", c.Registry.CAFile, d.String())
	return err
}
