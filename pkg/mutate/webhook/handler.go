// Package webhook serves pkg/mutate's decision as a mutating admission webhook through
// controller-runtime's admission package: Handler is an admission.Handler that decodes the pod's
// metadata, calls mutate.Decide, turns the decision into a patch, warnings and an answer, logs it
// and counts it (netiso_admissions_total). It is the transport only; what a pod gets is decided in
// pkg/mutate.
package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"github.com/go-logr/logr"
	"github.com/google/go-containerregistry/pkg/name"
	jsonpatch "gomodules.xyz/jsonpatch/v2"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
	kjson "sigs.k8s.io/json"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// Path is where the webhook is served.
const Path = "/mutate-v1-pod"

// Mode is whether the webhook changes pods (enforce) or only reports what it would do (audit).
type Mode string

const (
	// ModeEnforce sets the managed labels the rules grant and removes the others.
	ModeEnforce Mode = "enforce"
	// ModeAudit changes no label: it records the decision in the netiso.dev/audit annotation and
	// warns, so a rollout can check what enforce mode would do before doing it (Monzo's first step).
	ModeAudit Mode = "audit"
)

// Handler answers pod admissions with mutate.Decide. It never calls the API server. Serve it with
// Webhook.
type Handler struct {
	// Rules returns the rules in force, or nil before any are loaded.
	Rules  func() *rules.Compiled
	Config mutate.Config
	// Mode is enforce (the zero value) or audit.
	Mode Mode
	// Log receives a line for each pod created or relabelled (see logDecision); the zero Logger
	// discards.
	Log logr.Logger
	// Verify looks up an image's signature by any of builders, for services whose identity requires
	// one: it may wait for the registry, briefly (a bound of its own, within the request's context),
	// and answers Pending rather than wait longer. Nil: no signature verifies.
	Verify func(ctx context.Context, digest name.Digest, builders []rules.Builder) mutate.Signature
}

var _ admission.Handler = (*Handler)(nil)

// Webhook is the http.Handler that serves h, for controller-runtime's webhook server (which adds
// TLS, certificate rotation and request metrics): controller-runtime's admission.Webhook reads the
// AdmissionReview (7 MiB at most, application/json only, decoded case-sensitively as the API server
// decodes), answers in the review's version to the request's UID, and recovers a panic as a 500 to
// that UID, so the API server refuses the pod rather than timing out (Handle counts and logs it).
func (h *Handler) Webhook() *admission.Webhook {
	recoverPanic := true
	return &admission.Webhook{Handler: h, RecoverPanic: &recoverPanic}
}

// Handle answers one admission, counts it and logs a refusal that is not a denial.
func (h *Handler) Handle(ctx context.Context, req admission.Request) admission.Response {
	defer h.onPanic(req)
	resp, reason := h.handle(ctx, req)
	res := result(resp)
	if h.Mode == ModeAudit && resp.Allowed && reason != mutate.ReasonNotApplicable {
		res = ResultAudit
	}
	admissions.WithLabelValues(string(req.Operation), res, string(reason)).Inc()
	if res == "error" {
		h.Log.Info("bad request", "reason", reason, "message", resp.Result.Message, "requestID", req.UID)
	}
	return resp
}

// onPanic counts and logs a panic in Handle, then panics again for admission.Webhook to answer.
// No label is granted by a crash.
func (h *Handler) onPanic(req admission.Request) {
	p := recover()
	if p == nil {
		return
	}
	admissions.WithLabelValues(string(req.Operation), "error", string(mutate.ReasonPanic)).Inc()
	h.Log.Error(fmt.Errorf("panic: %v", p), "panic answering an admission", "requestID", req.UID,
		"operation", req.Operation, "namespace", req.Namespace, "stack", string(debug.Stack()))
	panic(p)
}

