package webhook

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

func pod(labels map[string]string) json.RawMessage {
	b, _ := json.Marshal(map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": "p", "labels": labels},
		"spec":     map[string]any{"containers": []any{map[string]any{"name": "c", "image": "i"}}},
	})
	return b
}

func TestHandlerOnlineBoutiqueFrontend(t *testing.T) {
	r := rulestest.File(t, "../../../examples/online-boutique/rules.yaml")
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: mutate.Config{ServiceLabel: "app", UnknownService: mutate.UnknownAllow}}
	body, err := os.ReadFile("../../../examples/online-boutique/admission-review-frontend.json")
	if err != nil {
		t.Fatal(err)
	}
	code, out := serve(t, h, body)
	if code != 200 || !out.Response.Allowed || out.Response.UID != "3b1e6c1e-2d7a-4c57-9f0e-1a2b3c4d5e6f" {
		t.Fatalf("got %d %+v", code, out.Response)
	}
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal(body, &review); err != nil {
		t.Fatal(err)
	}
	after := podMeta(t, mutatetest.ApplyPatch(t, review.Request.Object.Raw, out.Response.Patch))
	want := map[string]string{}
	for _, callee := range []string{"adservice", "cartservice", "checkoutservice", "currencyservice", "productcatalogservice", "recommendationservice", "shippingservice"} {
		want["egress.netiso.dev/"+callee] = "true"
	}
	if got := managed(after); !maps.Equal(got, want) {
		t.Errorf("managed labels\n got %v\nwant %v", got, want)
	}
	if after.Labels["app"] != "frontend" || after.Labels["pod-template-hash"] != "7c9b5d8f4" {
		t.Errorf("other labels changed: %v", after.Labels)
	}
	if after.Annotations[mutate.AnnotationRulesHash] != r.Hash() {
		t.Errorf("rules-hash annotation %q, want %q", after.Annotations[mutate.AnnotationRulesHash], r.Hash())
	}
	if len(out.Response.Warnings) != 1 || !strings.Contains(out.Response.Warnings[0], "egress.netiso.dev/paymentservice") {
		t.Errorf("want one warning naming the forged label, got %q", out.Response.Warnings)
	}
}

