// Command policybench measures the policy owner (pkg/policyowner) on a real kube-apiserver and etcd
// (built by hack/tools.sh) with the real webhook binary and the Monzo-shaped rules of pkg/synth
// (1,500 services, 9,300 links; -scale tenx: 15,000 and 100,000): the first apply of every policy
// the rules imply, one-service changes (a link added, a service added with a caller, a service
// removed), and the restore of a policy someone deleted or opened; then the same with pods running,
// whose labels a change waits for. Each first apply also times the replica's start (ready, rules
// served, every cached pod judged) and reads its memory, so that the two give the memory of the
// reconciler's pod cache per pod; -steady counts the webhook's API requests with nothing changing.
// `make bench-policies` runs it; docs/performance.md has its figures.
//
// It is a measurement, not a test: it fails only when the policies do not converge.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/policyowner"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
	"github.com/netiso/netiso/test/harness"
)

const (
	netisoNamespace = "netiso-system"
	rulesConfigMap  = "netiso-rules"
	netisoUser      = "system:serviceaccount:netiso-system:netiso"
	serviceLabel    = "app"
)

func main() {
	pods := flag.Int("pods", 2000, "pods for the second half (the changes and a first apply with pods running); 0 skips it")
	restores := flag.Int("restores", 20, "policies deleted, and policies patched open, one at a time, to time their restore")
	report := flag.String("report", "", "also write the markdown report to this file")
	webhookLog := flag.String("log", "", "keep the webhook's log in this file (by default, in a directory removed at the end)")
	flag.StringVar(&settings.scale, "scale", "monzo", "the rules: monzo (1,500 services, 9,300 links) or tenx (15,000, 100,000)")
	flag.IntVar(&settings.podSize, "pod-size", 0, "bytes of JSON of each pod created: pkg/synth's realistic pod (two containers with env, probes, "+
		"resources, an owner reference, foreign labels and annotations); 0 for a one-container pod with only its identity label")
	flag.DurationVar(&settings.steady, "steady", 0, "after the first apply with pods: count the webhook's API requests for this long with nothing changing; 0 skips it")
	flag.Parse()
	logf.SetLogger(logr.Discard()) // envtest's own logging is not the report
	if err := run(*pods, *restores, *report, *webhookLog); err != nil {
		fmt.Fprintln(os.Stderr, "policybench:", err)
		os.Exit(1)
	}
}

// settings are the flags beyond the pods, the restores and the files.
var settings struct {
	scale   string
	podSize int
	steady  time.Duration
}

// bench is the cluster, the webhook and what watches netiso's policies.
type bench struct {
	ctx          context.Context
	k8s          client.Client // an admin (system:masters) with the garbage collector's name, not netiso
	w            *harness.Webhook
	policies     *tracker
	apiserverPID int
	doc          *rules.Document // the rules in force
	opts         policy.Options  // as the webhook's flags make them
}

