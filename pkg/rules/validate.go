package rules

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/scope"
)

// Validate returns every problem in the rules at once (as Errors), or nil.
func Validate(doc *Document, opts Options) error {
	_, errs := validate(doc, opts)
	return errs.err()
}

// index is what validation learns and compilation reuses: each service by name, and the label key
// of each service name and each type, made once and shared by everything that carries it.
type index struct {
	byName   map[string]*named
	typeKeys map[string]string // type → its key
	zones    map[string]*Zone  // zone name → the zone (the first of that name)
	zoneOfNS map[string]string // namespace → the zone it belongs to
}

// named is one service as validation and compilation look its callers' calls up: once per link.
type named struct {
	svc    *Service
	key    string // its label key; empty for an invalid name
	listed int    // the last service (position in the document + 1) whose calls listed it
	pos    int32  // its position among the services sorted by name (set by Compile)
}

func validate(doc *Document, opts Options) (*index, Errors) {
	errs := opts.validate()
	if len(errs) > 0 {
		return nil, errs // every label key would be wrong; the rest would only repeat it
	}
	ix := &index{byName: make(map[string]*named, len(doc.Services)), typeKeys: make(map[string]string)}
	all := make([]named, len(doc.Services))
	for i := range doc.Services {
		s := &doc.Services[i]
		if first, dup := ix.byName[s.Name]; dup {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: "duplicate service, first defined in " + first.svc.Source})
			continue
		}
		all[i].svc = s
		ix.byName[s.Name] = &all[i]
		if s.Type != "" {
			ix.typeKeys[s.Type] = "" // its key is made below, once
		}
	}
	errs = append(errs, ix.validateZones(doc)...)
	builders, berrs := validateBuilders(doc.Builders)
	errs = append(errs, berrs...)
	errs = append(errs, validateIdentityDefaults(doc.IdentityDefaults, builders)...)
	// With zones, callsTypes are checked against each service of the type; the list is only made then.
	var ofType map[string][]*named
	if len(ix.zones) > 0 {
		ofType = make(map[string][]*named)
		for i := range all {
			if n := &all[i]; n.svc != nil && n.svc.Type != "" {
				ofType[n.svc.Type] = append(ofType[n.svc.Type], n)
			}
		}
	}
	// Label names that two different names would share (only possible through the hash).
	owners := make(map[string]string, len(doc.Services))
	claim := func(key, name string, s *Service) {
		if prev, ok := owners[key]; ok && prev != name {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf("label %q stands for both %q and %q", key, prev, name)})
		}
		owners[key] = name
	}
	// Duplicates within a service's lists: each map (and named.listed) holds, for a value, the last
	// service that listed it (its position + 1), so that none is made or cleared per service.
	var (
		seenNamespace = make(map[string]int)
		seenType      = make(map[string]int)
		seenPort      = make(map[Port]int)
		namespaceMsgs = make(map[string][]string) // each namespace is checked once
	)
	for i := range doc.Services {
		s := &doc.Services[i]
		if all[i].svc == nil {
			continue // a duplicate, reported above
		}
		mark := i + 1
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf(format, args...)})
		}
		// Label keys need no check of their own: the prefixes are valid DNS subdomains (checked
		// above) and LabelName always gives a valid name part.
		switch {
		case s.Name == "":
			bad("name is required")
		case !isLabelName(s.Name):
			msgs := validation.IsValidLabelValue(s.Name) // for the reasons
			bad("invalid name: it is the identity label's value, so %s", strings.Join(msgs, "; "))
		default:
			all[i].key = opts.CalleeKey(s.Name)
			claim(all[i].key, s.Name, s)
		}
		if s.Type != "" && ix.typeKeys[s.Type] == "" {
			key := opts.TypeKey(s.Type)
			claim(key, "type "+s.Type, s)
			ix.typeKeys[s.Type] = key
		}
		for _, ns := range s.Namespaces {
			msgs, checked := namespaceMsgs[ns]
			if !checked {
				msgs = validation.IsDNS1123Label(ns)
				namespaceMsgs[ns] = msgs
			}
			if len(msgs) > 0 {
				bad("invalid namespace %q: %s", ns, strings.Join(msgs, "; "))
			}
			if seenNamespace[ns] == mark {
				bad("namespace %q listed twice", ns)
			}
			seenNamespace[ns] = mark
		}
		zoneKnown := ix.checkMember(s, bad)
		for _, c := range s.Calls {
			switch callee := ix.byName[c]; {
			case callee == nil:
				errs = append(errs, &Error{File: s.callSource(c), Service: s.Name, Problem: fmt.Sprintf("unknown callee %q", c)})
			case callee.listed == mark:
				bad("callee %q listed twice", c)
			default:
				callee.listed = mark
				if zoneKnown && callee.svc.Zone != s.Zone && ix.knownZone(callee.svc.Zone) {
					errs = append(errs, &Error{File: s.callSource(c), Service: s.Name, Problem: "calls " + crossing(s, callee.svc)})
				}
			}
		}
		for _, t := range s.CallsTypes {
			_, known := ix.typeKeys[t]
			switch {
			case !known:
				bad("unknown type %q in callsTypes: no service has it", t)
			case seenType[t] == mark:
				bad("type %q listed twice in callsTypes", t)
			case zoneKnown:
				if msg := ix.typeCrossing(s, t, ofType[t]); msg != "" {
					bad("%s", msg)
				}
			}
			seenType[t] = mark
		}
		checkPorts(s.Ports, seenPort, mark, bad)
		if s.Identity != nil {
			validateIdentity(*s.Identity, builders, bad)
		}
		if len(s.External) > 0 {
			if s.Zone == "" {
				bad("external destinations apply to zone members: outside a zone netiso does not restrict egress, so they would open nothing")
			}
			checkExternal(s.External, bad)
		}
	}
	return ix, errs
}

