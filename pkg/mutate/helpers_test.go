package mutate

import (
	"encoding/json"
	"testing"
)

var testConfig = Config{ServiceLabel: "app", UnknownService: UnknownAllow, ReconcilerUsername: "system:serviceaccount:netiso-system:netiso"}

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
