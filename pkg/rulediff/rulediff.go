// Package rulediff tells a reviewer what a rules change does: the paths it opens and closes, the
// services whose pods are relabelled (rules.DiffGrants, the reconciler's own diff) and the
// destination policies that change. It is pure: `netiso diff` reads the rules and the cluster.
package rulediff

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

// Anywhere is the caller of a link to a public service: every source, in or out of the cluster.
const Anywhere = "*"

// Report is what a change from Old to New does.
type Report struct {
	OldVersion string `json:"oldVersion"`
	NewVersion string `json:"newVersion"`
	// Opens says the change grants something the old rules did not: a link, a public service,
	// a namespace where pods may claim a service's identity, a port on a destination, a
	// destination outside the cluster for a zone member, a looser identity anchor (pods of another
	// origin may claim a service), or another key for a builder.
	Opens bool `json:"opens"`
	// LinksOpened and LinksClosed are the (caller, callee) pairs that become allowed or
	// disallowed, whether by name or through a type; From is Anywhere for a public callee.
	LinksOpened []Link `json:"linksOpened"`
	LinksClosed []Link `json:"linksClosed"`
	// Grants are the services whose pods carry other managed labels: rules.DiffGrants.
	Grants []Grant `json:"grants"`
	// Namespaces are the services whose pods may claim their identity in other namespaces.
	Namespaces []NamespaceChange `json:"namespaces"`
	// Ports are the destinations that accept other ports.
	Ports []PortChange `json:"ports"`
	// External are the zone members whose destinations outside the cluster change.
	External []ExternalChange `json:"external"`
	// Policies are the destination NetworkPolicies (`netiso policies`) added, removed or changed,
	// as NAMESPACE/NAME.
	Policies PolicyChanges `json:"policies"`
	// Zones are the segregation zones the change touches.
	Zones []ZoneChange `json:"zones"`
	// Identities are the services whose own identity anchors change, IdentityDefaults the identity
	// defaults that do (by namespace), Builders the builders added, removed or given another key.
	Identities       []IdentityChange        `json:"identities"`
	IdentityDefaults []IdentityDefaultChange `json:"identityDefaults"`
	Builders         []BuilderChange         `json:"builders"`
}

// Link is one caller allowed to reach one callee, and by which rule.
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Via is "calls", "callsTypes <type>" or "public".
	Via string `json:"via"`
}

