//go:build runbook

// Package runbook walks docs/install.md, the platform team's runbook, against a real
// kube-apiserver and etcd (envtest, built from source by hack/tools.sh): the chart installed with
// helm, the rules compiled and applied with netiso and kubectl, pods created and read back, audit,
// then enforce, a rules change, a rollback and an uninstall. Each command the test runs is one the
// runbook shows, checked to be there word for word, so the two cannot drift apart.
//
// The control plane has no kubelet and no controller-manager, so the chart's Deployment never
// runs. The test stands in for them: it reads the Deployment back from the API server and runs its
// container's arguments (exactly what helm installed: mode, labels, rules ConfigMap, reconciler)
// with the webhook binary built from this tree, as the chart's ServiceAccount (a token from
// `kubectl create token`, so the chart's RBAC is what it gets), adding only where to listen, the
// certificate and how to reach the API server. The chart is installed with the runbook's
// outside-the-cluster values (webhook.url, webhook.caBundle) pointing the API server at that
// process. After each helm upgrade or rollback the process is restarted with the new arguments, as
// a rollout would.
//
// Run it with `make test-runbook` (KUBEBUILDER_ASSETS and HELM_BIN from hack/tools.sh).
package runbook

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	"sigs.k8s.io/yaml"
)

const (
	ns      = "netiso-system"
	appNS   = "shop"
	install = "../../docs/install.md"
)

// runbook is one walk through the runbook: the cluster, the working directory (a clone's layout:
// rules/ and deploy/), the tools on PATH and the stand-in for the Deployment.
type runbook struct {
	t        *testing.T
	doc      string
	env      []string
	work     string
	bin      string
	adminCfg []byte
	server   string
	caData   []byte
	certs    string
	port     int
	webhook  *exec.Cmd
	logFile  string
	metrics  string
}

