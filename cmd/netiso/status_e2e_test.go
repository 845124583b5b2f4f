//go:build e2e

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/replica"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/status"
	"github.com/netiso/netiso/test/harness"
)

const statusRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: frontend
    calls: [cart]
  - name: cart
`

// TestStatusOnTheAPIServer runs netiso status against a real kube-apiserver and etcd (envtest),
// the chart's webhook configuration and the real webhook binary, recording what it serves on a
// pod standing in for its replica: healthy, exit 0. Then the webhook is bypassed (stopped, its
// configuration failing open), a pod is created with a managed label its grant does not give, and
// one of netiso's policies is deleted: both reported, exit 3.
func TestStatusOnTheAPIServer(t *testing.T) {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" || os.Getenv("HELM_BIN") == "" {
		t.Fatal("KUBEBUILDER_ASSETS and HELM_BIN must be set: run `make test-e2e` (hack/tools.sh builds them)")
	}
	const ns = "netiso-system"
	ctx := t.Context()
	tmp := t.TempDir()
	// The chart's configuration, not its ValidatingAdmissionPolicies: they would refuse the forged
	// pod, and this test stands for a cluster where both are bypassed.
	mwc, _, err := harness.RenderChart("../../deploy/helm/netiso", ns)
	if err != nil {
		t.Fatal(err)
	}
	env := harness.NewEnvironment(mwc)
	if _, err := env.Start(); err != nil {
		t.Fatalf("starting kube-apiserver and etcd: %v", err)
	}
	t.Cleanup(func() { _ = env.Stop() })
	admin, err := env.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig, err := harness.WriteKubeconfig(admin, filepath.Join(tmp, "admin.kubeconfig"))
	if err != nil {
		t.Fatal(err)
	}
	k8s, err := client.New(admin.Config(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	create := func(obj client.Object) {
		t.Helper()
		if err := k8s.Create(ctx, obj); err != nil {
			t.Fatalf("creating %s: %v", obj.GetName(), err)
		}
	}
	for _, n := range []string{ns, "shop"} {
		create(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: n}})
	}
	create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "netiso-rules"}, Data: map[string]string{rules.ConfigMapKey: statusRules}})
	// The pod the webhook process stands for (envtest runs no kubelet): it records on it.
	create(statusPod(ns, "netiso-0", nil))

	bin, err := harness.BuildWebhook(tmp)
	if err != nil {
		t.Fatal(err)
	}
	wo := env.WebhookInstallOptions
	webhook := &harness.Webhook{Bin: bin, Addr: harness.ServingAddr(wo), Log: filepath.Join(tmp, "webhook.log"), Args: append([]string{
		"--kubeconfig=" + kubeconfig, "--rules-configmap=" + ns + "/netiso-rules", "--service-label=app", "--reconcile=false",
		"--manage-policies", "--policy-default-namespace=shop", "--owner-webhook-configuration=" + mwc.Name, "--pod-name=netiso-0",
	}, harness.WebhookArgs(wo)...)}
	if err := webhook.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		webhook.Stop()
		if t.Failed() {
			b, _ := os.ReadFile(webhook.Log)
			t.Logf("--- webhook log ---\n%s", b)
		}
	})

	// A frontend pod admitted through the webhook, and the webhook's record and policies in place.
	create(statusPod("shop", "frontend-1", map[string]string{"app": "frontend"}))
	eventually(t, "the replica's record and netiso's 2 policies", func() bool {
		var p corev1.Pod
		var nps networkingv1.NetworkPolicyList
		if k8s.Get(ctx, client.ObjectKey{Namespace: ns, Name: "netiso-0"}, &p) != nil || k8s.List(ctx, &nps, client.InNamespace("shop")) != nil {
			return false
		}
		rec, err := replica.Decode(p.Annotations[replica.Annotation])
		return err == nil && rec.RulesVersion != "" && len(nps.Items) == 2
	})
	out, code := runStatus(t, "status", "--kubeconfig", kubeconfig)
	if code != 0 || !strings.HasPrefix(out, "netiso status: healthy\n") {
		t.Fatalf("healthy: exit %d\n%s", code, out)
	}
	for _, want := range []string{"netiso-0  rules ", "enforce mode", "policies: enforce", "Pods: 1 judged, 0 whose", "NetworkPolicies: 2 expected, 0 not"} {
		if !strings.Contains(out, want) {
			t.Errorf("healthy: output lacks %q:\n%s", want, out)
		}
	}

	// The webhook bypassed: down, its configuration failing open. A pod forges a label, and one of
	// netiso's policies is deleted with no one to restore it.
	webhook.Stop()
	var live admissionregv1.MutatingWebhookConfiguration
	if err := k8s.Get(ctx, client.ObjectKey{Name: mwc.Name}, &live); err != nil {
		t.Fatal(err)
	}
	ignore := admissionregv1.Ignore
	for i := range live.Webhooks {
		live.Webhooks[i].FailurePolicy = &ignore
	}
	if err := k8s.Update(ctx, &live); err != nil {
		t.Fatal(err)
	}
	forged := statusPod("shop", "forged", map[string]string{"app": "cart", "egress.netiso.dev/frontend": "true"})
	eventually(t, "the forged pod admitted past the webhook", func() bool { return k8s.Create(ctx, forged.DeepCopy()) == nil })
	if err := k8s.Delete(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "netiso-cart"}}); err != nil {
		t.Fatal(err)
	}

	out, code = runStatus(t, "status", "--kubeconfig", kubeconfig, "--format", "json")
	if code != exitGate {
		t.Errorf("drift: exit %d, want %d", code, exitGate)
	}
	var report status.Report
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	wantPod := status.PodFinding{Namespace: "shop", Name: "forged", Service: "cart", Grant: "granted", Cause: status.CauseForged, Carries: []string{"egress.netiso.dev/frontend"}}
	if i := slices.IndexFunc(report.Pods.Differ, func(f status.PodFinding) bool { return f.Name == "forged" }); i < 0 ||
		len(report.Pods.Differ) != 1 || !equalFinding(report.Pods.Differ[i], wantPod) {
		t.Errorf("pods: %+v, want only %+v", report.Pods.Differ, wantPod)
	}
	if want := []status.PolicyFinding{{Namespace: "shop", Name: "netiso-cart", Problem: status.PolicyMissing}}; !slices.Equal(report.Policies.Findings, want) {
		t.Errorf("policies: %+v, want %+v", report.Policies.Findings, want)
	}
	if report.Healthy || len(report.Drift) != 2 {
		t.Errorf("drift %q, want the pod and the policy", report.Drift)
	}
	text, _ := runStatus(t, "status", "--kubeconfig", kubeconfig)
	for _, want := range []string{"netiso status: DRIFT", "shop/forged (service cart, granted): forged", "carries  egress.netiso.dev/frontend", "missing    shop/netiso-cart"} {
		if !strings.Contains(text, want) {
			t.Errorf("drift: output lacks %q:\n%s", want, text)
		}
	}

	// An unreachable cluster is an error, not drift.
	bad := filepath.Join(tmp, "bad.kubeconfig")
	unreachable := "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"https://127.0.0.1:1\"}}]\n" +
		"users: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n"
	if err := os.WriteFile(bad, []byte(unreachable), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, code := runStatus(t, "status", "--kubeconfig", bad); code != exitFailure {
		t.Errorf("an unreachable cluster: exit %d, want %d", code, exitFailure)
	}
}

func equalFinding(a, b status.PodFinding) bool {
	return a.Namespace == b.Namespace && a.Name == b.Name && a.Service == b.Service && a.Grant == b.Grant && a.Cause == b.Cause &&
		slices.Equal(a.Carries, b.Carries) && slices.Equal(a.Lacks, b.Lacks)
}

func statusPod(ns, name string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "registry.k8s.io/pause:3.10"}}}}
}

// runStatus runs a command line in-process: its stdout and exit code.
func runStatus(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, strings.NewReader(""), &out, &errOut)
	if err == nil {
		return out.String(), 0
	}
	t.Logf("netiso %s: %v", strings.Join(args, " "), err)
	return out.String(), exitCode(err)
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not after 30s", what)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
