// Package helm_test checks the netiso chart by rendering it with the real helm binary ($HELM_BIN;
// `hack/tools.sh helm` builds it and the Makefile sets it). The tests skip when HELM_BIN is unset.
package helm_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/cmd/webhook/app"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

const (
	chartDir  = "netiso"
	release   = "netiso"
	namespace = "netiso-system"
	// exampleRules is the rules file the chart can put into its ConfigMap (--set-file rules.content).
	exampleRules = "../../examples/online-boutique/rules.yaml"
)

// goldenCases are rendered with `helm template` and compared with testdata/<name>.yaml.
var goldenCases = map[string][]string{
	// What `helm install netiso deploy/helm/netiso -n netiso-system` creates.
	"default": nil,
	// Certificates from cert-manager: Issuers, Certificates, and the injection annotation.
	"cert-manager": {"--set", "certManager.enabled=true"},
	// The webhook outside the cluster (the e2e suite): a URL and CA bundle, rules from a file,
	// Online Boutique's identity label.
	"outside-cluster": {
		"--set", "webhook.url=https://127.0.0.1:9443/mutate-v1-pod",
		"--set", "webhook.caBundle=" + "Q0EgYnVuZGxl", // "CA bundle", masked in the golden file anyway
		"--set-file", "rules.content=" + exampleRules,
		"--set", "labels.service=app",
	},
	// Monitoring on, as a GitOps pipeline renders it (force: no API server to ask for the CRDs): the
	// ServiceMonitor, the PrometheusRule and the Grafana dashboard.
	"monitoring": {
		"--set", "monitoring.serviceMonitor.enabled=true", "--set", "monitoring.serviceMonitor.force=true",
		"--set", "monitoring.prometheusRule.enabled=true", "--set", "monitoring.prometheusRule.force=true",
		"--set", "monitoring.grafanaDashboard.enabled=true",
	},
}

func helmBin(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("HELM_BIN")
	if bin == "" {
		t.Skip("HELM_BIN is not set: `export $(hack/tools.sh helm)` first")
	}
	return bin
}

// render runs `helm template` for the release in ns and returns its output.
func render(t *testing.T, ns string, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(helmBin(t), append([]string{"template", release, chartDir, "--namespace", ns}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("helm template %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

func mustRender(t *testing.T, ns string, args ...string) []byte {
	t.Helper()
	out, err := render(t, ns, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// generated matches the lines whose values the chart generates at random or from the clock.
var generated = regexp.MustCompile(`(?m)^(\s+(?:tls\.crt|tls\.key|ca\.crt|caBundle|netiso\.dev/not-after):) .+$`)

func TestGolden(t *testing.T) {
	helmBin(t)
	for name, args := range goldenCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := generated.ReplaceAll(mustRender(t, namespace, args...), []byte("$1 <generated>"))
			file := filepath.Join("testdata", name+".yaml")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("helm template differs from %s (UPDATE_GOLDEN=1 rewrites it):\n%s", file, lineDiff(want, got))
			}
		})
	}
	// A golden file without a case is stale.
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, f := range files {
		if _, ok := goldenCases[strings.TrimSuffix(filepath.Base(f), ".yaml")]; !ok {
			t.Errorf("%s has no case in goldenCases: remove it", f)
		}
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

func TestLint(t *testing.T) {
	bin := helmBin(t)
	for name, args := range goldenCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(bin, append([]string{"lint", chartDir, "--strict", "--namespace", namespace}, args...)...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("helm lint: %v\n%s", err, out)
			}
			for _, line := range strings.Split(string(out), "\n") {
				if strings.HasPrefix(line, "[") && !strings.HasPrefix(line, "[INFO] Chart.yaml: icon is recommended") {
					t.Errorf("helm lint: %s", line)
				}
			}
		})
	}
}

// object is one rendered manifest: its kind and name, and its YAML.
type object struct {
	Kind, Name string
	YAML       []byte
}

func objects(t *testing.T, manifests []byte) []object {
	t.Helper()
	var out []object
	for _, doc := range strings.Split(string(manifests), "\n---\n") {
		doc += "\n" // the separator took the document's last newline
		var meta struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			t.Fatalf("%v in\n%s", err, doc)
		}
		if meta.Kind == "" {
			continue // only comments
		}
		out = append(out, object{Kind: meta.Kind, Name: meta.Metadata.Name, YAML: []byte(doc)})
	}
	return out
}

// decode unmarshals the one object of that kind and name strictly: a field Kubernetes does not
// know is an error.
func decode(t *testing.T, manifests []byte, kind, name string, into any) {
	t.Helper()
	for _, o := range objects(t, manifests) {
		if o.Kind == kind && (name == "" || o.Name == name) {
			if err := yaml.UnmarshalStrict(o.YAML, into); err != nil {
				t.Fatalf("%s %s: %v", kind, o.Name, err)
			}
			return
		}
	}
	t.Fatalf("no %s %q rendered", kind, name)
}

// TestStrictDecode decodes every rendered Kubernetes object into its Go type, strictly: a typo in a
// field name fails here, before any API server sees it.
func TestStrictDecode(t *testing.T) {
	helmBin(t)
	types := map[string]func() any{
		"Deployment":                       func() any { return &appsv1.Deployment{} },
		"Service":                          func() any { return &corev1.Service{} },
		"ServiceAccount":                   func() any { return &corev1.ServiceAccount{} },
		"Secret":                           func() any { return &corev1.Secret{} },
		"ConfigMap":                        func() any { return &corev1.ConfigMap{} },
		"MutatingWebhookConfiguration":     func() any { return &admissionregistrationv1.MutatingWebhookConfiguration{} },
		"ValidatingAdmissionPolicy":        func() any { return &admissionregistrationv1.ValidatingAdmissionPolicy{} },
		"ValidatingAdmissionPolicyBinding": func() any { return &admissionregistrationv1.ValidatingAdmissionPolicyBinding{} },
	}
	for name, args := range goldenCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, o := range objects(t, mustRender(t, namespace, args...)) {
				newObj, ok := types[o.Kind]
				if !ok {
					continue // RBAC, PDB, PriorityClass, cert-manager: checked by the API server test
				}
				if err := yaml.UnmarshalStrict(o.YAML, newObj()); err != nil {
					t.Errorf("%s %s: %v", o.Kind, o.Name, err)
				}
			}
		})
	}
}

