package rules

import (
	"slices"
	"strings"
)

// GrantChange is one service whose pods' managed labels differ between two rule sets: its grant
// (the label keys its pods carry), the namespaces where it is granted, or both. A service that
// exists in only one of the two has Added or Removed set.
type GrantChange struct {
	Service string
	// Added and Removed are the grant's keys that only the new, or only the old, rules give; sorted.
	Added, Removed []string
	// OldNamespaces and NewNamespaces are where the service is granted in each (nil: any
	// namespace, or absent from that side); NamespacesChanged says whether they differ.
	OldNamespaces, NewNamespaces []string
	NamespacesChanged            bool
	// Only in the new rules, or only in the old: its pods gain, or lose, every key.
	New, Gone bool
}

// DiffGrants lists, sorted by service, every service whose pods would carry other managed labels
// under next than under prev, in some namespace: what a rules change costs running pods. A pod's
// labels depend only on its service's grant and namespaces, so a service not listed needs no pod
// relabelled. prev may be nil (no rules before): every service of next is New.
//
// It walks both services lists once, in name order, comparing each service's sorted keys and
// namespaces: linear in the size of the rules, whatever changed.
func DiffGrants(prev, next *Compiled) []GrantChange {
	if prev == next {
		return nil
	}
	if prev == nil {
		prev = &Compiled{}
	}
	var out []GrantChange
	var pi, ni int
	for pi < prev.Len() || ni < next.Len() {
		switch c := compareNext(prev, pi, next, ni); {
		case c < 0:
			out = append(out, GrantChange{Service: prev.names[pi], Removed: prev.grantKeys(pi),
				OldNamespaces: prev.namespacesOf(pi), Gone: true})
			pi++
		case c > 0:
			out = append(out, GrantChange{Service: next.names[ni], Added: next.grantKeys(ni),
				NewNamespaces: next.namespacesOf(ni), New: true})
			ni++
		default:
			if g, changed := diffService(prev, int32(pi), next, int32(ni)); changed {
				out = append(out, g)
			}
			pi++
			ni++
		}
	}
	return out
}

// compareNext orders the services at prev's position pi and next's ni, an exhausted side last.
func compareNext(prev *Compiled, pi int, next *Compiled, ni int) int {
	switch {
	case pi >= prev.Len():
		return 1
	case ni >= next.Len():
		return -1
	}
	return strings.Compare(prev.names[pi], next.names[ni])
}

func diffService(prev *Compiled, pi int32, next *Compiled, ni int32) (GrantChange, bool) {
	g := GrantChange{Service: prev.names[pi]}
	g.Added, g.Removed = sortedDiff(next.grantKeys(int(ni)), prev.grantKeys(int(pi)))
	g.OldNamespaces, g.NewNamespaces = prev.namespacesOf(int(pi)), next.namespacesOf(int(ni))
	g.NamespacesChanged = !slices.Equal(g.OldNamespaces, g.NewNamespaces)
	return g, len(g.Added)+len(g.Removed) > 0 || g.NamespacesChanged
}

func (c *Compiled) grantKeys(i int) []string    { return part(c.keys, c.services[i].grant) }
func (c *Compiled) namespacesOf(i int) []string { return part(c.strs, c.services[i].namespaces) }

// sortedDiff returns the elements only in a, and those only in b, of two sorted lists.
func sortedDiff(a, b []string) (onlyA, onlyB []string) {
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			onlyA, a = append(onlyA, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			onlyB, b = append(onlyB, b[0]), b[1:]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return onlyA, onlyB
}
