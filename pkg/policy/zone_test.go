package policy

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

func namespaceLabels(ns string, extra ...string) labels.Set {
	l := labels.Set{scope.NamespaceNameLabel: ns}
	for i := 0; i+1 < len(extra); i += 2 {
		l[extra[i]] = extra[i+1]
	}
	return l
}

func selects(t *testing.T, sel *metav1.LabelSelector, l labels.Set) bool {
	t.Helper()
	if sel == nil {
		return true // an absent selector selects all
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		t.Fatal(err)
	}
	return s.Matches(l)
}

// TestGenerateZones: by Kubernetes' own selector code, a zone member's policy admits sources only
// from the zone's namespaces (and never an exempt one, even of the zone), a service outside any
// zone admits them from every covered namespace, and each zone namespace's egress policy reaches
// only the zone's namespaces and the DNS pods on the DNS port.
func TestGenerateZones(t *testing.T) {
	c := rulestest.File(t, "../../examples/pci/rules.yaml")
	policies, err := Generate(c, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	inZone := []labels.Set{namespaceLabels("pci"), namespaceLabels("pci-dr")}
	outside := []labels.Set{namespaceLabels("bank"), namespaceLabels("default"), namespaceLabels("platform"), namespaceLabels("kube-system"),
		namespaceLabels("pci", scope.ExemptLabel, "true"), namespaceLabels("pci-2")}
	zonePolicies := map[string]bool{}
	for _, np := range policies {
		if zone, ok := np.Labels[ZoneLabel]; ok {
			zonePolicies[np.Namespace] = true
			checkZonePolicy(t, np, zone)
			continue
		}
		s, _ := c.Service(np.Labels[ServiceLabel])
		if s.Public {
			continue
		}
		for _, peer := range np.Spec.Ingress[0].From {
			for _, ns := range inZone {
				if !selects(t, peer.NamespaceSelector, ns) {
					t.Errorf("%s/%s refuses namespace %v", np.Namespace, np.Name, ns)
				}
			}
			for _, ns := range outside {
				got := selects(t, peer.NamespaceSelector, ns)
				want := s.Zone == "" && ns[scope.NamespaceNameLabel] != "kube-system" && ns[scope.ExemptLabel] != "true"
				if got != want {
					t.Errorf("%s/%s (zone %q) admits namespace %v: %v, want %v", np.Namespace, np.Name, s.Zone, ns, got, want)
				}
			}
		}
	}
	if len(zonePolicies) != 2 || !zonePolicies["pci"] || !zonePolicies["pci-dr"] {
		t.Errorf("zone egress policies in %v, want pci and pci-dr", zonePolicies)
	}
}

func checkZonePolicy(t *testing.T, np *networkingv1.NetworkPolicy, zone string) {
	t.Helper()
	if np.Name != ZoneName(zone) || len(np.Spec.PodSelector.MatchLabels)+len(np.Spec.PodSelector.MatchExpressions) != 0 ||
		!slices.Equal(np.Spec.PolicyTypes, []networkingv1.PolicyType{networkingv1.PolicyTypeEgress}) || len(np.Spec.Ingress) != 0 {
		t.Fatalf("%s/%s: not an egress policy of every pod: %+v", np.Namespace, np.Name, np.Spec)
	}
	// Where each egress rule leads, for a pod in each namespace, with each pod label.
	type dst struct {
		ns   labels.Set
		pod  labels.Set
		port int32
		prot corev1.Protocol
	}
	dns := labels.Set{"k8s-app": "kube-dns"}
	other := labels.Set{"app": "x"}
	allowed := func(d dst) bool {
		for _, rule := range np.Spec.Egress {
			portOK := len(rule.Ports) == 0 || slices.ContainsFunc(rule.Ports, func(p networkingv1.NetworkPolicyPort) bool {
				return p.Port.IntVal == d.port && *p.Protocol == d.prot
			})
			for _, to := range rule.To {
				if portOK && selects(t, to.NamespaceSelector, d.ns) && selects(t, to.PodSelector, d.pod) {
					return true
				}
			}
		}
		return false
	}
	cases := []struct {
		d    dst
		want bool
	}{
		{dst{namespaceLabels("pci"), other, 8443, corev1.ProtocolTCP}, true},
		{dst{namespaceLabels("pci-dr"), other, 1, corev1.ProtocolUDP}, true},
		{dst{namespaceLabels("bank"), other, 8080, corev1.ProtocolTCP}, false},
		{dst{namespaceLabels("bank"), dns, 53, corev1.ProtocolUDP}, false},
		{dst{namespaceLabels("kube-system"), dns, 53, corev1.ProtocolUDP}, true},
		{dst{namespaceLabels("kube-system"), dns, 53, corev1.ProtocolTCP}, true},
		{dst{namespaceLabels("kube-system"), dns, 8080, corev1.ProtocolTCP}, false},
		{dst{namespaceLabels("kube-system"), other, 53, corev1.ProtocolUDP}, false},
	}
	for _, tc := range cases {
		if got := allowed(tc.d); got != tc.want {
			t.Errorf("%s/%s: egress to %v %v on %d/%s: %v, want %v", np.Namespace, np.Name, tc.d.ns, tc.d.pod, tc.d.port, tc.d.prot, got, tc.want)
		}
	}
}

// TestZoneDNSOptions: the DNS rule follows the options, and is left out without a DNS namespace.
func TestZoneDNSOptions(t *testing.T) {
	z := rules.Zone{Name: "pci", Namespaces: []string{"pci"}}
	opts := DefaultOptions()
	opts.DNSNamespace, opts.DNSPodLabels, opts.DNSPort = "dns", nil, 5353
	np := ForZone(z, "pci", opts)
	if len(np.Spec.Egress) != 2 {
		t.Fatalf("egress %+v", np.Spec.Egress)
	}
	rule := np.Spec.Egress[1]
	if len(rule.To) != 1 || rule.To[0].PodSelector != nil || rule.To[0].NamespaceSelector.MatchLabels[scope.NamespaceNameLabel] != "dns" {
		t.Errorf("DNS peer %+v, want every pod of namespace dns", rule.To)
	}
	if len(rule.Ports) != 2 || rule.Ports[0].Port.IntVal != 5353 || *rule.Ports[0].Protocol != corev1.ProtocolUDP || *rule.Ports[1].Protocol != corev1.ProtocolTCP {
		t.Errorf("DNS ports %+v, want 5353 UDP and TCP", rule.Ports)
	}
	opts.DNSNamespace = ""
	if np := ForZone(z, "pci", opts); len(np.Spec.Egress) != 1 {
		t.Errorf("without a DNS namespace: egress %+v, want the zone's namespaces only", np.Spec.Egress)
	}
}

func TestParseDNSPodLabel(t *testing.T) {
	if _, err := ParseDNSPodLabel("k8s-app"); err == nil {
		t.Error("ParseDNSPodLabel(k8s-app) accepted a label without a value")
	}
	if l, err := ParseDNSPodLabel("k8s-app=kube-dns"); err != nil || l["k8s-app"] != "kube-dns" || len(l) != 1 {
		t.Errorf("ParseDNSPodLabel = %v, %v", l, err)
	}
}
