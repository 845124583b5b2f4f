package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

const (
	boutiqueSrc    = "../../testdata/online-boutique/src"
	boutiqueProtos = "../../testdata/online-boutique/protos"
	sockShop       = "../../testdata/sock-shop"
)

// TestDiscoverFromCode: the Online Boutique's code alone, through the CLI: the 14 gRPC calls, each
// with a comment naming its evidence, and rules that compile.
func TestDiscoverFromCode(t *testing.T) {
	stdout, stderr, code := netiso(t, "", "discover", "--sources", boutiqueSrc, "--protos", boutiqueProtos, "--strict")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	doc, err := rules.Parse("discovered", []byte(stdout))
	if err != nil {
		t.Fatalf("not rules: %v\n%s", err, stdout)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil || c.Len() != 12 || c.Links() != 14 {
		t.Fatalf("%v: %d services, %d links\n%s", err, c.Len(), c.Links(), stdout)
	}
	if !strings.Contains(stdout, "      - cartservice # grpc frontend/rpc.go:58: hipstershop.CartService (Go NewXClient) (+2 more)\n") {
		t.Errorf("no evidence comment on frontend -> cartservice:\n%s", stdout)
	}
	if strings.Count(stdout, " # grpc ") != 14 {
		t.Errorf("%d calls commented with gRPC evidence, want 14:\n%s", strings.Count(stdout, " # grpc "), stdout)
	}
}

// TestDiscoverSockShop: a directory of manifests (once refused), --sources, the identity label
// inferred and said, and a JSON report whose links carry their evidence.
func TestDiscoverSockShop(t *testing.T) {
	stdout, stderr, code := netiso(t, "", "discover", filepath.Join(sockShop, "manifests"), "--sources", filepath.Join(sockShop, "src"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "no pod template has the label app.kubernetes.io/name; 14 Services select their workloads by name (14 distinct values): it is used as the identity label") {
		t.Errorf("the inferred label is not said:\n%s", stderr)
	}
	report, strong := discoverReport(t, stdout)
	for _, l := range report.Links {
		if len(l.Evidence) == 0 {
			t.Errorf("%s -> %s: no evidence", l.Caller, l.Callee)
		}
		if l.Caller == "catalogue" && l.Callee == "catalogue-db" && l.Evidence[0].Kind != "dsn" {
			t.Errorf("catalogue -> catalogue-db: evidence %+v, want the Go flag's DSN first", l.Evidence)
		}
	}
	if report.ServiceLabel != "name" || strong != 13 {
		t.Errorf("label %q, %d strong links, want name and 13", report.ServiceLabel, strong)
	}
}

type discoverJSON struct {
	ServiceLabel string
	Links        []struct {
		Caller, Callee string
		Weak           bool
		Evidence       []struct{ Kind, Where, Text, Weak string }
	}
}

// discoverReport decodes a --format json report, and counts the links it writes (not weak).
func discoverReport(t *testing.T, stdout string) (report discoverJSON, strong int) {
	t.Helper()
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatal(err)
	}
	for _, l := range report.Links {
		if !l.Weak {
			strong++
		}
	}
	return report, strong
}

func TestDiscoverInputs(t *testing.T) {
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stdin and a tree by --source", func(t *testing.T) {
		stdout, stderr, code := netiso(t, string(data), "discover", "-", "--source", "frontend="+filepath.Join(boutiqueSrc, "frontend"), "--source", "cartservice="+filepath.Join(boutiqueSrc, "cartservice"), "--format", "json")
		if code != 0 || !strings.Contains(stdout, `"kind": "env-read"`) || !strings.Contains(stdout, `"where": "cartservice/src/Startup.cs:29"`) {
			t.Errorf("exit %d, stderr %s; want cartservice's code reading REDIS_ADDR as evidence", code, stderr)
		}
	})
	t.Run("--include-weak writes weak links", func(t *testing.T) {
		dir := t.TempDir()
		for name, code := range map[string]string{"a": `check("b")`, "b": ""} {
			if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name, "main.go"), []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		stdout, stderr, _ := netiso(t, "", "discover", "--sources", dir)
		if strings.Contains(stdout, "calls") || !strings.Contains(stderr, "a -> b: seen only in weak evidence (bare-name a/main.go:1 b") {
			t.Errorf("without --include-weak: stdout\n%s\nstderr\n%s", stdout, stderr)
		}
		stdout, _, _ = netiso(t, "", "discover", "--sources", dir, "--include-weak")
		if !strings.Contains(stdout, "      - b # bare-name a/main.go:1: b (weak: a bare name: no address shape, no host-like key)\n") {
			t.Errorf("with --include-weak:\n%s", stdout)
		}
	})
}

