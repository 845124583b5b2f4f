package helm_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// kube is a throw-away control plane: etcd and kube-apiserver from $KUBEBUILDER_ASSETS
// (`hack/tools.sh envtest` builds them), and its kubectl. No controller-manager and no kubelet: pods
// are stored, never run, which is all admission needs.
type kube struct {
	t          *testing.T
	kubectl    string
	kubeconfig string
}

// TestAgainstAPIServer applies the rendered chart to a real kube-apiserver and exercises what only
// an API server can check: every manifest valid server-side (cert-manager's too, against its CRDs),
// the Role enough for the webhook's informer and no more, the namespace exclusions, and the
// ValidatingAdmissionPolicies refusing forged labels and bad selectors with the webhook bypassed.
// It runs when KUBEBUILDER_ASSETS and HELM_BIN are set (make test-e2e), and is skipped otherwise.
func TestAgainstAPIServer(t *testing.T) {
	assets := os.Getenv("KUBEBUILDER_ASSETS")
	if assets == "" {
		t.Skip("KUBEBUILDER_ASSETS is not set: `export $(hack/tools.sh envtest)` first")
	}
	helmBin(t)
	k := startAPIServer(t, assets)
	const sa = "system:serviceaccount:" + namespace + ":" + release
	k.must("", "create", "namespace", namespace)
	k.must("", "create", "namespace", "team-a")
	k.must("", "create", "namespace", "exempt-a")
	k.must("", "label", "namespace", "exempt-a", "netiso.dev/exempt=true")
	k.must(readFile(t, "testdata/crds/cert-manager.yaml"), "apply", "-f", "-")
	k.must("", "wait", "--for=condition=Established", "crd/certificates.cert-manager.io", "crd/issuers.cert-manager.io")

	// The chart asks the API server (helm's own discovery) whether it serves the Prometheus
	// Operator's CRDs: before they are installed, monitoring on renders the dashboard only, and the
	// installation notes say why there is nothing else.
	monitoring := func() []string {
		t.Helper()
		return monitoringKinds(t, k.helm(t, "template", append([]string{"--validate"}, monitoringOn...)...))
	}
	notes := func() string {
		t.Helper()
		out := string(k.helm(t, "install", append([]string{"--dry-run=server"}, monitoringOn...)...))
		return out[strings.Index(out, "\nNOTES:")+1:]
	}
	const noCRD = "is set, but this cluster serves no monitoring.coreos.com/v1"
	if got := monitoring(); !slices.Equal(got, []string{"ConfigMap/" + release + "-dashboard"}) {
		t.Errorf("monitoring on, no Prometheus Operator CRDs: rendered %v, want the dashboard only", got)
	}
	if n := notes(); !strings.Contains(n, "WARNING: monitoring.serviceMonitor.enabled "+noCRD+"\nServiceMonitor") ||
		!strings.Contains(n, "WARNING: monitoring.prometheusRule.enabled "+noCRD+"\nPrometheusRule") {
		t.Errorf("no Prometheus Operator CRDs: the notes do not say the ServiceMonitor and PrometheusRule were left out:\n%s", n)
	}
	k.must(readFile(t, "testdata/crds/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml")+"---\n"+
		readFile(t, "testdata/crds/prometheus-operator/monitoring.coreos.com_prometheusrules.yaml"), "apply", "--server-side", "-f", "-")
	k.must("", "wait", "--for=condition=Established", "crd/servicemonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com")
	if got := monitoring(); len(got) != 3 {
		t.Errorf("monitoring on, the Prometheus Operator's CRDs installed: rendered %v, want a ServiceMonitor, a PrometheusRule and the dashboard", got)
	}
	if n := notes(); strings.Contains(n, noCRD) || !strings.Contains(n, "--clusterrole="+release+"-metrics-reader --serviceaccount=<prometheus namespace>:<prometheus serviceaccount>") {
		t.Errorf("the Prometheus Operator's CRDs installed: the notes warn, or do not say what Prometheus's ServiceAccount needs:\n%s", n)
	}

	t.Run("every rendering is valid server-side", func(t *testing.T) {
		for name, args := range goldenCases {
			out := k.run(string(mustRender(t, namespace, args...)), "apply", "--server-side", "--dry-run=server", "-f", "-")
			if out.err != nil {
				t.Errorf("%s: %v\n%s", name, out.err, out.output)
			}
		}
		issuer := []string{"--set", "certManager.enabled=true", "--set", "certManager.issuerRef.name=corp-pki", "--set", "certManager.issuerRef.kind=ClusterIssuer"}
		if out := k.run(string(mustRender(t, namespace, issuer...)), "apply", "--server-side", "--dry-run=server", "-f", "-"); out.err != nil {
			t.Errorf("cert-manager with an issuerRef: %v\n%s", out.err, out.output)
		}
		// Monitoring with every value set, through the operator's CRDs (strict field validation: a
		// field they do not know is refused); and one field they do not know, refused.
		all := append(append(slices.Clone(monitoringOn), monitoringAPIs...),
			"--set", "monitoring.serviceMonitor.labels.release=kps", "--set", "monitoring.prometheusRule.labels.release=kps",
			"--set", "monitoring.prometheusRule.alertLabels.team=platform", "--set", "monitoring.grafanaDashboard.annotations.grafana_folder=netiso")
		for name, args := range map[string][]string{"every monitoring value": all,
			"insecureSkipVerify":       append(slices.Clone(all), "--set", "monitoring.serviceMonitor.insecureSkipVerify=true"),
			"plain HTTP metrics":       append(slices.Clone(all), "--set", "metrics.secure=false"),
			"monitoring, cert-manager": append(slices.Clone(all), "--set", "certManager.enabled=true")} {
			if out := k.run(string(mustRender(t, namespace, args...)), "apply", "--server-side", "--dry-run=server", "-f", "-"); out.err != nil {
				t.Errorf("%s: %v\n%s", name, out.err, out.output)
			}
		}
		typo := strings.Replace(string(mustRender(t, namespace, all...)), "scrapeTimeout:", "scrapeTimeOut:", 1)
		if out := k.run(typo, "apply", "--server-side", "--dry-run=server", "-f", "-"); out.err == nil || !strings.Contains(out.output, "scrapeTimeOut") {
			t.Errorf("a ServiceMonitor field the CRD does not know was not refused: %v\n%s", out.err, out.output)
		}
	})

	// Pods that were there before netiso.
	k.must(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team-a, labels: {app.kubernetes.io/name: frontend, egress.netiso.dev/old: "true"}}
spec: {containers: [{name: c, image: pause}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: team-a} # no labels map at all
spec: {containers: [{name: c, image: pause}]}
`, "apply", "-f", "-")
	k.must(string(mustRender(t, namespace)), "apply", "--server-side", "-f", "-")
	// Policies take effect asynchronously: wait until the first one refuses. (Through pods/status:
	// a plain pod update stops at the webhook, which is down.)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(k.run("", "-n", "team-a", "patch", "pod", "p", "--subresource=status", "--type=merge", "--dry-run=server",
		"-p", `{"metadata":{"labels":{"egress.netiso.dev/probe":"true"}}}`).output, "netiso-pod-labels") {
		if time.Now().After(deadline) {
			t.Fatal("the pod-labels policy never took effect")
		}
		time.Sleep(200 * time.Millisecond)
	}

	t.Run("RBAC: the rules ConfigMap, the reconciler's pods and Lease, and nothing else", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			ok   bool
		}{
			// What the informer does: list and watch with fieldSelector metadata.name=<name>.
			{[]string{"get", "configmaps", "--field-selector", "metadata.name=netiso-rules"}, true},
			{[]string{"get", "configmaps", "--field-selector", "metadata.name=netiso-rules", "--watch", "--request-timeout=1s"}, true},
			{[]string{"get", "configmaps"}, false},
			{[]string{"get", "configmap", "other"}, false},
			{[]string{"get", "secrets"}, false},
			{[]string{"get", "secrets", "-A"}, false},
			// The reconciler: pod and namespace metadata everywhere, a patch of a stale pod.
			{[]string{"get", "pods", "-A"}, true},
			{[]string{"get", "namespaces"}, true},
			{[]string{"auth", "can-i", "patch", "pods", "-n", "team-a"}, true},
			{[]string{"auth", "can-i", "update", "pods", "-n", "team-a"}, false},
			{[]string{"auth", "can-i", "delete", "pods", "-n", "team-a"}, false},
			{[]string{"auth", "can-i", "create", "pods", "-n", "team-a"}, false},
			{[]string{"auth", "can-i", "create", "events.events.k8s.io", "-n", "team-a"}, true},
			{[]string{"auth", "can-i", "delete", "events.events.k8s.io", "-n", "team-a"}, false},
			{[]string{"auth", "can-i", "update", "leases/netiso-reconciler"}, true},
			{[]string{"auth", "can-i", "update", "leases/other"}, false},
			{[]string{"auth", "can-i", "get", "leases", "-n", "team-a"}, false},
		} {
			out := k.run("", append([]string{"-n", namespace, "--as", sa}, c.args...)...)
			forbidden := strings.Contains(out.output, "Forbidden") || strings.Contains(out.output, "forbidden")
			if c.args[0] == "auth" { // kubectl auth can-i answers yes or no
				forbidden = strings.TrimSpace(out.output) != "yes"
			}
			if c.ok == forbidden {
				t.Errorf("kubectl %s as netiso: %s", strings.Join(c.args, " "), out.output)
			}
		}
	})

	t.Run("the webhook is called in covered namespaces only", func(t *testing.T) {
		// No replica runs here, so with failurePolicy Fail a covered pod is refused, naming the webhook.
		out := k.run("", "-n", "team-a", "run", "p", "--image=pause")
		if out.err == nil || !strings.Contains(out.output, `"pods.netiso.dev"`) {
			t.Errorf("pod in a covered namespace with the webhook down: %v %s", out.err, out.output)
		}
		for _, ns := range []string{namespace, "kube-system", "exempt-a"} {
			if out := k.run("", "-n", ns, "run", "p", "--image=pause", "--labels=egress.netiso.dev/x=true"); out.err != nil {
				t.Errorf("pod in exempt namespace %s: %s", ns, out.output)
			}
		}
		// Status updates go on while netiso is down (the subresources entry fails open), and the
		// policy still refuses a label sent that way.
		if out := k.run("", "-n", "team-a", "patch", "pod", "p", "--subresource=status", "--type=merge", "-p", `{"status":{"message":"kubelet"}}`); out.err != nil {
			t.Errorf("status update with the webhook down: %s", out.output)
		}
		out = k.run("", "-n", "team-a", "patch", "pod", "p", "--subresource=status", "--type=merge", "-p", `{"metadata":{"labels":{"egress.netiso.dev/ledger":"true"}}}`)
		if !strings.Contains(out.output, "netiso-pod-labels") {
			t.Errorf("label through pods/status with the webhook down: %v %s", out.err, out.output)
		}
	})

	// From here on the webhook is bypassed, as if its configuration were deleted or it failed open:
	// only the ValidatingAdmissionPolicies stand.
	k.must("", "delete", "mutatingwebhookconfiguration", release)

	const refused = "ValidatingAdmissionPolicy 'netiso-pod-labels'"
	t.Run("pod labels", func(t *testing.T) {
		for _, c := range []struct {
			name    string
			args    []string
			refused bool
		}{
			{"kubectl label adds one", []string{"label", "pod", "p", "egress.netiso.dev/ledger=true"}, true},
			{"kubectl label changes one", []string{"label", "--overwrite", "pod", "p", "egress.netiso.dev/old=yes"}, true},
			{"a type label", []string{"label", "pod", "p", "egress-type.netiso.dev/backend=true"}, true},
			{"a JSON patch", []string{"patch", "pod", "p", "--type=json", "-p", `[{"op":"add","path":"/metadata/labels/egress.netiso.dev~1ledger","value":"true"}]`}, true},
			{"a merge patch", []string{"patch", "pod", "p", "--type=merge", "-p", `{"metadata":{"labels":{"egress.netiso.dev/ledger":"true"}}}`}, true},
			{"the status subresource", []string{"patch", "pod", "p", "--subresource=status", "--type=merge", "-p", `{"metadata":{"labels":{"egress.netiso.dev/ledger":"true"}}}`}, true},
			{"a pod that had no labels", []string{"label", "pod", "bare", "egress.netiso.dev/ledger=true"}, true},
			{"an unmanaged label", []string{"label", "pod", "p", "team=payments"}, false},
			{"an annotation on a pod with no labels", []string{"annotate", "pod", "bare", "note=x"}, false},
			{"a look-alike prefix", []string{"label", "pod", "p", "egress.netiso.dev.example.com/x=true"}, false},
			{"removing one", []string{"label", "pod", "p", "egress.netiso.dev/old-"}, false},
			{"netiso itself adds one", []string{"--as", sa, "label", "pod", "p", "egress.netiso.dev/ledger=true"}, false},
			{"netiso itself changes one", []string{"--as", sa, "label", "--overwrite", "pod", "p", "egress.netiso.dev/ledger=yes"}, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				out := k.run("", append([]string{"-n", "team-a"}, c.args...)...)
				if got := out.err != nil && strings.Contains(out.output, refused); got != c.refused {
					t.Errorf("refused = %v, want %v: %s", got, c.refused, out.output)
				} else if out.err != nil && !c.refused {
					t.Errorf("failed: %s", out.output)
				}
			})
		}
		// A server-side apply by another field manager, and an update in an exempt namespace.
		ssa := "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team-a, labels: {egress.netiso.dev/forged: \"true\"}}\n"
		if out := k.run(ssa, "apply", "--server-side", "--field-manager=someone", "-f", "-"); !strings.Contains(out.output, refused) {
			t.Errorf("server-side apply of a managed label: %s", out.output)
		}
		if out := k.run("", "-n", "exempt-a", "label", "pod", "p", "egress.netiso.dev/y=true"); out.err != nil {
			t.Errorf("exempt namespace: %s", out.output)
		}
		got := k.must("", "-n", "team-a", "get", "pod", "p", "-o", "jsonpath={.metadata.labels}")
		if want := `{"app.kubernetes.io/name":"frontend","egress.netiso.dev.example.com/x":"true","egress.netiso.dev/ledger":"yes","team":"payments"}`; got != want {
			t.Errorf("labels of p = %s, want %s", got, want)
		}
	})

	t.Run("workload selectors", func(t *testing.T) {
		const bad = "ValidatingAdmissionPolicy 'netiso-workload-selectors'"
		for _, c := range []struct {
			name, kind, ns, selector string
			refused                  bool
		}{
			{"Deployment matchLabels", "apps/v1 Deployment", "team-a", `{matchLabels: {app: x, egress.netiso.dev/ledger: "true"}}`, true},
			{"Deployment matchExpressions", "apps/v1 Deployment", "team-a", `{matchLabels: {app: x}, matchExpressions: [{key: egress-type.netiso.dev/backend, operator: Exists}]}`, true},
			{"ReplicaSet", "apps/v1 ReplicaSet", "team-a", `{matchLabels: {egress.netiso.dev/ledger: "true"}}`, true},
			{"StatefulSet", "apps/v1 StatefulSet", "team-a", `{matchLabels: {egress.netiso.dev/ledger: "true"}}`, true},
			{"DaemonSet", "apps/v1 DaemonSet", "team-a", `{matchLabels: {egress.netiso.dev/ledger: "true"}}`, true},
			{"Job", "batch/v1 Job", "team-a", `{matchLabels: {egress.netiso.dev/ledger: "true"}}`, true},
			{"Deployment by identity", "apps/v1 Deployment", "team-a", `{matchLabels: {app: x}}`, false},
			{"Deployment by expression", "apps/v1 Deployment", "team-a", `{matchExpressions: [{key: app, operator: In, values: [x]}]}`, false},
			{"Job with a generated selector", "batch/v1 Job", "team-a", ``, false},
			{"Deployment in an exempt namespace", "apps/v1 Deployment", "exempt-a", `{matchLabels: {egress.netiso.dev/ledger: "true"}}`, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				out := k.run(workload(c.kind, c.ns, c.selector), "apply", "--dry-run=server", "-f", "-")
				if got := out.err != nil && strings.Contains(out.output, bad); got != c.refused {
					t.Errorf("refused = %v, want %v: %s", got, c.refused, out.output)
				} else if out.err != nil && !c.refused {
					t.Errorf("failed: %s", out.output)
				}
			})
		}
	})
}

// workload is a minimal workload of kind ("apps/v1 Deployment") with the selector (a flow mapping),
// whose pods carry every label the selectors above name.
func workload(kind, ns, selector string) string {
	apiVersion, kind, _ := strings.Cut(kind, " ")
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: %s\nkind: %s\nmetadata: {name: w, namespace: %s}\nspec:\n", apiVersion, kind, ns)
	labels := "{app: x}"
	if selector != "" {
		fmt.Fprintf(&b, "  selector: %s\n", selector)
		labels = `{app: x, egress.netiso.dev/ledger: "true", egress-type.netiso.dev/backend: "true"}`
		if kind == "Job" {
			b.WriteString("  manualSelector: true\n")
		}
	}
	if kind == "StatefulSet" {
		b.WriteString("  serviceName: w\n")
	}
	restart := ""
	if kind == "Job" {
		restart = "restartPolicy: Never, "
	}
	fmt.Fprintf(&b, "  template:\n    metadata: {labels: %s}\n    spec: {%scontainers: [{name: c, image: pause}]}\n", labels, restart)
	return b.String()
}

type result struct {
	output string
	err    error
}

// run runs kubectl with stdin; the output is stdout and stderr together.
func (k *kube) run(stdin string, args ...string) result {
	k.t.Helper()
	cmd := exec.Command(k.kubectl, append([]string{"--kubeconfig", k.kubeconfig}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return result{strings.TrimSpace(string(out)), err}
}

func (k *kube) must(stdin string, args ...string) string {
	k.t.Helper()
	out := k.run(stdin, args...)
	if out.err != nil {
		k.t.Fatalf("kubectl %s: %v\n%s", strings.Join(args, " "), out.err, out.output)
	}
	return out.output
}

// helm runs `helm <command> <release> <chart>` against this API server, with its capabilities (the
// API versions it serves) and lookup: "template --validate", or "install --dry-run=server".
func (k *kube) helm(t *testing.T, command string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(helmBin(t), append([]string{command, release, chartDir, "--namespace", namespace,
		"--kubeconfig", k.kubeconfig}, args...)...)
	// helm caches discovery under its cache directory: a fresh one, so nothing stale is read.
	cmd.Env = append(os.Environ(), "HELM_CACHE_HOME="+t.TempDir(), "HELM_CONFIG_HOME="+t.TempDir(), "HELM_DATA_HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helm %s %s: %v\n%s", command, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startAPIServer starts etcd and kube-apiserver (token authentication, RBAC, the ServiceAccount
// admission plugin off since no controller creates default ServiceAccounts) and stops them when the
// test ends.
func startAPIServer(t *testing.T, assets string) *kube {
	t.Helper()
	dir := t.TempDir()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	saKey := write("sa.key", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	saPub := write("sa.pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
	tokens := write("tokens.csv", []byte("admin-token,admin,admin,system:masters\n"))

	etcdPort, peerPort, apiPort := freePort(t), freePort(t), freePort(t)
	start := func(name string, args ...string) {
		cmd := exec.Command(filepath.Join(assets, name), args...)
		logFile, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = logFile, logFile
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			logFile.Close()
			if t.Failed() {
				log, _ := os.ReadFile(logFile.Name())
				t.Logf("%s log (last 2 KiB):\n%s", name, tail(log, 2048))
			}
		})
	}
	etcdURL := fmt.Sprintf("http://127.0.0.1:%d", etcdPort)
	start("etcd", "--data-dir", filepath.Join(dir, "etcd"), "--listen-client-urls", etcdURL, "--advertise-client-urls", etcdURL,
		"--listen-peer-urls", fmt.Sprintf("http://127.0.0.1:%d", peerPort), "--log-level", "warn")
	start("kube-apiserver", "--etcd-servers", etcdURL, "--cert-dir", filepath.Join(dir, "certs"),
		"--secure-port", fmt.Sprint(apiPort), "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
		"--endpoint-reconciler-type", "none", "--token-auth-file", tokens, "--authorization-mode", "RBAC",
		"--service-account-issuer", "https://kubernetes.default.svc", "--service-account-key-file", saPub,
		"--service-account-signing-key-file", saKey, "--service-cluster-ip-range", "10.0.0.0/24",
		"--disable-admission-plugins", "ServiceAccount")

	k := &kube{t: t, kubectl: filepath.Join(assets, "kubectl"), kubeconfig: write("kubeconfig", fmt.Appendf(nil, `apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: admin-token}}]
