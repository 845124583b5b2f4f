//go:build dataplane

package dataplane

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/test/harness"
)

// TestZonesOnPackets: the zoned bank example (examples/pci: zone pci in namespaces pci and pci-dr,
// its members calling each other by name and by type, and the rest of the bank outside) joins the
// suite's rules by a change of the rules ConfigMap and nothing else, in the same cluster, where a
// pod of each of its services already runs in each namespace it may run in (created under the
// suite's rules, which do not know them: the webhook gave them no managed label); the cluster DNS
// (kube-system, k8s-app=kube-dns, listening on 53) that the zone's egress policy lets through, and
// a pod beside it without the DNS label. netiso relabels the pods and applies the zone's policies
// (in two steps: policy.Transition); once it holds exactly what the zoned rules imply, two pods
// are added past a bypassed webhook (failing open, the webhook and its reconciler stopped), each
// carrying every managed label: one in default, outside the zone, and one in pci, a member's
// identity. For every source pod, destination pod and port of the whole cluster, a real TCP
// connect succeeds exactly when the rules allow it, and cyclonus, judging egress as well as
// ingress, agrees; and, stated directly: the forger outside reaches no member, the forger inside
// reaches nothing outside the zone but the DNS on 53, and each reaches something on its own side.
// A namespace team holding the edit role in the zone's namespaces can neither open the zone's
// egress nor delete its egress policy (the chart's guard, with netiso stopped), and the packets do
// not move. On Calico, the zoned rules' audit stage runs first (auditStage).
func TestZonesOnPackets(t *testing.T) {
	ctx := t.Context()
	held(t, base)
	pci, err := rules.Load("../../examples/pci/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	zoned := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Zones: pci.Zones, Services: slices.Concat(base.Services, pci.Services)}
	r, err := rules.Compile(zoned, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Afterwards (cleanups run last first: once the pods below are gone and the webhook is back)
	// the suite's rules again, and netiso holding their policies.
	t.Cleanup(func() { restoreRules(t) })

	// The bank's pods, before the rules name them (each asking for every managed label), and the DNS.
	if err := ensureNamespaces(ctx, zoned); err != nil {
		t.Fatal(err)
	}
	forged := func(identity string) map[string]string { return forgedLabels(zoned, identity) }
	todos := serviceTodos(pci.Services, forged)
	for _, d := range []struct {
		name string
		dns  bool
	}{{"kube-dns", true}, {"not-dns", false}} {
		todos = append(todos, todo{p: &pod{name: d.name, namespace: "kube-system", dns: d.dns, ports: []int{policy.DefaultDNSPort, closed}},
			labels: map[string]string{"k8s-app": d.name}})
	}
	added, err := createPods(ctx, todos)
	t.Cleanup(func() { deletePods(t, added) })
	if err != nil {
		t.Fatal(err)
	}

	// The zone in the rules ConfigMap: nothing else changes.
	if err := setRules(ctx, docJSON(zoned)); err != nil {
		t.Fatal(err)
	}
	t.Logf("the zone added to the rules ConfigMap: netiso holds the zoned rules' policies after %s", held(t, zoned).Round(time.Millisecond))
	grants := func(p *pod) (got, want map[string]string, err error) {
		grant, _ := r.Lookup(p.service, p.namespace)
		l, err := labelsOf(ctx, p)
		return managed(l), grant.Labels(), err
	}
	eventually(t, "the bank's running pods to carry the zoned rules' grants", 30*time.Second, func() bool {
		for _, p := range added {
			if got, want, err := grants(p); p.service != "" && (err != nil || !maps.Equal(got, want)) {
				return false
			}
		}
		return true
	})

	// On Calico, the zoned rules' audit stage (before the forgers: their bypass stops the webhook),
	// then enforcing again.
	if enforcer == "calico" {
		t.Run("audit stage", func(t *testing.T) {
			w := &world{doc: zoned, pods: slices.Concat(shared.pods, added)}
			auditStage(t, w, zoned, dropMarkers(w.questions(nil), zoned))
		})
		held(t, zoned)
	}

	// The forgers, past a bypassed webhook.
	bypassWebhook(t)
	member := pci.Services[0] // card.api, in pci
	forgers, err := createPods(ctx, []todo{
		{p: &pod{name: "forger", namespace: shopNS, service: "accounts", policed: true, forgesAll: true}, labels: forged("accounts")},
		{p: &pod{name: "forger", namespace: member.Namespaces[0], service: member.Name, policed: true, forgesAll: true}, labels: forged(member.Name)},
	})
	t.Cleanup(func() { deletePods(t, forgers) })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range forgers {
		if l, err := labelsOf(ctx, p); err != nil {
			t.Fatal(err)
		} else if !maps.Equal(l, forged(p.service)) {
			t.Fatalf("%s: the bypass did not hold: it has %v", p, l)
		}
	}

	w := &world{doc: zoned, pods: slices.Concat(shared.pods, added, forgers)}
	want := granted(zoned)
	qs := w.questions(nil)
	all, got, m := judge(t, w, qs, want)

	inZone := func(p *pod) bool { return r.NamespaceZone(p.namespace) != "" }
	var zone tally
	crossing := map[*pod][2]int{} // per forger: connections across the boundary, and on its own side (DNS aside)
	for i, q := range qs {
		if inZone(q.src) || inZone(q.dst) {
			zone.count(q, got[i], m.allowed(q), want(q))
		}
		if q.src.forgesAll && got[i] {
			c := crossing[q.src]
			switch {
			case inZone(q.src) != inZone(q.dst) && !(inZone(q.src) && q.dst.dns && q.port == policy.DefaultDNSPort):
				c[0]++
				t.Errorf("%s crosses the zone's boundary", q)
			case !q.dst.dns:
				c[1]++
			}
			crossing[q.src] = c
		}
	}
	t.Logf("zone pci: %d pods in and %d out; questions with a zone pod at either end: %s",
		countPods(w, inZone), countPods(w, func(p *pod) bool { return !inZone(p) }), &zone)
	t.Logf("whole cluster with the zone, %d pods in %d namespaces: %s", len(w.pods), countNamespaces(w), &all)
	for _, f := range forgers {
		c := crossing[f]
		t.Logf("%s (every managed label): %d connections across the boundary, %d on its own side", f, c[0], c[1])
		if c[1] == 0 {
			t.Errorf("%s reaches nothing on its own side: the check is vacuous", f)
		}
	}
	// Members call members (card.api -> card.vault, card.tokeniser; card.audit -> pci-store), across
	// the zone's two namespaces too.
	calls, across := 0, 0
	for i, q := range qs {
		if got[i] && inZone(q.src) && inZone(q.dst) && !q.src.forgesAll {
			calls++
			if q.src.namespace != q.dst.namespace {
				across++
			}
		}
	}
	t.Logf("member to member: %d connect, %d of them between pci and pci-dr", calls, across)
	if calls == 0 || across == 0 {
		t.Errorf("members reach %d members, %d across the zone's namespaces: want some of each", calls, across)
	}

	// A namespace team with the edit role in the zone's namespaces tries to open the zone's
	// egress, and to delete its egress policy: the chart's guard refuses both (netiso is stopped,
	// so nothing else stands in the way), and the packets from the zone do not move.
	team := editUser(t, "team-pci", pci.Zones[0].Namespaces...)
	for _, a := range []attack{
		{"create an allow-all egress policy in a zone namespace", teamGuard, func(ctx context.Context, c client.Client) error {
			return c.Create(ctx, harness.AllowAll("pci", "team-egress", true))
		}},
		{"delete the zone's egress policy", netisoGuard, func(ctx context.Context, c client.Client) error {
			return c.Delete(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: "pci", Name: policy.ZoneName("pci")}})
		}},
	} {
		a.try(t, team)
	}
	unmoved(t, zoned, qs, want, func(q question) bool { return inZone(q.src) })

	// The two defences that do not rest on labels are the packets' doing: with either taken away,
	// a forger crosses the boundary; with it back, the rules' matrix again. netiso would restore the
	// policy at once: it is stopped already (the bypass), and the policy is taken away and put back
	// as the garbage collector, whom the chart's guard lets write netiso's policies.
	outside, inside := forgers[0], forgers[1]
	for _, c := range []struct {
		name   string
		key    client.ObjectKey
		forger *pod
		edit   func(*networkingv1.NetworkPolicy) // nil: delete the policy
	}{
		{"without pci's zone egress policy", client.ObjectKey{Namespace: inside.namespace, Name: policy.ZoneName("pci")}, inside, nil},
		{"card.vault admitting its label from any covered namespace", client.ObjectKey{Namespace: "pci", Name: policy.Name("card.vault")}, outside,
			func(np *networkingv1.NetworkPolicy) {
				for i := range np.Spec.Ingress {
					for _, peer := range np.Spec.Ingress[i].From {
						if sel := peer.NamespaceSelector; sel != nil {
							sel.MatchExpressions = slices.DeleteFunc(sel.MatchExpressions, func(e metav1.LabelSelectorRequirement) bool {
								return e.Key == scope.NamespaceNameLabel && e.Operator == metav1.LabelSelectorOpIn
							})
						}
					}
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var np networkingv1.NetworkPolicy
			if err := k8s.Get(ctx, c.key, &np); err != nil {
				t.Fatal(err)
			}
			kept := np.DeepCopy()
			if c.edit == nil {
				err = gc.Delete(ctx, &np)
			} else {
				c.edit(&np)
				err = gc.Update(ctx, &np)
			}
			if err != nil {
				t.Fatal(err)
			}
			var out []question
			for _, q := range qs {
				if q.src == c.forger && inZone(q.src) != inZone(q.dst) && !q.dst.dns {
					out = append(out, q)
				}
			}
			crossed := 0
			start := time.Now()
			for crossed == 0 && time.Since(start) < 30*time.Second {
				for _, ok := range probe(out, nil) {
					if ok {
						crossed++
					}
				}
			}
			t.Logf("%s crosses the boundary %d times of %d (after %s)", c.forger, crossed, len(out), time.Since(start).Round(time.Millisecond))
			if crossed == 0 {
				t.Errorf("%s: no forger got through: the packets do not show this defence", c.name)
			}

			if c.edit == nil {
				kept.ResourceVersion = ""
				err = gc.Create(ctx, kept)
			} else {
				np.Spec = kept.Spec
				err = gc.Update(ctx, &np)
			}
			if err != nil {
				t.Fatal(err)
			}
			got, rounds, took := converge(qs, want, 60*time.Second)
			for i, q := range qs {
				if got[i] != want(q) {
					t.Errorf("%s: packets %v with the policy back, rules %v", q, got[i], want(q))
				}
			}
			t.Logf("the policy back: the rules' matrix again after %d rounds, %s", rounds, took.Round(time.Millisecond))
		})
	}
}

// bypassWebhook is the webhook bypassed until the test ends: the webhook and its reconciler
// stopped (netiso's policy owner with them), and its configuration failing open (failurePolicy
// Ignore), so pods are created with whatever labels they ask for (the chart's
// ValidatingAdmissionPolicy judges UPDATEs only) and nothing relabels them. Not by deleting the
// configuration: it owns netiso's policies, and in a cluster the garbage collector would delete
// them with it. Afterwards the configuration fails closed again and the webhook again labels what
// is created.
func bypassWebhook(t *testing.T) {
	t.Helper()
	ctx := t.Context()
	failurePolicies := func(ctx context.Context, set func(i int) *admissionregv1.FailurePolicyType) ([]*admissionregv1.FailurePolicyType, error) {
		var mwc admissionregv1.MutatingWebhookConfiguration
		if err := k8s.Get(ctx, keyOf(webhookConfiguration), &mwc); err != nil {
			return nil, err
		}
		var was []*admissionregv1.FailurePolicyType
		for i := range mwc.Webhooks {
			was = append(was, mwc.Webhooks[i].FailurePolicy)
			mwc.Webhooks[i].FailurePolicy = set(i)
		}
		return was, k8s.Update(ctx, &mwc)
	}
	webhook.stop()
	ignore := admissionregv1.Ignore
	was, err := failurePolicies(ctx, func(int) *admissionregv1.FailurePolicyType { return &ignore })
	t.Cleanup(func() {
		if err == nil {
			if _, err := failurePolicies(context.Background(), func(i int) *admissionregv1.FailurePolicyType { return was[i] }); err != nil {
				t.Errorf("restoring the webhook configuration: %v", err)
			}
		}
		if err := webhook.start(); err != nil {
			t.Errorf("restarting the webhook: %v", err)
			return
		}
		eventually(t, "the webhook to label pods again", 30*time.Second, func() bool { return !keepsForgedLabels(context.Background()) })
	})
	if err != nil {
		t.Fatal(err)
	}
	// The API server learns of the change through a watch: until a pod keeps forged labels, the
	// configuration fails closed.
	eventually(t, "the API server to let pods past the stopped webhook", 30*time.Second, func() bool { return keepsForgedLabels(ctx) })
}

// keepsForgedLabels: a pod asking for every managed label in a covered namespace (a dry run)
// would be created with them all.
func keepsForgedLabels(ctx context.Context) bool {
	l := forgedLabels(base, "accounts")
	obj := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "bypass-check", Namespace: shopNS, Labels: maps.Clone(l)},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "registry.invalid/netiso-dataplane:test"}}}}
	if err := k8s.Create(ctx, obj, client.DryRunAll); err != nil {
		return false
	}
	return maps.Equal(obj.Labels, l)
}

func deletePods(t testing.TB, pods []*pod) {
	for _, p := range pods {
		deletePod(t, p)
	}
}
