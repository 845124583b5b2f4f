//go:build dataplane

// Package dataplane proves netiso's isolation on real packets. A real kube-apiserver and etcd
// (envtest, binaries built from source by hack/tools.sh), the real webhook and reconciler (the
// cmd/webhook binary, registered through the chart's MutatingWebhookConfiguration, reading its
// rules from a ConfigMap, and owning the NetworkPolicies the rules imply: --manage-policies, the
// chart's guards in force, so the suite writes none), and a production NetworkPolicy enforcer in a
// network namespace that is the node: kube-router's network-policy controller, or, with
// DATAPLANE_ENFORCER=calico (`make test-dataplane-calico`), Calico's Felix (felix_test.go). Pods are created
// through the API; each is a network namespace of its own, routed through the node, with real
// listeners on its ports. For
// every source pod, destination pod and port a real TCP connect is tried, and it must succeed
// exactly when the rules allow it; cyclonus, the model test/matrix uses, must give the same
// verdicts. Run it as root with `make test-dataplane`.
package dataplane

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/test/harness"
)

const (
	netisoNamespace = "netiso-system"
	rulesConfigMap  = "netiso-rules"
	serviceLabel    = "app"
	netisoUser      = "system:serviceaccount:netiso-system:netiso"
	nodeName        = "dataplane-node"
	routerHealth    = 20244 // kube-router's default health port, on the node's address
)

// enforcer enforces the NetworkPolicies on the node: "kube-router" (the default) or "calico".
var enforcer = cmp.Or(os.Getenv("DATAPLANE_ENFORCER"), "kube-router")

var (
	env *envtest.Environment
	k8s client.Client // an ordinary cluster user (admin, but not netiso)
	// gc acts as the cluster's garbage collector, which the chart's guard lets write netiso's
	// policies (so that uninstalling deletes them): the one way left to change them behind
	// netiso's back, which a test uses to prove the packets notice.
	gc      client.Client
	nets    *network // the node namespace and the pods'
	webhook *process
	router  *process // the enforcer: kube-router or Felix
	tmpDir  string
	base    *rules.Document // the rules the suite starts with and returns to
	shared  *world          // the pods every test probes
	// webhookMetrics is the webhook's metrics address.
	webhookMetrics string
	// webhookConfiguration is the chart's MutatingWebhookConfiguration, the owner of netiso's
	// policies.
	webhookConfiguration string
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) (code int) {
	if err := preconditions(); err != nil {
		fmt.Fprintln(os.Stderr, "dataplane:", err)
		return 1
	}
	sweepStale()

	// Everything made is undone on return, on failure, and on SIGINT/SIGTERM.
	var c cleanups
	defer c.run()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		fmt.Fprintf(os.Stderr, "dataplane: %v: cleaning up\n", s)
		c.run()
		os.Exit(130)
	}()

	var err error
	if tmpDir, err = os.MkdirTemp("", "netiso-dataplane-"); err != nil {
		return fail(err)
	}
	c.add(func() { _ = os.RemoveAll(tmpDir) })
	if nets, err = newNetwork(); err != nil {
		return fail(fmt.Errorf("building the node namespace: %w", err))
	}
	c.add(nets.destroy)

	// The chart as it installs: its guard lets no one but netiso (and the garbage collector and
	// namespace controller) write netiso's NetworkPolicies, envtest's administrator included.
	mwc, policies, err := harness.RenderChart("../../deploy/helm/netiso", netisoNamespace)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	env = harness.NewEnvironment(mwc)
	if enforcer == "calico" {
		// Calico's Kubernetes datastore is CRDs: those of the Calico that hack/calico builds.
		env.CRDInstallOptions = envtest.CRDInstallOptions{Paths: []string{calicoCRDs}, ErrorIfPathMissing: true}
	}
	// The API server listens on the root end of the link to the node namespace, where kube-router
	// reaches it; envtest's serving certificate covers the listen address.
	api := env.ControlPlane.GetAPIServer()
	api.SecureServing.ListenAddr = envtest.ListenAddr{Address: nets.rootIP, Port: freePort(nets.rootIP)}
	if _, err := env.Start(); err != nil {
		return fail(fmt.Errorf("starting kube-apiserver and etcd: %w", err))
	}
	c.add(func() { _ = env.Stop() })
	fmt.Fprintf(os.Stderr, "dataplane: control plane up in %s\n", time.Since(start).Round(time.Millisecond))

	user, err := env.AddUser(envtest.User{Name: "alice", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fail(err)
	}
	cfg := user.Config()
	cfg.QPS, cfg.Burst = 200, 400 // client-go's default 5 a second would make creating the pods most of the run
	if k8s, err = client.New(cfg, client.Options{}); err != nil {
		return fail(err)
	}
	ctx := context.Background()
	if err := harness.CreateAll(ctx, k8s, policies); err != nil {
		return fail(err)
	}
	if err := createNamespace(ctx, netisoNamespace, nil); err != nil {
		return fail(err)
	}
	if base, err = baseDoc(); err != nil {
		return fail(err)
	}
	if err := setRules(ctx, docJSON(base)); err != nil {
		return fail(err)
	}
	// netiso applies policies, it does not make namespaces: those the rules name exist first, as
	// they would in a cluster where the services run.
	if err := createNamespace(ctx, legacyNS, map[string]string{scope.ExemptLabel: "true"}); err != nil {
		return fail(err)
	}
	if err := ensureNamespaces(ctx, base); err != nil {
		return fail(err)
	}
	if gc, err = gcClient(); err != nil {
		return fail(err)
	}

	webhookConfiguration = mwc.Name
	webhook, err = startWebhook()
	c.add(webhook.stop) // also when it did not get ready
	if err != nil {
		return fail(err)
	}
	// netiso's policy owner applies what the rules imply; the suite applies none.
	start = time.Now()
	if err := awaitHeld(ctx, base, 60*time.Second); err != nil {
		return fail(err)
	}
	fmt.Fprintf(os.Stderr, "dataplane: netiso holds the rules' policies after %s\n", time.Since(start).Round(time.Millisecond))
	router, err = startEnforcer(ctx)
	c.add(router.stop)
	if err != nil {
		return fail(err)
	}
	start = time.Now()
	if shared, err = buildWorld(ctx, base); err != nil {
		return fail(fmt.Errorf("creating the pods: %w", err))
	}
	fmt.Fprintf(os.Stderr, "dataplane: %d pods created in %s\n", len(shared.pods), time.Since(start).Round(time.Millisecond))

	code = m.Run()
	if code != 0 {
		dumpDataplane(func(format string, args ...any) { fmt.Fprintf(os.Stderr, "dataplane: "+format+"\n", args...) })
		for _, p := range []*process{webhook, router} {
			if b, err := os.ReadFile(p.log); err == nil {
				fmt.Fprintf(os.Stderr, "--- %s log (last 8 KiB) ---\n%s\n", p.name, tail(b, 8<<10))
			}
		}
	}
	return code
}

