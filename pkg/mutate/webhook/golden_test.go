package webhook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/internal/goldentest"
	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// TestGolden keeps whole expected objects, as Istio's injector tests do: each
// testdata/golden/<case>.yaml (an admission request) goes through the webhook, the API server's
// patch step is applied to its object, and the pod that results must be <case>.golden.yaml, a file
// a reviewer reads as the pod the API server would store. UPDATE_GOLDEN=1 rewrites the expected
// pods; a golden file without its case fails. Every case also checks that a second pass over the
// patched pod yields no patch.
func TestGolden(t *testing.T) {
	r := rulestest.File(t, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	cases := goldenCases(t)
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	var outputs []string
	for _, in := range cases {
		outputs = append(outputs, goldenOf(in))
	}
	goldentest.NoStale(t, "testdata/golden/*.golden.yaml", outputs)
	for _, in := range cases {
		name := strings.TrimSuffix(filepath.Base(in), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var req request
			if err := yaml.UnmarshalStrict(data, &req); err != nil {
				t.Fatal(err)
			}
			code, out := serve(t, h, reviewJSON(t, req))
			if code != 200 || !out.Response.Allowed {
				t.Fatalf("not allowed: %d %+v", code, out.Response.Result)
			}
			patched := mutatetest.ApplyPatch(t, req.Object, out.Response.Patch)
			got, err := yaml.JSONToYAML(patched)
			if err != nil {
				t.Fatal(err)
			}
			want := goldenOf(in)
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wantData, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(got, wantData) {
				t.Errorf("the patched pod differs from %s (UPDATE_GOLDEN=1 rewrites it)\ngot:\n%s\nwant:\n%s", want, got, wantData)
			}

			again := req
			again.Object = patched
			if _, second := serve(t, h, reviewJSON(t, again)); len(second.Response.Patch) != 0 {
				t.Errorf("not idempotent: a second pass patched %s", second.Response.Patch)
			}
		})
	}
}

// goldenCases are the golden tests' requests: testdata/golden/*.yaml but the expected pods.
func goldenCases(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob("testdata/golden/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".golden.yaml") {
			cases = append(cases, f)
		}
	}
	return cases
}

// goldenOf names a case's expected pod.
func goldenOf(in string) string { return strings.TrimSuffix(in, ".yaml") + ".golden.yaml" }