func (h *Handler) handle(ctx context.Context, req admission.Request) (admission.Response, mutate.Reason) {
	if k := req.Kind; k.Group == "" && k.Version == "v1" && k.Kind == "Binding" {
		return h.binding(req)
	}
	if k := req.Kind; k.Group != "" || k.Version != "v1" || k.Kind != "Pod" {
		return badRequest(fmt.Errorf("netiso admits v1 Pods and Bindings, not %s", k.String()))
	}
	// An UPDATE through a subresource (status, ephemeralcontainers, resize) carries the whole pod, and
	// the API server keeps its label changes: pods/status can set labels. It gets the same treatment.
	if req.Operation != admissionv1.Create && req.Operation != admissionv1.Update || req.SubResource != "" && req.Operation != admissionv1.Update {
		return allowed(mutate.ReasonNotApplicable)
	}
	r := h.Rules()
	if r == nil {
		return admission.Errored(http.StatusServiceUnavailable, errors.New("netiso has not loaded its rules yet")), mutate.ReasonRulesNotLoaded
	}

	obj, err := decode(req.Object.Raw, "object", "Pod")
	if err != nil {
		return badRequest(err)
	}
	pod := obj.Metadata
	in := mutate.Input{Operation: req.Operation, Namespace: req.Namespace, Pod: *pod, Workload: workload(obj.Spec), Audit: h.Mode == ModeAudit}
	if h.Verify != nil {
		in.Signatures = func(d name.Digest, builders []rules.Builder) mutate.Signature { return h.Verify(ctx, d, builders) }
	}
	if in.Namespace == "" {
		in.Namespace = pod.Namespace
	}
	if in.Namespace == "" {
		return badRequest(errors.New("the request names no namespace"))
	}
	if errs := validation.IsDNS1123Label(in.Namespace); len(errs) > 0 {
		return badRequest(fmt.Errorf("namespace %q: %s", in.Namespace, strings.Join(errs, "; ")))
	}
	if req.Operation == admissionv1.Update {
		old, err := decode(req.OldObject.Raw, "oldObject", "Pod")
		if err != nil {
			return badRequest(err)
		}
		in.OldPod, in.OldWorkload = old.Metadata, workload(old.Spec)
		in.ByReconciler = h.Config.ReconcilerUsername != "" && req.UserInfo.Username == h.Config.ReconcilerUsername
	}

	d := mutate.Decide(in, r, h.Config)
	if h.Mode == ModeAudit {
		return h.audit(req, in, d, r.Hash()), d.Reason
	}
	if !d.Allowed {
		h.Log.Info("denied", "reason", d.Reason, "message", d.Message, "namespace", in.Namespace, "generateName", in.Pod.GenerateName, "user", req.UserInfo.Username)
		return admission.Denied("netiso: " + d.Message), d.Reason
	}
	ops := Patch(in.Pod, d, r.Options().IsManaged)
	logDecision(h.Log, req, in, d, h.Config.ServiceLabel, r.Hash(), ops)
	return admission.Patched(string(d.Reason), ops...).WithWarnings(warnings(d, r.Hash(), false)...), d.Reason
}

// binding answers a Binding's CREATE (pods/binding, or the legacy bindings resource): refused when
// its labels, which the API server copies onto the pod, carry a managed key.
func (h *Handler) binding(req admission.Request) (admission.Response, mutate.Reason) {
	if req.Operation != admissionv1.Create {
		return allowed(mutate.ReasonNotApplicable)
	}
	r := h.Rules()
	if r == nil {
		return admission.Errored(http.StatusServiceUnavailable, errors.New("netiso has not loaded its rules yet")), mutate.ReasonRulesNotLoaded
	}
	obj, err := decode(req.Object.Raw, "object", "Binding")
	if err != nil {
		return badRequest(err)
	}
	forged := mutate.ForgedOnBinding(obj.Metadata.Labels, r.Options().IsManaged)
	if len(forged) == 0 {
		return allowed(mutate.ReasonBinding)
	}
	msg := fmt.Sprintf("netiso: a Binding may not carry managed labels, which the API server would copy onto pod %s/%s: %s",
		req.Namespace, req.Name, strings.Join(forged, ", "))
	h.Log.Info("denied", "reason", mutate.ReasonBindingLabels, "namespace", req.Namespace, "name", req.Name, "user", req.UserInfo.Username,
		"labels", forged, "requestID", req.UID, "audit", h.Mode == ModeAudit)
	if h.Mode == ModeAudit {
		resp, reason := allowed(mutate.ReasonBindingLabels)
		return resp.WithWarnings("netiso is in audit mode and let this Binding through; enforce mode would refuse it: " + msg), reason
	}
	return admission.Denied(msg), mutate.ReasonBindingLabels
}

