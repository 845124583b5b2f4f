// Command reconcilebench measures what a rules change costs running pods, on a real kube-apiserver
// and etcd (built by hack/tools.sh) with the real webhook and reconciler: for each pod count, one
// callee added to a 3-pod service (how many UPDATE admissions it causes, how soon the 3 pods carry
// it), then a change of every grant (a type added to every caller, then removed) at the default
// and at a higher --reconcile-qps (the sweep's time, the API server's CPU per relabel, the
// webhook's memory). `make bench-reconcile` runs it; docs/performance.md has its figures.
//
// It is a measurement, not a test: it fails only when the cluster does not converge.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
)

const (
	netisoNamespace = "netiso-system"
	rulesConfigMap  = "netiso-rules"
	netisoUser      = "system:serviceaccount:netiso-system:netiso"
	// target is the 3-pod service that gains a callee, alone in its namespace so that watching it
	// costs the API server next to nothing.
	target, targetNamespace = "svc-target", "target"
	podsPerService          = 20.0 / 3 // 2,000 pods over 300 services, as the issue measured
	namespaces              = 10
)

func main() {
	counts := flag.String("pods", "2000,10000", "pod counts, comma-separated, one cluster each")
	qps := flag.Float64("qps", 20, "the default --reconcile-qps (the chart's)")
	highQPS := flag.Float64("high-qps", 200, "a higher --reconcile-qps for the sweeps")
	defaultSweepMax := flag.Int("default-sweep-max", 2000, "sweep at the default QPS only up to this many pods (10,000 at 20/s is 8 minutes)")
	report := flag.String("report", "", "also write the markdown report to this file")
	flag.Parse()
	logf.SetLogger(logr.Discard()) // envtest's own logging is not the report
	if err := run(*counts, *qps, *highQPS, *defaultSweepMax, *report); err != nil {
		fmt.Fprintln(os.Stderr, "reconcilebench:", err)
		os.Exit(1)
	}
}

func run(counts string, qps, highQPS float64, defaultSweepMax int, reportPath string) error {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		return errors.New("KUBEBUILDER_ASSETS is not set: run `make bench-reconcile` (hack/tools.sh builds kube-apiserver and etcd)")
	}
	var results []*result
	for _, s := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 100 {
			return fmt.Errorf("-pods %q: want counts of at least 100", s)
		}
		qpsList := []float64{highQPS}
		if n <= defaultSweepMax {
			qpsList = []float64{qps, highQPS}
		}
		r, err := measure(n, qpsList)
		if err != nil {
			return fmt.Errorf("%d pods: %w", n, err)
		}
		results = append(results, r)
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
	writeReport(out, results)
	return nil
}

// result is one pod count's figures.
type result struct {
	pods, services int
	createRate     float64 // pods a second, through the webhook
	rssIdle        int64   // the webhook's resident memory with every pod cached
	// One callee added to the 3-pod service.
	oneUpdates   float64       // UPDATE admissions it caused
	oneRelabel   float64       // pods the reconciler relabelled
	oneTargetDur time.Duration // until the 3 pods carried the new key
	oneCPU       time.Duration // API server CPU over the change
	sweeps       []sweep
	load         string
}

// sweep is a change of every pod's grant at one --reconcile-qps.
type sweep struct {
	qps      float64
	dur      time.Duration
	updates  float64
	apiCPU   time.Duration
	hookCPU  time.Duration
	rssPeak  int64
	rssAfter int64
}

