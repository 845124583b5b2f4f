package discover

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strconv"
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
	known := map[string]bool{}
	for _, id := range a.identities {
		known[id] = true
	}
	if withManifests {
		trees = a.matchTrees(trees, known)
	}
	names := map[string]bool{}
	for _, t := range trees {
		if t.Tree.Name != "" {
			names[t.Tree.Name] = true
		}
	}
	if !withManifests {
		a.identities = append(a.identities, slices.Sorted(maps.Keys(names))...)
		for n := range names {
			known[n] = true
		}
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
		var prefixes []string
		for _, r := range t.EnvReads {
			if r.Prefix {
				prefixes = append(prefixes, r.Name)
			} else if old, ok := reads[r.Name]; !ok || old.Weak != "" && r.Weak == "" {
				reads[r.Name] = r
			}
		}
		read := func(name string) bool {
			_, ok := reads[name]
			return ok || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(name, p) })
		}
		// A ConfigMap taken whole is often shared: only the keys this code reads are its calls.
		for _, l := range fromManifests[caller] {
			for _, ev := range a.drop(l, func(e Evidence) bool { return !e.EnvFrom || read(e.Env) }) {
				a.note(UnreadKey, ev.Where, ev.Text, "%s's code never reads %s: no rule written for %s -> %s on this evidence", caller, ev.Env, caller, l.Callee)
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

// matchTrees names each tree by the identity it is the code of: its own name when a workload has
// that identity, else the one identity whose workloads run a container or an image named like the
// tree (--sources src/ledger holds balancereader, which the manifests run as image
// .../balancereader:v1 in a container named balancereader). It notes the workloads no tree is for.
func (a *analysis) matchTrees(trees []source.Scanned, known map[string]bool) []source.Scanned {
	byName := map[string]map[string]bool{}
	add := func(name, id string) {
		if byName[name] == nil {
			byName[name] = map[string]bool{}
		}
		byName[name][id] = true
	}
	for _, w := range a.m.workloads {
		if w.identity == "" {
			continue
		}
		for _, c := range append(slices.Clone(w.template.Spec.InitContainers), w.template.Spec.Containers...) {
			add(c.Name, w.identity)
			add(imageName(c.Image), w.identity)
		}
	}
	has := map[string]bool{}
	for i, t := range trees {
		if t.Tree.Name == "" {
			continue
		}
		if !known[t.Tree.Name] {
			if ids := slices.Sorted(maps.Keys(byName[t.Tree.Name])); len(ids) == 1 && !slices.ContainsFunc(trees, func(u source.Scanned) bool { return u.Tree.Name == ids[0] }) {
				a.note(TreeMatched, t.Tree.Dir, t.Tree.Name, "read as the code of %s, whose workloads run a container or image of that name", ids[0])
				trees[i].Tree.Name = ids[0]
			}
		}
		has[trees[i].Tree.Name] = true
	}
	if len(has) == 0 {
		return trees
	}
	for _, id := range a.identities {
		if has[id] {
			continue
		}
		a.note(NoTree, id, "", "no source tree is for %s: its calls are read from the manifests alone", id)
		for _, k := range slices.SortedFunc(maps.Keys(a.links), compareKeys) {
			if l := a.links[k]; k[0] == id && slices.ContainsFunc(l.Evidence, func(e Evidence) bool { return e.EnvFrom }) {
				a.note(UnverifiedKey, id+" -> "+l.Callee, "", "an address in a ConfigMap %s takes whole, kept: no code of %s was given to show it reads the key", id, id)
			}
		}
	}
	return trees
}

func compareKeys(x, y [2]string) int {
	return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]))
}

