package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/flowreview"
	"github.com/netiso/netiso/pkg/rulediff"
)

const flowsDir = "testdata/flows/"

var flowsArgs = []string{"flows", flowsDir + "rules-missing.yaml", flowsDir + "node-1.log", "--pods", flowsDir + "pods.yaml", "--service-label", "app"}

func flowsJSON(t *testing.T, stdin string, args ...string) (flowreview.Review, int) {
	t.Helper()
	out, stderr, code := netiso(t, stdin, append(args, "-o", "json")...)
	var r flowreview.Review
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	return r, code
}

// TestFlows: with one link taken out of the rules (testdata/flows/README.md), the log's flows
// propose exactly that link; the addresses netiso cannot name are listed with why, the granted
// call logged anyway apart, and the granted links never seen as a hint.
func TestFlows(t *testing.T) {
	r, code := flowsJSON(t, "", flowsArgs...)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if r.Log.Lines != 16 || r.Log.Matched != 14 || r.Log.Bad != 1 || r.Log.Flows != 9 {
		t.Errorf("log %+v", r.Log)
	}
	if len(r.Ungranted) != 1 || r.Ungranted[0].From != "checkoutservice" || r.Ungranted[0].To != "emailservice" || !r.Ungranted[0].Proposed ||
		!slices.Equal(r.Ungranted[0].Ports, []string{"ICMP", "9/TCP", "9/UDP"}) || r.Ungranted[0].Lines != 5 {
		t.Errorf("ungranted %+v", r.Ungranted)
	}
	want := []rulediff.Link{{From: "checkoutservice", To: "emailservice", Via: "calls"}}
	if !slices.Equal(r.Change.LinksOpened, want) || len(r.Change.LinksClosed) != 0 || len(r.Change.Ports) != 0 || len(r.Change.Namespaces) != 0 {
		t.Errorf("change opens %v, closes %v, ports %v, namespaces %v", r.Change.LinksOpened, r.Change.LinksClosed, r.Change.Ports, r.Change.Namespaces)
	}
	unnamed := map[string]string{}
	for _, u := range r.Unnamed {
		if u.Side != flowreview.Source {
			t.Errorf("unnamed %+v: want the source", u)
		}
		unnamed[u.IP] = u.Reason
	}
	wantUnnamed := map[string]string{
		"10.99.0.50":  flowreview.NoPod,               // the pod that had it is Succeeded
		"10.99.0.100": flowreview.NoPod,               // a host-network pod has the node's address
		"10.99.0.60":  flowreview.NoServiceLabel,      // shop/debug
		"10.99.1.7":   flowreview.NamespaceNotAllowed, // emailservice in staging
	}
	if len(unnamed) != len(wantUnnamed) {
		t.Errorf("unnamed %+v", r.Unnamed)
	}
	for ip, reason := range wantUnnamed {
		if unnamed[ip] != reason {
			t.Errorf("unnamed %s: %q, want %q", ip, unnamed[ip], reason)
		}
	}
	if len(r.LoggedAnyway) != 1 || r.LoggedAnyway[0].From != "frontend" || r.LoggedAnyway[0].To != "cartservice" || r.LoggedAnyway[0].Lines != 3 {
		t.Errorf("logged anyway %+v", r.LoggedAnyway)
	}
	if len(r.Decisions) != 1 || r.Decisions[0].Port != "8080/TCP" || r.Decisions[0].To != "cartservice" {
		t.Errorf("decisions %+v", r.Decisions)
	}
	if !slices.Contains(r.NotSeen, rulediff.Link{From: "nightly-report", To: "redis-cart", Via: "callsTypes store"}) ||
		slices.ContainsFunc(r.NotSeen, func(l rulediff.Link) bool { return l.From == "frontend" && l.To == "cartservice" }) {
		t.Errorf("not seen %+v", r.NotSeen)
	}

	// The same log from stdin, and the text and markdown forms.
	log, err := os.ReadFile(flowsDir + "node-1.log")
	if err != nil {
		t.Fatal(err)
	}
	text, _, code := netiso(t, string(log), "flows", flowsDir+"rules-missing.yaml", "--pods", flowsDir+"pods.yaml", "--service-label", "app")
	if code != 0 || !strings.Contains(text, "  + checkoutservice (shop) -> emailservice (shop)  ICMP, 9/TCP, 9/UDP  5 lines") ||
		!strings.Contains(text, "links opened (1):\n  + checkoutservice -> emailservice  (calls)") ||
		!strings.Contains(text, "a hint to recertify, not proof; a yearly or rare job may still need it") {
		t.Errorf("text from stdin: exit %d\n%s", code, text)
	}
	md, _, code := netiso(t, "", append(flowsArgs, "-o", "markdown")...)
	if code != 0 || !strings.Contains(md, "### The proposed change") || !strings.Contains(md, "| `checkoutservice` | `emailservice` | calls |") {
		t.Errorf("markdown: exit %d\n%s", code, md)
	}
}

