package mutate

import (
	"slices"
	"strings"

	"github.com/netiso/netiso/pkg/names"
)

// Mode is whether the webhook changes pods (enforce) or only reports what it would do (audit).
type Mode string

const (
	// ModeEnforce sets the managed labels the rules grant and removes the others.
	ModeEnforce Mode = "enforce"
	// ModeAudit changes no label: it records the decision in AnnotationAudit and warns, so a
	// rollout can check what enforce mode would do before doing it (Monzo's first step).
	ModeAudit Mode = "audit"
)

// AnnotationAudit holds, in audit mode, the managed labels enforce mode would leave the pod with.
const AnnotationAudit = names.AnnotationAudit

// AuditValue is AnnotationAudit's value for a decision: the managed label keys the pod would carry,
// sorted and comma-separated (their value is always "true"), or "none".
func AuditValue(d Decision) string {
	if !d.Allowed || len(d.Labels.Keys) == 0 {
		return "none"
	}
	keys := slices.Clone(d.Labels.Keys)
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// AuditPatch returns the JSON patch that records the decision in AnnotationAudit and changes
// nothing else, or nil when the annotation already says so.
func AuditPatch(pod Meta, d Decision) []byte {
	want := AuditValue(d)
	have, ok := pod.Annotations[AnnotationAudit]
	var w patchWriter
	switch {
	case ok && have == want:
		return nil
	case pod.Annotations == nil:
		w.addMap("/metadata/annotations", []string{AnnotationAudit}, want)
	default: // "add" on an existing member replaces it (RFC 6902, 4.1)
		w.op("add", "/metadata/annotations/", AnnotationAudit, &want)
	}
	return append(w.buf, ']')
}
