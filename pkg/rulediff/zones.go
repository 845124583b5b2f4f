package rulediff

import (
	"maps"
	"slices"

	"github.com/netiso/netiso/pkg/rules"
)

// ZoneChange is a zone the change touches: a reviewer of a change near the most secure services
// should not have to find that out from the link list.
type ZoneChange struct {
	Zone string `json:"zone"`
	// New and Gone: the zone exists only in the new, or only in the old, rules.
	New  bool `json:"new,omitempty"`
	Gone bool `json:"gone,omitempty"`
	// MembersAdded and MembersRemoved are services that join or leave it.
	MembersAdded   []string `json:"membersAdded,omitempty"`
	MembersRemoved []string `json:"membersRemoved,omitempty"`
	// OldNamespaces and NewNamespaces are its namespaces, when they differ.
	OldNamespaces []string `json:"oldNamespaces,omitempty"`
	NewNamespaces []string `json:"newNamespaces,omitempty"`
	// LinksOpened and LinksClosed count the report's links with a member at either end.
	LinksOpened int `json:"linksOpened,omitempty"`
	LinksClosed int `json:"linksClosed,omitempty"`
	// External are its members whose destinations outside the cluster change.
	External []string `json:"external,omitempty"`
	// Identity are its members whose own identity anchors change, and the identity defaults that
	// change in its namespaces ("identityDefaults for NS, ...").
	Identity []string `json:"identity,omitempty"`
}

// compareZones lists, sorted, every zone of either rules that the change touches (after
// compareIdentities).
func (r *Report) compareZones(old, next *rules.Compiled) {
	listed := defaultNamespaces(old, next)
	names := map[string]bool{}
	for _, c := range []*rules.Compiled{old, next} {
		for _, z := range c.Zones() {
			names[z.Name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		oz, inOld := old.Zone(name)
		nz, inNext := next.Zone(name)
		z := ZoneChange{Zone: name, New: !inOld, Gone: !inNext}
		om, nm := members(old, name), members(next, name)
		z.MembersAdded, z.MembersRemoved = onlyIn(nm, om), onlyIn(om, nm)
		if !slices.Equal(oz.Namespaces, nz.Namespaces) {
			z.OldNamespaces, z.NewNamespaces = oz.Namespaces, nz.Namespaces
		}
		for _, l := range r.LinksOpened {
			if zoneOf(next, l.From) == name || zoneOf(next, l.To) == name {
				z.LinksOpened++
			}
		}
		for _, l := range r.LinksClosed {
			if zoneOf(old, l.From) == name || zoneOf(old, l.To) == name {
				z.LinksClosed++
			}
		}
		for _, x := range r.External {
			if zoneOf(next, x.Service) == name || zoneOf(old, x.Service) == name {
				z.External = append(z.External, x.Service)
			}
		}
		for _, c := range r.Identities {
			if zoneOf(next, c.Service) == name || zoneOf(old, c.Service) == name {
				z.Identity = append(z.Identity, c.Service)
			}
		}
		inZone := func(ns string) bool { return slices.Contains(oz.Namespaces, ns) || slices.Contains(nz.Namespaces, ns) }
		for _, d := range r.IdentityDefaults {
			// The catch-all's change reaches the zone's namespaces that no default lists.
			catchAll := slices.Contains(d.Namespaces, OtherNamespaces) &&
				slices.ContainsFunc(slices.Concat(oz.Namespaces, nz.Namespaces), func(ns string) bool { return !slices.Contains(listed, ns) })
			if catchAll || slices.ContainsFunc(d.Namespaces, inZone) {
				z.Identity = append(z.Identity, "identityDefaults for "+namespacesText(d.Namespaces))
			}
		}
		if z.New || z.Gone || len(z.MembersAdded)+len(z.MembersRemoved) > 0 || z.OldNamespaces != nil || z.NewNamespaces != nil ||
			z.LinksOpened+z.LinksClosed > 0 || len(z.External)+len(z.Identity) > 0 {
			r.Zones = append(r.Zones, z)
		}
	}
}

// members are a zone's services, sorted.
func members(c *rules.Compiled, zone string) []string {
	var out []string
	for _, n := range c.Names() {
		if zoneOf(c, n) == zone {
			out = append(out, n)
		}
	}
	return out
}

func zoneOf(c *rules.Compiled, service string) string {
	s, _ := c.Service(service)
	return s.Zone
}

// onlyIn returns the elements of a, sorted, that b lacks.
func onlyIn(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}
