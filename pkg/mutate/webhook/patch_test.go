package webhook

import (
	"encoding/json"
	"testing"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// Keys only a malformed request can bring (escapes, quotes, non-ASCII) still make a patch that
// applies and removes exactly them.
func TestPatchEscapesKeys(t *testing.T) {
	labels := map[string]string{
		"egress.netiso.dev/a~b":       "true",
		"egress.netiso.dev/q\"uote":   "true",
		"egress.netiso.dev/ü<&>":      "true",
		"egress.netiso.dev/back\\sl":  "true",
		"app":                         "x",
		"egress-type.netiso.dev/x/y~": "true",
	}
	obj, _ := json.Marshal(map[string]any{"metadata": map[string]any{"labels": labels}})
	patch, err := json.Marshal(Patch(mutate.Meta{Labels: labels}, mutate.Decision{}, rules.DefaultOptions().IsManaged))
	if err != nil {
		t.Fatal(err)
	}
	after := podMeta(t, mutatetest.ApplyPatch(t, obj, patch))
	if len(after.Labels) != 1 || after.Labels["app"] != "x" {
		t.Errorf("after %s: labels %v, want only app", patch, after.Labels)
	}
}