func run(pods, restores int, reportPath, webhookLog string) error {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		return errors.New("KUBEBUILDER_ASSETS is not set: run `make bench-policies` (hack/tools.sh builds kube-apiserver and etcd)")
	}
	tmp, err := os.MkdirTemp("", "netiso-policybench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if webhookLog == "" {
		webhookLog = filepath.Join(tmp, "webhook.log")
	} else if err := os.Remove(webhookLog); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	mwc, vaps, err := harness.RenderChart("deploy/helm/netiso", netisoNamespace)
	if err != nil {
		return err
	}
	env := harness.NewEnvironment(mwc)
	if _, err := env.Start(); err != nil {
		return fmt.Errorf("starting kube-apiserver and etcd: %w", err)
	}
	defer func() { _ = env.Stop() }()
	shape := synth.Monzo()
	switch settings.scale {
	case "monzo":
	case "tenx":
		shape = synth.TenX()
	default:
		return fmt.Errorf("-scale %q: want monzo or tenx", settings.scale)
	}
	b := &bench{ctx: ctx, doc: synth.Generate(shape), opts: policy.DefaultOptions()}
	b.opts.ServiceLabel, b.opts.NetisoNamespace = serviceLabel, netisoNamespace
	if b.apiserverPID, err = harness.FindChild(filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kube-apiserver")); err != nil {
		return err
	}
	// The admin is the garbage collector's identity: the chart's guard refuses every other user's
	// write of netiso's policies (cluster administrators included), and the restores need one.
	admin, err := env.AddUser(envtest.User{Name: "system:serviceaccount:kube-system:generic-garbage-collector", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return err
	}
	cfg := admin.Config()
	cfg.QPS, cfg.Burst = 1000, 1000
	if b.k8s, err = client.New(cfg, client.Options{}); err != nil {
		return err
	}
	netiso, err := env.AddUser(envtest.User{Name: netisoUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return err
	}
	kubeconfig, err := harness.WriteKubeconfig(netiso, filepath.Join(tmp, "netiso.kubeconfig"))
	if err != nil {
		return err
	}
	if err := harness.CreateAll(ctx, b.k8s, vaps); err != nil {
		return err
	}
	for _, ns := range append([]string{netisoNamespace}, namespaces(b.doc)...) {
		if ns == "default" {
			continue
		}
		if err := b.k8s.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}); err != nil {
			return err
		}
	}
	if err := b.setRules(true); err != nil {
		return err
	}
	if b.policies, err = watchPolicies(ctx, cfg); err != nil {
		return err
	}
	bin, err := harness.BuildWebhook(tmp)
	if err != nil {
		return err
	}
	wo := env.WebhookInstallOptions
	b.w = &harness.Webhook{Bin: bin, Addr: harness.ServingAddr(wo), Log: webhookLog, Args: append([]string{
		"--kubeconfig=" + kubeconfig,
		"--rules-configmap=" + netisoNamespace + "/" + rulesConfigMap,
		"--service-label=" + serviceLabel,
		"--reconciler-username=" + netisoUser,
		"--reconcile",
		"--leader-elect",
		"--manage-policies",
		"--owner-webhook-configuration=" + mwc.Name,
		"--log-level=info",
	}, harness.WebhookArgs(wo)...)}
	defer func() { b.w.Stop() }()

	r := &report{load: harness.LoadAverage(), services: len(b.doc.Services), links: links(b.doc), podSize: settings.podSize}
	fmt.Fprintln(os.Stderr, "policybench: first apply, no pods")
	fa, err := b.firstApply(0)
	if err != nil {
		return b.withLog(err)
	}
	r.first = append(r.first, fa)
	changes, err := b.changes(0, 0)
	if err != nil {
		return b.withLog(err)
	}
	r.changes = append(r.changes, changes...)
	fmt.Fprintf(os.Stderr, "policybench: %d restores of a deleted policy, %d of one patched open\n", restores, restores)
	if r.deleted, r.opened, err = b.restores(restores); err != nil {
		return b.withLog(err)
	}

	if pods > 0 {
		fmt.Fprintf(os.Stderr, "policybench: creating %d pods\n", pods)
		if err := b.createPods(pods); err != nil {
			return err
		}
		if err := b.w.AwaitReconcilerIdle(5 * time.Minute); err != nil {
			return b.withLog(err)
		}
		changes, err := b.changes(pods, 1)
		if err != nil {
			return b.withLog(err)
		}
		r.changes = append(r.changes, changes...)
		fmt.Fprintf(os.Stderr, "policybench: first apply, %d pods: the webhook stopped, netiso's policies deleted, the webhook started\n", pods)
		b.w.Stop()
		if err := b.deleteAll(); err != nil {
			return err
		}
		if fa, err = b.firstApply(pods); err != nil {
			return b.withLog(err)
		}
		r.first = append(r.first, fa)
		if settings.steady > 0 {
			fmt.Fprintf(os.Stderr, "policybench: %d pods: nothing changing for %s\n", pods, settings.steady)
			if r.steady, err = b.steadyState(pods, settings.steady); err != nil {
				return b.withLog(err)
			}
		}
	}
	if r.errors, err = errorsLogged(b.w.Log); err != nil {
		return err
	}

	var out io.Writer = os.Stdout
	if reportPath != "" {
		f, err := os.Create(reportPath)
		if err != nil {
			return err
		}
		defer f.Close()
		out = io.MultiWriter(os.Stdout, f)
	}
	r.write(out)
	return nil
}

