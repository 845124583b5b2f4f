// Package status judges a cluster against what netiso serves, for `netiso status`: the rules
// version each webhook replica serves, the pods whose managed labels are not their grant (and why),
// netiso's NetworkPolicies missing or drifted from what the rules compile to, the namespaces exempt,
// and in audit mode what enforcing would change. Pure: the cluster's state in (Cluster), findings
// out (Report). A pod's grant is mutate.Lookup's, the one the webhook and the reconciler use; the
// policies are policy.Generate's, compared by policy.Differs, as the policy owner does.
package status

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/replica"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Cluster is what `netiso status` reads from the cluster.
type Cluster struct {
	// Namespace is netiso's own, where its replicas run.
	Namespace string
	Replicas  []Replica
	// Rules are the rules the rules ConfigMap holds, compiled with the replicas' label prefixes;
	// nil, with RulesProblem, when they cannot be read or do not compile.
	Rules        *rules.Compiled
	RulesSource  string
	RulesProblem string
	// WebhookName is the MutatingWebhookConfiguration's name; Webhook is the object, nil when it
	// does not exist.
	WebhookName string
	Webhook     *admissionregistrationv1.MutatingWebhookConfiguration
	Namespaces  []Namespace
	Pods        []Pod
	// Policies are the NetworkPolicies labelled as netiso's.
	Policies []*networkingv1.NetworkPolicy
}

// Replica is a webhook replica's pod and what it records it serves (nil: nothing readable).
type Replica struct {
	Pod     string
	Record  *replica.Record
	Problem string // the annotation is there but unreadable
}

// Namespace is a namespace's name and labels.
type Namespace struct {
	Name   string
	Labels map[string]string
}

// Pod is what a pod's grant is judged by: where it is, its labels and annotations, what it runs.
type Pod struct {
	Namespace, Name     string
	Labels, Annotations map[string]string
	Spec                *corev1.PodSpec
}

// Causes: why a pod's managed labels differ from its grant, read from its labels and its
// rules-hash annotation. The annotation is the pod owner's to write too: a cause is a hint for the
// operator, never trusted for a decision (the grant itself reads only labels and what runs).
const (
	// CauseForged: it carries managed labels that no rules version netiso labelled it under gave.
	CauseForged = "forged"
	// CauseStaleRules: netiso labelled it under other rules; the reconciler has yet to relabel it.
	CauseStaleRules = "stale_rules"
	// CauseRelabelPending: the reconciler asked the webhook to relabel it, and no webhook did.
	CauseRelabelPending = "relabel_pending"
	// CauseNotLabelled: it lacks its grant and netiso never labelled it (created before the
	// install, in audit mode, or past a bypassed webhook).
	CauseNotLabelled = "not_labelled"
	// CauseLabelsRemoved: netiso labelled it under these rules, and labels were removed since.
	CauseLabelsRemoved = "labels_removed"
)

// Report is the status of netiso in a cluster.
type Report struct {
	// Healthy is true when nothing below is drift: every replica serves the rules the ConfigMap
	// holds, every judged pod carries its grant (in enforce mode), netiso's policies are what the
	// rules compile to.
	Healthy bool `json:"healthy"`
	// Drift says, one line each, what makes it unhealthy.
	Drift    []string        `json:"drift"`
	Replicas []ReplicaStatus `json:"replicas"`
	Rules    RulesStatus     `json:"rules"`
	// Configuration is what the replicas serve besides the rules (nil: none reports).
	Configuration *replica.Record   `json:"configuration,omitempty"`
	Exempt        []ExemptNamespace `json:"exemptNamespaces"`
	// Pods are the judged pods whose managed labels are not their grant, in enforce mode; Audit
	// the same in audit mode, where they are what enforcing would change, not drift.
	Pods     PodsStatus     `json:"pods"`
	Audit    []PodFinding   `json:"auditFindings,omitempty"`
	Policies PoliciesStatus `json:"policies"`
}