func TestRunbook(t *testing.T) {
	assets, helm := os.Getenv("KUBEBUILDER_ASSETS"), os.Getenv("HELM_BIN")
	if assets == "" || helm == "" {
		t.Fatal("KUBEBUILDER_ASSETS and HELM_BIN must be set: run `make test-runbook` (hack/tools.sh builds them)")
	}
	start := time.Now()
	r := setUp(t, assets, helm)
	t.Logf("set up in %s", time.Since(start).Round(time.Millisecond))

	// The README's pipeline line is the runbook's.
	if readme := string(r.read("../../README.md")); !strings.Contains(readme, "netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -") {
		t.Error("README.md lacks the runbook's compile line")
	}

	// 1. Prerequisites and the rules from CI.
	r.run("kubectl create namespace netiso-system")
	r.run("kubectl create namespace " + appNS)
	if out := r.run("netiso validate rules/"); !strings.HasPrefix(out, "ok: 12 services, 15 links") {
		t.Fatalf("validate: %s", out)
	}
	r.run("netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -")

	// 2. Install, in audit mode. webhook.url and webhook.caBundle point the API server at the
	// stand-in; the runbook shows them for a webhook outside the cluster.
	bridge := fmt.Sprintf("--set webhook.url=https://127.0.0.1:%d/mutate-v1-pod --set webhook.caBundle=%s", r.port, base64.StdEncoding.EncodeToString(r.read(filepath.Join(r.certs, "ca.crt"))))
	notes := r.runWith("helm install netiso deploy/helm/netiso --namespace netiso-system --set labels.service=app --set mode=audit", bridge)
	for _, w := range []string{"AUDIT MODE: no label is changed", `grep "audit: enforce mode would change this pod"`, "netiso policies rules/ --service-label app | kubectl apply -f -"} {
		if !strings.Contains(notes, w) {
			t.Errorf("the chart's notes lack %q:\n%s", w, notes)
		}
	}
	r.bridged("kubectl -n netiso-system rollout status deployment/netiso")
	r.startWebhook("--mode=audit")

	// 3. The audit stage: nothing changes, everything is said.
	out := r.run("kubectl -n shop run audit-check --image=registry.k8s.io/pause:3.10 --labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if !strings.Contains(out, "Warning: netiso is in audit mode and changed no label") || !strings.Contains(out, "enforce mode would remove labels") {
		t.Errorf("audit: kubectl said\n%s", out)
	}
	grant := []string{"egress.netiso.dev/adservice", "egress.netiso.dev/cartservice", "egress.netiso.dev/checkoutservice", "egress.netiso.dev/currencyservice",
		"egress.netiso.dev/productcatalogservice", "egress.netiso.dev/recommendationservice", "egress.netiso.dev/shippingservice"}
	p := r.pod("audit-check")
	if got := managed(p); !slices.Equal(got, []string{"egress.netiso.dev/paymentservice"}) {
		t.Errorf("audit mode changed the labels: %v", got)
	}
	if got := p.Annotations["netiso.dev/audit"]; got != strings.Join(grant, ",") {
		t.Errorf("netiso.dev/audit = %q, want %q", got, strings.Join(grant, ","))
	}
	if m := r.get(r.metrics); !strings.Contains(m, `netiso_admissions_total{operation="CREATE",reason="granted",result="audit"} 1`) {
		t.Errorf("metrics lack the audited admission:\n%s", grep(m, "netiso_admissions_total"))
	}
	r.bridged(`kubectl -n netiso-system logs deployment/netiso | grep "audit: enforce mode would change this pod"`)
	if !strings.Contains(string(r.read(r.logFile)), "audit: enforce mode would change this pod") {
		t.Error("the webhook's log lacks the line the runbook says to watch")
	}
	// The audit policies are Calico's; the test cluster has no Calico, so they are only generated.
	if out := r.run("netiso policies rules/ --service-label app --audit --default-namespace shop"); !strings.Contains(out, "projectcalico.org/v3") || !strings.Contains(out, "action: Log") {
		t.Errorf("audit policies:\n%.600s", out)
	}

	// 4. Enforce: the webhook first, then the destination policies.
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set mode=enforce")
	r.startWebhook("--mode=enforce")
	r.run("netiso policies rules/ --service-label app --default-namespace shop | kubectl apply -f -")
	if out := r.run("kubectl -n shop get networkpolicy -o name"); strings.Count(out, "networkpolicy") != 12 {
		t.Errorf("policies in shop:\n%s", out)
	}
	// The policies select pods by the identity label the webhook reads: the same --service-label.
	if got := r.run0("kubectl", "-n", appNS, "get", "networkpolicy", "netiso-frontend", "-o", "jsonpath={.spec.podSelector.matchLabels}"); got != `{"app":"frontend"}` {
		t.Errorf("netiso-frontend selects %s, want the webhook's identity label app", got)
	}
	out = r.run("kubectl -n shop run enforce-check --image=registry.k8s.io/pause:3.10 --labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if !strings.Contains(out, "netiso removed labels that the rules") {
		t.Errorf("enforce: kubectl said\n%s", out)
	}
	version := strings.TrimSpace(r.run("kubectl -n netiso-system get configmap netiso-rules -o jsonpath='{.metadata.annotations.netiso\\.dev/rules-hash}'"))
	if p := r.pod("enforce-check"); !slices.Equal(managed(p), grant) || p.Annotations["netiso.dev/rules-hash"] != version {
		t.Errorf("enforce: labels %v, rules-hash %q; want %v, %q", managed(p), p.Annotations["netiso.dev/rules-hash"], grant, version)
	}
	// The pod admitted in audit mode is relabelled by the reconciler, not left until replaced.
	r.eventually("the audit-time pod relabelled", func() bool { return slices.Equal(managed(r.pod("audit-check")), grant) })

	// 5. A rules change through CI: review the diff, apply, and running pods follow.
	rules := filepath.Join(r.work, "rules", "rules.yaml")
	edited := strings.Replace(string(r.read(rules)), "      - adservice\n", "", 1)
	r.write(rules, edited)
	out = r.run("kubectl -n netiso-system get configmap netiso-rules -o yaml | netiso diff - rules/ --fail-on-open")
	r.write(filepath.Join(r.work, "..", "live.yaml"), r.run0("kubectl", "-n", ns, "get", "configmap", "netiso-rules", "-o", "yaml"))
	if !strings.Contains(out, "opens nothing; 0 links opened, 1 closed") || !strings.Contains(out, "- frontend -> adservice") {
		t.Errorf("diff:\n%s", out)
	}
	// With --kubeconfig, the diff counts the running pods each relabelled service has.
	kubeconfig := strings.TrimPrefix(r.env[slices.IndexFunc(r.env, func(e string) bool { return strings.HasPrefix(e, "KUBECONFIG=") })], "KUBECONFIG=")
	var report struct {
		Grants []struct {
			Service string `json:"service"`
			Pods    *int   `json:"pods"`
		} `json:"grants"`
	}
	if err := json.Unmarshal([]byte(r.run0("netiso", "diff", "../live.yaml", "rules/", "--kubeconfig", kubeconfig, "--service-label", "app", "-o", "json")), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Grants) != 1 || report.Grants[0].Service != "frontend" || report.Grants[0].Pods == nil || *report.Grants[0].Pods != 2 {
		t.Errorf("diff --kubeconfig: %+v, want frontend with its 2 running pods", report.Grants)
	}
	r.run("netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -")
	narrower := slices.DeleteFunc(slices.Clone(grant), func(k string) bool { return k == "egress.netiso.dev/adservice" })
	for _, pod := range []string{"audit-check", "enforce-check"} {
		r.eventually(pod+" loses the revoked link", func() bool { return slices.Equal(managed(r.pod(pod)), narrower) })
	}

	// 6. Roll back: open the network first, then the webhook back to audit.
	r.run("kubectl delete networkpolicy --all-namespaces -l app.kubernetes.io/managed-by=netiso")
	if out := r.run("kubectl -n shop get networkpolicy -o name"); strings.TrimSpace(out) != "" {
		t.Errorf("policies left after the rollback:\n%s", out)
	}
	r.run("helm rollback netiso 1 --namespace netiso-system")
	r.startWebhook("--mode=audit")
	r.run0("kubectl", "-n", appNS, "run", "rollback-check", "--image=registry.k8s.io/pause:3.10", "--labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if got := managed(r.pod("rollback-check")); !slices.Equal(got, []string{"egress.netiso.dev/paymentservice"}) {
		t.Errorf("after the rollback, audit mode changed labels: %v", got)
	}

	// 7. Uninstall: pod creation no longer goes through netiso.
	r.run("helm uninstall netiso --namespace netiso-system")
	r.stopWebhook()
	r.run0("kubectl", "-n", appNS, "run", "after-check", "--image=registry.k8s.io/pause:3.10", "--labels=app=frontend")
	if p := r.pod("after-check"); len(managed(p)) != 0 {
		t.Errorf("after the uninstall: labels %v", managed(p))
	}
	t.Logf("walked in %s", time.Since(start).Round(time.Millisecond))
}