func TestHandler(t *testing.T) {
	r := rulestest.File(t, testRules)
	grant := map[string]string{"egress.netiso.dev/cartservice": "true", "egress.netiso.dev/checkoutservice": "true"}
	frontend := maps.Clone(grant)
	frontend["app"] = "frontend"
	with := func(m map[string]string, kv ...string) map[string]string {
		out := maps.Clone(m)
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	cases := map[string]struct {
		config      mutate.Config
		req         request
		wantCode    int32 // of the response's status; 0 for an allowed one
		wantAllowed bool
		wantManaged map[string]string // after the patch
		wantWarning string            // a substring of a warning, if any
		wantMessage string            // a substring of the status message, if any
	}{
		"spoofed label on CREATE is removed": {
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(with(frontend, "egress.netiso.dev/paymentservice", "true"))},
			wantAllowed: true,
			wantManaged: grant,
			wantWarning: "egress.netiso.dev/paymentservice",
		},
		"spoofed label with an empty value is removed and named": {
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(with(frontend, "egress.netiso.dev/paymentservice", ""))},
			wantAllowed: true,
			wantManaged: grant,
			wantWarning: "egress.netiso.dev/paymentservice",
		},
		"label added on UPDATE is dropped": {
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice",
				OldObject: pod(frontend), Object: pod(with(frontend, "egress.netiso.dev/paymentservice", "true"))},
			wantAllowed: true,
			wantManaged: grant,
			wantWarning: "egress.netiso.dev/paymentservice",
		},
		"granted label re-added on UPDATE by a user is dropped too": {
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice",
				OldObject: pod(map[string]string{"app": "frontend"}), Object: pod(frontend)},
			wantAllowed: true,
			wantManaged: map[string]string{},
		},
		"identity changed on UPDATE keeps only the common grant": {
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice",
				OldObject: pod(frontend), Object: pod(with(frontend, "app", "checkoutservice"))},
			wantAllowed: true,
			wantManaged: map[string]string{"egress.netiso.dev/cartservice": "true"},
		},
		"identity changed on UPDATE to an unknown service drops everything": {
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice",
				OldObject: pod(frontend), Object: pod(with(frontend, "app", "nobody"))},
			wantAllowed: true,
			wantManaged: map[string]string{},
			wantWarning: `service "nobody" (label app) is not in the rules`,
		},
		"UPDATE by the reconciler sets the full grant": {
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: reconciler,
				OldObject: pod(map[string]string{"app": "frontend"}), Object: pod(map[string]string{"app": "frontend"})},
			wantAllowed: true,
			wantManaged: grant,
		},
		"unknown service is allowed with a warning": {
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "nobody", "egress.netiso.dev/cartservice": "true"})},
			wantAllowed: true,
			wantManaged: map[string]string{},
			wantWarning: `service "nobody" (label app) is not in the rules`,
		},
		"unknown service is denied in deny mode": {
			config:      mutate.Config{ServiceLabel: "app", UnknownService: mutate.UnknownDeny},
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "nobody"})},
			wantCode:    http.StatusForbidden,
			wantMessage: `service "nobody" (label app) is not in the rules`,
		},
		"no identity label is denied in deny mode": {
			config:      mutate.Config{ServiceLabel: "app", UnknownService: mutate.UnknownDeny},
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(nil)},
			wantCode:    http.StatusForbidden,
			wantMessage: "pod has no app label",
		},
		"deny mode never blocks an UPDATE: it strips instead": {
			config: mutate.Config{ServiceLabel: "app", UnknownService: mutate.UnknownDeny},
			req: request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice",
				OldObject: pod(map[string]string{"app": "nobody"}), Object: pod(map[string]string{"app": "nobody", "egress.netiso.dev/x": "true"})},
			wantAllowed: true,
			wantManaged: map[string]string{},
		},
		"service outside its namespaces gets nothing": {
			req:         request{Operation: admissionv1.Create, Namespace: "sandbox", Object: pod(map[string]string{"app": "checkoutservice"})},
			wantAllowed: true,
			wantManaged: map[string]string{},
			wantWarning: `service "checkoutservice" (label app) may not run in namespace "sandbox"`,
		},
		"service inside one of its namespaces is granted": {
			req:         request{Operation: admissionv1.Create, Namespace: "payments", Object: pod(map[string]string{"app": "paymentservice"})},
			wantAllowed: true,
			wantManaged: map[string]string{},
		},
		"namespace taken from the object when the request has none": {
			req:         request{Operation: admissionv1.Create, Object: json.RawMessage(`{"kind":"Pod","metadata":{"generateName":"c-","namespace":"shop","labels":{"app":"checkoutservice"}}}`)},
			wantAllowed: true,
			wantManaged: map[string]string{"egress.netiso.dev/cartservice": "true", "egress.netiso.dev/paymentservice": "true"},
		},
		"a Labels member is no label, to the API server or to netiso": {
			req: request{Operation: admissionv1.Create, Namespace: "shop",
				Object: json.RawMessage(`{"kind":"Pod","metadata":{"name":"p","labels":{"app":"frontend"},"Labels":{"app":"checkoutservice","egress.netiso.dev/paymentservice":"true"}}}`)},
			wantAllowed: true,
			wantManaged: grant,
		},
		"a Metadata member is no metadata": {
			req: request{Operation: admissionv1.Create, Namespace: "shop",
				Object: json.RawMessage(`{"kind":"Pod","metadata":{"name":"p","labels":{"app":"frontend"}},"Metadata":{"labels":{"app":"checkoutservice"}}}`)},
			wantAllowed: true,
			wantManaged: grant,
		},
		"no namespace anywhere": {
			req:         request{Operation: admissionv1.Create, Object: pod(frontend)},
			wantCode:    http.StatusBadRequest,
			wantMessage: "no namespace",
		},
		"malformed object": {
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: json.RawMessage(`{"kind":"Pod","metadata":{"labels":["not","a","map"]}}`)},
			wantCode:    http.StatusBadRequest,
			wantMessage: "metadata.labels",
		},
		"object of another kind": {
			req:         request{Operation: admissionv1.Create, Namespace: "shop", Object: json.RawMessage(`{"kind":"Secret","metadata":{"name":"s"}}`)},
			wantCode:    http.StatusBadRequest,
			wantMessage: "object is a Secret, not a Pod",
		},
		"UPDATE without the old object": {
			req:         request{Operation: admissionv1.Update, Namespace: "shop", Object: pod(frontend)},
			wantCode:    http.StatusBadRequest,
			wantMessage: "no oldObject",
		},
		"DELETE is not ours": {
			req:         request{Operation: admissionv1.Delete, Namespace: "shop", OldObject: pod(frontend)},
			wantAllowed: true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig
			if tc.config.ServiceLabel != "" {
				cfg = tc.config
			}
			h := &Handler{Rules: func() *rules.Compiled { return r }, Config: cfg}
			code, out := serve(t, h, reviewJSON(t, tc.req))
			resp := out.Response
			if code != 200 {
				t.Fatalf("HTTP %d", code)
			}
			if resp.Allowed != tc.wantAllowed {
				t.Fatalf("allowed %v, want %v (%+v)", resp.Allowed, tc.wantAllowed, resp.Result)
			}
			if tc.wantCode != 0 && (resp.Result == nil || resp.Result.Code != tc.wantCode) {
				t.Errorf("status %+v, want code %d", resp.Result, tc.wantCode)
			}
			if tc.wantMessage != "" && (resp.Result == nil || !strings.Contains(resp.Result.Message, tc.wantMessage)) {
				t.Errorf("message %+v, want it to contain %q", resp.Result, tc.wantMessage)
			}
			if !resp.Allowed && len(resp.Patch) > 0 {
				t.Errorf("a refused request carries a patch")
			}
			if tc.wantWarning != "" && !strings.Contains(strings.Join(resp.Warnings, "\n"), tc.wantWarning) {
				t.Errorf("warnings %q, want one containing %q", resp.Warnings, tc.wantWarning)
			}
			if tc.wantManaged == nil || !resp.Allowed {
				return
			}
			after := podMeta(t, mutatetest.ApplyPatch(t, tc.req.Object, resp.Patch))
			if got := managed(after); !maps.Equal(got, tc.wantManaged) {
				t.Errorf("managed labels\n got %v\nwant %v", got, tc.wantManaged)
			}
		})
	}
}

