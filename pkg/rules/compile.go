package rules

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/netip"
	"slices"
	"strings"
)

// Compiled is validated rules, indexed by service. It is immutable: share it freely.
//
// The webhook keeps it for as long as the rules serve, and keeps two while it swaps them, so it is
// compact: every service's lists are parts of a few arrays shared by all services, callees are
// positions rather than strings, and each label key is one string shared by every caller that
// carries it.
type Compiled struct {
	opts     Options
	hash     string
	index    map[string]int32 // service name → its position in names and services
	names    []string         // sorted
	services []entry          // in the order of names
	keys     []string         // grants
	calls    []int32          // callees, as positions in names
	strs     []string         // namespaces and callsTypes
	ports    []Port
	links    int
	zones    []Zone            // sorted by name, each one's namespaces sorted
	zoneOfNS map[string]string // namespace → its zone
	// memberZone holds the zone of each member (by position in names), apart from entry, so that
	// rules without zones cost nothing more; external likewise each member's external
	// destinations, normalized (normalizeExternal).
	memberZone map[int32]string
	external   map[int32][]External
	// identity holds each service's own identity, normalized; defaults the identityDefaults
	// (normalized, by namespace, "" for every other namespace); builders the builders by name.
	identity map[int32]*Identity
	defaults map[string]*Identity
	builders []Builder // sorted by name
}

// entry is one service's rules: parts of the Compiled's arrays, each sorted, as normalize would.
type entry struct {
	typ        string
	source     string // one string per file, shared
	namespaces span   // of strs; none: any namespace
	callsTypes span   // of strs
	calls      span   // of calls
	ports      span   // protocols filled in
	grant      span   // of keys
	public     bool
}

// span is a part of one of the Compiled's arrays.
type span struct{ off, len int32 }

// part returns a's span s, capped so that appending to it cannot overwrite what follows; nil
// when s is empty, as an absent list decodes.
func part[T any](a []T, s span) []T {
	if s.len == 0 {
		return nil
	}
	end := s.off + s.len
	return a[s.off:end:end]
}

// Grant is the set of managed labels a service's pods carry: each of Keys with the value
// LabelValue. Shared: never modify it.
type Grant struct {
	Keys []string // sorted
}

// Has reports whether the grant includes the label key.
func (g Grant) Has(key string) bool {
	_, ok := slices.BinarySearch(g.Keys, key)
	return ok
}

// Exactly reports whether labels' managed keys (isManaged) are the grant's, each with LabelValue:
// no key missing, none extra, none with another value.
func (g Grant) Exactly(labels map[string]string, isManaged func(string) bool) bool {
	n := 0
	for k, v := range labels {
		if isManaged(k) {
			if v != LabelValue || !g.Has(k) {
				return false
			}
			n++
		}
	}
	return n == len(g.Keys)
}

// Labels returns the grant as a new map of labels.
func (g Grant) Labels() map[string]string {
	m := make(map[string]string, len(g.Keys))
	for _, k := range g.Keys {
		m[k] = LabelValue
	}
	return m
}

// Verdict says whether a pod gets its service's grant.
type Verdict uint8

const (
	Granted             Verdict = iota
	UnknownService              // no service of that name
	NamespaceNotAllowed         // the service exists but may not run in that namespace
)

