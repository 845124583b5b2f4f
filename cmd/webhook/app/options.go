// Package app is netiso's webhook server: its options (flags, defaults, validation) and Run, which
// wires the rules source, the admission handler, the reconciler and the policy owner into a
// controller-runtime manager. cmd/webhook's main only parses the flags and calls Main.
package app

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	ctrlwebhook "sigs.k8s.io/controller-runtime/pkg/webhook"

	"github.com/netiso/netiso/pkg/imagesig"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/policyowner"
	"github.com/netiso/netiso/pkg/reconcile"
	"github.com/netiso/netiso/pkg/rules"
)

// DefaultReconcileQPS is the reconciler's default rate of pod updates a second.
const DefaultReconcileQPS = 20

// Options are the webhook's flags. NewOptions gives the defaults; AddFlags registers them;
// Validate checks what can be checked before a cluster is looked for (Run checks the rest).
type Options struct {
	RulesFile         string
	RulesConfigMap    string // NAMESPACE/NAME
	RulesPollInterval time.Duration

	WebhookHost        string
	WebhookPort        int
	WebhookCertPath    string
	ServiceLabel       string
	EgressPrefix       string
	EgressTypePrefix   string
	UnknownService     string
	IdentityFailure    string
	ReconcilerUsername string

	// Signatures of images, for services whose identity requires them (pkg/imagesig).
	SignatureWait       time.Duration
	SignatureTimeout    time.Duration
	SignatureRetryAfter time.Duration
	SignatureCacheSize  int
	RegistryAuthDir     string
	RegistryCAFile      string
	Mode                string
	EnableHTTP2         bool

	ProbeAddr     string
	MetricsAddr   string
	MetricsSecure bool
	ShutdownDelay time.Duration
	LogFormat     string
	LogLevel      string

	Reconcile bool
	// ReconcileSet: --reconcile was given. Otherwise the reconciler is on when a cluster is at hand
	// and netiso's namespace is known.
	ReconcileSet    bool
	ReconcileQPS    float64
	ReconcileResync time.Duration
	LeaderElect     bool
	// Namespace is netiso's own: the Lease's, the one the reconciler and the policies leave alone.
	// Empty: the rules ConfigMap's, else the pod's (its service account's namespace file).
	Namespace string

	// The policy owner (pkg/policyowner) and the policies' options, as `netiso policies` takes them.
	ManagePolicies            bool
	PolicyStage               string
	PolicyDefaultNamespace    string
	PolicyDefaultDeny         bool
	PolicyDNSNamespace        string
	PolicyDNSPodLabel         string
	PolicyDNSPort             int
	PolicyLabelWait           time.Duration
	OwnerWebhookConfiguration string

	// PodName is this replica's pod, where it records what it serves (pkg/replica); empty: the
	// POD_NAME environment variable (the chart sets it from the downward API), else none.
	PodName string
}

// NewOptions are the defaults, each taken from the package that owns it.
func NewOptions() Options {
	return Options{
		RulesPollInterval:      time.Second,
		WebhookPort:            ctrlwebhook.DefaultPort,
		WebhookCertPath:        "/tmp/k8s-webhook-server/serving-certs",
		ServiceLabel:           policy.DefaultServiceLabel,
		EgressPrefix:           rules.DefaultEgressPrefix,
		EgressTypePrefix:       rules.DefaultEgressTypePrefix,
		UnknownService:         string(mutate.UnknownAllow),
		IdentityFailure:        string(mutate.UnknownAllow),
		SignatureWait:          time.Second,
		SignatureTimeout:       imagesig.DefaultTimeout,
		SignatureRetryAfter:    imagesig.DefaultRetryAfter,
		SignatureCacheSize:     imagesig.DefaultCacheSize,
		Mode:                   string(webhook.ModeEnforce),
		ProbeAddr:              ":8081",
		MetricsAddr:            ":8443",
		MetricsSecure:          true,
		ShutdownDelay:          5 * time.Second,
		LogFormat:              logJSON,
		LogLevel:               "info",
		ReconcileQPS:           DefaultReconcileQPS,
		ReconcileResync:        reconcile.DefaultResync,
		PolicyDefaultNamespace: policy.DefaultDefaultNamespace,
		PolicyDNSNamespace:     policy.DefaultDNSNamespace,
		PolicyDNSPodLabel:      policy.DefaultDNSPodLabel,
		PolicyDNSPort:          policy.DefaultDNSPort,
		PolicyLabelWait:        policyowner.DefaultLabelWait,
		PolicyStage:            string(policyowner.StageEnforce),
	}
}

