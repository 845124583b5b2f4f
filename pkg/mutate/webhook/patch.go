package webhook

import (
	"slices"
	"strings"

	jsonpatch "gomodules.xyz/jsonpatch/v2"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/rules"
)

// Patch lists the JSON-patch operations (RFC 6902, as controller-runtime's admission.Patched takes
// them) that bring a pod's managed labels and rules-hash annotation to the decision, touching
// nothing else; none when nothing changes. They are written from the label diff: diffing the whole
// pod (admission.PatchResponseFromRaw) would encode and compare all of it for a change that is only
// ever in its metadata. Operations come in a stable order.
func Patch(pod mutate.Meta, d mutate.Decision, isManaged func(string) bool) []jsonpatch.Operation {
	var ops []jsonpatch.Operation
	if pod.Labels == nil {
		if len(d.Labels.Keys) > 0 {
			ops = append(ops, jsonpatch.NewOperation("add", "/metadata/labels", d.Labels.Labels()))
		}
	} else {
		var stale []string
		for k := range pod.Labels {
			if isManaged(k) && !d.Labels.Has(k) {
				stale = append(stale, k)
			}
		}
		slices.Sort(stale)
		for _, k := range stale {
			ops = append(ops, jsonpatch.NewOperation("remove", labelPath(k), nil))
		}
		for _, k := range d.Labels.Keys {
			switch have, ok := pod.Labels[k]; {
			case !ok:
				ops = append(ops, jsonpatch.NewOperation("add", labelPath(k), rules.LabelValue))
			case have != rules.LabelValue:
				ops = append(ops, jsonpatch.NewOperation("replace", labelPath(k), rules.LabelValue))
			}
		}
	}

	have, ok := pod.Annotations[names.AnnotationRulesHash]
	switch {
	case d.RulesHash == "" && ok:
		ops = append(ops, jsonpatch.NewOperation("remove", annotationPath(names.AnnotationRulesHash), nil))
	case d.RulesHash == "" || have == d.RulesHash:
	default:
		ops = append(ops, setAnnotation(pod, names.AnnotationRulesHash, d.RulesHash))
	}
	return ops
}

// auditPatch records value in the audit annotation and changes nothing else; none when the
// annotation already says so.
func auditPatch(pod mutate.Meta, value string) []jsonpatch.Operation {
	if have, ok := pod.Annotations[names.AnnotationAudit]; ok && have == value {
		return nil
	}
	return []jsonpatch.Operation{setAnnotation(pod, names.AnnotationAudit, value)}
}

// setAnnotation sets one annotation: the whole map when the pod has none, else "add", which on an
// existing member replaces it (RFC 6902, 4.1).
func setAnnotation(pod mutate.Meta, key, value string) jsonpatch.Operation {
	if pod.Annotations == nil {
		return jsonpatch.NewOperation("add", "/metadata/annotations", map[string]string{key: value})
	}
	return jsonpatch.NewOperation("add", annotationPath(key), value)
}

// pointer escapes a key as one JSON Pointer token (RFC 6901): label keys hold "/".
var pointer = strings.NewReplacer("~", "~0", "/", "~1")

func labelPath(key string) string      { return "/metadata/labels/" + pointer.Replace(key) }
func annotationPath(key string) string { return "/metadata/annotations/" + pointer.Replace(key) }
