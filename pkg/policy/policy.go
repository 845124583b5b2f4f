// Package policy writes the destination NetworkPolicies of docs/design.md from compiled rules: for each
// service, in each namespace it runs in, one policy that admits ingress only from pods carrying
// its callee label or its type label, and only from the namespaces netiso covers. A policy depends
// on its destination alone (name, type, ports, namespaces, public), never on who calls it: adding
// a caller changes the caller's labels, not any policy. Pure: compiled rules in, objects out.
package policy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/rules"
)

// Defaults of Options, the same as the webhook's and the chart's.
const (
	DefaultServiceLabel     = "app.kubernetes.io/name"
	DefaultNetisoNamespace  = "netiso-system"
	DefaultDefaultNamespace = "default"
)

// Labels on every generated object, so that `kubectl apply --prune -l app.kubernetes.io/managed-by=netiso`
// removes the policy of a service that left the rules, and `-l netiso.dev/service=S` finds S's.
const (
	ManagedByLabel = "app.kubernetes.io/managed-by"
	ManagedBy      = "netiso"
	ServiceLabel   = "netiso.dev/service"
	// ZoneLabel is on a zone's egress policies: -l netiso.dev/zone=Z finds Z's.
	ZoneLabel = "netiso.dev/zone"
	// DefaultDenyName is the per-namespace default-deny ingress policy. A service's policy name
	// is "netiso-" and more, so only a service named "default-deny-ingress" could collide, and
	// Generate refuses that.
	DefaultDenyName = "netiso-default-deny-ingress"
	namePrefix      = "netiso-"
)

// Options are how pods are identified and which namespaces are trusted.
type Options struct {
	// ServiceLabel is the identity label (the webhook's --service-label).
	ServiceLabel string
	// NetisoNamespace is the webhook's own namespace: exempt, like kube-system, so never a source.
	NetisoNamespace string
	// DefaultNamespace is where a service with no namespaces gets its policy.
	DefaultNamespace string
	// DefaultDeny adds a default-deny ingress policy to every namespace that has a service.
	DefaultDeny bool
	// DNSNamespace, DNSPodLabels and DNSPort are the cluster DNS that a zone's egress policy
	// lets its pods reach, on the port over UDP and TCP; an empty DNSNamespace lets no DNS
	// through, and empty DNSPodLabels every pod of the namespace.
	DNSNamespace string
	DNSPodLabels map[string]string
	DNSPort      int32
}

// DefaultOptions are the defaults of `netiso policies`.
func DefaultOptions() Options {
	dns, _ := ParseDNSPodLabel(DefaultDNSPodLabel) // a constant: cannot fail
	return Options{ServiceLabel: DefaultServiceLabel, NetisoNamespace: DefaultNetisoNamespace, DefaultNamespace: DefaultDefaultNamespace,
		DNSNamespace: DefaultDNSNamespace, DNSPodLabels: dns, DNSPort: DefaultDNSPort}
}