// object is the part of an admitted object that netiso reads: the metadata, and of a pod's spec
// what identity anchors judge; the rest (status, managed fields, the containers' other fields) is
// skipped without being kept.
type object struct {
	Kind     string       `json:"kind"`
	Metadata *mutate.Meta `json:"metadata"` // a pointer, to tell a missing one: the patch needs it
	Spec     *podSpec     `json:"spec"`
}

// podSpec is what anchors read of a pod's spec, with the field names of corev1.PodSpec.
type podSpec struct {
	ServiceAccountName       string      `json:"serviceAccountName"`
	DeprecatedServiceAccount string      `json:"serviceAccount"`
	InitContainers           []container `json:"initContainers"`
	Containers               []container `json:"containers"`
	EphemeralContainers      []container `json:"ephemeralContainers"`
}

type container struct {
	Name  string `json:"name"`
	Image string `json:"image"`
}

// workload is what a pod runs, for mutate; nil without a spec.
func workload(s *podSpec) *mutate.Workload {
	if s == nil {
		return nil
	}
	spec := corev1.PodSpec{ServiceAccountName: s.ServiceAccountName, DeprecatedServiceAccount: s.DeprecatedServiceAccount}
	for _, c := range s.InitContainers {
		spec.InitContainers = append(spec.InitContainers, corev1.Container{Name: c.Name, Image: c.Image})
	}
	for _, c := range s.Containers {
		spec.Containers = append(spec.Containers, corev1.Container{Name: c.Name, Image: c.Image})
	}
	for _, c := range s.EphemeralContainers {
		spec.EphemeralContainers = append(spec.EphemeralContainers, corev1.EphemeralContainer{
			EphemeralContainerCommon: corev1.EphemeralContainerCommon{Name: c.Name, Image: c.Image}})
	}
	return mutate.WorkloadOf(&spec)
}

// decode reads an object as the API server decodes what it stores: field names case-sensitively
// (a "Labels" member is no label, to the API server or to netiso) and numbers kept exact. The API
// server encodes the objects it sends from its own structs, so a duplicate member never comes from
// it; one is refused rather than read two ways.
func decode(raw []byte, field, kind string) (*object, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("request has no %s", field)
	}
	var obj object
	strict, err := kjson.UnmarshalStrict(raw, &obj, kjson.DisallowDuplicateFields)
	switch {
	case err != nil:
		return nil, fmt.Errorf("decoding the %s: %w", field, err)
	case len(strict) > 0:
		return nil, fmt.Errorf("decoding the %s: %w", field, errors.Join(strict...))
	case obj.Kind != "" && obj.Kind != kind:
		return nil, fmt.Errorf("%s is a %s, not a %s", field, obj.Kind, kind)
	case obj.Metadata == nil:
		return nil, fmt.Errorf("%s has no metadata", field)
	}
	return &obj, nil
}