// preconditions: what the suite needs, each missing piece named with the way to get it.
func preconditions() error {
	if os.Geteuid() != 0 {
		return errors.New("needs root (network namespaces, veths, iptables): run `make test-dataplane` as root")
	}
	vars := []string{"KUBEBUILDER_ASSETS", "HELM_BIN"}
	switch enforcer {
	case "kube-router":
		vars = append(vars, "KUBE_ROUTER_BIN")
	case "calico":
		vars = append(vars, "CALICO_FELIX_BIN", "CALICO_APPLY_BIN")
	default:
		return fmt.Errorf("DATAPLANE_ENFORCER=%q: want kube-router or calico", enforcer)
	}
	for _, v := range vars {
		if os.Getenv(v) == "" {
			return fmt.Errorf("%s is not set: run `make test-dataplane` or `make test-dataplane-calico` (hack/tools.sh builds the binaries)", v)
		}
	}
	for _, bin := range []string{"ip", "iptables", "iptables-save", "iptables-restore", "ipset"} {
		if _, err := exec.LookPath(bin); err != nil {
			return fmt.Errorf("%s not found: hack/dataplane-deps.sh installs it", bin)
		}
	}
	return nil
}

// cleanups run once, last added first, whichever of return and signal comes first.
type cleanups struct {
	mu   sync.Mutex
	fns  []func()
	done bool
}

func (c *cleanups) add(fn func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fns = append(c.fns, fn)
}

func (c *cleanups) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return
	}
	c.done = true
	for i := len(c.fns) - 1; i >= 0; i-- {
		c.fns[i]()
	}
}

func keyOf(name string) client.ObjectKey { return client.ObjectKey{Name: name} }

func createNamespace(ctx context.Context, name string, labels map[string]string) error {
	err := k8s.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}})
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return err
	}
	return nil
}

// gcUser is the garbage collector's identity, which the chart's guard lets write netiso's policies.
const gcUser = "system:serviceaccount:kube-system:generic-garbage-collector"

