package mutate

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-logr/logr"
	admissionv1 "k8s.io/api/admission/v1"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
	kjson "sigs.k8s.io/json"

	"github.com/netiso/netiso/pkg/rules"
)

// Path is where the webhook is served.
const Path = "/mutate-v1-pod"

// Handler adapts Decide to admission: it decodes, decides, and encodes the patch. It never calls
// the API server.
type Handler struct {
	// Rules returns the rules in force, or nil before any are loaded.
	Rules  func() *rules.Compiled
	Config Config
}

var _ admission.Handler = (*Handler)(nil)

// Handle implements admission.Handler.
func (h *Handler) Handle(ctx context.Context, req admission.Request) admission.Response {
	resp, reason := h.handle(ctx, req)
	res := result(resp)
	if h.Config.Mode == ModeAudit && resp.Allowed && reason != ReasonNotApplicable {
		res = ResultAudit
	}
	admissions.WithLabelValues(string(req.Operation), res, string(reason)).Inc()
	return resp
}

// object is the part of an admitted object that netiso reads; the rest (spec, status, managed
// fields) is skipped without being decoded.
type object struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   *Meta  `json:"metadata"` // a pointer, to tell a missing one: the patch needs it
}

func (h *Handler) handle(ctx context.Context, req admission.Request) (admission.Response, Reason) {
	log := logf.FromContext(ctx)
	if k := req.Kind; k.Group != "" || k.Version != "v1" || k.Kind != "Pod" {
		return badRequest(fmt.Errorf("netiso admits v1 Pods, not %s", k.String()))
	}
	// An UPDATE through a subresource (status, ephemeralcontainers, resize) carries the whole pod, and
	// the API server keeps its label changes: pods/status can set labels. It gets the same treatment.
	if req.Operation != admissionv1.Create && req.Operation != admissionv1.Update || req.SubResource != "" && req.Operation != admissionv1.Update {
		return admission.Allowed(string(ReasonNotApplicable)), ReasonNotApplicable
	}
	r := h.Rules()
	if r == nil {
		return admission.Errored(http.StatusServiceUnavailable, errors.New("netiso has not loaded its rules yet")), ReasonRulesNotLoaded
	}

	pod, err := decodePod(req.Object.Raw, "object")
	if err != nil {
		return badRequest(err)
	}
	in := Input{Operation: req.Operation, Namespace: req.Namespace, Pod: *pod.Metadata}
	if in.Namespace == "" {
		in.Namespace = pod.Metadata.Namespace
	}
	if in.Namespace == "" {
		return badRequest(errors.New("the request names no namespace"))
	}
	if req.Operation == admissionv1.Update {
		old, err := decodePod(req.OldObject.Raw, "oldObject")
		if err != nil {
			return badRequest(err)
		}
		in.OldPod = old.Metadata
		in.ByReconciler = h.Config.ReconcilerUsername != "" && req.UserInfo.Username == h.Config.ReconcilerUsername
		if h.Config.Mode == ModeAudit {
			// Under audit no pod carries the labels an UPDATE would keep (and kubelets update every
			// pod's status): judge it by what the rules grant, as at creation.
			in.ByReconciler = true
		}
	}

	d := Decide(in, r, h.Config)
	if h.Config.Mode == ModeAudit {
		return audit(log, in, d, r.Hash()), d.Reason
	}
	if !d.Allowed {
		log.Info("denied", "reason", d.Reason, "message", d.Message)
		return admission.Denied("netiso: " + d.Message), d.Reason
	}
	patch := Patch(in.Pod, d, r.Options().IsManaged)
	logDecision(log, in, d, h.Config.ServiceLabel, r.Hash(), patch)
	resp := admission.Allowed(string(d.Reason))
	if patch != nil {
		// Set the encoded patch directly: controller-runtime only marshals resp.Patches when set.
		pt := admissionv1.PatchTypeJSONPatch
		resp.Patch, resp.PatchType = patch, &pt
	}
	if len(d.Warnings) > 0 {
		resp = resp.WithWarnings(d.Warnings...)
	}
	return resp, d.Reason
}

// logDecision writes the line that answers "why does this pod have (or lack) this label": one for
// every pod created and every update that changes its managed labels, with the pod's service, the
// reason, the rules version, and the keys added and removed. Updates that change nothing (most are
// kubelets' status reports) are logged at debug only. controller-runtime's logger already names
// the pod, its namespace, the user and the request.
func logDecision(log logr.Logger, in Input, d Decision, serviceLabel, version string, patch []byte) {
	added, removed := d.Changes(in.Pod)
	if in.Operation != admissionv1.Create && len(added)+len(removed) == 0 {
		if log.V(1).Enabled() {
			log.V(1).Info("admitted", "operation", in.Operation, "reason", d.Reason, "rulesHash", version, "patch", string(patch))
		}
		return
	}
	kv := []any{"operation", in.Operation, "service", in.Pod.Labels[serviceLabel], "reason", d.Reason,
		"rulesHash", version, "labels", len(d.Labels.Keys), "added", added, "removed", removed}
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
func audit(log logr.Logger, in Input, d Decision, version string) admission.Response {
	if add, remove := d.Changes(in.Pod); len(add) > 0 || len(remove) > 0 || !d.Allowed {
		log.Info("audit: enforce mode would change this pod", "reason", d.Reason, "allowed", d.Allowed,
			"add", add, "remove", remove, "rulesHash", version)
	}
	resp := admission.Allowed(string(d.Reason))
	if patch := AuditPatch(in.Pod, d); patch != nil {
		pt := admissionv1.PatchTypeJSONPatch
		resp.Patch, resp.PatchType = patch, &pt
	}
	return resp.WithWarnings(auditWarnings(d)...)
}

func decodePod(raw []byte, field string) (object, error) {
	var obj object
	if len(raw) == 0 {
		return obj, fmt.Errorf("request has no %s", field)
	}
	// Case-sensitive, as the API server decodes: "metAdAtA" is not metadata.
	if err := kjson.UnmarshalCaseSensitivePreserveInts(raw, &obj); err != nil {
		return obj, fmt.Errorf("decoding %s: %w", field, err)
	}
	if obj.Kind != "" && obj.Kind != "Pod" {
		return obj, fmt.Errorf("%s is a %s, not a Pod", field, obj.Kind)
	}
	if obj.Metadata == nil {
		return obj, fmt.Errorf("%s has no metadata", field)
	}
	return obj, nil
}

func badRequest(err error) (admission.Response, Reason) {
	return admission.Errored(http.StatusBadRequest, err), ReasonBadRequest
}

// result names a response for metrics.
func result(r admission.Response) string {
	switch {
	case r.Result != nil && r.Result.Code >= 400 && r.Result.Code != http.StatusForbidden:
		return "error"
	case !r.Allowed:
		return "denied"
	case len(r.Patch) > 0:
		return "patched"
	default:
		return "allowed"
	}
}
