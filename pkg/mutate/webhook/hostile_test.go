package webhook

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// Hostile and broken input: each gets a clear error or the right labels, never a panic, and the
// handler keeps answering afterwards.
func TestHostileInput(t *testing.T) {
	r := rulestest.File(t, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	post := func(body []byte, contentType string) (int, string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, Path, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		h.Webhook().ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	frontendOK := func(t *testing.T) {
		t.Helper()
		_, out := serve(t, h, reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "frontend"})}))
		if !out.Response.Allowed || len(out.Response.Patch) == 0 {
			t.Fatalf("the handler stopped answering properly: %+v", out.Response)
		}
	}

	errorCases := map[string]struct {
		body        []byte
		contentType string
		want        string // in the response body
	}{
		"body over controller-runtime's 7 MiB limit": {
			body: append([]byte(`{"request":{"object":{"metadata":{"name":"`), bytes.Repeat([]byte("a"), 8<<20)...), contentType: "application/json",
			want: "request entity is too large",
		},
		"deeply nested JSON": {
			body:        []byte(`{"request":{"kind":{"version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"shop","object":{"metadata":{"labels":` + strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000) + `}}}}`),
			contentType: "application/json",
			want:        `"code":400`,
		},
		"empty body":         {body: nil, contentType: "application/json", want: `"code":400`},
		"not JSON":           {body: []byte("\x00\xff<xml/>"), contentType: "application/json", want: `"code":400`},
		"YAML content type":  {body: []byte("request: {}"), contentType: "application/yaml", want: "contentType"},
		"protobuf":           {body: []byte{0x6b, 0x38, 0x73, 0x00}, contentType: "application/vnd.kubernetes.protobuf", want: "contentType"},
		"a review of a Node": {body: bytes.Replace(reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(nil)}), []byte(`"kind":"Pod"}`), []byte(`"kind":"Node"}`), 1), contentType: "application/json", want: "netiso admits v1 Pods"},
	}
	for name, tc := range errorCases {
		t.Run(name, func(t *testing.T) {
			code, body := post(tc.body, tc.contentType)
			if code != http.StatusOK && code != http.StatusBadRequest {
				t.Errorf("HTTP %d", code)
			}
			if !strings.Contains(body, tc.want) || strings.Contains(body, `"allowed":true`) {
				t.Errorf("want a refusal containing %q, got %.300s", tc.want, body)
			}
			frontendOK(t)
		})
	}

	t.Run("thousands of labels, some forged", func(t *testing.T) {
		labels := map[string]string{"app": "frontend"}
		for i := range 5000 {
			labels[fmt.Sprintf("team.example.com/l%d", i)] = "x"
			if i%10 == 0 {
				labels[fmt.Sprintf("egress.netiso.dev/forged-%d", i)] = "true"
			}
		}
		req := request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(labels)}
		_, out := serve(t, h, reviewJSON(t, req))
		after := podMeta(t, mutatetest.ApplyPatch(t, req.Object, out.Response.Patch))
		want := map[string]string{"egress.netiso.dev/cartservice": "true", "egress.netiso.dev/checkoutservice": "true"}
		if got := managed(after); !maps.Equal(got, want) {
			t.Errorf("managed labels: %d, want %v", len(got), want)
		}
		if len(after.Labels) != 5001+2 {
			t.Errorf("%d labels after, want the 5,001 unmanaged ones and 2 granted", len(after.Labels))
		}
	})

	t.Run("unicode and names at the length limits", func(t *testing.T) {
		for _, service := range []string{"ünïcode-sërvice", strings.Repeat("a", 63), strings.Repeat("a", 64), "", "-x", "a/b"} {
			req := request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": service, "egress.netiso.dev/" + strings.Repeat("z", 63): "true"})}
			_, out := serve(t, h, reviewJSON(t, req))
			if !out.Response.Allowed {
				t.Errorf("%q: refused: %+v", service, out.Response.Result)
				continue
			}
			after := podMeta(t, mutatetest.ApplyPatch(t, req.Object, out.Response.Patch))
			if got := managed(after); len(got) != 0 {
				t.Errorf("%q (not in the rules) got %v", service, got)
			}
		}
		frontendOK(t)
	})
}

// Rules of unusual shape get the right labels: cycles, self-calls, a 10,000-callee caller.
func TestUnusualRules(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n")
	b.WriteString("  - name: a\n    calls: [b, a]\n  - name: b\n    calls: [c]\n  - name: c\n    calls: [a]\n")
	b.WriteString("  - name: monitoring\n    calls:\n")
	for i := range 10000 {
		fmt.Fprintf(&b, "      - s%05d\n", i)
	}
	for i := range 10000 {
		fmt.Fprintf(&b, "  - name: s%05d\n", i)
	}
	doc, err := rules.Parse("unusual.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	for service, want := range map[string]int{"a": 2, "b": 1, "c": 1, "monitoring": 10000} {
		req := request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": service})}
		_, out := serve(t, h, reviewJSON(t, req))
		after := podMeta(t, mutatetest.ApplyPatch(t, req.Object, out.Response.Patch))
		if got := len(managed(after)); got != want {
			t.Errorf("%s: %d managed labels, want %d", service, got, want)
		}
	}
}
