// Package discover writes rules from Kubernetes manifests and the services' own source trees, the
// way Monzo's rpcmap found calls in code. From manifests: for each workload, the Services its
// containers name in environment values, arguments, commands and the ConfigMaps they read (svc,
// svc:port, svc.ns, svc.ns.svc[.cluster.local] and URLs); each reference that resolves to a
// Service becomes a call to the workloads behind it, on the pod port that Service port targets.
// From code (code.go): addresses in string literals and config values, the environment variables
// the manifests bind and the code reads, and gRPC client stubs matched to the tree that registers
// the server. A reference to a Service that is not there, or to a port it does not expose, is
// reported, never turned into a rule; a call seen only in weak evidence is reported, and written
// only when asked. Pure but for reading the trees (package source): inputs in, rules, links with
// their evidence, and findings out.
package discover

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/discover/source"
	"github.com/netiso/netiso/pkg/rules"
)

// Options say how pods are identified.
type Options struct {
	// ServiceLabel is the identity label of pod templates (the webhook's --service-label): its
	// value is the service's name in the rules.
	ServiceLabel string
	// ServiceLabelGiven: the user named ServiceLabel, so it is kept when some pod template has it,
	// however few; a default label that most pod templates lack is inferred anew.
	ServiceLabelGiven bool
	// DefaultNamespace is the namespace of objects that name none.
	DefaultNamespace string
	// IncludeWeak writes links whose only evidence is weak (a bare name, a test, docs, CI, a
	// compose file) into the rules; they are always in Links, marked Weak.
	IncludeWeak bool
	// Limits bound what is read of source trees.
	Limits source.Limits
}

// DefaultOptions are the webhook's defaults.
func DefaultOptions() Options {
	return Options{ServiceLabel: "app.kubernetes.io/name", DefaultNamespace: "default"}
}

// File is one manifest file: a multi-document YAML (or JSON) stream.
type File struct {
	Name string
	Data []byte
}

// Input is what discover reads: manifests, source trees, or both.
type Input struct {
	Manifests []File
	// Trees are the services' source trees, each named by the service (its identity) it holds.
	// A tree with an empty name is read for its .proto files only (a shared protos/ directory).
	Trees []source.Tree
}

// Result is the rules discovered, the links they are made of, and what could not be placed.
type Result struct {
	Rules *rules.Document `json:"rules"`
	// ServiceLabel is the identity label used: the one given, or the one inferred from the
	// Services' selectors when no pod template carries it.
	ServiceLabel string `json:"serviceLabel,omitempty"`
	Links        []Link `json:"links"`
	// Anchors are the identity anchors proposed, each service's also in its rules' identity.
	Anchors  []Anchor  `json:"anchors"`
	Findings []Finding `json:"findings"`
	Sources  []Source  `json:"sources,omitempty"`
}

// Source says how much of one source tree was read.
type Source struct {
	Service string         `json:"service"`
	Dir     string         `json:"dir"`
	Files   int            `json:"files"`
	Bytes   int64          `json:"bytes"`
	Skipped map[string]int `json:"skipped,omitempty"`
}

// SourceSummary says in one line what was read of the source trees and what was not, counted by
// reason (binary, generated, over the size limit, unreadable...): nothing is skipped unsaid. ""
// without trees.
func (r *Result) SourceSummary() string {
	if len(r.Sources) == 0 {
		return ""
	}
	files, bytes := 0, int64(0)
	skipped := map[string]int{}
	for _, s := range r.Sources {
		files += s.Files
		bytes += s.Bytes
		for why, n := range s.Skipped {
			skipped[why] += n
		}
	}
	problems := 0
	for _, f := range r.Findings {
		if f.Kind == SourceProblem {
			problems++
		}
	}
	line := fmt.Sprintf("read %d %s (%d bytes) in %d source %s", files, plural.Of(files, "file", "files"), bytes, len(r.Sources), plural.Of(len(r.Sources), "tree", "trees"))
	var parts []string
	for _, why := range slices.Sorted(maps.Keys(skipped)) {
		parts = append(parts, fmt.Sprintf("%d %s", skipped[why], why))
	}
	if problems > 0 {
		parts = append(parts, fmt.Sprintf("%d not read (too big, unreadable or over the budget: each reported above as a source-problem)", problems))
	}
	if len(parts) > 0 {
		line += "; skipped: " + strings.Join(parts, ", ")
	}
	return line
}

