package matrix

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// A rules change moves pods' labels one pod at a time, so while it lasts a pod carries its old
// grant or its new one. policy.Transition promises that the policies it gives for that time open
// no path that neither the old nor the new rules grant, whichever mix of labels the pods carry.
// These tests judge that promise with cyclonus, which knows nothing of netiso, over pairs (and
// chains) of rules versions.

// version is one rules version: the rules, their policies, and whether a default deny is on.
type version struct {
	doc         *rules.Document
	r           *rules.Compiled
	defaultDeny bool
	policies    []*networkingv1.NetworkPolicy
}

func newVersion(t testing.TB, doc *rules.Document, defaultDeny bool) version {
	t.Helper()
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := policy.Generate(r, transitionOptions(defaultDeny))
	if err != nil {
		t.Fatal(err)
	}
	return version{doc: doc, r: r, defaultDeny: defaultDeny, policies: ps}
}

func transitionOptions(defaultDeny bool) policy.Options {
	opts := policy.DefaultOptions()
	opts.NetisoNamespace, opts.DefaultDeny = netisoNS, defaultDeny
	return opts
}

func (v version) byKey() map[types.NamespacedName]*networkingv1.NetworkPolicy {
	return policy.ByKey(v.policies)
}

// list is a keyed policy set as a list, sorted, for the engine.
func list(m map[types.NamespacedName]*networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
	out := make([]*networkingv1.NetworkPolicy, 0, len(m))
	for _, np := range m {
		out = append(out, np.DeepCopy())
	}
	slices.SortFunc(out, func(a, b *networkingv1.NetworkPolicy) int {
		return strings.Compare(a.Namespace+"/"+a.Name, b.Namespace+"/"+b.Name)
	})
	return out
}

// source is one pod of a service in a namespace, in one variant per version: labelled by the
// webhook with that version's grant (variants[i]). Variants with the same labels are one pod.
type source struct {
	service, namespace string
	variants           []*pod
}

// transitWorld is the simulated cluster of a transition: every service of any version in every
// namespace it runs in under any version, as a source in each variant and as a destination.
type transitWorld struct {
	c        *cluster
	versions []version
	sources  []*source
	dstOf    map[*pod]*source // a destination pod's service and namespace
	// relevant are, for each destination service, the label keys a policy of any version admits
	// its callers by: its callee key and its type keys.
	relevant map[string][]string
}

