package rules

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
)

// Compiled is validated rules, indexed by service. It is immutable: share it freely.
type Compiled struct {
	opts     Options
	hash     string
	services map[string]*compiled
	names    []string // sorted
	links    int
}

type compiled struct {
	svc        Service             // normalized: lists sorted, protocols filled in
	namespaces map[string]struct{} // nil: any namespace
	grant      Grant
}

// Grant is the set of managed labels a service's pods carry. Shared: never modify it.
type Grant struct {
	Labels map[string]string
	Keys   []string // sorted
}

// Verdict says whether a pod gets its service's grant.
type Verdict uint8

const (
	Granted             Verdict = iota
	UnknownService              // no service of that name
	NamespaceNotAllowed         // the service exists but may not run in that namespace
)

// Compile validates doc and indexes it. It returns Errors listing every problem.
func Compile(doc *Document, opts Options) (*Compiled, error) {
	if err := Validate(doc, opts); err != nil {
		return nil, err
	}
	c := &Compiled{opts: opts, services: make(map[string]*compiled, len(doc.Services))}
	for _, s := range doc.Services {
		s = normalize(s)
		e := &compiled{svc: s}
		if len(s.Namespaces) > 0 {
			e.namespaces = make(map[string]struct{}, len(s.Namespaces))
			for _, ns := range s.Namespaces {
				e.namespaces[ns] = struct{}{}
			}
		}
		keys := make([]string, 0, len(s.Calls)+len(s.CallsTypes))
		for _, callee := range s.Calls {
			keys = append(keys, opts.CalleeKey(callee))
		}
		for _, t := range s.CallsTypes {
			keys = append(keys, opts.TypeKey(t))
		}
		slices.Sort(keys)
		labels := make(map[string]string, len(keys))
		for _, k := range keys {
			labels[k] = LabelValue
		}
		e.grant = Grant{Labels: labels, Keys: keys}
		c.services[s.Name] = e
		c.names = append(c.names, s.Name)
		c.links += len(s.Calls)
	}
	slices.Sort(c.names)
	c.hash = c.computeHash()
	return c, nil
}

// normalize returns a copy with every list in a canonical order, so order never changes the hash.
func normalize(s Service) Service {
	s.Namespaces = slices.Sorted(slices.Values(s.Namespaces))
	s.Calls = slices.Sorted(slices.Values(s.Calls))
	s.CallsTypes = slices.Sorted(slices.Values(s.CallsTypes))
	ports := slices.Clone(s.Ports)
	for i := range ports {
		ports[i].Protocol = protocolOrTCP(ports[i].Protocol)
	}
	slices.SortFunc(ports, func(a, b Port) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Protocol, b.Protocol))
	})
	s.Ports = ports
	return s
}

// computeHash is the rules' version: it changes whenever the labels or policies could, and only then
// (comments, order and file layout do not count).
func (c *Compiled) computeHash() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	_ = enc.Encode(c.opts) // encoding plain structs to a hash cannot fail
	for _, name := range c.names {
		_ = enc.Encode(c.services[name].svc)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Lookup returns the grant for a pod of service in namespace, in time independent of the rules' size.
func (c *Compiled) Lookup(service, namespace string) (Grant, Verdict) {
	e, ok := c.services[service]
	if !ok {
		return Grant{}, UnknownService
	}
	if e.namespaces != nil {
		if _, ok := e.namespaces[namespace]; !ok {
			return Grant{}, NamespaceNotAllowed
		}
	}
	return e.grant, Granted
}

// Hash is the rules' version, recorded on every pod in the netiso.dev/rules-hash annotation.
func (c *Compiled) Hash() string { return c.hash }

// Options is the label scheme the rules were compiled with.
func (c *Compiled) Options() Options { return c.opts }

// Len is the number of services; Links the number of service-to-service calls.
func (c *Compiled) Len() int   { return len(c.services) }
func (c *Compiled) Links() int { return c.links }

// Names lists the services, sorted. The slice is shared: do not modify it.
func (c *Compiled) Names() []string { return c.names }

// Service returns one service's normalized rules.
func (c *Compiled) Service(name string) (Service, bool) {
	e, ok := c.services[name]
	if !ok {
		return Service{}, false
	}
	return e.svc, true
}

// Document returns the normalized rules as one document, services sorted by name.
func (c *Compiled) Document() *Document {
	doc := &Document{APIVersion: APIVersion, Kind: Kind, Services: make([]Service, 0, len(c.names))}
	for _, name := range c.names {
		doc.Services = append(doc.Services, c.services[name].svc)
	}
	return doc
}
