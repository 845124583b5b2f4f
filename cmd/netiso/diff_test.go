package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rulediff"
)

// TestDiff: netiso diff reads any two forms of rules, writes each format, and gates with exit 3.
func TestDiff(t *testing.T) {
	base, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	// checkoutservice no longer calls emailservice; recommendationservice gains adservice.
	closing := strings.Replace(string(base), "      - emailservice\n", "", 1)
	opening := strings.Replace(closing, "  - name: recommendationservice\n    calls: [productcatalogservice]", "  - name: recommendationservice\n    calls: [productcatalogservice, adservice]", 1)
	if opening == closing || closing == string(base) {
		t.Fatal("the example changed: update the test's edits")
	}
	closed, opened := writeFile(t, "closing.yaml", closing), writeFile(t, "opening.yaml", opening)
	cm, _, code := netiso(t, "", "compile", example)
	if code != 0 {
		t.Fatal("compile")
	}

	out, stderr, code := netiso(t, cm, "diff", "-", closed, "--fail-on-open")
	if code != 0 || !strings.Contains(out, "opens nothing; 0 links opened, 1 closed; 1 service relabelled; 0 policies changed") ||
		!strings.Contains(out, "  - checkoutservice -> emailservice  (calls)") || !strings.Contains(out, "      - egress.netiso.dev/emailservice") {
		t.Errorf("closing, from the compiled ConfigMap: exit %d\n%s%s", code, out, stderr)
	}
	out, stderr, code = netiso(t, "", "diff", example, opened, "--fail-on-open", "-o", "json")
	var r rulediff.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != exitGate || !r.Opens || len(r.LinksOpened) != 1 || r.LinksOpened[0] != (rulediff.Link{From: "recommendationservice", To: "adservice", Via: "calls"}) ||
		!strings.Contains(stderr, "the change opens a path (--fail-on-open)") {
		t.Errorf("opening: exit %d, %+v\n%s", code, r, stderr)
	}
	out, _, code = netiso(t, "", "diff", example, opened, "-o", "markdown")
	if code != 0 || !strings.Contains(out, "| `recommendationservice` | `adservice` | calls |") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
	out, _, code = netiso(t, "", "diff", example, example, "--fail-on-change")
	if code != 0 || !strings.Contains(out, "no change") {
		t.Errorf("no change: exit %d\n%s", code, out)
	}
	_, _, code = netiso(t, "", "diff", example, closed, "--fail-on-change")
	if code != exitGate {
		t.Errorf("--fail-on-change: exit %d", code)
	}
	for _, args := range [][]string{{"diff", example}, {"diff", example, closed, opened}, {"diff", "-", "-"}, {"diff", example, closed, "-o", "html"}} {
		if _, stderr, code := netiso(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
	}
	if _, stderr, code := netiso(t, "", "diff", example, "nope.yaml"); code != 1 || !strings.Contains(stderr, "nope.yaml: no such file") {
		t.Errorf("a missing file: exit %d\n%s", code, stderr)
	}
}

// TestDiffIdentity: a change of identity anchors is security-relevant in every output: a looser
// anchor and a builder's new key are gated by --fail-on-open, and named.
func TestDiffIdentity(t *testing.T) {
	const doc = `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders: [{name: ci, publicKey: "%s"}]
services:
  - name: card
    identity: {serviceAccounts: [card], repositories: [%s], signedBy: [ci]}
`
	key, other := rulestest.PublicKey(t), rulestest.PublicKey(t)
	rulesWith := func(name, key, repository string) string {
		return writeFile(t, name, fmt.Sprintf(doc, strings.ReplaceAll(key, "\n", `\n`), repository))
	}
	old := rulesWith("old.yaml", key, "registry.example.com/card/api")

	out, stderr, code := netiso(t, "", "diff", old, rulesWith("wider.yaml", key, "registry.example.com/card/*"), "--fail-on-open", "-o", "json")
	var r rulediff.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != exitGate || !r.Opens || len(r.Identities) != 1 ||
		!slices.Equal(r.Identities[0].Loosened, []string{"repository registry.example.com/card/* widens registry.example.com/card/api"}) {
		t.Errorf("a wider repository: exit %d, %+v\n%s", code, r, stderr)
	}

	out, stderr, code = netiso(t, "", "diff", old, rulesWith("rekeyed.yaml", other, "registry.example.com/card/api"), "--fail-on-open")
	for _, want := range []string{"opens no path; CHANGES THE KEY of builder ci;", "BUILDER KEYS (1):\n  ci: KEY CHANGED from sha256:", "; trusted by card\n"} {
		if code != exitGate || !strings.Contains(out, want) {
			t.Errorf("a new key: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	if !strings.Contains(stderr, "netiso: the change changes the key of builder ci (--fail-on-open)") {
		t.Errorf("a new key: stderr %q", stderr)
	}

	out, _, code = netiso(t, "", "diff", old, rulesWith("narrower.yaml", key, "registry.example.com/card/api/v2"), "--fail-on-open", "-o", "markdown")
	if code != exitGate || !strings.Contains(out, "#### ⚠ Identity anchors (1)") || !strings.Contains(out, "| `card` (LOOSENED) |") {
		t.Errorf("another repository: exit %d\n%s", code, out)
	}
}