func buildTransitWorld(t testing.TB, vs []version) *transitWorld {
	t.Helper()
	w := &transitWorld{c: newCluster(), versions: vs, dstOf: map[*pod]*source{}, relevant: map[string][]string{}}
	c := w.c
	cfg := mutate.Config{ServiceLabel: policy.DefaultServiceLabel, UnknownService: mutate.UnknownAllow}
	lo := vs[0].r.Options()
	for _, ns := range []string{"default", netisoNS, "kube-system"} {
		c.namespace(ns, nil)
	}
	// Every service, the namespaces it runs in and the ports it is tried on, over all versions.
	where := map[string][]string{}
	probesOf := map[string][]probe{}
	c.forgedAll = map[string]string{}
	for _, v := range vs {
		for _, s := range v.doc.Services {
			where[s.Name] = append(where[s.Name], policy.Namespaces(s, "default")...)
			probesOf[s.Name] = append(probesOf[s.Name], probes(s.Ports)...)
			keys := []string{lo.CalleeKey(s.Name)}
			if s.Type != "" {
				keys = append(keys, lo.TypeKey(s.Type))
				c.forgedAll[lo.TypeKey(s.Type)] = rules.LabelValue
			}
			c.forgedAll[lo.CalleeKey(s.Name)] = rules.LabelValue
			w.relevant[s.Name] = append(w.relevant[s.Name], keys...)
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range where {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		w.relevant[name] = slices.Compact(slices.Sorted(slices.Values(w.relevant[name])))
		ps := probesOf[name]
		slices.SortFunc(ps, func(a, b probe) int { return strings.Compare(a.String(), b.String()) })
		ps = slices.Compact(ps)
		for _, ns := range slices.Compact(slices.Sorted(slices.Values(where[name]))) {
			if _, ok := c.nsLabels[ns]; !ok {
				c.namespace(ns, nil)
			}
			src := &source{service: name, namespace: ns}
			for i, v := range vs {
				labels := admit(t, v.r, cfg, ns, map[string]string{policy.DefaultServiceLabel: name})
				if j := slices.IndexFunc(src.variants, func(p *pod) bool { return sameLabels(p.labels, labels) }); j >= 0 {
					src.variants = append(src.variants, src.variants[j])
					continue
				}
				p := &pod{name: fmt.Sprintf("%s@%s (v%d labels)", name, ns, i), namespace: ns, service: name, policed: true, labels: labels}
				src.variants = append(src.variants, p)
				c.pods = append(c.pods, p)
			}
			w.sources = append(w.sources, src)
			// The destination: its managed labels do not matter to its ingress, its identity does.
			d := &pod{name: name + "@" + ns, namespace: ns, service: name, policed: true,
				labels: map[string]string{policy.DefaultServiceLabel: name}, probes: ps}
			c.dsts = append(c.dsts, d)
			w.dstOf[d] = src
		}
	}
	// Pods whose labels no version changes: one of no service, and a forger in an exempt namespace.
	noID := &pod{name: "no-identity@default", namespace: "default", policed: true, labels: map[string]string{}}
	forger := &pod{name: "forger@kube-system", namespace: "kube-system", labels: c.forgedAll}
	for _, p := range []*pod{noID, forger} {
		c.pods = append(c.pods, p)
		src := &source{namespace: p.namespace}
		for range vs {
			src.variants = append(src.variants, p)
		}
		w.sources = append(w.sources, src)
	}
	return w
}

func sameLabels(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// sameRelevant: the two pods carry the same labels among keys.
func sameRelevant(a, b *pod, keys []string) bool {
	for _, k := range keys {
		if a.labels[k] != b.labels[k] {
			return false
		}
	}
	return true
}

// transitResult is what one judgement of a transition found.
type transitResult struct {
	questions, allowedMid  int
	allowedOld, allowedNew int // old-labelled sources under the old policies, new-labelled under the new
	violations             []string
	nViolations            int
	// strictOnly are paths a literal reading would flag but the rules grant: allowed under the
	// transition to a variant carrying neither version's grant that version allows.
	strictOnly     int
	strictExamples []string
	liveness       int // paths that must stay open: granted by both, labels about the destination unchanged
	cut            []string
	nCut           int
	goneChecked    int // questions to destinations gone from the rules
	openedGone     []string
}

// judge asks cyclonus, under mid, about every source variant to every destination on each probe.
// transit are the versions whose labels pods may carry (indices into w.versions); engines their
// policies' engines. Safety: allowed under mid ⇒ some version j in transit allows the pod labelled
// with j's grant. When transit is two versions (old, new), liveness: a path the old policies allow
// to the old-labelled pod and the new ones to the new-labelled pod, whose labels agree on every
// key a destination policy reads for that destination, is allowed under mid in both labellings;
// and a destination gone from the new rules in a namespace is reachable by nobody (so it is no
// path that must stay open: its pods, unselected by the new policies, would admit anyone).
func (w *transitWorld) judge(mid *engine, transit []int, engines map[int]*engine, gone map[*pod]bool) transitResult {
	c := w.c
	var mu sync.Mutex
	var res transitResult
	next := make(chan *pod)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var local transitResult
			for dst := range next {
				relevant := w.relevant[w.dstOf[dst].service]
				for _, src := range w.sources {
					for _, p := range dst.probes {
						var asked []*pod
						for _, j := range transit {
							v := src.variants[j]
							if slices.Contains(asked, v) {
								continue
							}
							asked = append(asked, v)
							local.questions++
							if !mid.allowed(c, v, dst, p) {
								continue
							}
							local.allowedMid++
							if gone[dst] {
								local.openedGone = appendCapped(local.openedGone, fmt.Sprintf("%s -> %s on %s: a destination gone from the rules, open", v.name, dst.name, p))
							}
							granted, strict := false, false
							for _, k := range transit {
								if engines[k].allowed(c, src.variants[k], dst, p) {
									granted = true
									strict = strict || sameLabels(src.variants[k].labels, v.labels)
								}
							}
							if !granted {
								local.nViolations++
								local.violations = appendCapped(local.violations, fmt.Sprintf("%s -> %s on %s: allowed during the transition, by no version with its own labels", v.name, dst.name, p))
							} else if !strict {
								local.strictOnly++
								if len(local.strictExamples) < 2 {
									local.strictExamples = append(local.strictExamples, fmt.Sprintf("%s -> %s on %s", v.name, dst.name, p))
								}
							}
						}
						if gone[dst] {
							local.goneChecked++
						}
						if len(transit) != 2 {
							continue
						}
						o, n := src.variants[transit[0]], src.variants[transit[1]]
						oldOK, newOK := engines[transit[0]].allowed(c, o, dst, p), engines[transit[1]].allowed(c, n, dst, p)
						if oldOK {
							local.allowedOld++
						}
						if newOK {
							local.allowedNew++
						}
						if oldOK && newOK && !gone[dst] && sameRelevant(o, n, relevant) {
							local.liveness++
							for _, v := range slices.Compact([]*pod{o, n}) {
								if !mid.allowed(c, v, dst, p) {
									local.nCut++
									local.cut = appendCapped(local.cut, fmt.Sprintf("%s -> %s on %s: granted by both versions, labels about it unchanged, cut during the transition", v.name, dst.name, p))
								}
							}
						}
					}
				}
			}
			mu.Lock()
			res.questions += local.questions
			res.allowedMid += local.allowedMid
			res.allowedOld += local.allowedOld
			res.allowedNew += local.allowedNew
			res.nViolations += local.nViolations
			res.violations = append(res.violations, local.violations...)
			res.strictOnly += local.strictOnly
			res.strictExamples = append(res.strictExamples, local.strictExamples...)
			res.liveness += local.liveness
			res.nCut += local.nCut
			res.cut = append(res.cut, local.cut...)
			res.goneChecked += local.goneChecked
			res.openedGone = append(res.openedGone, local.openedGone...)
			mu.Unlock()
		})
	}
	for _, d := range c.dsts {
		next <- d
	}
	close(next)
	wg.Wait()
	slices.Sort(res.violations)
	slices.Sort(res.cut)
	slices.Sort(res.openedGone)
	return res
}

