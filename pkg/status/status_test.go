package status

import (
	"slices"
	"strings"
	"testing"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/replica"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

const testRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
  - name: ci
    publicKey: |
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6xS9BpxuImOpx6DJz7YTsupokIhP
      2f+0DPexQ8+Ck5b6ooFtBUlzZBQpoCJZSAZFwDohS7aO4/MK2vNSbNpyNw==
      -----END PUBLIC KEY-----
services:
  - name: frontend
    namespaces: [shop]
    calls: [cart, ledger]
  - name: cart
    namespaces: [shop]
  - name: ledger
    namespaces: [shop]
    identity: {serviceAccounts: [ledger]}
  - name: signer
    namespaces: [shop]
    calls: [cart]
    identity: {signedBy: [ci]}
`

const (
	egCart   = "egress.netiso.dev/cart"
	egLedger = "egress.netiso.dev/ledger"
)

func compiled(t *testing.T, doc string) *rules.Compiled {
	t.Helper()
	d, err := rules.Parse("test.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(d, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// world is a healthy cluster: one replica serving the rules in enforce mode with the enforce
// stage, the chart's webhook configuration, a frontend pod carrying its grant and the policies the
// rules compile to.
func world(t *testing.T, c *rules.Compiled) Cluster {
	t.Helper()
	rec := replica.Record{RulesVersion: c.Hash(), RulesConfigMap: "netiso-system/netiso-rules", Mode: "enforce", Namespace: "netiso-system",
		ServiceLabel: "app", EgressPrefix: rules.DefaultEgressPrefix, EgressTypePrefix: rules.DefaultEgressTypePrefix,
		ManagePolicies: true, PolicyStage: "enforce", WebhookConfiguration: "netiso", DefaultNamespace: "shop"}
	nps, err := policy.Generate(c, rec.PolicyOptions())
	if err != nil {
		t.Fatal(err)
	}
	return Cluster{
		Namespace: "netiso-system",
		Replicas:  []Replica{{Pod: "netiso-a", Record: &rec}},
		Rules:     c, RulesSource: "configmap/netiso-system/netiso-rules",
		WebhookName: "netiso",
		Webhook: &admissionregistrationv1.MutatingWebhookConfiguration{Webhooks: []admissionregistrationv1.MutatingWebhook{{
			Name:              "pods.netiso.dev",
			NamespaceSelector: scope.NamespaceSelector("netiso-system"),
			Rules: []admissionregistrationv1.RuleWithOperations{{Operations: []admissionregistrationv1.OperationType{admissionregistrationv1.Create, admissionregistrationv1.Update},
				Rule: admissionregistrationv1.Rule{Resources: []string{"pods"}}}},
		}}},
		Namespaces: []Namespace{{Name: "shop"}, {Name: "netiso-system"}, {Name: "kube-system"}, {Name: "legacy", Labels: map[string]string{scope.ExemptLabel: "true"}}},
		Pods:       []Pod{pod("frontend-1", "frontend", c.Hash(), egCart, egLedger)},
		Policies:   nps,
	}
}

func pod(name, service, hash string, managed ...string) Pod {
	p := Pod{Namespace: "shop", Name: name, Labels: map[string]string{}, Annotations: map[string]string{}, Spec: &corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "registry.example/app:1"}}}}
	if service != "" {
		p.Labels["app"] = service
	}
	if hash != "" {
		p.Annotations[mutate.AnnotationRulesHash] = hash
	}
	for _, k := range managed {
		p.Labels[k] = "true"
	}
	return p
}

func TestHealthy(t *testing.T) {
	c := compiled(t, testRules)
	r := Compute(world(t, c))
	if !r.Healthy || len(r.Drift) != 0 {
		t.Fatalf("a healthy cluster: drift %q", r.Drift)
	}
	if r.Pods.Judged != 1 || len(r.Pods.Differ) != 0 {
		t.Errorf("pods: %+v", r.Pods)
	}
	if !r.Policies.Checked || r.Policies.Expected != 4 || len(r.Policies.Findings) != 0 {
		t.Errorf("policies: %+v", r.Policies)
	}
	if len(r.Replicas) != 1 || r.Replicas[0].RulesVersion != c.Hash() || r.Replicas[0].Mode != "enforce" {
		t.Errorf("replicas: %+v", r.Replicas)
	}
	want := []ExemptNamespace{{Name: "kube-system", Why: "always exempt"}, {Name: "legacy", Why: "labelled netiso.dev/exempt=true"}, {Name: "netiso-system", Why: "netiso's own namespace"}}
	if !slices.Equal(r.Exempt, want) {
		t.Errorf("exempt: %+v, want %+v", r.Exempt, want)
	}
	if text := r.Text(); !strings.HasPrefix(text, "netiso status: healthy\n") {
		t.Errorf("text:\n%s", text)
	}
}

func TestPods(t *testing.T) {
	c := compiled(t, testRules)
	cases := []struct {
		name     string
		pod      Pod
		grant    mutate.Reason
		cause    string
		lacks    []string
		carries  []string
		under    string
		unjudged bool
	}{
		{name: "forged past a bypassed webhook", pod: pod("cart-1", "cart", "", egLedger),
			grant: mutate.ReasonGranted, cause: CauseForged, carries: []string{egLedger}},
		{name: "forged with no identity", pod: pod("anon", "", "", egCart),
			grant: mutate.ReasonNoIdentity, cause: CauseForged, carries: []string{egCart}},
		{name: "a wrong value is not the grant", pod: func() Pod { p := pod("frontend-2", "frontend", c.Hash(), egLedger); p.Labels[egCart] = "yes"; return p }(),
			grant: mutate.ReasonGranted, cause: CauseForged, lacks: []string{egCart}, carries: []string{egCart}},
		{name: "labelled under older rules", pod: pod("frontend-3", "frontend", "0123abcd", egCart),
			grant: mutate.ReasonGranted, cause: CauseStaleRules, lacks: []string{egLedger}, under: "0123abcd"},
		{name: "a relabel no webhook made", pod: pod("frontend-4", "frontend", "reconcile-"+c.Hash()),
			grant: mutate.ReasonGranted, cause: CauseRelabelPending, lacks: []string{egCart, egLedger}},
		{name: "never labelled", pod: pod("frontend-5", "frontend", ""),
			grant: mutate.ReasonGranted, cause: CauseNotLabelled, lacks: []string{egCart, egLedger}},
		{name: "labels removed since", pod: pod("frontend-6", "frontend", c.Hash(), egCart),
			grant: mutate.ReasonGranted, cause: CauseLabelsRemoved, lacks: []string{egLedger}},
		{name: "unknown service", pod: pod("x", "nosuch", "", egCart),
			grant: mutate.ReasonUnknownService, cause: CauseForged, carries: []string{egCart}},
		{name: "identity not proven", pod: pod("ledger-1", "ledger", "", egCart),
			grant: mutate.ReasonIdentityNotProven, cause: CauseForged, carries: []string{egCart}},
		{name: "a signature only the webhook checks", pod: func() Pod {
			p := pod("signer-1", "signer", c.Hash(), egCart)
			p.Spec.Containers[0].Image = "registry.example/signer@sha256:" + strings.Repeat("ab", 32)
			return p
		}(), grant: mutate.ReasonSignaturePending, unjudged: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := world(t, c)
			w.Pods = append(w.Pods, tc.pod)
			r := Compute(w)
			if tc.unjudged {
				if !r.Healthy || len(r.Pods.Unjudged) != 1 || r.Pods.Unjudged[0].Grant != tc.grant || r.Pods.Judged != 1 {
					t.Errorf("want the pod unjudged and no drift: %+v, drift %q", r.Pods, r.Drift)
				}
				return
			}
			if r.Healthy || len(r.Pods.Differ) != 1 {
				t.Fatalf("want one pod differing, and drift: %+v, drift %q", r.Pods, r.Drift)
			}
			f := r.Pods.Differ[0]
			if f.Name != tc.pod.Name || f.Grant != tc.grant || f.Cause != tc.cause || !slices.Equal(f.Lacks, tc.lacks) || !slices.Equal(f.Carries, tc.carries) || f.LabelledUnder != tc.under {
				t.Errorf("got %+v\nwant grant %s, cause %s, lacks %v, carries %v, under %q", f, tc.grant, tc.cause, tc.lacks, tc.carries, tc.under)
			}
			if want := "1 pod whose labels are not their grant"; !slices.Contains(r.Drift, want) {
				t.Errorf("drift %q lacks %q", r.Drift, want)
			}
			if text := r.Text(); !strings.Contains(text, "shop/"+tc.pod.Name) || !strings.Contains(text, tc.cause) {
				t.Errorf("text does not name the pod and its cause:\n%s", text)
			}
		})
	}
}

func TestExemptNamespacesAreNotJudged(t *testing.T) {
	c := compiled(t, testRules)
	w := world(t, c)
	// Only the chart's namespaceSelector leaves "batch" out; "legacy" is labelled exempt.
	sel := w.Webhook.Webhooks[0].NamespaceSelector
	sel.MatchExpressions = append(sel.MatchExpressions, metaNotIn("team", "batch"))
	w.Namespaces = append(w.Namespaces, Namespace{Name: "batch", Labels: map[string]string{"team": "batch"}})
	for _, ns := range []string{"legacy", "batch", "kube-system"} {
		p := pod("forger-"+ns, "frontend", "", egCart, egLedger, "egress.netiso.dev/nosuch")
		p.Namespace = ns
		w.Pods = append(w.Pods, p)
	}
	r := Compute(w)
	if !r.Healthy || r.Pods.Judged != 1 {
		t.Fatalf("pods in exempt namespaces judged: %+v, drift %q", r.Pods, r.Drift)
	}
	i := slices.IndexFunc(r.Exempt, func(e ExemptNamespace) bool { return e.Name == "batch" })
	if i < 0 || r.Exempt[i].Why != "the webhook configuration's namespaceSelector" || !strings.Contains(r.Exempt[i].Warning, "label it netiso.dev/exempt=true") {
		t.Errorf("batch: %+v", r.Exempt)
	}
}

func TestReplicasAndWebhook(t *testing.T) {
	c := compiled(t, testRules)
	cases := map[string]struct {
		change func(*Cluster)
		drift  string
	}{
		"a replica serving older rules": {func(w *Cluster) {
			old := *w.Replicas[0].Record
			old.RulesVersion = "0123abcd"
			w.Replicas = append(w.Replicas, Replica{Pod: "netiso-b", Record: &old})
		}, "replica netiso-b serves rules 0123abcd, the ConfigMap holds " + c.Hash()},
		"a replica with no rules": {func(w *Cluster) { w.Replicas[0].Record.RulesVersion = "" }, "replica netiso-a has no rules loaded"},
		"an unreadable record": {func(w *Cluster) {
			w.Replicas = append(w.Replicas, Replica{Pod: "netiso-b", Problem: "annotation netiso.dev/serving: bad"})
		}, "replica netiso-b: annotation netiso.dev/serving: bad"},
		"replicas in a rollout": {func(w *Cluster) {
			next := *w.Replicas[0].Record
			next.Mode = "audit"
			w.Replicas = append(w.Replicas, Replica{Pod: "netiso-b", Record: &next})
		}, "the replicas serve different configurations (a rollout in progress?): judged by netiso-a's"},
		"no replica":                     {func(w *Cluster) { w.Replicas = nil }, "no replica in namespace netiso-system records what it serves: is netiso running?"},
		"the webhook configuration gone": {func(w *Cluster) { w.Webhook = nil }, "MutatingWebhookConfiguration netiso not found: pods are admitted without netiso"},
		"rules that cannot be read": {func(w *Cluster) { w.Rules, w.RulesProblem = nil, "configmaps \"netiso-rules\" not found" },
			"the rules in configmap/netiso-system/netiso-rules cannot be judged: configmaps \"netiso-rules\" not found"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := world(t, c)
			tc.change(&w)
			r := Compute(w)
			if r.Healthy || !slices.Contains(r.Drift, tc.drift) {
				t.Errorf("drift %q, want %q", r.Drift, tc.drift)
			}
		})
	}
}

func TestAuditMode(t *testing.T) {
	c := compiled(t, testRules)
	w := world(t, c)
	w.Replicas[0].Record.Mode, w.Replicas[0].Record.PolicyStage = "audit", "labels"
	w.Policies = nil
	w.Pods = []Pod{pod("frontend-1", "frontend", ""), pod("anon", "", "", egCart), pod("cart-1", "cart", "")}
	r := Compute(w)
	if !r.Healthy {
		t.Fatalf("audit mode: findings are not drift: %q", r.Drift)
	}
	if len(r.Pods.Differ) != 0 || len(r.Audit) != 2 || r.Audit[0].Name != "anon" || r.Audit[0].Grant != mutate.ReasonNoIdentity || r.Audit[1].Name != "frontend-1" {
		t.Errorf("audit findings: %+v; pods %+v", r.Audit, r.Pods)
	}
	text := r.Text()
	for _, want := range []string{"enforce mode would change 2 pods", "by grant: granted 1, no_identity_label 1", "netiso holds no NetworkPolicy"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestPolicies(t *testing.T) {
	c := compiled(t, testRules)
	cases := map[string]struct {
		change func(*Cluster)
		want   []PolicyFinding
		drift  bool
	}{
		"one deleted": {func(w *Cluster) { w.Policies = w.Policies[1:] },
			[]PolicyFinding{{"shop", "netiso-cart", PolicyMissing}}, true},
		"one opened": {func(w *Cluster) {
			np := w.Policies[0].DeepCopy()
			np.Spec.Ingress = append(np.Spec.Ingress, networkingv1.NetworkPolicyIngressRule{})
			w.Policies[0] = np
		}, []PolicyFinding{{"shop", "netiso-cart", PolicySpec}}, true},
		"one unlabelled": {func(w *Cluster) {
			np := w.Policies[0].DeepCopy()
			delete(np.Labels, policy.ServiceLabel)
			w.Policies[0] = np
		}, []PolicyFinding{{"shop", "netiso-cart", PolicyLabels}}, true},
		"one the rules do not imply": {func(w *Cluster) {
			np := w.Policies[0].DeepCopy()
			np.Name, np.Labels = "netiso-team", map[string]string{policy.ManagedByLabel: policy.ManagedBy}
			w.Policies = append(w.Policies, np)
		}, []PolicyFinding{{"shop", "netiso-team", PolicyExtra}}, true},
		"a gone destination held closed": {func(w *Cluster) {
			np := w.Policies[0].DeepCopy()
			np.Name, np.Labels[policy.ServiceLabel] = "netiso-gone", "gone"
			w.Policies = append(w.Policies, policy.Deny(np))
		}, []PolicyFinding{{"shop", "netiso-gone", PolicyDenyHeld}}, false},
		"the labels stage holds none": {func(w *Cluster) { w.Replicas[0].Record.PolicyStage = "labels"; w.Policies = w.Policies[:1] },
			[]PolicyFinding{{"shop", "netiso-cart", PolicyExtra}}, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := world(t, c)
			if w.Policies[0].Name != "netiso-cart" {
				t.Fatalf("the first policy is %s", w.Policies[0].Name)
			}
			tc.change(&w)
			r := Compute(w)
			if !slices.Equal(r.Policies.Findings, tc.want) {
				t.Errorf("findings %+v, want %+v", r.Policies.Findings, tc.want)
			}
			if r.Healthy == tc.drift {
				t.Errorf("healthy %v, drift %q", r.Healthy, r.Drift)
			}
			for _, f := range tc.want {
				if text := r.Text(); !strings.Contains(text, f.Problem) || !strings.Contains(text, f.Namespace+"/"+f.Name) {
					t.Errorf("text lacks %+v:\n%s", f, text)
				}
			}
		})
	}
	t.Run("not managed", func(t *testing.T) {
		w := world(t, c)
		w.Replicas[0].Record.ManagePolicies = false
		w.Policies = nil
		if r := Compute(w); !r.Healthy || r.Policies.Checked || !strings.Contains(r.Policies.Note, "does not manage policies") {
			t.Errorf("%+v", r.Policies)
		}
	})
}

func metaNotIn(key string, values ...string) metav1.LabelSelectorRequirement {
	return metav1.LabelSelectorRequirement{Key: key, Operator: metav1.LabelSelectorOpNotIn, Values: values}
}