// checkPorts reports each port out of range, with an unknown protocol or listed twice; seen and
// mark are as for the service's other lists.
func checkPorts(ports []Port, seen map[Port]int, mark int, bad func(string, ...any)) {
	for _, p := range ports {
		if p.Port < 1 || p.Port > 65535 {
			bad("port %d out of range 1-65535", p.Port)
		}
		switch p.Protocol {
		case "", "TCP", "UDP", "SCTP":
		default:
			bad("port %d: protocol %q: want TCP, UDP or SCTP", p.Port, p.Protocol)
		}
		key := Port{Port: p.Port, Protocol: protocolOrTCP(p.Protocol)}
		if seen[key] == mark {
			bad("port %d/%s listed twice", p.Port, key.Protocol)
		}
		seen[key] = mark
	}
}

// checkExternal reports each problem of a member's external destinations: a CIDR that does not
// parse or is not canonical (host bits set), an except outside its CIDR or all of it, a bad port,
// and a CIDR, an except or a port listed twice. Each problem names the destination.
func checkExternal(external []External, bad func(string, ...any)) {
	seenCIDR := make(map[string]bool, len(external))
	seenPort := make(map[Port]int)
	for i, x := range external {
		var what string
		cidr, cidrOK := parseCIDR(x.CIDR, func(format string, args ...any) { bad("external cidr "+format, args...) })
		switch {
		case cidrOK:
			what = "external " + x.CIDR
			if seenCIDR[x.CIDR] {
				bad("%s listed twice: give each CIDR one entry, with all its ports", what)
			}
			seenCIDR[x.CIDR] = true
		case x.CIDR == "":
			what = fmt.Sprintf("external #%d", i+1)
		default:
			what = fmt.Sprintf("external %q", x.CIDR)
		}
		in := func(format string, args ...any) { bad("%s: %s", what, fmt.Sprintf(format, args...)) }
		seenExcept := make(map[string]bool, len(x.Except))
		for _, e := range x.Except {
			except, ok := parseCIDR(e, func(format string, args ...any) { in("except "+format, args...) })
			switch {
			case !ok:
			case seenExcept[e]:
				in("except %s listed twice", e)
			case !cidrOK:
			case except == cidr:
				in("except %s is all of it: nothing would be left to reach", e)
			case except.Bits() < cidr.Bits() || !cidr.Contains(except.Addr()):
				in("except %s is not inside it", e)
			}
			seenExcept[e] = true
		}
		checkPorts(x.Ports, seenPort, i+1, in)
	}
}

// parseCIDR reads an external destination's cidr or an except: an IPv4 or IPv6 prefix, written
// canonically (no host bits set), so that its text is its identity in the hash and in diffs. bad
// gets each problem without the field's name.
func parseCIDR(s string, bad func(string, ...any)) (netip.Prefix, bool) {
	if s == "" {
		bad("is required: an IPv4 or IPv6 CIDR, like 203.0.113.0/24 or 2001:db8::/32")
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		reason := strings.TrimPrefix(err.Error(), fmt.Sprintf("netip.ParsePrefix(%q): ", s))
		bad("%q is not an IPv4 or IPv6 CIDR (like 203.0.113.0/24 or 2001:db8::/32): %s", s, reason)
		return netip.Prefix{}, false
	}
	switch canonical := p.Masked().String(); {
	case p.Masked() != p:
		bad("%q has host bits set: write %s", s, canonical)
		return netip.Prefix{}, false
	case canonical != s:
		bad("%q is not written canonically: write %s", s, canonical)
		return netip.Prefix{}, false
	}
	return p, true
}

func protocolOrTCP(p string) string {
	if p == "" {
		return "TCP"
	}
	return p
}

