package rules

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"k8s.io/apimachinery/pkg/util/validation"
)

// Identity is what a pod must show, besides its identity label, to be the service it claims: the
// anchors a pod's owner cannot set by writing a label. Each is optional; a pod must meet every one
// that is set, or it gets no managed label (see pkg/mutate).
type Identity struct {
	// ServiceAccounts, when set, are the only ServiceAccounts (in the pod's namespace) its pods may
	// run as.
	ServiceAccounts []string `json:"serviceAccounts,omitempty"`
	// Repositories, when set, are the only image repositories every container of its pods (init,
	// regular and ephemeral) may come from: a repository in full, "registry.example.com/shop/cart",
	// or every repository under a path, "registry.example.com/shop/*". Docker Hub's short names are
	// read as the container runtime reads them ("nginx" is docker.io/library/nginx).
	Repositories []string `json:"repositories,omitempty"`
	// RequireDigests requires every image to be named by digest (repo@sha256:…), so that what runs
	// is what was checked: a tag can be moved to other content after admission.
	RequireDigests bool `json:"requireDigests,omitempty"`
	// SignedBy, when set, names builders (Document.Builders): every image must carry a signature by
	// one of them over its digest, as `cosign sign --key` writes it. It implies RequireDigests.
	SignedBy []string `json:"signedBy,omitempty"`
}

// IsZero reports whether id sets no anchor.
func (id Identity) IsZero() bool {
	return len(id.ServiceAccounts) == 0 && len(id.Repositories) == 0 && !id.RequireDigests && len(id.SignedBy) == 0
}

// Digests reports whether every image must be named by digest.
func (id Identity) Digests() bool { return id.RequireDigests || len(id.SignedBy) > 0 }

// Builder is a key whose signatures identities may require: the builders' (CI's) signing key.
type Builder struct {
	Name string `json:"name"`
	// PublicKey is the key in PEM (a PKIX "PUBLIC KEY" block, as `cosign generate-key-pair` writes
	// cosign.pub): ECDSA, Ed25519 or RSA.
	PublicKey string `json:"publicKey"`

	// Source is the file the builder came from, for error messages.
	Source string `json:"-"`
}

// IdentityDefault gives the services that set no identity of their own the anchors of the
// namespace their pod runs in: the default that lists the namespace, else the one that lists none.
type IdentityDefault struct {
	// Namespaces are where this default applies; none: every namespace another default does not list.
	Namespaces []string `json:"namespaces,omitempty"`
	Identity   Identity `json:"identity"`

	// Source is the file the default came from, for error messages.
	Source string `json:"-"`
}

// MatchRepository reports whether repo (a normalized repository name, as name.Repository.Name
// gives it) is one that id allows: every repository when id lists none.
func (id Identity) MatchRepository(repo string) bool {
	if len(id.Repositories) == 0 {
		return true
	}
	for _, r := range id.Repositories {
		if prefix, ok := strings.CutSuffix(r, "/*"); ok {
			if strings.HasPrefix(repo, prefix+"/") {
				return true
			}
		} else if r == repo {
			return true
		}
	}
	return false
}

// normalizeIdentity returns id with its repositories normalized (as the container runtime reads
// them) and every list sorted; its lists are fresh.
func normalizeIdentity(id Identity) Identity {
	out := Identity{RequireDigests: id.RequireDigests}
	out.ServiceAccounts = sortedClone(id.ServiceAccounts)
	out.SignedBy = sortedClone(id.SignedBy)
	for _, r := range id.Repositories {
		if n, err := NormalizeRepository(r); err == nil {
			r = n
		}
		out.Repositories = append(out.Repositories, r)
	}
	slices.Sort(out.Repositories)
	return out
}

func sortedClone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// NormalizeRepository returns a repository anchor (a repository, or a path ending in "/*") in the
// form images are matched in: registry and path in full, Docker Hub's defaults filled in.
func NormalizeRepository(r string) (string, error) {
	base, wild := strings.CutSuffix(r, "/*")
	if wild && !strings.Contains(base, "/") {
		// "registry.example.com/*" names a whole registry.
		if !strings.ContainsAny(base, ".:") && base != "localhost" {
			return "", fmt.Errorf("repository %q: a wildcard follows a registry (a host name) or a path under one", r)
		}
		reg, err := name.NewRegistry(base)
		if err != nil {
			return "", fmt.Errorf("repository %q: %w", r, err)
		}
		return reg.RegistryStr() + "/*", nil
	}
	repo, err := name.NewRepository(base)
	if err != nil {
		return "", fmt.Errorf("repository %q: %w (a repository has no tag or digest, and \"/*\" only at its end)", r, err)
	}
	if wild {
		return repo.Name() + "/*", nil
	}
	return repo.Name(), nil
}