func (o Options) Validate() error {
	var problems []string
	if msgs := validation.IsQualifiedName(o.ServiceLabel); len(msgs) > 0 {
		problems = append(problems, fmt.Sprintf("service label %q: %s", o.ServiceLabel, strings.Join(msgs, "; ")))
	}
	for _, ns := range []struct{ what, value string }{{"netiso namespace", o.NetisoNamespace}, {"default namespace", o.DefaultNamespace}} {
		if msgs := validation.IsDNS1123Label(ns.value); len(msgs) > 0 {
			problems = append(problems, fmt.Sprintf("%s %q: %s", ns.what, ns.value, strings.Join(msgs, "; ")))
		}
	}
	problems = append(problems, o.validateDNS()...)
	if len(problems) > 0 {
		return fmt.Errorf("policy options: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Name is the name of service's policy: "netiso-<service>" when that is a valid DNS-1123
// subdomain of at most 63 characters (so it is also a valid label value), otherwise a shortened
// form: lower-cased, invalid characters replaced, cut, then "-" and 10 hex digits of the name's
// SHA-256, so two services never share one.
func Name(service string) string { return objectName(namePrefix, service) }

func objectName(prefix, service string) string {
	n := prefix + service
	if len(n) <= validation.LabelValueMaxLength && len(validation.IsDNS1123Subdomain(n)) == 0 {
		return n
	}
	return rules.ShortName(strings.ToLower(n), service, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.'
	})
}

// Namespaces are where a service's pods run, so where its policy goes: its own namespaces, or
// the default namespace when it names none.
func Namespaces(s rules.Service, defaultNamespace string) []string {
	if len(s.Namespaces) == 0 {
		return []string{defaultNamespace}
	}
	return s.Namespaces
}

// Generate returns the NetworkPolicies for every service in every namespace it runs in, each
// zone's egress policy in each of its namespaces, each zone member's external egress policy
// (ForExternal) in each of its namespaces, and with DefaultDeny a default-deny ingress policy per
// namespace that has a service; sorted by namespace, then name.
func Generate(c *rules.Compiled, opts Options) ([]*networkingv1.NetworkPolicy, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := checkNames(c); err != nil {
		return nil, err
	}
	if err := checkZones(c, opts); err != nil {
		return nil, err
	}
	var out []*networkingv1.NetworkPolicy
	namespaces := map[string]bool{}
	for _, name := range c.Names() {
		s, _ := c.Service(name)
		for _, ns := range Namespaces(s, opts.DefaultNamespace) {
			out = append(out, ForService(c, s, ns, opts))
			if len(s.External) > 0 {
				out = append(out, ForExternal(s, ns, opts))
			}
			namespaces[ns] = true
		}
	}
	for _, z := range c.Zones() {
		for _, ns := range z.Namespaces {
			out = append(out, ForZone(z, ns, opts))
		}
	}
	if opts.DefaultDeny {
		for ns := range namespaces {
			out = append(out, defaultDeny(ns))
		}
	}
	slices.SortFunc(out, func(a, b *networkingv1.NetworkPolicy) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// checkNames refuses rules in which two policies would share a name, enforcing or audit: only
// possible for a service deliberately named like another's shortened form, like the default-deny
// policy, like a zone's policy ("zone-pci" and zone pci) or like a member's external policy
// ("external-card" and card's).
func checkNames(c *rules.Compiled) error {
	for _, names := range []struct {
		defaultDeny             string
		service, zone, external func(string) string
	}{{DefaultDenyName, Name, ZoneName, ExternalName}, {AuditDefaultDenyName, AuditName, AuditZoneName, AuditExternalName}} {
		owner := map[string]string{names.defaultDeny: "the default-deny policy"}
		for _, z := range c.Zones() {
			owner[names.zone(z.Name)] = fmt.Sprintf("zone %q", z.Name)
		}
		for _, name := range c.Names() {
			n := names.service(name)
			if prev, ok := owner[n]; ok {
				return fmt.Errorf("service %q: its policy name %s is already %s's; rename the service", name, n, prev)
			}
			owner[n] = fmt.Sprintf("%q", name)
		}
		for _, name := range c.Names() {
			if s, _ := c.Service(name); len(s.External) > 0 {
				n := names.external(name)
				if prev, ok := owner[n]; ok {
					return fmt.Errorf("service %q: its external policy name %s is already %s's; rename one of them", name, n, prev)
				}
				owner[n] = fmt.Sprintf("%q's external destinations", name)
			}
		}
	}
	return nil
}

// ForService is service s (of the rules c)'s policy in namespace ns: its pods admit ingress on its
// ports from pods carrying its callee label or its type label, in any namespace netiso covers, and
// for a zone member only in its zone's namespaces. A public service admits ingress on its ports
// from anywhere instead.
func ForService(c *rules.Compiled, s rules.Service, ns string, opts Options) *networkingv1.NetworkPolicy {
	lo := c.Options()
	rule := networkingv1.NetworkPolicyIngressRule{Ports: Ports(s.Ports)}
	if !s.Public {
		rule.From = []networkingv1.NetworkPolicyPeer{{
			NamespaceSelector: sourceNamespaces(c, s, opts),
			PodSelector:       &metav1.LabelSelector{MatchLabels: map[string]string{lo.CalleeKey(s.Name): rules.LabelValue}},
		}}
		if s.Type != "" {
			rule.From = append(rule.From, networkingv1.NetworkPolicyPeer{
				NamespaceSelector: sourceNamespaces(c, s, opts),
				PodSelector:       &metav1.LabelSelector{MatchLabels: map[string]string{lo.TypeKey(s.Type): rules.LabelValue}},
			})
		}
	}
	return &networkingv1.NetworkPolicy{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy"},
		ObjectMeta: meta(Name(s.Name), ns, s.Name),
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{opts.ServiceLabel: s.Name}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress:     []networkingv1.NetworkPolicyIngressRule{rule},
		},
	}
}

// Ports are a service's ports as policy ports; none means every port.
func Ports(ports []rules.Port) []networkingv1.NetworkPolicyPort {
	if len(ports) == 0 {
		return nil
	}
	out := make([]networkingv1.NetworkPolicyPort, len(ports))
	for i, p := range ports {
		proto := corev1.Protocol(cmp.Or(p.Protocol, "TCP"))
		port := intstr.FromInt32(p.Port)
		out[i] = networkingv1.NetworkPolicyPort{Protocol: &proto, Port: &port}
	}
	return out
}

// defaultDeny selects every pod in ns and admits nothing: pods of no service in the rules get no
// ingress at all, instead of all of it.
func defaultDeny(ns string) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy"},
		ObjectMeta: meta(DefaultDenyName, ns, ""),
		Spec: networkingv1.NetworkPolicySpec{
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
		},
	}
}

func meta(name, ns, service string) metav1.ObjectMeta {
	labels := map[string]string{ManagedByLabel: ManagedBy}
	if service != "" {
		labels[ServiceLabel] = service
	}
	return metav1.ObjectMeta{Name: name, Namespace: ns, Labels: labels}
}