// TestNamespaceSelector: whatever the values say, the webhook and the namespaced policy bindings select
// exactly the namespaces pkg/scope says netiso covers, narrowed only by what values add.
func TestNamespaceSelector(t *testing.T) {
	helmBin(t)
	extra := metav1.LabelSelectorRequirement{Key: "team", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"legacy"}}
	cases := map[string]struct {
		args []string
		// extra requirements and labels the values add after the mandatory ones
		extraExpressions []metav1.LabelSelectorRequirement
		extraLabels      map[string]string
	}{
		"defaults":          {},
		"an empty selector": {args: []string{"--set-json", "webhook.namespaceSelector={}"}},
		"a null selector":   {args: []string{"--set-json", "webhook.namespaceSelector=null"}},
		"null expressions":  {args: []string{"--set-json", "webhook.namespaceSelector={\"matchExpressions\":null}"}},
		"an extra term": {
			args:             []string{"--set-json", `webhook.namespaceSelector={"matchExpressions":[{"key":"team","operator":"NotIn","values":["legacy"]}]}`},
			extraExpressions: []metav1.LabelSelectorRequirement{extra},
		},
		"an attempt to select kube-system back in": {
			args: []string{"--set-json", `webhook.namespaceSelector={"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["kube-system"]}]}`},
			extraExpressions: []metav1.LabelSelectorRequirement{{
				Key: scope.NamespaceNameLabel, Operator: metav1.LabelSelectorOpIn, Values: []string{"kube-system"},
			}},
		},
		"an attempt to select exempt namespaces back in": {
			args:        []string{"--set-json", `webhook.namespaceSelector={"matchLabels":{"netiso.dev/exempt":"true"}}`},
			extraLabels: map[string]string{scope.ExemptLabel: "true"},
		},
	}
	for _, ns := range []string{namespace, "kube-system", "platform"} {
		for name, c := range cases {
			t.Run(ns+"/"+name, func(t *testing.T) {
				t.Parallel()
				out := mustRender(t, ns, c.args...)
				want := scope.NamespaceSelector(ns)
				want.MatchExpressions = append(want.MatchExpressions, c.extraExpressions...)
				want.MatchLabels = c.extraLabels

				var mwc admissionregistrationv1.MutatingWebhookConfiguration
				decode(t, out, "MutatingWebhookConfiguration", "", &mwc)
				if len(mwc.Webhooks) != 2 {
					t.Fatalf("%d webhooks, want 2", len(mwc.Webhooks))
				}
				selectors := map[string]*metav1.LabelSelector{}
				for _, w := range mwc.Webhooks {
					selectors["webhook "+w.Name] = w.NamespaceSelector
				}
				for _, b := range []string{"pod-labels", "workload-selectors", "team-network-policies"} {
					var binding admissionregistrationv1.ValidatingAdmissionPolicyBinding
					decode(t, out, "ValidatingAdmissionPolicyBinding", release+"-"+b, &binding)
					selectors["binding "+b] = binding.Spec.MatchResources.NamespaceSelector
				}
				for what, got := range selectors {
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s namespaceSelector:\n got %+v\nwant %+v", what, got, want)
					}
				}
			})
		}
	}
	t.Run("not a selector", func(t *testing.T) {
		for _, args := range [][]string{
			{"--set", "webhook.namespaceSelector=everything"},
			{"--set-json", `webhook.namespaceSelector={"matchExpressions":[],"matchNames":["default"]}`},
		} {
			if _, err := render(t, namespace, args...); err == nil {
				t.Errorf("%v: rendered, want an error", args)
			}
		}
	})
}