// TestFlowsWrite: the proposed rules, read back, make the change the review showed: netiso diff
// from the rules to them opens the same links, and they are the rules the link was taken from.
func TestFlowsWrite(t *testing.T) {
	proposed := filepath.Join(t.TempDir(), "proposed.yaml")
	r, code := flowsJSON(t, "", append(flowsArgs, "--write", proposed)...)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	out, stderr, code := netiso(t, "", "diff", flowsDir+"rules-missing.yaml", proposed, "--service-label", "app", "-o", "json")
	var d rulediff.Report
	if err := json.Unmarshal([]byte(out), &d); err != nil || code != 0 {
		t.Fatalf("diff: exit %d, %v\n%s", code, err, stderr)
	}
	if !slices.Equal(d.LinksOpened, r.Change.LinksOpened) || !slices.Equal(d.LinksClosed, r.Change.LinksClosed) || d.NewVersion != r.Change.NewVersion {
		t.Errorf("diff of the written rules: opens %v, closes %v, version %s; the review: %v, %v, %s",
			d.LinksOpened, d.LinksClosed, d.NewVersion, r.Change.LinksOpened, r.Change.LinksClosed, r.Change.NewVersion)
	}
	out, _, code = netiso(t, "", "diff", flowsDir+"rules.yaml", proposed)
	if code != 0 || !strings.Contains(out, "no change") {
		t.Errorf("the proposal is not the rules the link was taken from: exit %d\n%s", code, out)
	}
}

// TestFlowsGate: --fail-on-ungranted exits 3 after the report when a call is not granted, 0 when
// every named call is.
func TestFlowsGate(t *testing.T) {
	out, stderr, code := netiso(t, "", append(flowsArgs, "--fail-on-ungranted")...)
	if code != exitGate || !strings.Contains(out, "PROPOSED CHANGE") || !strings.Contains(stderr, "1 call not granted by the rules (--fail-on-ungranted)") {
		t.Errorf("missing link: exit %d\n%s%s", code, out, stderr)
	}
	args := slices.Clone(flowsArgs)
	args[1] = flowsDir + "rules.yaml"
	r, code := flowsJSON(t, "", append(args, "--fail-on-ungranted")...)
	if code != 0 || len(r.Ungranted) != 0 || !r.Change.Empty() || len(r.LoggedAnyway) != 2 {
		t.Errorf("full rules: exit %d, ungranted %v, logged anyway %v", code, r.Ungranted, r.LoggedAnyway)
	}
}

// TestFlowsBadInput: bad files are errors naming them; bad log lines are only counted (TestFlows).
func TestFlowsBadInput(t *testing.T) {
	rulesFile, pods, log := flowsDir+"rules-missing.yaml", flowsDir+"pods.yaml", flowsDir+"node-1.log"
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a missing log", []string{"flows", rulesFile, "nope.log", "--pods", pods}, 1, "read the log: open nope.log"},
		{"a missing pods file", []string{"flows", rulesFile, log, "--pods", "nope.yaml"}, 1, "read the pods: open nope.yaml"},
		{"pods that are not a List", []string{"flows", rulesFile, log, "--pods", rulesFile}, 1, `a "Rules", not a List of pods`},
		{"pods that are not YAML", []string{"flows", rulesFile, log, "--pods", log}, 1, "not a List of pods"},
		{"unreadable rules", []string{"flows", "nope.yaml", log, "--pods", pods}, 1, "nope.yaml: no such file or directory"},
		{"no cluster", []string{"flows", rulesFile, log, "--kubeconfig", "/nonexistent"}, 1, "connecting to the cluster"},
		{"pods twice", []string{"flows", rulesFile, log, "--pods", pods, "--context", "prod"}, 2, "give one of --pods and --kubeconfig/--context"},
		{"stdin twice", []string{"flows", "-", "--pods", pods}, 2, "stdin (-) can be the rules or the log, not both"},
		{"no rules", []string{"flows"}, 2, "want RULES"},
		{"--write to stdout", []string{"flows", rulesFile, log, "--pods", pods, "--write", "-"}, 2, "--write wants a file"},
		{"a bad format", []string{"flows", rulesFile, log, "--pods", pods, "-o", "html"}, 2, `"html": want one of text, markdown, json`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := netiso(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("exit %d (want %d), stderr %q (want %q), stdout %q", code, tc.code, stderr, tc.want, stdout)
			}
		})
	}
}
