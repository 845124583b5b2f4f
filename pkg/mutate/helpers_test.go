package mutate

import (
	"encoding/json"
	"os"
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"

	"github.com/netiso/netiso/pkg/rules"
)

var testConfig = Config{ServiceLabel: "app", UnknownService: UnknownAllow, ReconcilerUsername: "system:serviceaccount:netiso-system:netiso"}

func loadRules(t testing.TB, path string) *rules.Compiled {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := rules.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// applyPatch applies a patch to a pod's JSON, as the API server would.
func applyPatch(t testing.TB, obj, patch []byte) []byte {
	t.Helper()
	if len(patch) == 0 {
		return obj
	}
	p, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		t.Fatalf("invalid patch %s: %v", patch, err)
	}
	out, err := p.Apply(obj)
	if err != nil {
		t.Fatalf("patch %s does not apply: %v", patch, err)
	}
	return out
}

// podMeta reads the metadata of a pod's JSON.
func podMeta(t testing.TB, obj []byte) Meta {
	t.Helper()
	var o struct{ Metadata *Meta }
	if err := json.Unmarshal(obj, &o); err != nil {
		t.Fatal(err)
	}
	if o.Metadata == nil {
		t.Fatalf("no metadata in %s", obj)
	}
	return *o.Metadata
}
