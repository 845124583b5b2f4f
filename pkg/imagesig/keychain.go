package imagesig

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// The keys of a docker config in a directory: a mounted kubernetes.io/dockerconfigjson Secret's,
// or the file `docker login` writes.
var configFiles = []string{".dockerconfigjson", "config.json"}

// maxConfig bounds the docker config read.
const maxConfig = 1 << 20

// KeychainFromDir returns the credentials of the docker config in dir (its ".dockerconfigjson",
// as a kubernetes.io/dockerconfigjson Secret is mounted, or "config.json"), for private
// registries. An entry names a registry ("registry.example.com:5000", "https://index.docker.io/v1/"),
// optionally a path under it (the longest that matches wins) or a wildcard host
// ("*.registry.example.com"), as the kubelet reads image pull secrets. Only "auths" are read: no
// credential helper is ever run. The file is read again at each use, so a Secret that changes in
// place takes effect; it must be valid now.
func KeychainFromDir(dir string) (authn.Keychain, error) {
	for _, f := range configFiles {
		file := filepath.Join(dir, f)
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		k := &dirKeychain{file: file}
		if _, err := k.load(); err != nil {
			return nil, err
		}
		return k, nil
	}
	return nil, fmt.Errorf("registry credentials: %s holds no %s", dir, strings.Join(configFiles, " or "))
}

type dirKeychain struct{ file string }

// credential is an entry of the config's "auths", its registry and path split.
type credential struct {
	host, path string
	config     authn.AuthConfig
}

func (k *dirKeychain) load() ([]credential, error) {
	f, err := os.Open(k.file)
	if err != nil {
		return nil, fmt.Errorf("registry credentials: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfig+1))
	if err != nil {
		return nil, fmt.Errorf("registry credentials: %w", err)
	}
	if len(b) > maxConfig {
		return nil, fmt.Errorf("registry credentials: %s is larger than %d bytes", k.file, maxConfig)
	}
	var doc struct {
		Auths map[string]struct {
			Auth          string `json:"auth"`
			Username      string `json:"username"`
			Password      string `json:"password"`
			IdentityToken string `json:"identitytoken"`
			RegistryToken string `json:"registrytoken"`
		} `json:"auths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("registry credentials: %s: %w", k.file, err)
	}
	creds := make([]credential, 0, len(doc.Auths))
	for server, a := range doc.Auths {
		c := credential{config: authn.AuthConfig{Username: a.Username, Password: a.Password,
			IdentityToken: a.IdentityToken, RegistryToken: a.RegistryToken}}
		if a.Auth != "" {
			// "auth" is base64 of user:password, and wins, as docker reads it.
			raw, err := base64.StdEncoding.DecodeString(a.Auth)
			user, pass, ok := strings.Cut(string(raw), ":")
			if err != nil || !ok {
				return nil, fmt.Errorf("registry credentials: %s: the auth of %q is not base64 of user:password", k.file, server)
			}
			c.config.Username, c.config.Password = user, pass
		}
		c.host, c.path = splitServer(server)
		if c.host == "" {
			return nil, fmt.Errorf("registry credentials: %s: %q names no registry", k.file, server)
		}
		creds = append(creds, c)
	}
	return creds, nil
}

// splitServer reads an "auths" key: an optional scheme, a host (Docker Hub's aliases made one), a
// path (Docker Hub's API version dropped).
func splitServer(s string) (host, p string) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	host, p, _ = strings.Cut(strings.TrimSuffix(s, "/"), "/")
	host = strings.ToLower(host)
	switch host {
	case "docker.io", "registry-1.docker.io", "index.docker.io":
		host = name.DefaultRegistry
		if p == "v1" || p == "v2" {
			p = ""
		}
	}
	return host, p
}

// Resolve implements authn.Keychain.
func (k *dirKeychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	return k.ResolveContext(context.Background(), r)
}

// ResolveContext implements authn.ContextKeychain.
func (k *dirKeychain) ResolveContext(_ context.Context, r authn.Resource) (authn.Authenticator, error) {
	creds, err := k.load()
	if err != nil {
		return nil, err
	}
	host := strings.ToLower(r.RegistryStr())
	repo := strings.TrimPrefix(strings.TrimPrefix(r.String(), r.RegistryStr()), "/")
	best, bestScore := -1, -1
	for i, c := range creds {
		exact := c.host == host
		if !exact && !matchHost(c.host, host) {
			continue
		}
		if c.path != "" && repo != c.path && !strings.HasPrefix(repo, c.path+"/") {
			continue
		}
		// The longest path wins; then a host named over a wildcard.
		score := 2 * len(c.path)
		if exact {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return authn.Anonymous, nil
	}
	return authn.FromConfig(creds[best].config), nil
}

// matchHost reports whether pattern ("*.example.com", "registry-?.example.com:5000") matches host:
// label by label, the port equal.
func matchHost(pattern, host string) bool {
	if !strings.ContainsAny(pattern, "*?[") {
		return false
	}
	pHost, pPort, _ := strings.Cut(pattern, ":")
	hHost, hPort, _ := strings.Cut(host, ":")
	if pPort != hPort {
		return false
	}
	pl, hl := strings.Split(pHost, "."), strings.Split(hHost, ".")
	if len(pl) != len(hl) {
		return false
	}
	for i := range pl {
		if ok, err := path.Match(pl[i], hl[i]); err != nil || !ok {
			return false
		}
	}
	return true
}
