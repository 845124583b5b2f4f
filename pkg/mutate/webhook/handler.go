// Package webhook serves pkg/mutate's decision as a mutating admission webhook: Handler reads the
// AdmissionReview, calls mutate.Decide, writes the patch, logs the decision and counts it
// (netiso_admissions_total). It is the transport only; what a pod gets is decided in pkg/mutate.
package webhook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/go-logr/logr"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// Path is where the webhook is served.
const Path = "/mutate-v1-pod"

// Handler serves mutate.Decide as a mutating admission webhook: it reads the AdmissionReview, decides,
// and writes the patch. It never calls the API server. It is an http.Handler for
// controller-runtime's webhook server, which adds TLS, certificate rotation and its request metrics.
type Handler struct {
	// Rules returns the rules in force, or nil before any are loaded.
	Rules  func() *rules.Compiled
	Config mutate.Config
	// Log receives a line for each pod created or relabelled (see logDecision); the zero Logger
	// discards.
	Log logr.Logger
}

var _ http.Handler = (*Handler)(nil)

// scratch is one request's reusable memory: the body, the decoder, and the answer.
type scratch struct {
	body  bytes.Buffer
	rd    reader
	patch []byte
	out   []byte
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// ServeHTTP answers one AdmissionReview. Like controller-runtime's adapter it always answers 200,
// with any error in the review's status, which is what the API server reads.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := scratches.Get().(*scratch)
	rv, a, reason, panicked := h.answer(r, s)
	res := result(a)
	if h.Config.Mode == mutate.ModeAudit && a.Allowed && reason != mutate.ReasonNotApplicable {
		res = ResultAudit
	}
	admissions.WithLabelValues(string(rv.Operation), res, string(reason)).Inc()
	if a.Code >= 400 && a.Code != http.StatusForbidden && reason != mutate.ReasonPanic { // a panic has its own line
		h.Log.Info("bad request", "reason", reason, "message", a.Message, "requestID", rv.UID)
	}

	s.out = appendReview(s.out[:0], rv.APIVersion, rv.UID, a)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.out)

	// Keep the buffers of ordinary requests, not of outliers, nor what a panic left half-written.
	if !panicked && s.body.Cap() <= 4*maxRequestSize/7 {
		s.body.Reset()
		s.out = s.out[:0]
		scratches.Put(s)
	}
}

// answer reads the review and decides. A panic on the way is recovered as controller-runtime's
// admission.Webhook does: a 500 in the review, to the request's UID when it was read (the API
// server then refuses the pod: no label is granted by a crash), one log line, and the admission
// counted with ReasonPanic. Without it the connection would drop with no answer and no trace.
func (h *Handler) answer(r *http.Request, s *scratch) (rv review, a answer, reason mutate.Reason, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			err := fmt.Errorf("panic: %v [recovered]", p)
			h.Log.Error(err, "panic answering an admission", "requestID", rv.UID, "operation", rv.Operation,
				"namespace", rv.Namespace, "stack", string(debug.Stack()))
			if rv.APIVersion != reviewV1beta1 {
				rv.APIVersion = reviewV1
			}
			a, reason, panicked = errored(http.StatusInternalServerError, err), mutate.ReasonPanic, true
		}
	}()
	rv, bad, reason := h.read(r, s)
	if bad != nil {
		return rv, *bad, reason, false
	}
	a, reason = h.handle(rv, s)
	return rv, a, reason, false
}

// read checks the HTTP request and reads the review; an answer means it could not.
func (h *Handler) read(r *http.Request, s *scratch) (review, *answer, mutate.Reason) {
	rv := review{APIVersion: reviewV1}
	fail := func(code int32, err error) (review, *answer, mutate.Reason) {
		a := errored(code, err)
		return rv, &a, mutate.ReasonBadRequest
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		return fail(http.StatusBadRequest, fmt.Errorf("contentType=%s, expected application/json", ct))
	}
	if r.Body == nil {
		return fail(http.StatusBadRequest, errors.New("request body is empty"))
	}
	if r.ContentLength > 0 && r.ContentLength <= maxRequestSize {
		s.body.Grow(int(r.ContentLength))
	}
	n, err := s.body.ReadFrom(io.LimitReader(r.Body, maxRequestSize+1))
	switch {
	case err != nil:
		return fail(http.StatusBadRequest, fmt.Errorf("reading the request: %w", err))
	case n == 0:
		return fail(http.StatusBadRequest, errors.New("request body is empty"))
	case n > maxRequestSize:
		return fail(http.StatusRequestEntityTooLarge, fmt.Errorf("request entity is too large; limit is %d bytes", maxRequestSize))
	}
	rv, err = s.rd.review(&s.body)
	if err != nil {
		// Answer in the request's review version and to its UID when they were read.
		if rv.APIVersion != reviewV1beta1 {
			rv.APIVersion = reviewV1
		}
		return fail(http.StatusBadRequest, fmt.Errorf("decoding the AdmissionReview: %w", err))
	}
	return rv, nil, ""
}

