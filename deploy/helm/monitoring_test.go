package helm_test

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	ctrlwebhook "sigs.k8s.io/controller-runtime/pkg/webhook"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/cmd/webhook/app"
	"github.com/netiso/netiso/pkg/imagesig"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/policyowner"
	"github.com/netiso/netiso/pkg/reconcile"
)

// monitoringAPIs are the --api-versions of a cluster that serves the Prometheus Operator's CRDs.
var monitoringAPIs = []string{"--api-versions", "monitoring.coreos.com/v1/ServiceMonitor", "--api-versions", "monitoring.coreos.com/v1/PrometheusRule"}

// monitoringOn turns the ServiceMonitor, the PrometheusRule and the dashboard on; the first two
// still need their CRDs (monitoringAPIs) or force.
var monitoringOn = []string{
	"--set", "monitoring.serviceMonitor.enabled=true",
	"--set", "monitoring.prometheusRule.enabled=true",
	"--set", "monitoring.grafanaDashboard.enabled=true",
}

// monitoringKinds names what the monitoring values render: kind/name.
func monitoringKinds(t *testing.T, out []byte) []string {
	t.Helper()
	var got []string
	for _, o := range objects(t, out) {
		if o.Kind == "ServiceMonitor" || o.Kind == "PrometheusRule" || o.Kind == "ConfigMap" && o.Name == release+"-dashboard" {
			got = append(got, o.Kind+"/"+o.Name)
		}
	}
	return got
}

// decodeLoose unmarshals the one object of that kind and name into a struct that holds only part of
// it: custom resources have no Go types here (the API server test checks them whole).
func decodeLoose(t *testing.T, manifests []byte, kind, name string, into any) {
	t.Helper()
	for _, o := range objects(t, manifests) {
		if o.Kind == kind && o.Name == name {
			if err := yaml.Unmarshal(o.YAML, into); err != nil {
				t.Fatalf("%s %s: %v", kind, name, err)
			}
			return
		}
	}
	t.Fatalf("no %s %q rendered", kind, name)
}

// TestMonitoringOptional: nothing by default; turned on, the ServiceMonitor and the PrometheusRule
// render only where the API server serves their CRD (or when forced, for GitOps renders without a
// cluster), so turning them on never breaks an install on a cluster without the operator. The
// dashboard is a ConfigMap: it needs no CRD.
func TestMonitoringOptional(t *testing.T) {
	helmBin(t)
	// In sorted order.
	const dash, pr, sm = "ConfigMap/" + release + "-dashboard", "PrometheusRule/" + release, "ServiceMonitor/" + release
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"defaults", nil, nil},
		{"defaults, with the CRDs served", monitoringAPIs, nil},
		{"on, no CRDs", monitoringOn, []string{dash}},
		{"on, only the group version served", append(slices.Clone(monitoringOn), "--api-versions", "monitoring.coreos.com/v1"), []string{dash}},
		{"on, ServiceMonitor served", append(slices.Clone(monitoringOn), "--api-versions", "monitoring.coreos.com/v1/ServiceMonitor"), []string{dash, sm}},
		{"on, both served", append(slices.Clone(monitoringOn), monitoringAPIs...), []string{dash, pr, sm}},
		{"on and forced, no CRDs", append(slices.Clone(monitoringOn), "--set", "monitoring.serviceMonitor.force=true", "--set", "monitoring.prometheusRule.force=true"), []string{dash, pr, sm}},
		{"forced but off", []string{"--set", "monitoring.serviceMonitor.force=true", "--set", "monitoring.prometheusRule.force=true"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := monitoringKinds(t, mustRender(t, namespace, c.args...))
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("rendered %v, want %v", got, c.want)
			}
		})
	}
}

