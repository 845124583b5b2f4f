package imagesig

import (
	"context"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"

	"github.com/netiso/netiso/pkg/rules"
)

func writeConfig(t *testing.T, file, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func basic(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

func TestKeychainFromDir(t *testing.T) {
	dir := writeConfig(t, ".dockerconfigjson", `{"auths": {
		"https://index.docker.io/v1/": {"auth": "`+basic("hub", "h")+`"},
		"registry.example.com": {"username": "reg", "password": "r"},
		"registry.example.com/team": {"auth": "`+basic("team", "t")+`"},
		"*.corp.example.com:5000": {"username": "wild", "password": "w"},
		"https://token.example.com/": {"identitytoken": "tok"}
	}}`)
	kc, err := KeychainFromDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for repo, want := range map[string]string{
		"nginx":                                "hub",
		"docker.io/team/app":                   "hub",
		"registry.example.com/other/app":       "reg",
		"registry.example.com/team":            "team",
		"registry.example.com/team/app":        "team",
		"registry.example.com/teamx/app":       "reg",
		"a.corp.example.com:5000/x":            "wild",
		"a.corp.example.com/x":                 "",
		"a.b.corp.example.com:5000/x":          "",
		"unknown.example.org/x":                "",
		"token.example.com/x":                  "<token>",
		"registry.example.com:443/team/secret": "",
	} {
		r, err := name.NewRepository(repo)
		if err != nil {
			t.Fatal(err)
		}
		a, err := kc.Resolve(r)
		if err != nil {
			t.Fatalf("%s: %v", repo, err)
		}
		cfg, err := a.Authorization()
		if err != nil {
			t.Fatal(err)
		}
		got := cfg.Username
		if cfg.IdentityToken != "" {
			got = "<token>"
		}
		if got != want {
			t.Errorf("%s: credentials of %q, want %q", repo, got, want)
		}
	}

	// config.json, as `docker login` writes it; changed in place, read again.
	dir = writeConfig(t, "config.json", `{"auths": {"registry.example.com": {"auth": "`+basic("a", "1")+`"}}}`)
	kc, err = KeychainFromDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	repo, _ := name.NewRepository("registry.example.com/app")
	user := func() string {
		a, err := kc.Resolve(repo)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _ := a.Authorization()
		return cfg.Username
	}
	if u := user(); u != "a" {
		t.Errorf("config.json: %q", u)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"auths": {"registry.example.com": {"auth": "`+basic("b", "2")+`"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if u := user(); u != "b" {
		t.Errorf("config.json changed: %q", u)
	}

	for name, c := range map[string]struct{ file, content, problem string }{
		"none":            {"other", "{}", "holds no .dockerconfigjson or config.json"},
		"not JSON":        {".dockerconfigjson", "auths:", "invalid character"},
		"bad auth":        {".dockerconfigjson", `{"auths": {"r.example.com": {"auth": "bm9jb2xvbg=="}}}`, "not base64 of user:password"},
		"no registry":     {"config.json", `{"auths": {"https://": {"username": "u"}}}`, "names no registry"},
		"too large":       {"config.json", `{"x": "` + strings.Repeat("x", maxConfig) + `"}`, "larger than"},
		"auth not base64": {"config.json", `{"auths": {"r.example.com": {"auth": "%%"}}}`, "not base64"},
	} {
		if _, err := KeychainFromDir(writeConfig(t, c.file, c.content)); err == nil || !strings.Contains(err.Error(), c.problem) {
			t.Errorf("%s: %v, want %q", name, err, c.problem)
		}
	}
}

// A private registry: the signature is read with the Secret's credentials, and without them the
// problem says the registry refused.
func TestPrivateRegistry(t *testing.T) {
	reg := newRegistry(t)
	ci := newKey(t, "ci")
	d := reg.push(t, "private/app")
	reg.sign(t, d, ci)
	reg.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "puller" || p != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			http.Error(w, `{"errors": [{"code": "UNAUTHORIZED", "message": "sign in"}]}`, http.StatusUnauthorized)
			return
		}
		reg.Storage().ServeHTTP(w, r)
	}))
	kc, err := KeychainFromDir(writeConfig(t, ".dockerconfigjson", `{"auths": {"`+reg.Host+`": {"auth": "`+basic("puller", "s3cret")+`"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	builders := []rules.Builder{ci.builder}
	if r := New(reg.options(Options{Keychain: kc})).Wait(context.Background(), d, builders, 5*time.Second); r != (Result{Verified: "ci"}) {
		t.Errorf("with the Secret: %+v", r)
	}
	r := New(reg.options(Options{Keychain: authn.NewMultiKeychain()})).Wait(context.Background(), d, builders, 5*time.Second)
	if r.Verified != "" || !strings.Contains(r.Problem, "registry error") || !strings.Contains(r.Problem, "UNAUTHORIZED") {
		t.Errorf("without credentials: %+v", r)
	}
}
