package webhook

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-logr/logr/funcr"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// The log answers "why does this pod have (or lack) this label": a line for each pod created and
// each update that changes its labels, naming the service, the reason, the rules version and the
// keys; none for an update that changes nothing.
func TestHandlerLogsDecisions(t *testing.T) {
	r := rulestest.File(t, "../../../examples/online-boutique/rules.yaml")
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	granted := func(service string) map[string]string {
		g, _ := r.Lookup(service, "shop")
		l := map[string]string{"app": service}
		for _, k := range g.Keys {
			l[k] = "true"
		}
		return l
	}
	withForged := granted("cartservice")
	withForged["egress.netiso.dev/paymentservice"] = "true"
	unchanged := granted("cartservice")

	cases := map[string]struct {
		op        admissionv1.Operation
		obj, old  map[string]string
		generate  bool
		wantLines []string // each a substring of the one line wanted; none: no line
	}{
		"create": {op: admissionv1.Create, obj: map[string]string{"app": "cartservice", "egress.netiso.dev/paymentservice": "true"}, generate: true,
			wantLines: []string{`"msg"="labelled"`, `"namespace"="shop"`, `"user"="alice"`, `"service"="cartservice"`, `"reason"="granted"`, `"rulesHash"="` + r.Hash() + `"`,
				`"added"=["egress.netiso.dev/redis-cart"]`, `"removed"=["egress.netiso.dev/paymentservice"]`, `"generateName"="cartservice-"`}},
		"create of an unknown service": {op: admissionv1.Create, obj: map[string]string{"app": "nope"},
			wantLines: []string{`"msg"="labelled"`, `"service"="nope"`, `"reason"="unknown_service"`, `"labels"=0`}},
		"user's update adding a label": {op: admissionv1.Update, obj: withForged, old: unchanged,
			wantLines: []string{`"msg"="labelled"`, `"operation"="UPDATE"`, `"removed"=["egress.netiso.dev/paymentservice"]`, `"byUser"=true`}},
		"update changing nothing": {op: admissionv1.Update, obj: unchanged, old: unchanged},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var lines []string
			h := *h
			h.Log = funcr.New(func(prefix, args string) { lines = append(lines, args) }, funcr.Options{})
			meta := map[string]any{"name": "p", "labels": tc.obj}
			if tc.generate {
				meta = map[string]any{"generateName": "cartservice-", "labels": tc.obj}
			}
			req := request{Operation: tc.op, Namespace: "shop", Username: "alice", Object: mustJSON(t, map[string]any{"kind": "Pod", "metadata": meta})}
			if tc.old != nil {
				req.OldObject = mustJSON(t, map[string]any{"kind": "Pod", "metadata": map[string]any{"name": "p", "labels": tc.old}})
			}
			if _, out := serve(t, &h, reviewJSON(t, req)); !out.Response.Allowed {
				t.Fatalf("not allowed: %+v", out.Response.Result)
			}
			if len(tc.wantLines) == 0 {
				if len(lines) != 0 {
					t.Errorf("want no line, got %q", lines)
				}
				return
			}
			if len(lines) != 1 {
				t.Fatalf("want one line, got %q", lines)
			}
			for _, w := range tc.wantLines {
				if !strings.Contains(lines[0], w) {
					t.Errorf("line %s\nlacks %s", lines[0], w)
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
