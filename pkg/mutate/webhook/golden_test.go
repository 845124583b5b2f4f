package webhook

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/netiso/netiso/internal/goldentest"
	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
	"sigs.k8s.io/yaml"
)

// TestGolden runs each testdata/golden/<case>.yaml (an admission request) through the webhook and
// compares the patch with <case>.patch.json. UPDATE_GOLDEN=1 rewrites the expected files. Every
// case also checks that the patch applies, that a second pass over its own output yields no patch,
// and that it ends where the library's whole-object diff ends.
func TestGolden(t *testing.T) {
	r := rulestest.File(t, testRules)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig}
	cases, err := filepath.Glob("testdata/golden/*.yaml")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var outputs []string
	for _, in := range cases {
		outputs = append(outputs, strings.TrimSuffix(in, ".yaml")+".patch.json")
	}
	goldentest.NoStale(t, "testdata/golden/*.patch.json", outputs)
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
			got := indentJSON(t, out.Response.Patch)
			want := strings.TrimSuffix(in, ".yaml") + ".patch.json"
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
				t.Errorf("patch differs from %s (UPDATE_GOLDEN=1 rewrites it)\ngot:\n%s\nwant:\n%s", want, got, wantData)
			}

			patched := mutatetest.ApplyPatch(t, req.Object, out.Response.Patch)
			again := req
			again.Object = patched
			_, second := serve(t, h, reviewJSON(t, again))
			if len(second.Response.Patch) != 0 {
				t.Errorf("not idempotent: a second pass patched %s", second.Response.Patch)
			}

			// The library's way: diff the whole object. Both must end in the same pod.
			lib := admission.PatchResponseFromRaw(req.Object, patched)
			libPatch, err := json.Marshal(lib.Patches)
			if err != nil {
				t.Fatal(err)
			}
			if len(lib.Patches) == 0 {
				libPatch = nil
			}
			if a, b := decode(t, patched), decode(t, mutatetest.ApplyPatch(t, req.Object, libPatch)); !reflect.DeepEqual(a, b) {
				t.Errorf("our patch and the library's end differently:\n%v\n%v", a, b)
			}
		})
	}
}

func indentJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	if len(b) == 0 {
		return []byte("[]\n")
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