func gcClient() (client.Client, error) {
	u, err := env.AddUser(envtest.User{Name: gcUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return nil, err
	}
	return client.New(u.Config(), client.Options{})
}

// startWebhook builds cmd/webhook and runs it as the chart does: ConfigMap rules, the reconciler
// on, netiso's own identity, and netiso owning the NetworkPolicies, generated with the options the
// suite judges them by (policyOptions: default namespace, no default deny, the cluster DNS).
func startWebhook() (*process, error) {
	bin, err := build("webhook")
	if err != nil {
		return nil, err
	}
	kubeconfig, err := kubeconfigFor(netisoUser)
	if err != nil {
		return nil, err
	}
	po := policyOptions()
	if len(po.DNSPodLabels) != 1 {
		return nil, fmt.Errorf("the DNS pod label %v: want one key=value", po.DNSPodLabels)
	}
	var dnsLabel string
	for k, v := range po.DNSPodLabels {
		dnsLabel = k + "=" + v
	}
	wo := env.WebhookInstallOptions
	probe := "127.0.0.1:" + freePort("127.0.0.1")
	webhookMetrics = "127.0.0.1:" + freePort("127.0.0.1")
	p := &process{name: "webhook", log: filepath.Join(tmpDir, "webhook.log"), cmd: []string{bin,
		"--kubeconfig=" + kubeconfig,
		"--rules-configmap=" + netisoNamespace + "/" + rulesConfigMap,
		"--service-label=" + serviceLabel,
		"--reconciler-username=" + netisoUser,
		"--reconcile",
		"--leader-elect",
		"--manage-policies",
		"--owner-webhook-configuration=" + webhookConfiguration,
		"--policy-default-namespace=" + po.DefaultNamespace,
		fmt.Sprintf("--policy-default-deny=%t", po.DefaultDeny),
		"--policy-dns-namespace=" + po.DNSNamespace,
		"--policy-dns-pod-label=" + dnsLabel,
		fmt.Sprintf("--policy-dns-port=%d", po.DNSPort),
		"--webhook-host=" + wo.LocalServingHost,
		fmt.Sprintf("--webhook-port=%d", wo.LocalServingPort),
		"--webhook-cert-path=" + wo.LocalServingCertDir,
		"--metrics-bind-address=" + webhookMetrics,
		"--metrics-secure=false", // counter reads it over plain HTTP
		"--health-probe-bind-address=" + probe,
		"--shutdown-delay=0s",
		"--log-format=console",
		"--log-level=debug",
	}}
	p.ready = func() bool {
		addr := net.JoinHostPort(wo.LocalServingHost, fmt.Sprint(wo.LocalServingPort))
		conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // a liveness probe
		if err != nil {
			return false
		}
		_ = conn.Close()
		return httpOK("http://" + probe + "/readyz")
	}
	return p, p.start()
}

// build builds netiso's command cmd (cmd/<cmd>) from this tree into the suite's directory.
func build(cmd string) (string, error) {
	bin := filepath.Join(tmpDir, cmd)
	out, err := exec.Command("go", "build", "-o", bin, "github.com/netiso/netiso/cmd/"+cmd).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building %s: %w\n%s", cmd, err, out)
	}
	return bin, nil
}

// startEnforcer registers the node and runs the enforcer in the node namespace: kube-router's
// network-policy controller, and only that (no routing, no service proxy, no BGP), or Felix.
func startEnforcer(ctx context.Context) (*process, error) {
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: nodeName, Labels: map[string]string{"kubernetes.io/hostname": nodeName}}}
	if enforcer == "calico" {
		node.Annotations = map[string]string{calicoIPv4Annotation: nets.nodeIP + "/30"} // calico-node's
	}
	if err := k8s.Create(ctx, node); err != nil {
		return nil, err
	}
	node.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: nets.nodeIP}, {Type: corev1.NodeHostName, Address: nodeName}}
	if err := k8s.Status().Update(ctx, node); err != nil {
		return nil, err
	}
	kubeconfig, err := kubeconfigFor("system:node:" + nodeName)
	if err != nil {
		return nil, err
	}
	if enforcer == "calico" {
		return startFelix(kubeconfig)
	}
	p := &process{name: "kube-router", log: filepath.Join(tmpDir, "kube-router.log"), cmd: []string{
		"ip", "netns", "exec", nets.node, os.Getenv("KUBE_ROUTER_BIN"),
		"--kubeconfig=" + kubeconfig,
		"--run-firewall=true", "--run-router=false", "--run-service-proxy=false", "--run-loadbalancer=false",
		"--hostname-override=" + nodeName,
		fmt.Sprintf("--health-port=%d", routerHealth),
		"--v=1",
	}}
	p.ready = func() bool { return httpOK(fmt.Sprintf("http://%s:%d/healthz", nets.nodeIP, routerHealth)) }
	return p, p.start()
}

