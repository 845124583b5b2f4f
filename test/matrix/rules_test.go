package matrix

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/pkg/synth"
	"github.com/netiso/netiso/test/oracle"
)

const (
	netisoNS = "netiso-system"
	legacyNS = "legacy" // labelled netiso.dev/exempt=true
	closed   = 65000    // a port no rule set here opens
)

// TestMatrix: for each rule set, the traffic cyclonus allows under the policies `netiso
// policies` writes, between pods labelled by the webhook, is exactly the traffic the rules grant.
//
// Every source pod is tried against every destination pod. Destinations are tried on each of
// their ports (which the rules open to callers) and on ports they must keep closed: 65000/TCP, and
// for a UDP port the same number over TCP. A service with no ports is open on every port to its
// callers: it is tried on 8080/TCP and 5353/UDP. Sources also include pods the rules give nothing
// to, all carrying forged labels: a pod of an unknown service, one with no identity label, one of
// a known service outside its namespaces, and pods in kube-system, netiso's namespace and a
// namespace labelled exempt, which the webhook never sees, carrying every managed label there is.
//
// Traffic is judged out of the source (egress) as well as into the destination (ingress). With
// zones, sources also include, per zone, a member that bypassed the webhook carrying every managed
// label, and outside the zones a pod of another service doing the same in a policed namespace;
// the cluster DNS (kube-system, k8s-app=kube-dns) is a destination, on 53 and on a closed port.
func TestMatrix(t *testing.T) {
	example, err := rules.Load("../../examples/online-boutique/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name         string
		doc          *rules.Document
		serviceLabel string
		defaultDeny  bool
	}{
		{"online boutique example", example, "app", false},
		{"online boutique example, default deny", example, "app", true},
		{"synthetic 1,500 services, 9,300 links", synth.Generate(synth.Monzo()), policy.DefaultServiceLabel, false},
		{"zoned bank example", loadDoc(t, "../../examples/pci/rules.yaml"), policy.DefaultServiceLabel, false},
		{"zoned bank example, default deny", loadDoc(t, "../../examples/pci/rules.yaml"), policy.DefaultServiceLabel, true},
		{"synthetic 400 services and two zones of 60 and 30", zonedSynth(), policy.DefaultServiceLabel, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r, err := rules.Compile(tc.doc, rules.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			opts := policy.DefaultOptions()
			opts.ServiceLabel, opts.NetisoNamespace, opts.DefaultDeny = tc.serviceLabel, netisoNS, tc.defaultDeny
			policies, err := policy.Generate(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			c := buildCluster(t, r, tc.doc, tc.serviceLabel, tc.defaultDeny)
			checkRelabelling(t, c, policies)
			e := newEngine(c, policies)
			e.verify(t, c, 2000, 1)
			res := check(c, e, granted(tc.doc, tc.defaultDeny))
			res.report(t, tc.name)
			t.Logf("%d services, %d links, %d policies, %d pods (%d destinations): %v",
				r.Len(), r.Links(), len(policies), len(c.pods), len(c.dsts), time.Since(start).Round(time.Millisecond))
			if res.allowed == 0 || res.allowed == res.questions {
				t.Errorf("a trivial matrix: %d of %d allowed", res.allowed, res.questions)
			}
		})
	}
}

// granted is the rules' own answer (test/oracle), for this package's pods.
func granted(doc *rules.Document, defaultDeny bool) func(src, dst *pod, p probe) bool {
	g := oracle.Granted(doc, defaultDeny)
	return func(src, dst *pod, p probe) bool { return g(src.oracle(), dst.oracle(), p.port, p.protocol) }
}

func (p *pod) oracle() oracle.Pod {
	return oracle.Pod{Namespace: p.namespace, Service: p.service, Policed: p.policed, ForgesAll: p.forgesAll, DNS: p.dns}
}

// buildCluster places one pod of every service in every namespace it runs in (its namespaces,
// or default), each created through the webhook with forged labels that it must strip, plus the
// pods that must get nothing.
func buildCluster(t testing.TB, r *rules.Compiled, doc *rules.Document, serviceLabel string, defaultDeny bool) *cluster {
	c := newCluster()
	cfg := mutate.Config{ServiceLabel: serviceLabel, UnknownService: mutate.UnknownAllow}
	lo := r.Options()
	rnd := rand.New(rand.NewPCG(7, 7))
	names := r.Names()

	// Every managed label there is: what a pod the webhook never sees could carry.
	c.forgedAll = map[string]string{}
	for _, s := range doc.Services {
		c.forgedAll[lo.CalleeKey(s.Name)] = rules.LabelValue
		if s.Type != "" {
			c.forgedAll[lo.TypeKey(s.Type)] = rules.LabelValue
		}
	}
	forged := func(identity string) map[string]string {
		l := map[string]string{lo.CalleeKey(names[rnd.IntN(len(names))]): rules.LabelValue, lo.TypeKey("platform/observability"): rules.LabelValue}
		if identity != "" {
			l[serviceLabel] = identity
		}
		return l
	}

	c.namespace("default", nil)
	c.namespace(netisoNS, nil)
	c.namespace("kube-system", nil)
	c.namespace(legacyNS, map[string]string{scope.ExemptLabel: "true"})
	for _, s := range doc.Services {
		namespaces := s.Namespaces
		if len(namespaces) == 0 {
			namespaces = []string{"default"}
		}
		for _, ns := range namespaces {
			if _, ok := c.nsLabels[ns]; !ok {
				c.namespace(ns, nil)
			}
			p := &pod{name: s.Name + "@" + ns, namespace: ns, service: s.Name, policed: true, labels: admit(t, r, cfg, ns, forged(s.Name)), probes: probes(s.Ports)}
			c.pods = append(c.pods, p)
			c.dsts = append(c.dsts, p)
		}
	}

	// Pods the rules give nothing. A known service outside its namespaces:
	var bound rules.Service
	for _, s := range doc.Services {
		if len(s.Namespaces) > 0 && len(s.Calls) > 0 {
			bound = s
			break
		}
	}
	outsiders := []*pod{
		{name: "unknown-service@default", namespace: "default", service: "no-such-service", policed: true, labels: admit(t, r, cfg, "default", forged("no-such-service"))},
		{name: "no-identity@default", namespace: "default", policed: true, labels: admit(t, r, cfg, "default", forged(""))},
	}
	if bound.Name != "" {
		outsiders = append(outsiders, &pod{name: bound.Name + "@default (not its namespace)", namespace: "default", service: bound.Name, policed: true,
			labels: admit(t, r, cfg, "default", forged(bound.Name))})
	}
	// The webhook never sees exempt namespaces: these keep every label they were created with.
	for _, ns := range []string{"kube-system", netisoNS, legacyNS} {
		l := map[string]string{serviceLabel: names[0]}
		for k, v := range c.forgedAll {
			l[k] = v
		}
		outsiders = append(outsiders, &pod{name: "forger@" + ns, namespace: ns, service: names[0], policed: false, labels: l})
	}
	if len(doc.Zones) > 0 {
		outsiders = append(outsiders, zoneForgers(doc, serviceLabel, c.forgedAll)...)
		// The cluster DNS, which zone namespaces may reach on port 53 only.
		dns := &pod{name: "kube-dns@kube-system", namespace: "kube-system", labels: map[string]string{"k8s-app": "kube-dns"}, dns: true,
			probes: []probe{{53, corev1.ProtocolUDP}, {53, corev1.ProtocolTCP}, {8080, corev1.ProtocolTCP}}}
		c.pods = append(c.pods, dns)
		c.dsts = append(c.dsts, dns)
	}
	c.pods = append(c.pods, outsiders...)
	if defaultDeny {
		// With a default deny, pods of no service are destinations too: nothing may reach them.
		p := outsiders[0]
		p.probes = []probe{{8080, corev1.ProtocolTCP}}
		c.dsts = append(c.dsts, p)
	}
	return c
}

// probes are the ports a destination is tried on; see TestMatrix.
func probes(ports []rules.Port) []probe {
	if len(ports) == 0 {
		return []probe{{8080, corev1.ProtocolTCP}, {5353, corev1.ProtocolUDP}}
	}
	var out []probe
	for _, p := range ports {
		out = append(out, probe{int(p.Port), oracle.Protocol(p.Protocol)})
		if oracle.Protocol(p.Protocol) == corev1.ProtocolUDP {
			out = append(out, probe{int(p.Port), corev1.ProtocolTCP})
		}
	}
	return append(out, probe{closed, corev1.ProtocolTCP})
}

// TestMatrixCatchesMistakes: the proof is not vacuous. Each case breaks the policies or the
// labels in one way a bug could, and the matrix must then disagree with the rules.
func TestMatrixCatchesMistakes(t *testing.T) {
	doc, err := rules.Load("../../examples/online-boutique/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts := policy.Options{ServiceLabel: "app", NetisoNamespace: netisoNS, DefaultNamespace: "default"}
	cases := map[string]func(c *cluster, ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy{
		"sources from every namespace, exempt ones too": func(_ *cluster, ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			for _, p := range ps {
				for i := range p.Spec.Ingress {
					for j := range p.Spec.Ingress[i].From {
						p.Spec.Ingress[i].From[j].NamespaceSelector = &metav1.LabelSelector{}
					}
				}
			}
			return ps
		},
		"every port": func(_ *cluster, ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			for _, p := range ps {
				p.Spec.Ingress[0].Ports = nil
			}
			return ps
		},
		"a service without its policy": func(_ *cluster, ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			return slices.DeleteFunc(ps, func(p *networkingv1.NetworkPolicy) bool { return p.Name == "netiso-cartservice" })
		},
		"a pod the webhook did not police": func(c *cluster, ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			for _, p := range c.pods {
				if p.service == "no-such-service" {
					p.labels = c.forgedAll
				}
			}
			return ps
		},
	}
	for name, breakIt := range cases {
		t.Run(name, func(t *testing.T) {
			policies, err := policy.Generate(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			c := buildCluster(t, r, doc, "app", false)
			policies = breakIt(c, policies)
			res := check(c, newEngine(c, policies), granted(doc, false))
			if len(res.mismatches) == 0 {
				t.Error("the matrix did not notice")
			}
		})
	}
}
