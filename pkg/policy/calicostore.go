package policy

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Calico's Kubernetes datastore keeps a projectcalico.org/v3 NetworkPolicy as a
// crd.projectcalico.org/v1 one (libcalico-go's k8s backend): the spec as written, a default-tier
// name prefixed "default.", and the v3 metadata (name and labels) in the annotation
// projectcalico.org/metadata; the CRD object's own labels are Calico's to ignore. Felix, calicoctl
// and Calico's API server read that form. The policy owner writes it (netiso's binary does not
// carry Calico's client); test/calico holds it equal to what Calico's own client stores.

// CalicoStoreGVK is the kind Calico's Kubernetes datastore keeps NetworkPolicies as.
var CalicoStoreGVK = schema.GroupVersionKind{Group: "crd.projectcalico.org", Version: "v1", Kind: "NetworkPolicy"}

const (
	// calicoMetadataAnnotation holds a stored policy's v3 metadata.
	calicoMetadataAnnotation = "projectcalico.org/metadata"
	// calicoDefaultTier prefixes a default-tier policy's stored name.
	calicoDefaultTier = "default."
)

// Stored is p as Calico's Kubernetes datastore keeps it. The object also carries p's labels on
// its own metadata, so that netiso finds its policies with a label selector (Calico ignores them).
func Stored(p *CalicoPolicy) (*unstructured.Unstructured, error) {
	if p.Kind != "NetworkPolicy" {
		return nil, fmt.Errorf("%s %s/%s: only NetworkPolicies are stored", p.Kind, p.Metadata.Namespace, p.Metadata.Name)
	}
	meta, err := json.Marshal(calicoMetadata{p.Metadata.Name, p.Metadata.Labels})
	if err != nil {
		return nil, err
	}
	spec, err := toMap(p.Spec)
	if err != nil {
		return nil, err
	}
	u := &unstructured.Unstructured{Object: map[string]any{"spec": spec}}
	u.SetGroupVersionKind(CalicoStoreGVK)
	u.SetName(calicoDefaultTier + p.Metadata.Name)
	u.SetNamespace(p.Metadata.Namespace)
	u.SetLabels(p.Metadata.Labels)
	u.SetAnnotations(map[string]string{calicoMetadataAnnotation: string(meta)})
	return u, nil
}

// calicoMetadata is the part of a policy's v3 metadata netiso writes.
type calicoMetadata struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels,omitempty"`
}

// SameStored reports whether two stored policies are one policy to Calico: the same namespace,
// name, v3 name and labels, and spec (an empty source or destination, which Calico's client
// writes and netiso omits, is no difference).
func SameStored(a, b *unstructured.Unstructured) bool {
	if a.GetNamespace() != b.GetNamespace() || a.GetName() != b.GetName() {
		return false
	}
	var ma, mb calicoMetadata
	if json.Unmarshal([]byte(a.GetAnnotations()[calicoMetadataAnnotation]), &ma) != nil ||
		json.Unmarshal([]byte(b.GetAnnotations()[calicoMetadataAnnotation]), &mb) != nil ||
		!reflect.DeepEqual(ma, mb) {
		return false
	}
	return reflect.DeepEqual(pruned(a.Object["spec"]), pruned(b.Object["spec"]))
}

// pruned is v without empty maps and lists, and with every number a float64 (the API server's
// JSON gives int64, netiso's own encoding float64).
func pruned(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if p := pruned(e); p != nil {
				out[k] = p
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(t) == 0 {
			return nil
		}
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = pruned(e)
		}
		return out
	case int64:
		return float64(t)
	}
	return v
}

// StoredName is the v3 name of a stored default-tier policy, and whether it is one.
func StoredName(stored string) (string, bool) { return strings.CutPrefix(stored, calicoDefaultTier) }

func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(b, &m)
}