// TestPodSecurity: every container runs non-root, read-only, with no capabilities and no privilege
// escalation, under the RuntimeDefault seccomp profile.
func TestPodSecurity(t *testing.T) {
	helmBin(t)
	for name, args := range goldenCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var d appsv1.Deployment
			decode(t, mustRender(t, namespace, args...), "Deployment", "", &d)
			pod := d.Spec.Template.Spec
			containers := append(slices.Clone(pod.InitContainers), pod.Containers...)
			if len(containers) == 0 {
				t.Fatal("no containers")
			}
			psc := pod.SecurityContext
			for _, c := range containers {
				sc := c.SecurityContext
				if sc == nil {
					t.Errorf("%s: no securityContext", c.Name)
					continue
				}
				check := func(what string, ok bool) {
					if !ok {
						t.Errorf("container %s: %s", c.Name, what)
					}
				}
				check("runAsNonRoot", isTrue(sc.RunAsNonRoot) || (sc.RunAsNonRoot == nil && psc != nil && isTrue(psc.RunAsNonRoot)))
				check("runAsUser 65532", (sc.RunAsUser != nil && *sc.RunAsUser == 65532) ||
					(sc.RunAsUser == nil && psc != nil && psc.RunAsUser != nil && *psc.RunAsUser == 65532))
				check("readOnlyRootFilesystem", isTrue(sc.ReadOnlyRootFilesystem))
				check("allowPrivilegeEscalation false", sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation)
				check("not privileged", sc.Privileged == nil || !*sc.Privileged)
				check("capabilities drop ALL, add none", sc.Capabilities != nil && len(sc.Capabilities.Add) == 0 &&
					slices.Contains(sc.Capabilities.Drop, "ALL"))
				seccomp := sc.SeccompProfile
				if seccomp == nil && psc != nil {
					seccomp = psc.SeccompProfile
				}
				check("seccompProfile RuntimeDefault", seccomp != nil && seccomp.Type == corev1.SeccompProfileTypeRuntimeDefault)
				for _, m := range c.VolumeMounts {
					check("volume "+m.Name+" mounted read-only", m.ReadOnly)
					check("volume "+m.Name+" mounted without subPath (updates must propagate)", m.SubPath == "")
				}
				if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet == nil || c.LivenessProbe.HTTPGet.Path != "/healthz" {
					t.Errorf("container %s: liveness probe is not /healthz", c.Name)
				}
				if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
					t.Errorf("container %s: readiness probe is not /readyz", c.Name)
				}
			}
			if pod.AutomountServiceAccountToken == nil || !*pod.AutomountServiceAccountToken {
				t.Error("automountServiceAccountToken must be true: the rules informer needs the API")
			}
		})
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// webhookFlags returns the flags cmd/webhook defines: its options' FlagSet, and the --kubeconfig
// controller-runtime registers on the command line's.
func webhookFlags(t *testing.T) map[string]bool {
	t.Helper()
	o := app.NewOptions()
	fs := flag.NewFlagSet("webhook", flag.ContinueOnError)
	o.AddFlags(fs)
	flags := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { flags[f.Name] = true })
	if flag.CommandLine.Lookup("kubeconfig") == nil {
		t.Fatal("controller-runtime no longer registers --kubeconfig")
	}
	flags["kubeconfig"] = true
	return flags
}

// TestArgsAreWebhookFlags: every argument the chart passes is a flag cmd/webhook defines, and the
// ones netiso cannot work without are there.
func TestArgsAreWebhookFlags(t *testing.T) {
	helmBin(t)
	defined := webhookFlags(t)
	var d appsv1.Deployment
	decode(t, mustRender(t, namespace, "--set-json", `extraArgs=["--enable-http2=false"]`), "Deployment", "", &d)
	args := map[string]string{}
	for _, a := range d.Spec.Template.Spec.Containers[0].Args {
		name, value, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !strings.HasPrefix(a, "--") || !defined[name] {
			t.Errorf("argument %q: cmd/webhook defines no such flag", a)
		}
		args[name] = value
	}
	for name, want := range map[string]string{
		"rules-configmap":           namespace + "/netiso-rules",
		"reconciler-username":       "system:serviceaccount:" + namespace + ":" + release,
		"webhook-cert-path":         "/etc/netiso/tls",
		"webhook-port":              "9443",
		"health-probe-bind-address": ":8081",
		"metrics-bind-address":      ":8443",
		"metrics-secure":            "true",
		"shutdown-delay":            "5s",
		"log-format":                "json",
		"service-label":             "app.kubernetes.io/name",
		"unknown-service":           "allow",
		"mode":                      "enforce",
		"egress-prefix":             rules.DefaultEgressPrefix,
		"egress-type-prefix":        rules.DefaultEgressTypePrefix,
		"enable-http2":              "false",
		"reconcile":                 "true",
		"leader-elect":              "", // one replica relabels running pods
		// The same replica owns the NetworkPolicies, each owned in turn by the webhook configuration.
		"manage-policies":             "true",
		"policy-default-namespace":    "default",
		"policy-default-deny":         "false",
		"policy-dns-namespace":        "kube-system",
		"policy-dns-pod-label":        "k8s-app=kube-dns",
		"policy-dns-port":             "53",
		"owner-webhook-configuration": release,
		// Identity anchors: a pod failing one is admitted with no rights; signatures bounded.
		"identity-failure":      "allow",
		"signature-wait":        "1s",
		"signature-timeout":     "5s",
		"signature-retry-after": "10s",
		"signature-cache-size":  "10000",
	} {
		if got, ok := args[name]; !ok || got != want {
			t.Errorf("--%s=%q, want %q", name, got, want)
		}
	}
}

// TestRegistryAccess: a private registry's pull secret and a CA reach the webhook as files its
// flags name, read-only, each key only; without them, neither flag nor volume.
func TestRegistryAccess(t *testing.T) {
	helmBin(t)
	var d appsv1.Deployment
	decode(t, mustRender(t, namespace), "Deployment", "", &d)
	for _, a := range d.Spec.Template.Spec.Containers[0].Args {
		if strings.HasPrefix(a, "--registry-") {
			t.Errorf("without registry values: argument %s", a)
		}
	}
	decode(t, mustRender(t, namespace, "--set", "identity.signatures.registryAuthSecret=regcred",
		"--set", "identity.signatures.registryCAConfigMap=registry-ca"), "Deployment", "", &d)
	c := d.Spec.Template.Spec.Containers[0]
	for _, want := range []string{"--registry-auth-dir=/etc/netiso/registry-auth", "--registry-ca-file=/etc/netiso/registry-ca/ca.crt"} {
		if !slices.Contains(c.Args, want) {
			t.Errorf("args %v lack %s", c.Args, want)
		}
	}
	mounts := map[string]corev1.VolumeMount{}
	for _, m := range c.VolumeMounts {
		mounts[m.Name] = m
	}
	for _, v := range d.Spec.Template.Spec.Volumes {
		switch v.Name {
		case "registry-auth":
			if v.Secret == nil || v.Secret.SecretName != "regcred" || len(v.Secret.Items) != 1 ||
				v.Secret.Items[0].Key != ".dockerconfigjson" || v.Secret.Items[0].Path != "config.json" {
				t.Errorf("registry-auth volume %+v: want the Secret's .dockerconfigjson as config.json", v)
			}
		case "registry-ca":
			if v.ConfigMap == nil || v.ConfigMap.Name != "registry-ca" || len(v.ConfigMap.Items) != 1 || v.ConfigMap.Items[0].Path != "ca.crt" {
				t.Errorf("registry-ca volume %+v: want the ConfigMap's ca.crt", v)
			}
		default:
			continue
		}
		if m, ok := mounts[v.Name]; !ok || !m.ReadOnly {
			t.Errorf("volume %s: mount %+v, want read-only", v.Name, m)
		}
	}
	if _, ok := mounts["registry-auth"]; !ok {
		t.Error("no registry-auth mount")
	}
}