// serviceMonitor is the part of monitoring.coreos.com/v1 ServiceMonitor the chart sets (the API
// server test checks the whole object against the operator's CRD).
type serviceMonitor struct {
	Metadata struct {
		Labels map[string]string `json:"labels"`
	} `json:"metadata"`
	Spec struct {
		Selector          struct{ MatchLabels map[string]string } `json:"selector"`
		NamespaceSelector struct {
			MatchNames []string `json:"matchNames"`
		} `json:"namespaceSelector"`
		ScrapeClassicHistograms bool `json:"scrapeClassicHistograms"`
		Endpoints               []struct {
			Port            string `json:"port"`
			Path            string `json:"path"`
			Scheme          string `json:"scheme"`
			BearerTokenFile string `json:"bearerTokenFile"`
			TLSConfig       *struct {
				InsecureSkipVerify bool   `json:"insecureSkipVerify"`
				ServerName         string `json:"serverName"`
				CA                 *struct {
					Secret *struct{ Name, Key string } `json:"secret"`
				} `json:"ca"`
			} `json:"tlsConfig"`
		} `json:"endpoints"`
	} `json:"spec"`
}

// TestServiceMonitor: Prometheus scrapes the Service's metrics port, which reaches the container port
// the webhook serves /metrics on; over HTTPS with its own token when metrics.secure, verifying the
// serving certificate with the CA of the Secret the webhook mounts, against a name the certificate
// holds (Prometheus dials pod IPs, which it does not).
func TestServiceMonitor(t *testing.T) {
	helmBin(t)
	on := append(slices.Clone(monitoringOn), monitoringAPIs...)
	out := mustRender(t, namespace, append(slices.Clone(on), "--set", "monitoring.serviceMonitor.labels.release=kube-prometheus-stack")...)
	var m serviceMonitor
	decodeLoose(t, out, "ServiceMonitor", release, &m)
	var svc corev1.Service
	decode(t, out, "Service", release+"-webhook", &svc)
	var d appsv1.Deployment
	decode(t, out, "Deployment", release, &d)
	var secret corev1.Secret
	decode(t, out, "Secret", release+"-tls", &secret)

	for k, v := range m.Spec.Selector.MatchLabels {
		if svc.Labels[k] != v {
			t.Errorf("selector %s=%s does not select the Service (labels %v)", k, v, svc.Labels)
		}
	}
	if len(m.Spec.Selector.MatchLabels) == 0 || !slices.Equal(m.Spec.NamespaceSelector.MatchNames, []string{namespace}) {
		t.Errorf("selects %v in %v, want the Service's labels in %s", m.Spec.Selector.MatchLabels, m.Spec.NamespaceSelector.MatchNames, namespace)
	}
	if !m.Spec.ScrapeClassicHistograms {
		t.Error("scrapeClassicHistograms is off: where Prometheus ingests native histograms, the latency alert would read no buckets")
	}
	if m.Metadata.Labels["release"] != "kube-prometheus-stack" {
		t.Errorf("labels %v lack monitoring.serviceMonitor.labels", m.Metadata.Labels)
	}
	if len(m.Spec.Endpoints) != 1 {
		t.Fatalf("%d endpoints, want 1", len(m.Spec.Endpoints))
	}
	ep := m.Spec.Endpoints[0]
	// The port, by name: Service port -> targetPort -> the container port of --metrics-bind-address.
	var target string
	for _, p := range svc.Spec.Ports {
		if p.Name == ep.Port {
			target = p.TargetPort.String()
		}
	}
	c := d.Spec.Template.Spec.Containers[0]
	var containerPort int32
	for _, p := range c.Ports {
		if p.Name == target {
			containerPort = p.ContainerPort
		}
	}
	if want := fmt.Sprintf("--metrics-bind-address=:%d", containerPort); containerPort == 0 || !slices.Contains(c.Args, want) {
		t.Errorf("port %q reaches container port %d (target %q); args %v", ep.Port, containerPort, target, c.Args)
	}
	if ep.Path != "/metrics" || ep.Scheme != "https" || ep.BearerTokenFile != "/var/run/secrets/kubernetes.io/serviceaccount/token" {
		t.Errorf("endpoint %+v: want https /metrics with Prometheus's ServiceAccount token", ep)
	}
	tc := ep.TLSConfig
	if tc == nil || tc.InsecureSkipVerify || tc.CA == nil || tc.CA.Secret == nil {
		t.Fatalf("tlsConfig %+v: want the CA from a Secret, verified", tc)
	}
	if tc.CA.Secret.Name != secret.Name || d.Spec.Template.Spec.Volumes[0].Secret.SecretName != secret.Name {
		t.Errorf("CA from Secret %s; the chart's Secret is %s, mounted from %s", tc.CA.Secret.Name, secret.Name, d.Spec.Template.Spec.Volumes[0].Secret.SecretName)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(secret.Data[tc.CA.Secret.Key]) {
		t.Fatalf("the Secret's %q holds no CA", tc.CA.Secret.Key)
	}
	block, _ := pem.Decode(secret.Data["tls.crt"])
	if block == nil {
		t.Fatal("tls.crt is not PEM")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: tc.ServerName, Roots: pool}); err != nil {
		t.Errorf("serverName %q: the serving certificate does not verify for it: %v", tc.ServerName, err)
	}

	// cert-manager writes the Secret instead, with the CA in ca.crt (the chart's CA Issuer).
	out = mustRender(t, namespace, append(slices.Clone(on), "--set", "certManager.enabled=true")...)
	m = serviceMonitor{}
	decodeLoose(t, out, "ServiceMonitor", release, &m)
	var cert2 struct {
		Spec struct {
			SecretName string   `json:"secretName"`
			DNSNames   []string `json:"dnsNames"`
		} `json:"spec"`
	}
	decodeLoose(t, out, "Certificate", release+"-serving", &cert2)
	if tc := m.Spec.Endpoints[0].TLSConfig; tc.CA.Secret.Name != cert2.Spec.SecretName || !slices.Contains(cert2.Spec.DNSNames, tc.ServerName) {
		t.Errorf("with cert-manager: CA from %s for %s; the Certificate writes %s for %v", tc.CA.Secret.Name, tc.ServerName, cert2.Spec.SecretName, cert2.Spec.DNSNames)
	}

	m = serviceMonitor{}
	decodeLoose(t, mustRender(t, namespace, append(slices.Clone(on), "--set", "monitoring.serviceMonitor.insecureSkipVerify=true")...), "ServiceMonitor", release, &m)
	if tc := m.Spec.Endpoints[0].TLSConfig; tc == nil || !tc.InsecureSkipVerify || tc.CA != nil || tc.ServerName != "" {
		t.Errorf("insecureSkipVerify: tlsConfig %+v", tc)
	}
	m = serviceMonitor{}
	decodeLoose(t, mustRender(t, namespace, append(slices.Clone(on), "--set", "metrics.secure=false")...), "ServiceMonitor", release, &m)
	if ep := m.Spec.Endpoints[0]; ep.Scheme != "http" || ep.TLSConfig != nil || ep.BearerTokenFile != "" {
		t.Errorf("metrics.secure=false: endpoint %+v, want plain HTTP without a token", ep)
	}
}

