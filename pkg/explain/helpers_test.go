package explain

import (
	"bytes"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/rules"
)

const header = "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n"

func compileYAML(t testing.TB, services string, lo rules.Options) *rules.Compiled {
	t.Helper()
	doc, err := rules.Parse("test.yaml", []byte(header+services))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, lo)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func compileFile(t testing.TB, path string) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ya, err := yaml.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	yb, err := yaml.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ya, yb)
}
