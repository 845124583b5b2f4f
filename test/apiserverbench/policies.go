package main

import (
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/rules"
)

// The in-API-server alternatives the benchmark measures netiso against, generated from the same
// compiled rules. They are kept with the benchmark, not shipped: the MutatingAdmissionPolicy can
// neither warn nor deny, and fails every create when its params are missing (docs/performance.md).

// paramsName is the ConfigMap both policies read their grants from, in netiso's namespace.
const paramsName = "netiso-grants"

// configMapKey is what a ConfigMap data key may be.
var configMapKey = regexp.MustCompile(`^[-._a-zA-Z0-9]+$`)

// GrantParams is the rules as a params ConfigMap for CEL: one data key a service, its value
// "<namespaces>|<granted keys>", each comma-separated, no namespaces meaning any. CEL then needs a
// map lookup and two splits a request; the namespaces and keys are what Lookup reads.
func GrantParams(r *rules.Compiled, namespace string) (*corev1.ConfigMap, error) {
	data := make(map[string]string, r.Len())
	for _, name := range r.Names() {
		if !configMapKey.MatchString(name) {
			return nil, fmt.Errorf("service %q cannot be a ConfigMap key", name)
		}
		s, _ := r.Service(name)
		ns := ""
		if len(s.Namespaces) > 0 {
			ns = s.Namespaces[0]
		}
		grant, v := r.Lookup(name, ns)
		if v != rules.Granted {
			return nil, fmt.Errorf("service %q: no grant in its own namespace %q", name, ns)
		}
		data[name] = strings.Join(s.Namespaces, ",") + "|" + strings.Join(grant.Keys, ",")
	}
	return &corev1.ConfigMap{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: metav1.ObjectMeta{Name: paramsName, Namespace: namespace},
		Data:       data,
	}, nil
}

// ParamsSize is the params ConfigMap's size as stored (its JSON), against the 1 MiB an object may be.
func ParamsSize(cm *corev1.ConfigMap) int {
	n := 0
	for k, v := range cm.Data {
		n += len(k) + len(v) + 6 // "k":"v",
	}
	return n
}

// grantVariables are the CEL variables both policies share: the pod's labels, its service's params
// entry, whether the request's namespace is one the service may run in, and its grant there.
func grantVariables(serviceLabel string, prefixes []string) []map[string]any {
	managed := make([]string, len(prefixes))
	for i, p := range prefixes {
		managed[i] = fmt.Sprintf("k.startsWith(%q)", p+"/")
	}
	return []map[string]any{
		{"name": "labels", "expression": "has(object.metadata.labels) ? object.metadata.labels : {}"},
		{"name": "service", "expression": fmt.Sprintf("%q in variables.labels ? variables.labels[%q] : ''", serviceLabel, serviceLabel)},
		{"name": "entry", "expression": "variables.service != '' && has(params.data) && variables.service in params.data" +
			" ? params.data[variables.service].split('|') : ['', '']"},
		{"name": "placed", "expression": "variables.entry[0] == '' || request.namespace in variables.entry[0].split(',')"},
		{"name": "grant", "expression": "variables.placed && variables.entry[1] != '' ? variables.entry[1].split(',') : []"},
		{"name": "excess", "expression": "variables.labels.filter(k, (" + strings.Join(managed, " || ") + ")" +
			" && (!(k in variables.grant) || variables.labels[k] != 'true'))"},
	}
}

