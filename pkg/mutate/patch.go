package mutate

import (
	"slices"
	"strings"

	"github.com/netiso/netiso/internal/jsonread"
	"github.com/netiso/netiso/pkg/rules"
)

// Patch returns the JSON patch (RFC 6902) that brings a pod's managed labels and rules-hash
// annotation to the decision, touching nothing else, or nil when there is nothing to change.
//
// It is written straight from the label diff into one buffer: diffing the whole pod would cost a
// full decode and encode of it, and building patch operations as values for controller-runtime to
// marshal cost three allocations an operation, which dominated a 200-callee pod. The tests check it
// against the library's whole-object diff. Operations come in a stable order.
func Patch(pod Meta, d Decision, isManaged func(string) bool) []byte {
	return AppendPatch(nil, pod, d, isManaged)
}

// AppendPatch appends Patch's patch to dst (the handler's reused buffer) and returns the patch
// alone, nil when there is nothing to change; it may alias dst's array.
func AppendPatch(dst []byte, pod Meta, d Decision, isManaged func(string) bool) []byte {
	w := patchWriter{buf: slices.Grow(dst[len(dst):], 64+96*len(d.Labels.Keys))}
	if pod.Labels == nil {
		if len(d.Labels.Keys) > 0 {
			w.addMap("/metadata/labels", d.Labels.Keys, rules.LabelValue)
		}
	} else {
		var stale []string
		for k := range pod.Labels {
			if isManaged(k) {
				if !d.Labels.Has(k) {
					stale = append(stale, k)
				}
			}
		}
		slices.Sort(stale)
		for _, k := range stale {
			w.op("remove", "/metadata/labels/", k, nil)
		}
		want := rules.LabelValue
		for _, k := range d.Labels.Keys {
			switch have, ok := pod.Labels[k]; {
			case !ok:
				w.op("add", "/metadata/labels/", k, &want)
			case have != want:
				w.op("replace", "/metadata/labels/", k, &want)
			}
		}
	}

	have, ok := pod.Annotations[AnnotationRulesHash]
	switch {
	case d.RulesHash == "" && ok:
		w.op("remove", "/metadata/annotations/", AnnotationRulesHash, nil)
	case d.RulesHash == "" || have == d.RulesHash:
	case pod.Annotations == nil:
		w.addMap("/metadata/annotations", []string{AnnotationRulesHash}, d.RulesHash)
	default: // "add" on an existing member replaces it (RFC 6902, 4.1)
		w.op("add", "/metadata/annotations/", AnnotationRulesHash, &d.RulesHash)
	}
	if len(w.buf) == 0 {
		return nil
	}
	return append(w.buf, ']')
}

type patchWriter struct{ buf []byte }

// begin opens an operation: {"op":OP,"path":PARENT+escaped(key) — without closing it.
func (w *patchWriter) begin(op, parent, key string) {
	if len(w.buf) == 0 {
		w.buf = append(w.buf, '[')
	} else {
		w.buf = append(w.buf, ',')
	}
	w.buf = append(w.buf, `{"op":"`...)
	w.buf = append(w.buf, op...)
	w.buf = append(w.buf, `","path":`...)
	w.buf = appendPath(w.buf, parent, key)
}

func (w *patchWriter) op(op, parent, key string, value *string) {
	w.begin(op, parent, key)
	if value != nil {
		w.buf = append(w.buf, `,"value":`...)
		w.buf = jsonread.AppendString(w.buf, *value)
	}
	w.buf = append(w.buf, '}')
}

// addMap adds the whole map at path (labels or annotations the pod lacks), each key set to value.
func (w *patchWriter) addMap(path string, keys []string, value string) {
	w.begin("add", path, "")
	w.buf = append(w.buf, `,"value":{`...)
	for i, k := range keys {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = jsonread.AppendString(w.buf, k)
		w.buf = append(w.buf, ':')
		w.buf = jsonread.AppendString(w.buf, value)
	}
	w.buf = append(w.buf, "}}"...)
}

// appendPath appends parent+key as a JSON string, key escaped as one JSON Pointer token
// (RFC 6901): label keys hold "/". One pass over the key: a 200-callee pod writes 200 paths.
func appendPath(buf []byte, parent, key string) []byte {
	start := len(buf)
	buf = append(buf, '"')
	buf = append(buf, parent...)
	copied := 0
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == '~':
			buf = append(append(buf, key[copied:i]...), '~', '0')
			copied = i + 1
		case c == '/':
			buf = append(append(buf, key[copied:i]...), '~', '1')
			copied = i + 1
		case !jsonread.Plain(c):
			return jsonread.AppendString(buf[:start], parent+pointerEscaper.Replace(key))
		}
	}
	buf = append(buf, key[copied:]...)
	return append(buf, '"')
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")