// AddFlags registers the options on fs, with o's values as the defaults. main passes
// flag.CommandLine, which also holds controller-runtime's --kubeconfig.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.RulesFile, "rules-file", o.RulesFile, "Read rules from this file, reloading it when it changes (local use, or a mounted ConfigMap).")
	fs.StringVar(&o.RulesConfigMap, "rules-configmap", o.RulesConfigMap, "Read rules from this ConfigMap, NAMESPACE/NAME, through an informer.")
	fs.DurationVar(&o.RulesPollInterval, "rules-poll-interval", o.RulesPollInterval, "How often --rules-file is checked for changes.")
	fs.StringVar(&o.WebhookHost, "webhook-host", o.WebhookHost, "Address the webhook server listens on; empty for all.")
	fs.IntVar(&o.WebhookPort, "webhook-port", o.WebhookPort, "Port the webhook server listens on.")
	fs.StringVar(&o.WebhookCertPath, "webhook-cert-path", o.WebhookCertPath, "Directory holding tls.crt and tls.key; rotated files are picked up without restart.")
	fs.StringVar(&o.ServiceLabel, "service-label", o.ServiceLabel, "The identity label: its value names a pod's service.")
	fs.StringVar(&o.EgressPrefix, "egress-prefix", o.EgressPrefix, "Prefix of the per-callee labels; netiso owns every key under it.")
	fs.StringVar(&o.EgressTypePrefix, "egress-type-prefix", o.EgressTypePrefix, "Prefix of the per-type labels; netiso owns every key under it.")
	fs.StringVar(&o.UnknownService, "unknown-service", o.UnknownService, "What to do with a pod whose service is not in the rules: allow (no labels, a warning) or deny.")
	fs.StringVar(&o.IdentityFailure, "identity-failure", o.IdentityFailure, "What to do at creation with a pod that claims a service and fails its identity anchors: allow (no labels, a warning) or deny. A signature not yet checked never denies.")
	fs.DurationVar(&o.SignatureWait, "signature-wait", o.SignatureWait, "How long an admission waits for an image signature not yet checked before answering with no rights (the check goes on; the reconciler grants the pod once it verifies).")
	fs.DurationVar(&o.SignatureTimeout, "signature-timeout", o.SignatureTimeout, "One signature check's budget against the registry.")
	fs.DurationVar(&o.SignatureRetryAfter, "signature-retry-after", o.SignatureRetryAfter, "A signature check that failed (unsigned, registry down) is tried again after this.")
	fs.IntVar(&o.SignatureCacheSize, "signature-cache-size", o.SignatureCacheSize, "Most (image digest, key) results kept.")
	fs.StringVar(&o.RegistryAuthDir, "registry-auth-dir", o.RegistryAuthDir, "A directory holding a Docker config.json (a mounted kubernetes.io/dockerconfigjson Secret): credentials to read signatures from private registries.")
	fs.StringVar(&o.RegistryCAFile, "registry-ca-file", o.RegistryCAFile, "CA certificates (PEM) to trust for registries, besides the system's.")
	fs.StringVar(&o.ReconcilerUsername, "reconciler-username", o.ReconcilerUsername, "netiso's own username: only its pod UPDATEs may add managed labels.")
	fs.StringVar(&o.ProbeAddr, "health-probe-bind-address", o.ProbeAddr, "Address of /healthz and /readyz.")
	fs.StringVar(&o.MetricsAddr, "metrics-bind-address", o.MetricsAddr, "Address of /metrics; 0 disables it.")
	fs.BoolVar(&o.MetricsSecure, "metrics-secure", o.MetricsSecure, "Serve /metrics over HTTPS (the --webhook-cert-path pair), only to callers the API server authenticates and authorizes (get on the non-resource URL /metrics); false: plain HTTP to anyone.")
	fs.BoolVar(&o.EnableHTTP2, "enable-http2", o.EnableHTTP2, "Serve HTTP/2 (off: it has had denial-of-service flaws, and the API server does not need it).")
	fs.DurationVar(&o.ShutdownDelay, "shutdown-delay", o.ShutdownDelay, "On SIGTERM, report unready and keep serving this long, so endpoints drain before the server stops.")
	fs.StringVar(&o.LogFormat, "log-format", o.LogFormat, "Log format: json or console.")
	fs.StringVar(&o.LogLevel, "log-level", o.LogLevel, "Log level: info, debug (patches), or a verbosity number.")
	fs.StringVar(&o.Mode, "mode", o.Mode, "enforce (set the labels the rules grant) or audit (change no label: record the decision in the netiso.dev/audit annotation, warnings, logs and metrics).")
	fs.Var(&setBool{&o.Reconcile, &o.ReconcileSet}, "reconcile", "Bring running pods in covered namespaces up to each new rules version (default: on with --rules-configmap, or with --rules-file when a cluster config is present).")
	fs.Float64Var(&o.ReconcileQPS, "reconcile-qps", o.ReconcileQPS, "Most pod updates a second the reconciler sends.")
	fs.DurationVar(&o.ReconcileResync, "reconcile-resync", o.ReconcileResync, "How often the reconciler judges every cached pod again, for what events missed (a rules change visits only the pods it changes).")
	fs.BoolVar(&o.LeaderElect, "leader-elect", o.LeaderElect, "Elect one replica (Lease "+reconcile.Name+") to run the reconciler and the policy owner; the chart turns it on. Every replica serves the webhook and reloads the rules.")
	fs.StringVar(&o.Namespace, "namespace", o.Namespace, "netiso's own namespace (the Lease's; exempt from the reconciler and the policies). Empty: the --rules-configmap's, else the pod's.")
	fs.BoolVar(&o.ManagePolicies, "manage-policies", o.ManagePolicies, "Keep the policies of the --policy-stage applied, restored and pruned (the elected replica); in audit mode, hold none.")
	fs.StringVar(&o.PolicyStage, "policy-stage", o.PolicyStage, "What --manage-policies holds: labels (no policy: the pods' labels go live first), audit (Calico's audit policies, which log what enforcing would drop), enforce (the NetworkPolicies the rules imply).")
	fs.StringVar(&o.PolicyDefaultNamespace, "policy-default-namespace", o.PolicyDefaultNamespace, "Where a service with no namespaces gets its policy.")
	fs.BoolVar(&o.PolicyDefaultDeny, "policy-default-deny", o.PolicyDefaultDeny, "Also hold a default-deny ingress policy in every namespace that has a service.")
	fs.StringVar(&o.PolicyDNSNamespace, "policy-dns-namespace", o.PolicyDNSNamespace, `The cluster DNS's namespace, which zones' egress policies let through; "" lets no DNS through.`)
	fs.StringVar(&o.PolicyDNSPodLabel, "policy-dns-pod-label", o.PolicyDNSPodLabel, `The cluster DNS pods' label, key=value; "" for every pod of --policy-dns-namespace.`)
	fs.IntVar(&o.PolicyDNSPort, "policy-dns-port", o.PolicyDNSPort, "The cluster DNS pods' port, let through on UDP and TCP.")
	fs.DurationVar(&o.PolicyLabelWait, "policy-label-wait", o.PolicyLabelWait, "Longest a rules change waits for pods' labels before its final policies apply.")
	fs.StringVar(&o.PodName, "pod-name", o.PodName, "This replica's pod in netiso's namespace, on which it records the rules version and options it serves (netiso status reads them). Default: $POD_NAME.")
	fs.StringVar(&o.OwnerWebhookConfiguration, "owner-webhook-configuration", o.OwnerWebhookConfiguration, "The MutatingWebhookConfiguration netiso's policies name as their owner, so that deleting it (helm uninstall) deletes them.")
}

