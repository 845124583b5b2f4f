// Command webhook is netiso's mutating admission webhook: it gives each pod the egress labels its
// service's rules grant, and removes every managed label they do not.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-logr/logr"
	"github.com/go-logr/zapr"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"golang.org/x/time/rate"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	ctrlwebhook "sigs.k8s.io/controller-runtime/pkg/webhook"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/policyowner"
	"github.com/netiso/netiso/pkg/reconcile"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/rulesource"
)

type options struct {
	rulesFile          string
	rulesConfigMap     string
	rulesPollInterval  time.Duration
	webhookHost        string
	webhookPort        int
	webhookCertPath    string
	serviceLabel       string
	egressPrefix       string
	egressTypePrefix   string
	unknownService     string
	reconcilerUsername string
	probeAddr          string
	metricsAddr        string
	enableHTTP2        bool
	shutdownDelay      time.Duration
	logFormat          string
	logLevel           string
	mode               string
	reconcile          bool
	reconcileSet       bool // --reconcile given: otherwise on when a cluster is at hand
	reconcileQPS       float64
	reconcileResync    time.Duration
	leaderElect        bool
	// The policy owner (pkg/policyowner) and the policies' options, as `netiso policies` takes them.
	managePolicies            bool
	policyDefaultNamespace    string
	policyDefaultDeny         bool
	policyDNSNamespace        string
	policyDNSPodLabel         string
	policyDNSPort             int
	policyLabelWait           time.Duration
	ownerWebhookConfiguration string
}

func main() {
	var o options
	fs := flag.CommandLine // shares controller-runtime's --kubeconfig
	fs.StringVar(&o.rulesFile, "rules-file", "", "Read rules from this file, reloading it when it changes (local use, or a mounted ConfigMap).")
	fs.StringVar(&o.rulesConfigMap, "rules-configmap", "", "Read rules from this ConfigMap, NAMESPACE/NAME, through an informer.")
	fs.DurationVar(&o.rulesPollInterval, "rules-poll-interval", time.Second, "How often --rules-file is checked for changes.")
	fs.StringVar(&o.webhookHost, "webhook-host", "", "Address the webhook server listens on; empty for all.")
	fs.IntVar(&o.webhookPort, "webhook-port", 9443, "Port the webhook server listens on.")
	fs.StringVar(&o.webhookCertPath, "webhook-cert-path", "/tmp/k8s-webhook-server/serving-certs", "Directory holding tls.crt and tls.key; rotated files are picked up without restart.")
	fs.StringVar(&o.serviceLabel, "service-label", "app.kubernetes.io/name", "The identity label: its value names a pod's service.")
	fs.StringVar(&o.egressPrefix, "egress-prefix", rules.DefaultEgressPrefix, "Prefix of the per-callee labels; netiso owns every key under it.")
	fs.StringVar(&o.egressTypePrefix, "egress-type-prefix", rules.DefaultEgressTypePrefix, "Prefix of the per-type labels; netiso owns every key under it.")
	fs.StringVar(&o.unknownService, "unknown-service", string(mutate.UnknownAllow), "What to do with a pod whose service is not in the rules: allow (no labels, a warning) or deny.")
	fs.StringVar(&o.reconcilerUsername, "reconciler-username", "", "netiso's own username: only its pod UPDATEs may add managed labels.")
	fs.StringVar(&o.probeAddr, "health-probe-bind-address", ":8081", "Address of /healthz and /readyz.")
	fs.StringVar(&o.metricsAddr, "metrics-bind-address", ":8080", "Address of /metrics; 0 disables it.")
	fs.BoolVar(&o.enableHTTP2, "enable-http2", false, "Serve HTTP/2 (off: it has had denial-of-service flaws, and the API server does not need it).")
	fs.DurationVar(&o.shutdownDelay, "shutdown-delay", 5*time.Second, "On SIGTERM, report unready and keep serving this long, so endpoints drain before the server stops.")
	fs.StringVar(&o.logFormat, "log-format", "json", "Log format: json or console.")
	fs.StringVar(&o.logLevel, "log-level", "info", "Log level: info, debug (patches), or a verbosity number.")
	fs.StringVar(&o.mode, "mode", string(webhook.ModeEnforce), "enforce (set the labels the rules grant) or audit (change no label: record the decision in the netiso.dev/audit annotation, warnings, logs and metrics).")
	fs.BoolVar(&o.reconcile, "reconcile", false, "Bring running pods in covered namespaces up to each new rules version (default: on with --rules-configmap, or with --rules-file when a cluster config is present).")
	fs.Float64Var(&o.reconcileQPS, "reconcile-qps", 20, "Most pod updates a second the reconciler sends.")
	fs.DurationVar(&o.reconcileResync, "reconcile-resync", reconcile.DefaultResync, "How often the reconciler judges every cached pod again, for what events missed (a rules change visits only the pods it changes).")
	fs.BoolVar(&o.leaderElect, "leader-elect", false, "Elect one replica (Lease netiso-reconciler) to run the reconciler; the chart turns it on.")
	fs.BoolVar(&o.managePolicies, "manage-policies", false, "Keep the NetworkPolicies the rules imply applied, restored and pruned (the elected replica); in audit mode, remove them.")
	fs.StringVar(&o.policyDefaultNamespace, "policy-default-namespace", policy.DefaultDefaultNamespace, "Where a service with no namespaces gets its policy.")
	fs.BoolVar(&o.policyDefaultDeny, "policy-default-deny", false, "Also hold a default-deny ingress policy in every namespace that has a service.")
	fs.StringVar(&o.policyDNSNamespace, "policy-dns-namespace", policy.DefaultDNSNamespace, `The cluster DNS's namespace, which zones' egress policies let through; "" lets no DNS through.`)
	fs.StringVar(&o.policyDNSPodLabel, "policy-dns-pod-label", policy.DefaultDNSPodLabel, `The cluster DNS pods' label, key=value; "" for every pod of --policy-dns-namespace.`)
	fs.IntVar(&o.policyDNSPort, "policy-dns-port", policy.DefaultDNSPort, "The cluster DNS pods' port, let through on UDP and TCP.")
	fs.DurationVar(&o.policyLabelWait, "policy-label-wait", policyowner.DefaultLabelWait, "Longest a rules change waits for pods' labels before its final policies apply.")
	fs.StringVar(&o.ownerWebhookConfiguration, "owner-webhook-configuration", "", "The MutatingWebhookConfiguration netiso's policies name as their owner, so that deleting it (helm uninstall) deletes them.")
	flag.Parse()
	fs.Visit(func(f *flag.Flag) { o.reconcileSet = o.reconcileSet || f.Name == "reconcile" })

	zl, err := newZap(o.logFormat, o.logLevel)
	if err != nil {
		fmt.Fprintln(os.Stderr, "netiso webhook:", err)
		os.Exit(1)
	}
	log := zapr.NewLogger(zl)
	ctrl.SetLogger(log)
	klog.SetLogger(log.WithName("client-go"))
	setMemoryLimit(log)
	registerMetrics(metrics.Registry)

	var stopping atomic.Bool
	ctx := signalContext(o.shutdownDelay, &stopping)
	err = run(ctx, log, o, &stopping)
	_ = zl.Sync()
	if err != nil {
		log.Error(err, "netiso webhook stopped")
		os.Exit(1)
	}
}

