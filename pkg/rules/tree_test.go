package rules_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// writeFiles writes files (relative path to content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadTree(t *testing.T) {
	fsys := fstest.MapFS{
		"service.emoji/egress/service.ledger.rule": {},
		"service.emoji/egress/service.user.rule":   {Data: []byte("# reviewed by team-ledger, INC-123\n")},
		"service.emoji/service.yaml": {Data: []byte(`# emoji's other fields
namespaces: [bank]
type: backend
callsTypes: [storage]
ports: [{port: 8080, protocol: TCP}]
public: true
`)},
		"service.emoji/egress/.gitkeep": {},
		"service.emoji/README.md":       {Data: []byte("# emoji\n")},
		"service.ledger/egress/.keep":   {},
		"service.user":                  {Mode: fs.ModeDir},
		"README.md":                     {Data: []byte("# rules\n")},
		"readme.txt":                    {},
		".github/CODEOWNERS":            {Data: []byte("* @platform\n")},
		".gitattributes":                {},
	}
	doc, err := rules.ReadTree(fsys, "rules/tree")
	if err != nil {
		t.Fatalf("ReadTree: %v", err)
	}
	if doc.APIVersion != rules.APIVersion || doc.Kind != rules.Kind {
		t.Errorf("apiVersion %q kind %q", doc.APIVersion, doc.Kind)
	}
	byName := map[string]rules.Service{}
	for _, s := range doc.Services {
		byName[s.Name] = s
	}
	if len(byName) != 3 || len(doc.Services) != 3 {
		t.Fatalf("services %+v, want service.emoji, service.ledger, service.user", doc.Services)
	}
	emoji := byName["service.emoji"]
	if got := slices.Sorted(slices.Values(emoji.Calls)); !slices.Equal(got, []string{"service.ledger", "service.user"}) {
		t.Errorf("emoji calls %q", emoji.Calls)
	}
	if !slices.Equal(emoji.Namespaces, []string{"bank"}) || emoji.Type != "backend" ||
		!slices.Equal(emoji.CallsTypes, []string{"storage"}) || !emoji.Public ||
		!slices.Equal(emoji.Ports, []rules.Port{{Port: 8080, Protocol: "TCP"}}) {
		t.Errorf("emoji's service.yaml was not applied: %+v", emoji)
	}
	if emoji.Source != "rules/tree/service.emoji" {
		t.Errorf("Source %q, want rules/tree/service.emoji", emoji.Source)
	}
	for _, name := range []string{"service.ledger", "service.user"} {
		if s := byName[name]; len(s.Calls) != 0 || s.Source != "rules/tree/"+name {
			t.Errorf("%s = %+v", name, s)
		}
	}
}