func (h *Handler) handle(rv review, s *scratch) (answer, mutate.Reason) {
	if k := rv.Kind; k.Group == "" && k.Version == "v1" && k.Kind == "Binding" {
		return h.binding(rv)
	}
	if k := rv.Kind; k.Group != "" || k.Version != "v1" || k.Kind != "Pod" {
		return badRequest(fmt.Errorf("netiso admits v1 Pods and Bindings, not %s", k.String()))
	}
	// An UPDATE through a subresource (status, ephemeralcontainers, resize) carries the whole pod, and
	// the API server keeps its label changes: pods/status can set labels. It gets the same treatment.
	if rv.Operation != admissionv1.Create && rv.Operation != admissionv1.Update || rv.SubResource != "" && rv.Operation != admissionv1.Update {
		return allowed(string(mutate.ReasonNotApplicable)), mutate.ReasonNotApplicable
	}
	r := h.Rules()
	if r == nil {
		return errored(http.StatusServiceUnavailable, errors.New("netiso has not loaded its rules yet")), mutate.ReasonRulesNotLoaded
	}

	pod, err := podOf(rv.Object, "object")
	if err != nil {
		return badRequest(err)
	}
	in := mutate.Input{Operation: rv.Operation, Namespace: rv.Namespace, Pod: *pod.Metadata}
	if in.Namespace == "" {
		in.Namespace = pod.Metadata.Namespace
	}
	if in.Namespace == "" {
		return badRequest(errors.New("the request names no namespace"))
	}
	if rv.Operation == admissionv1.Update {
		old, err := podOf(rv.OldObject, "oldObject")
		if err != nil {
			return badRequest(err)
		}
		in.OldPod = old.Metadata
		in.ByReconciler = h.Config.ReconcilerUsername != "" && rv.Username == h.Config.ReconcilerUsername
		if h.Config.Mode == mutate.ModeAudit {
			// Under audit no pod carries the labels an UPDATE would keep (and kubelets update every
			// pod's status): judge it by what the rules grant, as at creation.
			in.ByReconciler = true
		}
	}

	d := mutate.Decide(in, r, h.Config)
	if h.Config.Mode == mutate.ModeAudit {
		return audit(h.Log, rv, in, d, r.Hash()), d.Reason
	}
	if !d.Allowed {
		h.Log.Info("denied", "reason", d.Reason, "message", d.Message, "namespace", in.Namespace, "generateName", in.Pod.GenerateName, "user", rv.Username)
		return denied("netiso: " + d.Message), d.Reason
	}
	a := allowed(string(d.Reason))
	a.Patch = mutate.AppendPatch(s.patch[:0], in.Pod, d, r.Options().IsManaged)
	if cap(a.Patch) > cap(s.patch) {
		s.patch = a.Patch[:0] // grown: keep the larger buffer for the next request
	}
	a.Warnings = d.Warnings
	logDecision(h.Log, rv, in, d, h.Config.ServiceLabel, r.Hash(), a.Patch)
	return a, d.Reason
}