// Link is one caller calling one callee, on the pod ports the callee's Service targets (none
// known without manifests).
type Link struct {
	Caller   string       `json:"caller"`
	Callee   string       `json:"callee"`
	Ports    []rules.Port `json:"ports"`
	Evidence []Evidence   `json:"evidence"`
	// Weak: every piece of evidence is weak, so the link is written only with IncludeWeak.
	Weak bool `json:"weak,omitempty"`
	// portsOf are the ports each piece of evidence gives: when one is dropped, so are its ports.
	portsOf map[Evidence][]rules.Port
}

// EvidenceKind says what shows a call.
type EvidenceKind string

const (
	Manifest    EvidenceKind = "manifest"     // an address in a container's env, args, command or ConfigMap
	EnvRead     EvidenceKind = "env-read"     // the code reads the env var a manifest binds to the callee's address
	GRPC        EvidenceKind = "grpc"         // a client stub of a service whose server the callee registers
	URL         EvidenceKind = "url"          // scheme://callee..., in code or config
	HostPort    EvidenceKind = "host-port"    // callee:port
	DSN         EvidenceKind = "dsn"          // a driver's connection string: tcp(callee:port), jdbc:postgresql://callee/db, host=callee;dbname=x
	EnvDefault  EvidenceKind = "env-default"  // callee as an env lookup's default: os.getenv("X_HOST", "callee"), ${X_HOST:callee}
	ClusterName EvidenceKind = "cluster-name" // callee.ns[.svc[.cluster.local]]
	HostKey     EvidenceKind = "host-key"     // callee as the value of a host-like key: host: "callee", Hostname("callee")
	BareName    EvidenceKind = "bare-name"    // a string equal to the callee's name, nothing more: weak
)

// Evidence is one place that shows a call.
type Evidence struct {
	Kind EvidenceKind `json:"kind"`
	// Where is file:line in the caller's tree, or the manifest's file, workload, container and field.
	Where string `json:"where"`
	Text  string `json:"text"` // the address, env var or stub as written (a URL's password removed)
	Env   string `json:"env,omitempty"`
	// EnvFrom: the address is a key of a ConfigMap the container takes whole (envFrom), so it
	// counts only if the caller's code reads the key, or no code was given.
	EnvFrom bool `json:"envFrom,omitempty"`
	// Weak says why the evidence is weak; empty when it is not.
	Weak string `json:"weak,omitempty"`
}

func (e Evidence) String() string {
	s := fmt.Sprintf("%s %s %s", e.Kind, e.Where, e.Text)
	if e.Weak != "" {
		s += " (weak: " + e.Weak + ")"
	}
	return s
}

// FindingKind classifies a finding. Problems are references that name something wrong; notes say
// what discover did with something it could not read exactly.
type FindingKind string

