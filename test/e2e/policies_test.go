//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
)

// refusedByGuard: err is the refusal of one of the chart's NetworkPolicy guards, not of RBAC.
func refusedByGuard(err error) bool {
	return err != nil && strings.Contains(err.Error(), "ValidatingAdmissionPolicy 'netiso-")
}

// gcUser is the garbage collector's identity, which the chart's guard lets delete netiso's policies
// (so that uninstalling deletes them): here, the one way left to change them behind netiso's back.
const gcUser = "system:serviceaccount:kube-system:generic-garbage-collector"

// policyOptions are the options the suite's webhook generates policies with (its flags).
func policyOptions() policy.Options {
	o := policy.DefaultOptions()
	o.ServiceLabel, o.NetisoNamespace = serviceLabel, netisoNamespace
	return o
}

// implied is what the rules r imply, by key.
func implied(t *testing.T, r *rules.Compiled) map[types.NamespacedName]*networkingv1.NetworkPolicy {
	t.Helper()
	nps, err := policy.Generate(r, policyOptions())
	if err != nil {
		t.Fatal(err)
	}
	return policy.ByKey(nps)
}

// held lists netiso's policies in the cluster.
func held(t *testing.T) map[types.NamespacedName]*networkingv1.NetworkPolicy {
	t.Helper()
	var list networkingv1.NetworkPolicyList
	if err := k8s.List(context.Background(), &list, client.MatchingLabels{policy.ManagedByLabel: policy.ManagedBy}); err != nil {
		t.Fatal(err)
	}
	out := map[types.NamespacedName]*networkingv1.NetworkPolicy{}
	for i := range list.Items {
		out[policy.Key(&list.Items[i])] = &list.Items[i]
	}
	return out
}

// holdsExactly: netiso's policies in the cluster are want, spec for spec, each written by netiso
// and owned by the webhook configuration.
func holdsExactly(t *testing.T, want map[types.NamespacedName]*networkingv1.NetworkPolicy) string {
	got := held(t)
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			return fmt.Sprintf("%s missing", k)
		case !apiequality.Semantic.DeepEqual(g.Spec, w.Spec):
			return fmt.Sprintf("%s differs", k)
		case !slices.ContainsFunc(g.ManagedFields, func(m metav1.ManagedFieldsEntry) bool {
			return m.Manager == "netiso" && m.Operation == metav1.ManagedFieldsOperationApply
		}):
			return fmt.Sprintf("%s not applied by netiso", k)
		case len(g.OwnerReferences) != 1 || g.OwnerReferences[0].Kind != "MutatingWebhookConfiguration":
			return fmt.Sprintf("%s owner references %v", k, g.OwnerReferences)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && !deniesRunning(t, g) {
			return fmt.Sprintf("%s not implied by the rules", k)
		}
	}
	return ""
}

// deniesRunning: np is the deny netiso keeps for a destination gone from the rules while its pods
// run, and they do.
func deniesRunning(t *testing.T, np *networkingv1.NetworkPolicy) bool {
	if len(np.Spec.Ingress) > 0 || !slices.Equal(np.Spec.PolicyTypes, []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}) {
		return false
	}
	var pods corev1.PodList
	if err := k8s.List(context.Background(), &pods, client.InNamespace(np.Namespace), client.MatchingLabels(np.Spec.PodSelector.MatchLabels)); err != nil {
		t.Fatal(err)
	}
	return len(pods.Items) > 0
}

func awaitPolicies(t *testing.T, what string, want map[types.NamespacedName]*networkingv1.NetworkPolicy) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		diff := holdsExactly(t, want)
		if diff == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after 30s waiting for %s: %s", what, diff)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// editUser is a user holding only Kubernetes' built-in edit role, in the namespaces given: what a
// namespace team has (it includes NetworkPolicies). The edit role is an aggregation that
// kube-controller-manager fills, and envtest runs none: the user is bound to the two roles it
// aggregates, system:aggregate-to-edit and system:aggregate-to-view, which the API server creates.
func editUser(t *testing.T, name string, namespaces ...string) client.Client {
	t.Helper()
	for _, rb := range harness.EditRoleBindings(name, namespaces...) {
		if err := k8s.Create(t.Context(), rb); err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatal(err)
		}
	}
	return userClient(t, envtest.User{Name: name})
}

