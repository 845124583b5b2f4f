// Package mutate decides which managed labels a pod carries (Decide, a pure function). It returns a
// structured decision and formats nothing: the patch, the warnings and the audit annotation are the
// webhook's (pkg/mutate/webhook), which serves the decision and knows HTTP, logs and metrics.
package mutate

import (
	"fmt"
	"slices"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/rules"
)

// AnnotationRulesHash records the version of the rules that computed a pod's labels. It is present
// only when the pod carries exactly what that version grants; a reconciler can find stale pods by it.
const AnnotationRulesHash = names.AnnotationRulesHash

// Reason says why the webhook did what it did: the same constants appear in responses, logs and
// metrics.
type Reason string

const (
	ReasonGranted             Reason = "granted"               // the pod's service is in the rules
	ReasonNoIdentity          Reason = "no_identity_label"     // the pod has no identity label
	ReasonUnknownService      Reason = "unknown_service"       // its service is not in the rules
	ReasonNamespaceNotAllowed Reason = "namespace_not_allowed" // its service may not run here
	ReasonNotApplicable       Reason = "not_applicable"        // a subresource, or not CREATE/UPDATE
	ReasonBadRequest          Reason = "bad_request"           // malformed, or not a v1 Pod
	ReasonRulesNotLoaded      Reason = "rules_not_loaded"      // no rules yet: refuse, never guess
	ReasonBindingLabels       Reason = "binding_labels"        // a Binding carrying managed labels
	ReasonBinding             Reason = "binding"               // a Binding without managed labels
	ReasonPanic               Reason = "panic"                 // the handler panicked: answered 500
	ReasonIdentityNotProven   Reason = "identity_not_proven"   // the pod fails its service's anchors
	ReasonSignaturePending    Reason = "signature_pending"     // its images' signatures not yet checked
	ReasonImagesChanged       Reason = "images_changed"        // a user's update changed what runs
)

// UnknownServicePolicy is what happens to a pod whose service the rules do not know.
type UnknownServicePolicy string

const (
	// UnknownAllow admits it with no managed labels and a warning.
	UnknownAllow UnknownServicePolicy = "allow"
	// UnknownDeny refuses to create it.
	UnknownDeny UnknownServicePolicy = "deny"
)

// Config is how the webhook identifies pods and treats the ones it cannot place.
type Config struct {
	// ServiceLabel is the identity label: its value names the pod's service.
	ServiceLabel   string
	UnknownService UnknownServicePolicy
	// ReconcilerUsername is netiso's own identity: only its UPDATEs may add managed labels.
	ReconcilerUsername string
	// IdentityFailure is what happens at creation to a pod that claims a service and fails its
	// identity anchors: allowed with no managed labels (the default), or refused. A pod whose only
	// failure is a signature not yet checked is always allowed (with no labels): the registry being
	// slow or down never blocks pod creation.
	IdentityFailure UnknownServicePolicy
}