// MutatingPolicy is the MutatingAdmissionPolicy equivalent of the webhook on pod CREATE: exactly the
// grant, every other managed key removed, the rules version annotated. Its binding covers what the
// webhook covers (exempt namespaces excluded) and fails the create when the params are missing.
func MutatingPolicy(r *rules.Compiled, serviceLabel, netisoNamespace string, nsSelector map[string]any) []*unstructured.Unstructured {
	o := r.Options()
	vars := grantVariables(serviceLabel, []string{o.EgressPrefix, o.EgressTypePrefix})
	patch := `(has(object.metadata.annotations) ? [] : [JSONPatch{op: "add", path: "/metadata/annotations", value: {}}])` +
		` + variables.excess.filter(k, !(k in variables.grant)).map(k, JSONPatch{op: "remove", path: "/metadata/labels/" + jsonpatch.escapeKey(k)})` +
		` + variables.grant.map(k, JSONPatch{op: "add", path: "/metadata/labels/" + jsonpatch.escapeKey(k), value: "true"})` +
		fmt.Sprintf(` + [JSONPatch{op: "add", path: "/metadata/annotations/" + jsonpatch.escapeKey(%q), value: %q}]`, "netiso.dev/rules-hash", r.Hash())
	policy := obj("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy", "netiso-bench-labels", map[string]any{
		"paramKind":          map[string]any{"apiVersion": "v1", "kind": "ConfigMap"},
		"matchConstraints":   podRules("CREATE"),
		"failurePolicy":      "Fail",
		"reinvocationPolicy": "IfNeeded",
		"variables":          vars,
		"mutations":          []any{map[string]any{"patchType": "JSONPatch", "jsonPatch": map[string]any{"expression": patch}}},
	})
	binding := obj("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicyBinding", "netiso-bench-labels", map[string]any{
		"policyName":     "netiso-bench-labels",
		"paramRef":       map[string]any{"name": paramsName, "namespace": netisoNamespace, "parameterNotFoundAction": "Deny"},
		"matchResources": map[string]any{"namespaceSelector": nsSelector},
	})
	return []*unstructured.Unstructured{policy, binding}
}

// CreatePolicy is the optional defence for CREATE while the webhook is bypassed: a
// ValidatingAdmissionPolicy refusing a pod whose managed labels, after every mutation, exceed what
// the params grant its service in its namespace. With the webhook working it never refuses (the
// webhook already set exactly the grant). Missing params let every pod through (Allow): it is a
// second line, and must not turn a lost ConfigMap into a cluster that creates no pods.
func CreatePolicy(r *rules.Compiled, serviceLabel, netisoNamespace string, nsSelector map[string]any) []*unstructured.Unstructured {
	o := r.Options()
	policy := obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "netiso-bench-create", map[string]any{
		"paramKind":        map[string]any{"apiVersion": "v1", "kind": "ConfigMap"},
		"matchConstraints": podRules("CREATE"),
		"failurePolicy":    "Fail",
		"variables":        grantVariables(serviceLabel, []string{o.EgressPrefix, o.EgressTypePrefix}),
		"validations": []any{map[string]any{
			"expression":        "size(variables.excess) == 0",
			"reason":            "Forbidden",
			"messageExpression": `'netiso: this pod carries managed labels its rules do not grant it here: ' + variables.excess.join(', ')`,
		}},
	})
	binding := obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "netiso-bench-create", map[string]any{
		"policyName":        "netiso-bench-create",
		"validationActions": []any{"Deny"},
		"paramRef":          map[string]any{"name": paramsName, "namespace": netisoNamespace, "parameterNotFoundAction": "Allow"},
		"matchResources":    map[string]any{"namespaceSelector": nsSelector},
	})
	return []*unstructured.Unstructured{policy, binding}
}

func podRules(ops ...string) map[string]any {
	o := make([]any, len(ops))
	for i, op := range ops {
		o[i] = op
	}
	return map[string]any{"resourceRules": []any{map[string]any{
		"apiGroups": []any{""}, "apiVersions": []any{"v1"}, "operations": o, "resources": []any{"pods"},
	}}}
}

func obj(apiVersion, kind, name string, spec map[string]any) *unstructured.Unstructured {
	// Through YAML and back: the variables are typed Go slices, unstructured wants plain JSON values.
	b, err := yaml.Marshal(map[string]any{"apiVersion": apiVersion, "kind": kind, "metadata": map[string]any{"name": name}, "spec": spec})
	if err != nil {
		panic(err)
	}
	u := &unstructured.Unstructured{}
	if err := yaml.Unmarshal(b, &u.Object); err != nil {
		panic(err)
	}
	return u
}
