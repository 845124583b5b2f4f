package policy

import (
	"encoding/json"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/netiso/netiso/pkg/rules"
)

// TestStored: the stored form of an audit policy is Calico's (test/calico compares it with what
// Calico's own client stores); SameStored ignores only what Calico's client adds or encodes
// differently.
func TestStored(t *testing.T) {
	doc, err := rules.Parse("rules.yaml", []byte(`
apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: cart
    ports: [{port: 7070}]
  - name: frontend
    calls: [cart]
`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Audit(c, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var cart *CalicoPolicy
	for _, p := range ps {
		if p.Metadata.Name == "netiso-audit-cart" {
			cart = p
		}
	}
	if cart == nil {
		t.Fatalf("no netiso-audit-cart among %d policies", len(ps))
	}
	u, err := Stored(cart)
	if err != nil {
		t.Fatal(err)
	}
	if u.GetAPIVersion() != "crd.projectcalico.org/v1" || u.GetKind() != "NetworkPolicy" {
		t.Errorf("stored as %s %s", u.GetAPIVersion(), u.GetKind())
	}
	if u.GetName() != "default.netiso-audit-cart" || u.GetNamespace() != "default" {
		t.Errorf("stored as %s/%s, want default/default.netiso-audit-cart", u.GetNamespace(), u.GetName())
	}
	if v3, ok := StoredName(u.GetName()); !ok || v3 != "netiso-audit-cart" {
		t.Errorf("StoredName(%q) = %q, %v", u.GetName(), v3, ok)
	}
	var meta calicoMetadata
	if err := json.Unmarshal([]byte(u.GetAnnotations()["projectcalico.org/metadata"]), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Name != "netiso-audit-cart" || meta.Labels[ManagedByLabel] != ManagedBy || u.GetLabels()[ManagedByLabel] != ManagedBy {
		t.Errorf("metadata %+v, labels %v", meta, u.GetLabels())
	}

	// What Calico's client stores for the same policy: empty source and destination written out,
	// numbers as the API server's JSON decodes them.
	calico := u.DeepCopy()
	rules, _, _ := unstructured.NestedSlice(calico.Object, "spec", "ingress")
	for i := range rules {
		r := rules[i].(map[string]any)
		for _, k := range []string{"source", "destination"} {
			if _, ok := r[k]; !ok {
				r[k] = map[string]any{}
			}
		}
	}
	_ = unstructured.SetNestedSlice(calico.Object, rules, "spec", "ingress")
	_ = unstructured.SetNestedField(calico.Object, int64(AuditOrder), "spec", "order")
	if !SameStored(u, calico) {
		t.Errorf("SameStored: false for the same policy as Calico's client writes it")
	}

	for name, change := range map[string]func(*unstructured.Unstructured){
		"selector": func(o *unstructured.Unstructured) {
			_ = unstructured.SetNestedField(o.Object, "app == 'other'", "spec", "selector")
		},
		"v3 labels": func(o *unstructured.Unstructured) {
			o.SetAnnotations(map[string]string{"projectcalico.org/metadata": `{"name":"netiso-audit-cart"}`})
		},
		"name": func(o *unstructured.Unstructured) { o.SetName("netiso-audit-cart") },
		"a rule": func(o *unstructured.Unstructured) {
			_ = unstructured.SetNestedSlice(o.Object, rules[len(rules)-1:], "spec", "ingress")
		},
	} {
		other := calico.DeepCopy()
		change(other)
		if SameStored(u, other) {
			t.Errorf("SameStored: true after changing the %s", name)
		}
	}
}