// prometheusRule is a monitoring.coreos.com/v1 PrometheusRule; its spec is a Prometheus rules file.
type prometheusRule struct {
	Spec struct {
		Groups []struct {
			Name  string `json:"name"`
			Rules []struct {
				Alert       string            `json:"alert"`
				Expr        string            `json:"expr"`
				For         string            `json:"for"`
				Labels      map[string]string `json:"labels"`
				Annotations map[string]string `json:"annotations"`
			} `json:"rules"`
		} `json:"groups"`
	} `json:"spec"`
}

func renderRule(t *testing.T, args ...string) (prometheusRule, []byte) {
	t.Helper()
	out := mustRender(t, namespace, append(append(slices.Clone(monitoringOn), monitoringAPIs...), args...)...)
	var r prometheusRule
	decodeLoose(t, out, "PrometheusRule", release, &r)
	for _, o := range objects(t, out) {
		if o.Kind == "PrometheusRule" {
			var raw struct {
				Spec json.RawMessage `json:"spec"`
			}
			if err := yaml.Unmarshal(o.YAML, &raw); err != nil {
				t.Fatal(err)
			}
			rules, err := yaml.JSONToYAML(raw.Spec)
			if err != nil {
				t.Fatal(err)
			}
			return r, rules
		}
	}
	t.Fatal("no PrometheusRule")
	return r, nil
}

// alertTests is the promtool unit test file of the chart's alerts.
const alertTests = "testdata/alerts/netiso.test.yaml"