func appendCapped(list []string, s string) []string {
	if len(list) < 10 {
		return append(list, s)
	}
	return list
}

// transitionCase is a pair of rules versions, and a third that follows before labels settle.
type transitionCase struct {
	name            string
	old, new, third version
}

// checkTransition judges old → new (mid = Transition(old, new)) and the chain old → new → third
// (mid2 = Transition(mid, third)), and the per-key promises about destinations new and gone.
func checkTransition(t *testing.T, tc transitionCase) (transitResult, transitResult) {
	t.Helper()
	start := time.Now()
	vs := []version{tc.old, tc.new, tc.third}
	w := buildTransitWorld(t, vs)
	oldK, newK := tc.old.byKey(), tc.new.byKey()
	mid := policy.Transition(oldK, newK)
	mid2 := policy.Transition(mid, tc.third.byKey())

	// Per key: a destination new to the rules has no policy yet; one gone is closed.
	newDst, goneKeys := 0, map[types.NamespacedName]bool{}
	for k, np := range newK {
		if _, ok := oldK[k]; !ok && policy.IsDestination(np) {
			newDst++
			if _, ok := mid[k]; ok {
				t.Errorf("%s: a destination new to the rules has a policy during the transition", k)
			}
		}
	}
	for k, np := range oldK {
		if _, ok := newK[k]; !ok && policy.IsDestination(np) {
			goneKeys[k] = true
			if m, ok := mid[k]; !ok || len(m.Spec.Ingress) > 0 || !slices.Contains(m.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) {
				t.Errorf("%s: a destination gone from the rules is not closed during the transition: %v", k, m)
			}
		}
	}
	gone := map[*pod]bool{}
	for d, src := range w.dstOf {
		if goneKeys[types.NamespacedName{Namespace: src.namespace, Name: policy.Name(src.service)}] {
			gone[d] = true
		}
	}

	midList, mid2List := list(mid), list(mid2)
	for _, ps := range [][]*networkingv1.NetworkPolicy{tc.old.policies, tc.new.policies, tc.third.policies, midList, mid2List} {
		checkRelabelling(t, w.c, ps)
	}
	engines := map[int]*engine{}
	for i, v := range vs {
		engines[i] = newEngine(w.c, v.policies)
	}
	midE := newEngine(w.c, midList)
	midE.verify(t, w.c, 300, 2)
	res := w.judge(midE, []int{0, 1}, engines, gone)
	chain := w.judge(newEngine(w.c, mid2List), []int{0, 1, 2}, engines, nil)

	t.Logf("%s: %d pods, %d destinations, %d/%d/%d policies (old/new/mid), %d destinations new, %d gone; "+
		"%d questions, %d allowed during the transition, %d under old with old labels, %d under new with new labels; "+
		"%d paths that must stay open; %d to gone destinations; %d allowed only by a version whose labels the pod does not carry; "+
		"chain: %d questions, %d allowed; %v",
		tc.name, len(w.c.pods), len(w.c.dsts), len(tc.old.policies), len(tc.new.policies), len(mid), newDst, len(goneKeys),
		res.questions, res.allowedMid, res.allowedOld, res.allowedNew, res.liveness, res.goneChecked, res.strictOnly,
		chain.questions, chain.allowedMid, time.Since(start).Round(time.Millisecond))
	if res.strictOnly > 0 {
		slices.Sort(res.strictExamples)
		t.Logf("allowed only by a version whose labels the pod does not carry, e.g. %s", strings.Join(res.strictExamples[:min(3, len(res.strictExamples))], "; "))
	}
	if res.allowedOld == 0 || res.allowedNew == 0 || res.allowedMid == 0 {
		t.Errorf("%s: a trivial matrix", tc.name)
	}
	report := func(what string, n int, list []string) {
		if n > 0 {
			t.Errorf("%s: %d %s (first %d):\n%s", tc.name, n, what, len(list), strings.Join(list, "\n"))
		}
	}
	report("paths opened that neither version grants", res.nViolations, res.violations)
	report("paths cut that nothing about changed", res.nCut, res.cut)
	report("paths to gone destinations open", len(res.openedGone), res.openedGone)
	report("paths opened in the chain old → new → third that no version grants", chain.nViolations, chain.violations)
	return res, chain
}

