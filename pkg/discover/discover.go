// Package discover writes rules from Kubernetes manifests, the way Monzo's rpcmap found calls in
// code: for each workload, the Services its containers name in environment values, arguments,
// commands and the ConfigMaps they read (svc, svc:port, svc.ns, svc.ns.svc[.cluster.local] and
// URLs); each reference that resolves to a Service in the manifests becomes a call to the
// workloads behind it, on the pod port that Service port targets. A reference to a Service that is
// not there, or to a port it does not expose, is reported, never turned into a rule. Pure:
// manifests in, rules and findings out.
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

	"github.com/netiso/netiso/pkg/rules"
)

// Options say how pods are identified.
type Options struct {
	// ServiceLabel is the identity label of pod templates (the webhook's --service-label): its
	// value is the service's name in the rules.
	ServiceLabel string
	// DefaultNamespace is the namespace of objects that name none.
	DefaultNamespace string
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

// Result is the rules discovered, the links they are made of, and what could not be placed.
type Result struct {
	Rules    *rules.Document `json:"rules"`
	Links    []Link          `json:"links"`
	Findings []Finding       `json:"findings"`
}

// Link is one caller calling one callee, on the pod ports the callee's Service targets.
type Link struct {
	Caller string       `json:"caller"`
	Callee string       `json:"callee"`
	Ports  []rules.Port `json:"ports"`
	// Refs are where the caller names the callee, "<where>: <reference>".
	Refs []string `json:"refs"`
}

// FindingKind classifies a finding. Problems are references that name something wrong; notes say
// what discover did with something it could not read exactly.
type FindingKind string

const (
	MissingService   FindingKind = "missing-service"   // problem: no such Service
	PortNotExposed   FindingKind = "port-not-exposed"  // problem: the Service has no such port
	NoWorkload       FindingKind = "no-workload"       // problem: the Service selects no workload here
	NoIdentity       FindingKind = "no-identity"       // note: a workload without the identity label
	AllPorts         FindingKind = "all-ports"         // note: no port named, the Service has several: all used
	ExternalName     FindingKind = "external-name"     // note: an ExternalName Service, outside the cluster
	MissingConfigMap FindingKind = "missing-configmap" // note: a ConfigMap a container reads is not here
	SelfReference    FindingKind = "self-reference"    // note: a workload naming its own Service
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

// Discover reads the manifests and returns the rules they imply. An error is returned only for
// manifests that cannot be read; everything else is a finding.
func Discover(files []File, opts Options) (*Result, error) {
	opts.ServiceLabel = cmp.Or(opts.ServiceLabel, DefaultOptions().ServiceLabel)
	opts.DefaultNamespace = cmp.Or(opts.DefaultNamespace, DefaultOptions().DefaultNamespace)
	m, err := parse(files, opts.DefaultNamespace)
	if err != nil {
		return nil, err
	}
	a := &analysis{m: m, opts: opts, links: map[[2]string]*Link{}, ports: map[string]map[rules.Port]bool{},
		public: map[string]bool{}, namespaces: map[string]map[string]bool{}, backing: map[*service][]*workload{}}
	a.run()
	return a.result(), nil
}

type analysis struct {
	m          *manifests
	opts       Options
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
	a.markPublic()
	for _, w := range a.m.workloads {
		if w.identity == "" {
			continue
		}
		spec := w.template.Spec
		for _, c := range append(slices.Clone(spec.InitContainers), spec.Containers...) {
			for _, v := range a.values(w, c) {
				for _, addr := range addresses(v.text) {
					a.resolve(w, w.where()+", container "+c.Name+", "+v.field, addr)
				}
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

type value struct{ field, text string }

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
				out = append(out, value{fmt.Sprintf("env %s (ConfigMap %s key %s)", e.Name, ref.Name, ref.Key), v})
			}
		default:
			out = append(out, value{"env " + e.Name, e.Value})
		}
	}
	for _, from := range c.EnvFrom {
		if from.ConfigMapRef == nil {
			continue
		}
		cm := a.configMap(w, c, from.ConfigMapRef.Name, ptrTrue(from.ConfigMapRef.Optional))
		for _, k := range slices.Sorted(maps.Keys(cm)) {
			out = append(out, value{fmt.Sprintf("envFrom ConfigMap %s key %s", from.ConfigMapRef.Name, k), cm[k]})
		}
	}
	for i, s := range c.Command {
		out = append(out, value{fmt.Sprintf("command[%d]", i), s})
	}
	for i, s := range c.Args {
		out = append(out, value{fmt.Sprintf("args[%d]", i), s})
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

// resolve turns one address into links, or a finding.
func (a *analysis) resolve(w *workload, where string, addr address) {
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
	ports, ok := a.servicePorts(s, addr, where)
	if !ok {
		return
	}
	if len(a.backing[s]) == 0 {
		a.note(NoWorkload, where, addr.text, "Service %s/%s selects no workload in the manifests: no rule written", ns, name)
		return
	}
	for _, callee := range a.backing[s] {
		switch {
		case callee.identity == "":
			continue // reported once, as the callee's own NoIdentity finding
		case callee.identity == w.identity:
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
			a.link(w.identity, callee.identity, p, where+": "+addr.text)
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

func (a *analysis) link(caller, callee string, p rules.Port, ref string) {
	k := [2]string{caller, callee}
	l := a.links[k]
	if l == nil {
		l = &Link{Caller: caller, Callee: callee}
		a.links[k] = l
	}
	if !slices.Contains(l.Ports, p) {
		l.Ports = append(l.Ports, p)
	}
	if !slices.Contains(l.Refs, ref) {
		l.Refs = append(l.Refs, ref)
	}
	a.addPort(callee, p)
}

func (a *analysis) addPort(identity string, p rules.Port) {
	if a.ports[identity] == nil {
		a.ports[identity] = map[rules.Port]bool{}
	}
	a.ports[identity][p] = true
}

func (a *analysis) result() *Result {
	res := &Result{Rules: &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}, Links: []Link{}, Findings: a.findings}
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	calls := map[string][]string{}
	for _, l := range a.links {
		slices.SortFunc(l.Ports, comparePorts)
		res.Links = append(res.Links, *l)
		calls[l.Caller] = append(calls[l.Caller], l.Callee)
	}
	slices.SortFunc(res.Links, func(x, y Link) int { return cmp.Or(cmp.Compare(x.Caller, y.Caller), cmp.Compare(x.Callee, y.Callee)) })
	for _, id := range slices.Sorted(slices.Values(a.identities)) {
		s := rules.Service{Name: id, Calls: slices.Sorted(slices.Values(calls[id])), Public: a.public[id], Source: "discover"}
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
