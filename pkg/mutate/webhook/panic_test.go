package webhook

import (
	"net/http"
	"strings"
	"testing"

	"github.com/go-logr/logr/funcr"
	"github.com/prometheus/client_golang/prometheus/testutil"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// A panic inside the handler is answered, not a dropped connection: a 500 in the review to the
// request's UID (so the API server refuses the pod rather than timing out), one log line naming the
// UID, and the admission counted under ReasonPanic. The next request is served as usual.
func TestHandlerRecoversFromPanic(t *testing.T) {
	r := rulestest.File(t, "../../../examples/online-boutique/rules.yaml")
	explode := true
	var lines []string
	h := &Handler{
		Rules: func() *rules.Compiled {
			if explode {
				panic("rules exploded")
			}
			return r
		},
		Config: testConfig,
		Log:    funcr.New(func(_, args string) { lines = append(lines, args) }, funcr.Options{}),
	}
	body := reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "shop", Username: "alice",
		Object: mustJSON(t, map[string]any{"kind": "Pod", "metadata": map[string]any{"name": "p", "labels": map[string]string{"app": "cartservice"}}})})
	const uid = "705ab4f5-6393-11e8-b7cc-42010a800002" // reviewJSON's

	counter := admissions.WithLabelValues("CREATE", "error", string(mutate.ReasonPanic))
	before := testutil.ToFloat64(counter)
	code, out := serve(t, h, body)
	if code != http.StatusOK {
		t.Fatalf("HTTP status %d, want 200 with the error in the review", code)
	}
	resp := out.Response
	if resp == nil || resp.Allowed || resp.Result == nil || resp.Result.Code != http.StatusInternalServerError {
		t.Fatalf("want a refusal with code 500, got %+v", resp)
	}
	if string(resp.UID) != uid {
		t.Errorf("response UID %q, want the request's %q", resp.UID, uid)
	}
	if !strings.Contains(resp.Result.Message, "rules exploded") {
		t.Errorf("message %q does not say what panicked", resp.Result.Message)
	}
	if len(resp.Patch) != 0 {
		t.Errorf("a panicked admission carries a patch: %s", resp.Patch)
	}
	if got := testutil.ToFloat64(counter) - before; got != 1 {
		t.Errorf("netiso_admissions_total{result=error,reason=panic} rose by %v, want 1", got)
	}
	if len(lines) != 1 {
		t.Fatalf("want one log line, got %q", lines)
	}
	for _, w := range []string{`"requestID"="` + uid + `"`, "rules exploded", `"stack"=`} {
		if !strings.Contains(lines[0], w) {
			t.Errorf("log line %s\nlacks %s", lines[0], w)
		}
	}

	explode = false
	if _, out := serve(t, h, body); out.Response == nil || !out.Response.Allowed || len(out.Response.Patch) == 0 {
		t.Fatalf("after a panic the next request is not served as usual: %+v", out.Response)
	}
}
