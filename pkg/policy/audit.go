package policy

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/rules"
)

// The audit flavour is how Monzo rolled isolation out: Calico policies that allow what the real
// policy allows, then log and allow everything else, so the logs list every flow that enforcing
// would drop, before anything is dropped.

// Calico policy orders: the per-service audit policies come first; the namespace-wide catch-all
// (with DefaultDeny) only sees traffic to pods no service policy selected, since an Allow ends
// evaluation.
const (
	AuditOrder            = 1000
	AuditDefaultDenyOrder = 2000
	AuditDefaultDenyName  = "netiso-audit-default-deny-ingress"
	auditPrefix           = "netiso-audit-"
)

// CalicoPolicy is a projectcalico.org/v3 NetworkPolicy, with only the fields netiso writes.
type CalicoPolicy struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       CalicoSpec        `json:"spec"`
}

// CalicoSpec is the spec of a Calico NetworkPolicy.
type CalicoSpec struct {
	Order    float64      `json:"order"`
	Selector string       `json:"selector"`
	Types    []string     `json:"types"`
	Ingress  []CalicoRule `json:"ingress,omitempty"`
	Egress   []CalicoRule `json:"egress,omitempty"`
}

// CalicoRule is one ingress or egress rule: Allow, or Log (log the packet, then go on to the next rule).
type CalicoRule struct {
	Action      string        `json:"action"`
	Protocol    string        `json:"protocol,omitempty"`
	Source      *CalicoEntity `json:"source,omitempty"`
	Destination *CalicoEntity `json:"destination,omitempty"`
}

// CalicoEntity is a rule's source or destination.
type CalicoEntity struct {
	Selector          string   `json:"selector,omitempty"`
	NamespaceSelector string   `json:"namespaceSelector,omitempty"`
	Nets              []string `json:"nets,omitempty"`
	NotNets           []string `json:"notNets,omitempty"`
	Ports             []int32  `json:"ports,omitempty"`
}

// AuditName is the name of service's audit policy: "netiso-audit-<service>" when that is a
// DNS-1123 label (no dot), otherwise the shortened form of Name with every dot made "-" too.
func AuditName(service string) string { return calicoName(auditPrefix, service) }

// calicoName is objectName for a Calico policy, whose name has no dot: Calico reads "a.b" as
// policy b of tier a, so 3.29 to 3.31 refuse a dotted name in the default tier (3.28 any dot),
// and every version two dots. A name with a dot takes the shortened form, whose hash of the
// service keeps "a.b" and "a-b" apart. Without a dot, Calico keeps a default-tier name as written
// (it stores it as "default.<name>"), so no tier prefix is written either.
func calicoName(prefix, service string) string {
	n := prefix + service
	if len(n) <= validation.LabelValueMaxLength && len(validation.IsDNS1123Label(n)) == 0 {
		return n
	}
	return rules.ShortName(strings.ToLower(n), service, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-'
	})
}

// Audit returns, for every policy Generate would write, a Calico policy that allows the same
// traffic and logs then allows the rest: ingress to each service, egress from each zone
// namespace (a member's external destinations allowed first, by a policy of their own). With DefaultDeny, each namespace gets a catch-all that logs then allows traffic to
// pods of no service.
func Audit(c *rules.Compiled, opts Options) ([]*CalicoPolicy, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := checkNames(c); err != nil {
		return nil, err
	}
	if err := checkZones(c, opts); err != nil {
		return nil, err
	}
	var out []*CalicoPolicy
	namespaces := map[string]bool{}
	for _, name := range c.Names() {
		s, _ := c.Service(name)
		for _, ns := range Namespaces(s, opts.DefaultNamespace) {
			out = append(out, auditForService(c, s, ns, opts))
			if len(s.External) > 0 {
				out = append(out, auditForExternal(s, ns, opts))
			}
			namespaces[ns] = true
		}
	}
	for _, z := range c.Zones() {
		for _, ns := range z.Namespaces {
			out = append(out, auditForZone(z, ns, opts))
		}
	}
	if opts.DefaultDeny {
		for ns := range namespaces {
			out = append(out, calicoPolicy(AuditDefaultDenyName, ns, "", AuditDefaultDenyOrder, "all()", logThenAllow()))
		}
	}
	slices.SortFunc(out, func(a, b *CalicoPolicy) int {
		return cmp.Or(cmp.Compare(a.Metadata.Namespace, b.Metadata.Namespace), cmp.Compare(a.Metadata.Name, b.Metadata.Name))
	})
	return out, nil
}

