// Command apiserverbench measures what admission costs a real kube-apiserver (envtest's, built from
// source by hack/tools.sh): pod CREATEs and pod status UPDATEs, driven by concurrent clients, with no
// admission at all, through netiso (the chart's webhook configuration and policies, the real webhook
// binary), and through the equivalent MutatingAdmissionPolicy generated from the same rules; in
// alternating rounds, in one run, with the API server's CPU read from /proc and the machine's load
// recorded. `make bench-apiserver` runs it; docs/performance.md holds its figures and method.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/flowcontrol"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
	"github.com/netiso/netiso/test/harness"
)

const (
	netisoNamespace = "netiso-system"
	netisoUser      = "system:serviceaccount:netiso-system:netiso"
	serviceLabel    = "app"
	// unboundNamespace is where pods of services bound to no namespace are created.
	unboundNamespace = "bench"
)

type options struct {
	creates, updates, clients, rounds     int
	scale, modes, out, chart, webhookArgs string
	anchors                               bool
}

func main() {
	var o options
	flag.IntVar(&o.creates, "creates", 2000, "pod CREATEs per mode and round")
	flag.IntVar(&o.updates, "updates", 2000, "pod status UPDATEs per mode and round")
	flag.IntVar(&o.clients, "clients", 16, "concurrent clients")
	flag.IntVar(&o.rounds, "rounds", 4, "rounds; each runs every mode once, in a rotated order")
	flag.StringVar(&o.scale, "scale", "monzo", "synthetic rules: monzo (1,500 services) or tenx (15,000)")
	flag.StringVar(&o.modes, "modes", "none,netiso,map,netiso-all-updates,netiso+create-vap,chart-policies", "modes to measure, comma-separated (none first: the others are compared with it)")
	flag.StringVar(&o.out, "out", "", "also write the markdown report here")
	flag.StringVar(&o.chart, "chart", "deploy/helm/netiso", "the chart whose admission objects are measured")
	flag.StringVar(&o.webhookArgs, "webhook-args", "", "more flags for the webhook, space-separated (e.g. --enable-http2=true), to measure a setting")
	flag.BoolVar(&o.anchors, "anchors", false, "identity anchors on every service (ServiceAccount, repository, a cosign signature by the builder, checked against a registry the run serves): every pod runs one signed image, so its signature is warm after the first create")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "apiserverbench:", err)
		os.Exit(1)
	}
}

// bench is the control plane, the webhook and the admission objects of every mode.
type bench struct {
	o        options
	ctx      context.Context
	admin    client.Client
	cs       *kubernetes.Clientset
	webhook  *harness.Webhook
	rules    *rules.Compiled
	services []string // every service, in the order pods are made of them
	pods     map[string]*corev1.Pod
	modes    map[string]*mode
	current  *mode
	apiPID   int
	etcdPID  int
}