// TestGeneratedCertificate: without cert-manager the chart's serving certificate is valid for the
// Service's names, signed by the CA the webhook configuration trusts, and matches its key.
func TestGeneratedCertificate(t *testing.T) {
	helmBin(t)
	out := mustRender(t, namespace)
	var secret corev1.Secret
	decode(t, out, "Secret", release+"-tls", &secret)
	var mwc admissionregistrationv1.MutatingWebhookConfiguration
	decode(t, out, "MutatingWebhookConfiguration", "", &mwc)

	if secret.Type != corev1.SecretTypeTLS {
		t.Errorf("Secret type %q, want %q", secret.Type, corev1.SecretTypeTLS)
	}
	if _, err := tls.X509KeyPair(secret.Data["tls.crt"], secret.Data["tls.key"]); err != nil {
		t.Errorf("tls.crt and tls.key: %v", err)
	}
	bundle := mwc.Webhooks[0].ClientConfig.CABundle
	for _, w := range mwc.Webhooks {
		if !bytes.Equal(bytes.TrimSpace(w.ClientConfig.CABundle), bytes.TrimSpace(secret.Data["ca.crt"])) {
			t.Errorf("%s: caBundle is not the Secret's ca.crt: the Secret and the webhook configuration were generated apart", w.Name)
		}
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(bundle) {
		t.Fatal("caBundle holds no certificate")
	}
	block, _ := pem.Decode(secret.Data["tls.crt"])
	if block == nil {
		t.Fatal("tls.crt is not PEM")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	svc := release + "-webhook" // the Service's name
	for _, name := range []string{svc, svc + "." + namespace, svc + "." + namespace + ".svc", svc + "." + namespace + ".svc.cluster.local"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
			t.Errorf("certificate for %s: %v", name, err)
		}
	}
	for _, w := range mwc.Webhooks {
		if got := w.ClientConfig.Service; got == nil || got.Name != svc || got.Namespace != namespace ||
			got.Path == nil || *got.Path != "/mutate-v1-pod" || got.Port == nil || *got.Port != 443 {
			t.Errorf("%s: clientConfig.service = %+v", w.Name, got)
		}
	}
	var service corev1.Service
	decode(t, out, "Service", svc, &service)
}

// TestWebhooks: pods on CREATE and UPDATE, failing closed; their subresources on UPDATE and Bindings
// on CREATE, failing open; each entry with every field the chart is meant to set.
func TestWebhooks(t *testing.T) {
	helmBin(t)
	var mwc admissionregistrationv1.MutatingWebhookConfiguration
	decode(t, mustRender(t, namespace), "MutatingWebhookConfiguration", "", &mwc)
	type rule struct {
		operations []admissionregistrationv1.OperationType
		resources  []string
	}
	type want struct {
		rules  []rule
		policy admissionregistrationv1.FailurePolicyType
	}
	create, update := admissionregistrationv1.Create, admissionregistrationv1.Update
	wants := map[string]want{
		// Ephemeral containers change what runs: judged with the pods, failing closed.
		"pods.netiso.dev": {[]rule{
			{[]admissionregistrationv1.OperationType{create, update}, []string{"pods"}},
			{[]admissionregistrationv1.OperationType{update}, []string{"pods/ephemeralcontainers"}},
		}, admissionregistrationv1.Fail},
		"pods-subresources.netiso.dev": {[]rule{
			{[]admissionregistrationv1.OperationType{update}, []string{"pods/status", "pods/resize"}},
			{[]admissionregistrationv1.OperationType{create}, []string{"pods/binding", "bindings"}},
		}, admissionregistrationv1.Ignore},
	}
	if len(mwc.Webhooks) != len(wants) {
		t.Fatalf("%d webhooks, want %d", len(mwc.Webhooks), len(wants))
	}
	for _, w := range mwc.Webhooks {
		want, ok := wants[w.Name]
		if !ok {
			t.Errorf("unexpected webhook %s", w.Name)
			continue
		}
		if len(w.Rules) != len(want.rules) {
			t.Errorf("%s: rules %+v", w.Name, w.Rules)
		}
		for i, r := range want.rules {
			if i >= len(w.Rules) || !reflect.DeepEqual(w.Rules[i].Operations, r.operations) ||
				!reflect.DeepEqual(w.Rules[i].Resources, r.resources) || !reflect.DeepEqual(w.Rules[i].APIGroups, []string{""}) {
				t.Errorf("%s: rules %+v, want %+v", w.Name, w.Rules, want.rules)
			}
		}
		if w.FailurePolicy == nil || *w.FailurePolicy != want.policy {
			t.Errorf("%s: failurePolicy %v, want %s", w.Name, w.FailurePolicy, want.policy)
		}
		if w.SideEffects == nil || *w.SideEffects != admissionregistrationv1.SideEffectClassNone ||
			!reflect.DeepEqual(w.AdmissionReviewVersions, []string{"v1"}) ||
			w.TimeoutSeconds == nil || *w.TimeoutSeconds != 5 ||
			w.ReinvocationPolicy == nil || *w.ReinvocationPolicy != admissionregistrationv1.IfNeededReinvocationPolicy ||
			w.MatchPolicy == nil || *w.MatchPolicy != admissionregistrationv1.Equivalent ||
			w.ObjectSelector == nil || !reflect.DeepEqual(*w.ObjectSelector, metav1.LabelSelector{}) {
			t.Errorf("%s: sideEffects %v, admissionReviewVersions %v, timeoutSeconds %v, reinvocationPolicy %v, matchPolicy %v, objectSelector %v",
				w.Name, w.SideEffects, w.AdmissionReviewVersions, w.TimeoutSeconds, w.ReinvocationPolicy, w.MatchPolicy, w.ObjectSelector)
		}
	}
}

// TestMatchConditions: both entries carry the one condition that lets every CREATE, netiso's own
// UPDATEs and label-changing UPDATEs through (its behaviour is checked against a real API server by
// test/e2e's TestUnchangedUpdatesSkipped), it names the chart's own identity, and
// webhook.skipUnchangedUpdates=false removes it.
func TestMatchConditions(t *testing.T) {
	helmBin(t)
	for name, c := range map[string]struct {
		args []string
		sa   string // the ServiceAccount whose username the condition names
		want int
	}{
		"default":                 {nil, release, 1},
		"disabled":                {[]string{"--set", "webhook.skipUnchangedUpdates=false"}, release, 0},
		"another service account": {[]string{"--set", "serviceAccount.name=netiso-admission"}, "netiso-admission", 1},
	} {
		t.Run(name, func(t *testing.T) {
			var mwc admissionregistrationv1.MutatingWebhookConfiguration
			decode(t, mustRender(t, namespace, c.args...), "MutatingWebhookConfiguration", "", &mwc)
			for _, w := range mwc.Webhooks {
				if len(w.MatchConditions) != c.want {
					t.Fatalf("%s: %d matchConditions, want %d", w.Name, len(w.MatchConditions), c.want)
				}
				if c.want == 0 {
					continue
				}
				e := w.MatchConditions[0].Expression
				for _, part := range []string{"request.operation != 'UPDATE'", `"system:serviceaccount:` + namespace + ":" + c.sa + `"`, "oldObject.metadata.labels",
					"oldObject.spec.containers.map(c, c.image)", "oldObject.spec.ephemeralContainers"} { // what runs: identity anchors read it
					if !strings.Contains(e, part) {
						t.Errorf("%s: condition %q lacks %q", w.Name, e, part)
					}
				}
			}
		})
	}
}

// TestClientConfig: outside the cluster the webhook is called at webhook.url with webhook.caBundle;
// with cert-manager the bundle is left to its cainjector.
func TestClientConfig(t *testing.T) {
	helmBin(t)
	var mwc admissionregistrationv1.MutatingWebhookConfiguration
	decode(t, mustRender(t, namespace, goldenCases["outside-cluster"]...), "MutatingWebhookConfiguration", "", &mwc)
	for _, w := range mwc.Webhooks {
		cc := w.ClientConfig
		if cc.URL == nil || *cc.URL != "https://127.0.0.1:9443/mutate-v1-pod" || cc.Service != nil || string(cc.CABundle) != "CA bundle" {
			t.Errorf("%s: clientConfig = url %v, service %+v, caBundle %q", w.Name, cc.URL, cc.Service, cc.CABundle)
		}
	}

	mwc = admissionregistrationv1.MutatingWebhookConfiguration{}
	decode(t, mustRender(t, namespace, goldenCases["cert-manager"]...), "MutatingWebhookConfiguration", "", &mwc)
	if got, want := mwc.Annotations["cert-manager.io/inject-ca-from"], namespace+"/"+release+"-serving"; got != want {
		t.Errorf("inject-ca-from = %q, want %q", got, want)
	}
	for _, w := range mwc.Webhooks {
		if len(w.ClientConfig.CABundle) != 0 {
			t.Errorf("%s: caBundle set with cert-manager: the cainjector owns it", w.Name)
		}
	}
}

// TestRulesContent: the rules file given with --set-file reaches the ConfigMap byte for byte.
func TestRulesContent(t *testing.T) {
	helmBin(t)
	want, err := os.ReadFile(exampleRules)
	if err != nil {
		t.Fatal(err)
	}
	var cm corev1.ConfigMap
	decode(t, mustRender(t, namespace, goldenCases["outside-cluster"]...), "ConfigMap", "netiso-rules", &cm)
	if got := cm.Data[rules.ConfigMapKey]; got != string(want) {
		t.Errorf("data[%s] differs from %s:\n%s", rules.ConfigMapKey, exampleRules, lineDiff(want, []byte(got)))
	}
	// Without rules.content the chart leaves the ConfigMap to the pipeline.
	for _, o := range objects(t, mustRender(t, namespace)) {
		if o.Kind == "ConfigMap" {
			t.Errorf("ConfigMap %s rendered without rules.content", o.Name)
		}
	}
}

// TestPolicyPrefixes: the ValidatingAdmissionPolicies protect the prefixes the webhook manages.
func TestPolicyPrefixes(t *testing.T) {
	helmBin(t)
	out := mustRender(t, namespace, "--set", "labels.egressPrefix=may-call.example.com", "--set", "labels.egressTypePrefix=may-call-type.example.com")
	for _, name := range []string{"pod-labels", "workload-selectors"} {
		var vap admissionregistrationv1.ValidatingAdmissionPolicy
		decode(t, out, "ValidatingAdmissionPolicy", release+"-"+name, &vap)
		if got, want := vap.Spec.Variables[0], (admissionregistrationv1.Variable{
			Name: "prefixes", Expression: "['may-call.example.com/', 'may-call-type.example.com/']",
		}); got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	var d appsv1.Deployment
	decode(t, out, "Deployment", "", &d)
	args := d.Spec.Template.Spec.Containers[0].Args
	for _, want := range []string{"--egress-prefix=may-call.example.com", "--egress-type-prefix=may-call-type.example.com"} {
		if !slices.Contains(args, want) {
			t.Errorf("args %v lack %s", args, want)
		}
	}
	if _, err := render(t, namespace, "--set", "labels.egressPrefix=egress.netiso.dev'] + ['x"); err == nil {
		t.Error("a prefix that is no DNS subdomain (and would break the CEL) rendered")
	}
}

// TestRefusedValues: values that would make a broken installation fail at render time.
func TestRefusedValues(t *testing.T) {
	helmBin(t)
	for name, args := range map[string][]string{
		"grace period not longer than the shutdown delay": {"--set", "shutdownDelay=30s"},
		"a shutdown delay helm cannot compare":            {"--set", "shutdownDelay=1h2m"},
		"an unknown failurePolicy":                        {"--set", "webhook.failurePolicy=Sometimes"},
		"an unknown subresources failurePolicy":           {"--set", "webhook.subresourcesFailurePolicy=Never"},
		"a timeout over the API server's maximum":         {"--set", "webhook.timeoutSeconds=31"},
		"an unknown podAntiAffinity":                      {"--set", "podAntiAffinity=always"},
		"an unknown mode":                                 {"--set", "mode=dry-run"},
		"no rules ConfigMap":                              {"--set", "rules.configMapName="},
		"an issuerRef without a name":                     {"--set", "certManager.enabled=true", "--set", "certManager.issuerRef.kind=ClusterIssuer"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := render(t, namespace, args...)
			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) {
				t.Errorf("rendered (err %v), want helm to refuse", err)
			}
		})
	}
}