// ReplicaStatus is one replica: its pod, the rules version it serves, its mode.
type ReplicaStatus struct {
	Pod          string `json:"pod"`
	RulesVersion string `json:"rulesVersion,omitempty"`
	Mode         string `json:"mode,omitempty"`
	PolicyStage  string `json:"policyStage,omitempty"`
	Problem      string `json:"problem,omitempty"`
}

// RulesStatus is the rules the ConfigMap holds.
type RulesStatus struct {
	Source   string `json:"source,omitempty"`
	Version  string `json:"version,omitempty"`
	Services int    `json:"services"`
	Links    int    `json:"links"`
	Problem  string `json:"problem,omitempty"`
}

// ExemptNamespace is a namespace whose pods the webhook never sees, and why.
type ExemptNamespace struct {
	Name string `json:"name"`
	Why  string `json:"why"`
	// Warning is set when netiso's policies still admit its pods as callers.
	Warning string `json:"warning,omitempty"`
}

// PodsStatus counts the pods judged and lists those whose labels are not their grant.
type PodsStatus struct {
	Judged int          `json:"judged"`
	Differ []PodFinding `json:"differ"`
	// Unjudged are pods whose grant needs an image signature verified, which only the webhook
	// checks: status does not say whether their labels are right.
	Unjudged []PodFinding `json:"unjudged,omitempty"`
}

// PodFinding is a pod whose managed labels are not its grant.
type PodFinding struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Service is its identity label's value, "" without one.
	Service string `json:"service,omitempty"`
	// Grant is why its grant is what it is: granted, or why it gets none (mutate's reasons).
	Grant mutate.Reason `json:"grant"`
	// Cause is why the labels differ (the Cause constants); empty for unjudged pods.
	Cause string `json:"cause,omitempty"`
	// Lacks are the keys of its grant it does not carry; Carries the managed keys it carries that
	// its grant does not give. Sorted.
	Lacks   []string `json:"lacks,omitempty"`
	Carries []string `json:"carries,omitempty"`
	// LabelledUnder is the rules version its annotation names, when not the rules in force.
	LabelledUnder string `json:"labelledUnder,omitempty"`
	Message       string `json:"message"`
}

// PoliciesStatus is netiso's NetworkPolicies against what the rules compile to.
type PoliciesStatus struct {
	Checked bool `json:"checked"`
	// Why they are not checked, or a note on what is not (the audit stage's Calico policies).
	Note     string          `json:"note,omitempty"`
	Expected int             `json:"expected"`
	Findings []PolicyFinding `json:"findings"`
}

// Policy problems.
const (
	PolicyMissing = "missing" // the rules imply it; the cluster has none
	PolicySpec    = "spec"    // its spec is not the rules'
	PolicyLabels  = "labels"  // it lacks netiso's labels
	PolicyExtra   = "extra"   // labelled as netiso's, implied by no rule
	// PolicyDenyHeld is a destination gone from the rules, kept closed while its pods run: the
	// policy owner's doing, not drift.
	PolicyDenyHeld = "deny_held"
)

// PolicyFinding is one of netiso's policies that is not what the rules compile to.
type PolicyFinding struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Problem   string `json:"problem"`
}

// Compute judges the cluster.
func Compute(c Cluster) Report {
	r := Report{Replicas: []ReplicaStatus{}, Exempt: []ExemptNamespace{}, Drift: []string{},
		Pods: PodsStatus{Differ: []PodFinding{}}, Policies: PoliciesStatus{Findings: []PolicyFinding{}}}
	r.Rules = RulesStatus{Source: c.RulesSource, Problem: c.RulesProblem}
	if c.Rules != nil {
		r.Rules.Version, r.Rules.Services, r.Rules.Links = c.Rules.Hash(), c.Rules.Len(), c.Rules.Links()
	} else {
		r.drift("the rules in %s cannot be judged: %s", cmp.Or(c.RulesSource, "the rules ConfigMap"), cmp.Or(c.RulesProblem, "not read"))
	}
	cfg := r.replicas(c)
	ownNS := c.Namespace
	if cfg != nil {
		ownNS = cfg.Namespace
	}
	covered := r.exempt(c, ownNS)
	if cfg != nil && c.Rules != nil {
		r.pods(c, *cfg, covered)
		r.policies(c, *cfg)
	} else {
		r.Policies.Note = "not judged: no replica's configuration, or no rules"
	}
	r.Healthy = len(r.Drift) == 0
	return r
}

