//go:build e2e

// Package e2e runs netiso against a real kube-apiserver and etcd (controller-runtime envtest, with
// binaries built from source by hack/tools.sh): the real webhook binary, registered through a real
// MutatingWebhookConfiguration, reading its rules from a real ConfigMap, and pods created, labelled,
// patched and applied through the API as a user would. Run it with `make test-e2e`.
package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
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
	netisoKubeconfig       string // the webhook's own identity's
	webhook                *harness.Webhook
	// registry is an OCI registry over TLS that the suite runs, for images and their signatures.
	registry  *harness.Registry
	baseRules []byte // examples/online-boutique/rules.yaml plus the test's own services
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

	mwc, policies, err := harness.RenderChart("../../deploy/helm/netiso", netisoNamespace)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	env = harness.NewEnvironment(mwc)
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
	userKubeconfig, err = harness.WriteKubeconfig(user, filepath.Join(tmp, "alice.kubeconfig"))
	if err != nil {
		return fail(err)
	}
	kubectl = []string{filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kubectl"), "--kubeconfig", userKubeconfig}
	netiso, err := env.AddUser(envtest.User{Name: netisoUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fail(err)
	}
	netisoKubeconfig, err = harness.WriteKubeconfig(netiso, filepath.Join(tmp, "netiso.kubeconfig"))
	if err != nil {
		return fail(err)
	}

	ctx := context.Background()
	if err := harness.CreateAll(ctx, k8s, policies); err != nil {
		return fail(err)
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
	bin, err := harness.BuildWebhook(tmp)
	if err != nil {
		return fail(err)
	}
	if registry, err = harness.StartRegistry(tmp); err != nil {
		return fail(err)
	}
	defer registry.Close()
	wo := env.WebhookInstallOptions
	webhook = &harness.Webhook{Bin: bin, Addr: harness.ServingAddr(wo), Log: filepath.Join(tmp, "webhook.log"), Args: append([]string{
		"--kubeconfig=" + netisoKubeconfig,
		"--rules-configmap=" + netisoNamespace + "/" + rulesConfigMap,
		"--service-label=" + serviceLabel,
		"--reconciler-username=" + netisoUser,
		"--reconcile",
		"--leader-elect", // envtest serves Leases: one replica acts, as in the chart
		"--manage-policies",
		"--owner-webhook-configuration=" + mwc.Name,
		"--log-level=debug",
		// Signatures: the suite's registry, and short enough bounds that its faults end within a test.
		"--registry-ca-file=" + registry.CAFile,
		"--signature-wait=1s",
		"--signature-timeout=2s",
		"--signature-retry-after=1s",
	}, harness.WebhookArgs(wo)...)}
	if err := webhook.Start(); err != nil {
		return fail(err)
	}
	defer webhook.Stop()

	code := m.Run()
	if code != 0 {
		if b, err := os.ReadFile(webhook.Log); err == nil {
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

// metrics returns the webhook's Prometheus exposition.
func metrics(t *testing.T) string { return must(t, webhook.Metrics) }

func must(t *testing.T, f func() (string, error)) string {
	t.Helper()
	s, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return s
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
