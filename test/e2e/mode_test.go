//go:build e2e

package e2e

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/test/harness"
)

// In audit mode the webhook changes no label: a pod keeps what it was created with (a forged label
// too), and the audit annotation, a warning and the metrics say what enforce mode would have done.
func TestAuditMode(t *testing.T) {
	r := compiled(t, baseRules)
	webhook.Stop()
	audit := &harness.Webhook{Bin: webhook.Bin, Addr: webhook.Addr, Args: append(slices.Clone(webhook.Args), "--mode=audit"),
		Log: filepath.Join(filepath.Dir(webhook.Log), "webhook-audit.log")}
	t.Cleanup(func() {
		audit.Stop()
		if err := webhook.Start(); err != nil {
			t.Fatal(err)
		}
	})
	if err := audit.Start(); err != nil {
		t.Fatal(err)
	}

	ns := newNamespace(t, nil)
	forged := map[string]string{"egress.netiso.dev/paymentservice": "true"}
	n := warnings.count()
	p := pod(ns, "frontend", forged)
	create(t, p)
	if got := managed(p); !maps.Equal(got, forged) {
		t.Errorf("audit mode changed the managed labels: %v, want %v", got, forged)
	}
	want := slices.Sorted(maps.Keys(grantOf(t, r, "frontend", ns)))
	if got := p.Annotations[names.AnnotationAudit]; got != strings.Join(want, ",") {
		t.Errorf("%s = %q, want %q", names.AnnotationAudit, got, strings.Join(want, ","))
	}
	if _, ok := p.Annotations[mutate.AnnotationRulesHash]; ok {
		t.Error("audit mode wrote the rules-hash annotation")
	}
	if w := strings.Join(warnings.since(n), "\n"); !strings.Contains(w, "audit mode") || !strings.Contains(w, "egress.netiso.dev/paymentservice") {
		t.Errorf("warnings %q: want audit mode said, and the label enforce mode would remove named", w)
	}
	if c := counter(must(t, audit.Metrics), `netiso_admissions_total{operation="CREATE",reason="granted",result="audit"}`); c < 1 {
		t.Errorf("no audit admission counted")
	}
}