// ---- the base document and its mutations ----

// transitionBase is the zoned bank example, with a second type of callers and callees so that a
// type can change hands: reports (type report) is called by auditor by its type.
func transitionBase(t testing.TB) *rules.Document {
	doc := loadDoc(t, "../../examples/pci/rules.yaml")
	doc.Services = append(doc.Services,
		rules.Service{Name: "service.reports", Namespaces: []string{"bank"}, Type: "report", Ports: []rules.Port{{Port: 8080}}},
		rules.Service{Name: "service.auditor", Namespaces: []string{"platform"}, CallsTypes: []string{"report"}},
		// card.dr runs only in the zone's second namespace, and calls the vault there.
		rules.Service{Name: "card.dr", Zone: "pci", Namespaces: []string{"pci-dr"}, Calls: []string{"card.vault"}},
	)
	return doc
}

func cloneDoc(d *rules.Document) *rules.Document {
	out := *d
	out.Zones = make([]rules.Zone, len(d.Zones))
	for i, z := range d.Zones {
		z.Namespaces = slices.Clone(z.Namespaces)
		out.Zones[i] = z
	}
	out.Services = make([]rules.Service, len(d.Services))
	for i, s := range d.Services {
		s.Namespaces, s.Calls, s.CallsTypes, s.Ports = slices.Clone(s.Namespaces), slices.Clone(s.Calls), slices.Clone(s.CallsTypes), slices.Clone(s.Ports)
		out.Services[i] = s
	}
	return &out
}

func svc(d *rules.Document, name string) *rules.Service {
	i := slices.IndexFunc(d.Services, func(s rules.Service) bool { return s.Name == name })
	if i < 0 {
		panic("no service " + name)
	}
	return &d.Services[i]
}

func zone(d *rules.Document, name string) *rules.Zone {
	i := slices.IndexFunc(d.Zones, func(z rules.Zone) bool { return z.Name == name })
	if i < 0 {
		panic("no zone " + name)
	}
	return &d.Zones[i]
}

func removeService(d *rules.Document, name string) {
	d.Services = slices.DeleteFunc(d.Services, func(s rules.Service) bool { return s.Name == name })
	for i := range d.Services {
		d.Services[i].Calls = slices.DeleteFunc(d.Services[i].Calls, func(c string) bool { return c == name })
	}
}

