package policy

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/pkg/synth"
)

func TestCalicoSelector(t *testing.T) {
	cases := []struct {
		name string
		sel  *metav1.LabelSelector
		want string
	}{
		{"empty selects all", &metav1.LabelSelector{}, "all()"},
		{"match labels, sorted", &metav1.LabelSelector{MatchLabels: map[string]string{"b": "2", "a": "1"}}, "a == '1' && b == '2'"},
		{"every operator", &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
			{Key: "k", Operator: metav1.LabelSelectorOpIn, Values: []string{"x", "y"}},
			{Key: "k", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"z"}},
			{Key: "e", Operator: metav1.LabelSelectorOpExists},
			{Key: "d", Operator: metav1.LabelSelectorOpDoesNotExist},
		}}, "k in {'x', 'y'} && k not in {'z'} && has(e) && !has(d)"},
		{"the covered namespaces", scope.NamespaceSelector("netiso-system"),
			"kubernetes.io/metadata.name not in {'kube-node-lease', 'kube-system', 'netiso-system'} && netiso.dev/exempt not in {'true'}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CalicoSelector(tc.sel); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestAuditMirrorsGenerate: each audit policy allows what the enforcing policy of the same service
// and namespace allows (the same label keys, from the same namespaces, on the same ports), then
// logs and allows the rest; and there is one for each.
func TestAuditMirrorsGenerate(t *testing.T) {
	synthetic, err := rules.Compile(synth.Generate(synth.Config{Services: 300, Links: 1500, Seed: 9, HeavyCallers: 2, HeavyFanout: 100, Namespaces: 4}), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("synthetic", func(t *testing.T) { checkAuditMirrors(t, synthetic, DefaultOptions()) })
	zoned := rulestest.File(t, "../../examples/pci/rules.yaml")
	t.Run("zones", func(t *testing.T) { checkAuditMirrors(t, zoned, DefaultOptions()) })
	noDNS := DefaultOptions()
	noDNS.DNSNamespace = ""
	t.Run("zones, no DNS", func(t *testing.T) { checkAuditMirrors(t, zoned, noDNS) })
	anyDNSPod := DefaultOptions()
	anyDNSPod.DNSPodLabels = nil
	t.Run("zones, any DNS pod", func(t *testing.T) { checkAuditMirrors(t, zoned, anyDNSPod) })
	external := rulestest.File(t, "testdata/pci-external.rules.yaml")
	t.Run("zones, external destinations", func(t *testing.T) {
		if n := checkAuditMirrors(t, external, DefaultOptions()); n != 2 {
			t.Errorf("%d external policies checked, want 2 (card.gateway in pci and pci-dr)", n)
		}
	})
}

// checkAuditMirrors returns how many external policies it checked.
func checkAuditMirrors(t *testing.T, c *rules.Compiled, opts Options) (external int) {
	enforcing, err := Generate(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	audit, err := Audit(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != len(enforcing) {
		t.Fatalf("%d audit policies for %d enforcing ones", len(audit), len(enforcing))
	}
	for i, np := range enforcing {
		a := audit[i]
		if zone, ok := np.Labels[ZoneLabel]; ok {
			checkZoneAuditMirrors(t, np, a, zone)
			continue
		}
		svc := np.Labels[ServiceLabel]
		if np.Name == ExternalName(svc) {
			checkExternalAuditMirrors(t, np, a, svc)
			external++
			continue
		}
		if a.Metadata.Namespace != np.Namespace || a.Metadata.Labels[ServiceLabel] != svc || a.Metadata.Name != AuditName(svc) {
			t.Fatalf("audit %s/%s against %s/%s", a.Metadata.Namespace, a.Metadata.Name, np.Namespace, np.Name)
		}
		if a.Spec.Selector != CalicoSelector(&np.Spec.PodSelector) {
			t.Errorf("%s: selector %q, enforcing %v", a.Metadata.Name, a.Spec.Selector, np.Spec.PodSelector)
		}
		n := len(a.Spec.Ingress)
		if n < 3 || a.Spec.Ingress[n-2].Action != "Log" || a.Spec.Ingress[n-1] != (CalicoRule{Action: "Allow"}) {
			t.Fatalf("%s: does not end in Log, Allow: %+v", a.Metadata.Name, a.Spec.Ingress)
		}
		// What the enforcing policy allows, as (source selector, namespace selector, protocol, port).
		type grant struct{ src, ns, proto string }
		want := map[grant][]int32{}
		rule := np.Spec.Ingress[0]
		for _, from := range append(slices.Clone(rule.From), fromAnywhere(rule.From)...) {
			g := grant{}
			if from.PodSelector != nil {
				g.src, g.ns = CalicoSelector(from.PodSelector), CalicoSelector(from.NamespaceSelector)
			}
			if len(rule.Ports) == 0 {
				want[g] = nil
			}
			for _, p := range rule.Ports {
				g.proto = string(*p.Protocol)
				want[g] = append(want[g], p.Port.IntVal)
			}
		}
		got := map[grant][]int32{}
		for _, r := range a.Spec.Ingress[:n-2] {
			if r.Action != "Allow" {
				t.Fatalf("%s: %s before the Log", a.Metadata.Name, r.Action)
			}
			g := grant{proto: r.Protocol}
			if r.Source != nil {
				g.src, g.ns = r.Source.Selector, r.Source.NamespaceSelector
			}
			var ports []int32
			if r.Destination != nil {
				ports = r.Destination.Ports
			}
			got[g] = ports
		}
		if len(got) != len(want) {
			t.Fatalf("%s allows %v, enforcing allows %v", a.Metadata.Name, got, want)
		}
		for g, ports := range want {
			if !slices.Equal(got[g], ports) {
				t.Errorf("%s: %+v on %v, enforcing on %v", a.Metadata.Name, g, got[g], ports)
			}
		}
	}
	return external
}

// checkExternalAuditMirrors: a member's audit external policy allows, from its pods, what the
// enforcing one allows and nothing more: no Log, no Allow of the rest, and an order before its
// zone's audit policy, so that the rest goes on to the zone's policy, which logs it.
func checkExternalAuditMirrors(t *testing.T, np *networkingv1.NetworkPolicy, a *CalicoPolicy, svc string) {
	t.Helper()
	if a.Metadata.Name != AuditExternalName(svc) || a.Metadata.Namespace != np.Namespace || a.Metadata.Labels[ServiceLabel] != svc {
		t.Fatalf("audit %s/%s %v against %s/%s", a.Metadata.Namespace, a.Metadata.Name, a.Metadata.Labels, np.Namespace, np.Name)
	}
	if a.Spec.Selector != CalicoSelector(&np.Spec.PodSelector) || !slices.Equal(a.Spec.Types, []string{"Egress"}) || len(a.Spec.Ingress) != 0 {
		t.Errorf("%s: selector %q, types %v, ingress %v", a.Metadata.Name, a.Spec.Selector, a.Spec.Types, a.Spec.Ingress)
	}
	if a.Spec.Order >= AuditOrder {
		t.Errorf("%s: order %v, not before the zone's audit policy (%d)", a.Metadata.Name, a.Spec.Order, AuditOrder)
	}
	// What each allows, as (nets, not nets, protocol) and ports.
	type grant struct{ nets, notNets, proto string }
	want := map[grant][]int32{}
	for _, rule := range np.Spec.Egress {
		for _, to := range rule.To {
			if to.IPBlock == nil || to.PodSelector != nil || to.NamespaceSelector != nil {
				t.Fatalf("%s: peer %+v is not an ipBlock", np.Name, to)
			}
			g := grant{nets: to.IPBlock.CIDR, notNets: strings.Join(to.IPBlock.Except, ",")}
			if len(rule.Ports) == 0 {
				want[g] = nil
			}
			for _, p := range rule.Ports {
				g.proto = string(*p.Protocol)
				want[g] = append(want[g], p.Port.IntVal)
			}
		}
	}
	got := map[grant][]int32{}
	for _, r := range a.Spec.Egress {
		if r.Action != "Allow" || r.Source != nil || r.Destination == nil || len(r.Destination.Nets) != 1 || r.Destination.Selector != "" || r.Destination.NamespaceSelector != "" {
			t.Fatalf("%s: rule %+v", a.Metadata.Name, r)
		}
		got[grant{nets: r.Destination.Nets[0], notNets: strings.Join(r.Destination.NotNets, ","), proto: r.Protocol}] = r.Destination.Ports
	}
	if len(want) == 0 || !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s allows %v, enforcing allows %v", a.Metadata.Name, got, want)
	}
}

// fromAnywhere is the single source "anywhere" of a rule without sources.
func fromAnywhere[T any](from []T) []T {
	if len(from) == 0 {
		var anywhere T
		return []T{anywhere}
	}
	return nil
}

// checkZoneAuditMirrors: a zone's audit policy allows, from every pod of its namespace, what the
// enforcing egress policy allows, then logs and allows the rest.
func checkZoneAuditMirrors(t *testing.T, np *networkingv1.NetworkPolicy, a *CalicoPolicy, zone string) {
	t.Helper()
	if a.Metadata.Name != AuditZoneName(zone) || a.Metadata.Namespace != np.Namespace || a.Metadata.Labels[ZoneLabel] != zone {
		t.Fatalf("audit %s/%s %v against %s/%s", a.Metadata.Namespace, a.Metadata.Name, a.Metadata.Labels, np.Namespace, np.Name)
	}
	if a.Spec.Selector != "all()" || !slices.Equal(a.Spec.Types, []string{"Egress"}) || len(a.Spec.Ingress) != 0 {
		t.Errorf("%s: selector %q, types %v, ingress %v", a.Metadata.Name, a.Spec.Selector, a.Spec.Types, a.Spec.Ingress)
	}
	n := len(a.Spec.Egress)
	if n < 3 || a.Spec.Egress[n-2] != (CalicoRule{Action: "Log"}) || a.Spec.Egress[n-1] != (CalicoRule{Action: "Allow"}) {
		t.Fatalf("%s: does not end in Log, Allow: %+v", a.Metadata.Name, a.Spec.Egress)
	}
	// What the enforcing policy allows, as (destination pods, destination namespaces, protocol, ports).
	type grant struct{ dst, ns, proto string }
	want := map[grant][]int32{}
	for _, rule := range np.Spec.Egress {
		for _, to := range rule.To {
			g := grant{dst: "all()", ns: CalicoSelector(to.NamespaceSelector)}
			if to.PodSelector != nil {
				g.dst = CalicoSelector(to.PodSelector)
			}
			if len(rule.Ports) == 0 {
				want[g] = nil
			}
			for _, p := range rule.Ports {
				g.proto = string(*p.Protocol)
				want[g] = append(want[g], p.Port.IntVal)
			}
		}
	}
	got := map[grant][]int32{}
	for _, r := range a.Spec.Egress[:n-2] {
		if r.Action != "Allow" || r.Source != nil || r.Destination == nil {
			t.Fatalf("%s: rule %+v before the Log", a.Metadata.Name, r)
		}
		got[grant{dst: cmp.Or(r.Destination.Selector, "all()"), ns: r.Destination.NamespaceSelector, proto: r.Protocol}] = r.Destination.Ports
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s allows %v, enforcing allows %v", a.Metadata.Name, got, want)
	}
}