// firstApply starts the webhook, with no policy of netiso's in the cluster, and times it until
// every policy the rules imply exists with its spec.
type firstApply struct {
	pods, policies  int
	fromStart       time.Duration // from the webhook's start to the last policy written
	fromChanged     time.Duration // from the owner's "rules changed" log line
	requests        requests      // the webhook's API requests until then, from its start
	applied         float64       // netiso_policies_applied_total
	hookCPU, apiCPU time.Duration
	// The replica's start, from the process's: ready (the TLS server up, rules loaded), the rules
	// first served (the ConfigMap read, parsed and compiled), every cached pod judged once (the
	// reconciler's first list: the pod cache synced).
	ready, rulesServed, podsJudged time.Duration
	judged                         string // the pods the reconciler judged then
	// The webhook's memory once done and settled: resident, and the Go heap marked live by the last
	// collection (go_gc_heap_live_bytes).
	rss, heapLive int64
}

func (b *bench) firstApply(pods int) (*firstApply, error) {
	want, err := b.want()
	if err != nil {
		return nil, err
	}
	api0, _ := harness.CPU(b.apiserverPID)
	began := time.Now()
	if err := b.w.Start(); err != nil {
		return nil, err
	}
	ready := time.Since(began)
	done, err := b.policies.await(want, 30*time.Minute)
	if err != nil {
		return nil, err
	}
	time.Sleep(time.Second) // the last write's counter follows its event
	m, err := b.w.Metrics()
	if err != nil {
		return nil, err
	}
	fa0 := &firstApply{ready: ready}
	if t, err := logTimes(b.w.Log, "rules", "serving rules", began); err == nil && len(t) > 0 {
		fa0.rulesServed = t[0].Sub(began)
	}
	if t, err := logTimes(b.w.Log, "reconcile", "judged every pod", began); err == nil && len(t) > 0 {
		fa0.podsJudged = t[0].Sub(began)
		fa0.judged = logField(b.w.Log, "reconcile", "judged every pod", began, "pods")
	}
	fa := fa0
	fa.pods, fa.policies, fa.fromStart, fa.requests = pods, len(want), done.Sub(began), requestsOf(m)
	fa.applied = harness.Counter(m, "netiso_policies_applied_total")
	if changed, err := logTimes(b.w.Log, "policies", "rules changed", began); err == nil && len(changed) > 0 {
		fa.fromChanged = done.Sub(changed[0])
	}
	fa.hookCPU, _ = harness.CPU(b.w.PID())
	api1, _ := harness.CPU(b.apiserverPID)
	fa.apiCPU = api1 - api0
	// Memory once the start's garbage is collected: the collector runs at least every 2 minutes, and
	// go_gc_heap_live_bytes is what its last run marked live. Wait for a collection after this point.
	gcs := harness.Counter(m, "go_gc_duration_seconds_count")
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(time.Second) {
		if m, err = b.w.Metrics(); err != nil {
			return nil, err
		}
		if harness.Counter(m, "go_gc_duration_seconds_count") > gcs {
			break
		}
	}
	fa.heapLive = int64(harness.Counter(m, "go_gc_heap_live_bytes"))
	fa.rss, _, _ = harness.Memory(b.w.PID())
	return fa, nil
}

// steady is the webhook's API requests over a time with nothing changing.
type steady struct {
	pods      int
	dur       time.Duration
	requests  requests
	relabels  float64 // pods the reconciler relabelled (none expected)
	applied   float64 // policies written (none expected)
	heapLive  int64
	rss, peak int64
}

// steadyState counts the webhook's requests (client-go's rest_client_requests_total: every request
// it sends, a watch counted when it opens) over d, the cluster unchanged.
func (b *bench) steadyState(pods int, d time.Duration) (*steady, error) {
	if err := b.w.AwaitReconcilerIdle(10 * time.Minute); err != nil {
		return nil, err
	}
	m0, err := b.w.Metrics()
	if err != nil {
		return nil, err
	}
	time.Sleep(d)
	m1, err := b.w.Metrics()
	if err != nil {
		return nil, err
	}
	s := &steady{pods: pods, dur: d, requests: requestsOf(m1).minus(requestsOf(m0)),
		relabels: harness.Counter(m1, "netiso_reconcile_pods_updated_total") - harness.Counter(m0, "netiso_reconcile_pods_updated_total"),
		applied:  harness.Counter(m1, "netiso_policies_applied_total") - harness.Counter(m0, "netiso_policies_applied_total"),
		heapLive: int64(harness.Counter(m1, "go_gc_heap_live_bytes"))}
	s.rss, s.peak, _ = harness.Memory(b.w.PID())
	return s, nil
}