// validateZones checks the zones themselves and indexes them: a zone needs a name that can be a
// namespace and a label value, and namespaces, each in no other zone.
func (ix *index) validateZones(doc *Document) Errors {
	ix.zones = make(map[string]*Zone, len(doc.Zones))
	ix.zoneOfNS = make(map[string]string)
	var errs Errors
	for i := range doc.Zones {
		z := &doc.Zones[i]
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: z.Source, Problem: fmt.Sprintf("zone %q: ", z.Name) + fmt.Sprintf(format, args...)})
		}
		if first, dup := ix.zones[z.Name]; dup {
			bad("duplicate zone, first defined in %s", first.Source)
			continue
		}
		ix.zones[z.Name] = z
		switch msgs := validation.IsDNS1123Label(z.Name); {
		case z.Name == "":
			bad("name is required")
		case len(msgs) > 0:
			bad("invalid name: zones are named like namespaces (and so are valid label values): %s", strings.Join(msgs, "; "))
		}
		if len(z.Namespaces) == 0 {
			bad("no namespaces: a zone's members run only in its namespaces, so it needs at least one")
		}
		for j, ns := range z.Namespaces {
			if msgs := validation.IsDNS1123Label(ns); len(msgs) > 0 {
				bad("invalid namespace %q: %s", ns, strings.Join(msgs, "; ")) // still the zone's: no second error for its members
			}
			if slices.Contains(scope.AlwaysExempt, ns) {
				bad("namespace %q is always exempt: the webhook does not police it, so no zone can hold there", ns)
			}
			if slices.Contains(z.Namespaces[:j], ns) {
				bad("namespace %q listed twice", ns)
				continue
			}
			if other, taken := ix.zoneOfNS[ns]; taken {
				bad("namespace %q is already in zone %q (%s): a namespace belongs to at most one zone", ns, other, ix.zones[other].Source)
				continue
			}
			ix.zoneOfNS[ns] = z.Name
		}
	}
	return errs
}

// knownZone reports whether zone is "" (none) or a zone of the rules.
func (ix *index) knownZone(zone string) bool {
	_, ok := ix.zones[zone]
	return zone == "" || ok
}

// checkMember checks where s runs against the zones: a member runs only in its zone's namespaces
// (so it lists them: with none it would run anywhere) and is not public; no other service runs in
// a zone's namespace. It reports whether s's zone is known ("" included), so that its calls can
// be checked against it.
func (ix *index) checkMember(s *Service, bad func(string, ...any)) bool {
	if s.Zone == "" {
		for _, ns := range s.Namespaces {
			if z, ok := ix.zoneOfNS[ns]; ok {
				bad("namespace %q is in zone %q, and only the zone's members may run there: add zone: %s, or run it elsewhere", ns, z, z)
			}
		}
		return true
	}
	z, ok := ix.zones[s.Zone]
	if !ok {
		bad("unknown zone %q", s.Zone)
		return false
	}
	if s.Public {
		bad("zone %q: a member cannot be public: a zone admits callers only from its own namespaces", s.Zone)
	}
	if len(s.Namespaces) == 0 {
		bad("zone %q: a member must list its namespaces, from the zone's %s: without any it would run, with its rights, in every namespace", s.Zone, strings.Join(z.Namespaces, ", "))
	}
	for _, ns := range s.Namespaces {
		if ix.zoneOfNS[ns] != s.Zone {
			bad("zone %q: namespace %q is outside the zone (its namespaces: %s)", s.Zone, ns, strings.Join(z.Namespaces, ", "))
		}
	}
	return true
}

// maxNamed is how many services one error names; a type may have thousands.
const maxNamed = 5

// typeCrossing describes the services of type t (ofType) that caller's callsTypes t would reach
// across a zone boundary, in one problem however many there are; "" for none.
func (ix *index) typeCrossing(caller *Service, t string, ofType []*named) string {
	var across []*Service
	for _, callee := range ofType {
		if callee.svc.Zone != caller.Zone && ix.knownZone(callee.svc.Zone) {
			across = append(across, callee.svc)
		}
	}
	switch {
	case len(across) == 0:
		return ""
	case len(across) == 1:
		return fmt.Sprintf("callsTypes %q reaches %s", t, crossing(caller, across[0]))
	}
	var named []string
	for _, callee := range across[:min(len(across), maxNamed)] {
		named = append(named, zoneOf(callee))
	}
	if len(across) > maxNamed {
		named = append(named, fmt.Sprintf("and %d more", len(across)-maxNamed))
	}
	return fmt.Sprintf("callsTypes %q reaches %d services across a zone boundary: %s; %s", t, len(across), zoneOf(caller), strings.Join(named, ", "))
}

// crossing describes a link from caller to callee that crosses a zone boundary.
func crossing(caller, callee *Service) string {
	return fmt.Sprintf("%q, across a zone boundary: %s, %s", callee.Name, zoneOf(caller), zoneOf(callee))
}

func zoneOf(s *Service) string {
	if s.Zone == "" {
		return fmt.Sprintf("%q is in no zone", s.Name)
	}
	return fmt.Sprintf("%q is in zone %q", s.Name, s.Zone)
}
