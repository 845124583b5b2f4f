//go:build e2e

package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/test/harness"
)

// Every Deployment of the Online Boutique, as a pod created through the API, carries exactly the
// callee labels its service is granted.
func TestOnlineBoutiquePods(t *testing.T) {
	ns := newNamespace(t, nil)
	want := compiled(t, baseRules)
	deployments := boutiqueDeployments(t)
	if len(deployments) != 12 {
		t.Fatalf("found %d Deployments in the manifests, want 12", len(deployments))
	}
	for _, d := range deployments {
		t.Run(d.Name, func(t *testing.T) {
			p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{GenerateName: d.Name + "-", Namespace: ns, Labels: d.Spec.Template.Labels, Annotations: d.Spec.Template.Annotations}, Spec: d.Spec.Template.Spec}
			p.Spec.ServiceAccountName = "" // envtest runs without the ServiceAccount admission plugin
			create(t, p)
			grant, verdict := want.Lookup(p.Labels[serviceLabel], ns)
			if verdict != rules.Granted {
				t.Fatalf("%s is not in the example rules", p.Labels[serviceLabel])
			}
			if got := managed(p); !maps.Equal(got, grant.Labels()) {
				t.Errorf("managed labels\n got %v\nwant %v", got, grant.Labels())
			}
			if p.Annotations[mutate.AnnotationRulesHash] != want.Hash() {
				t.Errorf("rules-hash %q, want %q", p.Annotations[mutate.AnnotationRulesHash], want.Hash())
			}
		})
	}
}

