package webhook

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/rules"
)

// In audit mode the webhook decides as in enforce mode but changes no label: the decision goes to
// the audit annotation and the warnings, and nothing is denied.
func TestHandlerAuditMode(t *testing.T) {
	r := rulestest.File(t, testRules)
	const grant = "egress.netiso.dev/cartservice,egress.netiso.dev/checkoutservice"
	frontend := map[string]string{"app": "frontend"}
	forged := map[string]string{"app": "frontend", "egress.netiso.dev/paymentservice": "true"}
	withAudit := func(labels map[string]string, value string) json.RawMessage {
		var obj map[string]any
		_ = json.Unmarshal(pod(labels), &obj)
		obj["metadata"].(map[string]any)["annotations"] = map[string]string{names.AnnotationAudit: value}
		b, _ := json.Marshal(obj)
		return b
	}
	cases := map[string]struct {
		unknown      mutate.UnknownServicePolicy
		req          request
		wantAudit    string // "" when no patch is expected
		wantWarnings []string
	}{
		"CREATE: the grant recorded, a forged label left in place": {
			req:          request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(forged)},
			wantAudit:    grant,
			wantWarnings: []string{"audit mode", "enforce mode would remove labels that the rules (version " + r.Hash() + ") do not give this pod: egress.netiso.dev/paymentservice"},
		},
		"a user's UPDATE is judged by the grant, not by labels audit never set": {
			req:       request{Operation: admissionv1.Update, Namespace: "shop", Username: "kubelet", OldObject: pod(frontend), Object: pod(frontend)},
			wantAudit: grant,
		},
		"unknown service": {
			req:          request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "nobody"})},
			wantAudit:    "none",
			wantWarnings: []string{"audit mode", "not in the rules", "enforce mode would give it no egress labels"},
		},
		"what deny mode would refuse is let in": {
			unknown:      mutate.UnknownDeny,
			req:          request{Operation: admissionv1.Create, Namespace: "shop", Object: pod(map[string]string{"app": "nobody"})},
			wantAudit:    "none",
			wantWarnings: []string{"would deny this pod"},
		},
		"an existing audit annotation is corrected": {
			req:       request{Operation: admissionv1.Create, Namespace: "shop", Object: withAudit(frontend, "none")},
			wantAudit: grant,
		},
		"a second pass yields no patch": {
			req: request{Operation: admissionv1.Create, Namespace: "shop", Object: withAudit(frontend, grant)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig
			if tc.unknown != "" {
				cfg.UnknownService = tc.unknown
			}
			h := &Handler{Rules: func() *rules.Compiled { return r }, Config: cfg, Mode: ModeAudit}
			counter := admissions.WithLabelValues(string(tc.req.Operation), ResultAudit, string(mutate.Decide(mutate.Input{
				Operation: tc.req.Operation, Namespace: tc.req.Namespace, Pod: podMeta(t, tc.req.Object), Audit: true,
			}, r, cfg).Reason))
			count := testutil.ToFloat64(counter)
			_, out := serve(t, h, reviewJSON(t, tc.req))
			resp := out.Response
			if !resp.Allowed {
				t.Fatalf("audit mode refused a pod: %+v", resp.Result)
			}
			if got := testutil.ToFloat64(counter) - count; got != 1 {
				t.Errorf("netiso_admissions_total{result=audit} rose by %v, want 1", got)
			}
			if tc.wantAudit == "" {
				if len(resp.Patch) > 0 {
					t.Errorf("unexpected patch %s", resp.Patch)
				}
				return
			}
			before, after := podMeta(t, tc.req.Object), podMeta(t, mutatetest.ApplyPatch(t, tc.req.Object, resp.Patch))
			if !maps.Equal(after.Labels, before.Labels) {
				t.Errorf("audit mode changed labels: %v -> %v", before.Labels, after.Labels)
			}
			if got := after.Annotations[names.AnnotationAudit]; got != tc.wantAudit {
				t.Errorf("%s = %q, want %q", names.AnnotationAudit, got, tc.wantAudit)
			}
			if _, ok := after.Annotations[mutate.AnnotationRulesHash]; ok {
				t.Error("audit mode wrote the rules-hash annotation: no labels back it")
			}
			all := strings.Join(resp.Warnings, "\n")
			if strings.Contains(all, "netiso removed") || strings.Contains(all, "netiso gives") {
				t.Errorf("an audit warning says netiso did what only enforce mode does: %q", resp.Warnings)
			}
			for _, w := range tc.wantWarnings {
				if !strings.Contains(all, w) {
					t.Errorf("warnings %q, want one containing %q", resp.Warnings, w)
				}
			}
		})
	}
}
