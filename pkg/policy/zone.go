package policy

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// A zone is held by namespace as well as by label, so that it stands even if labels do not (a
// webhook bypassed, a label forged): kubernetes.io/metadata.name is set by the API server on
// every namespace, and no pod's owner can change it.
//
//   - A member's destination policy admits a caller only when it carries the member's label AND
//     runs in one of the zone's namespaces: both in one peer, since NetworkPolicies add up (a
//     second policy could only admit more, never restrict the first).
//   - Each zone namespace gets an egress policy: its pods reach only the zone's namespaces, and
//     the cluster's DNS; a member with external destinations gets one more, for its pods alone
//     (ForExternal).
//
// So a pod outside the zone carrying every managed label reaches no member, and a member
// carrying forged labels for outside services reaches none of them.

// Defaults of the DNS that zone egress policies let through: kubeadm's CoreDNS.
const (
	DefaultDNSNamespace = "kube-system"
	DefaultDNSPodLabel  = "k8s-app=kube-dns"
	DefaultDNSPort      = 53
	zonePrefix          = "netiso-zone-"
	auditZonePrefix     = "netiso-audit-zone-"
)

// ZoneName is the name of a zone's egress policy, in each of its namespaces.
func ZoneName(zone string) string { return objectName(zonePrefix, zone) }

// AuditZoneName is the name of a zone's audit egress policy; without a dot, like AuditName.
func AuditZoneName(zone string) string { return calicoName(auditZonePrefix, zone) }

// ParseDNSPodLabel reads "key=value" (or "" for every pod) into DNSPodLabels.
func ParseDNSPodLabel(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return nil, fmt.Errorf("DNS pod label %q: want key=value, or empty for every pod of the DNS namespace", s)
	}
	return map[string]string{k: v}, nil
}

func (o Options) validateDNS() []string {
	if o.DNSNamespace == "" {
		return nil // no DNS rule
	}
	var problems []string
	if msgs := validation.IsDNS1123Label(o.DNSNamespace); len(msgs) > 0 {
		problems = append(problems, fmt.Sprintf("DNS namespace %q: %s", o.DNSNamespace, strings.Join(msgs, "; ")))
	}
	if o.DNSPort < 1 || o.DNSPort > 65535 {
		problems = append(problems, fmt.Sprintf("DNS port %d: want 1-65535", o.DNSPort))
	}
	for k, v := range o.DNSPodLabels {
		if msgs := append(validation.IsQualifiedName(k), validation.IsValidLabelValue(v)...); len(msgs) > 0 {
			problems = append(problems, fmt.Sprintf("DNS pod label %s=%s: %s", k, v, strings.Join(msgs, "; ")))
		}
	}
	return problems
}

// checkZones refuses a zone in netiso's own namespace (the rules refuse the other exempt ones): its
// egress policy would cut the webhook off, and labels are not policed there.
func checkZones(c *rules.Compiled, opts Options) error {
	if z := c.NamespaceZone(opts.NetisoNamespace); z != "" {
		return fmt.Errorf("zone %q: namespace %s is netiso's own, exempt: no zone can hold there", z, opts.NetisoNamespace)
	}
	return nil
}

// zoneNamespaces is the selector of a zone's namespaces, by the name the API server sets.
func zoneNamespaces(z rules.Zone) metav1.LabelSelectorRequirement {
	return metav1.LabelSelectorRequirement{Key: scope.NamespaceNameLabel, Operator: metav1.LabelSelectorOpIn, Values: slices.Clone(z.Namespaces)}
}

// sourceNamespaces selects the namespaces a service's callers may run in: those netiso covers,
// and for a zone member only those of its zone.
func sourceNamespaces(c *rules.Compiled, s rules.Service, opts Options) *metav1.LabelSelector {
	sel := scope.NamespaceSelector(opts.NetisoNamespace)
	if z, ok := c.Zone(s.Zone); ok && s.Zone != "" {
		sel.MatchExpressions = append(sel.MatchExpressions, zoneNamespaces(z))
	}
	return sel
}

// ForZone is zone z's egress policy in namespace ns: every pod there reaches only the zone's
// namespaces, and DNS unless opts turn it off.
func ForZone(z rules.Zone, ns string, opts Options) *networkingv1.NetworkPolicy {
	egress := []networkingv1.NetworkPolicyEgressRule{{
		To: []networkingv1.NetworkPolicyPeer{{NamespaceSelector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{zoneNamespaces(z)}}}},
	}}
	if opts.DNSNamespace != "" {
		port := intstr.FromInt32(opts.DNSPort)
		udp, tcp := corev1.ProtocolUDP, corev1.ProtocolTCP
		peer := networkingv1.NetworkPolicyPeer{NamespaceSelector: &metav1.LabelSelector{MatchLabels: map[string]string{scope.NamespaceNameLabel: opts.DNSNamespace}}}
		if len(opts.DNSPodLabels) > 0 {
			peer.PodSelector = &metav1.LabelSelector{MatchLabels: opts.DNSPodLabels}
		}
		egress = append(egress, networkingv1.NetworkPolicyEgressRule{
			To:    []networkingv1.NetworkPolicyPeer{peer},
			Ports: []networkingv1.NetworkPolicyPort{{Protocol: &udp, Port: &port}, {Protocol: &tcp, Port: &port}},
		})
	}
	m := meta(ZoneName(z.Name), ns, "")
	m.Labels[ZoneLabel] = z.Name
	return &networkingv1.NetworkPolicy{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy"},
		ObjectMeta: m,
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{}, // every pod of the namespace: the namespace is the zone
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeEgress},
			Egress:      egress,
		},
	}
}

// auditForZone mirrors ForZone in Calico: allow what it allows, then log and allow the rest.
func auditForZone(z rules.Zone, ns string, opts Options) *CalicoPolicy {
	egress := []CalicoRule{{Action: "Allow", Destination: &CalicoEntity{NamespaceSelector: CalicoSelector(&metav1.LabelSelector{
		MatchExpressions: []metav1.LabelSelectorRequirement{zoneNamespaces(z)},
	})}}}
	if opts.DNSNamespace != "" {
		dns := CalicoEntity{
			NamespaceSelector: equals(scope.NamespaceNameLabel, opts.DNSNamespace),
			Selector:          CalicoSelector(&metav1.LabelSelector{MatchLabels: opts.DNSPodLabels}),
			Ports:             []int32{opts.DNSPort},
		}
		for _, proto := range []string{"UDP", "TCP"} {
			d := dns
			egress = append(egress, CalicoRule{Action: "Allow", Protocol: proto, Destination: &d})
		}
	}
	p := calicoPolicy(AuditZoneName(z.Name), ns, "", AuditOrder, "all()", nil)
	p.Metadata.Labels[ZoneLabel] = z.Name
	p.Spec.Types = []string{"Egress"}
	p.Spec.Egress = append(egress, logThenAllow()...)
	return p
}