func measure(n int, qpsList []float64) (*result, error) {
	tmp, err := os.MkdirTemp("", "netiso-reconcilebench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()

	mwc, policies, err := harness.RenderChart("deploy/helm/netiso", netisoNamespace)
	if err != nil {
		return nil, err
	}
	env := harness.NewEnvironment(mwc)
	if _, err := env.Start(); err != nil {
		return nil, fmt.Errorf("starting kube-apiserver and etcd: %w", err)
	}
	defer func() { _ = env.Stop() }()
	apiserverPID, err := harness.FindChild(filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kube-apiserver"))
	if err != nil {
		return nil, err
	}
	admin, err := env.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return nil, err
	}
	cfg := admin.Config()
	cfg.QPS, cfg.Burst = 1000, 1000
	k8s, err := client.New(cfg, client.Options{})
	if err != nil {
		return nil, err
	}
	netiso, err := env.AddUser(envtest.User{Name: netisoUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return nil, err
	}
	kubeconfig, err := harness.WriteKubeconfig(netiso, filepath.Join(tmp, "netiso.kubeconfig"))
	if err != nil {
		return nil, err
	}
	if err := harness.CreateAll(ctx, k8s, policies); err != nil {
		return nil, err
	}
	nsNames := []string{netisoNamespace, targetNamespace}
	for i := range namespaces {
		nsNames = append(nsNames, fmt.Sprintf("team-%02d", i))
	}
	for _, ns := range nsNames {
		if err := k8s.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}); err != nil {
			return nil, err
		}
	}

	services := int(float64(n)/podsPerService + 0.5)
	doc := synthetic(services)
	if err := setRules(ctx, k8s, doc, true); err != nil {
		return nil, err
	}
	bin, err := harness.BuildWebhook(tmp)
	if err != nil {
		return nil, err
	}
	wo := env.WebhookInstallOptions
	start := func(qps float64) (*harness.Webhook, error) {
		w := &harness.Webhook{Bin: bin, Addr: harness.ServingAddr(wo), Log: filepath.Join(tmp, fmt.Sprintf("webhook-%v.log", qps)), Args: append([]string{
			"--kubeconfig=" + kubeconfig,
			"--rules-configmap=" + netisoNamespace + "/" + rulesConfigMap,
			"--service-label=app",
			"--reconciler-username=" + netisoUser,
			"--reconcile",
			fmt.Sprintf("--reconcile-qps=%v", qps),
			"--log-level=info",
		}, harness.WebhookArgs(wo)...)}
		return w, w.Start()
	}
	w, err := start(qpsList[0])
	if err != nil {
		return nil, err
	}
	defer func() { w.Stop() }()

	r := &result{pods: n, services: services, load: harness.LoadAverage()}
	fmt.Fprintf(os.Stderr, "reconcilebench: %d pods over %d services: creating\n", n, services)
	began := time.Now()
	if err := createPods(ctx, k8s, n, services, nsNames[2:]); err != nil {
		return nil, err
	}
	r.createRate = float64(n) / time.Since(began).Seconds()
	if err := w.AwaitReconcilerIdle(5 * time.Minute); err != nil {
		return nil, err
	}
	if r.rssIdle, _, err = harness.Memory(w.PID()); err != nil {
		return nil, err
	}

	// One callee added to the 3-pod service.
	fmt.Fprintf(os.Stderr, "reconcilebench: %d pods: one callee added to %s\n", n, target)
	m0, err := w.Metrics()
	if err != nil {
		return nil, err
	}
	cpu0, _ := harness.CPU(apiserverPID)
	// A callee the target never had (a new service, with no pods of its own: the diff lists it too).
	doc.Services = append(doc.Services, rules.Service{Name: "svc-added", Namespaces: []string{"team-00"}})
	doc.Services[0].Calls = append(doc.Services[0].Calls, "svc-added")
	newKey := rules.DefaultOptions().CalleeKey("svc-added")
	began = time.Now()
	if err := setRules(ctx, k8s, doc, false); err != nil {
		return nil, err
	}
	for {
		var list corev1.PodList
		if err := k8s.List(ctx, &list, client.InNamespace(targetNamespace)); err != nil {
			return nil, err
		}
		if len(list.Items) == 3 && !slices.ContainsFunc(list.Items, func(p corev1.Pod) bool { return p.Labels[newKey] != rules.LabelValue }) {
			break
		}
		if time.Since(began) > time.Minute {
			return nil, errors.New("the 3 pods did not get their new callee within a minute")
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.oneTargetDur = time.Since(began)
	time.Sleep(3 * time.Second) // what else the change costs comes now, if anything
	if err := w.AwaitReconcilerIdle(5 * time.Minute); err != nil {
		return nil, err
	}
	m1, err := w.Metrics()
	if err != nil {
		return nil, err
	}
	cpu1, _ := harness.CPU(apiserverPID)
	r.oneUpdates = harness.Sum(m1, "netiso_admissions_total", `operation="UPDATE"`) - harness.Sum(m0, "netiso_admissions_total", `operation="UPDATE"`)
	r.oneRelabel = harness.Counter(m1, "netiso_reconcile_pods_updated_total") - harness.Counter(m0, "netiso_reconcile_pods_updated_total")
	r.oneCPU = cpu1 - cpu0

	// Every grant changed: a type added to every caller, then removed, each at one QPS.
	for i, qps := range qpsList {
		if i > 0 || qps != qpsList[0] {
			w.Stop()
			if w, err = start(qps); err != nil {
				return nil, err
			}
			if err := w.AwaitReconcilerIdle(5 * time.Minute); err != nil {
				return nil, err
			}
		}
		add := i%2 == 0
		fmt.Fprintf(os.Stderr, "reconcilebench: %d pods: every grant changed (type added: %v) at %v/s\n", n, add, qps)
		everyCaller(doc, add)
		s, err := sweepAll(ctx, k8s, w, apiserverPID, doc, n, qps)
		if err != nil {
			return nil, err
		}
		r.sweeps = append(r.sweeps, s)
	}
	return r, nil
}

// sweepAll applies doc, in which every pod's grant differs from the rules in force, and waits until
// the reconciler has relabelled every pod.
func sweepAll(ctx context.Context, k8s client.Client, w *harness.Webhook, apiserverPID int, doc *rules.Document, n int, qps float64) (sweep, error) {
	s := sweep{qps: qps}
	m0, err := w.Metrics()
	if err != nil {
		return s, err
	}
	api0, _ := harness.CPU(apiserverPID)
	hook0, _ := harness.CPU(w.PID())
	began := time.Now()
	if err := setRules(ctx, k8s, doc, false); err != nil {
		return s, err
	}
	base := harness.Counter(m0, "netiso_reconcile_pods_updated_total")
	deadline := began.Add(time.Duration(float64(n)/qps*3)*time.Second + time.Minute)
	for {
		m, err := w.Metrics()
		if err != nil {
			return s, err
		}
		if harness.Counter(m, "netiso_reconcile_pods_updated_total")-base >= float64(n) {
			s.updates = harness.Sum(m, "netiso_admissions_total", `operation="UPDATE"`) - harness.Sum(m0, "netiso_admissions_total", `operation="UPDATE"`)
			break
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("the sweep at %v/s did not finish in %s", qps, time.Since(began).Round(time.Second))
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.dur = time.Since(began)
	api1, _ := harness.CPU(apiserverPID)
	hook1, _ := harness.CPU(w.PID())
	s.apiCPU, s.hookCPU = api1-api0, hook1-hook0
	s.rssAfter, s.rssPeak, _ = harness.Memory(w.PID())
	// Every pod carries exactly the new grant: read back from the API.
	var list corev1.PodList
	if err := k8s.List(ctx, &list); err != nil {
		return s, err
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		return s, err
	}
	for _, p := range list.Items {
		g, _ := c.Lookup(p.Labels["app"], p.Namespace)
		if p.Namespace != netisoNamespace && !g.Exactly(p.Labels, c.Options().IsManaged) {
			return s, fmt.Errorf("pod %s/%s after the sweep: %v, want %v", p.Namespace, p.Name, p.Labels, g.Keys)
		}
	}
	return s, nil
}

// synthetic is the rules: svc-target first (3 pods, in its own namespace), then services calling
// 6 others on average, some typed, so that their pods carry realistic label sets.
func synthetic(services int) *rules.Document {
	rnd := rand.New(rand.NewPCG(uint64(services), 7))
	doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}
	doc.Services = append(doc.Services, rules.Service{Name: target, Namespaces: []string{targetNamespace}})
	for i := 1; i < services; i++ {
		doc.Services = append(doc.Services, rules.Service{Name: fmt.Sprintf("svc-%04d", i)})
	}
	for i := range doc.Services {
		s := &doc.Services[i]
		for range 1 + rnd.IntN(11) {
			callee := doc.Services[1+rnd.IntN(services-1)].Name
			if callee != s.Name && !slices.Contains(s.Calls, callee) {
				s.Calls = append(s.Calls, callee)
			}
		}
	}
	return doc
}

// everyCaller adds, or removes, a type every service may call, which changes every pod's grant.
func everyCaller(doc *rules.Document, add bool) {
	const sink, typ = "svc-audit-sink", "audit"
	doc.Services = slices.DeleteFunc(doc.Services, func(s rules.Service) bool { return s.Name == sink })
	for i := range doc.Services {
		doc.Services[i].CallsTypes = nil
		if add {
			doc.Services[i].CallsTypes = []string{typ}
		}
	}
	if add {
		doc.Services = append(doc.Services, rules.Service{Name: sink, Type: typ, Namespaces: []string{"team-00"}})
	}
}

func setRules(ctx context.Context, k8s client.Client, doc *rules.Document, create bool) error {
	data, err := yaml.Marshal(doc)
	if err != nil {
		return err
	}
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: netisoNamespace, Name: rulesConfigMap},
		Data:       map[string]string{rules.ConfigMapKey: string(data)},
	}
	if create {
		return k8s.Create(ctx, cm)
	}
	return k8s.Update(ctx, cm)
}

// createPods creates n pods: 3 of svc-target in its namespace, the rest spread over the other
// services and namespaces, 16 at a time, through the webhook.
func createPods(ctx context.Context, k8s client.Client, n, services int, nss []string) error {
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
				service, ns := fmt.Sprintf("svc-%04d", 1+i%(services-1)), nss[i%len(nss)]
				if i < 3 {
					service, ns = target, targetNamespace
				}
				p := &corev1.Pod{
					ObjectMeta: metav1.ObjectMeta{GenerateName: service + "-", Namespace: ns, Labels: map[string]string{"app": service}},
					Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "registry.example/" + service + ":v1"}}},
				}
				if err := k8s.Create(ctx, p); err != nil {
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

func writeReport(w io.Writer, results []*result) {
	fmt.Fprintf(w, "Pods created through the webhook, then the rules changed through the ConfigMap; 2 cores, load average (1 min) at the start of each run: %s.\n\n",
		strings.Join(mapf(results, func(r *result) string { return fmt.Sprintf("%s at %d pods", r.load, r.pods) }), ", "))
	fmt.Fprintln(w, "| pods | services | one callee added to a 3-pod service: UPDATE admissions | pods relabelled | the 3 pods carry it after | API server CPU | webhook RSS, every pod cached |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, r := range results {
		fmt.Fprintf(w, "| %d | %d | %.0f | %.0f | %s | %s | %.0f MiB |\n", r.pods, r.services, r.oneUpdates, r.oneRelabel,
			r.oneTargetDur.Round(time.Millisecond), r.oneCPU.Round(10*time.Millisecond), float64(r.rssIdle)/(1<<20))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| pods | every grant changed, at --reconcile-qps | sweep | pods/s | UPDATE admissions | API server CPU a relabel | webhook CPU a relabel | webhook RSS after (peak) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range results {
		for _, s := range r.sweeps {
			fmt.Fprintf(w, "| %d | %v | %s | %.0f | %.0f | %.2f ms | %.2f ms | %.0f MiB (%.0f) |\n", r.pods, s.qps, s.dur.Round(100*time.Millisecond),
				float64(r.pods)/s.dur.Seconds(), s.updates, perPod(s.apiCPU, r.pods), perPod(s.hookCPU, r.pods),
				float64(s.rssAfter)/(1<<20), float64(s.rssPeak)/(1<<20))
		}
	}
	fmt.Fprintln(w)
	if len(results) >= 2 {
		a, b := results[0], results[len(results)-1]
		perPodMem := float64(b.rssIdle-a.rssIdle) / float64(b.pods-a.pods)
		last := b.sweeps[len(b.sweeps)-1]
		const big = 45000
		fmt.Fprintf(w, "Extrapolated to %d pods from these per-pod costs: the webhook's memory %.0f MiB (%.1f KiB a cached pod beyond the %d-pod run);"+
			" a change of every grant %s at %v/s (%s at the default 20/s), %.0f s of API server CPU; one callee added to a 3-pod service, still 3 updates.\n",
			big, (float64(b.rssIdle)+perPodMem*float64(big-b.pods))/(1<<20), perPodMem/1024, b.pods,
			(time.Duration(float64(big)/(float64(b.pods)/last.dur.Seconds())) * time.Second).Round(time.Second), last.qps,
			(time.Duration(big/20) * time.Second).Round(time.Second), perPod(last.apiCPU, b.pods)*big/1000)
	}
}

func perPod(d time.Duration, n int) float64 {
	return float64(d) / float64(time.Millisecond) / float64(n)
}

func mapf[T any](in []T, f func(T) string) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
