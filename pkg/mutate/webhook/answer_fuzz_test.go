package webhook

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// FuzzAnswerWriter holds appendReview, the hand-written answer, to encoding/json writing the same
// admissionv1.AdmissionReview as controller-runtime does (json.Encoder): the same bytes, and so the
// same review when the API server decodes it. Warnings come in one string, split at newlines.
//
// go test ./pkg/mutate -run '^$' -fuzz FuzzAnswerWriter -fuzztime 10m
func FuzzAnswerWriter(f *testing.F) {
	f.Add(false, "705ab4f5-6393-11e8-b7cc-42010a800002", true, int32(200), "", "granted", []byte(`[{"op":"add","path":"/metadata/labels/egress.netiso.dev~1cart","value":"true"}]`), "")
	f.Add(true, "u", false, int32(403), string(metav1.StatusReasonForbidden), "netiso: service \"x\" <may> not & run", []byte(nil), "w1\nw2")
	f.Add(false, "", false, int32(400), "", "decoding: at /request: want an object, not a string \u2028 \xff", []byte{}, "")
	f.Add(false, "u", true, int32(0), "", "", []byte{}, "\n")
	f.Fuzz(func(t *testing.T, beta bool, uid string, allowed bool, code int32, reason, message string, patch []byte, warnings string) {
		apiVersion := reviewV1
		if beta {
			apiVersion = reviewV1beta1
		}
		a := answer{Allowed: allowed, Code: code, Reason: reason, Message: message, Patch: patch}
		if warnings != "" {
			a.Warnings = strings.Split(warnings, "\n")
		}
		got := appendReview(nil, apiVersion, uid, a)

		want := admissionv1.AdmissionReview{
			TypeMeta: metav1.TypeMeta{Kind: "AdmissionReview", APIVersion: apiVersion},
			Response: &admissionv1.AdmissionResponse{
				UID: types.UID(uid), Allowed: allowed, Patch: patch, Warnings: a.Warnings,
				Result: &metav1.Status{Code: code, Reason: metav1.StatusReason(reason), Message: message},
			},
		}
		if len(patch) > 0 {
			pt := admissionv1.PatchTypeJSONPatch
			want.Response.PatchType = &pt
		}
		var lib bytes.Buffer
		if err := json.NewEncoder(&lib).Encode(want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, lib.Bytes()) {
			t.Errorf("appendReview wrote\n%s\nencoding/json\n%s", got, lib.Bytes())
		}
		// And what matters to the API server: both decode to the same review.
		var g, l admissionv1.AdmissionReview
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("appendReview wrote invalid JSON: %v\n%s", err, got)
		}
		if err := json.Unmarshal(lib.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, l) {
			t.Errorf("decoded, appendReview's\n%+v\nencoding/json's\n%+v", g.Response, l.Response)
		}
	})
}