func kubeconfigFor(name string) (string, error) {
	u, err := env.AddUser(envtest.User{Name: name, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return "", err
	}
	kc, err := u.KubeConfig()
	if err != nil {
		return "", err
	}
	path := filepath.Join(tmpDir, strings.NewReplacer(":", "_", "/", "_").Replace(name)+".kubeconfig")
	return path, os.WriteFile(path, kc, 0o600)
}

// process is a binary the suite runs, its output in a log file. It is killed if the test
// binary dies (Pdeathsig), so a timeout's panic leaves no process behind.
type process struct {
	name, log string
	cmd       []string
	env       []string // added to the suite's environment
	ready     func() bool
	run       *exec.Cmd
	exited    chan struct{}
	out       *os.File
}

func (p *process) start() error {
	out, err := os.OpenFile(p.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	p.out = out
	p.run = exec.Command(p.cmd[0], p.cmd[1:]...)
	p.run.Env = append(os.Environ(), p.env...)
	p.run.Stdout, p.run.Stderr = out, out
	p.run.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := spawn(p.run); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = p.run.Wait(); close(exited) }()
	p.exited = exited
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("%s exited at start; see %s:\n%s", p.name, p.log, tailFile(p.log))
		default:
		}
		if p.ready() {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready after 60s; see %s:\n%s", p.name, p.log, tailFile(p.log))
}

// spawner starts the suite's processes from one OS thread that lives as long as the test binary.
// Pdeathsig fires when the thread that started a child ends, not the process, and the probes end
// threads on purpose (podNS.do): started from any other thread, a child could be killed mid-test.
var spawner = func() chan func() {
	ch := make(chan func())
	go func() {
		runtime.LockOSThread()
		for fn := range ch {
			fn()
		}
	}()
	return ch
}()

func spawn(cmd *exec.Cmd) error {
	errc := make(chan error)
	spawner <- func() { errc <- cmd.Start() }
	return <-errc
}

func (p *process) stop() {
	if p == nil || p.run == nil || p.run.Process == nil {
		return
	}
	_ = p.run.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		_ = p.run.Process.Kill()
		<-p.exited
	}
	_ = p.out.Close()
	p.run = nil
}

func (p *process) flag(name string) string {
	for _, a := range p.cmd {
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

func httpClient() *http.Client { return &http.Client{Timeout: 5 * time.Second} }

func httpOK(url string) bool {
	resp, err := httpClient().Get(url)
	if err != nil {
		return false
	}
	_ = resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func freePort(host string) string {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "dataplane:", err)
	return 1
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func tailFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(tail(b, 4<<10))
}

// dumpDataplane saves what the enforcer made of the cluster (the node's iptables rules and ipsets)
// and the pods as the API server has them, for a failure's post-mortem: into $DATAPLANE_DEBUG_DIR
// when set, else a directory under $TMPDIR that is kept.
func dumpDataplane(logf func(format string, args ...any)) {
	dir := os.Getenv("DATAPLANE_DEBUG_DIR")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "netiso-dataplane-failure-"); err != nil {
			logf("%v", err)
			return
		}
	}
	save := func(name string, args ...string) {
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err != nil {
			out = append(out, []byte("\n"+err.Error())...)
		}
		_ = os.WriteFile(filepath.Join(dir, name), out, 0o644)
	}
	save("iptables-save.txt", "ip", "netns", "exec", nets.node, "iptables-save")
	save("ipset-save.txt", "ip", "netns", "exec", nets.node, "ipset", "save")
	var pods corev1.PodList
	if err := k8s.List(context.Background(), &pods); err == nil {
		var b bytes.Buffer
		for _, p := range pods.Items {
			fmt.Fprintf(&b, "%s/%s %s %s %v\n", p.Namespace, p.Name, p.Status.PodIP, p.Status.Phase, p.Labels)
		}
		_ = os.WriteFile(filepath.Join(dir, "pods.txt"), b.Bytes(), 0o644)
	}
	_ = exec.Command("cp", router.log, webhook.log, dir).Run()
	logf("the dataplane's state is saved in %s", dir)
}