func (r *Report) drift(format string, args ...any) {
	r.Drift = append(r.Drift, fmt.Sprintf(format, args...))
}

// replicas reports each replica and returns the configuration they serve: the first replica's (by
// pod name) when they disagree, which is drift (a rollout in progress, or one left behind).
func (r *Report) replicas(c Cluster) *replica.Record {
	reps := slices.SortedFunc(slices.Values(c.Replicas), func(a, b Replica) int { return strings.Compare(a.Pod, b.Pod) })
	var cfg *replica.Record
	differ := false
	for _, rep := range reps {
		s := ReplicaStatus{Pod: rep.Pod, Problem: rep.Problem}
		if rep.Record == nil {
			r.Replicas = append(r.Replicas, s)
			r.drift("replica %s: %s", rep.Pod, cmp.Or(rep.Problem, "records nothing"))
			continue
		}
		s.RulesVersion, s.Mode, s.PolicyStage = rep.Record.RulesVersion, rep.Record.Mode, rep.Record.PolicyStage
		r.Replicas = append(r.Replicas, s)
		switch {
		case rep.Record.RulesVersion == "":
			r.drift("replica %s has no rules loaded", rep.Pod)
		case c.Rules != nil && rep.Record.RulesVersion != c.Rules.Hash():
			r.drift("replica %s serves rules %s, the ConfigMap holds %s", rep.Pod, rep.Record.RulesVersion, c.Rules.Hash())
		}
		if cfg == nil {
			conf := rep.Record.Configuration()
			cfg = &conf
		} else if rep.Record.Configuration().Encode() != cfg.Encode() {
			differ = true
		}
	}
	if differ {
		r.drift("the replicas serve different configurations (a rollout in progress?): judged by %s's", reps[0].Pod)
	}
	if cfg == nil {
		r.drift("no replica in namespace %s records what it serves: is netiso running?", c.Namespace)
	}
	r.Configuration = cfg
	return cfg
}

// exempt lists the namespaces the webhook does not see, and returns those it covers.
func (r *Report) exempt(c Cluster, ownNS string) map[string]bool {
	sel, found := podSelector(c.Webhook)
	if c.Webhook == nil {
		r.drift("MutatingWebhookConfiguration %s not found: pods are admitted without netiso", cmp.Or(c.WebhookName, "(unnamed)"))
	} else if !found {
		r.drift("MutatingWebhookConfiguration %s has no webhook for pods: pods are admitted without netiso", c.WebhookName)
	}
	always := scope.Exempt(ownNS)
	covered := map[string]bool{}
	for _, ns := range slices.SortedFunc(slices.Values(c.Namespaces), func(a, b Namespace) int { return strings.Compare(a.Name, b.Name) }) {
		set := labels.Set(maps.Clone(ns.Labels))
		if set == nil {
			set = labels.Set{}
		}
		set[scope.NamespaceNameLabel] = ns.Name // the API server sets it
		bySelector := sel == nil || sel.Matches(set)
		byScope := scope.Covered(ns.Name, ns.Labels, ownNS)
		if bySelector && byScope {
			covered[ns.Name] = true
			continue
		}
		e := ExemptNamespace{Name: ns.Name}
		switch {
		case ns.Name == ownNS:
			e.Why = "netiso's own namespace"
		case slices.Contains(always, ns.Name):
			e.Why = "always exempt"
		case ns.Labels[scope.ExemptLabel] == "true":
			e.Why = "labelled " + scope.ExemptLabel + "=true"
		default:
			// Only the chart's webhook.namespaceSelector leaves it out: netiso's policies, which
			// know only the label, admit its pods as callers, and their labels are not policed.
			e.Why = "the webhook configuration's namespaceSelector"
			e.Warning = "netiso's policies admit its pods as callers: label it " + scope.ExemptLabel + "=true"
		}
		r.Exempt = append(r.Exempt, e)
	}
	return covered
}