// binding answers a Binding's CREATE (pods/binding, or the legacy bindings resource): refused when
// its labels, which the API server copies onto the pod, carry a managed key.
func (h *Handler) binding(rv review) (answer, mutate.Reason) {
	if rv.Operation != admissionv1.Create {
		return allowed(string(mutate.ReasonNotApplicable)), mutate.ReasonNotApplicable
	}
	r := h.Rules()
	if r == nil {
		return errored(http.StatusServiceUnavailable, errors.New("netiso has not loaded its rules yet")), mutate.ReasonRulesNotLoaded
	}
	if rv.Object == nil || rv.Object.Metadata == nil {
		return badRequest(errors.New("the Binding has no metadata"))
	}
	forged := mutate.ForgedOnBinding(rv.Object.Metadata.Labels, r.Options().IsManaged)
	if len(forged) == 0 {
		return allowed(string(mutate.ReasonBinding)), mutate.ReasonBinding
	}
	msg := fmt.Sprintf("netiso: a Binding may not carry managed labels, which the API server would copy onto pod %s/%s: %s",
		rv.Namespace, rv.Name, strings.Join(forged, ", "))
	h.Log.Info("denied", "reason", mutate.ReasonBindingLabels, "namespace", rv.Namespace, "name", rv.Name, "user", rv.Username,
		"labels", forged, "requestID", rv.UID, "audit", h.Config.Mode == mutate.ModeAudit)
	if h.Config.Mode == mutate.ModeAudit {
		a := allowed(string(mutate.ReasonBindingLabels))
		a.Warnings = []string{"netiso is in audit mode and let this Binding through; enforce mode would refuse it: " + msg}
		return a, mutate.ReasonBindingLabels
	}
	return denied(msg), mutate.ReasonBindingLabels
}

// logDecision writes the line that answers "why does this pod have (or lack) this label": one for
// every pod created and every update that changes its managed labels, with the pod, the user, the
// service, the reason, the rules version, and the keys added and removed. Updates that change
// nothing (most are kubelets' status reports) are logged at debug only.
func logDecision(log logr.Logger, rv review, in mutate.Input, d mutate.Decision, serviceLabel, version string, patch []byte) {
	if !log.Enabled() {
		return // before building the line: it costs more than the decision
	}
	added, removed := d.Changes(in.Pod)
	if in.Operation != admissionv1.Create && len(added)+len(removed) == 0 {
		if log.V(1).Enabled() {
			log.V(1).Info("admitted", "namespace", in.Namespace, "name", in.Pod.Name, "operation", in.Operation,
				"reason", d.Reason, "rulesHash", version, "patch", string(patch))
		}
		return
	}
	kv := []any{"namespace", in.Namespace, "name", in.Pod.Name, "operation", in.Operation, "user", rv.Username,
		"service", in.Pod.Labels[serviceLabel], "reason", d.Reason, "rulesHash", version,
		"labels", len(d.Labels.Keys), "added", added, "removed", removed, "requestID", rv.UID}
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
func audit(log logr.Logger, rv review, in mutate.Input, d mutate.Decision, version string) answer {
	if add, remove := d.Changes(in.Pod); len(add) > 0 || len(remove) > 0 || !d.Allowed {
		log.Info("audit: enforce mode would change this pod", "namespace", in.Namespace, "name", in.Pod.Name,
			"generateName", in.Pod.GenerateName, "user", rv.Username, "reason", d.Reason, "allowed", d.Allowed,
			"add", add, "remove", remove, "rulesHash", version)
	}
	a := allowed(string(d.Reason))
	a.Patch = mutate.AuditPatch(in.Pod, d)
	a.Warnings = auditWarnings(d)
	return a
}

// podOf checks that a review carried a pod with metadata.
func podOf(obj *object, field string) (*object, error) {
	switch {
	case obj == nil:
		return nil, fmt.Errorf("request has no %s", field)
	case obj.Kind != "" && obj.Kind != "Pod":
		return nil, fmt.Errorf("%s is a %s, not a Pod", field, obj.Kind)
	case obj.Metadata == nil:
		return nil, fmt.Errorf("%s has no metadata", field)
	}
	return obj, nil
}

func badRequest(err error) (answer, mutate.Reason) {
	return errored(http.StatusBadRequest, err), mutate.ReasonBadRequest
}

// result names an answer for metrics.
func result(a answer) string {
	switch {
	case a.Code >= 400 && a.Code != http.StatusForbidden:
		return "error"
	case !a.Allowed:
		return "denied"
	case len(a.Patch) > 0:
		return "patched"
	default:
		return "allowed"
	}
}

// auditWarnings are the warnings enforce mode would give, after one that says none of it happened.
func auditWarnings(d mutate.Decision) []string {
	out := []string{fmt.Sprintf("netiso is in audit mode and changed no label; enforce mode would leave this pod with: %s", mutate.AuditValue(d))}
	if !d.Allowed {
		out = append(out, "netiso would deny this pod in enforce mode: "+d.Message)
	}
	return append(out, d.AuditWarnings...)
}