// TestAlertRules runs Prometheus' own checks on the chart's PrometheusRule: `promtool check rules`,
// and `promtool test rules` with testdata/alerts/netiso.test.yaml, which holds a case where each
// alert fires and one where it does not. Needs $PROMTOOL_BIN (`hack/tools.sh promtool`; make test
// sets it).
func TestAlertRules(t *testing.T) {
	helmBin(t)
	promtool := os.Getenv("PROMTOOL_BIN")
	if promtool == "" {
		t.Skip("PROMTOOL_BIN is not set: `eval \"$(hack/tools.sh promtool)\"; export PROMTOOL_BIN` first")
	}
	r, rules := renderRule(t)
	dir := t.TempDir()
	// The test file names its rules file "netiso.rules.yaml", next to it.
	if err := os.WriteFile(filepath.Join(dir, "netiso.rules.yaml"), rules, 0o644); err != nil {
		t.Fatal(err)
	}
	tests, err := os.ReadFile(alertTests)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "netiso.test.yaml"), tests, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "rules", "netiso.rules.yaml"}, {"test", "rules", "netiso.test.yaml"}} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	// Other values still make valid rules.
	_, custom := renderRule(t, "--set", `monitoring.prometheusRule.selector=job="netiso"`, "--set", "monitoring.prometheusRule.alertLabels.team=platform",
		"--set", "monitoring.prometheusRule.admissionLatencySeconds=0.25", "--set", "monitoring.prometheusRule.certificateExpiryDays=7")
	if err := os.WriteFile(filepath.Join(dir, "custom.rules.yaml"), custom, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(promtool, "check", "rules", "custom.rules.yaml")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check rules, other values: %v\n%s", err, out)
	}

	// Every alert is tested firing and not firing.
	var file struct {
		Tests []struct {
			AlertRuleTest []struct {
				Alertname string `json:"alertname"`
				ExpAlerts []any  `json:"exp_alerts"`
			} `json:"alert_rule_test"`
		} `json:"tests"`
	}
	if err := yaml.Unmarshal(tests, &file); err != nil {
		t.Fatal(err)
	}
	fires, quiet := map[string]bool{}, map[string]bool{}
	for _, tc := range file.Tests {
		for _, a := range tc.AlertRuleTest {
			if len(a.ExpAlerts) > 0 {
				fires[a.Alertname] = true
			} else {
				quiet[a.Alertname] = true
			}
		}
	}
	for _, g := range r.Spec.Groups {
		for _, rule := range g.Rules {
			if !fires[rule.Alert] || !quiet[rule.Alert] {
				t.Errorf("%s: %s has a case where it fires: %v, one where it does not: %v", alertTests, rule.Alert, fires[rule.Alert], quiet[rule.Alert])
			}
		}
	}
}

// alertsDoc is the runbook every alert's runbook_url points into.
const alertsDoc = "../../docs/alerts.md"

// TestAlertRunbooks: each alert names its own section of docs/alerts.md, and says how bad it is;
// each section there is an alert's.
func TestAlertRunbooks(t *testing.T) {
	helmBin(t)
	doc := readFile(t, alertsDoc)
	sections := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## (\S+)$`).FindAllStringSubmatch(doc, -1) {
		sections[m[1]] = true
	}
	r, _ := renderRule(t, "--set", "monitoring.prometheusRule.alertLabels.team=platform")
	const base = "https://github.com/netiso/netiso/blob/main/docs/alerts.md"
	alerts := map[string]bool{}
	for _, g := range r.Spec.Groups {
		for _, rule := range g.Rules {
			alerts[rule.Alert] = true
			if want := base + "#" + strings.ToLower(rule.Alert); rule.Annotations["runbook_url"] != want {
				t.Errorf("%s: runbook_url %q, want %q", rule.Alert, rule.Annotations["runbook_url"], want)
			}
			if !sections[rule.Alert] {
				t.Errorf("%s: no section \"## %s\" in docs/alerts.md", rule.Alert, rule.Alert)
			}
			if !slices.Contains([]string{"critical", "warning", "info"}, rule.Labels["severity"]) || rule.Labels["team"] != "platform" {
				t.Errorf("%s: labels %v, want a severity and alertLabels", rule.Alert, rule.Labels)
			}
			if rule.Annotations["summary"] == "" || rule.Annotations["description"] == "" {
				t.Errorf("%s: annotations %v lack a summary or description", rule.Alert, rule.Annotations)
			}
		}
	}
	for s := range sections {
		if !alerts[s] {
			t.Errorf("docs/alerts.md has a section %q for no alert", s)
		}
	}
}

