package policy

import (
	"slices"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/rules"
)

// A zone member's pods reach only the zone's namespaces and the DNS (ForZone). One that must reach
// something outside the cluster (a card network, a payment provider) says so in the rules
// (external:), and gets, in each of its namespaces, one more egress policy selecting its pods
// alone: NetworkPolicies add up, so the member then reaches the zone, the DNS and its external
// destinations, and the zone's other pods still reach only the zone and the DNS.
//
// An ipBlock is meant for addresses outside the cluster; whether one also matches pod or service
// addresses it covers is the network plugin's choice (Calico's does), so a CIDR that covers the
// cluster's own ranges may open in-cluster paths too: list the outside ranges only.

const (
	externalPrefix      = "netiso-external-"
	auditExternalPrefix = "netiso-audit-external-"
	// AuditExternalOrder puts a member's audit external policy before its zone's (AuditOrder), so
	// that what it may reach outside is allowed before the zone's audit policy logs the rest.
	AuditExternalOrder = 900
)

// ExternalName is the name of a member's external egress policy, in each of its namespaces.
func ExternalName(service string) string { return objectName(externalPrefix, service) }

// AuditExternalName is the name of a member's audit external policy; without a dot, like AuditName.
func AuditExternalName(service string) string { return calicoName(auditExternalPrefix, service) }

// ForExternal is member s's external egress policy in namespace ns: its pods (and only its) reach
// each of its external destinations, the CIDR but its excepts, on the destination's ports (every
// port, for one that lists none). Nil for a service without external destinations.
func ForExternal(s rules.Service, ns string, opts Options) *networkingv1.NetworkPolicy {
	if len(s.External) == 0 {
		return nil
	}
	egress := make([]networkingv1.NetworkPolicyEgressRule, len(s.External))
	for i, x := range s.External {
		egress[i] = networkingv1.NetworkPolicyEgressRule{
			To:    []networkingv1.NetworkPolicyPeer{{IPBlock: &networkingv1.IPBlock{CIDR: x.CIDR, Except: slices.Clone(x.Except)}}},
			Ports: Ports(x.Ports),
		}
	}
	return &networkingv1.NetworkPolicy{
		TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy"},
		ObjectMeta: meta(ExternalName(s.Name), ns, s.Name),
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{opts.ServiceLabel: s.Name}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeEgress},
			Egress:      egress,
		},
	}
}

// auditForExternal mirrors ForExternal in Calico: allow what it allows, and nothing else, so that
// the rest of the member's egress goes on to its zone's audit policy, which logs it.
func auditForExternal(s rules.Service, ns string, opts Options) *CalicoPolicy {
	var egress []CalicoRule
	for _, x := range s.External {
		for _, pp := range byProtocol(x.Ports) {
			egress = append(egress, CalicoRule{Action: "Allow", Protocol: pp.protocol,
				Destination: &CalicoEntity{Nets: []string{x.CIDR}, NotNets: slices.Clone(x.Except), Ports: pp.ports}})
		}
	}
	p := calicoPolicy(AuditExternalName(s.Name), ns, s.Name, AuditExternalOrder, equals(opts.ServiceLabel, s.Name), nil)
	p.Spec.Types = []string{"Egress"}
	p.Spec.Egress = egress
	return p
}