// logField is the value of key in the first log line of logger with msg after the time given
// (console format: the fields are JSON after the message); "" when absent.
func logField(path, logger, msg string, after time.Time, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		l, ok := parseLine(line)
		if !ok || l.logger != logger || !strings.Contains(l.msg, msg) {
			continue
		}
		if at, precision, err := logTime(l.stamp); err != nil || at.Before(after.Truncate(precision)) {
			continue
		}
		var kv map[string]any
		if json.Unmarshal([]byte(l.fields), &kv) == nil {
			return fmt.Sprint(kv[key])
		}
	}
	return ""
}

func links(doc *rules.Document) int {
	n := 0
	for _, s := range doc.Services {
		n += len(s.Calls)
	}
	return n
}

// change is one rules change's cost.
type change struct {
	what, expect string
	pods         int
	saw          time.Duration // from the ConfigMap update to the owner's "rules changed"
	final        time.Duration // ... to the owner applying the final set (pods' labels moved)
	lastWrite    time.Duration // ... to the last event on netiso's policies; 0 for none
	writes       int           // events on netiso's policies (each a write)
	requests     requests      // the webhook's API requests over the change and 3 s after
	relabelled   float64       // pods the reconciler relabelled
}

// changes runs the one-service changes on the variant-th choice of services: a link added, a
// service added with a caller, a service removed.
func (b *bench) changes(pods, variant int) ([]*change, error) {
	caller, callee, gone := pick(b.doc, variant)
	added := fmt.Sprintf("service.bench-new-%d", variant)
	steps := []struct {
		what, expect string
		edit         func(*rules.Document)
	}{
		{fmt.Sprintf("a link added (%s calls %s)", caller, callee), "no policy write: a policy depends on its destination only",
			func(d *rules.Document) { service(d, caller).Calls = append(service(d, caller).Calls, callee) }},
		{fmt.Sprintf("a service added, called by %s", caller), "its policy (1 write), once its caller's pods carry the label",
			func(d *rules.Document) {
				d.Services = append(d.Services, rules.Service{Name: added, Namespaces: []string{service(d, caller).Namespaces[0]},
					Ports: []rules.Port{{Port: 8080, Protocol: "TCP"}}})
				service(d, caller).Calls = append(service(d, caller).Calls, added)
			}},
		{fmt.Sprintf("a service removed (%s, %d callers)", gone, len(callers(b.doc, gone))), "closed at once (deny), deleted once no pod of it runs",
			func(d *rules.Document) {
				d.Services = slices.DeleteFunc(d.Services, func(s rules.Service) bool { return s.Name == gone })
				for i := range d.Services {
					d.Services[i].Calls = slices.DeleteFunc(d.Services[i].Calls, func(c string) bool { return c == gone })
				}
			}},
	}
	var out []*change
	for _, s := range steps {
		fmt.Fprintf(os.Stderr, "policybench: %d pods: %s\n", pods, s.what)
		before, err := b.want()
		if err != nil {
			return nil, err
		}
		s.edit(b.doc)
		c, err := b.change(before)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.what, err)
		}
		c.what, c.expect, c.pods = s.what, s.expect, pods
		out = append(out, c)
	}
	return out, nil
}

// change writes b.doc to the ConfigMap and waits until netiso holds its policies: a destination gone
// whose pods run keeps its deny.
func (b *bench) change(before map[types.NamespacedName]*networkingv1.NetworkPolicy) (*change, error) {
	want, err := b.want()
	if err != nil {
		return nil, err
	}
	for k, np := range before {
		if _, ok := want[k]; !ok && policy.IsDestination(np) && b.running(np) {
			want[k] = policy.Deny(np)
		}
	}
	m0, err := b.w.Metrics()
	if err != nil {
		return nil, err
	}
	events0 := b.policies.count()
	began := time.Now()
	if err := b.setRules(false); err != nil {
		return nil, err
	}
	c := &change{}
	changed, err := awaitLog(b.w.Log, "policies", "rules changed", began)
	if err != nil {
		return nil, err
	}
	final, err := awaitLog(b.w.Log, "policies", "applying the new policies", began)
	if err != nil {
		return nil, err
	}
	c.saw, c.final = changed.Sub(began), final.Sub(began)
	if _, err := b.policies.await(want, 3*time.Minute); err != nil {
		return nil, err
	}
	time.Sleep(3 * time.Second) // anything written later is counted too
	m1, err := b.w.Metrics()
	if err != nil {
		return nil, err
	}
	var last time.Time
	c.writes, last = b.policies.since(events0)
	if c.writes > 0 {
		c.lastWrite = last.Sub(began)
	}
	c.requests = requestsOf(m1).minus(requestsOf(m0))
	c.relabelled = harness.Counter(m1, "netiso_reconcile_pods_updated_total") - harness.Counter(m0, "netiso_reconcile_pods_updated_total")
	return c, nil
}

