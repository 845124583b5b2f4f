package discover

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/discover/source"
	"github.com/netiso/netiso/pkg/rules"
)

// code adds what the source trees say. Without manifests the services are the trees and a callee
// is named by its tree's name; with manifests the services are the identities the manifests run,
// a callee is named by a Service (as a manifest address is), and a tree for a service the
// manifests do not run is reported and left out.
func (a *analysis) code(trees []source.Scanned) {
	withManifests := len(a.m.workloads) > 0
	names := map[string]bool{}
	for _, t := range trees {
		if t.Tree.Name != "" {
			names[t.Tree.Name] = true
		}
	}
	if !withManifests {
		a.identities = append(a.identities, slices.Sorted(maps.Keys(names))...)
	}
	known := map[string]bool{}
	for _, id := range a.identities {
		known[id] = true
	}
	byIdentity := map[string][]*workload{}
	for _, w := range a.m.workloads {
		byIdentity[w.identity] = append(byIdentity[w.identity], w)
	}
	grpc := newGRPCIndex(trees)
	fromManifests := map[string][]*Link{} // caller -> its links so far, all from manifests
	for _, l := range a.links {
		fromManifests[l.Caller] = append(fromManifests[l.Caller], l)
	}
	calleePorts := map[string][]rules.Port{}
	for _, t := range trees {
		for _, p := range t.Problems {
			a.note(SourceProblem, p.Path, "", "%s", p.Message)
		}
		if t.Tree.Name == "" {
			continue
		}
		a.sources = append(a.sources, Source{Service: t.Tree.Name, Dir: t.Tree.Dir, Files: t.Files, Bytes: t.Bytes, Skipped: t.Skipped})
		if !known[t.Tree.Name] {
			a.note(UnknownTree, t.Tree.Dir, t.Tree.Name, "a source tree for %s, which no workload in the manifests runs (by --service-label %s): not read for calls", t.Tree.Name, a.opts.ServiceLabel)
			continue
		}
		caller := t.Tree.Name
		where := func(p source.Pos) string { return caller + "/" + p.String() }
		// Addresses in literals and config values.
		for _, lit := range t.Literals {
			for _, ca := range codeAddresses(lit) {
				ev := Evidence{Kind: ca.kind, Where: where(lit.Pos), Text: ca.addr.text, Weak: firstOf(lit.Weak, ca.weak)}
				if withManifests {
					a.resolveCode(byIdentity[caller], ca.addr, ev)
				} else if callee, ok := treeTarget(ca.addr.host); ok && names[callee] && callee != caller {
					a.link(caller, callee, nil, ev)
				}
			}
		}
		// Environment variables the manifests bind to an address, read by the code.
		reads := map[string]source.EnvRead{}
		for _, r := range t.EnvReads {
			if old, ok := reads[r.Name]; !ok || old.Weak != "" && r.Weak == "" {
				reads[r.Name] = r
			}
		}
		for _, l := range fromManifests[caller] {
			for _, ev := range l.Evidence {
				if r, ok := reads[ev.Env]; ok && ev.Kind == Manifest {
					a.link(caller, l.Callee, nil, Evidence{Kind: EnvRead, Where: where(r.Pos), Text: r.Name, Env: r.Name, Weak: r.Weak})
				}
			}
		}
		// gRPC client stubs, matched to the tree that registers the server.
		for _, st := range t.Clients {
			full, ok := grpc.resolve(st)
			if !ok {
				if n := len(grpc.protos[st.Service]); n > 1 {
					a.note(GRPCUnmatched, where(st.Pos), st.Service, "a client of %s, which %d .proto packages declare, and %q names none of them: no rule written", st.Service, n, st.Qualifier)
				}
				continue // not a service any .proto found declares: not gRPC, or not ours
			}
			servers := slices.DeleteFunc(slices.Clone(grpc.servers[full]), func(s string) bool { return s == caller })
			switch {
			case slices.Contains(grpc.servers[full], caller):
				continue // its own service (a test client, a health check of itself)
			case len(servers) == 0:
				a.note(GRPCUnmatched, where(st.Pos), full, "a client of %s, which no source tree registers: no rule written", full)
				continue
			case len(servers) > 1:
				a.note(GRPCUnmatched, where(st.Pos), full, "a client of %s, which several trees register (%s): no rule written", full, strings.Join(servers, ", "))
				continue
			}
			callee := servers[0]
			if !known[callee] {
				continue // reported as an unknown tree
			}
			ev := Evidence{Kind: GRPC, Where: where(st.Pos), Text: full + " (" + st.Form + ")", Weak: st.Weak}
			var ports []rules.Port
			if withManifests {
				if _, ok := calleePorts[callee]; !ok {
					calleePorts[callee] = a.podPortsOf(callee)
				}
				ports = calleePorts[callee]
			}
			if len(ports) == 0 {
				a.link(caller, callee, nil, ev)
			}
			for _, p := range ports {
				a.link(caller, callee, &p, ev)
			}
		}
	}
}

// resolveCode turns an address in the code of the workloads ws into links: to the workloads
// behind the Service it names, on the port it names if the Service exposes it, else on all the
// Service's ports (a port in code is a default that deployment config may change). An address
// that names no Service is not reported: code is full of addresses of things outside the
// cluster, or optional.
func (a *analysis) resolveCode(ws []*workload, addr address, ev Evidence) {
	seen := map[*service]bool{}
	for _, w := range ws {
		ns, name, ok := target(addr.host, w.namespace)
		if !ok {
			continue
		}
		s := a.m.service(ns, name)
		if s == nil || seen[s] || s.svc.Spec.Type == corev1.ServiceTypeExternalName {
			continue
		}
		seen[s] = true
		ports := s.svc.Spec.Ports
		port := firstOf(addr.port, schemePorts[addr.scheme])
		for _, sp := range ports {
			if int(sp.Port) == port {
				ports = []corev1.ServicePort{sp}
				break
			}
		}
		for _, callee := range a.backing[s] {
			if callee.identity == "" || callee.identity == w.identity {
				continue
			}
			for _, sp := range ports {
				if p, ok := podPort(sp, callee); ok {
					a.link(w.identity, callee.identity, &p, ev)
				}
			}
		}
	}
}