func TestReadTreeErrors(t *testing.T) {
	tests := map[string]struct {
		fsys fstest.MapFS
		want []rules.Error // File, Service and a substring of Problem
	}{
		"a file at the top": {
			fsys: fstest.MapFS{"web/egress/api.rule": {}, "api.rule": {}},
			want: []rules.Error{{File: "tree/api.rule", Problem: "unexpected file in a rule tree"}},
		},
		"a rules document at the top": {
			fsys: fstest.MapFS{"web/egress/api.rule": {}, "rules.yaml": {}},
			want: []rules.Error{{File: "tree/rules.yaml", Problem: "unexpected file"}},
		},
		"a misnamed rule": {
			fsys: fstest.MapFS{"web/egress/api.rules": {}},
			want: []rules.Error{{File: "tree/web/egress/api.rules", Service: "web", Problem: "want <callee>.rule"}},
		},
		"a directory in egress": {
			fsys: fstest.MapFS{"web/egress/api.rule/x": {}},
			want: []rules.Error{{File: "tree/web/egress/api.rule", Service: "web", Problem: "unexpected entry"}},
		},
		"a file beside egress": {
			fsys: fstest.MapFS{"web/egress/api.rule": {}, "web/api.rule": {}},
			want: []rules.Error{{File: "tree/web/api.rule", Service: "web", Problem: "unexpected entry"}},
		},
		"ingress instead of egress": {
			fsys: fstest.MapFS{"web/ingress/api.rule": {}},
			want: []rules.Error{{File: "tree/web/ingress", Service: "web", Problem: "unexpected entry"}},
		},
		"egress as a file": {
			fsys: fstest.MapFS{"web/egress": {}},
			want: []rules.Error{{File: "tree/web/egress", Service: "web", Problem: "unexpected entry"}},
		},
		"service.yaml as a directory": {
			fsys: fstest.MapFS{"web/service.yaml/x": {}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: "unexpected entry"}},
		},
		"unknown field in service.yaml": {
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("namespace: [shop]\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: `unknown field "namespace"`}},
		},
		"a field in another case in service.yaml": { // read as zone once, case-insensitively
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("Zone: pci\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: `unknown field "Zone" (did you mean "zone"?)`}},
		},
		"unknown field in identity.yaml, with its path": {
			fsys: fstest.MapFS{"web/egress/api.rule": {}, "identity.yaml": {Data: []byte("identityDefaults:\n  - namespaces: [shop]\n    identity: {repository: [registry.example.com/shop/*]}\n")}},
			want: []rules.Error{{File: "tree/identity.yaml", Problem: `unknown field "repository" at /identityDefaults/0/identity (did you mean "repositories"?)`}},
		},
		"a rules document's other fields in identity.yaml": {
			fsys: fstest.MapFS{"web/egress/api.rule": {}, "identity.yaml": {Data: []byte("zones: [{name: pci, namespaces: [pci]}]\n")}},
			want: []rules.Error{{File: "tree/identity.yaml", Problem: `unknown field "zones"`}},
		},
		"unknown field in a service's identity": {
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("identity: {serviceAccount: [web]}\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: `unknown field "serviceAccount" at /identity (did you mean "serviceAccounts"?)`}},
		},
		"calls in service.yaml": {
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("calls: [api]\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: `unknown field "calls"`}},
		},
		"name in service.yaml": {
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("name: other\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: `unknown field "name"`}},
		},
		"an alias in service.yaml": {
			fsys: fstest.MapFS{"web/service.yaml": {Data: []byte("namespaces: &ns [shop]\ncallsTypes: *ns\n")}},
			want: []rules.Error{{File: "tree/web/service.yaml", Service: "web", Problem: "line 1: YAML anchor &ns: anchors and aliases are not accepted"}},
		},
		"empty tree": {
			fsys: fstest.MapFS{},
			want: []rules.Error{{File: "tree", Problem: "no services"}},
		},
		"only a README": {
			fsys: fstest.MapFS{"README.md": {}, ".git/HEAD": {}},
			want: []rules.Error{{File: "tree", Problem: "no services"}},
		},
		"every problem at once, sorted": {
			fsys: fstest.MapFS{
				"zeta/egress/a.txt": {},
				"alpha/notes.md":    {},
				"notes.txt":         {},
			},
			want: []rules.Error{
				{File: "tree/alpha/notes.md", Service: "alpha", Problem: "unexpected entry"},
				{File: "tree/notes.txt", Problem: "unexpected file"},
				{File: "tree/zeta/egress/a.txt", Service: "zeta", Problem: "unexpected entry"},
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			doc, err := rules.ReadTree(tc.fsys, "tree")
			if doc != nil {
				t.Errorf("ReadTree returned a document with its error: %+v", doc)
			}
			es := asErrors(t, err)
			if len(es) != len(tc.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(es), len(tc.want), err)
			}
			for i, w := range tc.want {
				if es[i].File != w.File || es[i].Service != w.Service || !strings.Contains(es[i].Problem, w.Problem) {
					t.Errorf("error %d = File %q Service %q Problem %q\nwant File %q Service %q Problem containing %q",
						i, es[i].File, es[i].Service, es[i].Problem, w.File, w.Service, w.Problem)
				}
			}
		})
	}
}

// TestReadTreeIdentity: a tree holds identity anchors: a service's own in its service.yaml, the
// builders and the identity defaults in identity.yaml at the top, each definition naming its file.
func TestReadTreeIdentity(t *testing.T) {
	key := rulestest.PublicKey(t)
	fsys := fstest.MapFS{
		"card/egress/vault.rule": {},
		"card/service.yaml": {Data: []byte(`namespaces: [pci]
identity:
  serviceAccounts: [card]
  repositories: [registry.example.com/card/api]
  signedBy: [ci]
`)},
		"vault/service.yaml": {Data: []byte("namespaces: [pci]\n")},
		"identity.yaml": {Data: []byte("# the CI's key, and what every pod in pci must show\nbuilders:\n  - name: ci\n    publicKey: |\n" + indent(key, "      ") + `identityDefaults:
  - namespaces: [pci]
    identity: {requireDigests: true}
`)},
	}
	doc, err := rules.ReadTree(fsys, "tree")
	if err != nil {
		t.Fatalf("ReadTree: %v", err)
	}
	c := compile(t, doc, rules.DefaultOptions())
	card, ok := c.Identity("card", "pci")
	if want := (rules.Identity{ServiceAccounts: []string{"card"}, Repositories: []string{"registry.example.com/card/api"}, SignedBy: []string{"ci"}}); !ok || !reflect.DeepEqual(card, want) {
		t.Errorf("card's identity %+v (%v), want its service.yaml's %+v", card, ok, want)
	}
	if vault, ok := c.Identity("vault", "pci"); !ok || !reflect.DeepEqual(vault, rules.Identity{RequireDigests: true}) {
		t.Errorf("vault's identity %+v (%v), want identity.yaml's default for pci", vault, ok)
	}
	if b, ok := c.Builder("ci"); !ok || b.PublicKey != key || b.Source != "tree/identity.yaml" {
		t.Errorf("builder ci = %+v (%v), want identity.yaml's key", b, ok)
	}
	if d := doc.IdentityDefaults; len(d) != 1 || d[0].Source != "tree/identity.yaml" {
		t.Errorf("identity defaults %+v, want one from tree/identity.yaml", d)
	}

	// An identity file alone is a tree: its definitions, and no service.
	if doc, err := rules.ReadTree(fstest.MapFS{"identity.yaml": fsys["identity.yaml"]}, "tree"); err != nil || len(doc.Builders) != 1 {
		t.Errorf("identity.yaml alone: %v, %+v", err, doc)
	}
}

// TestLoadTreeIdentityErrors: a bad anchor in a tree is reported with the file that holds it: a
// builder's key in identity.yaml, a default's, a service's (by its directory).
func TestLoadTreeIdentityErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"tree/web/service.yaml": "identity: {repositories: [\"registry.example.com/Shop:v1\"], signedBy: [release]}\n",
		"tree/identity.yaml": `builders:
  - name: ci
    publicKey: |
      -----BEGIN EC PRIVATE KEY-----
      MHcCAQEE
      -----END EC PRIVATE KEY-----
identityDefaults:
  - identity: {serviceAccounts: [Not_A_Name]}
`,
	})
	tree := filepath.Join(dir, "tree")
	doc, err := rules.Load(tree)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
	top, web := filepath.ToSlash(filepath.Join(tree, "identity.yaml")), filepath.ToSlash(filepath.Join(tree, "web"))
	want := []rules.Error{
		{File: top, Problem: `builder "ci": publicKey is a "EC PRIVATE KEY" PEM block, want "PUBLIC KEY" (never a private key in the rules)`},
		{File: top, Problem: `identityDefaults[0]: identity: invalid serviceAccount "Not_A_Name"`},
		{File: web, Service: "web", Problem: `identity: repository "registry.example.com/Shop:v1"`},
		{File: web, Service: "web", Problem: `identity: signedBy names builder "release", which the rules do not define`},
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(es), len(want), es)
	}
	for i, w := range want {
		if es[i].File != w.File || es[i].Service != w.Service || !strings.Contains(es[i].Problem, w.Problem) {
			t.Errorf("error %d = %v\nwant File %q Service %q Problem containing %q", i, es[i], w.File, w.Service, w.Problem)
		}
	}
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+prefix) + "\n"
}