// guardExemptions are the matchConditions both guard policies start with, by default: netiso, then
// the garbage collector and namespace controller. Cluster administrators are not among them.
var guardExemptions = []string{"not-netiso", "not-garbage-collector-or-namespace-controller"}

// TestNetworkPolicyGuard: policies.guard renders the two NetworkPolicy policies as the values say;
// what they refuse is checked against a real API server by TestNetworkPolicyGuardAgainstAPIServer.
func TestNetworkPolicyGuard(t *testing.T) {
	helmBin(t)
	type policy struct {
		vap     admissionregistrationv1.ValidatingAdmissionPolicy
		binding admissionregistrationv1.ValidatingAdmissionPolicyBinding
	}
	read := func(t *testing.T, out []byte) (owned, team policy) {
		t.Helper()
		decode(t, out, "ValidatingAdmissionPolicy", release+"-network-policies", &owned.vap)
		decode(t, out, "ValidatingAdmissionPolicyBinding", release+"-network-policies", &owned.binding)
		decode(t, out, "ValidatingAdmissionPolicy", release+"-team-network-policies", &team.vap)
		decode(t, out, "ValidatingAdmissionPolicyBinding", release+"-team-network-policies", &team.binding)
		return owned, team
	}
	conditions := func(vap admissionregistrationv1.ValidatingAdmissionPolicy) (names []string, byName map[string]string) {
		byName = map[string]string{}
		for _, c := range vap.Spec.MatchConditions {
			names = append(names, c.Name)
			byName[c.Name] = c.Expression
		}
		return names, byName
	}
	ops := func(vap admissionregistrationv1.ValidatingAdmissionPolicy) []admissionregistrationv1.OperationType {
		rules := vap.Spec.MatchConstraints.ResourceRules
		// netiso's own policies include Calico's audit policies, where Calico's datastore keeps them.
		want := 1
		if !strings.HasSuffix(vap.Name, "-team-network-policies") {
			want = 2
		}
		if len(rules) != want || !reflect.DeepEqual(rules[0].APIGroups, []string{"networking.k8s.io"}) ||
			!reflect.DeepEqual(rules[0].Resources, []string{"networkpolicies", "networkpolicies/*"}) ||
			want == 2 && (!reflect.DeepEqual(rules[1].APIGroups, []string{"crd.projectcalico.org"}) ||
				!reflect.DeepEqual(rules[1].Resources, []string{"networkpolicies"}) ||
				!reflect.DeepEqual(rules[1].Operations, rules[0].Operations)) {
			t.Errorf("%s: resourceRules %+v, want networking.k8s.io networkpolicies and their subresources (and, for netiso's, Calico's crd.projectcalico.org networkpolicies alike)", vap.Name, rules)
			return nil
		}
		return rules[0].Operations
	}
	deny := []admissionregistrationv1.ValidationAction{admissionregistrationv1.Deny}

	t.Run("defaults", func(t *testing.T) {
		owned, team := read(t, mustRender(t, namespace))
		create, update, del := admissionregistrationv1.Create, admissionregistrationv1.Update, admissionregistrationv1.Delete
		if got := ops(owned.vap); !reflect.DeepEqual(got, []admissionregistrationv1.OperationType{create, update, del}) {
			t.Errorf("network-policies operations %v, want CREATE, UPDATE, DELETE", got)
		}
		// A team may delete its own policy: DELETE is not matched.
		if got := ops(team.vap); !reflect.DeepEqual(got, []admissionregistrationv1.OperationType{create, update}) {
			t.Errorf("team-network-policies operations %v, want CREATE, UPDATE", got)
		}
		for _, p := range []policy{owned, team} {
			if fp := p.vap.Spec.FailurePolicy; fp == nil || *fp != admissionregistrationv1.Fail {
				t.Errorf("%s: failurePolicy %v, want Fail", p.vap.Name, fp)
			}
			if !reflect.DeepEqual(p.binding.Spec.ValidationActions, deny) {
				t.Errorf("%s: validationActions %v, want [Deny]", p.binding.Name, p.binding.Spec.ValidationActions)
			}
			if p.binding.Spec.PolicyName != p.vap.Name {
				t.Errorf("binding %s names policy %s", p.binding.Name, p.binding.Spec.PolicyName)
			}
			names, byName := conditions(p.vap)
			want := guardExemptions
			if p.vap.Name == team.vap.Name {
				want = append(slices.Clone(want), "not-netisos-policy")
			}
			if !reflect.DeepEqual(names, want) {
				t.Errorf("%s: matchConditions %v, want %v (no administrator exempt by default)", p.vap.Name, names, want)
			}
			if e := byName["not-netiso"]; !strings.Contains(e, `"system:serviceaccount:`+namespace+":"+release+`"`) {
				t.Errorf("%s: not-netiso is %q", p.vap.Name, e)
			}
			for _, user := range []string{"system:serviceaccount:kube-system:generic-garbage-collector", "system:serviceaccount:kube-system:namespace-controller", "system:kube-controller-manager"} {
				if !strings.Contains(byName["not-garbage-collector-or-namespace-controller"], "'"+user+"'") {
					t.Errorf("%s: %s is not exempt", p.vap.Name, user)
				}
			}
		}
		// netiso's policies are left to the policy that says so, by the same expressions.
		_, teamConditions := conditions(team.vap)
		squash := func(s string) string { return strings.Join(strings.Fields(s), " ") } // YAML folding differs
		for _, v := range owned.vap.Spec.Variables {
			if !strings.Contains(squash(teamConditions["not-netisos-policy"]), squash(v.Expression)) {
				t.Errorf("team-network-policies' not-netisos-policy %q lacks network-policies' %s, %q", teamConditions["not-netisos-policy"], v.Name, v.Expression)
			}
		}
		if len(owned.vap.Spec.Variables) != 2 {
			t.Errorf("network-policies variables %+v, want labelled and named", owned.vap.Spec.Variables)
		}
		// netiso's own policies are guarded in every namespace, the teams' only where netiso covers.
		if owned.binding.Spec.MatchResources != nil {
			t.Errorf("network-policies binding matchResources %+v, want none (every namespace)", owned.binding.Spec.MatchResources)
		}
	})

	t.Run("exemptions, team writers and a warn-only rollout", func(t *testing.T) {
		owned, team := read(t, mustRender(t, namespace,
			"--set", "serviceAccount.name=netiso-admission",
			"--set-json", `policies.guard.exemptUsers=["ci-bot"]`,
			"--set-json", `policies.guard.exemptGroups=["system:masters","platform"]`,
			"--set-json", `policies.guard.teamWriters={"users":["mesh-operator"],"groups":["ingress\"admins"]}`,
			"--set-json", `policies.guard.teamValidationActions=["Warn","Audit"]`,
			"--set", "policies.guard.failurePolicy=Ignore"))
		want := map[string]string{
			"not-netiso":       `request.userInfo.username != "system:serviceaccount:` + namespace + `:netiso-admission"`,
			"not-exempt-user":  `!(request.userInfo.username in ["ci-bot"])`,
			"not-exempt-group": `!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, g in ["system:masters","platform"])`,
		}
		teamOnly := map[string]string{
			"not-team-writer-user": `!(request.userInfo.username in ["mesh-operator"])`,
			// A quote in a name stays inside its CEL string literal.
			"not-team-writer-group": `!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, g in ["ingress\"admins"])`,
		}
		for _, p := range []policy{owned, team} {
			names, byName := conditions(p.vap)
			wantNames := append(slices.Clone(guardExemptions), "not-exempt-user", "not-exempt-group")
			if p.vap.Name == team.vap.Name {
				wantNames = append(wantNames, "not-netisos-policy", "not-team-writer-user", "not-team-writer-group")
				for n, e := range teamOnly {
					if byName[n] != e {
						t.Errorf("%s: %s is %q, want %q", p.vap.Name, n, byName[n], e)
					}
				}
			}
			if !reflect.DeepEqual(names, wantNames) {
				t.Errorf("%s: matchConditions %v, want %v", p.vap.Name, names, wantNames)
			}
			for n, e := range want {
				if byName[n] != e {
					t.Errorf("%s: %s is %q, want %q", p.vap.Name, n, byName[n], e)
				}
			}
			if fp := p.vap.Spec.FailurePolicy; fp == nil || *fp != admissionregistrationv1.Ignore {
				t.Errorf("%s: failurePolicy %v, want Ignore", p.vap.Name, fp)
			}
		}
		if !reflect.DeepEqual(owned.binding.Spec.ValidationActions, deny) {
			t.Errorf("network-policies validationActions %v: teamValidationActions must not reach it", owned.binding.Spec.ValidationActions)
		}
		if got, want := team.binding.Spec.ValidationActions, []admissionregistrationv1.ValidationAction{admissionregistrationv1.Warn, admissionregistrationv1.Audit}; !reflect.DeepEqual(got, want) {
			t.Errorf("team-network-policies validationActions %v, want %v", got, want)
		}
	})

	t.Run("disabled", func(t *testing.T) {
		for _, o := range objects(t, mustRender(t, namespace, "--set", "policies.guard.enabled=false")) {
			if strings.HasSuffix(o.Name, "network-policies") {
				t.Errorf("%s %s rendered with policies.guard.enabled=false", o.Kind, o.Name)
			}
		}
	})
}

