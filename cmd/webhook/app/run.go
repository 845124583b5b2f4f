package app

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	"sigs.k8s.io/controller-runtime/pkg/metrics/filters"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	ctrlwebhook "sigs.k8s.io/controller-runtime/pkg/webhook"

	"github.com/netiso/netiso/pkg/imagesig"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/policyowner"
	"github.com/netiso/netiso/pkg/reconcile"
	"github.com/netiso/netiso/pkg/replica"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/rulesource"
)

// Main is the process: it sets up logging and metrics, runs until ctx ends (main passes
// controller-runtime's signal handler: a second signal exits at once) and returns the exit code.
func Main(ctx context.Context, o Options) int {
	if err := o.Validate(); err != nil {
		fmt.Fprintln(os.Stderr, "netiso webhook:", err)
		return 2
	}
	log, err := newLogger(o.LogFormat, o.LogLevel, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "netiso webhook:", err)
		return 2
	}
	ctrl.SetLogger(log)
	klog.SetLogger(log.WithName("client-go"))
	setMemoryLimit(log)
	RegisterMetrics(metrics.Registry, o.WebhookCertPath)
	if err := Run(ctx, o); err != nil {
		log.Error(err, "netiso webhook stopped")
		return 1
	}
	return 0
}

// RegisterMetrics adds netiso's metrics to reg, controller-runtime's registry, which the manager
// serves on --metrics-bind-address beside its own (pkg/imagesig adds its own there when the
// verifier is created). Exported for the chart's tests, which check that every query in its alerts
// and dashboard names a metric registered here.
func RegisterMetrics(reg prometheus.Registerer, certDir string) {
	webhook.Register(reg)
	reconcile.Register(reg)
	rulesource.Register(reg)
	policyowner.Register(reg)
	reg.MustRegister(newCertExpiry(certDir))
}

// Run serves until ctx ends, then reports unready and keeps serving for the shutdown delay, so that
// the API servers stop sending requests before the server closes. It logs through ctrl.Log.
func Run(ctx context.Context, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	log := ctrl.Log
	s, err := prepare(o, log)
	if err != nil {
		return err
	}
	mgr, server, err := newManager(o, s)
	if err != nil {
		return err
	}
	// GetWebhookServer, not the server itself: it is what adds the server to the manager's runnables.
	// The handler reads and writes AdmissionReviews itself (see pkg/mutate/webhook/review.go); the server
	// gives it TLS, certificate rotation and request metrics.
	h := &webhook.Handler{Rules: s.store.Rules, Config: s.mutate, Mode: s.mode, Log: log.WithName("admission"),
		Verify: func(ctx context.Context, d name.Digest, builders []rules.Builder) mutate.Signature {
			return signature(s.verifier.Wait(ctx, d, builders, o.SignatureWait))
		}}
	mgr.GetWebhookServer().Register(webhook.Path, h.Webhook())
	var stopping atomic.Bool
	if err := addChecks(mgr, server, s.store, &stopping); err != nil {
		return err
	}
	if err := addRunnables(ctx, mgr, o, s, log); err != nil {
		return err
	}
	log.Info("starting", "managePolicies", o.ManagePolicies, "policyStage", o.PolicyStage, "mode", o.Mode, "reconcile", s.reconcile, "leaderElect", o.LeaderElect,
		"namespace", s.namespace, "webhookPort", o.WebhookPort, "path", webhook.Path, "serviceLabel", o.ServiceLabel,
		"rulesFile", o.RulesFile, "rulesConfigMap", o.RulesConfigMap, "unknownService", o.UnknownService)
	return mgr.Start(drain(ctx, o.ShutdownDelay, &stopping, log))
}

// setup is what Run derives from the options and the environment before it builds the manager.
type setup struct {
	mutate      mutate.Config
	mode        webhook.Mode
	store       *rulesource.Store
	file        *rulesource.File      // the rules source: one of file and cm
	cm          *rulesource.ConfigMap //
	restCfg     *rest.Config
	haveCluster bool
	namespace   string // netiso's own, "" when unknown
	reconcile   bool
	policies    policy.Options
	// verifier checks image signatures, for the webhook and the reconciler alike; checked carries
	// the digest of each completed check to the reconciler.
	verifier *imagesig.Verifier
	checked  chan string
}