// registerMetrics adds netiso's metrics to reg, controller-runtime's registry, which the manager
// serves on --metrics-bind-address beside its own. Called from main, not run: tests call run more
// than once in a process, and a second registration panics.
func registerMetrics(reg prometheus.Registerer) {
	webhook.Register(reg)
	reconcile.Register(reg)
	rulesource.Register(reg)
	policyowner.Register(reg)
}

// run serves until ctx ends. stopping turns readiness off while the shutdown delay drains requests.
func run(ctx context.Context, log logr.Logger, o options, stopping *atomic.Bool) error {
	cfg := mutate.Config{
		ServiceLabel:       o.serviceLabel,
		UnknownService:     mutate.UnknownServicePolicy(o.unknownService),
		ReconcilerUsername: o.reconcilerUsername,
	}
	mode := webhook.Mode(o.mode)
	switch mode {
	case "":
		mode = webhook.ModeEnforce
	case webhook.ModeEnforce, webhook.ModeAudit:
	default:
		return fmt.Errorf("--mode=%q: want enforce or audit", o.mode)
	}
	if cfg.UnknownService != mutate.UnknownAllow && cfg.UnknownService != mutate.UnknownDeny {
		return fmt.Errorf("--unknown-service=%q: want allow or deny", o.unknownService)
	}
	if cfg.ServiceLabel == "" {
		return errors.New("--service-label must not be empty")
	}
	store := rulesource.NewStore(rules.Options{EgressPrefix: o.egressPrefix, EgressTypePrefix: o.egressTypePrefix}, log.WithName("rules"))

	var file *rulesource.File
	var cm *rulesource.ConfigMap
	switch {
	case (o.rulesFile == "") == (o.rulesConfigMap == ""):
		return errors.New("give exactly one of --rules-file and --rules-configmap")
	case o.rulesFile != "":
		file = &rulesource.File{Path: o.rulesFile, Interval: o.rulesPollInterval, Store: store}
		if err := file.Load(); err != nil {
			return err // no last good rules to fall back on
		}
	default:
		ns, name, ok := strings.Cut(o.rulesConfigMap, "/")
		if !ok || ns == "" || name == "" {
			return fmt.Errorf("--rules-configmap=%q: want NAMESPACE/NAME", o.rulesConfigMap)
		}
		cm = &rulesource.ConfigMap{Namespace: ns, Name: name, Store: store}
	}

	restCfg, err := clusterConfig()
	haveCluster := err == nil
	if err != nil {
		if cm != nil {
			return fmt.Errorf("--rules-configmap needs a cluster: %w", err)
		}
		if o.reconcile {
			return fmt.Errorf("--reconcile needs a cluster: %w", err)
		}
		// With a rules file netiso needs no cluster; the manager only wants a config for clients it
		// will not use.
		log.Info("no kubeconfig: running without a cluster", "reason", err.Error())
		restCfg = &rest.Config{Host: "https://localhost.invalid"}
	}
	ownNamespace := ownNamespace(cm)
	if !o.reconcileSet {
		// A rules file on a laptop with a kubeconfig is a local run: reconcile only in a pod.
		o.reconcile = haveCluster && ownNamespace != ""
	}
	if mode == webhook.ModeAudit && o.reconcile {
		// Relabelling running pods is enforcing: audit mode leaves them as they are.
		log.Info("audit mode: the reconciler is off")
		o.reconcile = false
	}
	if o.reconcile && o.reconcileQPS <= 0 {
		return fmt.Errorf("--reconcile-qps=%v: want more than 0", o.reconcileQPS)
	}
	if o.reconcile && o.reconcileResync < time.Minute {
		return fmt.Errorf("--reconcile-resync=%v: want a minute or more (events, not the periodic check, keep pods current)", o.reconcileResync)
	}
	if (o.reconcile || o.leaderElect || o.managePolicies) && ownNamespace == "" {
		return errors.New("--reconcile, --leader-elect and --manage-policies need netiso's namespace: use --rules-configmap or run in a pod")
	}
	var popts policy.Options
	if o.managePolicies {
		if !haveCluster {
			return fmt.Errorf("--manage-policies needs a cluster: %w", errNoCluster)
		}
		if popts, err = o.policyOptions(ownNamespace); err != nil {
			return err
		}
		// Rules whose policies would be invalid are refused like invalid rules: the last good
		// ones keep serving, labels and policies alike.
		store.Check = func(c *rules.Compiled) error {
			_, err := policy.Generate(c, popts)
			return err
		}
	}

	// Managed fields are most of a cached pod's metadata, and nothing here reads them.
	cacheOpts := cache.Options{DefaultTransform: cache.TransformStripManagedFields()}
	cacheOpts.ByObject = map[client.Object]cache.ByObject{}
	if cm != nil {
		cacheOpts.ByObject[&corev1.ConfigMap{}] = cm.CacheOptions()
	}
	if o.managePolicies {
		// Only netiso's own policies: the cache stays the size of the rules, not of the cluster.
		cacheOpts.ByObject[&networkingv1.NetworkPolicy{}] = cache.ByObject{Label: policyowner.Selector()}
	}
	tlsOpts := []func(*tls.Config){func(c *tls.Config) { c.MinVersion = tls.VersionTLS12 }}
	if !o.enableHTTP2 {
		tlsOpts = append(tlsOpts, func(c *tls.Config) { c.NextProtos = []string{"http/1.1"} })
	}
	server := ctrlwebhook.NewServer(ctrlwebhook.Options{
		Host:    o.webhookHost,
		Port:    o.webhookPort,
		CertDir: o.webhookCertPath,
		TLSOpts: tlsOpts,
	})
	mgr, err := ctrl.NewManager(restCfg, ctrl.Options{
		Cache:                  cacheOpts,
		Metrics:                metricsserver.Options{BindAddress: o.metricsAddr},
		HealthProbeBindAddress: o.probeAddr,
		WebhookServer:          server,
		// Only the reconciler needs electing: every replica serves the webhook. A replica that loses
		// the lease exits (controller-runtime's rule, so two never reconcile at once) and restarts;
		// the others keep serving meanwhile.
		LeaderElection:                o.leaderElect,
		LeaderElectionID:              reconcile.Name,
		LeaderElectionNamespace:       ownNamespace,
		LeaderElectionReleaseOnCancel: true,
	})
	if err != nil {
		return fmt.Errorf("creating manager: %w", err)
	}
	// GetWebhookServer, not the server itself: it is what adds the server to the manager's runnables.
	mgr.GetWebhookServer().Register(webhook.Path, (&webhook.Handler{Rules: store.Rules, Config: cfg, Mode: mode, Log: log.WithName("admission")}).Webhook())

	checks := map[string]healthz.Checker{
		"webhook": server.StartedChecker(),
		"rules":   store.ReadyCheck,
		"shutdown": func(*http.Request) error {
			if stopping.Load() {
				return errors.New("shutting down")
			}
			return nil
		},
	}
	for name, check := range checks {
		if err := mgr.AddReadyzCheck(name, check); err != nil {
			return err
		}
	}
	if err := mgr.AddHealthzCheck("ping", healthz.Ping); err != nil {
		return err
	}

	if file != nil {
		if err := mgr.Add(file); err != nil {
			return err
		}
	}
	if cm != nil {
		if err := cm.Watch(ctx, mgr.GetCache()); err != nil {
			return err
		}
	}
	if o.reconcile {
		r := &reconcile.Reconciler{
			Client:       mgr.GetClient(),
			Rules:        store.Rules,
			Changed:      store.Changed(),
			ServiceLabel: o.serviceLabel,
			OwnNamespace: ownNamespace,
			Resync:       o.reconcileResync,
			Limiter:      rate.NewLimiter(rate.Limit(o.reconcileQPS), 1),
			Log:          log.WithName("reconcile"),
			Events:       mgr.GetEventRecorder(reconcile.Name),
		}
		if err := r.SetupWithManager(ctx, mgr); err != nil {
			return fmt.Errorf("setting up the reconciler: %w", err)
		}
	}
	if o.managePolicies {
		owner := &policyowner.Owner{
			Client:    mgr.GetClient(),
			Reader:    mgr.GetAPIReader(),
			Rules:     store.Rules,
			Changed:   store.Changed(),
			Options:   popts,
			Enforce:   mode == webhook.ModeEnforce,
			OwnerName: o.ownerWebhookConfiguration,
			LabelWait: o.policyLabelWait,
			Log:       log.WithName("policies"),
			Events:    mgr.GetEventRecorder(policyowner.Name),
		}
		if err := owner.SetupWithManager(mgr); err != nil {
			return fmt.Errorf("setting up the policy owner: %w", err)
		}
	}
	log.Info("starting", "managePolicies", o.managePolicies, "mode", mode, "reconcile", o.reconcile, "leaderElect", o.leaderElect, "webhookPort", o.webhookPort, "path", webhook.Path, "serviceLabel", o.serviceLabel,
		"rulesFile", o.rulesFile, "rulesConfigMap", o.rulesConfigMap, "unknownService", o.unknownService)
	return mgr.Start(ctx)
}