func userClient(t *testing.T, u envtest.User) client.Client {
	t.Helper()
	user, err := env.AddUser(u, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(rest.CopyConfig(user.Config()), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// attack is something a namespace team tries against netiso's policies.
type attack struct {
	name string
	do   func(ctx context.Context, c client.Client) error
}

// attacks on the policies in ns: of service's destination policy, and (zone non-empty) of the
// zone's egress policy there.
func attacks(ns, service, zone string) []attack {
	dest := types.NamespacedName{Namespace: ns, Name: policy.Name(service)}
	out := []attack{
		{"create an allow-all ingress policy", func(ctx context.Context, c client.Client) error {
			return c.Create(ctx, harness.AllowAll(ns, "team-allow-all", false))
		}},
		{"create a policy named like netiso's", func(ctx context.Context, c client.Client) error {
			return c.Create(ctx, harness.AllowAll(ns, "netiso-team", false))
		}},
		{"delete netiso's policy", func(ctx context.Context, c client.Client) error {
			return c.Delete(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: dest.Namespace, Name: dest.Name}})
		}},
		{"patch netiso's policy open", func(ctx context.Context, c client.Client) error {
			np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: dest.Namespace, Name: dest.Name}}
			return c.Patch(ctx, np, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"ingress":[{}]}}`)))
		}},
		{"delete every policy of the namespace", func(ctx context.Context, c client.Client) error {
			return c.DeleteAllOf(ctx, &networkingv1.NetworkPolicy{}, client.InNamespace(ns))
		}},
	}
	if zone != "" {
		out = append(out,
			attack{"create an allow-all egress policy in a zone namespace", func(ctx context.Context, c client.Client) error {
				return c.Create(ctx, harness.AllowAll(ns, "team-egress", true))
			}},
			attack{"delete the zone's egress policy", func(ctx context.Context, c client.Client) error {
				return c.Delete(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: policy.ZoneName(zone)}})
			}})
	}
	return out
}

// refuses runs each attack as c and wants it refused by the API server, leaving netiso's policies
// exactly want.
func refuses(t *testing.T, c client.Client, as []attack, want map[types.NamespacedName]*networkingv1.NetworkPolicy) {
	t.Helper()
	for _, a := range as {
		if err := a.do(t.Context(), c); !refusedByGuard(err) {
			t.Errorf("%s: %v, want the guard's refusal", a.name, err)
		}
	}
	if diff := holdsExactly(t, want); diff != "" {
		t.Errorf("after the attacks: %s", diff)
	}
	var list networkingv1.NetworkPolicyList
	if err := k8s.List(t.Context(), &list); err != nil {
		t.Fatal(err)
	}
	for _, np := range list.Items {
		if np.Labels[policy.ManagedByLabel] != policy.ManagedBy {
			t.Errorf("a policy that is not netiso's: %s/%s", np.Namespace, np.Name)
		}
	}
}

// TestPoliciesOwned: netiso holds exactly the policies the rules imply, and a namespace team
// holding the built-in edit role can neither add a policy of its own in a covered namespace nor
// change or delete netiso's, with netiso's process running or stopped (the guard is in the API
// server). What the guard lets through (the garbage collector) is restored within a second.
func TestPoliciesOwned(t *testing.T) {
	want := implied(t, compiled(t, baseRules))
	awaitPolicies(t, "netiso to hold the rules' policies", want)
	team := editUser(t, "team-default", "default")
	as := attacks("default", "frontend", "")

	t.Run("netiso running", func(t *testing.T) { refuses(t, team, as, want) })
	t.Run("restored", func(t *testing.T) {
		// The owner counts a repair only where it has seen the policy as wanted: wait until the
		// elected replica (restarted by an earlier test, perhaps) has visited every one.
		eventually(t, "the owner to visit every policy", func() bool {
			return counter(metrics(t), `controller_runtime_reconcile_total{controller="netiso-policies",result="success"}`) >= float64(len(want))
		})
		gc := userClient(t, envtest.User{Name: gcUser, Groups: []string{"system:masters"}})
		key := types.NamespacedName{Namespace: "default", Name: policy.Name("frontend")}
		for _, change := range []struct {
			name string
			do   func() error
		}{
			{"deleted", func() error {
				return gc.Delete(t.Context(), &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name}})
			}},
			{"changed", func() error {
				np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name}}
				return gc.Patch(t.Context(), np, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"ingress":[{}]}}`)))
			}},
		} {
			start := time.Now()
			if err := change.do(); err != nil {
				t.Fatalf("%s as the garbage collector: %v", change.name, err)
			}
			eventually(t, "the policy restored", func() bool { return holdsExactly(t, want) == "" })
			t.Logf("%s: restored after %v", change.name, time.Since(start).Round(time.Millisecond))
			if got := counter(metrics(t), `netiso_policies_repaired_total{reason="`+change.name+`"}`); got < 1 {
				t.Errorf("netiso_policies_repaired_total{reason=%q} = %v", change.name, got)
			}
		}
	})
	t.Run("netiso stopped", func(t *testing.T) {
		webhook.Stop()
		t.Cleanup(func() {
			if err := webhook.Start(); err != nil {
				t.Fatal(err)
			}
		})
		refuses(t, team, as, want)
	})
}

