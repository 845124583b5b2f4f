//go:build e2e

package imagesig

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/netiso/netiso/pkg/rules"
)

// The signatures the real cosign CLI writes verify here, and the Verifier agrees with `cosign
// verify` on each case: a differential test against the signer the builders run. cosign is built
// from its Go module by `hack/tools.sh cosign` (COSIGN_BIN), and runs fully offline: the registry
// is the test's own, over TLS with the test's CA, and nothing else is reachable (a proxy that
// refuses every connection stands in for the internet; loopback is never proxied).
func TestCosignInterop(t *testing.T) {
	bin := os.Getenv("COSIGN_BIN")
	if bin == "" {
		t.Fatal(`COSIGN_BIN is not set: eval "$(hack/tools.sh cosign)" && export COSIGN_BIN (make test-e2e does)`)
	}
	reg := newRegistry(t)
	dir := t.TempDir()
	ca := reg.CAFile
	// A trusted root with nothing in it: `cosign verify` otherwise fetches Sigstore's from TUF.
	trustedRoot := filepath.Join(dir, "trusted_root.json")
	writeFile(t, trustedRoot, []byte(`{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1"}`))

	cosign := func(args ...string) (string, error) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = dir
		cmd.Env = []string{
			"HOME=" + dir, "TUF_ROOT=" + filepath.Join(dir, "tuf"), "PATH=" + os.Getenv("PATH"),
			"COSIGN_PASSWORD=", "COSIGN_YES=true",
			"HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1", "NO_PROXY=",
		}
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), "127.0.0.1:1") {
			t.Errorf("cosign %s tried to reach beyond the test's registry:\n%s", args[0], out)
		}
		return string(out), err
	}
	key := func(prefix string) (priv string, b rules.Builder) {
		t.Helper()
		if out, err := cosign("generate-key-pair", "--output-key-prefix", prefix); err != nil {
			t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
		}
		pub, err := os.ReadFile(filepath.Join(dir, prefix+".pub"))
		if err != nil {
			t.Fatal(err)
		}
		return filepath.Join(dir, prefix+".key"), rules.Builder{Name: prefix, PublicKey: string(pub)}
	}
	ciKey, ci := key("ci")
	_, other := key("other")

	sign := func(d name.Digest, keyFile string, extra ...string) {
		t.Helper()
		args := append([]string{"sign", "--key", keyFile, "--tlog-upload=false", "--yes", "--registry-cacert", ca}, extra...)
		if out, err := cosign(append(args, d.String())...); err != nil {
			t.Fatalf("cosign sign: %v\n%s", err, out)
		}
	}
	verify := func(d name.Digest, b rules.Builder) bool {
		t.Helper()
		pub := filepath.Join(dir, b.Name+".pub")
		out, err := cosign("verify", "--key", pub, "--insecure-ignore-tlog", "--trusted-root", trustedRoot,
			"--registry-cacert", ca, d.String())
		t.Logf("cosign verify --key %s.pub %s: %v\n%s", b.Name, d.DigestStr()[:19], err, out)
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("cosign verify did not run: %v", err)
		}
		return err == nil
	}

	signed := reg.push(t, "shop/cart")
	sign(signed, ciKey)
	annotated := reg.push(t, "shop/cart")
	sign(annotated, ciKey, "-a", "commit=0123abc", "-a", "pipeline=release")
	resigned := reg.push(t, "shop/checkout")
	sign(resigned, filepath.Join(dir, "other.key"))
	sign(resigned, ciKey) // a second signature, appended
	unsigned := reg.push(t, "shop/cart")

	for _, c := range []struct {
		name    string
		d       name.Digest
		builder rules.Builder
		want    Result
	}{
		{"signed", signed, ci, Result{Verified: "ci"}},
		{"signed, another key", signed, other, Result{Problem: "signed by another key"}},
		{"annotated", annotated, ci, Result{Verified: "ci"}},
		{"signed twice, first", resigned, other, Result{Verified: "other"}},
		{"signed twice, second", resigned, ci, Result{Verified: "ci"}},
		{"unsigned", unsigned, ci, Result{Problem: "no signature"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := New(reg.options(Options{})).Wait(context.Background(), c.d, []rules.Builder{c.builder}, 10*time.Second)
			if got != c.want {
				t.Errorf("Verifier: %+v, want %+v", got, c.want)
			}
			if cli := verify(c.d, c.builder); cli != (got.Verified != "") {
				t.Errorf("cosign verify says verified=%v, the Verifier %+v", cli, got)
			}
		})
	}
}

func writeFile(t *testing.T, file string, b []byte) {
	t.Helper()
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