// policyOptions are the policies' options from the flags, netiso's namespace the exempt one.
func (o options) policyOptions(ownNamespace string) (policy.Options, error) {
	dns, err := policy.ParseDNSPodLabel(o.policyDNSPodLabel)
	if err != nil {
		return policy.Options{}, fmt.Errorf("--policy-dns-pod-label: %w", err)
	}
	p := policy.Options{
		ServiceLabel: o.serviceLabel, NetisoNamespace: ownNamespace, DefaultNamespace: o.policyDefaultNamespace,
		DefaultDeny: o.policyDefaultDeny, DNSNamespace: o.policyDNSNamespace, DNSPodLabels: dns, DNSPort: int32(o.policyDNSPort),
	}
	if o.policyLabelWait <= 0 {
		return p, fmt.Errorf("--policy-label-wait=%v: want more than 0", o.policyLabelWait)
	}
	return p, p.Validate()
}

// ownNamespace is netiso's namespace: the rules ConfigMap's (the chart keeps them together), else
// the pod's own, else unknown.
func ownNamespace(cm *rulesource.ConfigMap) string {
	if cm != nil {
		return cm.Namespace
	}
	b, err := os.ReadFile("/var/run/secrets/kubernetes.io/serviceaccount/namespace")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// signalContext ends when the process is asked to stop, after a delay during which readiness fails
// and the server keeps serving, so that the API server stops sending requests before it closes. A
// second signal stops at once.
func signalContext(delay time.Duration, stopping *atomic.Bool) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-sigs
		stopping.Store(true)
		ctrl.Log.Info("stopping after the shutdown delay", "signal", sig.String(), "delay", delay.String())
		select {
		case <-time.After(delay):
		case <-sigs:
		}
		cancel()
	}()
	return ctx
}

// newZap builds the logger: JSON for production, console for people.
func newZap(format, level string) (*zap.Logger, error) {
	var cfg zap.Config
	switch format {
	case "json":
		cfg = zap.NewProductionConfig()
	case "console":
		cfg = zap.NewDevelopmentConfig()
	default:
		return nil, fmt.Errorf("--log-format=%q: want json or console", format)
	}
	var lvl zapcore.Level
	switch level {
	case "info":
		lvl = zapcore.InfoLevel
	case "debug":
		lvl = -1 // logr V(1)
	default:
		var v int
		if _, err := fmt.Sscanf(level, "%d", &v); err != nil || v < 0 {
			return nil, fmt.Errorf("--log-level=%q: want info, debug or a verbosity number", level)
		}
		lvl = zapcore.Level(-v)
	}
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	cfg.Sampling = nil // never drop a security log line
	return cfg.Build()
}