func TestHandlerUnusualRequests(t *testing.T) {
	r := rulestest.File(t, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	post := func(body []byte, contentType string) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, Path, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		h.Webhook().ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	create := reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "frontend"})})

	t.Run("malformed body", func(t *testing.T) {
		code, body := post([]byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{`), "application/json")
		if code != 200 || !strings.Contains(body, `"code":400`) {
			t.Errorf("got %d %s", code, body)
		}
	})
	t.Run("wrong content type", func(t *testing.T) {
		code, body := post(create, "text/plain")
		if code != 200 || !strings.Contains(body, `"code":400`) || !strings.Contains(body, "contentType") {
			t.Errorf("got %d %s", code, body)
		}
	})
	t.Run("wrong kind in the request", func(t *testing.T) {
		body := bytes.Replace(create, []byte(`"kind":{"group":"","version":"v1","kind":"Pod"}`), []byte(`"kind":{"group":"apps","version":"v1","kind":"Deployment"}`), 1)
		if bytes.Equal(body, create) {
			t.Fatal("test did not change the kind")
		}
		_, out := serve(t, h, body)
		if out.Response.Allowed || out.Response.Result.Code != 400 || !strings.Contains(out.Response.Result.Message, "apps/v1, Kind=Deployment") {
			t.Errorf("got %+v", out.Response.Result)
		}
	})
	t.Run("label added through the status subresource is dropped", func(t *testing.T) {
		frontend := map[string]string{"app": "frontend", "egress.netiso.dev/cartservice": "true", "egress.netiso.dev/checkoutservice": "true"}
		forged := maps.Clone(frontend)
		forged["egress.netiso.dev/paymentservice"] = "true"
		update := request{Operation: admissionv1.Update, Namespace: "shop", Username: "alice", OldObject: pod(frontend), Object: pod(forged)}
		body := bytes.Replace(reviewJSON(t, update), []byte(`"operation":"UPDATE"`), []byte(`"subResource":"status","operation":"UPDATE"`), 1)
		_, out := serve(t, h, body)
		after := podMeta(t, mutatetest.ApplyPatch(t, update.Object, out.Response.Patch))
		if _, ok := after.Labels["egress.netiso.dev/paymentservice"]; !out.Response.Allowed || ok {
			t.Errorf("forged label survived a status update: %+v %v", out.Response.Result, after.Labels)
		}
	})
	t.Run("admission.k8s.io/v1beta1 review, answered in its version", func(t *testing.T) {
		body := bytes.Replace(create, []byte(`"apiVersion":"admission.k8s.io/v1"`), []byte(`"apiVersion":"admission.k8s.io/v1beta1"`), 1)
		_, out := serve(t, h, body)
		if !out.Response.Allowed || len(out.Response.Patch) == 0 || out.APIVersion != "admission.k8s.io/v1beta1" || out.Kind != "AdmissionReview" {
			t.Errorf("got %s %+v", out.APIVersion, out.Response)
		}
	})
	// The API server never sends these; a request that does is refused, not half-read. (The review
	// around the objects is decoded by controller-runtime with the API server's own decoder: a
	// duplicate member there is read as the API server reads one, the last wins. Only the API server
	// writes that envelope, from its own structs; the objects carry what a client wrote.)
	for name, body := range map[string][]byte{
		"a duplicate metadata":  bytes.Replace(create, []byte(`"metadata":{`), []byte(`"metadata":{},"metadata":{`), 1),
		"a duplicate label":     bytes.Replace(create, []byte(`"app":"frontend"`), []byte(`"app":"frontend","app":"cartservice"`), 1),
		"data after the review": append(bytes.Clone(create), []byte(`{}`)...),
		"invalid UTF-8":         bytes.Replace(create, []byte(`"namespace":"shop"`), []byte("\"namespace\":\"sh\xffp\""), 1),
	} {
		t.Run(name, func(t *testing.T) {
			if bytes.Equal(body, create) {
				t.Fatal("the test did not change the review")
			}
			code, answer := post(body, "application/json")
			if code != 200 || !strings.Contains(answer, `"code":400`) || strings.Contains(answer, `"allowed":true`) {
				t.Errorf("got %d %s", code, answer)
			}
		})
	}
	// controller-runtime answers a review in its own version and kind, and the API server refuses an
	// answer that is not the AdmissionReview version it sent (k8s.io/apiserver's
	// VerifyAdmissionResponse): a review of another version or kind admits nothing.
	for name, tc := range map[string]struct{ from, to string }{
		"another review version": {`"apiVersion":"admission.k8s.io/v1"`, `"apiVersion":"admission.k8s.io/v2"`},
		"another kind of review": {`"kind":"AdmissionReview"`, `"kind":"TokenReview"`},
	} {
		t.Run(name, func(t *testing.T) {
			body := bytes.Replace(create, []byte(tc.from), []byte(tc.to), 1)
			if bytes.Equal(body, create) {
				t.Fatal("the test did not change the review")
			}
			_, out := serve(t, h, body)
			if out.APIVersion+"/"+out.Kind == "admission.k8s.io/v1/AdmissionReview" || !strings.Contains(`{"apiVersion":"`+out.APIVersion+`","kind":"`+out.Kind+`"`, tc.to) {
				t.Errorf("answered as %s %s, not in the request's version and kind", out.APIVersion, out.Kind)
			}
		})
	}
	t.Run("rules not loaded", func(t *testing.T) {
		none := &Handler{Rules: func() *rules.Compiled { return nil }, Config: testConfig}
		_, out := serve(t, none, create)
		if out.Response.Allowed || out.Response.Result.Code != http.StatusServiceUnavailable {
			t.Errorf("got %+v", out.Response.Result)
		}
	})
}

func TestHandlerCountsAdmissions(t *testing.T) {
	r := rulestest.File(t, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	counter := admissions.WithLabelValues("CREATE", "patched", string(mutate.ReasonUnknownService))
	before := testutil.ToFloat64(counter)
	serve(t, h, reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "nobody", "egress.netiso.dev/x": "true"})}))
	if got := testutil.ToFloat64(counter) - before; got != 1 {
		t.Errorf("netiso_admissions_total{CREATE,patched,unknown_service} rose by %v, want 1", got)
	}
}