// dashboard is the part of a Grafana dashboard the test reads.
type dashboard struct {
	UID        string `json:"uid"`
	Title      string `json:"title"`
	Templating struct {
		List []struct {
			Name, Type string
			Query      json.RawMessage `json:"query"`
		} `json:"list"`
	} `json:"templating"`
	Panels []struct {
		ID         int    `json:"id"`
		Type       string `json:"type"`
		Title      string `json:"title"`
		Datasource *struct {
			UID string `json:"uid"`
		} `json:"datasource"`
		GridPos struct{ H, W, X, Y int } `json:"gridPos"`
		Targets []struct {
			Expr       string `json:"expr"`
			Datasource *struct {
				UID string `json:"uid"`
			} `json:"datasource"`
		} `json:"targets"`
	} `json:"panels"`
}

// renderDashboard is the dashboard as the chart ships it, in its ConfigMap.
func renderDashboard(t *testing.T) dashboard {
	t.Helper()
	var cm corev1.ConfigMap
	decode(t, mustRender(t, namespace, monitoringOn...), "ConfigMap", release+"-dashboard", &cm)
	if cm.Labels["grafana_dashboard"] != "1" {
		t.Errorf("dashboard labels %v: the Grafana sidecar loads grafana_dashboard=1", cm.Labels)
	}
	var d dashboard
	dec := json.NewDecoder(strings.NewReader(cm.Data["netiso.json"]))
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("netiso.json: %v", err)
	}
	return d
}

// grafanaVariable matches a variable in a dashboard query: $name or ${name}.
var grafanaVariable = regexp.MustCompile(`\$(?:\{(\w+)\}|(\w+))`)

// dashboardQueries are the PromQL expressions of the dashboard's panels and variables, with each
// variable replaced by a value of its kind, as Grafana sends them.
func dashboardQueries(t *testing.T, d dashboard) map[string]string {
	t.Helper()
	builtin := map[string]string{"__rate_interval": "5m", "__interval": "1m", "__range": "1h"}
	vars := map[string]bool{}
	for _, v := range d.Templating.List {
		vars[v.Name] = true
	}
	expand := func(where, expr string) string {
		return grafanaVariable.ReplaceAllStringFunc(expr, func(m string) string {
			sub := grafanaVariable.FindStringSubmatch(m)
			name := sub[1] + sub[2]
			if v, ok := builtin[name]; ok {
				return v
			}
			if !vars[name] {
				t.Errorf("%s: %s is no variable of the dashboard", where, m)
			}
			return "x"
		})
	}
	queries := map[string]string{}
	labelValues := regexp.MustCompile(`^label_values\((.+),\s*\w+\)$`)
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		var q struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(v.Query, &q); err != nil {
			t.Fatalf("variable %s: %v", v.Name, err)
		}
		m := labelValues.FindStringSubmatch(q.Query)
		if m == nil {
			t.Errorf("variable %s: %q is not label_values(<selector>, <label>)", v.Name, q.Query)
			continue
		}
		queries["variable "+v.Name] = expand("variable "+v.Name, m[1])
	}
	for _, p := range d.Panels {
		for i, tg := range p.Targets {
			where := fmt.Sprintf("panel %d %q, target %d", p.ID, p.Title, i)
			queries[where] = expand(where, tg.Expr)
		}
	}
	return queries
}