func run(o options) error {
	gen, ok := map[string]func() synth.Config{"monzo": synth.Monzo, "tenx": synth.TenX}[o.scale]
	if !ok {
		return fmt.Errorf("-scale %q: want monzo or tenx", o.scale)
	}
	if os.Getenv("KUBEBUILDER_ASSETS") == "" || os.Getenv("HELM_BIN") == "" {
		return errors.New("KUBEBUILDER_ASSETS and HELM_BIN must be set: run `make bench-apiserver` (hack/tools.sh builds them)")
	}
	modeNames := strings.Split(o.modes, ",")
	if modeNames[0] != "none" {
		return errors.New("-modes must start with none, the baseline")
	}
	tmp, err := os.MkdirTemp("", "netiso-apiserverbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	doc := synth.Generate(gen())
	var image string // every container's, with -anchors
	var extraArgs []string
	if o.anchors {
		if image, extraArgs, err = anchor(doc, tmp); err != nil {
			return err
		}
	}
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		return err
	}
	rulesJSON, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	rulesFile := filepath.Join(tmp, "rules.json")
	if err := os.WriteFile(rulesFile, rulesJSON, 0o600); err != nil {
		return err
	}

	mwc, chartPolicies, err := harness.RenderChart(o.chart, netisoNamespace)
	if err != nil {
		return err
	}
	env := harness.NewEnvironment(mwc)
	if _, err := env.Start(); err != nil {
		return fmt.Errorf("starting kube-apiserver and etcd: %w", err)
	}
	defer func() { _ = env.Stop() }()
	b := &bench{o: o, ctx: context.Background(), rules: r, services: r.Names(), pods: map[string]*corev1.Pod{}}
	assets := os.Getenv("KUBEBUILDER_ASSETS")
	if b.apiPID, err = harness.FindChild(filepath.Join(assets, "kube-apiserver")); err != nil {
		return err
	}
	if b.etcdPID, err = harness.FindChild(filepath.Join(assets, "etcd")); err != nil {
		return err
	}

	user, err := env.AddUser(envtest.User{Name: "bench", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return err
	}
	cfg := rest.CopyConfig(user.Config())
	cfg.RateLimiter = flowcontrol.NewFakeAlwaysRateLimiter() // the clients go as fast as the server answers
	cfg.WarningHandler = rest.NoWarnings{}
	if b.admin, err = client.New(cfg, client.Options{}); err != nil {
		return err
	}
	if b.cs, err = kubernetes.NewForConfig(cfg); err != nil {
		return err
	}

	bin, err := harness.BuildWebhook(tmp)
	if err != nil {
		return err
	}
	wo := env.WebhookInstallOptions
	b.webhook = &harness.Webhook{Bin: bin, Addr: harness.ServingAddr(wo), Log: filepath.Join(tmp, "webhook.log"),
		Args: append(harness.WebhookArgs(wo), "--rules-file="+rulesFile, "--service-label="+serviceLabel,
			"--reconciler-username="+netisoUser, "--reconcile=false", "--log-format=json")} // as the chart runs it: info, JSON
	b.webhook.Args = append(append(b.webhook.Args, extraArgs...), strings.Fields(o.webhookArgs)...)
	if err := b.webhook.Start(); err != nil {
		return err
	}
	defer b.webhook.Stop()

	if err := b.setup(mwc, chartPolicies, image); err != nil {
		return err
	}
	var order []*mode
	for _, name := range modeNames {
		m, ok := b.modes[name]
		if !ok {
			return fmt.Errorf("-modes: unknown mode %q", name)
		}
		order = append(order, m)
	}
	cases, err := b.equivalence()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "apiserverbench: the MutatingAdmissionPolicy sets the webhook's labels on %d/%d cases\n", cases, cases)

	start := time.Now()
	res := &report{o: o, rules: r, load: []string{harness.LoadAverage()}, equivalent: cases, params: b.paramsSize()}
	for round := range o.rounds {
		for i := range order {
			m := order[(i+round)%len(order)]
			if err := b.install(m); err != nil {
				return err
			}
			for _, phase := range []func(*mode, int) (sample, error){b.creates, b.statusUpdates} {
				s, err := phase(m, round)
				if err != nil {
					return err
				}
				res.add(s)
				fmt.Fprintf(os.Stderr, "round %d %-18s %-6s %7.0f/s p50 %s p99 %s apiserver %s/req load %s\n", round+1, m.name, s.op,
					s.rate(), ms(s.p(50)), ms(s.p(99)), ms(s.apiCPU/time.Duration(s.n)), s.load)
			}
			if err := b.deletePods(); err != nil {
				return err
			}
		}
	}
	res.load = append(res.load, harness.LoadAverage())
	res.elapsed = time.Since(start)
	text := res.markdown(modeNames)
	fmt.Print(text)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(text), 0o644)
	}
	return nil
}