func auditForService(c *rules.Compiled, s rules.Service, ns string, opts Options) *CalicoPolicy {
	lo := c.Options()
	var sources []*CalicoEntity
	if s.Public {
		sources = []*CalicoEntity{nil} // from anywhere
	} else {
		covered := CalicoSelector(sourceNamespaces(c, s, opts))
		sources = append(sources, &CalicoEntity{Selector: equals(lo.CalleeKey(s.Name), rules.LabelValue), NamespaceSelector: covered})
		if s.Type != "" {
			sources = append(sources, &CalicoEntity{Selector: equals(lo.TypeKey(s.Type), rules.LabelValue), NamespaceSelector: covered})
		}
	}
	var ingress []CalicoRule
	for _, src := range sources {
		for _, pp := range byProtocol(s.Ports) {
			r := CalicoRule{Action: "Allow", Protocol: pp.protocol, Source: src}
			if len(pp.ports) > 0 {
				r.Destination = &CalicoEntity{Ports: pp.ports}
			}
			ingress = append(ingress, r)
		}
	}
	ingress = append(ingress, logThenAllow()...)
	return calicoPolicy(AuditName(s.Name), ns, s.Name, AuditOrder, equals(opts.ServiceLabel, s.Name), ingress)
}

func calicoPolicy(name, ns, service string, order float64, selector string, ingress []CalicoRule) *CalicoPolicy {
	return &CalicoPolicy{
		APIVersion: "projectcalico.org/v3",
		Kind:       "NetworkPolicy",
		Metadata:   meta(name, ns, service),
		Spec:       CalicoSpec{Order: order, Selector: selector, Types: []string{"Ingress"}, Ingress: ingress},
	}
}

func logThenAllow() []CalicoRule { return []CalicoRule{{Action: "Log"}, {Action: "Allow"}} }

type protocolPorts struct {
	protocol string // empty: any protocol
	ports    []int32
}

// byProtocol groups ports by protocol, as a Calico rule has one protocol; no ports is one group
// that matches any protocol and port.
func byProtocol(ports []rules.Port) []protocolPorts {
	if len(ports) == 0 {
		return []protocolPorts{{}}
	}
	var out []protocolPorts
	for _, p := range ports {
		proto := cmp.Or(p.Protocol, "TCP")
		i := slices.IndexFunc(out, func(pp protocolPorts) bool { return pp.protocol == proto })
		if i < 0 {
			out = append(out, protocolPorts{protocol: proto})
			i = len(out) - 1
		}
		out[i].ports = append(out[i].ports, p.Port)
	}
	slices.SortFunc(out, func(a, b protocolPorts) int { return cmp.Compare(a.protocol, b.protocol) })
	return out
}

func equals(key, value string) string { return fmt.Sprintf("%s == '%s'", key, value) }

// CalicoSelector writes a Kubernetes label selector in Calico's selector syntax. Calico's
// "k not in {...}", like Kubernetes' NotIn, also matches objects without the label k (Calico's
// "k != 'v'" does not, so it is never used).
func CalicoSelector(sel *metav1.LabelSelector) string {
	var terms []string
	for _, k := range slices.Sorted(maps.Keys(sel.MatchLabels)) {
		terms = append(terms, equals(k, sel.MatchLabels[k]))
	}
	for _, e := range sel.MatchExpressions {
		quoted := make([]string, len(e.Values))
		for i, v := range e.Values {
			quoted[i] = "'" + v + "'"
		}
		set := "{" + strings.Join(quoted, ", ") + "}"
		switch e.Operator {
		case metav1.LabelSelectorOpIn:
			terms = append(terms, e.Key+" in "+set)
		case metav1.LabelSelectorOpNotIn:
			terms = append(terms, e.Key+" not in "+set)
		case metav1.LabelSelectorOpExists:
			terms = append(terms, "has("+e.Key+")")
		case metav1.LabelSelectorOpDoesNotExist:
			terms = append(terms, "!has("+e.Key+")")
		}
	}
	if len(terms) == 0 {
		return "all()"
	}
	return strings.Join(terms, " && ")
}