// mutations are the single changes of the base, each a function of a copy of it.
var mutations = []struct {
	name string
	edit func(d *rules.Document)
	dd   [2]bool // default deny in old, new
}{
	{name: "service added, with callers", edit: func(d *rules.Document) {
		d.Services = append(d.Services, rules.Service{Name: "service.fees", Namespaces: []string{"bank"}, Type: "backend", Ports: []rules.Port{{Port: 8080}}})
		svc(d, "service.payments").Calls = append(svc(d, "service.payments").Calls, "service.fees")
	}},
	{name: "service removed", edit: func(d *rules.Document) { removeService(d, "service.ledger") }},
	{name: "link added", edit: func(d *rules.Document) {
		svc(d, "edge.proxy").Calls = append(svc(d, "edge.proxy").Calls, "service.ledger")
	}},
	{name: "link removed", edit: func(d *rules.Document) { svc(d, "service.payments").Calls = nil }},
	{name: "type changed, callers' callsTypes follow", edit: typeSwap},
	{name: "ports added, removed, changed", edit: func(d *rules.Document) {
		svc(d, "service.ledger").Ports = []rules.Port{{Port: 8080}, {Port: 9090}}
		svc(d, "service.payments").Ports = []rules.Port{{Port: 8080}}
		svc(d, "card.vault").Ports = []rules.Port{{Port: 8300}}
		svc(d, "service.reports").Ports = nil // every port
	}},
	{name: "namespaces changed", edit: func(d *rules.Document) {
		svc(d, "service.ledger").Namespaces = []string{"bank", "ledger"}
		svc(d, "service.monitoring").Namespaces = []string{"ops"}
		svc(d, "service.payments").Namespaces = []string{"bank", "payments"}
	}},
	{name: "public toggled", edit: func(d *rules.Document) {
		svc(d, "edge.proxy").Public = false
		svc(d, "service.payments").Public = true
	}},
	{name: "zone added", edit: func(d *rules.Document) {
		d.Zones = append(d.Zones, rules.Zone{Name: "hr", Namespaces: []string{"hr"}})
		d.Services = append(d.Services,
			rules.Service{Name: "hr.payroll", Zone: "hr", Namespaces: []string{"hr"}, Type: "hr-store", Ports: []rules.Port{{Port: 7000}}},
			rules.Service{Name: "hr.portal", Zone: "hr", Namespaces: []string{"hr"}, Calls: []string{"hr.payroll"}, Ports: []rules.Port{{Port: 443}}})
	}},
	{name: "zone removed", edit: func(d *rules.Document) {
		d.Zones = nil
		for i := range d.Services {
			d.Services[i].Zone = ""
		}
	}},
	{name: "zone's namespaces changed", edit: func(d *rules.Document) {
		zone(d, "pci").Namespaces = []string{"pci", "pci-x"}
		for _, name := range []string{"card.api", "card.vault"} {
			svc(d, name).Namespaces = []string{"pci", "pci-x"}
		}
		svc(d, "card.dr").Namespaces = []string{"pci-x"}
	}},
	{name: "member's zone changed", edit: func(d *rules.Document) {
		d.Zones = append(d.Zones, rules.Zone{Name: "tok", Namespaces: []string{"tok"}})
		tok := svc(d, "card.tokeniser")
		tok.Zone, tok.Namespaces, tok.Type = "tok", []string{"tok"}, "tok-store"
		api := svc(d, "card.api")
		api.Calls = slices.DeleteFunc(api.Calls, func(c string) bool { return c == "card.tokeniser" })
	}},
	{name: "default deny on", edit: func(*rules.Document) {}, dd: [2]bool{false, true}},
	{name: "default deny off", edit: func(*rules.Document) {}, dd: [2]bool{true, false}},
	{name: "several at once", edit: func(d *rules.Document) {
		typeSwap(d)
		removeService(d, "card.audit")
		svc(d, "edge.proxy").Public = false
		svc(d, "service.payments").Ports = []rules.Port{{Port: 8081}}
		svc(d, "service.monitoring").Calls = []string{"edge.proxy"}
	}, dd: [2]bool{true, true}},
}

