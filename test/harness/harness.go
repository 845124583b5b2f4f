// Package harness is what the suites and benchmarks against a real kube-apiserver share: the chart's
// admission objects rendered by helm, the real webhook binary run as a process, its metrics, and the
// CPU and memory of the processes involved, read from /proc.
package harness

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// RenderChart renders the chart at dir with `helm template` (HELM_BIN, which hack/tools.sh builds)
// and returns its MutatingWebhookConfiguration and its ValidatingAdmissionPolicies and bindings, so
// that what is tested is what the chart installs.
func RenderChart(dir, namespace string, set ...string) (*admissionregv1.MutatingWebhookConfiguration, []*unstructured.Unstructured, error) {
	helm := os.Getenv("HELM_BIN")
	if helm == "" {
		return nil, nil, errors.New("HELM_BIN is not set: hack/tools.sh builds helm")
	}
	args := []string{"template", "netiso", dir, "--namespace", namespace}
	for _, s := range set {
		args = append(args, "--set", s)
	}
	out, err := exec.Command(helm, args...).Output()
	if err != nil {
		return nil, nil, fmt.Errorf("helm template: %w", err)
	}
	var mwc *admissionregv1.MutatingWebhookConfiguration
	var policies []*unstructured.Unstructured
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(out), 4096)
	for {
		var obj unstructured.Unstructured
		if err := dec.Decode(&obj.Object); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, err
		}
		switch obj.GetKind() {
		case "MutatingWebhookConfiguration":
			mwc = &admissionregv1.MutatingWebhookConfiguration{}
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(obj.Object, mwc); err != nil {
				return nil, nil, err
			}
		case "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding":
			policies = append(policies, &obj)
		}
	}
	if mwc == nil || len(policies) == 0 {
		return nil, nil, errors.New("the chart rendered no webhook configuration or no policies")
	}
	return mwc, policies, nil
}

// NewEnvironment is an envtest control plane, not yet started, that installs mwc (RenderChart's)
// pointing at envtest's local serving address. The timeouts allow for a loaded 2-core machine.
func NewEnvironment(mwc *admissionregv1.MutatingWebhookConfiguration) *envtest.Environment {
	return &envtest.Environment{
		ControlPlaneStartTimeout: 90 * time.Second,
		ControlPlaneStopTimeout:  60 * time.Second,
		WebhookInstallOptions:    envtest.WebhookInstallOptions{MutatingWebhooks: []*admissionregv1.MutatingWebhookConfiguration{mwc}},
	}
}

// CreateAll creates objs (RenderChart's policies, once the API server is up), in order.
func CreateAll(ctx context.Context, c client.Client, objs []*unstructured.Unstructured) error {
	for _, obj := range objs {
		if err := c.Create(ctx, obj); err != nil {
			return fmt.Errorf("creating the chart's %s %s: %w", obj.GetKind(), obj.GetName(), err)
		}
	}
	return nil
}

// BuildWebhook builds cmd/webhook into dir and returns the binary's path.
func BuildWebhook(dir string) (string, error) {
	bin := filepath.Join(dir, "webhook")
	build := exec.Command("go", "build", "-o", bin, "github.com/netiso/netiso/cmd/webhook")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building the webhook: %w", err)
	}
	return bin, nil
}

// Webhook is the real webhook binary, run as it runs in a pod, serving where envtest's webhook
// configuration points.
type Webhook struct {
	Bin, Log string
	Args     []string
	// Addr is where it serves TLS (envtest's LocalServingHost:Port).
	Addr string
	cmd  *exec.Cmd
	out  *os.File
}

// WebhookArgs are the flags that make the webhook serve envtest's configuration with a metrics
// address (plain HTTP) and a probe address of its own; add the rest (rules, identity, reconciler).
func WebhookArgs(wo envtest.WebhookInstallOptions) []string {
	return []string{
		"--webhook-host=" + wo.LocalServingHost,
		fmt.Sprintf("--webhook-port=%d", wo.LocalServingPort),
		"--webhook-cert-path=" + wo.LocalServingCertDir,
		"--metrics-bind-address=127.0.0.1:" + FreePort(),
		"--metrics-secure=false", // read over plain HTTP by Metrics; test/runbook scrapes the secure endpoint
		"--health-probe-bind-address=127.0.0.1:" + FreePort(),
		"--shutdown-delay=0s",
		"--log-format=console",
	}
}

// ServingAddr is the address envtest's webhook configuration calls.
func ServingAddr(wo envtest.WebhookInstallOptions) string {
	return net.JoinHostPort(wo.LocalServingHost, fmt.Sprint(wo.LocalServingPort))
}

// Start runs the webhook and waits until its TLS listener answers and it is ready (rules loaded).
func (w *Webhook) Start() error {
	out, err := os.OpenFile(w.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	w.out = out
	w.cmd = exec.Command(w.Bin, w.Args...)
	w.cmd.Stdout, w.cmd.Stderr = out, out
	if err := w.cmd.Start(); err != nil {
		return err
	}
	probe := w.Flag("health-probe-bind-address")
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		conn, err := tls.Dial("tcp", w.Addr, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // only a liveness probe
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
	return fmt.Errorf("webhook not ready after 60s; see %s", w.Log)
}

// Stop asks the webhook to stop (SIGINT), and kills it after 20 s.
func (w *Webhook) Stop() {
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

// PID is the running webhook's process id, 0 when stopped.
func (w *Webhook) PID() int {
	if w.cmd == nil || w.cmd.Process == nil {
		return 0
	}
	return w.cmd.Process.Pid
}

// Flag returns the value of --name=value among the webhook's arguments.
func (w *Webhook) Flag(name string) string {
	for _, a := range w.Args {
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

// Metrics returns the webhook's Prometheus exposition.
func (w *Webhook) Metrics() (string, error) {
	resp, err := http.Get("http://" + w.Flag("metrics-bind-address") + "/metrics")
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// AwaitReconcilerIdle waits until the webhook's reconciler has nothing pending
// (netiso_reconcile_pods_pending is 0), at most timeout.
func (w *Webhook) AwaitReconcilerIdle(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		m, err := w.Metrics()
		if err != nil {
			return err
		}
		if strings.Contains(m, "netiso_reconcile_pods_pending ") && Counter(m, "netiso_reconcile_pods_pending") == 0 {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the reconciler was still busy after %s", timeout)
}

// Counter reads one sample from a Prometheus exposition; 0 when absent.
func Counter(exposition, series string) float64 {
	for _, line := range strings.Split(exposition, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f
		}
	}
	return 0
}

// Sum adds every sample of a metric whose labels include all of match (e.g. `operation="UPDATE"`).
func Sum(exposition, metric string, match ...string) float64 {
	var total float64
	for _, line := range strings.Split(exposition, "\n") {
		rest, ok := strings.CutPrefix(line, metric+"{")
		if !ok {
			continue
		}
		labels, value, ok := strings.Cut(rest, "} ")
		if !ok {
			continue
		}
		all := true
		for _, m := range match {
			all = all && strings.Contains(labels, m)
		}
		if all {
			f, _ := strconv.ParseFloat(strings.TrimSpace(value), 64)
			total += f
		}
	}
	return total
}

// WriteKubeconfig writes the user's kubeconfig to path.
func WriteKubeconfig(u *envtest.AuthenticatedUser, path string) (string, error) {
	kc, err := u.KubeConfig()
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, kc, 0o600)
}

// FreePort returns a port free on the loopback now.
func FreePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}
