package webhook

import (
	"encoding/json"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	kjson "sigs.k8s.io/json"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// FuzzHandler feeds raw AdmissionReview bytes to the webhook. Whatever comes in: no panic; a patch
// that comes back applies cleanly to the object; applying the handler to its own output yields no
// patch; every label it writes is a valid label; and no managed label survives that the rules do
// not grant (on UPDATE by anyone but netiso, none that the old pod did not already carry).
//
// go test ./pkg/mutate -run '^$' -fuzz FuzzHandler -fuzztime 10m
func FuzzHandler(f *testing.F) {
	r := rulestest.File(f, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	addReviewSeeds(f)
	f.Add([]byte(`{"request":{"uid":"1","kind":{"version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"shop","object":{"metadata":{"labels":{"app":"frontend","egress.netiso.dev/x":"true"}}}}}`))
	f.Add([]byte(`{}`))

	opts := r.Options()
	f.Fuzz(func(t *testing.T, body []byte) {
		_, out := serve(t, h, body) // serve fails the test if the answer is not an AdmissionReview
		if out.Response == nil || !out.Response.Allowed || len(out.Response.Patch) == 0 {
			return
		}
		// Only the fields the handler reads, case-sensitively as the handler reads them: the API
		// server sends well-formed reviews, and the handler does not check fields it skips.
		var in struct {
			Request *struct {
				Operation admissionv1.Operation `json:"operation"`
				Namespace string                `json:"namespace"`
				UserInfo  struct {
					Username string `json:"username"`
				} `json:"userInfo"`
				Object    json.RawMessage `json:"object"`
				OldObject json.RawMessage `json:"oldObject"`
			} `json:"request"`
		}
		if err := kjson.UnmarshalCaseSensitivePreserveInts(body, &in); err != nil || in.Request == nil {
			t.Fatalf("a patch for a request that does not decode: %v", err)
		}
		req := in.Request
		patched := mutatetest.ApplyPatch(t, req.Object, out.Response.Patch)
		after := podMeta(t, patched)

		ns := req.Namespace
		if ns == "" {
			ns = after.Namespace
		}
		grant, _ := r.Lookup(after.Labels[testConfig.ServiceLabel], ns)
		var old mutate.Meta
		if req.Operation == admissionv1.Update {
			old = podMeta(t, req.OldObject)
		}
		for k, v := range after.Labels {
			if !opts.IsManaged(k) {
				continue
			}
			if errs := validation.IsQualifiedName(k); len(errs) > 0 {
				t.Errorf("wrote an invalid label key %q: %v", k, errs)
			}
			if !grant.Has(k) || v != rules.LabelValue {
				t.Errorf("managed label %s=%s survived but is not granted", k, v)
			}
			if req.Operation == admissionv1.Update && req.UserInfo.Username != reconciler && old.Labels[k] != v {
				t.Errorf("a user's UPDATE gained %s=%s", k, v)
			}
		}

		b := reviewJSON(t, request{Operation: req.Operation, Namespace: req.Namespace, Username: req.UserInfo.Username,
			Object: patched, OldObject: req.OldObject})
		if _, second := serve(t, h, b); second.Response == nil || len(second.Response.Patch) != 0 {
			t.Errorf("not idempotent: second pass %+v", second.Response)
		}
	})
}
