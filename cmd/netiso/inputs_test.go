package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// tree writes files (path: content) under a new directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const docHeader = "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n"

// version is the rules version validate reports for args, failing the test on any error.
func version(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	stdout, stderr, code := netiso(t, stdin, append([]string{"validate", "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("validate %v: exit %d\n%s%s", args, code, stdout, stderr)
	}
	_, v, ok := strings.Cut(stdout, `"rulesVersion": "`)
	if !ok {
		t.Fatalf("no version in %s", stdout)
	}
	return v[:strings.IndexByte(v, '"')]
}

// TestInputs: every form of rules input (a directory of documents, nested, mixed with a rule tree;
// stdin; compile's own ConfigMap, text and gzipped) reads the same rules as the one file.
func TestInputs(t *testing.T) {
	want := version(t, "", example)
	example, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	// The example split: frontend as a rule tree, checkoutservice in JSON, the rest in YAML files.
	doc, err := rules.Parse("example", example)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"README.md": "not rules", ".hidden": "not rules"}
	var rest []rules.Service
	for _, s := range doc.Services {
		switch s.Name {
		case "frontend":
			for _, c := range s.Calls {
				files["services/tree/frontend/egress/"+c+".rule"] = "# ok\n"
			}
			files["services/tree/frontend/service.yaml"] = "public: true\nports: [{port: 8080, protocol: TCP}]\n"
		case "checkoutservice":
			data, err := rulesYAML(&rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: []rules.Service{s}}, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			files["checkout.yml"] = string(data)
		default:
			rest = append(rest, s)
		}
	}
	data, err := rulesYAML(&rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: rest[:3]}, "# some\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	files["a.yaml"] = string(data)
	data, err = rulesYAML(&rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: rest[3:]}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	files["services/more/b.yaml"] = string(data)
	dir := tree(t, files)

	if got := version(t, "", dir); got != want {
		t.Errorf("a directory: version %s, want %s", got, want)
	}
	if got := version(t, string(example), "-"); got != want {
		t.Errorf("stdin: version %s, want %s", got, want)
	}
	for _, format := range []string{"yaml", "json"} {
		cm, stderr, code := netiso(t, "", "compile", dir, "--format", format)
		if code != 0 {
			t.Fatalf("compile %s: %s", dir, stderr)
		}
		if got := version(t, cm, "-"); got != want {
			t.Errorf("compile's %s ConfigMap: version %s, want %s", format, got, want)
		}
		out, _, code := netiso(t, cm, "explain", "-", "frontend")
		if code != 0 || !strings.Contains(out, "checkoutservice") {
			t.Errorf("explain of compile's ConfigMap: exit %d\n%s", code, out)
		}
	}
	// Gzipped, as compile writes rules too large for one ConfigMap as text.
	c, err := loadRules(streams{rules: &inputs{}}, []string{dir}, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	zipped, err := compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", 900+manifestMargin)
	if err != nil || !zipped.gzipped {
		t.Fatalf("gzipped %v, %v", zipped.gzipped, err)
	}
	if got := version(t, "", writeFile(t, "cm.yaml", string(zipped.manifest))); got != want {
		t.Errorf("a gzipped ConfigMap: version %s, want %s", got, want)
	}
}

// TestInputProblems: each bad input names its file or flag, with exit 1 for bad input and 2 for a
// command line netiso does not understand; every unknown field is reported, and a misspelled
// service or field gets a suggestion.
func TestInputProblems(t *testing.T) {
	typos := writeFile(t, "typos.yaml", docHeader+"  - name: a\n    calss: [b]\n  - name: b\n    namespace: [x]\n    ports: [{port: 80, protcol: TCP}]\n")
	dir := tree(t, map[string]string{"ok.yaml": docHeader + "  - name: a\n", "notes.txt": "hello", "sub/x.rule": ""})
	wrapped := writeFile(t, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r, namespace: ns}\ndata: {other: x}\n")
	cases := []struct {
		name, stdin string
		args        []string
		code        int
		want        []string
	}{
		{"every unknown field, with its service and a suggestion", "", []string{"validate", typos}, 1, []string{
			typos + `: service "a": unknown field "calss" at /services/0 (did you mean "calls"?)`,
			typos + `: service "b": unknown field "namespace" at /services/1 (did you mean "namespaces"?)`,
			typos + `: service "b": unknown field "protcol" at /services/1/ports/0 (did you mean "protocol"?)`,
			"netiso: 3 problems in the rules"}},
		{"stdin named", docHeader + "  - name: a\n    calss: [b]\n", []string{"validate", "-"}, 1, []string{`<stdin>: service "a": unknown field "calss"`}},
		{"stdin twice", "", []string{"validate", "-", "-"}, 2, []string{`"-" (stdin) given twice`}},
		{"stdin for rules and the pod", "", []string{"explain", "-", "--pod-file", "-"}, 2, []string{"stdin (-) given both"}},
		{"a directory: each stray file named", "", []string{"validate", dir}, 1, []string{
			filepath.Join(dir, "notes.txt") + ": not a rules document", filepath.Join(dir, "sub/x.rule") + ": not a rules document", "2 problems"}},
		{"an empty directory", "", []string{"validate", t.TempDir()}, 1, []string{"no rules: no *.yaml"}},
		{"a ConfigMap without rules", "", []string{"validate", wrapped}, 1, []string{wrapped + `: ConfigMap ns/r: no rules.yaml in data`}},
		{"a misspelled service", "", []string{"explain", example, "checkoutservise"}, 1, []string{`service "checkoutservise" is not in the rules`, `did you mean "checkoutservice"?`}},
		{"a service named in part", "", []string{"graph", example, "--service", "cart"}, 1, []string{`did you mean "cartservice" or "redis-cart"?`}},
		{"a bad type prefix", "", []string{"compile", example, "--egress-type-prefix", "A_B"}, 2, []string{`--egress-type-prefix "A_B"`}},
		{"equal prefixes", "", []string{"compile", example, "--egress-prefix", "x.io", "--egress-type-prefix", "x.io"}, 2, []string{"--egress-prefix, --egress-type-prefix: ", "both"}},
		{"a bad default namespace", "", []string{"explain", example, "frontend", "--default-namespace", "A"}, 2, []string{`--default-namespace "A"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := netiso(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout not empty:\n%s", stdout)
			}
		})
	}
}