// podPortsOf are the pod ports the Services in front of a service's workloads target.
func (a *analysis) podPortsOf(identity string) []rules.Port {
	var out []rules.Port
	for _, s := range a.m.services {
		for _, w := range a.backing[s] {
			if w.identity != identity {
				continue
			}
			for _, sp := range s.svc.Spec.Ports {
				if p, ok := podPort(sp, w); ok && !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	slices.SortFunc(out, comparePorts)
	return out
}

// treeTarget is the service a host names when there are no manifests: a lone name, or an
// explicit in-cluster name (name.ns.svc[.cluster.local]); name.ns alone could be anything
// (user.name, payment.go).
func treeTarget(host string) (string, bool) {
	_, name, ok := target(host, "")
	if !ok || strings.Contains(host, ".") && !isClusterName(host) {
		return "", false
	}
	return name, true
}

type codeAddress struct {
	addr address
	kind EvidenceKind
	weak string
}

var (
	// placeholderDefault is ${var:default} (Spring, shell ${var:-default}): the default is what the
	// code uses unless configured otherwise.
	placeholderDefault = regexp.MustCompile(`\$\{[A-Za-z0-9_.\-]*:-?([^}]*)\}`)
	// slot is a hole a program fills in: a printf verb, ${...}, {{...}}, #{...}.
	slot = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|\$\{[^}]*\}|\{\{[^}]*\}\}|#\{[^}]*\}`)
	// hostKey: a key whose value is a host.
	hostKey = regexp.MustCompile(`(?i)(host|addr|server|endpoint|broker|upstream|url|uri|dsn)`)
	// imageKey: a key whose value is a container image (mongo:3.4 is not host:port).
	imageKey = regexp.MustCompile(`(?i)^(image|from)$`)
)

// codeAddresses are the addresses one literal holds, with what kind of evidence each is. A bare
// name (the whole literal, no port or scheme) is an address only as a host-like key's value;
// otherwise it is weak evidence.
func codeAddresses(lit source.Literal) []codeAddress {
	if imageKey.MatchString(lit.Key) {
		return nil
	}
	whole := strings.TrimSpace(placeholderDefault.ReplaceAllString(lit.Text, "$1"))
	text := slot.ReplaceAllString(whole, " ")
	var out []codeAddress
	for _, a := range addresses(text) {
		if a.bare && a.text != whole && !isClusterName(a.host) {
			continue // whole only once a slot is cut out: "${NAME} user" is not a host
		}
		ca := codeAddress{addr: a}
		switch {
		case a.scheme != "":
			ca.kind = URL
		case a.port != 0 && strings.Contains(text, "tcp("+a.text):
			ca.kind = DSN
		case a.port != 0:
			ca.kind = HostPort
		case isClusterName(a.host) || strings.Contains(a.host, "."):
			ca.kind = ClusterName
		case hostKey.MatchString(lit.Key):
			ca.kind = HostKey
		default:
			ca.kind, ca.weak = BareName, "a bare name: no address shape, no host-like key"
		}
		out = append(out, ca)
	}
	return out
}

func firstOf[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}

// grpcIndex knows the proto services the trees' .proto files declare and which trees register
// their servers.
type grpcIndex struct {
	protos  map[string][]source.ProtoService // short name -> declarations, one per full name
	servers map[string][]string              // full name -> trees registering it (sorted, unique)
}

func newGRPCIndex(trees []source.Scanned) *grpcIndex {
	g := &grpcIndex{protos: map[string][]source.ProtoService{}, servers: map[string][]string{}}
	for _, t := range trees {
		for _, p := range t.Protos {
			if !slices.ContainsFunc(g.protos[p.Name], func(q source.ProtoService) bool { return q.FullName() == p.FullName() }) {
				g.protos[p.Name] = append(g.protos[p.Name], p)
			}
		}
	}
	for _, t := range trees {
		if t.Tree.Name == "" {
			continue
		}
		for _, st := range t.Servers {
			if st.Weak != "" {
				continue // a test's fake server is not the service
			}
			if full, ok := g.resolve(st); ok && !slices.Contains(g.servers[full], t.Tree.Name) {
				g.servers[full] = append(g.servers[full], t.Tree.Name)
				slices.Sort(g.servers[full])
			}
		}
	}
	return g
}

// resolve is the full proto name a stub names: the one service of that name the protos declare,
// or, when several packages declare one, the one whose package the stub's qualifier names
// (hipstershop.AdServiceGrpc, Hipstershop.CartService).
func (g *grpcIndex) resolve(st source.Stub) (string, bool) {
	decls := g.protos[st.Service]
	switch len(decls) {
	case 0:
		return "", false
	case 1:
		return decls[0].FullName(), true
	}
	q := normalize(st.Qualifier)
	var match []string
	for _, d := range decls {
		if p := normalize(d.Package); q != "" && p != "" && (strings.Contains(q, p) || strings.HasSuffix(p, q)) {
			match = append(match, d.FullName())
		}
	}
	if len(match) == 1 {
		return match[0], true
	}
	return "", false
}

func normalize(s string) string {
	return strings.ToLower(strings.NewReplacer(".", "", "_", "", ":", "").Replace(s))
}