// TestPoliciesFollowRules: a rules ConfigMap change is all it takes. A destination added gets its
// policy once its callers carry their label; a destination removed is closed while its pods run
// and its policy goes with them; the set held is always what the rules imply.
func TestPoliciesFollowRules(t *testing.T) {
	base := compiled(t, baseRules)
	awaitPolicies(t, "netiso to hold the rules' policies", implied(t, base))
	t.Cleanup(func() { setRules(t, baseRules) })

	// ledger (bank) gains a callee, audit (bank), new to the rules.
	caller := pod(bankNamespace, "ledger", nil)
	create(t, caller)
	t.Cleanup(func() { _ = k8s.Delete(context.Background(), caller, client.GracePeriodSeconds(0)) })
	ledger := "namespaces: [" + bankNamespace + "]\n    calls: [redis-cart]\n"
	if !strings.Contains(string(baseRules), ledger) {
		t.Fatal("the suite's rules have changed: ledger's entry not found")
	}
	added := []byte(strings.Replace(string(baseRules), ledger, "namespaces: ["+bankNamespace+"]\n    calls: [redis-cart, audit]\n", 1) +
		"  - name: audit\n    namespaces: [" + bankNamespace + "]\n")
	next := compiled(t, added)
	key := types.NamespacedName{Namespace: bankNamespace, Name: policy.Name("audit")}
	setRules(t, added)
	// Each round reads the policy first, then the label: a policy seen before a label read
	// without it was applied before the caller carried its label.
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, applied := held(t)[key]
		labelled := get(t, caller).Labels[next.Options().CalleeKey("audit")] == rules.LabelValue
		if applied && !labelled {
			t.Fatal("audit's policy was applied before its caller carried its label")
		}
		if applied {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s: caller labelled %v, policy applied %v", labelled, applied)
		}
		time.Sleep(10 * time.Millisecond)
	}
	awaitPolicies(t, "the new rules' policies", implied(t, next))

	// audit leaves the rules while a pod of it runs: closed to everyone, not opened.
	running := pod(bankNamespace, "audit", nil)
	create(t, running)
	setRules(t, baseRules)
	eventually(t, "audit's policy to deny all", func() bool {
		np, ok := held(t)[key]
		return ok && len(np.Spec.Ingress) == 0 && slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress)
	})
	if err := k8s.Delete(t.Context(), running, client.GracePeriodSeconds(0)); err != nil {
		t.Fatal(err)
	}
	// The deny goes once no pod of audit runs (checked every 30 s).
	deadline = time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		if _, ok := held(t)[key]; !ok {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, ok := held(t)[key]; ok {
		t.Errorf("audit's deny outlived its pods by 45 s")
	}
	awaitPolicies(t, "the base rules' policies again", implied(t, base))
}

// invalid rules for policies (a service named like the default-deny policy) are refused whole: the
// last good rules keep serving, labels and policies alike.
func TestPoliciesRefuseInvalid(t *testing.T) {
	base := compiled(t, baseRules)
	awaitPolicies(t, "netiso to hold the rules' policies", implied(t, base))
	t.Cleanup(func() { setRules(t, baseRules) })
	before := counter(metrics(t), `netiso_rules_reload_errors_total{reason="invalid"}`)
	setRules(t, append(append([]byte{}, baseRules...), []byte("  - name: default-deny-ingress\n")...))
	eventually(t, "the rules refused", func() bool {
		return counter(metrics(t), `netiso_rules_reload_errors_total{reason="invalid"}`) > before
	})
	if diff := holdsExactly(t, implied(t, base)); diff != "" {
		t.Errorf("after invalid rules: %s", diff)
	}
	p := pod(newNamespace(t, nil), "frontend", nil)
	create(t, p)
	if p.Annotations["netiso.dev/rules-hash"] != base.Hash() {
		t.Errorf("pod labelled by rules %s, want the last good %s", p.Annotations["netiso.dev/rules-hash"], base.Hash())
	}
}
