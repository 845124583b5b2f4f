//go:build dataplane

package dataplane

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/netiso/netiso/pkg/rules"
)

// TestRulesChangesOnPackets: the rules change, by the rules ConfigMap and nothing else (no policy
// written by the test, no pod relabelled by it), one step after another from the suite's rules:
//
//	(a) a service added, audit (ops, port 7100), its pod already running (created under rules that
//	    did not know it, so with no managed label and open to everyone), and a caller: accounts,
//	    whose running pod must be relabelled before audit's policy admits only it;
//	(b) a link added between running services: gateway calls payments (in bank and in payments);
//	(c) a service removed, audit (and accounts' call to it), its pod still running.
//
// After each, once netiso holds exactly what the new rules imply (relabelling and the two-step
// change are netiso's: policy.Transition), every source pod to every destination pod on every port
// connects exactly when the new rules allow it (test/oracle), and cyclonus, on the policies held and
// the labels the pods have then, agrees. (A zone added by the ConfigMap is TestZonesOnPackets.)
func TestRulesChangesOnPackets(t *testing.T) {
	ctx := t.Context()
	held(t, base)
	t.Cleanup(func() { restoreRules(t) }) // last: after audit's pod is gone

	audit := &pod{name: "audit", namespace: "ops", service: "audit", policed: true, ports: []int{7100, closed}}
	pods, err := createPods(ctx, []todo{{p: audit, labels: forgedLabels(base, "audit")}})
	t.Cleanup(func() { deletePods(t, pods) })
	if err != nil {
		t.Fatal(err)
	}
	if l, err := labelsOf(ctx, audit); err != nil {
		t.Fatal(err)
	} else if m := managed(l); len(m) > 0 {
		t.Fatalf("%s, of a service the rules do not know, was given %v", audit, m)
	}
	w := &world{pods: slices.Concat(shared.pods, pods)}

	added := edit(base, func(ss []rules.Service) []rules.Service {
		calls(ss, "accounts", "audit")
		return append(ss, rules.Service{Name: "audit", Namespaces: []string{"ops"}, Ports: []rules.Port{{Port: 7100, Protocol: "TCP"}}})
	})
	linked := edit(added, func(ss []rules.Service) []rules.Service { calls(ss, "gateway", "payments"); return ss })
	removed := edit(linked, func(ss []rules.Service) []rules.Service {
		for i := range ss {
			ss[i].Calls = slices.DeleteFunc(ss[i].Calls, func(c string) bool { return c == "audit" })
		}
		return slices.DeleteFunc(ss, func(s rules.Service) bool { return s.Name == "audit" })
	})
	// The oracle answers from the rules alone: rules that no longer name audit make its pod one of
	// an unknown service, which admits everyone (no default deny). netiso closes a destination gone
	// from the rules while its pods run instead (policy.Deny), so removing a service never opens it:
	// no one reaches audit's pod.
	closedToAll := func(want func(question) bool) func(question) bool {
		return func(q question) bool { return q.dst != audit && want(q) }
	}
	gateway := shared.find(t, shopNS, "gateway")
	for _, step := range []struct {
		name string
		doc  *rules.Document
		want func(question) bool
		// check is what the step is about, stated directly: connections that must be there, or
		// none of, counted in the settled matrix.
		about   string
		only    func(question) bool
		connect int
	}{
		{"a service added with a caller", added, granted(added),
			"to audit: accounts on 7100", func(q question) bool { return q.dst == audit }, 1},
		{"a link added", linked, granted(linked),
			"gateway to payments on 9000, in bank and in payments", func(q question) bool { return q.src == gateway && q.dst.service == "payments" }, 2},
		{"a service removed, its pod running", removed, closedToAll(granted(removed)),
			"to audit: no one", func(q question) bool { return q.dst == audit }, 0},
	} {
		if !t.Run(step.name, func(t *testing.T) {
			start := time.Now()
			if err := setRules(ctx, docJSON(step.doc)); err != nil {
				t.Fatal(err)
			}
			took := held(t, step.doc)
			w.doc = step.doc
			qs := w.questions(nil)
			tl, got, _ := judge(t, w, qs, step.want)
			t.Logf("netiso held the new rules' policies %s after the ConfigMap changed; packets agree %s after it; %d pods in %d namespaces: %s",
				took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), len(w.pods), countNamespaces(w), &tl)
			n := 0
			for i, q := range qs {
				if step.only(q) && got[i] {
					n++
				}
			}
			t.Logf("%s: %d connect", step.about, n)
			if n != step.connect {
				t.Errorf("%s: %d connect, want %d", step.about, n, step.connect)
			}
		}) {
			return
		}
	}
}

// edit is doc with its services changed by fn, doc itself untouched; the result must compile.
func edit(doc *rules.Document, fn func([]rules.Service) []rules.Service) *rules.Document {
	out := *doc
	out.Services = make([]rules.Service, len(doc.Services))
	for i, s := range doc.Services {
		s.Calls, s.CallsTypes, s.Namespaces = slices.Clone(s.Calls), slices.Clone(s.CallsTypes), slices.Clone(s.Namespaces)
		out.Services[i] = s
	}
	out.Services = fn(out.Services)
	if _, err := rules.Compile(&out, rules.DefaultOptions()); err != nil {
		panic(err) // the suite's own edits
	}
	return &out
}

// calls adds callee to caller's calls.
func calls(ss []rules.Service, caller, callee string) {
	for i := range ss {
		if ss[i].Name == caller {
			ss[i].Calls = append(ss[i].Calls, callee)
		}
	}
}

// restoreRules puts the suite's rules back in the ConfigMap and waits until netiso holds their
// policies, for the tests that follow.
func restoreRules(t testing.TB) {
	if err := setRules(context.Background(), docJSON(base)); err != nil {
		t.Errorf("restoring the rules: %v", err)
		return
	}
	if err := awaitHeld(context.Background(), base, 60*time.Second); err != nil {
		t.Errorf("after restoring the rules: %v", err)
	}
}
