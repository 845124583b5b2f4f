package rulediff

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/netiso/netiso/pkg/rules"
)

// OtherNamespaces stands, among the namespaces of an identity change, for every namespace no
// identity default lists: the catch-all's. Never a namespace's name, it is one the rules give the
// catch-all, as they give it every namespace no default lists.
const OtherNamespaces = "*"

// AnchorChanges say how a change of identity anchors moves who may claim a service: Loosened are
// the ways a pod that could not claim it before now can (an anchor removed or widened), Tightened
// the reverse. A change seen in only some of the namespaces judged names them.
type AnchorChanges struct {
	Loosened  []string `json:"loosened"`
	Tightened []string `json:"tightened"`
}

// IdentityChange is a service whose own identity anchors (identity:) change: what its pods must
// show, besides their label, to be it. It is judged in each namespace the service may run in, with
// the identity defaults where it sets none.
type IdentityChange struct {
	Service string `json:"service"`
	// Old and New are its own identity; null: none, the identity default of its pod's namespace
	// applies.
	Old *rules.Identity `json:"old"`
	New *rules.Identity `json:"new"`
	AnchorChanges
}

// IdentityDefaultChange is a change of the identity default of some namespaces: the anchors of the
// services there that set no identity of their own.
type IdentityDefaultChange struct {
	// Namespaces are those whose default changes; OtherNamespaces: every namespace no default lists.
	Namespaces []string `json:"namespaces"`
	// Old and New are the default there; null: none.
	Old *rules.Identity `json:"old"`
	New *rules.Identity `json:"new"`
	AnchorChanges
}

// Builder changes.
const (
	BuilderAdded      = "added"
	BuilderRemoved    = "removed"
	BuilderKeyChanged = "key-changed" // the most sensitive: what the new key signs now passes wherever the builder is trusted
)

// BuilderChange is a builder (a key whose signatures identities may require) added, removed or
// given another key.
type BuilderChange struct {
	Builder string `json:"builder"`
	Change  string `json:"change"`
	// OldKey and NewKey are the key's fingerprints: the SHA-256 of its DER, as
	// `openssl pkey -pubin -in cosign.pub -outform DER | sha256sum` prints it.
	OldKey string `json:"oldKey,omitempty"`
	NewKey string `json:"newKey,omitempty"`
	// TrustedBy are the services and identity defaults whose signedBy names it (in the old rules
	// for a builder removed).
	TrustedBy []string `json:"trustedBy,omitempty"`
}

// loosens: some pod may now claim something it could not.
func (a AnchorChanges) loosens() bool { return len(a.Loosened) > 0 }

// compareIdentities lists the services whose own identity changes, the identity defaults that
// change and the builders that do.
func (r *Report) compareIdentities(old, next *rules.Compiled) {
	everywhere := defaultNamespaces(old, next)
	for _, name := range next.Names() {
		s, _ := next.Service(name)
		was, ok := old.Service(name)
		if !ok || reflect.DeepEqual(was.Identity, s.Identity) {
			continue // a new service: its links say what it opens
		}
		var loosened, tightened where
		judged := sharedNamespaces(was.Namespaces, s.Namespaces, everywhere)
		for _, ns := range judged {
			o, _ := old.Identity(name, ns)
			n, _ := next.Identity(name, ns)
			l, t := compareAnchors(o, n)
			loosened.add(ns, l)
			tightened.add(ns, t)
		}
		r.Identities = append(r.Identities, IdentityChange{Service: name, Old: was.Identity, New: s.Identity,
			AnchorChanges: AnchorChanges{Loosened: loosened.list(len(judged)), Tightened: tightened.list(len(judged))}})
	}

	for _, ns := range everywhere {
		o, n := identityDefault(old, ns), identityDefault(next, ns)
		if reflect.DeepEqual(o, n) {
			continue
		}
		i := slices.IndexFunc(r.IdentityDefaults, func(d IdentityDefaultChange) bool {
			return reflect.DeepEqual(d.Old, o) && reflect.DeepEqual(d.New, n)
		})
		if i >= 0 {
			r.IdentityDefaults[i].Namespaces = append(r.IdentityDefaults[i].Namespaces, ns)
			continue
		}
		l, t := compareAnchors(deref(o), deref(n))
		r.IdentityDefaults = append(r.IdentityDefaults, IdentityDefaultChange{Namespaces: []string{ns}, Old: o, New: n,
			AnchorChanges: AnchorChanges{Loosened: orEmpty(l), Tightened: orEmpty(t)}})
	}

	r.compareBuilders(old, next)
}