// setup creates the namespaces, the params ConfigMap and a pod template a service, and builds the
// modes from the webhook configuration envtest installed (then removes it: no mode is in force).
func (b *bench) setup(mwc *admissionregv1.MutatingWebhookConfiguration, chartPolicies []*unstructured.Unstructured, image string) error {
	namespaces := map[string]bool{netisoNamespace: true, unboundNamespace: true, probeNamespace: true}
	for _, name := range b.services {
		s, _ := b.rules.Service(name)
		for _, ns := range s.Namespaces {
			namespaces[ns] = true
		}
	}
	for ns := range namespaces {
		if err := b.admin.Create(b.ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}); err != nil {
			return err
		}
	}
	params, err := GrantParams(b.rules, netisoNamespace)
	if err != nil {
		return err
	}
	if err := b.admin.Create(b.ctx, params); err != nil {
		return fmt.Errorf("creating the params ConfigMap (%d bytes): %w", ParamsSize(params), err)
	}
	for _, name := range b.services {
		var p corev1.Pod
		if err := json.Unmarshal(synth.Pod(name, serviceLabel, 0), &p); err != nil {
			return err
		}
		p.ManagedFields, p.GenerateName = nil, ""
		// Synthetic service names need not be valid object names: only the label carries them.
		p.Spec.ServiceAccountName = "app"
		p.Spec.Volumes[0].ConfigMap.Name = "app-config"
		p.OwnerReferences[0].Name = "app-7c9b5d8f4"
		if image != "" {
			for i := range p.Spec.Containers {
				p.Spec.Containers[i].Image = image
			}
		}
		b.pods[name] = &p
	}

	var installed admissionregv1.MutatingWebhookConfigurationList
	if err := b.admin.List(b.ctx, &installed); err != nil || len(installed.Items) != 1 {
		return fmt.Errorf("want envtest's one MutatingWebhookConfiguration: %w (%d)", err, len(installed.Items))
	}
	skip := installed.Items[0].DeepCopy()
	if err := b.admin.Delete(b.ctx, &installed.Items[0]); err != nil {
		return err
	}
	skip.ObjectMeta = metav1.ObjectMeta{Name: skip.Name}
	all := skip.DeepCopy()
	for i := range all.Webhooks {
		all.Webhooks[i].MatchConditions = nil
	}
	if len(skip.Webhooks[0].MatchConditions) == 0 {
		return errors.New("the chart's webhook configuration has no matchConditions")
	}
	var selector map[string]any
	if selector, err = runtime.DefaultUnstructuredConverter.ToUnstructured(skip.Webhooks[0].NamespaceSelector); err != nil {
		return err
	}
	createVAP := CreatePolicy(b.rules, serviceLabel, netisoNamespace, selector)
	b.modes = map[string]*mode{
		"none":               {name: "none"},
		"chart-policies":     {name: "chart-policies", objects: chartPolicies}, // what netiso costs besides its webhook
		"netiso":             {name: "netiso", objects: append(objects(skip), chartPolicies...), mutates: true},
		"netiso-all-updates": {name: "netiso-all-updates", objects: append(objects(all), chartPolicies...), mutates: true, statusCalls: true},
		"netiso+create-vap":  {name: "netiso+create-vap", objects: append(append(objects(skip), chartPolicies...), createVAP...), mutates: true},
		"map":                {name: "map", objects: MutatingPolicy(b.rules, serviceLabel, netisoNamespace, selector), mutates: true},
	}
	return nil
}

func objects(mwc *admissionregv1.MutatingWebhookConfiguration) []*unstructured.Unstructured {
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(mwc)
	if err != nil {
		panic(err) // a typed object always converts
	}
	u := &unstructured.Unstructured{Object: m}
	u.SetAPIVersion("admissionregistration.k8s.io/v1")
	u.SetKind("MutatingWebhookConfiguration")
	return []*unstructured.Unstructured{u}
}

func (b *bench) paramsSize() int {
	cm, err := GrantParams(b.rules, netisoNamespace)
	if err != nil {
		return 0
	}
	return ParamsSize(cm)
}