const (
	MissingService   FindingKind = "missing-service"   // problem: no such Service
	PortNotExposed   FindingKind = "port-not-exposed"  // problem: the Service has no such port
	NoWorkload       FindingKind = "no-workload"       // problem: the Service selects no workload here
	NoIdentity       FindingKind = "no-identity"       // note: a workload without the identity label
	UnreadKey        FindingKind = "unread-key"        // note: an address in a ConfigMap taken whole (envFrom) whose key the caller's code never reads: no rule
	UnverifiedKey    FindingKind = "unverified-key"    // note: an address in a ConfigMap taken whole, kept though no code of the caller was given to show the read
	NoTree           FindingKind = "no-tree"           // note: with source trees given, a workload none of them is for
	TreeMatched      FindingKind = "tree-matched"      // note: a tree named unlike any service, matched to one by its containers' or images' names
	AllPorts         FindingKind = "all-ports"         // note: no port named, the Service has several: all used
	ExternalName     FindingKind = "external-name"     // note: an ExternalName Service, outside the cluster
	MissingConfigMap FindingKind = "missing-configmap" // note: a ConfigMap a container reads is not here
	SelfReference    FindingKind = "self-reference"    // note: a workload naming its own Service
	InferredLabel    FindingKind = "inferred-label"    // note: the identity label was inferred from the Services' selectors
	UnknownTree      FindingKind = "unknown-tree"      // note: a source tree for a service the manifests do not run
	SourceProblem    FindingKind = "source-problem"    // note: a file or tree that could not be read (unreadable, too big)
	WeakOnly         FindingKind = "weak-evidence"     // note: a call seen only in weak evidence: not written without IncludeWeak
	GRPCUnmatched    FindingKind = "grpc-unmatched"    // note: a client stub whose server no tree (or several) registers
	UnknownKind      FindingKind = "unknown-kind"      // note: an object of a kind no scheme knows (a custom resource): not read
	NotAnObject      FindingKind = "not-an-object"     // note: a YAML document with no kind (kustomization.yml, values.yaml): skipped
	Template         FindingKind = "template"          // note: a manifest file that is a Helm or Go template: not read
	HelmTest         FindingKind = "helm-test"         // note: a Helm chart's test hook (helm.sh/hook: test): not a workload, not read
	SharedIdentity   FindingKind = "shared-identity"   // note: workloads that Services tell apart share one identity: the rules cannot
)

// IsProblem reports whether the finding is a reference that names something wrong.
func (k FindingKind) IsProblem() bool {
	return k == MissingService || k == PortNotExposed || k == NoWorkload
}

// Finding is one thing discover reports instead of turning it into a rule.
type Finding struct {
	Kind      FindingKind `json:"kind"`
	Where     string      `json:"where"` // file, workload, container and field
	Reference string      `json:"reference,omitempty"`
	Message   string      `json:"message"`
}