// Grant is one service whose pods' managed labels change.
type Grant struct {
	Service string   `json:"service"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	New     bool     `json:"new,omitempty"`
	Gone    bool     `json:"gone,omitempty"`
	// Pods is how many running pods carry the service's identity where it is granted, before or
	// after: the pods the reconciler relabels (nil: not counted).
	Pods *int `json:"pods,omitempty"`

	oldNamespaces, newNamespaces []string // nil: any namespace (or none, for New and Gone)
}

// Pod is a running pod: its namespace and the value of its identity label.
type Pod struct{ Namespace, Service string }

// CountPods sets each grant's Pods from the cluster's pods.
func (r *Report) CountPods(pods []Pod) {
	for i := range r.Grants {
		g := &r.Grants[i]
		n := 0
		for _, p := range pods {
			if p.Service == g.Service && (g.grantedIn(g.oldNamespaces, !g.New, p.Namespace) || g.grantedIn(g.newNamespaces, !g.Gone, p.Namespace)) {
				n++
			}
		}
		g.Pods = &n
	}
}

// grantedIn: a side where the service exists grants it in ns.
func (g *Grant) grantedIn(namespaces []string, exists bool, ns string) bool {
	return exists && (len(namespaces) == 0 || slices.Contains(namespaces, ns))
}

// NamespaceChange is a service whose namespaces change; an empty list is every namespace.
type NamespaceChange struct {
	Service string   `json:"service"`
	Old     []string `json:"old"`
	New     []string `json:"new"`
	// Widened: pods in some namespace may claim the identity now that could not before.
	Widened bool `json:"widened"`
}

// PortChange is a destination whose accepted ports change; an empty list is every port.
type PortChange struct {
	Service string   `json:"service"`
	Old     []string `json:"old"`
	New     []string `json:"new"`
	// Widened: some port is open now that was not.
	Widened bool `json:"widened"`
}

// PolicyChanges are NetworkPolicies by NAMESPACE/NAME.
type PolicyChanges struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// Empty says the change does nothing a reviewer need look at (a comment, the order, the layout).
func (r *Report) Empty() bool {
	return len(r.LinksOpened)+len(r.LinksClosed)+len(r.Grants)+len(r.Namespaces)+len(r.Ports)+len(r.External)+
		len(r.Policies.Added)+len(r.Policies.Removed)+len(r.Policies.Changed)+len(r.Zones)+
		len(r.Identities)+len(r.IdentityDefaults)+len(r.Builders) == 0
}

// Compare reports what changing the rules from old to next does; opts are `netiso policies`'.
func Compare(old, next *rules.Compiled, opts policy.Options) (*Report, error) {
	r := &Report{OldVersion: old.Hash(), NewVersion: next.Hash(),
		LinksOpened: []Link{}, LinksClosed: []Link{}, Grants: []Grant{}, Namespaces: []NamespaceChange{}, Ports: []PortChange{}, External: []ExternalChange{},
		Policies: PolicyChanges{Added: []string{}, Removed: []string{}, Changed: []string{}}, Zones: []ZoneChange{},
		Identities: []IdentityChange{}, IdentityDefaults: []IdentityDefaultChange{}, Builders: []BuilderChange{}}
	oldLinks, newLinks := Links(old), Links(next)
	r.LinksOpened = minus(newLinks, oldLinks)
	r.LinksClosed = minus(oldLinks, newLinks)
	for _, g := range rules.DiffGrants(old, next) {
		if len(g.Added)+len(g.Removed) > 0 || g.New || g.Gone {
			r.Grants = append(r.Grants, Grant{Service: g.Service, Added: g.Added, Removed: g.Removed, New: g.New, Gone: g.Gone,
				oldNamespaces: g.OldNamespaces, newNamespaces: g.NewNamespaces})
		}
	}
	for _, name := range next.Names() {
		s, _ := next.Service(name)
		was, ok := old.Service(name)
		if !ok {
			continue // a new service: its links and policies say what it opens
		}
		if !slices.Equal(was.Namespaces, s.Namespaces) {
			r.Namespaces = append(r.Namespaces, NamespaceChange{Service: name, Old: orEmpty(was.Namespaces), New: orEmpty(s.Namespaces),
				Widened: widened(was.Namespaces, s.Namespaces)})
		}
		op, np := portNames(was.Ports), portNames(s.Ports)
		if !slices.Equal(op, np) {
			r.Ports = append(r.Ports, PortChange{Service: name, Old: op, New: np, Widened: widened(op, np)})
		}
	}
	r.compareExternal(old, next)
	if err := r.comparePolicies(old, next, opts); err != nil {
		return nil, err
	}
	r.compareIdentities(old, next)
	r.compareZones(old, next)
	r.Opens = r.opensPath() || r.loosensIdentity() || len(r.keysChanged()) > 0
	return r, nil
}

// opensPath: some connection is allowed now that was not.
func (r *Report) opensPath() bool {
	return len(r.LinksOpened) > 0 ||
		slices.ContainsFunc(r.Namespaces, func(n NamespaceChange) bool { return n.Widened }) ||
		slices.ContainsFunc(r.Ports, func(p PortChange) bool { return p.Widened }) ||
		slices.ContainsFunc(r.External, func(x ExternalChange) bool { return x.Widened })
}

// Links are every (caller, callee) pair the rules allow, sorted by caller then callee: by name,
// through a type, or from anywhere to a public service.
func Links(c *rules.Compiled) []Link {
	byType := map[string][]string{}
	var out []Link
	for _, name := range c.Names() { // sorted, so each type's list is too
		s, _ := c.Service(name)
		if s.Type != "" {
			byType[s.Type] = append(byType[s.Type], name)
		}
		if s.Public {
			out = append(out, Link{From: Anywhere, To: name, Via: "public"})
		}
	}
	for _, name := range c.Names() {
		s, _ := c.Service(name)
		seen := make(map[string]bool, len(s.Calls))
		for _, callee := range s.Calls {
			seen[callee] = true
			out = append(out, Link{From: name, To: callee, Via: "calls"})
		}
		for _, t := range s.CallsTypes {
			for _, callee := range byType[t] {
				if !seen[callee] {
					seen[callee] = true
					out = append(out, Link{From: name, To: callee, Via: "callsTypes " + t})
				}
			}
		}
	}
	slices.SortFunc(out, compareLinks)
	return out
}

func compareLinks(a, b Link) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) }

// minus is the links of a whose pair is not in b; both sorted.
func minus(a, b []Link) []Link {
	out := []Link{}
	for _, l := range a {
		if _, found := slices.BinarySearchFunc(b, l, compareLinks); !found {
			out = append(out, l)
		}
	}
	return out
}

// widened: next allows a value old did not, where an empty list allows every value.
func widened(old, next []string) bool {
	switch {
	case len(old) == 0:
		return false
	case len(next) == 0:
		return true
	}
	for _, v := range next {
		if !slices.Contains(old, v) {
			return true
		}
	}
	return false
}

func portNames(ports []rules.Port) []string {
	out := make([]string, 0, len(ports))
	for _, p := range ports {
		out = append(out, strconv.Itoa(int(p.Port))+"/"+cmp.Or(p.Protocol, "TCP"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// comparePolicies compares the two sets of NetworkPolicies, object by object.
func (r *Report) comparePolicies(old, next *rules.Compiled, opts policy.Options) error {
	encoded := func(c *rules.Compiled) (map[string][]byte, error) {
		ps, err := policy.Generate(c, opts)
		if err != nil {
			return nil, fmt.Errorf("generate policies: %w", err)
		}
		out := make(map[string][]byte, len(ps))
		for _, p := range ps {
			if out[p.Namespace+"/"+p.Name], err = json.Marshal(p); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	op, err := encoded(old)
	if err != nil {
		return err
	}
	np, err := encoded(next)
	if err != nil {
		return err
	}
	for k, v := range np {
		switch was, ok := op[k]; {
		case !ok:
			r.Policies.Added = append(r.Policies.Added, k)
		case !bytes.Equal(was, v):
			r.Policies.Changed = append(r.Policies.Changed, k)
		}
	}
	for k := range op {
		if _, ok := np[k]; !ok {
			r.Policies.Removed = append(r.Policies.Removed, k)
		}
	}
	slices.Sort(r.Policies.Added)
	slices.Sort(r.Policies.Removed)
	slices.Sort(r.Policies.Changed)
	return nil
}
