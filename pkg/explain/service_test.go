package explain

import (
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func loadBank(t *testing.T) *rules.Compiled {
	t.Helper()
	return rulestest.File(t, "../policy/testdata/bank.rules.yaml")
}

func TestExplain(t *testing.T) {
	c := loadBank(t)
	typeKey := rules.DefaultOptions().TypeKey("Platform Observability")
	cases := []struct {
		name, service, namespace string
		check                    func(t *testing.T, e *Explanation)
	}{
		{"a callee, by name and by type", "service.ledger", "", func(t *testing.T, e *Explanation) {
			want := []Caller{
				{Service: "service.Payments_Core-reconciliation-and-settlement-worker", Via: []string{"calls"}},
				{Service: "service.emoji", Via: []string{"calls"}},
				{Service: "service.monitoring", Via: []string{"callsTypes backend"}},
			}
			if !equalJSON(t, e.CalledBy, want) {
				t.Errorf("calledBy %+v", e.CalledBy)
			}
			if e.CalleeLabel.Key != "egress.netiso.dev/service.ledger" || e.TypeLabel == nil || e.TypeLabel.Key != "egress-type.netiso.dev/backend" {
				t.Errorf("labels %+v %+v", e.CalleeLabel, e.TypeLabel)
			}
			if !equalJSON(t, e.Policies, []Ref{{Namespace: "bank", Name: "netiso-service.ledger"}}) {
				t.Errorf("policies %+v", e.Policies)
			}
		}},
		{"a caller through a type: its pods' labels, the policies that admit them", "service.monitoring", "", func(t *testing.T, e *Explanation) {
			if len(e.CallsTypes) != 1 || e.CallsTypes[0].Name != "backend" || !slices.Equal(e.CallsTypes[0].Services, []string{"service.emoji", "service.ledger"}) {
				t.Errorf("callsTypes %+v", e.CallsTypes)
			}
			if len(e.Pods) != 1 || !e.Pods[0].Granted || e.Pods[0].Namespace != "platform" || !slices.Equal(e.Pods[0].Labels, []string{"egress-type.netiso.dev/backend"}) {
				t.Errorf("pods %+v", e.Pods)
			}
			var admitted []string
			for _, r := range e.AdmittedBy {
				admitted = append(admitted, r.Namespace+"/"+r.Name+" via "+r.Via)
			}
			want := []string{"bank/netiso-service.emoji via egress-type.netiso.dev/backend", "bank/netiso-service.ledger via egress-type.netiso.dev/backend",
				"staging/netiso-service.emoji via egress-type.netiso.dev/backend"}
			if !slices.Equal(admitted, want) {
				t.Errorf("admittedBy\n%v\nwant\n%v", admitted, want)
			}
			if e.TypeLabel == nil || !e.TypeLabel.Shortened || e.TypeLabel.Key != typeKey {
				t.Errorf("type label %+v: want the shortened %s", e.TypeLabel, typeKey)
			}
		}},
		{"a namespace it may not run in", "service.emoji", "default", func(t *testing.T, e *Explanation) {
			if len(e.Pods) != 1 || e.Pods[0].Granted || len(e.Pods[0].Labels) != 0 || !strings.Contains(e.Pods[0].Reason, `may not run in namespace "default"`) {
				t.Errorf("pods %+v", e.Pods)
			}
		}},
		{"an exempt namespace is noted", "batch.report", "kube-system", func(t *testing.T, e *Explanation) {
			if len(e.Notes) != 1 || !strings.Contains(e.Notes[0], "kube-system is exempt") {
				t.Errorf("notes %v", e.Notes)
			}
			if !e.Pods[0].Granted {
				t.Errorf("batch.report may run anywhere: %+v", e.Pods)
			}
		}},
		{"calling a public service", "batch.report", "", func(t *testing.T, e *Explanation) {
			if e.PolicyNamespaces[0] != "default" || e.Namespaces != nil {
				t.Errorf("namespaces %v, policy namespaces %v", e.Namespaces, e.PolicyNamespaces)
			}
		}},
		{"a public service", "edge.proxy", "", func(t *testing.T, e *Explanation) {
			if !e.Public || len(e.Notes) != 1 || !strings.Contains(e.Notes[0], "from anywhere, on its ports only") {
				t.Errorf("public %v, notes %v", e.Public, e.Notes)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Explain(c, tc.service, tc.namespace, policy.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, e)
			text := e.Text()
			if !strings.HasPrefix(text, "service "+tc.service+" (rules version "+c.Hash()+")") {
				t.Errorf("text starts %q", text[:min(len(text), 80)])
			}
		})
	}
}

func TestExplainAdmittedByPublic(t *testing.T) {
	e, err := Explain(loadBank(t), "batch.report", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// batch.report calls service.monitoring, which is not public: admitted by its callee label.
	if len(e.AdmittedBy) != 1 || e.AdmittedBy[0].Via != "egress.netiso.dev/service.monitoring" {
		t.Errorf("admittedBy %+v", e.AdmittedBy)
	}
	e, err = Explain(loadBank(t), "edge.proxy", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(e.AdmittedBy) != 2 || e.AdmittedBy[0].Service != "service.emoji" {
		t.Errorf("admittedBy %+v", e.AdmittedBy)
	}
}

func TestExplainUnknownService(t *testing.T) {
	_, err := Explain(loadBank(t), "service.nope", "", policy.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), `service "service.nope" is not in the rules`) {
		t.Errorf("error %v", err)
	}
}

func TestExplainText(t *testing.T) {
	e, err := Explain(loadBank(t), "service.monitoring", "", policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	text := e.Text()
	for _, want := range []string{
		`or, by type:       ` + rules.DefaultOptions().TypeKey("Platform Observability") + ` (shortened from "Platform Observability")`,
		"every backend",
		`egress-type.netiso.dev/backend: "true"`,
		"policies that admit its pods (3):",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