func TestDiscoverBadInput(t *testing.T) {
	empty := t.TempDir()
	lone := writeFile(t, "lone.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {tier: web}}\nspec: {containers: [{name: c, image: x}]}\n")
	quiet := writeFile(t, "quiet.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app.kubernetes.io/name: p}}\nspec: {containers: [{name: c, image: x}]}\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nothing to read", []string{"discover"}, 2, "want manifests (files, directories or -), --source or --sources"},
		{"a directory without manifests", []string{"discover", empty}, 1, "no *.yaml, *.yml or *.json file in the directory"},
		{"--source without =", []string{"discover", "--source", "frontend"}, 2, `--source "frontend": want NAME=DIR`},
		{"--source: a missing directory", []string{"discover", "--source", "a=/nonexistent"}, 1, "--source a=/nonexistent: no such file or directory"},
		{"--source: a file", []string{"discover", "--source", "a=" + lone}, 1, "not a directory"},
		{"--source: a name that cannot be an identity", []string{"discover", "--source", "Not Valid=" + empty}, 1, `"Not Valid" cannot be a service's identity`},
		{"--source twice for one service", []string{"discover", "--source", "a=" + empty, "--source", "a=" + empty}, 1, "service a has two source trees"},
		{"--sources: a missing directory", []string{"discover", "--sources", "/nonexistent"}, 1, "--sources /nonexistent: no such file or directory"},
		{"--protos: a missing directory", []string{"discover", "--sources", empty, "--protos", "/nonexistent"}, 1, "--protos /nonexistent"},
		{"no identity label, none to infer", []string{"discover", lone}, 1, "no pod template has the identity label app.kubernetes.io/name, and no Service selects a workload to infer one from; labels on the pod templates: tier"},
		{"--strict: nothing discovered", []string{"discover", quiet, "--strict"}, 1, "no call discovered among 1 service (--strict)"},
		{"--strict: empty trees", []string{"discover", "--sources", empty, "--strict"}, 1, "no call discovered among 0 services (--strict)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := netiso(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant %q", code, tc.code, stderr, tc.want)
			}
		})
	}
}

// TestDiscoverUnreadableSources: files that cannot be read are reported on stderr, and the rest
// of the tree still is.
func TestDiscoverUnreadableSources(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(a, "main.go"), []byte(`var u = "http://b:80"`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a, "huge.go"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a, "blob.js"), []byte("var u = \"http://b:80\"\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop", filepath.Join(a, "loop")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := netiso(t, "", "discover", "--sources", dir, "--max-file-bytes", "1024", "--strict")
	if code != 0 || !strings.Contains(stdout, "      - b # url a/main.go:1: http://b:80\n") || !strings.Contains(stderr, "huge.go: 2048 bytes, over the 1024-byte limit for one file: not read") {
		t.Errorf("exit %d, stdout\n%s\nstderr\n%s", code, stdout, stderr)
	}
	// Every file is accounted for: main.go read; the binary, the link and huge.go counted.
	if want := "netiso: discover: read 1 file (21 bytes) in 2 source trees; skipped: 1 binary, 1 symbolic link (not followed), 1 not read (too big, unreadable or over the budget: each reported above as a source-problem)\n"; !strings.HasSuffix(stderr, want) {
		t.Errorf("stderr ends\n%s\nwant\n%s", stderr[strings.LastIndexByte(strings.TrimSuffix(stderr, "\n"), '\n')+1:], want)
	}
}

// TestDiscoverCommentInjection: a file name with a line break in it cannot add a call through the
// evidence comment that names it (yaml.v3 comments every line of a comment; this holds it to it).
func TestDiscoverCommentInjection(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a", "b", "evil"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"x\n      - evil\n.go", "y\r      - evil\r.go"} {
		if err := os.WriteFile(filepath.Join(dir, "a", name), []byte(`var u = "http://b:80"`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := netiso(t, "", "discover", "--sources", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc, err := rules.Parse("discovered", []byte(stdout))
	if err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	for _, s := range doc.Services {
		if s.Name == "a" && (len(s.Calls) != 1 || s.Calls[0] != "b") {
			t.Errorf("a calls %q, want only b:\n%s", s.Calls, stdout)
		}
	}
}

// TestDiscoverNestedSources: Bank of Anthos' nested layout, as docs/cli.md says to give it: one
// --sources per directory of services. Two of them hold a "components" directory, which no
// workload runs: said, not fatal. The run writes the 12 calls, and --strict passes.
func TestDiscoverNestedSources(t *testing.T) {
	root := "../../testdata/bank-of-anthos"
	stdout, stderr, code := netiso(t, "", "discover", filepath.Join(root, "kubernetes-manifests"),
		"--sources", filepath.Join(root, "src"), "--sources", filepath.Join(root, "src", "accounts"), "--sources", filepath.Join(root, "src", "ledger"),
		"--strict", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"src/accounts/components is also " + filepath.Join(root, "src", "components") + ": the second tree skipped",
		"components: a source tree for components, which no workload in the manifests runs",
		"ledgerwriter's code never reads CONTACTS_API_ADDR",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	if _, strong := discoverReport(t, stdout); strong != 12 {
		t.Errorf("%d calls written, want Bank of Anthos' 12", strong)
	}
}