// Compile validates doc and indexes it. It returns Errors listing every problem. The result shares
// no list with doc, only strings.
func Compile(doc *Document, opts Options) (*Compiled, error) {
	ix, errs := validate(doc, opts)
	if err := errs.err(); err != nil {
		return nil, err
	}
	order := make([]*Service, len(doc.Services))
	var nKeys, nCalls, nStrs, nPorts int
	for i := range doc.Services {
		s := &doc.Services[i]
		order[i] = s
		nKeys += len(s.Calls) + len(s.CallsTypes)
		nCalls += len(s.Calls)
		nStrs += len(s.Namespaces) + len(s.CallsTypes)
		nPorts += len(s.Ports)
	}
	slices.SortFunc(order, func(a, b *Service) int { return strings.Compare(a.Name, b.Name) })
	c := &Compiled{
		opts:     opts,
		index:    make(map[string]int32, len(order)),
		names:    make([]string, len(order)),
		services: make([]entry, len(order)),
		keys:     make([]string, 0, nKeys),
		calls:    make([]int32, 0, nCalls),
		strs:     make([]string, 0, nStrs),
		ports:    make([]Port, 0, nPorts),
		links:    nCalls,
	}
	for i, s := range order {
		c.names[i] = s.Name
		c.index[s.Name] = int32(i)
		ix.byName[s.Name].pos = int32(i)
	}
	// One string for each namespace, type and protocol, rather than one for each mention.
	interned := make(map[string]string)
	intern := func(s string) string {
		if v, ok := interned[s]; ok {
			return v
		}
		interned[s] = s
		return s
	}
	for i, s := range order {
		e := &c.services[i]
		e.typ, e.source, e.public = intern(s.Type), s.Source, s.Public
		if s.Zone != "" {
			if c.memberZone == nil {
				c.memberZone = make(map[int32]string)
			}
			c.memberZone[int32(i)] = intern(s.Zone)
		}
		if s.Identity != nil {
			if c.identity == nil {
				c.identity = make(map[int32]*Identity)
			}
			id := normalizeIdentity(*s.Identity)
			c.identity[int32(i)] = &id
		}
		if len(s.External) > 0 {
			if c.external == nil {
				c.external = make(map[int32][]External)
			}
			c.external[int32(i)] = normalizeExternal(s.External, intern)
		}

		start := len(c.strs)
		for _, ns := range s.Namespaces {
			c.strs = append(c.strs, intern(ns))
		}
		e.namespaces = sortedSpan(c.strs, start, strings.Compare)
		start = len(c.strs)
		for _, t := range s.CallsTypes {
			c.strs = append(c.strs, intern(t))
		}
		e.callsTypes = sortedSpan(c.strs, start, strings.Compare)

		start = len(c.calls)
		keys := len(c.keys)
		for _, name := range s.Calls {
			callee := ix.byName[name]
			c.calls = append(c.calls, callee.pos)
			c.keys = append(c.keys, callee.key)
		}
		for _, t := range s.CallsTypes {
			c.keys = append(c.keys, ix.typeKeys[t])
		}
		e.calls = sortedSpan(c.calls, start, cmp.Compare) // positions sort as the names do
		e.grant = sortedSpan(c.keys, keys, strings.Compare)

		start = len(c.ports)
		for _, p := range s.Ports {
			c.ports = append(c.ports, Port{Port: p.Port, Protocol: intern(protocolOrTCP(p.Protocol))})
		}
		e.ports = sortedSpan(c.ports, start, comparePorts)
	}
	c.compileZones(doc.Zones, intern)
	c.compileIdentities(doc)
	c.hash = c.computeHash()
	return c, nil
}

// compileZones keeps the (valid) zones, sorted, with their namespaces sorted.
func (c *Compiled) compileZones(zones []Zone, intern func(string) string) {
	if len(zones) == 0 {
		return
	}
	c.zones = make([]Zone, 0, len(zones))
	c.zoneOfNS = make(map[string]string)
	for _, z := range zones {
		namespaces := make([]string, len(z.Namespaces))
		for i, ns := range z.Namespaces {
			namespaces[i] = intern(ns)
			c.zoneOfNS[namespaces[i]] = z.Name
		}
		slices.Sort(namespaces)
		c.zones = append(c.zones, Zone{Name: intern(z.Name), Namespaces: namespaces, Source: z.Source})
	}
	slices.SortFunc(c.zones, func(a, b Zone) int { return strings.Compare(a.Name, b.Name) })
}

// normalizeExternal copies a member's (valid) external destinations, sorted by address, each one's
// excepts sorted likewise and its ports as a service's are, protocols filled in.
func normalizeExternal(external []External, intern func(string) string) []External {
	out := make([]External, len(external))
	for i, x := range external {
		out[i] = External{CIDR: x.CIDR}
		if len(x.Except) > 0 {
			out[i].Except = slices.SortedFunc(slices.Values(x.Except), compareCIDRs)
		}
		if len(x.Ports) > 0 {
			out[i].Ports = make([]Port, len(x.Ports))
			for j, p := range x.Ports {
				out[i].Ports[j] = Port{Port: p.Port, Protocol: intern(protocolOrTCP(p.Protocol))}
			}
			slices.SortFunc(out[i].Ports, comparePorts)
		}
	}
	slices.SortFunc(out, func(a, b External) int { return compareCIDRs(a.CIDR, b.CIDR) })
	return out
}

// compareCIDRs orders valid CIDRs by address (IPv4 first), then prefix length.
func compareCIDRs(a, b string) int {
	pa, _ := netip.ParsePrefix(a)
	pb, _ := netip.ParsePrefix(b)
	return cmp.Or(pa.Addr().Compare(pb.Addr()), cmp.Compare(pa.Bits(), pb.Bits()))
}

func comparePorts(a, b Port) int {
	return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Protocol, b.Protocol))
}