contexts: [{name: test, context: {cluster: test, user: admin}}]
current-context: test
`, apiPort))}
	deadline := time.Now().Add(60 * time.Second)
	for {
		out := k.run("", "get", "--raw", "/readyz")
		if out.err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("kube-apiserver not ready after 60s: %s", out.output)
		}
		time.Sleep(250 * time.Millisecond)
	}
	// The default namespace's objects and the RBAC bootstrap roles come up just after /readyz.
	for k.run("", "get", "clusterrole", "admin").err != nil && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
	}
	return k
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return bytes.TrimSpace(b)
}

// TestNetworkPolicyGuardAgainstAPIServer applies the chart to a real kube-apiserver, with no netiso
// process running, and checks the guard over NetworkPolicies as the identities a cluster has: a
// namespace team holding only Kubernetes' built-in edit role, a cluster administrator
// (system:masters), netiso's own ServiceAccount with the chart's RBAC, the garbage collector and
// namespace controller with their bootstrap roles, and the users and groups the values exempt.
func TestNetworkPolicyGuardAgainstAPIServer(t *testing.T) {
	assets := os.Getenv("KUBEBUILDER_ASSETS")
	if assets == "" {
		t.Skip("KUBEBUILDER_ASSETS is not set: `export $(hack/tools.sh envtest)` first")
	}
	helmBin(t)
	k := startAPIServer(t, assets)
	values := []string{
		"--set-json", `policies.guard.exemptUsers=["ci-bot"]`,
		"--set-json", `policies.guard.exemptGroups=["platform"]`,
		"--set-json", `policies.guard.teamWriters={"users":["mesh-operator"]}`,
	}
	const (
		netiso    = "system:serviceaccount:" + namespace + ":" + release
		gc        = "system:serviceaccount:kube-system:generic-garbage-collector"
		nsCtrl    = "system:serviceaccount:kube-system:namespace-controller"
		owned     = "ValidatingAdmissionPolicy 'netiso-network-policies'"
		team      = "ValidatingAdmissionPolicy 'netiso-team-network-policies'"
		ownedWhy  = "netiso owns this NetworkPolicy: change the rules ConfigMap instead"
		teamWhy   = "Express the path in the rules instead"
		managedBy = "app.kubernetes.io/managed-by"
	)
	for _, ns := range []string{namespace, "team-a", "exempt-a"} {
		k.must("", "create", "namespace", ns)
	}
	k.must("", "label", "namespace", "exempt-a", "netiso.dev/exempt=true")
	// Every non-administrator below holds only the built-in edit role where it works, which lets a
	// namespace's users write its NetworkPolicies: the guard is all that stops them. edit and view
	// are aggregated roles, filled in by kube-controller-manager, which this cluster lacks.
	k.aggregateClusterRoles("view", "edit")
	for _, ns := range []string{"team-a", "exempt-a"} {
		k.must("", "-n", ns, "create", "rolebinding", "edit", "--clusterrole=edit",
			"--user=dev", "--user=ci-bot", "--user=mesh-operator", "--group=platform")
	}
	// A team's policies from before netiso.
	k.must(netpol("team-a", "legacy-allow", "", "ingress")+"---\n"+netpol("team-a", "legacy-egress", "", "egress"), "apply", "-f", "-")

	apply := func(args ...string) {
		k.must(string(mustRender(t, namespace, append(slices.Clone(values), args...)...)), "apply", "--server-side", "--force-conflicts", "-f", "-")
	}
	apply()
	// Policies take effect asynchronously: wait until each refuses. Dry runs, so nothing is left.
	waitFor := func(what string, ok func() (bool, result)) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			done, last := ok()
			if done {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not after 30s; last: %v %s", what, last.err, last.output)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	as := func(user string, groups ...string) []string {
		args := []string{"--as", user}
		for _, g := range groups {
			args = append(args, "--as-group", g)
		}
		return args
	}
	waitFor("the team policy refuses", func() (bool, result) {
		out := k.run(netpol("team-a", "probe", "", "ingress"), append(as("dev"), "create", "--dry-run=server", "-f", "-")...)
		return strings.Contains(out.output, team), out
	})
	waitFor("the owned policy refuses", func() (bool, result) {
		out := k.run(netpol("exempt-a", "netiso-probe", "", "ingress"), append(as("dev"), "create", "--dry-run=server", "-f", "-")...)
		return strings.Contains(out.output, owned), out
	})

	t.Run("netiso's RBAC", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			ok   bool
		}{
			{[]string{"create", "networkpolicies", "-n", "team-a"}, true},
			{[]string{"patch", "networkpolicies", "-n", "kube-system"}, true},
			{[]string{"delete", "networkpolicies", "-n", "exempt-a"}, true},
			{[]string{"watch", "networkpolicies", "-A"}, true},
			{[]string{"deletecollection", "networkpolicies", "-n", "team-a"}, false},
			{[]string{"get", "mutatingwebhookconfigurations/" + release}, true},
			{[]string{"get", "mutatingwebhookconfigurations/other"}, false},
			{[]string{"list", "mutatingwebhookconfigurations"}, false},
			{[]string{"update", "mutatingwebhookconfigurations/" + release}, false},
		} {
			// The answer is the last line (kubectl may warn first).
			out := k.run("", append(as(netiso), append([]string{"auth", "can-i"}, c.args...)...)...).output
			if answer := out[strings.LastIndex(out, "\n")+1:]; (answer == "yes") != c.ok {
				t.Errorf("can netiso %s: %s", strings.Join(c.args, " "), out)
			}
		}
	})

	// Each step runs in order: netiso's policies are created, then written by others.
	for _, c := range []struct {
		name   string
		user   []string
		stdin  string
		args   []string
		denied string // the policy that refuses; "" when allowed
		why    string // and the part of its message that says why
	}{
		// A namespace team, with the edit role, in a covered namespace.
		{"a team creates an allow-all ingress policy", as("dev"), netpol("team-a", "allow-all-in", "", "ingress"), []string{"create", "-f", "-"}, team, teamWhy},
		{"a team creates an allow-all egress policy", as("dev"), netpol("team-a", "allow-all-out", "", "egress"), []string{"create", "-f", "-"}, team, teamWhy},
		{"a team server-side applies one", as("dev"), netpol("team-a", "allow-all-in", "", "ingress"), []string{"apply", "--server-side", "-f", "-"}, team, teamWhy},
		{"a team changes its own policy from before netiso", as("dev"), "", []string{"-n", "team-a", "label", "networkpolicy", "legacy-egress", "x=y"}, team, teamWhy},
		{"a cluster administrator creates one", nil, netpol("team-a", "admin-allow", "", "ingress"), []string{"create", "-f", "-"}, team, teamWhy},
		// netiso writes its own, with the chart's RBAC.
		{"netiso creates its policy", as(netiso), netpol("team-a", "netiso-frontend", managedBy+": netiso", "ingress"), []string{"apply", "--server-side", "--field-manager=netiso", "-f", "-"}, "", ""},
		{"netiso creates a zone policy in an exempt namespace", as(netiso), netpol("exempt-a", "netiso-zone-pci", managedBy+": netiso", "egress"), []string{"apply", "--server-side", "--field-manager=netiso", "-f", "-"}, "", ""},
		{"netiso patches its policy", as(netiso), "", []string{"-n", "team-a", "label", "networkpolicy", "netiso-frontend", "netiso.dev/rules=1"}, "", ""},
		// Others write netiso's policies: refused everywhere, administrators included.
		{"a team patches netiso's policy", as("dev"), "", []string{"-n", "team-a", "patch", "networkpolicy", "netiso-frontend", "--type=merge", "-p", `{"spec":{"ingress":[{}]}}`}, owned, ownedWhy},
		{"a team deletes netiso's policy", as("dev"), "", []string{"-n", "team-a", "delete", "networkpolicy", "netiso-frontend"}, owned, ownedWhy},
		{"a cluster administrator deletes netiso's policy", nil, "", []string{"-n", "team-a", "delete", "networkpolicy", "netiso-frontend"}, owned, ownedWhy},
		{"a cluster administrator deletes netiso's policies by label", nil, "", []string{"delete", "networkpolicy", "-A", "-l", managedBy + "=netiso"}, owned, ownedWhy},
		{"a team writer patches netiso's policy", as("mesh-operator"), "", []string{"-n", "team-a", "patch", "networkpolicy", "netiso-frontend", "--type=merge", "-p", `{"spec":{"ingress":[{}]}}`}, owned, ownedWhy},
		{"in an exempt namespace, a team takes netiso's label off", as("dev"), "", []string{"-n", "exempt-a", "label", "networkpolicy", "netiso-zone-pci", managedBy + "-"}, owned, ownedWhy},
		{"in an exempt namespace, a team deletes netiso's policy", as("dev"), "", []string{"-n", "exempt-a", "delete", "networkpolicy", "netiso-zone-pci"}, owned, ownedWhy},
		{"in an exempt namespace, a team creates a policy named netiso-", as("dev"), netpol("exempt-a", "netiso-x", "", "ingress"), []string{"create", "-f", "-"}, owned, ownedWhy},
		{"in an exempt namespace, a team generates a name netiso-", as("dev"), netpol("exempt-a", "", "", "ingress"), []string{"create", "-f", "-"}, owned, ownedWhy},
		{"in an exempt namespace, a team creates a policy with netiso's label", as("dev"), netpol("exempt-a", "mine", managedBy+": netiso", "ingress"), []string{"create", "-f", "-"}, owned, ownedWhy},
		// What stays allowed.
		{"in an exempt namespace, a team creates its own policy", as("dev"), netpol("exempt-a", "allow-all-in", "", "ingress"), []string{"create", "-f", "-"}, "", ""},
		{"a team deletes its own policy from before netiso", as("dev"), "", []string{"-n", "team-a", "delete", "networkpolicy", "legacy-allow"}, "", ""},
		{"an exempt group creates a policy", as("padmin", "platform"), netpol("team-a", "platform-allow", "", "ingress"), []string{"create", "-f", "-"}, "", ""},
		{"an exempt group patches netiso's policy", as("padmin", "platform"), "", []string{"-n", "team-a", "label", "networkpolicy", "netiso-frontend", "platform=1"}, "", ""},
		{"an exempt user creates a policy", as("ci-bot"), netpol("team-a", "ci-allow", "", "egress"), []string{"create", "-f", "-"}, "", ""},
		{"a team writer creates its own policy", as("mesh-operator"), netpol("team-a", "mesh-allow", "", "ingress"), []string{"create", "-f", "-"}, "", ""},
		{"the garbage collector deletes netiso's policy", as(gc), "", []string{"-n", "team-a", "delete", "networkpolicy", "netiso-frontend"}, "", ""},
		{"the namespace controller deletes netiso's policy", as(nsCtrl), "", []string{"-n", "exempt-a", "delete", "networkpolicy", "netiso-zone-pci"}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := k.run(c.stdin, append(slices.Clone(c.user), c.args...)...)
			switch {
			case c.denied == "" && out.err != nil:
				t.Errorf("refused: %s", out.output)
			case c.denied != "" && (out.err == nil || !strings.Contains(out.output, c.denied) || !strings.Contains(out.output, c.why)):
				t.Errorf("want refused by %s saying %q: %v %s", c.denied, c.why, out.err, out.output)
			}
		})
	}
	// What was refused is not there, what was allowed is.
	got := k.must("", "get", "networkpolicy", "-A", "-o", `jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {end}`)
	if want := "exempt-a/allow-all-in team-a/ci-allow team-a/legacy-egress team-a/mesh-allow team-a/platform-allow"; strings.TrimSpace(got) != want {
		t.Errorf("NetworkPolicies: %s\nwant %s", got, want)
	}

	t.Run("a warn-only rollout", func(t *testing.T) {
		apply("--set-json", `policies.guard.teamValidationActions=["Warn","Audit"]`)
		waitFor("the team policy only warns", func() (bool, result) {
			out := k.run(netpol("team-a", "probe", "", "ingress"), append(as("dev"), "create", "--dry-run=server", "-f", "-")...)
			return out.err == nil, out
		})
		out := k.run(netpol("team-a", "allow-all-in", "", "ingress"), append(as("dev"), "create", "-f", "-")...)
		if out.err != nil || !strings.Contains(out.output, "Warning:") || !strings.Contains(out.output, teamWhy) {
			t.Errorf("want created with a warning: %v %s", out.err, out.output)
		}
		// netiso's own policies stay guarded.
		if out := k.run(netpol("team-a", "netiso-y", "", "ingress"), append(as("dev"), "create", "-f", "-")...); out.err == nil || !strings.Contains(out.output, owned) {
			t.Errorf("netiso-y with the team guard warning only: %v %s", out.err, out.output)
		}
	})
}

// aggregateClusterRoles does kube-controller-manager's clusterrole-aggregation controller's job for
// the named roles, in order (view before edit, which aggregates it): each role's rules become those
// of the roles its aggregationRule selects.
func (k *kube) aggregateClusterRoles(names ...string) {
	k.t.Helper()
	for _, name := range names {
		var role rbacv1.ClusterRole
		if err := json.Unmarshal([]byte(k.must("", "get", "clusterrole", name, "-o", "json")), &role); err != nil {
			k.t.Fatal(err)
		}
		if role.AggregationRule == nil {
			k.t.Fatalf("clusterrole %s is not aggregated", name)
		}
		var rules []rbacv1.PolicyRule
		for _, sel := range role.AggregationRule.ClusterRoleSelectors {
			selector, err := metav1.LabelSelectorAsSelector(&sel)
			if err != nil {
				k.t.Fatal(err)
			}
			var list rbacv1.ClusterRoleList
			if err := json.Unmarshal([]byte(k.must("", "get", "clusterrole", "-l", selector.String(), "-o", "json")), &list); err != nil {
				k.t.Fatal(err)
			}
			for _, r := range list.Items {
				rules = append(rules, r.Rules...)
			}
		}
		patch, err := json.Marshal(map[string]any{"rules": rules})
		if err != nil {
			k.t.Fatal(err)
		}
		k.must("", "patch", "clusterrole", name, "--type=merge", "-p", string(patch))
	}
}

// netpol is a NetworkPolicy that lets everything in (ingress) or out (egress) of every pod of ns:
// what a team's policy can open. An empty name is generated from "netiso-"; labels is a flow
// mapping's inside.
func netpol(ns, name, labels, direction string) string {
	var b strings.Builder
	b.WriteString("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n")
	if name == "" {
		b.WriteString("  generateName: netiso-\n")
	} else {
		fmt.Fprintf(&b, "  name: %s\n", name)
	}
	fmt.Fprintf(&b, "  namespace: %s\n  labels: {%s}\n", ns, labels)
	if direction == "ingress" {
		b.WriteString("spec: {podSelector: {}, ingress: [{}], policyTypes: [Ingress]}\n")
	} else {
		b.WriteString("spec: {podSelector: {}, egress: [{}], policyTypes: [Egress]}\n")
	}
	return b.String()
}
