//go:build e2e

// Package e2e runs netiso against a real kube-apiserver and etcd (controller-runtime envtest, with
// binaries built from source by hack/tools.sh): the real webhook binary, registered through a real
// MutatingWebhookConfiguration, reading its rules from a real ConfigMap, and pods created, labelled,
// patched and applied through the API as a user would. Run it with `make test-e2e`.
package e2e

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/internal/chart"
)

const (
	netisoNamespace = "netiso-system"
	rulesConfigMap  = "netiso-rules"
	serviceLabel    = "app"
	// netisoUser is the webhook's own identity, as the chart gives it.
	netisoUser = "system:serviceaccount:netiso-system:netiso"
	// bankNamespace is the one namespace the test rules bind a service to.
	bankNamespace = "bank"
)

var (
	env      *envtest.Environment
	k8s      client.Client // an ordinary cluster user (admin, but not netiso)
	warnings = &warningRecorder{}
	kubectl  []string // kubectl with that user's kubeconfig
	// userKubeconfig is that user's kubeconfig file; binDir holds the binaries the suite builds.
	userKubeconfig, binDir string
	webhook                *webhookProcess
	baseRules              []byte // examples/online-boutique/rules.yaml plus the test's own services
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		fmt.Fprintln(os.Stderr, "e2e: KUBEBUILDER_ASSETS is not set: run `make test-e2e` (it builds kube-apiserver and etcd with hack/tools.sh)")
		return 1
	}
	tmp, err := os.MkdirTemp("", "netiso-e2e-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)

	mwc, policies, err := chart.Render(os.Getenv("HELM_BIN"), "../../deploy/helm/netiso", netisoNamespace)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	env = &envtest.Environment{
		ControlPlaneStartTimeout: 60 * time.Second,
		ControlPlaneStopTimeout:  60 * time.Second,
		WebhookInstallOptions:    envtest.WebhookInstallOptions{MutatingWebhooks: []*admissionregv1.MutatingWebhookConfiguration{mwc}},
	}
	_, err = env.Start()
	if err != nil {
		return fail(fmt.Errorf("starting kube-apiserver and etcd: %w", err))
	}
	defer func() { _ = env.Stop() }()
	fmt.Fprintf(os.Stderr, "e2e: control plane up in %s\n", time.Since(start).Round(time.Millisecond))

	// The user the tests act as, and netiso's own identity for the webhook process.
	user, err := env.AddUser(envtest.User{Name: "alice", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fail(err)
	}
	userCfg := rest.CopyConfig(user.Config())
	userCfg.WarningHandler = warnings
	if k8s, err = client.New(userCfg, client.Options{}); err != nil {
		return fail(err)
	}
	userKubeconfig, err = writeKubeconfig(user, filepath.Join(tmp, "alice.kubeconfig"))
	if err != nil {
		return fail(err)
	}
	kubectl = []string{filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kubectl"), "--kubeconfig", userKubeconfig}
	netiso, err := env.AddUser(envtest.User{Name: netisoUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fail(err)
	}
	netisoKubeconfig, err := writeKubeconfig(netiso, filepath.Join(tmp, "netiso.kubeconfig"))
	if err != nil {
		return fail(err)
	}

	ctx := context.Background()
	for _, obj := range policies {
		if err := k8s.Create(ctx, obj); err != nil {
			return fail(fmt.Errorf("creating the chart's %s %s: %w", obj.GetKind(), obj.GetName(), err))
		}
	}
	for _, ns := range []string{netisoNamespace, bankNamespace} {
		if err := k8s.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}); err != nil {
			return fail(err)
		}
	}
	if baseRules, err = testRules(); err != nil {
		return fail(err)
	}
	if err := k8s.Create(ctx, rulesCM(baseRules)); err != nil {
		return fail(err)
	}

	binDir = tmp
	bin := filepath.Join(tmp, "webhook")
	build := exec.Command("go", "build", "-o", bin, "github.com/netiso/netiso/cmd/webhook")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fail(fmt.Errorf("building the webhook: %w", err))
	}
	wo := env.WebhookInstallOptions
	webhook = &webhookProcess{bin: bin, args: []string{
		"--kubeconfig=" + netisoKubeconfig,
		"--rules-configmap=" + netisoNamespace + "/" + rulesConfigMap,
		"--service-label=" + serviceLabel,
		"--reconciler-username=" + netisoUser,
		"--reconcile",
		"--leader-elect", // envtest serves Leases: one replica acts, as in the chart
		"--webhook-host=" + wo.LocalServingHost,
		fmt.Sprintf("--webhook-port=%d", wo.LocalServingPort),
		"--webhook-cert-path=" + wo.LocalServingCertDir,
		"--metrics-bind-address=127.0.0.1:" + freePort(),
		"--health-probe-bind-address=127.0.0.1:" + freePort(),
		"--shutdown-delay=0s",
		"--log-format=console",
		"--log-level=debug",
	}, log: filepath.Join(tmp, "webhook.log")}
	if err := webhook.start(); err != nil {
		return fail(err)
	}
	defer webhook.stop()

	code := m.Run()
	if code != 0 {
		if b, err := os.ReadFile(webhook.log); err == nil {
			fmt.Fprintf(os.Stderr, "--- webhook log (last 8 KiB) ---\n%s\n", tail(b, 8<<10))
		}
	}
	return code
}