// podFor is service's pod i of a phase, in a namespace where the service may run.
func (b *bench) podFor(i int, prefix string) *corev1.Pod {
	service := b.services[i%len(b.services)]
	p := b.pods[service].DeepCopy()
	p.Name = fmt.Sprintf("%s-%d", prefix, i)
	p.Namespace = unboundNamespace
	if s, _ := b.rules.Service(service); len(s.Namespaces) > 0 {
		p.Namespace = s.Namespaces[0]
	}
	return p
}

// deletePods removes every pod the phases created (they were never scheduled: they go at once).
func (b *bench) deletePods() error {
	var nss corev1.NamespaceList
	if err := b.admin.List(b.ctx, &nss); err != nil {
		return err
	}
	zero := int64(0)
	for _, ns := range nss.Items {
		if ns.Name == netisoNamespace || ns.Name == probeNamespace || strings.HasPrefix(ns.Name, "kube-") || ns.Name == "default" {
			continue
		}
		if err := b.cs.CoreV1().Pods(ns.Name).DeleteCollection(b.ctx, metav1.DeleteOptions{GracePeriodSeconds: &zero}, metav1.ListOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// install makes m the mode in force: the previous mode's objects deleted, m's created, and the API
// server seen to apply them (a probe pod's forged label kept or removed; a status update reaching
// the webhook or not).
func (b *bench) install(m *mode) error {
	if b.current == m {
		return nil
	}
	if b.current != nil {
		for _, obj := range slices.Backward(b.current.objects) {
			if err := b.admin.Delete(b.ctx, obj.DeepCopy()); err != nil && !apierrors.IsNotFound(err) {
				return err
			}
		}
	}
	for _, obj := range m.objects {
		if err := b.admin.Create(b.ctx, obj.DeepCopy()); err != nil {
			return fmt.Errorf("mode %s: creating %s %s: %w", m.name, obj.GetKind(), obj.GetName(), err)
		}
	}
	b.current = m
	return b.settle(m)
}

type mode struct {
	name    string
	objects []*unstructured.Unstructured
	// mutates: a created pod's forged managed label is removed. statusCalls: a status update that
	// changes no label reaches the webhook.
	mutates, statusCalls bool
}

// anchor gives every service of doc identity anchors through a default for all namespaces: run as
// ServiceAccount app (what every bench pod runs as), from the run's own registry, signed by the
// builder. It pushes one image there and signs it with the real cosign CLI (COSIGN_BIN), and
// returns that image and the webhook's flags to reach the registry.
func anchor(doc *rules.Document, tmp string) (image string, args []string, err error) {
	bin := os.Getenv("COSIGN_BIN")
	if bin == "" {
		return "", nil, errors.New("-anchors needs COSIGN_BIN: run `make bench-apiserver` (hack/tools.sh cosign builds it)")
	}
	reg, err := harness.StartRegistry(tmp)
	if err != nil {
		return "", nil, err
	}
	ctx := context.Background()
	cosign := &harness.Cosign{Bin: bin, Dir: tmp, Registry: reg}
	key, pub, err := cosign.KeyPair(ctx, "ci")
	if err != nil {
		return "", nil, err
	}
	d, err := reg.Push(ctx, "bench/app")
	if err != nil {
		return "", nil, err
	}
	if err := cosign.Sign(ctx, d, key); err != nil {
		return "", nil, err
	}
	doc.Builders = []rules.Builder{{Name: "ci", PublicKey: pub}}
	doc.IdentityDefaults = []rules.IdentityDefault{{Identity: rules.Identity{
		ServiceAccounts: []string{"app"}, Repositories: []string{reg.Host + "/bench/*"}, SignedBy: []string{"ci"}}}}
	// The registry lives as long as the process: the run ends with it.
	return d.String(), []string{"--registry-ca-file=" + reg.CAFile}, nil
}
