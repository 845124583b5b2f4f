//go:build dataplane

package dataplane

import (
	"context"
	"strings"
	"testing"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
)

// The chart's two guards of NetworkPolicies (ValidatingAdmissionPolicies, in the API server):
// netisoGuard, no one but netiso writes netiso's policies; teamGuard, in covered namespaces no one
// else creates or changes any.
const (
	netisoGuard = "netiso-network-policies"
	teamGuard   = "netiso-team-network-policies"
)

// attack is something a namespace team tries against the policies, and the guards that may refuse
// it (an UPDATE of netiso's policy meets both).
type attack struct {
	name   string
	guards string // space-separated
	do     func(ctx context.Context, c client.Client) error
}

// try runs the attack as c and wants it refused, by one of its guards by name.
func (a attack) try(t *testing.T, c client.Client) {
	t.Helper()
	err := a.do(t.Context(), c)
	switch by := refusedBy(err, strings.Fields(a.guards)); {
	case err == nil:
		t.Errorf("%s: allowed", a.name)
	case by == "":
		t.Errorf("%s: %v, want the refusal of ValidatingAdmissionPolicy %s", a.name, err, a.guards)
	default:
		t.Logf("%s: refused by ValidatingAdmissionPolicy %s", a.name, by)
	}
}

// refusedBy is the guard err names as refusing, "" for none of guards.
func refusedBy(err error, guards []string) string {
	for _, g := range guards {
		if err != nil && strings.Contains(err.Error(), "ValidatingAdmissionPolicy '"+g+"'") {
			return g
		}
	}
	return ""
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
	u, err := env.AddUser(envtest.User{Name: name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(u.Config(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// unmoved: after attacks, netiso's policies are still exactly what doc implies, no other policy
// exists, and the packets of the questions only selects are the rules' for 2 s on end.
func unmoved(t *testing.T, doc *rules.Document, qs []question, want func(question) bool, only func(question) bool) {
	t.Helper()
	if diff, err := holdsExactly(t.Context(), doc); err != nil {
		t.Fatal(err)
	} else if diff != "" {
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
	var some []question
	for _, q := range qs {
		if only(q) {
			some = append(some, q)
		}
	}
	rounds, wrong := steady(some, want, 2*time.Second)
	connect := 0
	for _, q := range some {
		if want(q) {
			connect++
		}
	}
	t.Logf("after the attacks: %d questions (%d connect, %d refused) probed %d times in 2 s, %d differ from the rules",
		len(some), connect, len(some)-connect, rounds, len(wrong))
	if len(wrong) > 0 {
		t.Errorf("the attacks moved packets:\n%s", strings.Join(wrong, "\n"))
	}
}

// TestAttacksLeaveMatrixUnchanged: a namespace team holding only the edit role in the covered
// namespaces tries to open a protected service (ledger, in bank) by a policy of its own, and to
// delete and to patch open netiso's policy for it: the chart's guards refuse each, naming
// themselves, with netiso running and with it stopped (then nothing but the guard stands between
// the attack and the packets: a write that got through would stay). Afterwards netiso holds
// exactly the rules' policies, no other policy exists, and on packets every question whose
// destination is in bank is answered as the rules say.
func TestAttacksLeaveMatrixUnchanged(t *testing.T) {
	held(t, base)
	ledger := types.NamespacedName{Namespace: "bank", Name: policy.Name("ledger")}
	team := editUser(t, "team", shopNS, "bank", "ops", "payments")
	attacks := []attack{
		{"create an allow-all ingress policy in ledger's namespace", teamGuard, func(ctx context.Context, c client.Client) error {
			return c.Create(ctx, harness.AllowAll(ledger.Namespace, "team-allow-all", false))
		}},
		{"create a policy named like netiso's", netisoGuard + " " + teamGuard, func(ctx context.Context, c client.Client) error {
			return c.Create(ctx, harness.AllowAll(ledger.Namespace, "netiso-team", false))
		}},
		{"delete netiso's policy for ledger", netisoGuard, func(ctx context.Context, c client.Client) error {
			return c.Delete(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ledger.Namespace, Name: ledger.Name}})
		}},
		{"patch netiso's policy for ledger open", netisoGuard + " " + teamGuard, func(ctx context.Context, c client.Client) error {
			np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ledger.Namespace, Name: ledger.Name}}
			return c.Patch(ctx, np, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"ingress":[{}]}}`)))
		}},
		{"delete every policy of ledger's namespace", netisoGuard, func(ctx context.Context, c client.Client) error {
			return c.DeleteAllOf(ctx, &networkingv1.NetworkPolicy{}, client.InNamespace(ledger.Namespace))
		}},
	}
	t.Run("netiso running", func(t *testing.T) {
		for _, a := range attacks {
			a.try(t, team)
		}
	})
	t.Run("netiso stopped", func(t *testing.T) {
		webhook.stop()
		t.Cleanup(func() {
			if err := webhook.start(); err != nil {
				t.Errorf("restarting the webhook: %v", err)
			}
		})
		for _, a := range attacks {
			a.try(t, team)
		}
		unmoved(t, base, shared.questions(nil), granted(base), func(q question) bool { return q.dst.namespace == ledger.Namespace })
	})
}