// podSelector is the namespaceSelector of the webhook that admits pod creations, and whether there
// is one. A nil selector with no configuration: judge by netiso's own scope alone.
func podSelector(mwc *admissionregistrationv1.MutatingWebhookConfiguration) (labels.Selector, bool) {
	if mwc == nil {
		return nil, false
	}
	for _, w := range mwc.Webhooks {
		if !admitsPodCreate(w.Rules) {
			continue
		}
		if w.NamespaceSelector == nil {
			return labels.Everything(), true
		}
		sel, err := metav1.LabelSelectorAsSelector(w.NamespaceSelector)
		if err != nil {
			return labels.Nothing(), true // the API server refuses such a selector: cannot happen
		}
		return sel, true
	}
	return labels.Nothing(), false
}

func admitsPodCreate(rs []admissionregistrationv1.RuleWithOperations) bool {
	return slices.ContainsFunc(rs, func(r admissionregistrationv1.RuleWithOperations) bool {
		return (slices.Contains(r.Resources, "pods") || slices.Contains(r.Resources, "*")) &&
			(slices.Contains(r.Operations, admissionregistrationv1.Create) || slices.Contains(r.Operations, admissionregistrationv1.OperationAll))
	})
}

// pods judges every pod in a covered namespace by mutate.Lookup, as the reconciler does.
func (r *Report) pods(c Cluster, cfg replica.Record, covered map[string]bool) {
	mc := mutate.Config{ServiceLabel: cfg.ServiceLabel}
	audit := cfg.Mode == "audit"
	for _, p := range c.Pods {
		if !covered[p.Namespace] {
			continue
		}
		f, differs, judged := Judge(p, c.Rules, mc)
		if !judged {
			r.Pods.Unjudged = append(r.Pods.Unjudged, f)
			continue
		}
		r.Pods.Judged++
		switch {
		case !differs:
		case audit:
			r.Audit = append(r.Audit, f)
		default:
			r.Pods.Differ = append(r.Pods.Differ, f)
		}
	}
	sortPods(r.Pods.Differ)
	sortPods(r.Pods.Unjudged)
	sortPods(r.Audit)
	if n := len(r.Pods.Differ); n > 0 {
		r.drift("%d %s whose labels are not their grant", n, plural.Of(n, "pod", "pods"))
	}
}

func sortPods(fs []PodFinding) {
	slices.SortFunc(fs, func(a, b PodFinding) int {
		return cmp.Or(strings.Compare(a.Namespace, b.Namespace), strings.Compare(a.Name, b.Name))
	})
}

// Judge compares a pod's managed labels with its grant under c: the finding, whether they differ,
// and whether the pod could be judged at all (not when its grant waits on an image signature,
// which only the webhook verifies).
func Judge(p Pod, c *rules.Compiled, cfg mutate.Config) (f PodFinding, differs, judged bool) {
	var w *mutate.Workload
	if p.Spec != nil {
		w = mutate.WorkloadOf(p.Spec)
	}
	grant, placed := mutate.Lookup(p.Labels, p.Namespace, w, c, cfg, nil)
	f = PodFinding{Namespace: p.Namespace, Name: p.Name, Service: p.Labels[cfg.ServiceLabel], Grant: mutate.ReasonGranted}
	if placed != nil {
		f.Grant, f.Message = placed.Reason, placed.Message
		if placed.Reason == mutate.ReasonSignaturePending {
			f.Message = "its grant needs an image signature, which only the webhook verifies: not judged"
			return f, false, false
		}
	}
	isManaged := c.Options().IsManaged
	if grant.Exactly(p.Labels, isManaged) {
		return f, false, true
	}
	for _, k := range grant.Keys {
		if p.Labels[k] != rules.LabelValue {
			f.Lacks = append(f.Lacks, k)
		}
	}
	for k, v := range p.Labels {
		if isManaged(k) && (v != rules.LabelValue || !grant.Has(k)) {
			f.Carries = append(f.Carries, k)
		}
	}
	slices.Sort(f.Carries)
	f.Cause, f.LabelledUnder = cause(p.Annotations[mutate.AnnotationRulesHash], c.Hash(), len(f.Carries) > 0)
	why := map[string]string{
		CauseForged:         "carries managed labels netiso did not give it",
		CauseStaleRules:     "labelled under rules " + f.LabelledUnder + ": the reconciler has yet to relabel it",
		CauseRelabelPending: "the reconciler asked for a relabel that no webhook made (is the webhook bypassed?)",
		CauseNotLabelled:    "never labelled by netiso: created before the install, in audit mode, or past a bypassed webhook",
		CauseLabelsRemoved:  "labelled under these rules, and managed labels were removed since",
	}[f.Cause]
	if f.Message != "" {
		why += "; " + f.Message
	}
	f.Message = why
	return f, true, true
}