// TestPolicyOwnership: the name netiso is told to own its policies by (--owner-webhook-configuration)
// is the webhook configuration the chart creates, and the one its ClusterRole may read; with
// policies.manage=false it may neither read it nor touch a NetworkPolicy.
func TestPolicyOwnership(t *testing.T) {
	helmBin(t)
	netpolRule := rbacv1.PolicyRule{
		APIGroups: []string{"networking.k8s.io"}, Resources: []string{"networkpolicies"},
		Verbs: []string{"get", "list", "watch", "create", "patch", "delete"},
	}
	// Calico's audit policies, where Calico's datastore keeps them (policies.stage=audit).
	calicoRule := rbacv1.PolicyRule{
		APIGroups: []string{"crd.projectcalico.org"}, Resources: []string{"networkpolicies"},
		Verbs: []string{"get", "list", "create", "patch", "delete"},
	}
	for name, c := range map[string]struct {
		args   []string
		manage bool
	}{
		"defaults":           {nil, true},
		"a fullnameOverride": {[]string{"--set", "fullnameOverride=pod-isolation"}, true},
		"not managed":        {[]string{"--set", "policies.manage=false"}, false},
	} {
		t.Run(name, func(t *testing.T) {
			out := mustRender(t, namespace, c.args...)
			var mwc admissionregistrationv1.MutatingWebhookConfiguration
			decode(t, out, "MutatingWebhookConfiguration", "", &mwc)
			var d appsv1.Deployment
			decode(t, out, "Deployment", "", &d)
			var role rbacv1.ClusterRole
			decode(t, out, "ClusterRole", mwc.Name, &role) // the webhook's, named like its configuration

			args := d.Spec.Template.Spec.Containers[0].Args
			for _, want := range []string{"--owner-webhook-configuration=" + mwc.Name, "--manage-policies=" + strconv.FormatBool(c.manage)} {
				if !slices.Contains(args, want) {
					t.Errorf("args lack %s: %v", want, args)
				}
			}
			var gotNetpol, gotOwner []rbacv1.PolicyRule
			for _, r := range role.Rules {
				if slices.Contains(r.Resources, "networkpolicies") {
					gotNetpol = append(gotNetpol, r)
				}
				if slices.Contains(r.Resources, "mutatingwebhookconfigurations") {
					gotOwner = append(gotOwner, r)
				}
			}
			wantNetpol := []rbacv1.PolicyRule{netpolRule, calicoRule}
			wantOwner := []rbacv1.PolicyRule{{
				APIGroups: []string{"admissionregistration.k8s.io"}, Resources: []string{"mutatingwebhookconfigurations"},
				ResourceNames: []string{mwc.Name}, Verbs: []string{"get"},
			}}
			if !c.manage {
				wantNetpol, wantOwner = nil, nil
			}
			if !reflect.DeepEqual(gotNetpol, wantNetpol) || !reflect.DeepEqual(gotOwner, wantOwner) {
				t.Errorf("ClusterRole rules on NetworkPolicies %+v and webhook configurations %+v,\nwant %+v and %+v", gotNetpol, gotOwner, wantNetpol, wantOwner)
			}
		})
	}
}

