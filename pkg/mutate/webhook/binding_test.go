package webhook

import (
	"encoding/json"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	authv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// The API server copies a Binding's labels onto its pod: a Binding carrying a managed key is
// refused, on pods/binding and on the legacy bindings resource alike, whoever sends it; one without
// is let through untouched.
func TestHandlerBinding(t *testing.T) {
	r := rulestest.File(t, testRules)
	cases := map[string]struct {
		resource, subResource string
		operation             admissionv1.Operation
		labels                map[string]string
		mode                  Mode
		wantAllowed           bool
		wantMessage           string
		wantWarning           string
	}{
		"pods/binding with a managed label": {resource: "pods", subResource: "binding", operation: admissionv1.Create,
			labels:      map[string]string{"topology.kubernetes.io/zone": "a", "egress.netiso.dev/paymentservice": "true", "egress-type.netiso.dev/x": "true"},
			wantMessage: "pod shop/p: egress-type.netiso.dev/x, egress.netiso.dev/paymentservice"},
		"legacy bindings with a managed label": {resource: "bindings", operation: admissionv1.Create,
			labels: map[string]string{"egress.netiso.dev/paymentservice": "true"}, wantMessage: "may not carry managed labels"},
		"a scheduler's topology labels": {resource: "pods", subResource: "binding", operation: admissionv1.Create,
			labels: map[string]string{"topology.kubernetes.io/zone": "a"}, wantAllowed: true},
		"no labels": {resource: "bindings", operation: admissionv1.Create, wantAllowed: true},
		"audit mode lets it through, saying what enforce would do": {resource: "pods", subResource: "binding", operation: admissionv1.Create,
			labels: map[string]string{"egress.netiso.dev/paymentservice": "true"}, mode: ModeAudit, wantAllowed: true,
			wantWarning: "enforce mode would refuse it"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
			h.Mode = tc.mode
			b := &corev1.Binding{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Binding"},
				ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "shop", Labels: tc.labels},
				Target:     corev1.ObjectReference{Kind: "Node", Name: "node-1"},
			}
			obj, _ := json.Marshal(b)
			ar := admissionv1.AdmissionReview{
				TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
				Request: &admissionv1.AdmissionRequest{
					UID: "b1", Kind: metav1.GroupVersionKind{Version: "v1", Kind: "Binding"},
					Resource:    metav1.GroupVersionResource{Version: "v1", Resource: tc.resource},
					SubResource: tc.subResource, Operation: tc.operation, Namespace: "shop", Name: "p",
					UserInfo: authv1.UserInfo{Username: "system:kube-scheduler"}, Object: runtime.RawExtension{Raw: obj},
				},
			}
			body, _ := json.Marshal(ar)
			_, out := serve(t, h, body)
			resp := out.Response
			if resp.UID != "b1" || resp.Allowed != tc.wantAllowed || resp.Patch != nil {
				t.Fatalf("allowed %v (want %v), patch %s, uid %s", resp.Allowed, tc.wantAllowed, resp.Patch, resp.UID)
			}
			if tc.wantMessage != "" && (resp.Result == nil || resp.Result.Code != 403 || !strings.Contains(resp.Result.Message, tc.wantMessage)) {
				t.Errorf("status %+v, want 403 with %q", resp.Result, tc.wantMessage)
			}
			if tc.wantWarning != "" && !strings.Contains(strings.Join(resp.Warnings, "\n"), tc.wantWarning) {
				t.Errorf("warnings %q, want %q", resp.Warnings, tc.wantWarning)
			}
		})
	}
}
