package helm_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchema: values.schema.json and the rules.content check refuse what would install a broken
// webhook, each with a message that names the value, and accept the largest rules that fit.
func TestSchema(t *testing.T) {
	helmBin(t)
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	header := "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n  - name: a\n"
	limit := 1<<20 - 16<<10
	atLimit := file("at-limit.yaml", header+"# "+strings.Repeat("x", limit-len(header)-3)+"\n")
	overLimit := file("over-limit.yaml", header+"# "+strings.Repeat("x", limit-len(header)-2)+"\n")
	configMap := file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: netiso-rules}\ndata: {rules.yaml: '{}'}\n")
	for _, tc := range []struct {
		name string
		args []string
		want string // in the error; "" for rendered
	}{
		{"no replica", []string{"--set", "replicaCount=0"}, "at '/replicaCount': minimum: got 0, want 1"},
		{"a fractional replica", []string{"--set", "replicaCount=1.5"}, "/replicaCount"},
		{"an unknown mode", []string{"--set", "mode=dry-run"}, "at '/mode': value must be one of 'enforce', 'audit'"},
		{"an unknown unknownService", []string{"--set", "unknownService=warn"}, "/unknownService"},
		{"a zero reconciler rate", []string{"--set", "reconciler.qps=0"}, "/reconciler/qps"},
		{"rules over a ConfigMap", []string{"--set-file", "rules.content=" + overLimit}, "at '/rules/content': maxLength"},
		{"rules at the limit", []string{"--set-file", "rules.content=" + atLimit}, ""},
		{"a compiled ConfigMap as rules", []string{"--set-file", "rules.content=" + configMap}, "rules.content is not a rules document"},
		{"not YAML as rules", []string{"--set-file", "rules.content=" + file("broken.yaml", "services: [\n")}, "rules.content is not a rules document"},
		// policies: what would make netiso apply broken policies, or the guard fail to install or
		// silently keep a default the installer meant to change.
		{"a DNS port of 0", []string{"--set", "policies.dns.port=0"}, "at '/policies/dns/port': minimum: got 0, want 1"},
		{"a DNS port over 65535", []string{"--set", "policies.dns.port=65536"}, "/policies/dns/port"},
		{"a DNS port by name", []string{"--set", "policies.dns.port=dns"}, "/policies/dns/port"},
		{"a DNS pod label that is no key=value", []string{"--set", "policies.dns.podLabel=kube-dns"}, "/policies/dns/podLabel"},
		{"a default namespace that is no namespace name", []string{"--set", "policies.defaultNamespace=Default"}, "/policies/defaultNamespace"},
		{"manage as a string", []string{"--set-string", "policies.manage=yes"}, "/policies/manage"},
		{"a misspelt guard key", []string{"--set", "policies.guard.enable=false"}, "/policies/guard"},
		{"a misspelt policies key", []string{"--set", "policies.defaultdeny=true"}, "/policies"},
		{"an unknown guard failurePolicy", []string{"--set", "policies.guard.failurePolicy=Never"}, "/policies/guard/failurePolicy"},
		{"Deny and Warn together", []string{"--set-json", `policies.guard.teamValidationActions=["Deny","Warn"]`}, "/policies/guard/teamValidationActions"},
		{"no validation action", []string{"--set-json", "policies.guard.validationActions=[]"}, "/policies/guard/validationActions"},
		{"an unknown validation action", []string{"--set-json", `policies.guard.validationActions=["Block"]`}, "/policies/guard/validationActions"},
		{"an empty exempt group", []string{"--set-json", `policies.guard.exemptGroups=[""]`}, "/policies/guard/exemptGroups"},
		{"exempt users as a string", []string{"--set", "policies.guard.exemptUsers=alice"}, "/policies/guard/exemptUsers"},
		{"a misspelt teamWriters key", []string{"--set-json", `policies.guard.teamWriters={"user":["alice"]}`}, "/policies/guard/teamWriters"},
		{"a warn-only team rollout", []string{"--set-json", `policies.guard.teamValidationActions=["Warn","Audit"]`}, ""},
		{"no DNS", []string{"--set", "policies.dns.namespace=", "--set", "policies.dns.podLabel="}, ""},
		{"administrators exempt", []string{"--set-json", `policies.guard.exemptGroups=["system:masters"]`}, ""},
		// monitoring: what would leave it silently off, or render rules Prometheus refuses.
		{"a misspelt monitoring key", []string{"--set", "monitoring.serviceMonitor.enable=true"}, "/monitoring/serviceMonitor"},
		{"a scrape interval with no unit", []string{"--set-string", "monitoring.serviceMonitor.interval=30"}, "/monitoring/serviceMonitor/interval"},
		{"a rule selector in braces", []string{"--set-json", `monitoring.prometheusRule.selector="{job=\"netiso\"}"`}, "/monitoring/prometheusRule/selector"},
		{"a rule selector that is no matcher", []string{"--set", "monitoring.prometheusRule.selector=netiso"}, "/monitoring/prometheusRule/selector"},
		{"no latency objective", []string{"--set", "monitoring.prometheusRule.admissionLatencySeconds=0"}, "/monitoring/prometheusRule/admissionLatencySeconds"},
		{"a latency objective of 0.0", []string{"--set", "monitoring.prometheusRule.admissionLatencySeconds=0.0"}, "/monitoring/prometheusRule/admissionLatencySeconds"},
		{"a latency objective that is no number", []string{"--set", "monitoring.prometheusRule.admissionLatencySeconds=100ms"}, "/monitoring/prometheusRule/admissionLatencySeconds"},
		{"a latency objective of 0.25 (a string to --set)", []string{"--set", "monitoring.prometheusRule.admissionLatencySeconds=0.25"}, ""},
		{"a rule selector", []string{"--set-json", `monitoring.prometheusRule.selector="job=\"netiso\", namespace=~\"netiso-.*\""`}, ""},
		{"a dashboard folder", []string{"--set", "monitoring.grafanaDashboard.enabled=true", "--set", "monitoring.grafanaDashboard.annotations.grafana_folder=netiso"}, ""},
		{"one replica", []string{"--set", "replicaCount=1"}, ""},
		{"audit", []string{"--set", "mode=audit"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := render(t, namespace, tc.args...)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
