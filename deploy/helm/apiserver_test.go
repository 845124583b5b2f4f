package helm_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