// validateIdentity reports each problem of id through bad; builders are the names Document.Builders
// defines.
func validateIdentity(id Identity, builders map[string]bool, bad func(string, ...any)) {
	seen := map[string]bool{}
	for _, sa := range id.ServiceAccounts {
		if msgs := validation.IsDNS1123Subdomain(sa); len(msgs) > 0 {
			bad("identity: invalid serviceAccount %q: %s", sa, strings.Join(msgs, "; "))
		}
		if seen["sa/"+sa] {
			bad("identity: serviceAccount %q listed twice", sa)
		}
		seen["sa/"+sa] = true
	}
	for _, r := range id.Repositories {
		n, err := NormalizeRepository(r)
		if err != nil {
			bad("identity: %v", err)
			continue
		}
		if seen["repo/"+n] {
			bad("identity: repository %q listed twice (as %s)", r, n)
		}
		seen["repo/"+n] = true
	}
	for _, b := range id.SignedBy {
		if !builders[b] {
			bad("identity: signedBy names builder %q, which the rules do not define (builders:)", b)
		}
		if seen["builder/"+b] {
			bad("identity: builder %q listed twice in signedBy", b)
		}
		seen["builder/"+b] = true
	}
}

// validateBuilders checks each builder's name and key and returns the names defined.
func validateBuilders(builders []Builder) (map[string]bool, Errors) {
	var errs Errors
	names := make(map[string]bool, len(builders))
	for _, b := range builders {
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: b.Source, Problem: fmt.Sprintf("builder %q: ", b.Name) + fmt.Sprintf(format, args...)})
		}
		switch {
		case b.Name == "":
			bad("name is required")
		case len(validation.IsDNS1123Label(b.Name)) > 0:
			bad("invalid name: %s", strings.Join(validation.IsDNS1123Label(b.Name), "; "))
		case names[b.Name]:
			bad("defined twice")
		}
		names[b.Name] = true
		if _, err := ParsePublicKey(b.PublicKey); err != nil {
			bad("%v", err)
		}
	}
	return names, errs
}

// ParsePublicKey reads a builder's PEM public key.
func ParsePublicKey(s string) (any, error) {
	block, rest := pem.Decode([]byte(strings.TrimSpace(s)))
	switch {
	case block == nil:
		return nil, fmt.Errorf("publicKey is not PEM (want a \"PUBLIC KEY\" block, as cosign.pub)")
	case block.Type != "PUBLIC KEY":
		return nil, fmt.Errorf("publicKey is a %q PEM block, want \"PUBLIC KEY\" (never a private key in the rules)", block.Type)
	case len(strings.TrimSpace(string(rest))) > 0:
		return nil, fmt.Errorf("publicKey has data after its PEM block")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("publicKey: %w", err)
	}
	return k, nil
}

// validateIdentityDefaults checks the defaults: each identity, and no namespace in two defaults, and
// at most one default for every namespace.
func validateIdentityDefaults(defaults []IdentityDefault, builders map[string]bool) Errors {
	var errs Errors
	owner := map[string]int{}
	catchAll := -1
	for i, d := range defaults {
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: d.Source, Problem: fmt.Sprintf("identityDefaults[%d]: ", i) + fmt.Sprintf(format, args...)})
		}
		if len(d.Namespaces) == 0 {
			if catchAll >= 0 {
				bad("a second default for every namespace (the first is identityDefaults[%d])", catchAll)
			}
			catchAll = i
		}
		for _, ns := range d.Namespaces {
			if msgs := validation.IsDNS1123Label(ns); len(msgs) > 0 {
				bad("invalid namespace %q: %s", ns, strings.Join(msgs, "; "))
			}
			if j, ok := owner[ns]; ok {
				bad("namespace %q already has a default (identityDefaults[%d])", ns, j)
			}
			owner[ns] = i
		}
		validateIdentity(d.Identity, builders, bad)
	}
	return errs
}