// Meta is the part of a pod the decision reads.
type Meta struct {
	Name         string            `json:"name,omitempty"`
	GenerateName string            `json:"generateName,omitempty"`
	Namespace    string            `json:"namespace,omitempty"`
	Labels       map[string]string `json:"labels,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
}

// Input is one admission: the pod (and on UPDATE the pod before it), where, and by whom.
type Input struct {
	Operation admissionv1.Operation
	// Namespace is the request's namespace; a pod's own metadata.namespace may still be empty.
	Namespace string
	Pod       Meta
	OldPod    *Meta // on UPDATE
	// Workload is what the pod runs, OldWorkload what it ran before an UPDATE; nil when not read
	// (then a service with anchors grants nothing).
	Workload, OldWorkload *Workload
	// Signatures looks up image signatures, for services whose anchors require them.
	Signatures Signatures
	// ByReconciler is true when netiso itself sent the UPDATE.
	ByReconciler bool
	// Audit is true when the decision is only reported, never applied (the webhook's audit mode).
	// An UPDATE is then judged by what the rules grant, as at creation: audit sets no label, so no
	// pod carries labels for an UPDATE to keep.
	Audit bool
}

// Decision is what the pod's managed labels must be, and why.
type Decision struct {
	Allowed bool
	Reason  Reason
	// Labels is exactly the set of managed labels the pod must end with.
	Labels rules.Grant
	// RulesHash is the value of AnnotationRulesHash; empty when the annotation must be absent.
	RulesHash string
	// Removed are the managed keys the pod asked for that it does not get, sorted.
	Removed []string
	// Message says why the pod gets no service's grant (any Reason but ReasonGranted): the reason
	// of a denial, or of a pod admitted with no managed label.
	Message string
	// Identity is the anchor the pod failed (ReasonIdentityNotProven, ReasonSignaturePending).
	Identity *IdentityFailure
}

// Decide computes a pod's managed labels. Rights are granted only at CREATE and by netiso itself:
// on CREATE, and on an UPDATE by the reconciler, the labels become exactly what the rules grant; on
// anyone else's UPDATE, the pod keeps only those of its old labels that the rules still grant, so a
// user's update can take rights away but never add one (under Audit, where nothing is applied, an
// UPDATE is judged as a CREATE).
func Decide(in Input, r *rules.Compiled, cfg Config) Decision {
	d := Decision{Allowed: true, Reason: ReasonGranted}
	grant, placed := Lookup(in.Pod.Labels, in.Namespace, in.Workload, r, cfg, in.Signatures)
	if placed != nil {
		d.Reason, d.Message, d.Identity = placed.Reason, placed.Message, placed.Identity
		deny := cfg.UnknownService
		if d.Identity != nil {
			deny = cfg.IdentityFailure
		}
		if in.Operation == admissionv1.Create && deny == UnknownDeny && (d.Identity == nil || !d.Identity.Pending) {
			d.Allowed = false
			return d
		}
	}

	d.Labels, d.RulesHash = grant, r.Hash()
	if in.Operation == admissionv1.Update && !in.ByReconciler && !in.Audit {
		d.Labels = keepOld(grant, in.OldPod)
		if in.Workload != nil && in.OldWorkload != nil && !SameImages(in.Workload, in.OldWorkload) {
			// What runs changed: judged again by netiso's reconciler, which restores the grant
			// once the new images meet the anchors (the chart's policy refuses this update with
			// managed labels left, should the webhook be bypassed).
			d.Labels = rules.Grant{}
			if len(grant.Keys) > 0 {
				d.Reason, d.Message = ReasonImagesChanged, "the update changes the pod's images: netiso removes its egress labels and restores them once it has judged the new images"
			}
		}
		if len(d.Labels.Keys) != len(grant.Keys) {
			d.RulesHash = "" // short of its grant: stale until netiso relabels it
		}
	}

	opts := r.Options()
	for k, v := range in.Pod.Labels {
		if opts.IsManaged(k) && (v != rules.LabelValue || !d.Labels.Has(k)) {
			d.Removed = append(d.Removed, k)
		}
	}
	slices.Sort(d.Removed)
	return d
}

// Changes lists what the decision changes on the pod's labels: the managed keys it adds (or
// corrects) and those it removes, each sorted.
func (d Decision) Changes(pod Meta) (added, removed []string) {
	for _, k := range d.Labels.Keys {
		if pod.Labels[k] != rules.LabelValue {
			added = append(added, k)
		}
	}
	slices.Sort(added)
	return added, d.Removed
}

// Placeless says why a pod gets no grant.
type Placeless struct {
	Reason   Reason
	Message  string
	Identity *IdentityFailure // when it failed its service's anchors
}

// Lookup is what the rules grant a pod with labels, in namespace, running w: its service's grant, or
// nothing and why (its service unknown or not allowed there, or its identity not proven).
func Lookup(labels map[string]string, namespace string, w *Workload, r *rules.Compiled, cfg Config, sigs Signatures) (rules.Grant, *Placeless) {
	service, hasIdentity := labels[cfg.ServiceLabel]
	grant, verdict := r.Lookup(service, namespace)
	if !hasIdentity || verdict != rules.Granted {
		reason, msg := placeless(service, hasIdentity, verdict, namespace, cfg.ServiceLabel)
		return rules.Grant{}, &Placeless{Reason: reason, Message: msg}
	}
	if id, ok := r.Identity(service, namespace); ok {
		if f := CheckIdentity(id, w, r, sigs); f != nil {
			reason := ReasonIdentityNotProven
			if f.Pending {
				reason = ReasonSignaturePending
			}
			return rules.Grant{}, &Placeless{Reason: reason, Identity: f,
				Message: fmt.Sprintf("pod claims service %q (label %s) but fails its %s anchor: %s", service, cfg.ServiceLabel, f.Anchor, f.Message)}
		}
	}
	return grant, nil
}

// keepOld returns the keys of grant that the old pod already carried.
func keepOld(grant rules.Grant, old *Meta) rules.Grant {
	if old == nil {
		return rules.Grant{}
	}
	var kept rules.Grant
	for _, k := range grant.Keys {
		if old.Labels[k] == rules.LabelValue {
			kept.Keys = append(kept.Keys, k)
		}
	}
	return kept
}

// placeless explains why a pod gets no service's grant.
func placeless(service string, hasIdentity bool, v rules.Verdict, ns, label string) (Reason, string) {
	switch {
	case !hasIdentity:
		return ReasonNoIdentity, fmt.Sprintf("pod has no %s label, so it belongs to no service", label)
	case v == rules.NamespaceNotAllowed:
		return ReasonNamespaceNotAllowed, fmt.Sprintf("service %q (label %s) may not run in namespace %q", service, label, ns)
	default:
		return ReasonUnknownService, fmt.Sprintf("service %q (label %s) is not in the rules", service, label)
	}
}

// UpToDate reports whether a running pod's managed labels are exactly what the rules grant it in
// its namespace, running w: whether Decide, on netiso's own UPDATE, would change none. It reads the
// labels and what runs, never an annotation a pod's owner can write; the reconciler asks it of every
// pod it sees.
func UpToDate(labels map[string]string, namespace string, w *Workload, r *rules.Compiled, cfg Config, sigs Signatures) bool {
	grant, _ := Lookup(labels, namespace, w, r, cfg, sigs)
	return grant.Exactly(labels, r.Options().IsManaged)
}

// AtServiceGrant reports whether a pod's managed labels are exactly its service's grant in its
// namespace, anchors aside: what the policy owner asks to know whether a pod still carries an
// earlier grant (a pod that fails its anchors carries none, and is never in transit).
func AtServiceGrant(labels map[string]string, namespace string, r *rules.Compiled, cfg Config) bool {
	service, hasIdentity := labels[cfg.ServiceLabel]
	grant, verdict := r.Lookup(service, namespace)
	if !hasIdentity || verdict != rules.Granted {
		grant = rules.Grant{}
	}
	return grant.Exactly(labels, r.Options().IsManaged)
}

// ForgedOnBinding lists, sorted, the managed keys among a Binding's labels. The API server copies a
// Binding's labels onto its pod (pods/binding and the legacy bindings resource, Kubernetes ≥ 1.35),
// past every pod UPDATE rule: no one, the scheduler included, has a reason to send a managed key
// that way, so a Binding carrying one is refused.
func ForgedOnBinding(labels map[string]string, isManaged func(string) bool) []string {
	var out []string
	for k := range labels {
		if isManaged(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
