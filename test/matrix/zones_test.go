package matrix

import (
	"maps"
	"slices"
	"strings"
	"testing"

	networkingv1 "k8s.io/api/networking/v1"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

func loadDoc(t testing.TB, path string) *rules.Document {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// zoneForgers are, for each zone, the two pods a zone must hold against even when labels fail
// (the webhook bypassed, every managed label forged): a member of the zone, in its namespace,
// carrying labels for every outside service, which must reach none of them; and a pod outside
// the zone, in a policed namespace, carrying the labels of every member, which must reach none
// of them.
func zoneForgers(doc *rules.Document, serviceLabel string, forgedAll map[string]string) []*pod {
	var out []*pod
	var outsider string // a service in no zone, for the forger outside
	for _, s := range doc.Services {
		if s.Zone == "" {
			outsider = s.Name
			break
		}
	}
	for _, z := range doc.Zones {
		i := slices.IndexFunc(doc.Services, func(s rules.Service) bool { return s.Zone == z.Name })
		if i < 0 {
			continue
		}
		member := doc.Services[i]
		l := maps.Clone(forgedAll)
		l[serviceLabel] = member.Name
		out = append(out, &pod{name: "forger " + member.Name + "@" + member.Namespaces[0], namespace: member.Namespaces[0], service: member.Name, forgesAll: true, labels: l})
	}
	if outsider != "" {
		l := maps.Clone(forgedAll)
		l[serviceLabel] = outsider
		out = append(out, &pod{name: "forger " + outsider + "@default", namespace: "default", service: outsider, forgesAll: true, labels: l})
	}
	return out
}

// zonedSynth is a synthetic bank of 400 services around two zones made the same way: pci (60
// services in namespaces pci-a and pci-b) and hr (30 in namespace hr), each closed: its members
// call and are called only by members, by name and by type, and none is public.
func zonedSynth() *rules.Document {
	doc := synth.Generate(synth.Config{Services: 400, Links: 2000, Seed: 3, HeavyCallers: 2, HeavyFanout: 100, Namespaces: 6})
	for _, z := range []struct {
		name       string
		namespaces []string
		cfg        synth.Config
	}{
		{"pci", []string{"pci-a", "pci-b"}, synth.Config{Services: 60, Links: 300, Seed: 4, HeavyCallers: 1, HeavyFanout: 20, Namespaces: 2}},
		{"hr", []string{"hr"}, synth.Config{Services: 30, Links: 90, Seed: 5, HeavyCallers: 1, HeavyFanout: 10, Namespaces: 1}},
	} {
		rename := func(s string) string { return strings.Replace(s, "service.", z.name+".", 1) }
		retype := func(t string) string { return z.name + "-" + rules.LabelName(t) }
		doc.Zones = append(doc.Zones, rules.Zone{Name: z.name, Namespaces: z.namespaces, Source: "synth"})
		for _, s := range synth.Generate(z.cfg).Services {
			s.Name, s.Zone, s.Public = rename(s.Name), z.name, false
			for i := range s.Calls {
				s.Calls[i] = rename(s.Calls[i])
			}
			if s.Type != "" {
				s.Type = retype(s.Type)
			}
			for i := range s.CallsTypes {
				s.CallsTypes[i] = retype(s.CallsTypes[i])
			}
			var namespaces []string
			for _, ns := range s.Namespaces {
				namespaces = append(namespaces, z.namespaces[(int(ns[len(ns)-1]-'0'))%len(z.namespaces)])
			}
			if len(namespaces) == 0 {
				namespaces = z.namespaces[:1]
			}
			s.Namespaces = slices.Compact(slices.Sorted(slices.Values(namespaces)))
			doc.Services = append(doc.Services, s)
		}
	}
	return doc
}

// TestMatrixZonesCatchMistakes: the zone proof is not vacuous. Each case takes away one of the two
// defences that do not rest on labels, and the forgers must then get through.
func TestMatrixZonesCatchMistakes(t *testing.T) {
	doc := loadDoc(t, "../../examples/pci/rules.yaml")
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts := policy.DefaultOptions()
	opts.NetisoNamespace = netisoNS
	cases := map[string]func(ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy{
		"members admit their label from any namespace": func(ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			for _, p := range ps {
				for i := range p.Spec.Ingress {
					for j := range p.Spec.Ingress[i].From {
						if sel := p.Spec.Ingress[i].From[j].NamespaceSelector; sel != nil && len(sel.MatchExpressions) > 2 {
							sel.MatchExpressions = sel.MatchExpressions[:2] // the covered namespaces only
						}
					}
				}
			}
			return ps
		},
		"no zone egress policy": func(ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			return slices.DeleteFunc(ps, func(p *networkingv1.NetworkPolicy) bool { return p.Labels[policy.ZoneLabel] != "" })
		},
		"the zone's namespace admitted in a separate policy": func(ps []*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
			// What a zone policy of its own would be: it adds to the member's, and so opens more.
			for _, p := range ps {
				if p.Labels[policy.ServiceLabel] == "card.vault" {
					extra := p.DeepCopy()
					extra.Name += "-zone"
					extra.Spec.Ingress[0].From = []networkingv1.NetworkPolicyPeer{{NamespaceSelector: extra.Spec.Ingress[0].From[0].NamespaceSelector}}
					for i := range p.Spec.Ingress[0].From {
						p.Spec.Ingress[0].From[i].NamespaceSelector.MatchExpressions = p.Spec.Ingress[0].From[i].NamespaceSelector.MatchExpressions[:2]
					}
					return append(ps, extra)
				}
			}
			t.Fatal("no policy of card.vault")
			return nil
		},
	}
	for name, breakIt := range cases {
		t.Run(name, func(t *testing.T) {
			policies, err := policy.Generate(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			c := buildCluster(t, r, doc, policy.DefaultServiceLabel, false)
			e := newEngine(c, breakIt(policies))
			c.pods = slices.DeleteFunc(c.pods, func(p *pod) bool { return !p.forgesAll }) // ask about the forgers only
			if res := check(c, e, granted(doc, false)); len(res.mismatches) == 0 {
				t.Errorf("the matrix did not notice a forger getting through (%d questions)", res.questions)
			}
		})
	}
}

// TestZoneForgers states the zone's promise directly, on the engine's answers alone: a forger
// outside a zone, carrying every managed label, reaches no member on any port; a forger inside,
// carrying every managed label, reaches nothing outside the zone but the DNS. Each still reaches
// something on its own side, so the answers are not a blanket refusal.
func TestZoneForgers(t *testing.T) {
	for name, doc := range map[string]*rules.Document{
		"zoned bank example": loadDoc(t, "../../examples/pci/rules.yaml"),
		"synthetic zones":    zonedSynth(),
	} {
		t.Run(name, func(t *testing.T) {
			r, err := rules.Compile(doc, rules.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			opts := policy.DefaultOptions()
			opts.NetisoNamespace = netisoNS
			policies, err := policy.Generate(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			c := buildCluster(t, r, doc, policy.DefaultServiceLabel, false)
			e := newEngine(c, policies)
			forgers := 0
			for _, src := range c.pods {
				if !src.forgesAll {
					continue
				}
				forgers++
				srcZone := r.NamespaceZone(src.namespace)
				within := 0
				for _, dst := range c.dsts {
					crosses := !dst.dns && r.NamespaceZone(dst.namespace) != srcZone
					for _, p := range dst.probes {
						if !e.allowed(c, src, dst, p) {
							continue
						}
						if crosses {
							t.Errorf("%s (zone %q) reaches %s on %s, across the zone's boundary", src.name, srcZone, dst.name, p)
						}
						if !crosses && !dst.dns {
							within++
						}
					}
				}
				if within == 0 {
					t.Errorf("%s reaches nothing on its own side: the check is vacuous", src.name)
				}
			}
			if want := len(doc.Zones) + 1; forgers != want {
				t.Errorf("%d forgers, want %d (one per zone, one outside)", forgers, want)
			}
		})
	}
}
