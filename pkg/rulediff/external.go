package rulediff

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"

	"github.com/netiso/netiso/pkg/rules"
)

// ExternalChange is a zone member whose destinations outside the cluster change (new and removed
// members included): a path out of a zone, so the report calls the zone out too.
type ExternalChange struct {
	Service string `json:"service"`
	// Old and New are its destinations, each "CIDR[ except CIDR...] on PORTS"; empty: none.
	Old []string `json:"old"`
	New []string `json:"new"`
	// Widened: some address and port outside is reachable now that was not. Judged destination
	// by destination: a new one that no single old one covers widens, so merging two into one
	// that reaches no more (two /25s into their /24) is counted as widening.
	Widened bool `json:"widened"`
}

// compareExternal lists, by service, every change of external destinations.
func (r *Report) compareExternal(old, next *rules.Compiled) {
	names := slices.Concat(old.Names(), next.Names()) // each sorted
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		was, _ := old.Service(name)
		is, _ := next.Service(name)
		o, n := describeExternal(was.External), describeExternal(is.External)
		if slices.Equal(o, n) {
			continue
		}
		r.External = append(r.External, ExternalChange{Service: name, Old: o, New: n, Widened: externalWidened(was.External, is.External)})
	}
}

// describeExternal describes each of a member's (normalized) destinations.
func describeExternal(external []rules.External) []string {
	out := make([]string, 0, len(external))
	for _, x := range external {
		d := x.CIDR
		if len(x.Except) > 0 {
			d += " except " + strings.Join(x.Except, ", ")
		}
		out = append(out, d+" on "+list(portNames(x.Ports), "every port"))
	}
	return out
}

// externalWidened: some destination of next reaches an address or port that no single
// destination of old reached.
func externalWidened(old, next []rules.External) bool {
	for _, n := range next {
		if !slices.ContainsFunc(old, func(o rules.External) bool { return covers(o, n) }) {
			return true
		}
	}
	return false
}

// covers: every address and port destination n reaches, o reaches too: o's CIDR holds n's, each
// of o's excepts that meets n's CIDR is inside one of n's, and o has every port or all of n's.
func covers(o, n rules.External) bool {
	po, pn := prefix(o.CIDR), prefix(n.CIDR)
	if po.Bits() > pn.Bits() || !po.Contains(pn.Addr()) {
		return false
	}
	for _, x := range o.Except {
		px := prefix(x)
		if px.Overlaps(pn) && !slices.ContainsFunc(n.Except, func(y string) bool { return within(px, prefix(y)) }) {
			return false
		}
	}
	if len(o.Ports) == 0 {
		return true
	}
	if len(n.Ports) == 0 {
		return false
	}
	for _, p := range n.Ports {
		if !slices.ContainsFunc(o.Ports, func(q rules.Port) bool {
			return q.Port == p.Port && cmp.Or(q.Protocol, "TCP") == cmp.Or(p.Protocol, "TCP")
		}) {
			return false
		}
	}
	return true
}

// within: inner is inside outer.
func within(inner, outer netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// prefix reads a CIDR of valid rules.
func prefix(s string) netip.Prefix {
	p, _ := netip.ParsePrefix(s)
	return p
}

// externalText is a member's destinations for the report, none as "none".
func externalText(ds []string, sep string) string {
	if len(ds) == 0 {
		return "none"
	}
	return strings.Join(ds, sep)
}