// TestMetricsRBAC: with metrics.secure the webhook may ask the API server who scrapes and whether
// it may (TokenReview, SubjectAccessReview), and a metrics-reader ClusterRole is there to bind; the
// apiserver-backed check is test/runbook's. Without it, neither.
func TestMetricsRBAC(t *testing.T) {
	helmBin(t)
	reviews := []rbacv1.PolicyRule{
		{APIGroups: []string{"authentication.k8s.io"}, Resources: []string{"tokenreviews"}, Verbs: []string{"create"}},
		{APIGroups: []string{"authorization.k8s.io"}, Resources: []string{"subjectaccessreviews"}, Verbs: []string{"create"}},
	}
	reader := []rbacv1.PolicyRule{{NonResourceURLs: []string{"/metrics"}, Verbs: []string{"get"}}}
	for _, secure := range []bool{true, false} {
		out := mustRender(t, namespace, "--set", "metrics.secure="+strconv.FormatBool(secure))
		var d appsv1.Deployment
		decode(t, out, "Deployment", "", &d)
		if want := "--metrics-secure=" + strconv.FormatBool(secure); !slices.Contains(d.Spec.Template.Spec.Containers[0].Args, want) {
			t.Errorf("args lack %s", want)
		}
		var role rbacv1.ClusterRole
		decode(t, out, "ClusterRole", release, &role)
		var got []rbacv1.PolicyRule
		for _, r := range role.Rules {
			if slices.Contains(r.Resources, "tokenreviews") || slices.Contains(r.Resources, "subjectaccessreviews") {
				got = append(got, r)
			}
		}
		hasReader := bytes.Contains(out, []byte("name: "+release+"-metrics-reader\n"))
		if !secure {
			if got != nil || hasReader {
				t.Errorf("metrics.secure=false: review rules %+v, metrics-reader rendered %v; want neither", got, hasReader)
			}
			continue
		}
		if !reflect.DeepEqual(got, reviews) {
			t.Errorf("the webhook's review rules %+v, want %+v", got, reviews)
		}
		var r rbacv1.ClusterRole
		decode(t, out, "ClusterRole", release+"-metrics-reader", &r)
		if !reflect.DeepEqual(r.Rules, reader) {
			t.Errorf("%s-metrics-reader rules %+v, want %+v", release, r.Rules, reader)
		}
	}
}