// typeSwap: ledger's type changes from backend to report, which reports had; reports takes a new
// type. monitoring, which called the backends by type, now calls the reports type too; auditor,
// which called report, calls nothing by type any more. With stale labels, ledger's new policy
// alone (admitting type report) would let auditor in, which neither version grants.
func typeSwap(d *rules.Document) {
	svc(d, "service.ledger").Type = "report"
	svc(d, "service.reports").Type = "report-v2"
	svc(d, "service.monitoring").CallsTypes = []string{"backend", "report"}
	svc(d, "service.auditor").CallsTypes = nil
	svc(d, "service.auditor").Calls = []string{"service.payments"}
}

// zoneMove: namespace pci-dr leaves zone pci for a new zone vault (with namespace vault), and
// card.dr, which runs there, moves with it; vault gets a new member nobody calls yet.
func zoneMove(d *rules.Document) {
	zone(d, "pci").Namespaces = []string{"pci"}
	d.Zones = append(d.Zones, rules.Zone{Name: "vault", Namespaces: []string{"pci-dr", "vault"}})
	for _, name := range []string{"card.api", "card.vault"} {
		svc(d, name).Namespaces = []string{"pci"}
	}
	dr := svc(d, "card.dr")
	dr.Zone, dr.Calls = "vault", nil
	d.Services = append(d.Services, rules.Service{Name: "vault.keys", Zone: "vault", Namespaces: []string{"vault"}, Ports: []rules.Port{{Port: 8200}}})
}

// TestTransitionOpensNothing: for each change of the base rules (and the change back, chained),
// nothing is allowed during the transition that no version grants its own labelled pod, nothing
// granted by both with unchanged labels is cut, and a destination gone is closed.
func TestTransitionOpensNothing(t *testing.T) {
	base := transitionBase(t)
	var cases []transitionCase
	for _, m := range mutations {
		next := cloneDoc(base)
		m.edit(next)
		old := newVersion(t, base, m.dd[0])
		cases = append(cases, transitionCase{name: m.name, old: old, new: newVersion(t, next, m.dd[1]), third: old})
	}
	moved := cloneDoc(base)
	zoneMove(moved)
	cases = append(cases, transitionCase{name: "a namespace moves to another zone, which gains a member", old: newVersion(t, base, false),
		new: newVersion(t, moved, false), third: newVersion(t, base, false)})
	// A public service in a namespace that had none, under a default deny: it was open, it is
	// public, its callers need no label; the new namespace's default deny comes at once.
	pub := cloneDoc(base)
	pub.Services = append(pub.Services, rules.Service{Name: "edge.status", Namespaces: []string{"status"}, Public: true, Ports: []rules.Port{{Port: 443}}})
	cases = append(cases, transitionCase{name: "public service added in a new namespace, default deny", old: newVersion(t, base, true),
		new: newVersion(t, pub, true), third: newVersion(t, base, true)})

	var questions, mids int
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, chain := checkTransition(t, tc)
			questions += res.questions + chain.questions
			mids += res.allowedMid
		})
	}
	t.Logf("%d changes, %d questions in all (pairs and chains), %d allowed during transitions", len(cases), questions, mids)
}

// TestTransitionCatchesNewPolicies: the check is not vacuous. Holding the new policies at once
// (no Transition) during the type change lets auditor, still carrying type report from the old
// rules, into ledger, whose new policy admits type report: the judgement must say so.
func TestTransitionCatchesNewPolicies(t *testing.T) {
	base := transitionBase(t)
	next := cloneDoc(base)
	typeSwap(next)
	old, nu := newVersion(t, base, false), newVersion(t, next, false)
	w := buildTransitWorld(t, []version{old, nu})
	engines := map[int]*engine{0: newEngine(w.c, old.policies), 1: newEngine(w.c, nu.policies)}
	res := w.judge(newEngine(w.c, nu.policies), []int{0, 1}, engines, nil)
	t.Logf("the new policies at once: %d questions, %d violations, e.g.:\n%s", res.questions, res.nViolations, strings.Join(res.violations, "\n"))
	if !slices.ContainsFunc(res.violations, func(v string) bool {
		return strings.HasPrefix(v, "service.auditor@platform (v0 labels) -> service.ledger@bank")
	}) {
		t.Errorf("holding the new policies at once: the judgement did not see auditor (old labels) reach ledger; violations: %v", res.violations)
	}
	// And Transition itself holds it shut.
	mid := policy.Transition(old.byKey(), nu.byKey())
	if res := w.judge(newEngine(w.c, list(mid)), []int{0, 1}, engines, nil); res.nViolations > 0 {
		t.Errorf("Transition: %d violations: %v", res.nViolations, res.violations)
	}
}