// restores deletes n of netiso's policies, one at a time, then patches n open, and times each
// until netiso has put it back. The admin has the garbage collector's name, which the chart's guard
// lets through: what a change that gets past it costs.
func (b *bench) restores(n int) (deleted, opened []time.Duration, err error) {
	want, err := b.want()
	if err != nil {
		return nil, nil, err
	}
	keys := spread(want, n)
	for _, k := range keys {
		old, ok := b.policies.get(k)
		if !ok {
			return nil, nil, fmt.Errorf("%s is not held", k)
		}
		began := time.Now()
		if err := b.k8s.Delete(b.ctx, old.DeepCopy()); err != nil {
			return nil, nil, err
		}
		at, err := b.policies.awaitKey(k, 30*time.Second, func(np *networkingv1.NetworkPolicy) bool {
			return np.UID != old.UID && sameSpec(np, want[k])
		})
		if err != nil {
			return nil, nil, fmt.Errorf("restoring deleted %s: %w", k, err)
		}
		deleted = append(deleted, at.Sub(began))
		time.Sleep(100 * time.Millisecond)
	}
	for _, k := range keys {
		old, _ := b.policies.get(k)
		np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: k.Namespace, Name: k.Name}}
		began := time.Now()
		if err := b.k8s.Patch(b.ctx, np, client.RawPatch(types.MergePatchType, []byte(`{"spec":{"ingress":[{}]}}`))); err != nil {
			return nil, nil, err
		}
		at, err := b.policies.awaitKey(k, 30*time.Second, func(cur *networkingv1.NetworkPolicy) bool {
			return cur.ResourceVersion != old.ResourceVersion && cur.ResourceVersion != np.ResourceVersion && sameSpec(cur, want[k])
		})
		if err != nil {
			return nil, nil, fmt.Errorf("restoring %s patched open: %w", k, err)
		}
		opened = append(opened, at.Sub(began))
		time.Sleep(100 * time.Millisecond)
	}
	return deleted, opened, nil
}

// want is what the rules in force imply.
func (b *bench) want() (map[types.NamespacedName]*networkingv1.NetworkPolicy, error) {
	c, err := rules.Compile(b.doc, rules.DefaultOptions())
	if err != nil {
		return nil, err
	}
	nps, err := policy.Generate(c, b.opts)
	if err != nil {
		return nil, err
	}
	return policy.ByKey(nps), nil
}

// running reports whether pods np selects run in its namespace.
func (b *bench) running(np *networkingv1.NetworkPolicy) bool {
	var pods corev1.PodList
	err := b.k8s.List(b.ctx, &pods, client.InNamespace(np.Namespace), client.MatchingLabels(np.Spec.PodSelector.MatchLabels), client.Limit(1))
	return err == nil && len(pods.Items) > 0
}

func (b *bench) setRules(create bool) error {
	data, err := yaml.Marshal(b.doc)
	if err != nil {
		return err
	}
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: netisoNamespace, Name: rulesConfigMap},
		Data:       map[string]string{rules.ConfigMapKey: string(data)},
	}
	if len(data) > rules.ConfigMapLimit*9/10 {
		// Ten times Monzo's rules are 4 MB of YAML: gzipped, as `netiso compile` writes them.
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		if z.Len() > rules.ConfigMapLimit*9/10 {
			return fmt.Errorf("the rules are %d bytes gzipped: too large for one ConfigMap", z.Len())
		}
		cm.Data, cm.BinaryData = nil, map[string][]byte{rules.ConfigMapGzipKey: z.Bytes()}
	}
	if create {
		return b.k8s.Create(b.ctx, cm)
	}
	return b.k8s.Update(b.ctx, cm)
}

