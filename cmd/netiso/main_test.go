package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/explain"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

const (
	example  = "../../examples/online-boutique/rules.yaml"
	manifest = "../../testdata/online-boutique/kubernetes-manifests.yaml"
)

// netiso runs one command line in-process, as main would: the error, if any, printed to stderr.
func netiso(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out, &errOut)
	if err != nil {
		printError(&errOut, err)
		code = exitCode(err)
	}
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const badRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: a
    calls: [nope]
  - name: b
    callsTypes: [nothing]
  - name: a
`

// TestBadInput: every command refuses bad input with a non-zero exit and an error on stderr that
// names the file, service or flag; stdout stays empty.
func TestBadInput(t *testing.T) {
	bad := writeFile(t, "bad.yaml", badRules)
	notYAML := writeFile(t, "broken.yaml", "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices: [\n")
	cases := []struct {
		name string
		args []string
		code int
		want []string // each in stderr
	}{
		{"validate: every problem, each with file and service", []string{"validate", bad}, 1,
			[]string{bad + `: service "a": unknown callee "nope"`, bad + `: service "a": duplicate service`, bad + `: service "b": unknown type "nothing"`, "netiso: 3 problems in the rules"}},
		{"validate: a missing file", []string{"validate", "nope.yaml"}, 1, []string{"nope.yaml: no such file or directory"}},
		{"validate: broken YAML", []string{"validate", notYAML}, 1, []string{notYAML + ": invalid YAML"}},
		{"validate: no rules", []string{"validate"}, 2, []string{"want at least one rules file", "Run 'netiso --help'"}},
		{"validate: a bad prefix", []string{"validate", example, "--egress-prefix", "Not_A_Prefix"}, 2, []string{`--egress-prefix "Not_A_Prefix": egress prefix "Not_A_Prefix"`}},
		{"an unknown flag", []string{"validate", example, "--frobnicate"}, 2, []string{"unknown flag: --frobnicate"}},
		{"an unknown command", []string{"frobnicate"}, 2, []string{`unknown command "frobnicate"`}},
		{"a bad output format", []string{"validate", example, "-o", "xml"}, 2, []string{`"xml": want one of text, json`}},
		{"compile: bad rules", []string{"compile", bad}, 1, []string{`unknown callee "nope"`}},
		{"compile: a bad name", []string{"compile", example, "--name", "Rules!"}, 2, []string{`--name "Rules!"`}},
		{"compile: an unwritable output", []string{"compile", example, "-o", "/nonexistent/dir/cm.yaml"}, 1, []string{"write output", "/nonexistent/dir/cm.yaml"}},
		{"policies: bad rules", []string{"policies", bad}, 1, []string{`duplicate service`}},
		{"policies: a bad service label", []string{"policies", example, "--service-label", "-x-"}, 2, []string{`--service-label "-x-"`}},
		{"policies: a bad namespace", []string{"policies", example, "--netiso-namespace", "Netiso"}, 2, []string{`--netiso-namespace "Netiso"`}},
		{"explain: an unknown service", []string{"explain", example, "nope"}, 1, []string{`service "nope" is not in the rules (12 services`}},
		{"explain: no service", []string{"explain", example}, 2, []string{"want rules files or rule trees, then a service name"}},
		{"explain: --label without a pod", []string{"explain", example, "frontend", "--label", "egress.netiso.dev/x"}, 2, []string{"--label asks about a pod"}},
		{"explain: --pod and --pod-file", []string{"explain", example, "--pod", "shop/p", "--pod-file", "-"}, 2, []string{"give one of --pod and --pod-file"}},
		{"explain: a pod that is not NAMESPACE/NAME", []string{"explain", example, "--pod", "p"}, 2, []string{`--pod="p": want NAMESPACE/NAME`}},
		{"explain: rules twice", []string{"explain", example, "--rules-configmap", "netiso-system/netiso-rules", "--pod-file", "-"}, 2, []string{"not both"}},
		{"explain: no rules for a pod", []string{"explain", "--pod-file", "-"}, 2, []string{"want rules files or rule trees, or --rules-configmap"}},
		{"explain: not a pod", []string{"explain", example, "--pod-file", example}, 1, []string{`rules.yaml: a "Rules", not a Pod`}},
		{"explain: a foreign label", []string{"explain", example, "--pod-file", "testdata/pod-frontend.yaml", "--label", "app"}, 1, []string{`label "app" is not netiso's`}},
		{"explain: no cluster", []string{"explain", "--rules-configmap", "netiso-system/netiso-rules", "--pod", "shop/p", "--kubeconfig", "/nonexistent"}, 1, []string{"connecting to the cluster"}},
		{"graph: an unknown service", []string{"graph", example, "--service", "nope"}, 1, []string{`service "nope" is not in the rules`}},
		{"graph: a bad format", []string{"graph", example, "--format", "gif"}, 2, []string{`"gif": want one of dot, svg, png, html`}},
		{"graph: --diff without html", []string{"graph", example, "--diff", example}, 2, []string{"--diff needs --format html"}},
		{"graph: stdin twice", []string{"graph", "-", "--format", "html", "--diff", "-"}, 2, []string{"stdin (-) can be RULES or --diff, not both"}},
		{"graph html: an unknown service", []string{"graph", example, "--format", "html", "--service", "cartservise"}, 1, []string{`service "cartservise" is not in the rules`, "cartservice"}},
		{"discover: a missing file", []string{"discover", "nope.yaml"}, 1, []string{"read manifests: open nope.yaml"}},
		{"discover: not a manifest", []string{"discover", notYAML}, 1, []string{notYAML + ": document 1"}},
		{"discover --strict: a missing Service", []string{"discover", manifest, "--service-label", "app", "--strict"}, 1,
			[]string{"shoppingassistantservice:80: no Service shoppingassistantservice", "1 reference names something that is not there"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := netiso(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if stdout != "" && !strings.Contains(tc.name, "discover") {
				t.Errorf("stdout not empty:\n%s", stdout)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"", "validate", "compile", "policies", "explain", "graph", "diff", "discover", "flows"} {
		t.Run("help "+cmd, func(t *testing.T) {
			args := []string{"--help"}
			if cmd != "" {
				args = []string{cmd, "--help"}
			}
			stdout, stderr, code := netiso(t, "", args...)
			if code != 0 || stderr != "" || !strings.Contains(stdout, "Usage:") || (cmd != "" && !strings.Contains(stdout, "Examples:")) {
				t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	stdout, _, code := netiso(t, "", "validate", example)
	if code != 0 || !strings.HasPrefix(stdout, "ok: 12 services, 15 links, rules version ") || !strings.HasSuffix(stdout, "; fits one ConfigMap as text\n") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	bad := writeFile(t, "bad.yaml", badRules)
	stdout, stderr, code := netiso(t, "", "validate", bad, "-o", "json")
	var report validateReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatal(err)
	}
	if code != 1 || report.Valid || len(report.Problems) != 3 || report.Problems[0].File != bad || stderr != "netiso: 3 problems in the rules\n" {
		t.Errorf("exit %d, report %+v, stderr %q", code, report, stderr)
	}
}

// TestCompile: the ConfigMap round-trips through the webhook's reader to the same rules version,
// the one on its annotation.
func TestCompile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cm.yaml")
	_, _, code := netiso(t, "", "compile", example, "--name", "rules", "--namespace", "netiso", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var cm corev1.ConfigMap
	if err := yaml.UnmarshalStrict(data, &cm); err != nil {
		t.Fatal(err)
	}
	want, err := loadRules(streams{rules: &inputs{}}, []string{example}, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if cm.Name != "rules" || cm.Namespace != "netiso" || cm.Annotations[names.AnnotationRulesHash] != want.Hash() || len(cm.BinaryData) != 0 {
		t.Errorf("ConfigMap %s/%s, annotations %v, binaryData %d keys", cm.Namespace, cm.Name, cm.Annotations, len(cm.BinaryData))
	}
	if got := roundTrip(t, &cm, rules.DefaultOptions()); got != want.Hash() {
		t.Errorf("round trip: version %s, want %s", got, want.Hash())
	}
	if !strings.HasPrefix(cm.Data[rules.ConfigMapKey], `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"adservice"`) {
		t.Errorf("not compact JSON: %.80s", cm.Data[rules.ConfigMapKey])
	}

	stdout, _, code := netiso(t, "", "compile", example, "--format", "json", "--egress-prefix", "calls.example.com")
	if err := json.Unmarshal([]byte(stdout), &cm); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
	other := rules.Options{EgressPrefix: "calls.example.com", EgressTypePrefix: rules.DefaultEgressTypePrefix}
	if got := roundTrip(t, &cm, other); got != cm.Annotations[names.AnnotationRulesHash] || got == want.Hash() {
		t.Errorf("with another prefix: version %s, annotation %s", got, cm.Annotations[names.AnnotationRulesHash])
	}
}

// roundTrip reads the rules from a ConfigMap as the webhook does and returns their version.
func roundTrip(t *testing.T, cm *corev1.ConfigMap, lo rules.Options) string {
	t.Helper()
	data, key, err := rules.FromConfigMap(cm.Data, cm.BinaryData)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := rules.Parse(key, data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, lo)
	if err != nil {
		t.Fatal(err)
	}
	return c.Hash()
}

func TestPolicies(t *testing.T) {
	stdout, stderr, code := netiso(t, "", "policies", example, "--service-label", "app")
	golden, err := os.ReadFile("../../pkg/policy/testdata/online-boutique.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || stderr != "" || stdout != string(golden) {
		t.Errorf("exit %d, stderr %q; stdout differs from pkg/policy's golden file:\n%s", code, stderr, stdout)
	}
	stdout, _, code = netiso(t, "", "policies", example, "--audit", "--default-deny", "--format", "json")
	var list struct {
		Kind  string
		Items []policy.CalicoPolicy
	}
	if err := json.Unmarshal([]byte(stdout), &list); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if list.Kind != "List" || len(list.Items) != 13 || list.Items[0].Kind != "NetworkPolicy" || list.Items[0].APIVersion != "projectcalico.org/v3" {
		t.Errorf("%s of %d, first %+v", list.Kind, len(list.Items), list.Items[0])
	}
}

func TestExplain(t *testing.T) {
	stdout, _, code := netiso(t, "", "explain", example, "frontend", "--service-label", "app")
	for _, want := range []string{"service frontend (rules version", "pods:        app=frontend", "public:      true", `egress.netiso.dev/cartservice: "true"`, "default/netiso-cartservice"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("exit %d, stdout lacks %q:\n%s", code, want, stdout)
		}
	}
	for _, format := range []string{"json", "yaml"} {
		stdout, _, code := netiso(t, "", "explain", example, "checkoutservice", "-o", format, "--namespace", "shop")
		var e explain.Explanation
		if err := yaml.Unmarshal([]byte(stdout), &e); err != nil || code != 0 {
			t.Fatalf("%s: exit %d, %v", format, code, err)
		}
		if e.Service != "checkoutservice" || len(e.Calls) != 6 || e.Pods[0].Namespace != "shop" || len(e.Pods[0].Labels) != 6 {
			t.Errorf("%s: %+v", format, e)
		}
	}
}

// explain --pod-file: a running pod's labels, each with why, from `kubectl get pod -o yaml`.
func TestExplainPodFile(t *testing.T) {
	pod, err := os.ReadFile("testdata/pod-frontend.yaml")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := netiso(t, string(pod), "explain", example, "--pod-file", "-", "--service-label", "app",
		"--label", "egress.netiso.dev/paymentservice", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var e explain.PodExplanation
	if err := json.Unmarshal([]byte(stdout), &e); err != nil {
		t.Fatal(err)
	}
	// The pod was labelled by an older rules version, carries a label frontend was never granted,
	// and lacks one it is granted.
	if e.Pod != "shop/frontend-7c9b5d8f4-x2x9z" || e.Service != "frontend" || e.State != explain.StateStale || e.PodVersion != "0123456789abcdef" {
		t.Errorf("%+v", e)
	}
	byKey := map[string]explain.LabelState{}
	for _, l := range e.Labels {
		byKey[l.Key] = l
	}
	if len(e.Labels) != 8 { // its 7 granted callees and the one asked about
		t.Errorf("%d labels: %+v", len(e.Labels), e.Labels)
	}
	for key, want := range map[string]struct{ onPod, granted bool }{
		"egress.netiso.dev/cartservice":    {true, true},
		"egress.netiso.dev/adservice":      {false, true},
		"egress.netiso.dev/paymentservice": {false, false},
	} {
		if l := byKey[key]; l.OnPod != want.onPod || l.Granted != want.granted || l.Why == "" {
			t.Errorf("%s: %+v, want %+v", key, l, want)
		}
	}
	text, _, _ := netiso(t, string(pod), "explain", example, "--pod-file", "-", "--service-label", "app")
	for _, want := range []string{"pod shop/frontend-7c9b5d8f4-x2x9z: service frontend", "state:       stale", "- egress.netiso.dev/adservice (service adservice)",
		"note: the namespace's labels were not read"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestGraph(t *testing.T) {
	stdout, _, code := netiso(t, "", "graph", example)
	if code != 0 || !strings.HasPrefix(stdout, "digraph netiso {") || strings.Count(stdout, " -> ") != 16 {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	stdout, _, _ = netiso(t, "", "graph", example, "--service", "cartservice")
	if strings.Count(stdout, " -> ") != 4 { // frontend, checkoutservice -> it; it -> redis-cart; anywhere -> frontend
		t.Errorf("neighbourhood:\n%s", stdout)
	}
}

// TestGraphHTML: the page, with the change from stdin's rules (pkg/rulesview tests it in a browser).
func TestGraphHTML(t *testing.T) {
	old, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(old), "calls: [productcatalogservice]", "calls: [productcatalogservice, adservice]", 1)
	next := filepath.Join(t.TempDir(), "new.yaml")
	if err := os.WriteFile(next, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rules.html")
	_, stderr, code := netiso(t, string(old), "graph", next, "--format", "html", "--diff", "-", "--service", "recommendationservice", "-o", out)
	page, _ := os.ReadFile(out)
	for _, want := range []string{"<!DOCTYPE html>", `"focus":"recommendationservice"`, `"summary":"rules c90fe68de1361bce -\u003e`, "1 link opened, 0 closed", `"opened":[[`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("exit %d, stderr %q: the page lacks %q", code, stderr, want)
		}
	}
}

// TestGraphRender: SVG and PNG go through Graphviz when it is installed (the one check here that
// needs it); without it, a clear error.
func TestGraphRender(t *testing.T) {
	t.Run("without dot", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, stderr, code := netiso(t, "", "graph", example, "--format", "svg")
		if code != 1 || !strings.Contains(stderr, "--format svg needs Graphviz's dot on PATH") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("with dot", func(t *testing.T) {
		if _, err := exec.LookPath("dot"); err != nil {
			t.Skip("Graphviz's dot is not installed")
		}
		for format, magic := range map[string]string{"svg": "<svg", "png": "\x89PNG"} {
			out := filepath.Join(t.TempDir(), "g."+format)
			_, stderr, code := netiso(t, "", "graph", example, "--format", format, "-o", out)
			data, _ := os.ReadFile(out)
			if code != 0 || !strings.Contains(string(data[:min(len(data), 400)]), magic) {
				t.Errorf("%s: exit %d, stderr %q, %d bytes", format, code, stderr, len(data))
			}
		}
	})
}

func TestDiscover(t *testing.T) {
	stdout, stderr, code := netiso(t, "", "discover", manifest, "--service-label", "app")
	if code != 0 || !strings.Contains(stderr, "shoppingassistantservice:80: no Service shoppingassistantservice in namespace default") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	doc, err := rules.Parse("discovered", []byte(stdout))
	if err != nil {
		t.Fatalf("discover's output is not rules: %v\n%s", err, stdout)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil || c.Len() != 12 || c.Links() != 16 {
		t.Fatalf("%v: %d services, %d links", err, c.Len(), c.Links())
	}
	// Each service's identity anchors, each value with the line of the manifests that shows it.
	if id, ok := c.Identity("emailservice", "default"); !ok || !slices.Equal(id.ServiceAccounts, []string{"emailservice"}) || id.SignedBy != nil {
		t.Errorf("emailservice's identity %+v (%v)", id, ok)
	}
	if want := "\n    identity:\n      serviceAccounts:\n        - emailservice # service-account " + manifest + ":702: emailservice\n" +
		"      repositories:\n        - us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/emailservice # image " + manifest +
		":718: us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/emailservice:v0.10.6\n"; !strings.Contains(stdout, want) {
		t.Errorf("emailservice's anchors are not written with their evidence:\n%s", stdout)
	}

	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, code = netiso(t, string(data), "discover", "-", "--service-label", "app", "--format", "json")
	var report struct {
		Rules    rules.Document
		Links    []struct{ Caller, Callee string }
		Anchors  []struct{ Service, Field, Value string }
		Findings []struct{ Kind, Reference string }
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if len(report.Links) != 16 || len(report.Findings) != 1 || report.Findings[0].Reference != "shoppingassistantservice:80" {
		t.Errorf("%d links, findings %+v", len(report.Links), report.Findings)
	}
	if len(report.Anchors) != 11+13 { // a ServiceAccount for each service but redis-cart; an image for each container
		t.Errorf("%d anchors: %+v", len(report.Anchors), report.Anchors)
	}
}

// TestRulesYAML: what discover writes reads back as the same rules, zones and external
// destinations included.
func TestRulesYAML(t *testing.T) {
	for _, file := range []string{"../../pkg/policy/testdata/bank.rules.yaml", "../../pkg/policy/testdata/pci-external.rules.yaml"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, err := rules.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			data, err := rulesYAML(doc, "# a comment\n", nil)
			if err != nil {
				t.Fatal(err)
			}
			again, err := rules.Parse("again", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			a, _ := rules.Compile(doc, rules.DefaultOptions())
			b, err := rules.Compile(again, rules.DefaultOptions())
			if err != nil || a.Hash() != b.Hash() {
				t.Errorf("%v: versions %s and %s\n%s", err, a.Hash(), b.Hash(), data)
			}
			if strings.Contains(file, "external") && !strings.Contains(string(data), `
    external:
      - cidr: 203.0.113.0/24
        except: [203.0.113.128/25]
        ports: [{port: 443, protocol: TCP}]
`) {
				t.Errorf("external destinations not written as people write them:\n%s", data)
			}
		})
	}
	// Strings a YAML 1.1 reader takes for something else are quoted; each call carries its note.
	doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: []rules.Service{
		{Name: "a", Namespaces: []string{"on", "y"}, Calls: []string{"123"}}, {Name: "123"}}}
	data, err := rulesYAML(doc, "", func(caller, _, callee string) string { return "# " + caller + " -> " + callee })
	if err != nil {
		t.Fatal(err)
	}
	again, err := rules.Parse("again", data)
	if err != nil || !slices.Equal(again.Services[0].Namespaces, []string{"on", "y"}) || again.Services[1].Name != "123" ||
		!strings.Contains(string(data), "\n      - \"123\" # a -> 123\n") {
		t.Errorf("%v:\n%s", err, data)
	}
}