// testRules are the example rules plus a service bound to one namespace.
func testRules() ([]byte, error) {
	example, err := os.ReadFile("../../examples/online-boutique/rules.yaml")
	if err != nil {
		return nil, err
	}
	return append(example, []byte(`  - name: ledger
    namespaces: [`+bankNamespace+`]
    calls: [redis-cart]
`)...), nil
}

func rulesCM(doc []byte) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: netisoNamespace, Name: rulesConfigMap},
		Data:       map[string]string{rules.ConfigMapKey: string(doc)},
	}
}

// webhookProcess is the real webhook binary, run as it runs in a pod.
type webhookProcess struct {
	bin, log string
	args     []string
	cmd      *exec.Cmd
	out      *os.File
}

func (w *webhookProcess) start() error {
	out, err := os.OpenFile(w.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	w.out = out
	w.cmd = exec.Command(w.bin, w.args...)
	w.cmd.Stdout, w.cmd.Stderr = out, out
	if err := w.cmd.Start(); err != nil {
		return err
	}
	// Wait until the TLS listener answers and the rules are loaded (readyz).
	wo := env.WebhookInstallOptions
	addr := net.JoinHostPort(wo.LocalServingHost, fmt.Sprint(wo.LocalServingPort))
	probe := w.flag("health-probe-bind-address")
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // only a liveness probe
		if err == nil {
			_ = conn.Close()
			if resp, err := http.Get("http://" + probe + "/readyz"); err == nil {
				_ = resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return nil
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("webhook not ready after 60s; see %s", w.log)
}

func (w *webhookProcess) stop() {
	if w.cmd == nil || w.cmd.Process == nil {
		return
	}
	_ = w.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = w.cmd.Process.Kill()
		<-done
	}
	_ = w.out.Close()
	w.cmd = nil
}

func (w *webhookProcess) flag(name string) string {
	for _, a := range w.args {
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

// metrics returns the webhook's Prometheus exposition.
func (w *webhookProcess) metrics(t *testing.T) string {
	t.Helper()
	resp, err := http.Get("http://" + w.flag("metrics-bind-address") + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return b.String()
}

// warningRecorder keeps the admission warnings the API server relays.
type warningRecorder struct {
	mu   sync.Mutex
	seen []string
}

func (r *warningRecorder) HandleWarningHeader(_ int, _ string, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, text)
}

func (r *warningRecorder) since(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen[n:]...)
}

func (r *warningRecorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen)
}

func writeKubeconfig(u *envtest.AuthenticatedUser, path string) (string, error) {
	kc, err := u.KubeConfig()
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, kc, 0o600)
}

func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "e2e:", err)
	return 1
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