// prepare loads a rules file, looks for a cluster and netiso's namespace, and settles the options
// that depend on them.
func prepare(o Options, log logr.Logger) (*setup, error) {
	s := &setup{
		mutate: mutate.Config{
			ServiceLabel:       o.ServiceLabel,
			UnknownService:     mutate.UnknownServicePolicy(o.UnknownService),
			ReconcilerUsername: o.ReconcilerUsername,
		},
		mode:  webhook.Mode(o.Mode),
		store: rulesource.NewStore(rules.Options{EgressPrefix: o.EgressPrefix, EgressTypePrefix: o.EgressTypePrefix}, log.WithName("rules")),
	}
	if err := s.rulesSource(o); err != nil {
		return nil, err
	}
	if err := s.signatures(o); err != nil {
		return nil, err
	}
	if err := s.detectCluster(o, log); err != nil {
		return nil, err
	}
	s.namespace = ownNamespace(o.Namespace, s.cm)
	if err := s.settle(o, log); err != nil {
		return nil, err
	}
	return s, nil
}

// rulesSource is --rules-file, read once now (there are no last good rules to fall back on), or
// --rules-configmap, read once the manager's cache starts.
func (s *setup) rulesSource(o Options) error {
	if o.RulesFile != "" {
		s.file = &rulesource.File{Path: o.RulesFile, Interval: o.RulesPollInterval, Store: s.store}
		return s.file.Load()
	}
	ns, name, err := o.configMapName()
	if err != nil {
		return err
	}
	s.cm = &rulesource.ConfigMap{Namespace: ns, Name: name, Store: s.store}
	return nil
}

