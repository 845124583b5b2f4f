package rules_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/rules"
)

// FuzzParse: rules come from outside (a ConfigMap anyone with write access may edit). Whatever the
// input, parsing and compiling never panic, and compiled rules only grant valid label keys.
func FuzzParse(f *testing.F) {
	f.Add([]byte(header + shop))
	f.Add([]byte(header + hashBase))
	f.Add([]byte(`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"a","calls":["a"],"type":"x/y","callsTypes":["x/y"]}]}`))
	f.Add([]byte(`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","namespaces":["pci"]}],"services":[{"name":"card","zone":"pci","namespaces":["pci"],"calls":["vault"]},{"name":"vault","zone":"pci","namespaces":["pci"]}]}`))
	f.Add([]byte("# only a comment\n---\n"))
	f.Add([]byte(header + "  - {name: a}\n---\n" + header))
	f.Add([]byte(""))
	f.Add([]byte("{}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := rules.Parse("fuzz.yaml", data)
		if err != nil {
			if doc != nil {
				t.Fatal("a document with an error")
			}
			return
		}
		c, err := rules.Compile(doc, rules.DefaultOptions())
		if err != nil {
			return
		}
		for _, name := range c.Names() {
			g, v := c.Lookup(name, "default")
			if v == rules.UnknownService {
				t.Fatalf("%q listed but unknown", name)
			}
			for _, k := range g.Keys {
				if msgs := validation.IsQualifiedName(k); len(msgs) > 0 {
					t.Fatalf("%q: invalid key %q: %v", name, k, msgs)
				}
			}
		}
	})
}

// FuzzLabelName: any name gives a valid, deterministic label name, unchanged when already valid.
func FuzzLabelName(f *testing.F) {
	for _, s := range []string{"frontend", "team/api", "", "-", "日本語", strings.Repeat("a", 64), "a.b_c-d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := rules.LabelName(name)
		if msgs := validation.IsQualifiedName(rules.DefaultEgressPrefix + "/" + got); len(msgs) > 0 {
			t.Fatalf("LabelName(%q) = %q: %v", name, got, msgs)
		}
		if rules.LabelName(name) != got {
			t.Fatalf("LabelName(%q) is not deterministic", name)
		}
		valid := len(validation.IsQualifiedName(name)) == 0 && !strings.Contains(name, "/")
		if valid != (got == name) {
			t.Fatalf("LabelName(%q) = %q: a valid name must be kept and only a valid one", name, got)
		}
		// A service name is valid when it is a non-empty label value.
		doc := &rules.Document{Services: []rules.Service{{Name: name}}}
		accepted := rules.Validate(doc, rules.DefaultOptions()) == nil
		if want := name != "" && len(validation.IsValidLabelValue(name)) == 0; accepted != want {
			t.Fatalf("service name %q: accepted %v, want %v", name, accepted, want)
		}
	})
}

// FuzzReadTree: a rule tree of any shape (paths from the first input, one per line, each file
// holding the second) reads into rules or a clear error naming a file; never a panic.
//
// go test ./pkg/rules -run '^$' -fuzz FuzzReadTree -fuzztime 5m
func FuzzReadTree(f *testing.F) {
	f.Add("frontend/egress/cart.rule\ncart/egress/.gitkeep", []byte("# frontend calls cart\n"))
	f.Add("a/egress/a.rule\na/service.yaml", []byte("namespaces: [x]\n"))
	f.Add("README.md\nx/egress/y.rul\nx/other", []byte{})
	f.Add("a/service.yaml", []byte("{not: [yaml"))
	f.Add("zones.yaml\na/service.yaml", []byte("zones: [{name: a, namespaces: [a]}]\nzone: a\nnamespaces: [a]\n"))
	f.Fuzz(func(t *testing.T, paths string, content []byte) {
		fsys := fstest.MapFS{}
		for _, p := range strings.Split(paths, "\n") {
			if fs.ValidPath(p) && p != "." {
				fsys[p] = &fstest.MapFile{Data: content}
			}
		}
		doc, err := rules.ReadTree(fsys, "tree")
		if err != nil {
			if err.Error() == "" || !strings.Contains(err.Error(), "tree") {
				t.Fatalf("an error that names no file: %q", err)
			}
			return
		}
		if _, err := rules.Compile(doc, rules.DefaultOptions()); err != nil && err.Error() == "" {
			t.Fatal("an empty compile error")
		}
	})
}