// TestDashboard: the dashboard loads where the sidecar finds it, each panel has its own id and
// place, and reads the data source the user picks.
func TestDashboard(t *testing.T) {
	helmBin(t)
	d := renderDashboard(t)
	if raw, err := os.ReadFile("netiso/dashboards/netiso.json"); err != nil || !json.Valid(raw) {
		t.Fatalf("dashboards/netiso.json: %v", err)
	}
	if d.UID == "" || d.Title == "" {
		t.Errorf("uid %q, title %q: both are needed for Grafana to keep one dashboard across reloads", d.UID, d.Title)
	}
	ids := map[int]bool{}
	type cell struct{ x, y int }
	taken := map[cell]string{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		for x := p.GridPos.X; x < p.GridPos.X+p.GridPos.W; x++ {
			for y := p.GridPos.Y; y < p.GridPos.Y+p.GridPos.H; y++ {
				if other, ok := taken[cell{x, y}]; ok {
					t.Errorf("panels %q and %q overlap at %d,%d", other, p.Title, x, y)
				}
				taken[cell{x, y}] = p.Title
			}
		}
		if p.GridPos.X+p.GridPos.W > 24 {
			t.Errorf("panel %q reaches past the 24 columns", p.Title)
		}
		if p.Type == "row" {
			continue
		}
		if len(p.Targets) == 0 || p.Datasource == nil || p.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: %d queries, datasource %+v; want queries of ${datasource}", p.Title, len(p.Targets), p.Datasource)
		}
		for _, tg := range p.Targets {
			if tg.Datasource == nil || tg.Datasource.UID != "${datasource}" || tg.Expr == "" {
				t.Errorf("panel %q: a query %q of datasource %+v", p.Title, tg.Expr, tg.Datasource)
			}
		}
	}
}

// kubeStateMetrics are the series of kube-state-metrics' the alerts and dashboard read: its stable
// Deployment metrics.
var kubeStateMetrics = []string{"kube_deployment_spec_replicas", "kube_deployment_status_replicas_available"}

// TestMonitoringQueries: every PromQL expression of the alerts and the dashboard parses (Prometheus'
// own parser, hack/promql) and names only metrics netiso's /metrics serves, which the code registers
// (netiso's, and controller-runtime's of its webhook server, work queues, certificate watchers and
// process), or kube-state-metrics' of its Deployment. And every metric netiso registers has a panel.
func TestMonitoringQueries(t *testing.T) {
	helmBin(t)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run hack/promql with")
	}
	exported, netiso := exportedMetrics(t)
	r, _ := renderRule(t)
	queries := map[string]string{}
	for _, g := range r.Spec.Groups {
		for _, rule := range g.Rules {
			queries["alert "+rule.Alert] = rule.Expr
		}
	}
	fromDashboard := dashboardQueries(t, renderDashboard(t))
	for where, q := range fromDashboard {
		queries["dashboard "+where] = q
	}
	var wheres, exprs []string
	for where := range queries {
		wheres = append(wheres, where)
	}
	slices.Sort(wheres)
	for _, w := range wheres {
		exprs = append(exprs, queries[w])
	}
	results := parsePromQL(t, goBin, exprs)
	shown := map[string]bool{}
	for i, res := range results {
		if res.Error != "" {
			t.Errorf("%s: %s\n  %s", wheres[i], res.Error, exprs[i])
			continue
		}
		for _, m := range res.Metrics {
			if !exported[m] {
				t.Errorf("%s: %s is a metric nothing exports\n  %s", wheres[i], m, exprs[i])
			}
			if strings.HasPrefix(wheres[i], "dashboard ") {
				shown[m] = true
			}
		}
	}
	for _, m := range netiso {
		if !shown[m] && !shown[m+"_bucket"] {
			t.Errorf("netiso exports %s, which no dashboard panel shows", m)
		}
	}
}

// parsePromQL parses exprs with Prometheus' parser (go run in hack/promql, a module of its own).
func parsePromQL(t *testing.T, goBin string, exprs []string) []struct {
	Metrics []string `json:"metrics"`
	Error   string   `json:"error"`
} {
	t.Helper()
	in, err := json.Marshal(exprs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "run", ".")
	cmd.Dir = "../../hack/promql"
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hack/promql: %v\n%s", err, stderr.String())
	}
	var results []struct {
		Metrics []string `json:"metrics"`
		Error   string   `json:"error"`
	}
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(exprs) {
		t.Fatalf("hack/promql: %d results for %d expressions (%v): %s", len(results), len(exprs), err, out)
	}
	return results
}