// setBool is a boolean flag that records whether it was given.
type setBool struct{ v, set *bool }

func (b *setBool) IsBoolFlag() bool { return true }
func (b *setBool) String() string {
	if b.v == nil {
		return "false"
	}
	return strconv.FormatBool(*b.v)
}

func (b *setBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*b.v, *b.set = v, true
	return nil
}

// Validate checks the options that need no cluster: the enumerations, the rules source, the rates,
// the log settings. Run calls it; main calls it first to fail before logging is set up.
func (o *Options) Validate() error {
	var errs []error
	if o.Mode != string(webhook.ModeEnforce) && o.Mode != string(webhook.ModeAudit) {
		errs = append(errs, fmt.Errorf("--mode=%q: want enforce or audit", o.Mode))
	}
	if !slices.Contains(policyowner.Stages, policyowner.Stage(o.PolicyStage)) {
		errs = append(errs, fmt.Errorf("--policy-stage=%q: want labels, audit or enforce", o.PolicyStage))
	}
	if u := mutate.UnknownServicePolicy(o.UnknownService); u != mutate.UnknownAllow && u != mutate.UnknownDeny {
		errs = append(errs, fmt.Errorf("--unknown-service=%q: want allow or deny", o.UnknownService))
	}
	if u := mutate.UnknownServicePolicy(o.IdentityFailure); u != mutate.UnknownAllow && u != mutate.UnknownDeny {
		errs = append(errs, fmt.Errorf("--identity-failure=%q: want allow or deny", o.IdentityFailure))
	}
	if o.SignatureWait < 0 || o.SignatureTimeout <= 0 || o.SignatureRetryAfter <= 0 || o.SignatureCacheSize <= 0 {
		errs = append(errs, errors.New("--signature-timeout, --signature-retry-after and --signature-cache-size must be more than 0, --signature-wait 0 or more"))
	}
	if o.ServiceLabel == "" {
		errs = append(errs, errors.New("--service-label must not be empty"))
	}
	if (o.RulesFile == "") == (o.RulesConfigMap == "") {
		errs = append(errs, errors.New("give exactly one of --rules-file and --rules-configmap"))
	}
	if o.RulesConfigMap != "" {
		if _, _, err := o.configMapName(); err != nil {
			errs = append(errs, err)
		}
	}
	if o.ReconcileQPS <= 0 {
		errs = append(errs, fmt.Errorf("--reconcile-qps=%v: want more than 0", o.ReconcileQPS))
	}
	if o.ReconcileResync < time.Minute {
		errs = append(errs, fmt.Errorf("--reconcile-resync=%v: want a minute or more (events, not the periodic check, keep pods current)", o.ReconcileResync))
	}
	if o.PolicyLabelWait <= 0 {
		errs = append(errs, fmt.Errorf("--policy-label-wait=%v: want more than 0", o.PolicyLabelWait))
	}
	if _, err := policy.ParseDNSPodLabel(o.PolicyDNSPodLabel); err != nil {
		errs = append(errs, fmt.Errorf("--policy-dns-pod-label: %w", err))
	}
	if _, err := zapOptions(o.LogFormat, o.LogLevel); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (o *Options) configMapName() (namespace, name string, err error) {
	ns, name, ok := strings.Cut(o.RulesConfigMap, "/")
	if !ok || ns == "" || name == "" {
		return "", "", fmt.Errorf("--rules-configmap=%q: want NAMESPACE/NAME", o.RulesConfigMap)
	}
	return ns, name, nil
}

// policyOptions are the policies' options, netiso's namespace the exempt one.
func (o *Options) policyOptions(ownNamespace string) (policy.Options, error) {
	dns, err := policy.ParseDNSPodLabel(o.PolicyDNSPodLabel)
	if err != nil {
		return policy.Options{}, fmt.Errorf("--policy-dns-pod-label: %w", err)
	}
	p := policy.Options{
		ServiceLabel: o.ServiceLabel, NetisoNamespace: ownNamespace, DefaultNamespace: o.PolicyDefaultNamespace,
		DefaultDeny: o.PolicyDefaultDeny, DNSNamespace: o.PolicyDNSNamespace, DNSPodLabels: dns, DNSPort: int32(o.PolicyDNSPort),
	}
	return p, p.Validate()
}