// Nothing a pod's owner can do through the API leaves a pod with a label the rules do not grant.
func TestForgery(t *testing.T) {
	r := compiled(t, baseRules)
	frontendGrant := grantOf(t, r, "frontend", "any")
	forged := "egress.netiso.dev/paymentservice" // frontend does not call paymentservice

	t.Run("create with a forged label", func(t *testing.T) {
		ns := newNamespace(t, nil)
		n := warnings.count()
		p := pod(ns, "frontend", map[string]string{forged: "true", "egress-type.netiso.dev/pci": "true"})
		create(t, p)
		if got := managed(p); !maps.Equal(got, frontendGrant) {
			t.Errorf("managed labels %v, want %v", got, frontendGrant)
		}
		if w := strings.Join(warnings.since(n), "\n"); !strings.Contains(w, forged) {
			t.Errorf("no warning named the forged label; warnings: %q", w)
		}
	})

	// Each way of adding a label to a running pod.
	adders := map[string]func(t *testing.T, p *corev1.Pod){
		"kubectl label": func(t *testing.T, p *corev1.Pod) {
			run(t, append(kubectl, "label", "pod", "-n", p.Namespace, p.Name, forged+"=true")...)
		},
		"merge patch": func(t *testing.T, p *corev1.Pod) {
			patch(t, p, types.MergePatchType, `{"metadata":{"labels":{"`+forged+`":"true"}}}`)
		},
		"JSON patch": func(t *testing.T, p *corev1.Pod) {
			patch(t, p, types.JSONPatchType, `[{"op":"add","path":"/metadata/labels/egress.netiso.dev~1paymentservice","value":"true"}]`)
		},
		"strategic merge patch": func(t *testing.T, p *corev1.Pod) {
			patch(t, p, types.StrategicMergePatchType, `{"metadata":{"labels":{"`+forged+`":"true"}}}`)
		},
		"server-side apply": func(t *testing.T, p *corev1.Pod) {
			apply := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"` + p.Name + `","namespace":"` + p.Namespace + `","labels":{"` + forged + `":"true"}}}`
			if err := k8s.Patch(t.Context(), p.DeepCopy(), client.RawPatch(types.ApplyPatchType, []byte(apply)), client.ForceOwnership, client.FieldOwner("mallory")); err != nil {
				t.Fatal(err)
			}
		},
		"kubectl apply (client-side)": func(t *testing.T, p *corev1.Pod) {
			current := get(t, p)
			current.Labels[forged] = "true"
			current.ManagedFields = nil
			current.APIVersion, current.Kind = "v1", "Pod"
			b, _ := json.Marshal(current)
			runStdin(t, b, append(kubectl, "apply", "-f", "-")...)
		},
		"patch of the status subresource": func(t *testing.T, p *corev1.Pod) {
			if err := k8s.Status().Patch(t.Context(), p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"`+forged+`":"true"}}}`))); err != nil {
				t.Fatal(err)
			}
		},
		"update (PUT) of the whole pod": func(t *testing.T, p *corev1.Pod) {
			current := get(t, p)
			current.Labels[forged] = "true"
			if err := k8s.Update(t.Context(), current); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, add := range adders {
		t.Run(name, func(t *testing.T) {
			ns := newNamespace(t, nil)
			p := pod(ns, "frontend", nil)
			create(t, p)
			add(t, p)
			if got := managed(get(t, p)); !maps.Equal(got, frontendGrant) {
				t.Errorf("after %s: managed labels %v, want %v", name, got, frontendGrant)
			}
		})
	}

	t.Run("changing the identity label keeps only the common grant", func(t *testing.T) {
		ns := newNamespace(t, nil)
		p := pod(ns, "frontend", nil)
		create(t, p)
		// The user's update itself, as admitted (the patch's answer): the reconciler acts after it.
		got := p.DeepCopy()
		if err := k8s.Patch(t.Context(), got, client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"app":"checkoutservice"}}}`))); err != nil {
			t.Fatal(err)
		}
		checkout := grantOf(t, r, "checkoutservice", ns)
		want := map[string]string{}
		for k := range frontendGrant {
			if _, ok := checkout[k]; ok {
				want[k] = "true"
			}
		}
		if m := managed(got); !maps.Equal(m, want) {
			t.Errorf("managed labels %v, want the intersection %v", m, want)
		}
		if _, ok := got.Annotations[mutate.AnnotationRulesHash]; ok {
			t.Error("a pod short of its grant still claims the rules version")
		}
		// Short of its grant, the pod has no rules-hash: netiso's reconciler finds it and gives it
		// what its new identity would get at creation, no more.
		eventually(t, "the reconciler to relabel the pod", func() bool {
			now := get(t, p)
			return now.Annotations[mutate.AnnotationRulesHash] == r.Hash() && maps.Equal(managed(now), checkout)
		})
	})

	t.Run("claiming a service outside its namespaces", func(t *testing.T) {
		ns := newNamespace(t, nil)
		p := pod(ns, "ledger", map[string]string{"egress.netiso.dev/redis-cart": "true"})
		create(t, p)
		if got := managed(p); len(got) != 0 {
			t.Errorf("ledger outside %s got %v", bankNamespace, got)
		}
		inBank := pod(bankNamespace, "ledger", nil)
		create(t, inBank)
		if got := managed(inBank); !maps.Equal(got, grantOf(t, r, "ledger", bankNamespace)) {
			t.Errorf("ledger in %s got %v", bankNamespace, got)
		}
	})

	t.Run("dry-run create", func(t *testing.T) {
		ns := newNamespace(t, nil)
		p := pod(ns, "frontend", map[string]string{forged: "true"})
		p.GenerateName, p.Name = "", "dry"
		if err := k8s.Create(t.Context(), p, client.DryRunAll); err != nil {
			t.Fatal(err)
		}
		if got := managed(p); !maps.Equal(got, frontendGrant) {
			t.Errorf("dry-run answer has %v, want %v", got, frontendGrant)
		}
		if err := k8s.Get(t.Context(), client.ObjectKeyFromObject(p), &corev1.Pod{}); !apierrors.IsNotFound(err) {
			t.Errorf("dry-run persisted a pod: %v", err)
		}
	})
}

// An exempt namespace is left alone, and so is netiso's own.
func TestExemptNamespaces(t *testing.T) {
	forged := map[string]string{"egress.netiso.dev/paymentservice": "true"}
	for name, ns := range map[string]string{
		"labelled exempt": newNamespace(t, map[string]string{scope.ExemptLabel: "true"}),
		"netiso's own":    netisoNamespace,
	} {
		t.Run(name, func(t *testing.T) {
			p := pod(ns, "frontend", forged)
			create(t, p)
			if got := managed(p); !maps.Equal(got, forged) {
				t.Errorf("the webhook touched a pod in an exempt namespace: %v", got)
			}
			if _, ok := p.Annotations[mutate.AnnotationRulesHash]; ok {
				t.Error("the webhook annotated a pod in an exempt namespace")
			}
		})
	}
}

// A new rules ConfigMap reaches new pods within seconds; an invalid one changes nothing.
func TestRulesChange(t *testing.T) {
	t.Cleanup(func() { setRules(t, baseRules) }) // before TestWebhookDown restarts the webhook
	ns := newNamespace(t, nil)
	added := append(bytes.Clone(baseRules), []byte("  - name: fraud-check\n    calls: [paymentservice, ledger]\n")...)
	next := compiled(t, added)
	setRules(t, added)
	start := time.Now()
	var p *corev1.Pod
	eventually(t, "a pod with the new rules", func() bool {
		p = pod(ns, "fraud-check", nil)
		p.GenerateName, p.Name = "", "probe"
		if err := k8s.Create(t.Context(), p, client.DryRunAll); err != nil {
			t.Fatal(err)
		}
		return p.Annotations[mutate.AnnotationRulesHash] == next.Hash()
	})
	t.Logf("new rules served %s after the ConfigMap update", time.Since(start).Round(time.Millisecond))
	if got, want := managed(p), grantOf(t, next, "fraud-check", ns); !maps.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}

	before := metrics(t)
	setRules(t, []byte("apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n  - name: frontend\n    calls: [nowhere]\n"))
	eventually(t, "the rejection to be counted", func() bool {
		return counter(metrics(t), `netiso_rules_reload_errors_total{reason="invalid"}`) > counter(before, `netiso_rules_reload_errors_total{reason="invalid"}`)
	})
	q := pod(ns, "fraud-check", nil)
	create(t, q)
	if q.Annotations[mutate.AnnotationRulesHash] != next.Hash() || !maps.Equal(managed(q), grantOf(t, next, "fraud-check", ns)) {
		t.Errorf("after an invalid update: %v %v, want the last good rules %s", q.Annotations, managed(q), next.Hash())
	}
	if !strings.Contains(metrics(t), "netiso_rules_stale 1") {
		t.Error("netiso_rules_stale does not say the source's rules were rejected")
	}
}

// The rules ConfigMap deleted, emptied, corrupted or too large: the last good rules keep serving,
// the webhook stays ready, and the metrics say what happened.
func TestRulesConfigMapFaults(t *testing.T) {
	good := compiled(t, baseRules)
	t.Cleanup(func() {
		ctx := context.Background()
		cm := rulesCM(baseRules)
		if err := k8s.Create(ctx, cm); apierrors.IsAlreadyExists(err) {
			setRules(t, baseRules)
		} else if err != nil {
			t.Error(err)
		}
	})
	ns := newNamespace(t, nil)
	stillGood := func(t *testing.T) {
		t.Helper()
		p := pod(ns, "frontend", nil)
		create(t, p)
		if p.Annotations[mutate.AnnotationRulesHash] != good.Hash() || !maps.Equal(managed(p), grantOf(t, good, "frontend", ns)) {
			t.Errorf("not the last good rules: %v %v", p.Annotations, managed(p))
		}
		if code := getStatus("http://" + webhook.Flag("health-probe-bind-address") + "/readyz"); code != 200 {
			t.Errorf("readyz %d", code)
		}
	}
	bomb := gzipped(t, bytes.Repeat([]byte{' '}, 65<<20))
	faults := []struct {
		name, reason string
		apply        func(t *testing.T)
	}{
		{"emptied", "unreadable", func(t *testing.T) { replaceCM(t, nil, nil) }},
		{"corrupted", "unreadable", func(t *testing.T) { replaceCM(t, nil, map[string][]byte{rules.ConfigMapGzipKey: []byte("not gzip")}) }},
		{"too large once expanded", "unreadable", func(t *testing.T) { replaceCM(t, nil, map[string][]byte{rules.ConfigMapGzipKey: bomb}) }},
		{"deleted", "deleted", func(t *testing.T) {
			if err := k8s.Delete(t.Context(), rulesCM(nil)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			series := `netiso_rules_reload_errors_total{reason="` + f.reason + `"}`
			before := counter(metrics(t), series)
			f.apply(t)
			eventually(t, series+" to rise", func() bool { return counter(metrics(t), series) > before })
			stillGood(t)
		})
	}
}

// With the webhook down and failurePolicy Fail, a pod in a covered namespace is refused with a
// message naming the webhook; nothing else is blocked.
func TestWebhookDown(t *testing.T) {
	covered := newNamespace(t, nil)
	exempt := newNamespace(t, map[string]string{scope.ExemptLabel: "true"})
	running := pod(covered, "frontend", nil)
	create(t, running)
	webhook.Stop()
	t.Cleanup(func() {
		if err := webhook.Start(); err != nil {
			t.Fatal(err)
		}
	})
	err := k8s.Create(t.Context(), pod(covered, "frontend", nil))
	if err == nil || !strings.Contains(err.Error(), "pods.netiso.dev") {
		t.Errorf("pod create with the webhook down: %v, want a refusal naming pods.netiso.dev", err)
	}
	if err := k8s.Create(t.Context(), pod(exempt, "frontend", nil)); err != nil {
		t.Errorf("a pod in an exempt namespace was blocked: %v", err)
	}
	// The subresource entry fails open so kubelets keep working; the chart's ValidatingAdmissionPolicy,
	// in the API server, still refuses a forged label sent that way.
	err = k8s.Status().Patch(t.Context(), running.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"egress.netiso.dev/paymentservice":"true"}}}`)))
	if err == nil || !strings.Contains(err.Error(), "netiso-pod-labels") {
		t.Errorf("a forged label through pods/status with the webhook down: %v, want the policy's refusal", err)
	}
	if err := k8s.Status().Patch(t.Context(), running.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"status":{"message":"still fine"}}`))); err != nil {
		t.Errorf("a plain status update was blocked with the webhook down: %v", err)
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: covered, Name: "unrelated"}}
	if err := k8s.Create(t.Context(), cm); err != nil {
		t.Errorf("a ConfigMap was blocked: %v", err)
	}
}

// A workload whose selector names a managed key would never match the pods netiso admits: the
// chart's policy refuses it.
func TestWorkloadSelectorOnManagedKey(t *testing.T) {
	ns := newNamespace(t, nil)
	labels := map[string]string{"app": "frontend", "egress.netiso.dev/cartservice": "true"}
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "frontend", Namespace: ns},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: pod(ns, "frontend", nil).Spec},
		},
	}
	err := k8s.Create(t.Context(), d)
	if err == nil || !strings.Contains(err.Error(), "netiso") {
		t.Errorf("a Deployment selecting on a managed key: %v, want the policy's refusal", err)
	}
	d.Spec.Selector.MatchLabels = map[string]string{"app": "frontend"}
	if err := k8s.Create(t.Context(), d); err != nil {
		t.Errorf("an ordinary Deployment was refused: %v", err)
	}
}

// --- helpers ---

func replaceCM(t *testing.T, data map[string]string, binary map[string][]byte) {
	t.Helper()
	cm := &corev1.ConfigMap{}
	if err := k8s.Get(t.Context(), client.ObjectKey{Namespace: netisoNamespace, Name: rulesConfigMap}, cm); err != nil {
		t.Fatal(err)
	}
	cm.Data, cm.BinaryData = data, binary
	if err := k8s.Update(t.Context(), cm); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func getStatus(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

func newNamespace(t *testing.T, labels map[string]string) string {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "e2e-", Labels: labels}}
	if err := k8s.Create(t.Context(), ns); err != nil {
		t.Fatal(err)
	}
	return ns.Name // nothing deletes namespaces here: there is no controller-manager
}

func pod(ns, service string, extra map[string]string) *corev1.Pod {
	labels := map[string]string{serviceLabel: service}
	maps.Copy(labels, extra)
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{GenerateName: service + "-", Namespace: ns, Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "registry.example/" + service + ":v1"}}},
	}
}

func create(t *testing.T, p *corev1.Pod) {
	t.Helper()
	if err := k8s.Create(t.Context(), p); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, p *corev1.Pod) *corev1.Pod {
	t.Helper()
	out := &corev1.Pod{}
	if err := k8s.Get(t.Context(), client.ObjectKeyFromObject(p), out); err != nil {
		t.Fatal(err)
	}
	return out
}

func patch(t *testing.T, p *corev1.Pod, pt types.PatchType, body string) {
	t.Helper()
	if err := k8s.Patch(t.Context(), p.DeepCopy(), client.RawPatch(pt, []byte(body))); err != nil {
		t.Fatal(err)
	}
}

func managed(p *corev1.Pod) map[string]string {
	out := map[string]string{}
	for k, v := range p.Labels {
		if rules.DefaultOptions().IsManaged(k) {
			out[k] = v
		}
	}
	return out
}

func compiled(t *testing.T, doc []byte) *rules.Compiled {
	t.Helper()
	d, err := rules.Parse("rules.yaml", doc)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(d, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func grantOf(t *testing.T, r *rules.Compiled, service, ns string) map[string]string {
	t.Helper()
	g, v := r.Lookup(service, ns)
	if v != rules.Granted {
		t.Fatalf("%s in %s is not granted", service, ns)
	}
	return g.Labels()
}

func setRules(t *testing.T, doc []byte) {
	t.Helper()
	ctx := context.Background() // also called from Cleanup, when t.Context() has ended
	cm := &corev1.ConfigMap{}
	if err := k8s.Get(ctx, client.ObjectKey{Namespace: netisoNamespace, Name: rulesConfigMap}, cm); err != nil {
		t.Fatal(err)
	}
	cm.Data = map[string]string{rules.ConfigMapKey: string(doc)}
	if err := k8s.Update(ctx, cm); err != nil {
		t.Fatal(err)
	}
}

func boutiqueDeployments(t *testing.T) []appsv1.Deployment {
	t.Helper()
	f, err := os.Open("../../testdata/online-boutique/kubernetes-manifests.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := utilyaml.NewYAMLOrJSONDecoder(f, 4096)
	var out []appsv1.Deployment
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		var meta metav1.TypeMeta
		if json.Unmarshal(raw, &meta) != nil || meta.Kind != "Deployment" {
			continue
		}
		var d appsv1.Deployment
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
}

func run(t *testing.T, args ...string) { runStdin(t, nil, args...) }

func runStdin(t *testing.T, stdin []byte, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), args[0], args[1:]...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args[3:], " "), err, out)
	}
}

func counter(exposition, series string) float64 { return harness.Counter(exposition, series) }

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after 30s waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