// cause reads why a pod's labels differ from its rules-hash annotation (hash) and whether it
// carries keys its grant does not give (extra).
func cause(hash, current string, extra bool) (string, string) {
	switch {
	case strings.HasPrefix(hash, names.ReconcileMarkerPrefix):
		return CauseRelabelPending, ""
	case hash != "" && hash != current:
		return CauseStaleRules, hash
	case extra:
		return CauseForged, ""
	case hash == current:
		return CauseLabelsRemoved, ""
	}
	return CauseNotLabelled, ""
}

// policies compares netiso's NetworkPolicies with what the policy owner holds once the rules in
// force have settled.
func (r *Report) policies(c Cluster, cfg replica.Record) {
	ps := &r.Policies
	var want map[types.NamespacedName]*networkingv1.NetworkPolicy
	switch {
	case !cfg.ManagePolicies:
		ps.Note = "netiso does not manage policies (policies.manage=false): not checked"
		return
	case cfg.PolicyStage == "enforce":
		nps, err := policy.Generate(c.Rules, cfg.PolicyOptions())
		if err != nil {
			ps.Note = "the rules imply no valid policies: " + err.Error()
			r.drift("the rules imply no valid policies: %v", err)
			return
		}
		want = policy.ByKey(nps)
	case cfg.PolicyStage == "audit":
		ps.Note = "policy stage audit: netiso holds Calico's audit policies, which status does not check, and no NetworkPolicy"
	default:
		ps.Note = "policy stage " + cmp.Or(cfg.PolicyStage, "labels") + ": netiso holds no NetworkPolicy"
	}
	ps.Checked, ps.Expected = true, len(want)
	seen := map[types.NamespacedName]bool{}
	for _, cur := range c.Policies {
		key := policy.Key(cur)
		seen[key] = true
		f := PolicyFinding{Namespace: key.Namespace, Name: key.Name}
		w, ok := want[key]
		switch {
		case ok:
			f.Problem = policy.Differs(cur, w)
		case cfg.PolicyStage == "enforce" && policy.IsDestination(cur) && policy.Differs(cur, policy.Deny(cur)) == "":
			f.Problem = PolicyDenyHeld
		default:
			f.Problem = PolicyExtra
		}
		if f.Problem != "" {
			ps.Findings = append(ps.Findings, f)
		}
	}
	for key := range want {
		if !seen[key] {
			ps.Findings = append(ps.Findings, PolicyFinding{Namespace: key.Namespace, Name: key.Name, Problem: PolicyMissing})
		}
	}
	slices.SortFunc(ps.Findings, func(a, b PolicyFinding) int {
		return cmp.Or(strings.Compare(a.Namespace, b.Namespace), strings.Compare(a.Name, b.Name))
	})
	n := 0
	for _, f := range ps.Findings {
		if f.Problem != PolicyDenyHeld {
			n++
		}
	}
	if n > 0 {
		r.drift("%d of netiso's NetworkPolicies %s not what the rules compile to", n, plural.Of(n, "is", "are"))
	}
}