// logDecision writes the line that answers "why does this pod have (or lack) this label": one for
// every pod created and every update that changes its managed labels, with the pod, the user, the
// service, the reason, the rules version, and the keys added and removed. Updates that change
// nothing (most are kubelets' status reports) are logged at debug only.
func logDecision(log logr.Logger, req admission.Request, in mutate.Input, d mutate.Decision, serviceLabel, version string, ops []jsonpatch.Operation) {
	if !log.Enabled() {
		return // before building the line: it costs more than the decision
	}
	added, removed := d.Changes(in.Pod)
	if in.Operation != admissionv1.Create && len(added)+len(removed) == 0 {
		if log.V(1).Enabled() {
			log.V(1).Info("admitted", "namespace", in.Namespace, "name", in.Pod.Name, "operation", in.Operation,
				"reason", d.Reason, "rulesHash", version, "patch", ops)
		}
		return
	}
	kv := []any{"namespace", in.Namespace, "name", in.Pod.Name, "operation", in.Operation, "user", req.UserInfo.Username,
		"service", in.Pod.Labels[serviceLabel], "reason", d.Reason, "rulesHash", version,
		"labels", len(d.Labels.Keys), "added", added, "removed", removed, "requestID", req.UID}
	if in.Pod.Name == "" {
		kv = append(kv, "generateName", in.Pod.GenerateName)
	}
	if in.Operation == admissionv1.Update && !in.ByReconciler {
		kv = append(kv, "byUser", true) // a user's update can only lose labels
	}
	log.Info("labelled", kv...)
}

// audit answers without changing a label: the decision goes into an annotation, the warnings and
// the log, and a pod that enforce mode would deny is let in.
func (h *Handler) audit(req admission.Request, in mutate.Input, d mutate.Decision, version string) admission.Response {
	if add, remove := d.Changes(in.Pod); len(add) > 0 || len(remove) > 0 || !d.Allowed {
		h.Log.Info("audit: enforce mode would change this pod", "namespace", in.Namespace, "name", in.Pod.Name,
			"generateName", in.Pod.GenerateName, "user", req.UserInfo.Username, "reason", d.Reason, "allowed", d.Allowed,
			"add", add, "remove", remove, "rulesHash", version)
	}
	value := auditValue(d)
	ws := []string{"netiso is in audit mode and changed no label; enforce mode would leave this pod with: " + value}
	if !d.Allowed {
		ws = append(ws, "netiso would deny this pod in enforce mode: "+oneLine(d.Message))
	}
	return admission.Patched(string(d.Reason), auditPatch(in.Pod, value)...).WithWarnings(append(ws, warnings(d, version, true)...)...)
}

// auditValue is the audit annotation's value for a decision: the managed label keys the pod would
// carry, sorted and comma-separated (their value is always "true"), or "none".
func auditValue(d mutate.Decision) string {
	if !d.Allowed || len(d.Labels.Keys) == 0 {
		return "none"
	}
	keys := slices.Clone(d.Labels.Keys)
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// warnings tell the pod's creator what the decision did to it, or under audit what enforce mode
// would do: that the pod gets no egress labels, and which labels it asked for in vain.
func warnings(d mutate.Decision, version string, audit bool) []string {
	var ws []string
	if d.Reason != mutate.ReasonGranted && d.Allowed {
		ws = append(ws, oneLine(d.Message)+": "+pick(audit, "enforce mode would give", "netiso gives")+" it no egress labels")
	}
	if len(d.Removed) > 0 {
		ws = append(ws, fmt.Sprintf("%s labels that the rules (version %s) do not give this pod: %s",
			pick(audit, "enforce mode would remove", "netiso removed"), version, strings.Join(d.Removed, ", ")))
	}
	return ws
}

// oneLine turns every run of spaces and control characters into one space: the API server drops,
// silently, a warning with a control character (a newline in a registry's error), so the pod's
// creator would never learn why it has no rights.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

func pick(audit bool, ifAudit, ifEnforce string) string {
	if audit {
		return ifAudit
	}
	return ifEnforce
}

func allowed(reason mutate.Reason) (admission.Response, mutate.Reason) {
	return admission.Allowed(string(reason)), reason
}

func badRequest(err error) (admission.Response, mutate.Reason) {
	return admission.Errored(http.StatusBadRequest, err), mutate.ReasonBadRequest
}

// result names an answer for metrics.
func result(resp admission.Response) string {
	switch {
	case resp.Result != nil && resp.Result.Code >= 400 && resp.Result.Code != http.StatusForbidden:
		return "error"
	case !resp.Allowed:
		return "denied"
	case len(resp.Patches) > 0:
		return "patched"
	default:
		return "allowed"
	}
}
