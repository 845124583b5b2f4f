package mutate

import (
	"slices"
	"strings"

	"gomodules.xyz/jsonpatch/v2"
)

// Patch returns the JSON patch that brings a pod's managed labels and rules-hash annotation to the
// decision, touching nothing else. It is emitted from the label diff rather than by diffing the whole
// pod, which would cost a full decode and encode of it; the tests check it against the library's
// whole-object diff. Operations come in a stable order.
func Patch(pod Meta, d Decision, isManaged func(string) bool) []jsonpatch.JsonPatchOperation {
	var ops []jsonpatch.JsonPatchOperation
	if pod.Labels == nil {
		if len(d.Labels.Keys) > 0 {
			ops = append(ops, op("add", "/metadata/labels", cloneMap(d.Labels.Labels)))
		}
	} else {
		var stale []string
		for k := range pod.Labels {
			if isManaged(k) {
				if _, keep := d.Labels.Labels[k]; !keep {
					stale = append(stale, k)
				}
			}
		}
		slices.Sort(stale)
		for _, k := range stale {
			ops = append(ops, op("remove", "/metadata/labels/"+escape(k), nil))
		}
		for _, k := range d.Labels.Keys {
			want := d.Labels.Labels[k]
			switch have, ok := pod.Labels[k]; {
			case !ok:
				ops = append(ops, op("add", "/metadata/labels/"+escape(k), want))
			case have != want:
				ops = append(ops, op("replace", "/metadata/labels/"+escape(k), want))
			}
		}
	}

	have, ok := pod.Annotations[AnnotationRulesHash]
	switch {
	case d.RulesHash == "" && ok:
		ops = append(ops, op("remove", "/metadata/annotations/"+escape(AnnotationRulesHash), nil))
	case d.RulesHash == "" || have == d.RulesHash:
	case pod.Annotations == nil:
		ops = append(ops, op("add", "/metadata/annotations", map[string]string{AnnotationRulesHash: d.RulesHash}))
	default: // "add" on an existing member replaces it (RFC 6902, 4.1)
		ops = append(ops, op("add", "/metadata/annotations/"+escape(AnnotationRulesHash), d.RulesHash))
	}
	return ops
}

func op(operation, path string, value any) jsonpatch.JsonPatchOperation {
	return jsonpatch.JsonPatchOperation{Operation: operation, Path: path, Value: value}
}

// escape makes a map key one JSON Pointer token (RFC 6901): label keys hold "/".
func escape(key string) string { return pointerEscaper.Replace(key) }

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