// imageName is an image reference's last path element, without tag or digest:
// us-docker.pkg.dev/p/r/ledgerwriter:v1@sha256:... is ledgerwriter.
func imageName(image string) string {
	image, _, _ = strings.Cut(image, "@")
	if i := strings.LastIndexByte(image, '/'); i >= 0 {
		image = image[i+1:]
	}
	image, _, _ = strings.Cut(image, ":")
	return image
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
		if i := slices.IndexFunc(ports, func(sp corev1.ServicePort) bool { return int(sp.Port) == port }); i >= 0 {
			ports = ports[i : i+1]
		} else if len(ports) > 1 && ev.Weak == "" {
			a.note(AllPorts, ev.Where, addr.text, "names no port Service %s/%s exposes (%s): all of them are opened", s.namespace, s.svc.Name, portList(ports))
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
	// hostKey: a key whose value is a host, or a call that connects to its argument
	// (OpenRedisConnection("redis"), connect("db")).
	hostKey = regexp.MustCompile(`(?i)(host|addr|server|endpoint|broker|upstream|url|uri|dsn|connect)`)
	// imageKey: a key whose value is a container image (mongo:3.4 is not host:port).
	imageKey = regexp.MustCompile(`(?i)^(image|from)$`)
	// placeholderVar is the variable of a whole ${VAR:default} or ${VAR:-default}.
	placeholderVar = regexp.MustCompile(`^\$\{([A-Za-z0-9_.\-]+):-?[^}]*\}$`)
	// keyValueHost is the host of a key=value connection string: PHP PDO's mysql:host=db;dbname=x,
	// ADO.NET's Server=db,1433;Database=x or Data Source=db, libpq's host=db port=5432.
	keyValueHost = regexp.MustCompile(`(?i)(?:^|[;:\s])(?:host|server|data source|hostname)\s*=\s*(?:tcp:)?([a-z0-9][a-z0-9.-]*)(?:[,:]([0-9]{1,5}))?(?:$|[;\s])`)
	keyValuePort = regexp.MustCompile(`(?i)(?:^|[;\s])port\s*=\s*([0-9]{1,5})(?:$|[;\s])`)
)

// codeAddresses are the addresses one literal holds, with what kind of evidence each is. A bare
// name (the whole literal, no port or scheme) is an address only as a host-like key's value;
// otherwise it is weak evidence.
func codeAddresses(lit source.Literal) []codeAddress {
	if imageKey.MatchString(lit.Key) {
		return nil
	}
	env := lit.Env
	if m := placeholderVar.FindStringSubmatch(strings.TrimSpace(lit.Text)); m != nil {
		env = m[1]
	}
	whole := strings.TrimSpace(placeholderDefault.ReplaceAllString(lit.Text, "$1"))
	text := slot.ReplaceAllString(whole, " ")
	if m := keyValueHost.FindStringSubmatch(text); m != nil && connectionString(text) {
		a := address{text: strings.TrimSpace(m[0]), host: strings.ToLower(m[1])}
		port := m[2]
		if port == "" {
			if p := keyValuePort.FindStringSubmatch(text); p != nil {
				port = p[1]
			}
		}
		a.port, _ = strconv.Atoi(port)
		if a.port > 65535 {
			a.port = 0
		}
		if driver, _, ok := strings.Cut(text, ":"); ok && schemePorts[strings.ToLower(driver)] != 0 {
			a.scheme = strings.ToLower(driver) // PDO's mysql:host=...: the driver's port
		}
		return []codeAddress{{addr: a, kind: DSN}}
	}
	var out []codeAddress
	for _, a := range addresses(text) {
		if a.bare && a.text != whole && !isClusterName(a.host) {
			continue // whole only once a slot is cut out: "${NAME} user" is not a host
		}
		ca := codeAddress{addr: a}
		switch {
		case a.driver || a.port != 0 && strings.Contains(text, "tcp("+a.text):
			ca.kind = DSN
		case a.scheme != "":
			ca.kind = URL
		case a.port != 0:
			ca.kind = HostPort
		case isClusterName(a.host) || strings.Contains(a.host, "."):
			ca.kind = ClusterName
		case env != "" && hostKey.MatchString(env):
			ca.kind = EnvDefault
		case hostKey.MatchString(lit.Key):
			ca.kind = HostKey
		default:
			ca.kind, ca.weak = BareName, "a bare name: no address shape, no host-like key"
		}
		if a.port == 0 && lit.Port != 0 {
			ca.addr.port = lit.Port // named beside it: REDIS_PORT, port_value, host + ':8080'
		}
		if a.port == 0 && a.scheme == "" {
			// AMQP_HOST=rabbitmq: the broker's AMQP port, not all of its ports.
			ca.addr.scheme = schemeOf(env, lit.Key, lit.Parents)
		}
		out = append(out, ca)
	}
	return out
}

// connectionString: a key=value string is one when ";" separates its pairs (PDO, ADO.NET), or
// every word is a pair (libpq): "the host=name of it" is prose.
func connectionString(text string) bool {
	return strings.Contains(text, ";") || !slices.ContainsFunc(strings.Fields(text), func(f string) bool { return !strings.Contains(f, "=") })
}

// schemeWords name a protocol in a variable's or key's name: the port a host without one is
// reached on (AMQP_HOST, spring.rabbitmq.host, redisHost, MONGO_HOST).
var schemeWords = []struct{ word, scheme string }{
	{"amqp", "amqp"}, {"rabbit", "amqp"}, {"redis", "redis"}, {"mongo", "mongodb"}, {"mysql", "mysql"},
	{"postgres", "postgres"}, {"nats", "nats"}, {"kafka", "kafka"}, {"memcache", "memcached"},
}

func schemeOf(names ...string) string {
	for _, n := range names {
		n = strings.ToLower(n)
		for _, w := range schemeWords {
			if strings.Contains(n, w.word) {
				return w.scheme
			}
		}
	}
	return ""
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
