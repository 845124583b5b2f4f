package webhook

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/go-logr/logr"
	admissionv1 "k8s.io/api/admission/v1"
	authv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// Quiet controller-runtime's "log.SetLogger(...) was never called" warning, which lands in the
// middle of benchmark output.
func init() { logf.SetLogger(logr.Discard()) }

// testRules are pkg/mutate's test rules, shared with the decision's tests.
const testRules = "../testdata/rules.yaml"

const reconciler = "system:serviceaccount:netiso-system:netiso"

var testConfig = mutate.Config{ServiceLabel: "app", UnknownService: mutate.UnknownAllow, ReconcilerUsername: reconciler}

// request is what a test admits; it becomes a raw AdmissionReview.
type request struct {
	Operation admissionv1.Operation `json:"operation"`
	Namespace string                `json:"namespace"`
	Username  string                `json:"username,omitempty"`
	Object    json.RawMessage       `json:"object"`
	OldObject json.RawMessage       `json:"oldObject,omitempty"`
}

// reviewJSON encodes a request as the API server would send it.
func reviewJSON(t testing.TB, r request) []byte {
	t.Helper()
	ar := admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{
			UID:       types.UID("705ab4f5-6393-11e8-b7cc-42010a800002"),
			Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
			Operation: r.Operation,
			Namespace: r.Namespace,
			UserInfo:  authv1.UserInfo{Username: r.Username},
			Object:    runtime.RawExtension{Raw: r.Object},
			OldObject: runtime.RawExtension{Raw: r.OldObject},
		},
	}
	b, err := json.Marshal(ar)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serve posts a raw body to the webhook as the API server does and returns the decoded review.
func serve(t testing.TB, h *Handler, body []byte) (int, admissionv1.AdmissionReview) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, Path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.Webhook().ServeHTTP(rec, req)
	var out admissionv1.AdmissionReview
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("response is not an AdmissionReview: %v: %s", err, rec.Body.String())
	}
	return rec.Code, out
}

// podLabels reads the labels and annotations of a pod's JSON.
func podMeta(t testing.TB, obj []byte) mutate.Meta {
	t.Helper()
	var o object
	if err := kjson.UnmarshalCaseSensitivePreserveInts(obj, &o); err != nil {
		t.Fatal(err)
	}
	if o.Metadata == nil {
		t.Fatalf("no metadata in %s", obj)
	}
	return *o.Metadata
}

// managed returns the managed labels among a pod's labels.
func managed(m mutate.Meta) map[string]string {
	out := map[string]string{}
	for k, v := range m.Labels {
		if rules.DefaultOptions().IsManaged(k) {
			out[k] = v
		}
	}
	return out
}

// addReviewSeeds seeds a fuzz target with the golden cases' reviews and the example review.
func addReviewSeeds(f *testing.F) {
	for _, s := range goldenCases(f) {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		var req request
		if err := yaml.Unmarshal(data, &req); err != nil {
			f.Fatal(err)
		}
		f.Add(reviewJSON(f, req))
	}
	if b, err := os.ReadFile("../../../examples/online-boutique/admission-review-frontend.json"); err == nil {
		f.Add(b)
	}
}