func (f Finding) String() string {
	if f.Reference == "" {
		return fmt.Sprintf("%s: %s", f.Where, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", f.Where, f.Reference, f.Message)
}

// Discover reads the manifests and returns the rules they imply (Run with manifests only).
func Discover(files []File, opts Options) (*Result, error) {
	return Run(Input{Manifests: files}, opts)
}

// Run reads the manifests and source trees and returns the rules they imply. An error is returned
// only for manifests that cannot be read, or an identity label that is on no pod template and
// cannot be inferred; everything else (an unreadable source file included) is a finding.
func Run(in Input, opts Options) (*Result, error) {
	opts.ServiceLabel = cmp.Or(opts.ServiceLabel, DefaultOptions().ServiceLabel)
	opts.DefaultNamespace = cmp.Or(opts.DefaultNamespace, DefaultOptions().DefaultNamespace)
	m, err := parse(in.Manifests, opts.DefaultNamespace)
	if err != nil {
		return nil, err
	}
	a := &analysis{m: m, opts: opts, links: map[[2]string]*Link{}, ports: map[string]map[rules.Port]bool{},
		public: map[string]bool{}, namespaces: map[string]map[string]bool{}, backing: map[*service][]*workload{}}
	if err := a.identityLabel(); err != nil {
		return nil, err
	}
	a.run()
	if len(in.Trees) > 0 {
		a.code(source.Read(in.Trees, opts.Limits))
	}
	return a.result(), nil
}

type analysis struct {
	m          *manifests
	opts       Options
	sources    []Source
	backing    map[*service][]*workload
	links      map[[2]string]*Link
	ports      map[string]map[rules.Port]bool // callee -> pod ports used
	public     map[string]bool
	namespaces map[string]map[string]bool // identity -> namespaces written in its manifests
	identities []string
	findings   []Finding
}

func (a *analysis) note(kind FindingKind, where, ref, format string, args ...any) {
	a.findings = append(a.findings, Finding{Kind: kind, Where: where, Reference: ref, Message: fmt.Sprintf(format, args...)})
}

func (a *analysis) run() {
	a.findings = append(a.findings, a.m.notes...)
	seen := map[string]bool{}
	for _, w := range a.m.workloads {
		w.identity = w.template.Labels[a.opts.ServiceLabel]
		if w.identity == "" {
			a.note(NoIdentity, w.where(), "", "pod template has no %s label: left out of the rules", a.opts.ServiceLabel)
			continue
		}
		if !seen[w.identity] {
			seen[w.identity] = true
			a.identities = append(a.identities, w.identity)
		}
		if w.explicitNS {
			if a.namespaces[w.identity] == nil {
				a.namespaces[w.identity] = map[string]bool{}
			}
			a.namespaces[w.identity][w.namespace] = true
		}
	}
	inNamespace := map[string][]*workload{}
	for _, w := range a.m.workloads {
		inNamespace[w.namespace] = append(inNamespace[w.namespace], w)
	}
	for _, s := range a.m.services {
		if len(s.svc.Spec.Selector) == 0 {
			continue // backed by something else: manual endpoints, or ExternalName
		}
		sel := labels.SelectorFromSet(s.svc.Spec.Selector)
		for _, w := range inNamespace[s.namespace] {
			if sel.Matches(labels.Set(w.template.Labels)) {
				a.backing[s] = append(a.backing[s], w)
			}
		}
	}
	a.sharedIdentities(inNamespace)
	a.markPublic()
	for _, w := range a.m.workloads {
		if w.identity == "" {
			continue
		}
		spec := w.template.Spec
		for _, c := range append(slices.Clone(spec.InitContainers), spec.Containers...) {
			for _, v := range a.values(w, c) {
				for _, addr := range addresses(v.text) {
					a.resolve(w, w.where()+", container "+c.Name+", "+v.field, v, addr)
				}
			}
		}
	}
}

// sharedIdentities reports workloads that a Service tells apart but the identity label does not
// (a chart labelling its database like its application: app.kubernetes.io/name: carts on both):
// calls between them are a service calling itself, and either one's grant is both's.
func (a *analysis) sharedIdentities(inNamespace map[string][]*workload) {
	seen := map[[2]*workload]bool{}
	for _, s := range a.m.services {
		for _, w := range a.backing[s] {
			for _, other := range inNamespace[s.namespace] {
				if w.identity == "" || other.identity != w.identity || slices.Contains(a.backing[s], other) || seen[[2]*workload{w, other}] || seen[[2]*workload{other, w}] {
					continue
				}
				seen[[2]*workload{w, other}] = true
				a.note(SharedIdentity, w.where(), a.opts.ServiceLabel+": "+w.identity,
					"Service %s/%s selects it and not %s %s/%s, which has the same identity: the rules cannot tell them apart (give --service-label a label whose values differ)",
					s.namespace, s.svc.Name, other.kind, other.namespace, other.name)
			}
		}
	}
}

// markPublic: a workload behind a LoadBalancer or NodePort Service, or an Ingress, takes traffic
// from outside the cluster, so its service is public, on the pod ports those target.
func (a *analysis) markPublic() {
	open := func(s *service, ports []corev1.ServicePort) {
		for _, w := range a.backing[s] {
			if w.identity == "" {
				continue
			}
			a.public[w.identity] = true
			for _, sp := range ports {
				if p, ok := podPort(sp, w); ok {
					a.addPort(w.identity, p)
				}
			}
		}
	}
	for _, s := range a.m.services {
		if t := s.svc.Spec.Type; t == corev1.ServiceTypeLoadBalancer || t == corev1.ServiceTypeNodePort {
			open(s, s.svc.Spec.Ports)
		}
	}
	for _, ing := range a.m.ingresses {
		for _, b := range ingressBackends(ing.ing) {
			s := a.m.service(ing.namespace, b.Name)
			if s == nil {
				continue
			}
			var ports []corev1.ServicePort
			for _, sp := range s.svc.Spec.Ports {
				if sp.Port == b.Port.Number || (b.Port.Name != "" && sp.Name == b.Port.Name) {
					ports = append(ports, sp)
				}
			}
			open(s, ports)
		}
	}
}

func ingressBackends(ing *networkingv1.Ingress) []*networkingv1.IngressServiceBackend {
	var out []*networkingv1.IngressServiceBackend
	if b := ing.Spec.DefaultBackend; b != nil && b.Service != nil {
		out = append(out, b.Service)
	}
	for _, r := range ing.Spec.Rules {
		if r.HTTP == nil {
			continue
		}
		for _, p := range r.HTTP.Paths {
			if p.Backend.Service != nil {
				out = append(out, p.Backend.Service)
			}
		}
	}
	return out
}

type value struct {
	field, env, text string
	envFrom          bool
	// port is the value of the variable's sibling that names its port: ORDER_QUEUE_PORT: "5672"
	// beside ORDER_QUEUE_HOSTNAME: rabbitmq.
	port int
}

// siblingPorts sets each host variable's port from its sibling that names one
// (source.HostStem, source.PortStem), when that is a number.
func siblingPorts(vals []value) {
	ports := map[string]int{}
	for _, v := range vals {
		if stem, ok := source.PortStem(v.env); ok {
			if p, ok := source.Port(v.text); ok {
				ports[stem] = p
			}
		}
	}
	for i, v := range vals {
		if stem, ok := source.HostStem(v.env); ok {
			vals[i].port = ports[stem]
		}
	}
}

// values are the strings of a container that may name a Service: env values (ConfigMap ones
// included), envFrom ConfigMaps, args and command. Secrets are not read: a report must not print
// them.
func (a *analysis) values(w *workload, c corev1.Container) []value {
	var out []value
	for _, e := range c.Env {
		switch {
		case e.ValueFrom != nil && e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			cm := a.configMap(w, c, ref.Name, ptrTrue(ref.Optional))
			if v, ok := cm[ref.Key]; ok {
				out = append(out, value{field: fmt.Sprintf("env %s (ConfigMap %s key %s)", e.Name, ref.Name, ref.Key), env: e.Name, text: v})
			}
		default:
			out = append(out, value{field: "env " + e.Name, env: e.Name, text: e.Value})
		}
	}
	for _, from := range c.EnvFrom {
		if from.ConfigMapRef == nil {
			continue
		}
		cm := a.configMap(w, c, from.ConfigMapRef.Name, ptrTrue(from.ConfigMapRef.Optional))
		for _, k := range slices.Sorted(maps.Keys(cm)) {
			out = append(out, value{field: fmt.Sprintf("envFrom ConfigMap %s key %s", from.ConfigMapRef.Name, k), env: from.Prefix + k, text: cm[k], envFrom: true})
		}
	}
	siblingPorts(out)
	for i, s := range c.Command {
		out = append(out, value{field: fmt.Sprintf("command[%d]", i), text: s})
	}
	for i, s := range c.Args {
		out = append(out, value{field: fmt.Sprintf("args[%d]", i), text: s})
	}
	return out
}

func (a *analysis) configMap(w *workload, c corev1.Container, name string, optional bool) map[string]string {
	cm := a.m.configMaps[w.namespace+"/"+name]
	if cm == nil && !optional {
		a.note(MissingConfigMap, w.where()+", container "+c.Name, "", "reads ConfigMap %s/%s, which is not in the manifests: its values were not searched", w.namespace, name)
	}
	return cm
}

// resolve turns one address a manifest gives into links, or a finding; v is the value it is in.
func (a *analysis) resolve(w *workload, where string, v value, addr address) {
	ns, name, ok := target(addr.host, w.namespace)
	if !ok {
		return
	}
	s := a.m.service(ns, name)
	if s == nil {
		// Report only what is clearly meant as an in-cluster address: a lone word is often not one,
		// and svc.ns with an unknown ns is far more likely an external name (example.com:443).
		explicit := isClusterName(addr.host)
		knownNS := ns == w.namespace || a.m.namespaces[ns]
		if explicit || !addr.bare && knownNS {
			a.note(MissingService, where, addr.text, "no Service %s in namespace %s in the manifests: no rule written", name, ns)
		}
		return
	}
	if s.svc.Spec.Type == corev1.ServiceTypeExternalName {
		a.note(ExternalName, where, addr.text, "Service %s/%s is an ExternalName (%s), outside the cluster: no rule needed", ns, name, s.svc.Spec.ExternalName)
		return
	}
	if addr.port == 0 && addr.scheme == "" {
		// QUEUE_HOST: rabbitmq beside QUEUE_PORT: "5672", or AMQP_HOST: rabbitmq, names that port,
		// when the Service has it (a sibling may hold the pod's port, not the Service's).
		exposes := func(p int) bool {
			return slices.ContainsFunc(s.svc.Spec.Ports, func(sp corev1.ServicePort) bool { return int(sp.Port) == p })
		}
		switch {
		case v.port != 0 && exposes(v.port):
			addr.port = v.port
		case exposes(schemePorts[schemeOf(v.env)]):
			addr.scheme = schemeOf(v.env)
		}
	}
	ports, ok := a.servicePorts(s, addr, where)
	if !ok {
		return
	}
	if len(a.backing[s]) == 0 {
		a.note(NoWorkload, where, addr.text, "Service %s/%s selects no workload in the manifests: no rule written", ns, name)
		return
	}
	for _, callee := range a.backing[s] {
		switch callee.identity {
		case "":
			continue // reported once, as the callee's own NoIdentity finding
		case w.identity:
			a.note(SelfReference, where, addr.text, "names its own Service %s/%s: no rule needed", ns, name)
			continue
		}
		for _, sp := range ports {
			p, ok := podPort(sp, callee)
			if !ok {
				a.note(PortNotExposed, where, addr.text, "Service %s/%s port %d targets %q, which is not a container port of %s: no rule written",
					ns, name, sp.Port, sp.TargetPort.String(), callee.name)
				continue
			}
			a.link(w.identity, callee.identity, &p, Evidence{Kind: Manifest, Where: where, Text: addr.text, Env: v.env, EnvFrom: v.envFrom})
		}
	}
}

// servicePorts are the Service ports an address reaches: the one it names (or its scheme's
// default), or without one, the Service's only port, or all of them (noted).
func (a *analysis) servicePorts(s *service, addr address, where string) ([]corev1.ServicePort, bool) {
	port := addr.port
	if port == 0 {
		port = schemePorts[addr.scheme]
	}
	sps := s.svc.Spec.Ports
	switch {
	case port != 0:
		for _, sp := range sps {
			if int(sp.Port) == port {
				return []corev1.ServicePort{sp}, true
			}
		}
		a.note(PortNotExposed, where, addr.text, "Service %s/%s exposes %s, not %d: no rule written", s.namespace, s.svc.Name, portList(sps), port)
		return nil, false
	case len(sps) == 0:
		a.note(PortNotExposed, where, addr.text, "Service %s/%s exposes no ports: no rule written", s.namespace, s.svc.Name)
		return nil, false
	case len(sps) > 1:
		a.note(AllPorts, where, addr.text, "names no port and Service %s/%s exposes %s: all of them are opened", s.namespace, s.svc.Name, portList(sps))
	}
	return sps, true
}

func portList(sps []corev1.ServicePort) string {
	var parts []string
	for _, sp := range sps {
		p := fmt.Sprint(sp.Port)
		if t := sp.TargetPort; !(t.Type == intstr.Int && (t.IntVal == 0 || t.IntVal == sp.Port)) {
			p += " (→" + t.String() + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// podPort is the container port a Service port reaches on a workload's pods.
func podPort(sp corev1.ServicePort, w *workload) (rules.Port, bool) {
	proto := string(cmp.Or(sp.Protocol, corev1.ProtocolTCP))
	t := sp.TargetPort
	switch {
	case t.Type == intstr.String && t.StrVal != "":
		for _, c := range w.template.Spec.Containers {
			for _, cp := range c.Ports {
				if cp.Name == t.StrVal {
					return rules.Port{Port: cp.ContainerPort, Protocol: string(cmp.Or(cp.Protocol, corev1.ProtocolTCP))}, true
				}
			}
		}
		return rules.Port{}, false
	case t.Type == intstr.Int && t.IntVal != 0:
		return rules.Port{Port: t.IntVal, Protocol: proto}, true
	default: // no targetPort: the Service port itself
		return rules.Port{Port: sp.Port, Protocol: proto}, true
	}
}

// link records a call and one piece of its evidence, on pod port p when known.
func (a *analysis) link(caller, callee string, p *rules.Port, ev Evidence) {
	k := [2]string{caller, callee}
	l := a.links[k]
	if l == nil {
		l = &Link{Caller: caller, Callee: callee}
		a.links[k] = l
	}
	if p != nil && !slices.Contains(l.Ports, *p) {
		l.Ports = append(l.Ports, *p)
	}
	if p != nil {
		if l.portsOf == nil {
			l.portsOf = map[Evidence][]rules.Port{}
		}
		if !slices.Contains(l.portsOf[ev], *p) {
			l.portsOf[ev] = append(l.portsOf[ev], *p)
		}
	}
	if !slices.Contains(l.Evidence, ev) {
		l.Evidence = append(l.Evidence, ev)
	}
}

// strongPorts are the ports the link's strong evidence gives, or all when that evidence gives
// none (a gRPC stub matched without manifests' ports).
func (l *Link) strongPorts(all []rules.Port) []rules.Port {
	var out []rules.Port
	for _, e := range l.Evidence {
		for _, p := range l.portsOf[e] {
			if e.Weak == "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// drop removes the evidence keep refuses from the link caller -> callee, with the ports only it
// gave; a link left without evidence is gone. It returns the evidence dropped.
func (a *analysis) drop(l *Link, keep func(Evidence) bool) []Evidence {
	var dropped []Evidence
	l.Evidence = slices.DeleteFunc(l.Evidence, func(e Evidence) bool {
		if !keep(e) {
			dropped = append(dropped, e)
			return true
		}
		return false
	})
	if len(dropped) == 0 {
		return nil
	}
	if len(l.Evidence) == 0 {
		delete(a.links, [2]string{l.Caller, l.Callee})
		return dropped
	}
	l.Ports = nil
	for _, e := range l.Evidence {
		for _, p := range l.portsOf[e] {
			if !slices.Contains(l.Ports, p) {
				l.Ports = append(l.Ports, p)
			}
		}
	}
	return dropped
}

func (a *analysis) addPort(identity string, p rules.Port) {
	if a.ports[identity] == nil {
		a.ports[identity] = map[rules.Port]bool{}
	}
	a.ports[identity][p] = true
}

func (a *analysis) result() *Result {
	res := &Result{Rules: &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}, ServiceLabel: a.opts.ServiceLabel,
		Links: []Link{}, Sources: a.sources}
	calls := map[string][]string{}
	for _, l := range a.links {
		l.Weak = !slices.ContainsFunc(l.Evidence, func(e Evidence) bool { return e.Weak == "" })
		if !l.Weak {
			// Weak evidence does not widen a call: a bare name in a compose file opens every port
			// of a broker that the code reaches on one.
			l.Ports = l.strongPorts(l.Ports)
		}
		slices.SortFunc(l.Ports, comparePorts)
		res.Links = append(res.Links, *l)
	}
	slices.SortFunc(res.Links, func(x, y Link) int { return cmp.Or(cmp.Compare(x.Caller, y.Caller), cmp.Compare(x.Callee, y.Callee)) })
	for _, l := range res.Links {
		if l.Weak {
			if !a.opts.IncludeWeak {
				a.note(WeakOnly, l.Caller+" -> "+l.Callee, "", "seen only in weak evidence (%s): not written (--include-weak writes it)", l.Evidence[0])
				continue
			}
			a.note(WeakOnly, l.Caller+" -> "+l.Callee, "", "seen only in weak evidence (%s): written, as asked (--include-weak)", l.Evidence[0])
		}
		calls[l.Caller] = append(calls[l.Caller], l.Callee)
		for _, p := range l.Ports {
			a.addPort(l.Callee, p)
		}
	}
	res.Anchors = a.anchors()
	if res.Anchors == nil {
		res.Anchors = []Anchor{}
	}
	identity := identities(res.Anchors)
	res.Findings = a.findings
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	for _, id := range slices.Sorted(slices.Values(a.identities)) {
		s := rules.Service{Name: id, Calls: slices.Sorted(slices.Values(calls[id])), Public: a.public[id], Identity: identity[id], Source: "discover"}
		s.Namespaces = slices.Sorted(maps.Keys(a.namespaces[id]))
		for p := range a.ports[id] {
			s.Ports = append(s.Ports, p)
		}
		slices.SortFunc(s.Ports, comparePorts)
		res.Rules.Services = append(res.Rules.Services, s)
	}
	return res
}

func comparePorts(a, b rules.Port) int {
	return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Protocol, b.Protocol))
}

func ptrTrue(b *bool) bool { return b != nil && *b }