func setUp(t *testing.T, assets, helm string) *runbook {
	doc, err := os.ReadFile(install)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	r := &runbook{t: t, doc: string(doc), work: filepath.Join(tmp, "work"), bin: filepath.Join(tmp, "bin"), certs: filepath.Join(tmp, "certs"), logFile: filepath.Join(tmp, "webhook.log")}
	// A clone's layout: the rules in rules/ (a directory, as the runbook has it), the chart in deploy/.
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{r.bin, filepath.Join(r.work, "rules"), filepath.Join(r.work, "deploy")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repo, "deploy", "helm"), filepath.Join(r.work, "deploy", "helm")); err != nil {
		t.Fatal(err)
	}
	r.write(filepath.Join(r.work, "rules", "rules.yaml"), string(r.read(filepath.Join(repo, "examples", "online-boutique", "rules.yaml"))))
	build := exec.Command("go", "build", "-o", r.bin+"/", "github.com/netiso/netiso/cmd/netiso", "github.com/netiso/netiso/cmd/webhook")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("building netiso and the webhook: %v", err)
	}
	gen := exec.Command("go", "run", "github.com/netiso/netiso/certs/gen", "-dir", r.certs)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("certs: %v\n%s", err, out)
	}
	for name, path := range map[string]string{"kubectl": filepath.Join(assets, "kubectl"), "helm": helm} {
		if err := os.Symlink(path, filepath.Join(r.bin, name)); err != nil {
			t.Fatal(err)
		}
	}

	env := &envtest.Environment{ControlPlaneStartTimeout: time.Minute, ControlPlaneStopTimeout: time.Minute}
	if _, err := env.Start(); err != nil {
		t.Fatalf("starting kube-apiserver and etcd: %v", err)
	}
	t.Cleanup(func() { _ = env.Stop() })
	admin, err := env.AddUser(envtest.User{Name: "platform-team", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.adminCfg, err = admin.KubeConfig(); err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(tmp, "admin.kubeconfig")
	r.write(kubeconfig, string(r.adminCfg))
	r.server, r.caData = env.Config.Host, env.Config.CAData
	r.env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "PATH="+r.bin+":"+os.Getenv("PATH"),
		"HELM_CACHE_HOME="+filepath.Join(tmp, "helm", "cache"), "HELM_CONFIG_HOME="+filepath.Join(tmp, "helm", "config"), "HELM_DATA_HOME="+filepath.Join(tmp, "helm", "data"))
	r.port = freePort(t)
	t.Cleanup(r.stopWebhook)
	return r
}

// run runs a command line of the runbook, which must appear in it as written.
func (r *runbook) run(line string) string { return r.runWith(line, "") }