// ---- random combinations on synthetic rules ----

// smallZonedSynth is zonedSynth's shape at a size the transition matrix asks about in seconds:
// 120 services, and a zone of 12 in two namespaces.
func smallZonedSynth() *rules.Document {
	doc := synth.Generate(synth.Config{Services: 120, Links: 500, Seed: 11, HeavyCallers: 1, HeavyFanout: 40, Namespaces: 5})
	doc.Zones = []rules.Zone{{Name: "pci", Namespaces: []string{"pci-a", "pci-b"}, Source: "synth"}}
	for _, s := range synth.Generate(synth.Config{Services: 12, Links: 30, Seed: 12, HeavyCallers: 1, HeavyFanout: 5, Namespaces: 2}).Services {
		s.Name, s.Zone, s.Public = strings.Replace(s.Name, "service.", "pci.", 1), "pci", false
		for i := range s.Calls {
			s.Calls[i] = strings.Replace(s.Calls[i], "service.", "pci.", 1)
		}
		if s.Type != "" {
			s.Type = "pci-" + rules.LabelName(s.Type)
		}
		for i := range s.CallsTypes {
			s.CallsTypes[i] = "pci-" + rules.LabelName(s.CallsTypes[i])
		}
		s.Namespaces = []string{"pci-a"}
		if len(s.Name)%2 == 0 {
			s.Namespaces = []string{"pci-b"}
		}
		doc.Services = append(doc.Services, s)
	}
	return doc
}

// randomMutation applies one random change to d; it reports what it did. The caller validates.
func randomMutation(r *rand.Rand, d *rules.Document, fresh *int) string {
	pick := func() *rules.Service { return &d.Services[r.IntN(len(d.Services))] }
	types := []string{}
	for _, s := range d.Services {
		if s.Type != "" && !slices.Contains(types, s.Type) {
			types = append(types, s.Type)
		}
	}
	switch r.IntN(10) {
	case 0: // a service added, with callers
		*fresh++
		s := rules.Service{Name: fmt.Sprintf("service.fresh%d", *fresh), Namespaces: []string{fmt.Sprintf("team-%03d", r.IntN(5))},
			Ports: []rules.Port{{Port: int32(8000 + r.IntN(3))}}, Type: types[r.IntN(len(types))]}
		if r.IntN(2) == 0 {
			s.Type = ""
		}
		for range 1 + r.IntN(3) {
			c := pick()
			c.Calls = append(c.Calls, s.Name)
		}
		d.Services = append(d.Services, s)
		return "added " + s.Name
	case 1: // a service removed
		s := pick()
		name := s.Name
		removeService(d, name)
		return "removed " + name
	case 2: // a link added
		a, b := pick(), pick()
		if a.Name == b.Name || slices.Contains(a.Calls, b.Name) {
			return ""
		}
		a.Calls = append(a.Calls, b.Name)
		return "link " + a.Name + " -> " + b.Name
	case 3: // a link removed
		a := pick()
		if len(a.Calls) == 0 {
			return ""
		}
		i := r.IntN(len(a.Calls))
		callee := a.Calls[i]
		a.Calls = slices.Delete(a.Calls, i, i+1)
		return "unlinked " + a.Name + " -> " + callee
	case 4: // a type changed, and a caller's callsTypes with it
		s, c := pick(), pick()
		typ := types[r.IntN(len(types))]
		old := s.Type
		s.Type = typ
		if old != "" && slices.Contains(c.CallsTypes, old) {
			c.CallsTypes = slices.DeleteFunc(c.CallsTypes, func(x string) bool { return x == old })
		} else if !slices.Contains(c.CallsTypes, typ) {
			c.CallsTypes = append(c.CallsTypes, typ)
		}
		return fmt.Sprintf("%s type %q -> %q, %s callsTypes %v", s.Name, old, typ, c.Name, c.CallsTypes)
	case 5: // ports
		s := pick()
		switch r.IntN(3) {
		case 0:
			s.Ports = nil
		case 1:
			s.Ports = append(s.Ports, rules.Port{Port: int32(9000 + r.IntN(50)), Protocol: []string{"", "UDP"}[r.IntN(2)]})
		default:
			s.Ports = []rules.Port{{Port: int32(7000 + r.IntN(3))}}
		}
		return fmt.Sprintf("%s ports %v", s.Name, s.Ports)
	case 6: // namespaces
		s := pick()
		if s.Zone != "" {
			s.Namespaces = []string{[]string{"pci-a", "pci-b"}[r.IntN(2)]}
		} else if r.IntN(3) == 0 {
			s.Namespaces = nil
		} else {
			s.Namespaces = []string{fmt.Sprintf("team-%03d", r.IntN(5))}
		}
		return fmt.Sprintf("%s namespaces %v", s.Name, s.Namespaces)
	case 7: // public toggled
		s := pick()
		s.Public = !s.Public
		return fmt.Sprintf("%s public %v", s.Name, s.Public)
	case 8: // the zone's namespaces: a third one, or one fewer
		z := &d.Zones[0]
		if len(z.Namespaces) == 3 {
			z.Namespaces = z.Namespaces[:2]
			for i := range d.Services {
				if d.Services[i].Zone == z.Name {
					d.Services[i].Namespaces = slices.DeleteFunc(d.Services[i].Namespaces, func(ns string) bool { return ns == "pci-c" })
				}
			}
		} else {
			z.Namespaces = append(z.Namespaces, "pci-c")
			s := pick()
			if s.Zone == z.Name {
				s.Namespaces = append(s.Namespaces, "pci-c")
			}
		}
		return fmt.Sprintf("zone namespaces %v", z.Namespaces)
	default: // a member leaves the zone, or a service joins it, with its links cut across
		s := pick()
		if s.Zone != "" {
			s.Zone, s.Namespaces = "", []string{"team-000"}
		} else {
			s.Zone, s.Namespaces, s.Public = "pci", []string{"pci-a"}, false
		}
		for i := range d.Services {
			o := &d.Services[i]
			if o.Zone != s.Zone {
				o.Calls = slices.DeleteFunc(o.Calls, func(c string) bool { return c == s.Name })
				if s.Type != "" {
					o.CallsTypes = slices.DeleteFunc(o.CallsTypes, func(t string) bool { return t == s.Type })
				}
			}
		}
		s.Calls = slices.DeleteFunc(s.Calls, func(c string) bool { return svc(d, c).Zone != s.Zone })
		s.CallsTypes = nil
		return fmt.Sprintf("%s zone %q", s.Name, s.Zone)
	}
}

