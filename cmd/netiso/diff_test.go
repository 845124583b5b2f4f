package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

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