// defaultNamespaces are the namespaces either rules' identity defaults list, sorted, after
// OtherNamespaces: where a service that may run anywhere is judged.
func defaultNamespaces(old, next *rules.Compiled) []string {
	seen := map[string]bool{OtherNamespaces: true}
	for _, c := range []*rules.Compiled{old, next} {
		for _, d := range c.IdentityDefaults() {
			for _, ns := range d.Namespaces {
				seen[ns] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// sharedNamespaces are where a service may run both before and after (none listed: anywhere, judged
// in everywhere's namespaces).
func sharedNamespaces(old, next, everywhere []string) []string {
	switch {
	case len(old) == 0 && len(next) == 0:
		return everywhere
	case len(old) == 0:
		return next
	case len(next) == 0:
		return old
	}
	return slices.DeleteFunc(slices.Clone(next), func(ns string) bool { return !slices.Contains(old, ns) })
}

// identityDefault is namespace's default, nil for none.
func identityDefault(c *rules.Compiled, namespace string) *rules.Identity {
	if id, ok := c.IdentityDefault(namespace); ok {
		return &id
	}
	return nil
}

func deref(id *rules.Identity) rules.Identity {
	if id == nil {
		return rules.Identity{}
	}
	return *id
}

// where gathers changes, each with the namespaces it is seen in, in the order first seen.
type where struct {
	order []string
	in    map[string][]string
}

func (w *where) add(ns string, changes []string) {
	for _, c := range changes {
		if w.in == nil {
			w.in = map[string][]string{}
		}
		if _, seen := w.in[c]; !seen {
			w.order = append(w.order, c)
		}
		w.in[c] = append(w.in[c], ns)
	}
}

// list is the changes, each seen in fewer than all judged namespaces naming those it is seen in.
func (w *where) list(judged int) []string {
	out := []string{}
	for _, c := range w.order {
		if ns := w.in[c]; len(ns) < judged {
			c += " (in " + namespacesText(ns) + ")"
		}
		out = append(out, c)
	}
	return out
}

// compareAnchors says how going from anchors o to n loosens and tightens them, anchor by anchor.
func compareAnchors(o, n rules.Identity) (loosened, tightened []string) {
	l, t := compareList("serviceAccount", "any ServiceAccount", o.ServiceAccounts, n.ServiceAccounts, equal)
	loosened, tightened = append(loosened, l...), append(tightened, t...)
	l, t = compareList("repository", "any repository", o.Repositories, n.Repositories, coversRepository)
	loosened, tightened = append(loosened, l...), append(tightened, t...)
	switch {
	case o.Digests() && !n.Digests():
		loosened = append(loosened, "digests no longer required: a tag can be moved to other content after admission")
	case !o.Digests() && n.Digests():
		tightened = append(tightened, "digests required")
	}
	l, t = compareList("signedBy", "no signature required", o.SignedBy, n.SignedBy, equal)
	return append(loosened, l...), append(tightened, t...)
}

func equal(a, b string) bool { return a == b }

// compareList compares the values of one anchor, where none listed allows any: a value of next
// that no value of old covers loosens, a value of old that none of next covers tightens. anchor
// names the anchor's values (serviceAccount), unset what it allows when none is listed.
func compareList(anchor, unset string, old, next []string, covers func(outer, inner string) bool) (loosened, tightened []string) {
	coveredBy := func(list []string, v string) []string {
		return slices.DeleteFunc(slices.Clone(list), func(outer string) bool { return !covers(outer, v) })
	}
	switch {
	case len(old) == 0 && len(next) == 0:
		return nil, nil
	case len(next) == 0:
		return []string{fmt.Sprintf("%s anchor removed (was %s): %s", anchor, strings.Join(old, ", "), unset)}, nil
	case len(old) == 0:
		return nil, []string{fmt.Sprintf("%s anchor added: %s", anchor, strings.Join(next, ", "))}
	}
	for _, v := range next {
		if len(coveredBy(old, v)) > 0 {
			continue
		}
		var widens []string
		for _, o := range old {
			if covers(v, o) {
				widens = append(widens, o)
			}
		}
		if len(widens) > 0 {
			loosened = append(loosened, fmt.Sprintf("%s %s widens %s", anchor, v, strings.Join(widens, ", ")))
		} else {
			loosened = append(loosened, fmt.Sprintf("%s %s added", anchor, v))
		}
	}
	for _, o := range old {
		if len(coveredBy(next, o)) == 0 {
			tightened = append(tightened, fmt.Sprintf("%s %s removed", anchor, o))
		}
	}
	return loosened, tightened
}

// coversRepository: every image repository anchor inner allows, outer allows too ("r/*" allows
// "r/a" and "r/a/*").
func coversRepository(outer, inner string) bool {
	if outer == inner {
		return true
	}
	prefix, wild := strings.CutSuffix(outer, "/*")
	return wild && strings.HasPrefix(inner, prefix+"/")
}

// compareBuilders lists every builder added, removed or given another key, by name.
func (r *Report) compareBuilders(old, next *rules.Compiled) {
	var names []string
	for _, c := range []*rules.Compiled{old, next} {
		for _, b := range c.Builders() {
			names = append(names, b.Name)
		}
	}
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		ob, inOld := old.Builder(name)
		nb, inNext := next.Builder(name)
		b := BuilderChange{Builder: name, OldKey: fingerprint(ob.PublicKey), NewKey: fingerprint(nb.PublicKey), TrustedBy: trustedBy(next, name)}
		switch {
		case !inOld:
			b.Change = BuilderAdded
		case !inNext:
			b.Change, b.TrustedBy = BuilderRemoved, trustedBy(old, name)
		case b.OldKey != b.NewKey:
			b.Change = BuilderKeyChanged
		default:
			continue // the same key, written otherwise
		}
		r.Builders = append(r.Builders, b)
	}
}

// fingerprint is the SHA-256 of a builder's key, as DER; "" for none.
func fingerprint(publicKey string) string {
	block, _ := pem.Decode([]byte(publicKey))
	if block == nil {
		return ""
	}
	sum := sha256.Sum256(block.Bytes)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// trustedBy lists the services and identity defaults whose signedBy names builder.
func trustedBy(c *rules.Compiled, builder string) []string {
	var out []string
	for _, name := range c.Names() {
		if s, _ := c.Service(name); s.Identity != nil && slices.Contains(s.Identity.SignedBy, builder) {
			out = append(out, name)
		}
	}
	for _, d := range c.IdentityDefaults() {
		if slices.Contains(d.Identity.SignedBy, builder) {
			out = append(out, "identityDefaults for "+list(d.Namespaces, "every namespace"))
		}
	}
	return out
}

// describeIdentity writes anchors as the rules name them; none is what nil is.
func describeIdentity(id *rules.Identity, none string) string {
	switch {
	case id == nil:
		return none
	case id.IsZero():
		return "no anchor"
	}
	var parts []string
	add := func(field string, values []string) {
		if len(values) > 0 {
			parts = append(parts, field+": "+strings.Join(values, ", "))
		}
	}
	add("serviceAccounts", id.ServiceAccounts)
	add("repositories", id.Repositories)
	if id.RequireDigests {
		parts = append(parts, "requireDigests")
	}
	add("signedBy", id.SignedBy)
	return strings.Join(parts, "; ")
}

// namespacesText names the namespaces of an identity change.
func namespacesText(ns []string) string {
	names := slices.Clone(ns)
	for i, n := range names {
		if n == OtherNamespaces {
			names[i] = "every namespace no default lists"
		}
	}
	return strings.Join(names, ", ")
}

// loosensIdentity: some pod may now claim a service it could not.
func (r *Report) loosensIdentity() bool {
	return slices.ContainsFunc(r.Identities, func(c IdentityChange) bool { return c.loosens() }) ||
		slices.ContainsFunc(r.IdentityDefaults, func(c IdentityDefaultChange) bool { return c.loosens() })
}

// Opening says what makes the change open (Opens), for a gate's message: "opens a path", "changes
// the key of builder ci", "loosens an identity anchor", joined; "" when it does not open.
func (r *Report) Opening() string {
	var what []string
	if r.opensPath() {
		what = append(what, "opens a path")
	}
	if keys := r.keysChanged(); len(keys) > 0 {
		what = append(what, "changes the key of builder "+strings.Join(keys, ", "))
	}
	if r.loosensIdentity() {
		what = append(what, "loosens an identity anchor")
	}
	return strings.Join(what, ", ")
}

// keysChanged names the builders given another key.
func (r *Report) keysChanged() []string {
	var out []string
	for _, b := range r.Builders {
		if b.Change == BuilderKeyChanged {
			out = append(out, b.Builder)
		}
	}
	return out
}

// anchorRow is one identity change as the report shows it: what changes (a service, or a
// default's namespaces), its anchors before and after, and how.
type anchorRow struct {
	subject, old, new string
	AnchorChanges
}

func (r *Report) identityRows() (services, defaults []anchorRow) {
	for _, c := range r.Identities {
		services = append(services, anchorRow{c.Service, describeIdentity(c.Old, "identity defaults"), describeIdentity(c.New, "identity defaults"), c.AnchorChanges})
	}
	for _, c := range r.IdentityDefaults {
		defaults = append(defaults, anchorRow{namespacesText(c.Namespaces), describeIdentity(c.Old, "none"), describeIdentity(c.New, "none"), c.AnchorChanges})
	}
	return services, defaults
}

// describe says what changes of a builder, each key passed through quote.
func (b BuilderChange) describe(quote func(string) string) string {
	var s string
	switch b.Change {
	case BuilderKeyChanged:
		s = fmt.Sprintf("KEY CHANGED from %s to %s", quote(b.OldKey), quote(b.NewKey))
	case BuilderAdded:
		s = "added, key " + quote(b.NewKey)
	default:
		s = "removed, key " + quote(b.OldKey)
	}
	if len(b.TrustedBy) > 0 {
		s += "; trusted by " + strings.Join(b.TrustedBy, ", ")
	}
	return s
}