// runWith runs a runbook line with extra arguments the test needs (appended after the line).
func (r *runbook) runWith(line, extra string) string {
	r.t.Helper()
	r.inDoc(line)
	cmd := exec.Command("bash", "-o", "pipefail", "-c", strings.TrimSpace(line+" "+extra))
	cmd.Dir, cmd.Env = r.work, r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return string(out)
}

// bridged is a runbook line the test cannot run (it needs a kubelet): it is still checked to be in
// the runbook, and the test checks its equivalent.
func (r *runbook) bridged(line string) { r.t.Helper(); r.inDoc(line) }

func (r *runbook) inDoc(line string) {
	r.t.Helper()
	if !strings.Contains(r.doc, line) {
		r.t.Errorf("docs/install.md does not show this command, which the test runs:\n  %s", line)
	}
}

// startWebhook (re)starts the stand-in for the Deployment's pods with the Deployment's own
// arguments, as the ServiceAccount the chart made; wantArg is one they must hold.
func (r *runbook) startWebhook(wantArg string) {
	r.t.Helper()
	r.stopWebhook()
	var args []string
	raw := r.run0("kubectl", "-n", ns, "get", "deployment", "netiso", "-o", "jsonpath={.spec.template.spec.containers[0].args}")
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		r.t.Fatalf("the Deployment's args %q: %v", raw, err)
	}
	if !slices.Contains(args, wantArg) {
		r.t.Fatalf("the Deployment's args %v lack %s", args, wantArg)
	}
	token := strings.TrimSpace(r.run0("kubectl", "-n", ns, "create", "token", "netiso"))
	kc := filepath.Join(filepath.Dir(r.logFile), "netiso.kubeconfig")
	r.write(kc, fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: %q, certificate-authority-data: %s}}]
users: [{name: netiso, user: {token: %q}}]
contexts: [{name: c, context: {cluster: c, user: netiso}}]
current-context: c
`, r.server, base64.StdEncoding.EncodeToString(r.caData), token))
	probes, metrics := freePort(r.t), freePort(r.t)
	r.metrics = fmt.Sprintf("http://127.0.0.1:%d/metrics", metrics)
	args = append(args, "--kubeconfig="+kc, "--webhook-host=127.0.0.1", fmt.Sprintf("--webhook-port=%d", r.port),
		"--webhook-cert-path="+r.certs, fmt.Sprintf("--metrics-bind-address=127.0.0.1:%d", metrics),
		fmt.Sprintf("--health-probe-bind-address=127.0.0.1:%d", probes), "--shutdown-delay=0s", "--log-format=console")
	log, err := os.OpenFile(r.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		r.t.Fatal(err)
	}
	r.webhook = exec.Command(filepath.Join(r.bin, "webhook"), args...)
	r.webhook.Stdout, r.webhook.Stderr = log, log
	if err := r.webhook.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.eventually("the webhook ready", func() bool {
		conn, err := tls.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port), &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // a liveness probe
		if err != nil {
			return false
		}
		_ = conn.Close()
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/readyz", probes))
		if err != nil {
			return false
		}
		_ = resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func (r *runbook) stopWebhook() {
	if r.webhook == nil || r.webhook.Process == nil {
		return
	}
	_ = r.webhook.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = r.webhook.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = r.webhook.Process.Kill()
		<-done
	}
	r.webhook = nil
	if r.t.Failed() {
		r.t.Logf("--- webhook log (last 4 KiB) ---\n%s", tail(r.read(r.logFile), 4<<10))
	}
}

// run0 runs a tool the test itself needs (not a runbook line).
func (r *runbook) run0(name string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command(filepath.Join(r.bin, name), args...)
	cmd.Dir, cmd.Env = r.work, r.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		r.t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

func (r *runbook) pod(name string) corev1.Pod {
	r.t.Helper()
	var p corev1.Pod
	if err := yaml.Unmarshal([]byte(r.run0("kubectl", "-n", appNS, "get", "pod", name, "-o", "yaml")), &p); err != nil {
		r.t.Fatal(err)
	}
	return p
}

// managed are a pod's labels under the managed prefixes, sorted.
func managed(p corev1.Pod) []string {
	var out []string
	for k := range p.Labels {
		if strings.HasPrefix(k, "egress.netiso.dev/") || strings.HasPrefix(k, "egress-type.netiso.dev/") {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (r *runbook) eventually(what string, cond func() bool) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			r.t.Fatalf("%s: not after 30s", what)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (r *runbook) get(url string) string {
	r.t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return b.String()
}

func (r *runbook) read(path string) []byte {
	r.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *runbook) write(path, content string) {
	r.t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func grep(text, word string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