// createPods creates n pods through the webhook, 16 at a time: pod i runs service i mod the number
// of services, in its first namespace ("default" for a service with none).
func (b *bench) createPods(n int) error {
	svcs := b.doc.Services
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				s := svcs[i%len(svcs)]
				ns := "default"
				if len(s.Namespaces) > 0 {
					ns = s.Namespaces[0]
				}
				p := &corev1.Pod{
					ObjectMeta: metav1.ObjectMeta{GenerateName: "pod-", Namespace: ns, Labels: map[string]string{serviceLabel: s.Name}},
					Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "registry.example/app:v1"}}},
				}
				if settings.podSize > 0 {
					p = &corev1.Pod{}
					if err := json.Unmarshal(synth.Pod(s.Name, serviceLabel, settings.podSize), p); err != nil {
						errs <- err
						return
					}
					// The API server records its own managed fields for the creator.
					// Some synthetic names are no object names (upper case, "_").
					p.Namespace, p.ManagedFields, p.GenerateName, p.Spec.ServiceAccountName = ns, nil, "pod-", "app"
				}
				if err := b.k8s.Create(b.ctx, p); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// deleteAll deletes every policy of netiso's, as the admin, and waits until none is left.
func (b *bench) deleteAll() error {
	for _, ns := range namespaces(b.doc) {
		if err := b.k8s.DeleteAllOf(b.ctx, &networkingv1.NetworkPolicy{}, client.InNamespace(ns),
			client.MatchingLabelsSelector{Selector: policyowner.Selector()}); err != nil {
			return err
		}
	}
	_, err := b.policies.await(nil, time.Minute)
	return err
}

// errorsLogged are the webhook's log lines at level ERROR or WARN: the owner is expected to write without one.
func errorsLogged(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "\tERROR\t") || strings.Contains(line, "\tWARN\t") {
			out = append(out, line)
		}
	}
	return out, nil
}

// withLog adds the tail of the webhook's log to err.
func (b *bench) withLog(err error) error {
	data, _ := os.ReadFile(b.w.Log)
	if len(data) > 8<<10 {
		data = data[len(data)-8<<10:]
	}
	return fmt.Errorf("%w\n--- webhook log (last 8 KiB) ---\n%s", err, data)
}

// pick chooses, for the variant-th run, a caller with a namespace, one of the services it does not
// call, and a service to remove: a backend (others of its type remain) with callers, neither of
// the other two.
func pick(doc *rules.Document, variant int) (caller, callee, gone string) {
	var callersOK, goneOK []string
	for _, s := range doc.Services {
		plain := !s.Public && !strings.HasPrefix(s.Name, "service.monitoring") && len(s.Namespaces) > 0
		if plain && len(s.Calls) > 0 && len(s.Calls) < 10 {
			callersOK = append(callersOK, s.Name)
		}
		if plain && s.Type == "backend" && len(callers(doc, s.Name)) > 0 {
			goneOK = append(goneOK, s.Name)
		}
	}
	caller = callersOK[variant*7%len(callersOK)]
	for _, s := range doc.Services {
		if s.Name != caller && !slices.Contains(service(doc, caller).Calls, s.Name) && !s.Public {
			callee = s.Name
			break
		}
	}
	for i := variant * 11; ; i++ {
		if g := goneOK[i%len(goneOK)]; g != caller && g != callee {
			return caller, callee, g
		}
	}
}

func service(doc *rules.Document, name string) *rules.Service {
	for i := range doc.Services {
		if doc.Services[i].Name == name {
			return &doc.Services[i]
		}
	}
	panic("no service " + name)
}

func callers(doc *rules.Document, name string) []string {
	var out []string
	for _, s := range doc.Services {
		if slices.Contains(s.Calls, name) {
			out = append(out, s.Name)
		}
	}
	return out
}

// namespaces are the namespaces the rules' policies live in.
func namespaces(doc *rules.Document) []string {
	seen := []string{"default"}
	for _, s := range doc.Services {
		for _, ns := range s.Namespaces {
			if !slices.Contains(seen, ns) {
				seen = append(seen, ns)
			}
		}
	}
	slices.Sort(seen)
	return seen
}

// spread is n keys of want spread over it, in a fixed order.
func spread(want map[types.NamespacedName]*networkingv1.NetworkPolicy, n int) []types.NamespacedName {
	all := make([]types.NamespacedName, 0, len(want))
	for k := range want {
		all = append(all, k)
	}
	slices.SortFunc(all, func(a, b types.NamespacedName) int { return strings.Compare(a.String(), b.String()) })
	out := make([]types.NamespacedName, 0, n)
	for i := range min(n, len(all)) {
		out = append(out, all[i*len(all)/n])
	}
	return out
}
