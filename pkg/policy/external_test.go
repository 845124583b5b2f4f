package policy_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/test/oracle"
)

// TestExternalReach: judged by cyclonus (the engine test/matrix uses), over every policy Generate
// writes for rules with a zone member that has external destinations: the member reaches them,
// on their ports, but not their excepts, other ports or other addresses outside; it still reaches
// its zone and the DNS and nothing else in the cluster; the zone's other members, in the same
// namespace, reach nothing outside, and neither does a forger there with every managed label.
func TestExternalReach(t *testing.T) {
	c := rulestest.File(t, "testdata/pci-external.rules.yaml")
	opts := policy.DefaultOptions()
	policies, err := policy.Generate(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	engine := matcher.BuildNetworkPolicies(true, policies)

	ip := 10
	pod := func(ns, service string, extra map[string]string) *matcher.TrafficPeer {
		labels := map[string]string{opts.ServiceLabel: service}
		if grant, v := c.Lookup(service, ns); v == rules.Granted {
			for k, v := range grant.Labels() {
				labels[k] = v
			}
		}
		for k, v := range extra {
			labels[k] = v
		}
		ip++
		nsLabels := oracle.EngineLabels(map[string]string{scope.NamespaceNameLabel: ns})
		return &matcher.TrafficPeer{IP: fmt.Sprintf("10.244.0.%d", ip),
			Internal: &matcher.InternalPeer{Namespace: ns, NamespaceLabels: nsLabels, PodLabels: labels}}
	}
	outside := func(addr string) *matcher.TrafficPeer { return &matcher.TrafficPeer{IP: addr} }
	reaches := func(src, dst *matcher.TrafficPeer, port int, proto corev1.Protocol) bool {
		return engine.IsTrafficAllowed(&matcher.Traffic{Source: src, Destination: dst, ResolvedPort: port, Protocol: proto}).IsAllowed()
	}

	vault := pod("pci", "card.vault", nil)
	ledger := pod("bank", "service.ledger", nil)
	dns := pod("kube-system", "", opts.DNSPodLabels)
	every := map[string]string{} // every managed label there is
	for _, name := range c.Names() {
		every[c.Options().CalleeKey(name)] = rules.LabelValue
	}
	type want struct {
		dst   *matcher.TrafficPeer
		what  string
		port  int
		proto corev1.Protocol
		ok    bool
	}
	cases := []want{
		{outside("203.0.113.5"), "the card network", 443, corev1.ProtocolTCP, true},
		{outside("203.0.113.127"), "the card network's last address before its except", 443, corev1.ProtocolTCP, true},
		{outside("203.0.113.5"), "the card network on another port", 80, corev1.ProtocolTCP, false},
		{outside("203.0.113.5"), "the card network over UDP", 443, corev1.ProtocolUDP, false},
		{outside("203.0.113.200"), "the card network's except", 443, corev1.ProtocolTCP, false},
		{outside("198.51.100.1"), "another address outside", 443, corev1.ProtocolTCP, false},
		{outside("2001:db8:ca7d::1"), "the card network over IPv6", 443, corev1.ProtocolTCP, true},
		{outside("2001:db8:ca7e::1"), "another IPv6 address outside", 443, corev1.ProtocolTCP, false},
		{vault, "a member it does not call, on its port (refused by the member's policy)", 8200, corev1.ProtocolTCP, false},
		{dns, "the DNS", 53, corev1.ProtocolUDP, true},
		{ledger, "a service outside the zone", 8080, corev1.ProtocolTCP, false},
	}
	for _, ns := range []string{"pci", "pci-dr"} {
		gateway := pod(ns, "card.gateway", nil)
		for _, w := range cases {
			if got := reaches(gateway, w.dst, w.port, w.proto); got != w.ok {
				t.Errorf("card.gateway in %s reaches %s (%s %d/%s): %v, want %v", ns, w.what, w.dst.IP, w.port, w.proto, got, w.ok)
			}
		}
		// The zone's other members, and a forger, in the same namespace reach nothing outside.
		for name, src := range map[string]*matcher.TrafficPeer{
			"card.api":                  pod(ns, "card.api", nil),
			"a forger of every label":   pod(ns, "card.api", every),
			"a pod of no service there": pod(ns, "no-such-service", nil),
		} {
			for _, w := range cases {
				if w.dst.Internal == nil && reaches(src, w.dst, w.port, w.proto) {
					t.Errorf("%s in %s reaches %s (%s %d/%s)", name, ns, w.what, w.dst.IP, w.port, w.proto)
				}
			}
		}
	}
	// And the member calls what it may call in the zone: card.api calls card.gateway.
	if !reaches(pod("pci", "card.api", nil), pod("pci-dr", "card.gateway", nil), 9443, corev1.ProtocolTCP) {
		t.Error("card.api does not reach card.gateway: the check is vacuous")
	}
	if !reaches(pod("pci", "card.api", nil), vault, 8200, corev1.ProtocolTCP) {
		t.Error("card.api does not reach card.vault: the check is vacuous")
	}
}

// TestForExternal: one egress policy per member with external destinations, in each of its
// namespaces, selecting its pods alone, labelled like the others, with one rule per destination.
func TestForExternal(t *testing.T) {
	c := rulestest.File(t, "testdata/pci-external.rules.yaml")
	policies, err := policy.Generate(c, policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, np := range policies {
		if !strings.HasPrefix(np.Name, "netiso-external-") {
			continue
		}
		found = append(found, np.Namespace+"/"+np.Name)
		if np.Labels[policy.ManagedByLabel] != policy.ManagedBy || np.Labels[policy.ServiceLabel] != "card.gateway" || np.Labels[policy.ZoneLabel] != "" {
			t.Errorf("%s: labels %v", np.Name, np.Labels)
		}
		spec := np.Spec
		if spec.PodSelector.MatchLabels[policy.DefaultServiceLabel] != "card.gateway" || len(spec.PodSelector.MatchLabels) != 1 ||
			len(spec.PolicyTypes) != 1 || spec.PolicyTypes[0] != networkingv1.PolicyTypeEgress || len(spec.Ingress) != 0 || len(spec.Egress) != 2 {
			t.Errorf("%s: spec %+v", np.Name, spec)
		}
	}
	if want := "pci/netiso-external-card.gateway pci-dr/netiso-external-card.gateway"; strings.Join(found, " ") != want {
		t.Errorf("external policies %v, want %s", found, want)
	}
	s, _ := c.Service("card.api")
	if policy.ForExternal(s, "pci", policy.DefaultOptions()) != nil {
		t.Error("a policy for a member without external destinations")
	}
}

// TestExternalNameCollision: a service named like another's external policy is refused, enforcing
// and audit alike.
func TestExternalNameCollision(t *testing.T) {
	c := rulestest.Document(t, `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
services:
  - {name: gw, zone: pci, namespaces: [pci], external: [{cidr: 203.0.113.0/24}]}
  - {name: external-gw, namespaces: [bank]}
`)
	want := `service "gw": its external policy name netiso-external-gw is already "external-gw"'s`
	if _, err := policy.Generate(c, policy.DefaultOptions()); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Generate: %v, want %q", err, want)
	}
	if _, err := policy.Audit(c, policy.DefaultOptions()); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Audit: %v, want %q", err, want)
	}
}