// mutate returns a valid copy of d with n random changes, and the changes.
func mutateRandomly(t testing.TB, r *rand.Rand, d *rules.Document, n int, fresh *int) (*rules.Document, []string) {
	t.Helper()
	var did []string
	for len(did) < n {
		for try := 0; ; try++ {
			if try == 200 {
				t.Fatal("no valid random change in 200 tries")
			}
			next := cloneDoc(d)
			what := randomMutation(r, next, fresh)
			if what == "" {
				continue
			}
			if _, err := rules.Compile(next, rules.DefaultOptions()); err != nil {
				continue
			}
			d = next
			did = append(did, what)
			break
		}
	}
	return d, did
}

// TestTransitionOpensNothingRandom: random combinations of changes of synthetic rules with a zone,
// fixed seed: each step v0 → v1 → v2 is judged as a pair and as a chain.
func TestTransitionOpensNothingRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 7))
	base := smallZonedSynth()
	const rounds = 30
	fresh := 0
	var questions, changes, allowed int
	for i := range rounds {
		dd := i%3 == 2
		v1, did1 := mutateRandomly(t, r, base, 1+r.IntN(4), &fresh)
		v2, did2 := mutateRandomly(t, r, v1, 1+r.IntN(3), &fresh)
		changes += len(did1) + len(did2)
		tc := transitionCase{name: fmt.Sprintf("round %d", i), old: newVersion(t, base, dd), new: newVersion(t, v1, dd), third: newVersion(t, v2, dd)}
		t.Run(tc.name, func(t *testing.T) {
			t.Logf("changes: %s; then: %s", strings.Join(did1, "; "), strings.Join(did2, "; "))
			res, chain := checkTransition(t, tc)
			questions += res.questions + chain.questions
			allowed += res.allowedMid
		})
	}
	t.Logf("%d rounds, %d random changes, %d questions, %d allowed during transitions", rounds, changes, questions, allowed)
}