// TestReadTreeReadmeLikeNames: only READMEs are ignored, not services or callees whose name starts
// with "readme". A rule tree must lose no rule to a name.
func TestReadTreeReadmeLikeNames(t *testing.T) {
	fsys := fstest.MapFS{
		"readme-renderer/egress/docs-store.rule": {},
		"docs-store/egress/readme-renderer.rule": {},
		"README.md":                              {},
	}
	doc, err := rules.ReadTree(fsys, "tree")
	if err != nil {
		t.Fatalf("ReadTree: %v", err)
	}
	calls := map[string][]string{}
	for _, s := range doc.Services {
		calls[s.Name] = s.Calls
	}
	if got, ok := calls["readme-renderer"]; !ok || !slices.Equal(got, []string{"docs-store"}) {
		t.Errorf("service readme-renderer: calls %q (present %v), want [docs-store]", got, ok)
	}
	if got := calls["docs-store"]; !slices.Equal(got, []string{"readme-renderer"}) {
		t.Errorf("service docs-store: calls %q, want [readme-renderer]", got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"platform.yaml": header + `  - {name: db, namespaces: [data], type: storage}
  - {name: cache, type: storage}
  - {name: prometheus, namespaces: [monitoring], callsTypes: [storage], calls: [web, api]}
`,
		"tree/web/egress/api.rule":   "",
		"tree/web/egress/cache.rule": "# added for the session store\n",
		"tree/web/service.yaml":      "namespaces: [shop]\nports: [{port: 8080}]\npublic: true\n",
		"tree/api/egress/db.rule":    "",
		"tree/api/egress/.gitkeep":   "",
		"tree/api/README.md":         "# api\n",
		"tree/README":                "one file per link\n",
		"tree/.hidden/egress/x.rule": "",
	})
	tree := filepath.Join(dir, "tree")
	doc, err := rules.Load(filepath.Join(dir, "platform.yaml"), tree)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	c := compile(t, doc, rules.DefaultOptions())
	if c.Len() != 5 || c.Links() != 5 {
		t.Errorf("Len %d Links %d, want 5 5", c.Len(), c.Links())
	}
	tests := map[string]struct {
		service, namespace string
		want               rules.Grant
	}{
		"tree service with service.yaml": {"web", "shop", grantOf("egress.netiso.dev/api", "egress.netiso.dev/cache")},
		"tree service":                   {"api", "anywhere", grantOf("egress.netiso.dev/db")},
		"file service calling the tree":  {"prometheus", "monitoring", grantOf("egress.netiso.dev/web", "egress.netiso.dev/api", "egress-type.netiso.dev/storage")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, verdict := c.Lookup(tc.service, tc.namespace)
			if verdict != rules.Granted {
				t.Fatalf("verdict %d", verdict)
			}
			checkGrant(t, got, tc.want)
		})
	}
	if _, verdict := c.Lookup("web", "default"); verdict != rules.NamespaceNotAllowed {
		t.Errorf("web in default: verdict %d, want NamespaceNotAllowed from its service.yaml", verdict)
	}
	web, _ := c.Service("web")
	if web.Source != filepath.ToSlash(filepath.Join(tree, "web")) || !web.Public {
		t.Errorf("web = %+v", web)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yaml":                   header + "  - {name: web}\n",
		"b.yaml":                   header + "  - {name: api}\n  - {name: web}\n",
		"bad.yaml":                 "apiVersion: v1\nkind: Rules\n",
		"empty.yaml":               "# nothing\n",
		"tree/web/egress/api.rule": "",
		"badtree/web/notes.txt":    "",
	})
	p := func(name string) string { return filepath.Join(dir, name) }

	t.Run("missing path", func(t *testing.T) {
		missing := p("nope/rules.yaml")
		doc, err := rules.Load(p("a.yaml"), missing)
		if doc != nil {
			t.Errorf("Load returned a document: %+v", doc)
		}
		es := asErrors(t, err)
		if len(es) != 1 || es[0].File != missing || !strings.Contains(es[0].Problem, "no such file") {
			t.Fatalf("got %v, want one error naming %s", err, missing)
		}
		if !strings.Contains(err.Error(), missing) {
			t.Errorf("Error() %q does not name %s", err.Error(), missing)
		}
	})

	t.Run("no paths", func(t *testing.T) {
		if doc, err := rules.Load(); err == nil || doc != nil {
			t.Errorf("Load() = %v, %v; want an error", doc, err)
		}
	})

	t.Run("every file's problems at once", func(t *testing.T) {
		_, err := rules.Load(p("bad.yaml"), p("a.yaml"), p("empty.yaml"), p("badtree"), p("missing.yaml"))
		es := asErrors(t, err)
		want := []string{p("bad.yaml"), filepath.ToSlash(p("badtree/web/notes.txt")), p("empty.yaml"), p("missing.yaml")}
		var got []string
		for _, e := range es {
			got = append(got, e.File)
		}
		if !slices.Equal(got, want) {
			t.Errorf("errors in files %q, want %q:\n%v", got, want, err)
		}
	})

	t.Run("duplicate service across two files", func(t *testing.T) {
		doc, err := rules.Load(p("a.yaml"), p("b.yaml"))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		verr := rules.Validate(doc, rules.DefaultOptions())
		es := asErrors(t, verr)
		if len(es) != 1 {
			t.Fatalf("got %v, want one error", verr)
		}
		if es[0].File != p("b.yaml") || es[0].Service != "web" || !strings.Contains(es[0].Problem, p("a.yaml")) {
			t.Errorf("got %v, want it in %s naming %s", es[0], p("b.yaml"), p("a.yaml"))
		}
		if msg := verr.Error(); !strings.Contains(msg, p("a.yaml")) || !strings.Contains(msg, p("b.yaml")) {
			t.Errorf("Error() %q does not name both files", msg)
		}
	})

	t.Run("duplicate service across a file and a tree", func(t *testing.T) {
		doc, err := rules.Load(p("tree"), p("b.yaml"))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
		if len(es) != 1 || es[0].File != p("b.yaml") || es[0].Service != "web" ||
			!strings.Contains(es[0].Problem, filepath.ToSlash(p("tree/web"))) {
			t.Errorf("got %v, want it in %s naming the tree's web", es, p("b.yaml"))
		}
	})
}