// signatures sets up the image signature verifier: the registry credentials and CAs it trusts.
func (s *setup) signatures(o Options) error {
	io := imagesig.Options{Timeout: o.SignatureTimeout, RetryAfter: o.SignatureRetryAfter, CacheSize: o.SignatureCacheSize}
	if o.RegistryAuthDir != "" {
		kc, err := imagesig.KeychainFromDir(o.RegistryAuthDir)
		if err != nil {
			return fmt.Errorf("--registry-auth-dir: %w", err)
		}
		io.Keychain = kc
	}
	if o.RegistryCAFile != "" {
		pem, err := os.ReadFile(o.RegistryCAFile)
		if err != nil {
			return fmt.Errorf("--registry-ca-file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("--registry-ca-file %s: no PEM certificate in it", o.RegistryCAFile)
		}
		t := remote.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		io.Transport = t
	}
	// A full channel drops the news: the pod is judged again at the next resync, or event.
	s.checked = make(chan string, 1024)
	io.OnChecked = func(digest string) {
		if _, d, ok := strings.Cut(digest, "@"); ok {
			digest = d
		}
		select {
		case s.checked <- digest:
		default:
		}
	}
	s.verifier = imagesig.New(io)
	return nil
}

// signature is the verifier's answer as pkg/mutate reads it.
func signature(r imagesig.Result) mutate.Signature {
	return mutate.Signature{Verified: r.Verified, Pending: r.Pending, Problem: r.Problem}
}

// detectCluster finds the cluster's config. With a rules file netiso needs none: the manager then
// gets a config for clients it will not use.
func (s *setup) detectCluster(o Options, log logr.Logger) error {
	cfg, err := clusterConfig()
	if err == nil {
		s.restCfg, s.haveCluster = cfg, true
		return nil
	}
	if s.cm != nil {
		return fmt.Errorf("--rules-configmap needs a cluster: %w", err)
	}
	if o.ReconcileSet && o.Reconcile {
		return fmt.Errorf("--reconcile needs a cluster: %w", err)
	}
	if o.ManagePolicies {
		return fmt.Errorf("--manage-policies needs a cluster: %w", err)
	}
	if o.MetricsSecure && o.MetricsAddr != "0" {
		return fmt.Errorf("--metrics-secure needs a cluster to authenticate and authorize scrapers: pass --metrics-secure=false (plain HTTP) or --metrics-bind-address=0: %w", err)
	}
	log.Info("no kubeconfig: running without a cluster", "reason", err.Error())
	s.restCfg = &rest.Config{Host: "https://localhost.invalid"}
	return nil
}

// settle decides the reconciler's default and checks what needs netiso's namespace.
func (s *setup) settle(o Options, log logr.Logger) error {
	s.reconcile = o.Reconcile
	if !o.ReconcileSet {
		// A rules file on a laptop with a kubeconfig is a local run: reconcile only in a pod.
		s.reconcile = s.haveCluster && s.namespace != ""
	}
	if s.mode == webhook.ModeAudit && s.reconcile {
		// Relabelling running pods is enforcing: audit mode leaves them as they are.
		log.Info("audit mode: the reconciler is off")
		s.reconcile = false
	}
	if (s.reconcile || o.LeaderElect || o.ManagePolicies) && s.namespace == "" {
		return errors.New("--reconcile, --leader-elect and --manage-policies need netiso's namespace: use --namespace or --rules-configmap, or run in a pod")
	}
	if !o.ManagePolicies {
		return nil
	}
	var err error
	if s.policies, err = o.policyOptions(s.namespace); err != nil {
		return err
	}
	// Rules whose policies would be invalid are refused like invalid rules: the last good ones keep
	// serving, labels and policies alike.
	s.store.Check = func(c *rules.Compiled) error {
		_, err := policy.Generate(c, s.policies)
		return err
	}
	return nil
}

// ownNamespace is netiso's namespace: --namespace, else the rules ConfigMap's (the chart keeps them
// together), else the pod's own, else unknown.
func ownNamespace(flag string, cm *rulesource.ConfigMap) string {
	if flag != "" {
		return flag
	}
	if cm != nil {
		return cm.Namespace
	}
	b, err := os.ReadFile("/var/run/secrets/kubernetes.io/serviceaccount/namespace")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// tlsOptions: TLS 1.2 or later, and HTTP/1.1 only unless --enable-http2.
func tlsOptions(enableHTTP2 bool) []func(*tls.Config) {
	opts := []func(*tls.Config){func(c *tls.Config) { c.MinVersion = tls.VersionTLS12 }}
	if !enableHTTP2 {
		opts = append(opts, func(c *tls.Config) { c.NextProtos = []string{"http/1.1"} })
	}
	return opts
}

// cacheOptions keep the manager's cache to what netiso reads: the one rules ConfigMap, netiso's
// own policies, the metadata of namespaces, and of pods what reconcile.TrimPod keeps: of their
// labels, the identity label and the managed keys.
func cacheOptions(o Options, s *setup) cache.Options {
	// Managed fields are most of a cached object's metadata, and nothing here reads them.
	opts := cache.Options{DefaultTransform: cache.TransformStripManagedFields(), ByObject: map[client.Object]cache.ByObject{}}
	if s.haveCluster {
		// Only with a cluster: a cache option is resolved against the API server at start.
		managed := rules.Options{EgressPrefix: o.EgressPrefix, EgressTypePrefix: o.EgressTypePrefix}.IsManaged
		opts.ByObject[&corev1.Pod{}] = cache.ByObject{Transform: reconcile.TrimPod(o.ServiceLabel, managed)}
	}
	if s.cm != nil {
		opts.ByObject[&corev1.ConfigMap{}] = s.cm.CacheOptions()
	}
	if o.ManagePolicies {
		// Only netiso's own policies: the cache stays the size of the rules, not of the cluster.
		opts.ByObject[&networkingv1.NetworkPolicy{}] = cache.ByObject{Label: policyowner.Selector()}
	}
	return opts
}

func newManager(o Options, s *setup) (manager.Manager, ctrlwebhook.Server, error) {
	server := ctrlwebhook.NewServer(ctrlwebhook.Options{
		Host:    o.WebhookHost,
		Port:    o.WebhookPort,
		CertDir: o.WebhookCertPath,
		TLSOpts: tlsOptions(o.EnableHTTP2),
	})
	mgr, err := ctrl.NewManager(s.restCfg, ctrl.Options{
		Cache:                  cacheOptions(o, s),
		Metrics:                metricsOptions(o),
		HealthProbeBindAddress: o.ProbeAddr,
		WebhookServer:          server,
		// Only the reconciler and the policy owner need electing: every replica serves the webhook
		// and keeps its rules current. A replica that loses the lease exits (controller-runtime's
		// rule, so two never reconcile at once) and restarts; the others keep serving meanwhile.
		LeaderElection:                o.LeaderElect,
		LeaderElectionID:              reconcile.Name,
		LeaderElectionNamespace:       s.namespace,
		LeaderElectionReleaseOnCancel: true,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("creating manager: %w", err)
	}
	return mgr, server, nil
}

// metricsOptions: with --metrics-secure, HTTPS with the webhook's serving certificate (rotated
// alike) and controller-runtime's filter, which asks the API server to authenticate the caller
// (TokenReview) and to authorize a get on /metrics (SubjectAccessReview), as kubebuilder scaffolds.
func metricsOptions(o Options) metricsserver.Options {
	m := metricsserver.Options{BindAddress: o.MetricsAddr}
	if o.MetricsSecure {
		m.SecureServing = true
		m.CertDir = o.WebhookCertPath
		m.TLSOpts = tlsOptions(o.EnableHTTP2)
		m.FilterProvider = filters.WithAuthenticationAndAuthorization
	}
	return m
}

// addChecks: ready once the TLS server is up and valid rules are loaded, and not while draining.
func addChecks(mgr manager.Manager, server ctrlwebhook.Server, store *rulesource.Store, stopping *atomic.Bool) error {
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
	return mgr.AddHealthzCheck("ping", healthz.Ping)
}

// addRunnables adds the rules source and, when on, the reconciler and the policy owner.
func addRunnables(ctx context.Context, mgr manager.Manager, o Options, s *setup, log logr.Logger) error {
	if s.file != nil {
		if err := mgr.Add(s.file); err != nil {
			return err
		}
	}
	if s.cm != nil {
		if err := s.cm.Watch(ctx, mgr.GetCache()); err != nil {
			return err
		}
	}
	if s.reconcile {
		r := &reconcile.Reconciler{
			Client:       mgr.GetClient(),
			Rules:        s.store.Rules,
			Changed:      s.store.Changed(),
			ServiceLabel: o.ServiceLabel,
			OwnNamespace: s.namespace,
			Resync:       o.ReconcileResync,
			Limiter:      rate.NewLimiter(rate.Limit(o.ReconcileQPS), 1),
			Log:          log.WithName("reconcile"),
			Events:       mgr.GetEventRecorder(reconcile.Name),
			Signatures: func(d name.Digest, builders []rules.Builder) mutate.Signature {
				return signature(s.verifier.Lookup(d, builders))
			},
			Checked:        s.checked,
			PendingRecheck: o.SignatureRetryAfter,
		}
		if err := r.SetupWithManager(ctx, mgr); err != nil {
			return fmt.Errorf("setting up the reconciler: %w", err)
		}
	}
	if err := addPublisher(mgr, o, s, log); err != nil {
		return err
	}
	if o.ManagePolicies {
		owner := &policyowner.Owner{
			Client:    mgr.GetClient(),
			Reader:    mgr.GetAPIReader(),
			Rules:     s.store.Rules,
			Changed:   s.store.Changed(),
			Options:   s.policies,
			Stage:     stage(s.mode, o.PolicyStage),
			OwnerName: o.OwnerWebhookConfiguration,
			LabelWait: o.PolicyLabelWait,
			Log:       log.WithName("policies"),
			Events:    mgr.GetEventRecorder(policyowner.Name),
		}
		if err := owner.SetupWithManager(mgr); err != nil {
			return fmt.Errorf("setting up the policy owner: %w", err)
		}
	}
	return nil
}

// addPublisher has the replica record what it serves on its own pod, when it knows its pod: in a
// cluster, its namespace known, and a pod name (--pod-name or $POD_NAME).
func addPublisher(mgr manager.Manager, o Options, s *setup, log logr.Logger) error {
	pod := cmp.Or(o.PodName, os.Getenv("POD_NAME"))
	if !s.haveCluster || s.namespace == "" || pod == "" {
		log.Info("not recording what this replica serves: no pod to record it on (--pod-name, $POD_NAME)")
		return nil
	}
	base := record(o, s)
	return mgr.Add(&replica.Publisher{
		Client: mgr.GetClient(), Namespace: s.namespace, Pod: pod, Changed: s.store.Changed(), Log: log.WithName("replica"),
		Record: func() replica.Record {
			r := base
			if c := s.store.Rules(); c != nil {
				r.RulesVersion = c.Hash()
			}
			return r
		},
	})
}

// record is what this replica serves, but its rules version.
func record(o Options, s *setup) replica.Record {
	r := replica.Record{Mode: string(s.mode), Namespace: s.namespace, ServiceLabel: o.ServiceLabel,
		EgressPrefix: o.EgressPrefix, EgressTypePrefix: o.EgressTypePrefix, ManagePolicies: o.ManagePolicies,
		WebhookConfiguration: o.OwnerWebhookConfiguration}
	if s.cm != nil {
		r.RulesConfigMap = s.cm.Namespace + "/" + s.cm.Name
	}
	if o.ManagePolicies {
		r.PolicyStage = string(stage(s.mode, o.PolicyStage))
		p := s.policies
		r.DefaultNamespace, r.DefaultDeny, r.DNSNamespace, r.DNSPodLabels, r.DNSPort = p.DefaultNamespace, p.DefaultDeny, p.DNSNamespace, p.DNSPodLabels, p.DNSPort
	}
	return r
}

// stage is what the policy owner holds: in audit mode, whose pods carry no label, nothing.
func stage(mode webhook.Mode, flag string) policyowner.Stage {
	if mode == webhook.ModeAudit {
		return policyowner.StageLabels
	}
	return policyowner.Stage(flag)
}

// drain is a context that ends delay after ctx does; meanwhile stopping is set, so readiness fails
// while the server keeps serving.
func drain(ctx context.Context, delay time.Duration, stopping *atomic.Bool, log logr.Logger) context.Context {
	out, cancel := context.WithCancel(context.WithoutCancel(ctx))
	go func() {
		<-ctx.Done()
		stopping.Store(true)
		log.Info("stopping after the shutdown delay", "delay", delay.String())
		time.Sleep(delay)
		cancel()
	}()
	return out
}