// compileIdentities keeps the (valid) builders, sorted by name, and the defaults, normalized and
// indexed by namespace.
func (c *Compiled) compileIdentities(doc *Document) {
	if len(doc.Builders) > 0 {
		c.builders = make([]Builder, len(doc.Builders))
		for i, b := range doc.Builders {
			c.builders[i] = Builder{Name: b.Name, PublicKey: strings.TrimSpace(b.PublicKey) + "\n", Source: b.Source}
		}
		slices.SortFunc(c.builders, func(a, b Builder) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, d := range doc.IdentityDefaults {
		if c.defaults == nil {
			c.defaults = make(map[string]*Identity)
		}
		id := normalizeIdentity(d.Identity)
		if len(d.Namespaces) == 0 {
			c.defaults[""] = &id
		}
		for _, ns := range d.Namespaces {
			c.defaults[ns] = &id
		}
	}
}

// IdentityDefaults lists the defaults as a document has them: one for each distinct identity,
// its namespaces sorted, the catch-all (no namespaces) first, then by first namespace. The list is
// fresh; its identities' lists are shared: do not modify them.
func (c *Compiled) IdentityDefaults() []IdentityDefault {
	if len(c.defaults) == 0 {
		return nil
	}
	byID := map[*Identity]*IdentityDefault{}
	var out []*IdentityDefault
	for _, ns := range slices.Sorted(maps.Keys(c.defaults)) {
		id := c.defaults[ns]
		d, ok := byID[id]
		if !ok {
			d = &IdentityDefault{Identity: *id}
			byID[id] = d
			out = append(out, d)
		}
		if ns != "" {
			d.Namespaces = append(d.Namespaces, ns)
		}
	}
	list := make([]IdentityDefault, len(out))
	for i, d := range out {
		list[i] = *d
	}
	return list
}

// Identity returns the anchors a pod of service in namespace must meet: the service's own identity,
// else the namespace's default (IdentityDefault); false when none applies (or the one that applies
// sets no anchor).
func (c *Compiled) Identity(service, namespace string) (Identity, bool) {
	if i, ok := c.index[service]; ok && c.identity[i] != nil {
		return anchors(c.identity[i])
	}
	return c.IdentityDefault(namespace)
}

// IdentityDefault returns the anchors of the services that set no identity of their own, in
// namespace: the default that lists it, else the default for every namespace ("" asks for that
// one); false when none applies (or it sets no anchor).
func (c *Compiled) IdentityDefault(namespace string) (Identity, bool) {
	id := c.defaults[namespace]
	if id == nil {
		id = c.defaults[""]
	}
	return anchors(id)
}

func anchors(id *Identity) (Identity, bool) {
	if id == nil || id.IsZero() {
		return Identity{}, false
	}
	return *id, true
}

// Builders lists the builders, sorted by name. Shared: do not modify it.
func (c *Compiled) Builders() []Builder { return c.builders }

// Builder returns the named builder.
func (c *Compiled) Builder(name string) (Builder, bool) {
	i, ok := slices.BinarySearchFunc(c.builders, name, func(b Builder, name string) int { return strings.Compare(b.Name, name) })
	if !ok {
		return Builder{}, false
	}
	return c.builders[i], true
}

// DiffIdentities lists, sorted, the services whose own identity differs between prev and next, and
// reports whether the builders or the identity defaults do (then any service's pods may be judged
// otherwise): the pods a rules change must judge again besides those of DiffGrants.
func DiffIdentities(prev, next *Compiled) (services []string, everyone bool) {
	if prev == nil || prev == next {
		return nil, false
	}
	if !slices.EqualFunc(prev.builders, next.builders, func(a, b Builder) bool { return a.Name == b.Name && a.PublicKey == b.PublicKey }) ||
		!equalIdentityMaps(prev.defaults, next.defaults) {
		return nil, true
	}
	for _, s := range next.names {
		pi, inPrev := prev.index[s]
		if !inPrev {
			continue // a new service: DiffGrants lists it
		}
		if !equalIdentity(prev.identity[pi], next.identity[next.index[s]]) {
			services = append(services, s)
		}
	}
	return services, false
}

func equalIdentityMaps[K comparable](a, b map[K]*Identity) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !equalIdentity(v, w) {
			return false
		}
	}
	return true
}

// equalIdentity compares two normalized identities (nil: none).
func equalIdentity(a, b *Identity) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.ServiceAccounts, b.ServiceAccounts) && slices.Equal(a.Repositories, b.Repositories) &&
		a.RequireDigests == b.RequireDigests && slices.Equal(a.SignedBy, b.SignedBy)
}