// sortedSpan sorts a[start:] and returns it as a span.
func sortedSpan[T any](a []T, start int, compare func(T, T) int) span {
	slices.SortFunc(a[start:], compare)
	return span{off: int32(start), len: int32(len(a) - start)}
}

// computeHash is the rules' version: it changes whenever the labels or policies could, and only then
// (comments, order and file layout do not count). It is the SHA-256 of the options and each
// service, normalized (as Document has them: sorted, defaults filled in), as encoding/json writes
// them, one a line, then the zones. The hash is on every running pod, so that form stays: one line
// for the zones that no service's can equal (each of those starts {"name":), and none at all
// without zones, so that rules without zones keep the version they had before zones.
func (c *Compiled) computeHash() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	_ = enc.Encode(c.opts) // encoding plain structs to a hash cannot fail
	for i := range c.names {
		_ = enc.Encode(c.service(int32(i)))
	}
	if len(c.zones) > 0 {
		_ = enc.Encode(struct {
			Zones []Zone `json:"zones"`
		}{c.zones})
	}
	// Likewise builders and identity defaults: a line only when there are some.
	if len(c.builders) > 0 || len(c.defaults) > 0 {
		_ = enc.Encode(struct {
			Builders         []Builder         `json:"builders"`
			IdentityDefaults []IdentityDefault `json:"identityDefaults"`
		}{c.builders, c.IdentityDefaults()})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Lookup returns the grant for a pod of service in namespace, in time independent of the rules' size.
func (c *Compiled) Lookup(service, namespace string) (Grant, Verdict) {
	i, ok := c.index[service]
	if !ok {
		return Grant{}, UnknownService
	}
	e := &c.services[i]
	if e.namespaces.len > 0 {
		if _, ok := slices.BinarySearch(part(c.strs, e.namespaces), namespace); !ok {
			return Grant{}, NamespaceNotAllowed
		}
	}
	return Grant{Keys: part(c.keys, e.grant)}, Granted
}

// Hash is the rules' version, recorded on every pod in the netiso.dev/rules-hash annotation.
func (c *Compiled) Hash() string { return c.hash }

// Options is the label scheme the rules were compiled with.
func (c *Compiled) Options() Options { return c.opts }

// Len is the number of services; Links the number of service-to-service calls.
func (c *Compiled) Len() int   { return len(c.names) }
func (c *Compiled) Links() int { return c.links }

// Names lists the services, sorted. The slice is shared: do not modify it.
func (c *Compiled) Names() []string { return c.names }

// Service returns one service's normalized rules: lists sorted, protocols filled in. Its lists other
// than Calls are shared: do not modify them.
func (c *Compiled) Service(name string) (Service, bool) {
	i, ok := c.index[name]
	if !ok {
		return Service{}, false
	}
	return c.service(i), true
}

func (c *Compiled) service(i int32) Service {
	e := &c.services[i]
	s := Service{
		Name:       c.names[i],
		Namespaces: part(c.strs, e.namespaces),
		Zone:       c.memberZone[i],
		Type:       e.typ,
		CallsTypes: part(c.strs, e.callsTypes),
		Ports:      part(c.ports, e.ports),
		External:   c.external[i],
		Public:     e.public,
		Source:     e.source,
		Identity:   c.identity[i],
	}
	if e.calls.len > 0 {
		s.Calls = make([]string, e.calls.len)
		for j, callee := range part(c.calls, e.calls) {
			s.Calls[j] = c.names[callee]
		}
	}
	return s
}

// Zones lists the zones, sorted by name, each one's namespaces sorted. Shared: do not modify it.
func (c *Compiled) Zones() []Zone { return c.zones }

// Zone returns the named zone.
func (c *Compiled) Zone(name string) (Zone, bool) {
	i, ok := slices.BinarySearchFunc(c.zones, name, func(z Zone, name string) int { return strings.Compare(z.Name, name) })
	if !ok {
		return Zone{}, false
	}
	return c.zones[i], true
}

// NamespaceZone returns the zone a namespace belongs to, "" for none.
func (c *Compiled) NamespaceZone(namespace string) string { return c.zoneOfNS[namespace] }

// Document returns the normalized rules as one document, zones and services sorted by name.
func (c *Compiled) Document() *Document {
	doc := &Document{APIVersion: APIVersion, Kind: Kind, Zones: slices.Clone(c.zones), Builders: slices.Clone(c.builders),
		IdentityDefaults: c.IdentityDefaults(), Services: make([]Service, len(c.names))}
	for i := range c.names {
		doc.Services[i] = c.service(int32(i))
	}
	return doc
}