// describer is a prometheus.Registerer that keeps what is registered on it, so that every metric's
// name can be read from its descriptors: a registry's Gather leaves out vectors with no child yet.
type describer struct{ collectors []prometheus.Collector }

func (d *describer) Register(c prometheus.Collector) error {
	d.collectors = append(d.collectors, c)
	return nil
}
func (d *describer) MustRegister(cs ...prometheus.Collector) {
	d.collectors = append(d.collectors, cs...)
}
func (d *describer) Unregister(prometheus.Collector) bool { return false }

var fqName = regexp.MustCompile(`fqName: "([^"]+)"`)

// exportedMetrics returns every series name netiso's /metrics can serve (histograms' _bucket, _sum
// and _count included), and the names of netiso's own metrics.
func exportedMetrics(t *testing.T) (map[string]bool, []string) {
	t.Helper()
	exported := map[string]bool{}
	for _, m := range kubeStateMetrics {
		exported[m] = true
	}
	var netiso []string
	// What the webhook registers on controller-runtime's registry at start.
	var d describer
	app.RegisterMetrics(&d, t.TempDir())
	for _, c := range d.collectors {
		ch := make(chan *prometheus.Desc)
		go func() { c.Describe(ch); close(ch) }()
		for desc := range ch {
			m := fqName.FindStringSubmatch(desc.String())
			if m == nil {
				t.Fatalf("no name in %s", desc)
			}
			netiso = append(netiso, m[1])
			exported[m[1]] = true
			// A vector's kind is its Go type; the others' (Histogram and Summary are one
			// interface) is what a registry gathers from them.
			switch c.(type) {
			case *prometheus.HistogramVec:
				exported[m[1]+"_bucket"], exported[m[1]+"_sum"], exported[m[1]+"_count"] = true, true, true
			case *prometheus.SummaryVec:
				exported[m[1]+"_sum"], exported[m[1]+"_count"] = true, true
			}
		}
		reg := prometheus.NewRegistry()
		reg.MustRegister(c)
		addGathered(t, exported, reg)
	}
	// What the running webhook adds to controller-runtime's registry: the signature verifier's
	// metrics, and the children of controller-runtime's vectors for its webhook path (once it has
	// answered) and its controllers' queues. Then everything on it is gathered: controller-runtime's
	// own, and the Go and process collectors.
	imagesig.New(imagesig.Options{})
	// One request through the webhook server: its latency histogram has no child until then.
	srv := ctrlwebhook.NewServer(ctrlwebhook.Options{})
	srv.Register(webhook.Path, http.NotFoundHandler())
	srv.WebhookMux().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, webhook.Path, nil))
	for _, name := range []string{reconcile.Name, policyowner.Name} {
		workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: name}).ShutDown()
	}
	for _, name := range addGathered(t, exported, metrics.Registry) {
		if strings.HasPrefix(name, "netiso_") && !slices.Contains(netiso, name) {
			netiso = append(netiso, name)
		}
	}
	for _, want := range []string{"netiso_admissions_total", "netiso_signature_checks_total", "controller_runtime_webhook_requests_total", "workqueue_depth", "process_resident_memory_bytes"} {
		if !exported[want] {
			t.Fatalf("%s missing from the exported metrics: the registries were not read", want)
		}
	}
	slices.Sort(netiso)
	return exported, netiso
}

// addGathered adds the series names of what g gathers to exported (a histogram's _bucket, _sum and
// _count, a summary's _sum and _count) and returns the metrics' names.
func addGathered(t *testing.T, exported map[string]bool, g prometheus.Gatherer) []string {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, mf := range mfs {
		name := mf.GetName()
		names = append(names, name)
		exported[name] = true
		switch mf.GetType().String() { // by name: client_model is not a module netiso requires itself
		case "HISTOGRAM", "GAUGE_HISTOGRAM":
			exported[name+"_bucket"], exported[name+"_sum"], exported[name+"_count"] = true, true, true
		case "SUMMARY":
			exported[name+"_sum"], exported[name+"_count"] = true, true
		}
	}
	return names
}
