//go:build e2e

package e2e

import (
	"bytes"
	"maps"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/reconcile"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// A rules change reaches pods that are already running: a new link opens and a revoked one closes,
// through the reconciler's UPDATE and the webhook's answer to it. Pods in exempt namespaces are
// left alone.
func TestReconcileRunningPods(t *testing.T) {
	t.Cleanup(func() { setRules(t, baseRules) })
	const base = "    calls: [redis-cart]\n" // ledger's links, the last line of testRules
	if !bytes.HasSuffix(baseRules, []byte(base)) {
		t.Fatalf("testRules no longer ends with %q", base)
	}
	withLedgerCalls := func(calls string) []byte {
		return append(bytes.TrimSuffix(bytes.Clone(baseRules), []byte(base)), []byte("    calls: ["+calls+"]\n")...)
	}
	running := pod(bankNamespace, "ledger", nil)
	create(t, running)
	exempt := pod(newNamespace(t, map[string]string{scope.ExemptLabel: "true"}), "ledger", nil)
	create(t, exempt)
	updatedBefore := counter(metrics(t), "netiso_reconcile_pods_updated_total")

	steps := []struct {
		name, calls string
	}{
		{"a link added", "redis-cart, paymentservice"},
		{"a link revoked", "paymentservice"},
	}
	// A change costs what it changes: the pods relabelled are ledger's in its namespace, however many
	// other pods the suite has left running.
	var all corev1.PodList
	if err := k8s.List(t.Context(), &all); err != nil {
		t.Fatal(err)
	}
	ledgerPods := 0
	for _, p := range all.Items {
		if p.Labels[serviceLabel] == "ledger" && p.Namespace == bankNamespace {
			ledgerPods++
		}
	}
	for _, s := range steps {
		doc := withLedgerCalls(s.calls)
		r := compiled(t, doc)
		want := grantOf(t, r, "ledger", bankNamespace)
		reconcilerIdle(t)
		before := counter(metrics(t), "netiso_reconcile_pods_updated_total")
		setRules(t, doc)
		start := time.Now()
		var got *corev1.Pod
		eventually(t, s.name+": the running pod relabelled", func() bool {
			got = get(t, running)
			return got.Annotations[mutate.AnnotationRulesHash] == r.Hash() && maps.Equal(managed(got), want)
		})
		t.Logf("%s: running pod relabelled %s after the ConfigMap update", s.name, time.Since(start).Round(time.Millisecond))
		eventually(t, "every ledger pod relabelled", func() bool {
			return counter(metrics(t), "netiso_reconcile_pods_updated_total") >= before+float64(ledgerPods)
		})
		time.Sleep(time.Second) // and no more after a while
		if n := counter(metrics(t), "netiso_reconcile_pods_updated_total") - before; n != float64(ledgerPods) {
			t.Errorf("%s: %v pods relabelled, want the %d of ledger in %s (of %d pods)", s.name, n, ledgerPods, bankNamespace, len(all.Items))
		}
		t.Logf("%s: %d pods relabelled of %d", s.name, ledgerPods, len(all.Items))
	}
	// Each change is on the pod's record, for `kubectl describe pod`: the revoked link by name.
	revoked := rules.DefaultOptions().CalleeKey("redis-cart")
	eventually(t, "an Event on the pod naming the revoked label", func() bool {
		var list eventsv1.EventList
		if err := k8s.List(t.Context(), &list, client.InNamespace(bankNamespace)); err != nil {
			t.Fatal(err)
		}
		for _, e := range list.Items {
			if e.Regarding.UID == running.UID && e.Reason == reconcile.EventReason && e.Type == corev1.EventTypeNormal &&
				strings.Contains(e.Note, "removed 1: "+revoked) && e.ReportingController == reconcile.Name {
				return true
			}
		}
		return false
	})
	if after := counter(metrics(t), "netiso_reconcile_pods_updated_total"); after < updatedBefore+2 {
		t.Errorf("netiso_reconcile_pods_updated_total went from %v to %v, want at least 2 more", updatedBefore, after)
	}
	if p := get(t, exempt); len(managed(p)) != 0 || p.Annotations[mutate.AnnotationRulesHash] != "" {
		t.Errorf("a pod in an exempt namespace was relabelled: %v %v", p.Labels, p.Annotations)
	}
}

// A pod admitted without the webhook (here: created while its namespace was exempt) is found once
// the namespace is covered: its forged label is removed and it gets what its service is granted.
func TestReconcileUnpolicedPod(t *testing.T) {
	r := compiled(t, baseRules)
	ns := newNamespace(t, map[string]string{scope.ExemptLabel: "true"})
	forged := map[string]string{"egress.netiso.dev/paymentservice": "true"}
	p := pod(ns, "frontend", forged)
	create(t, p)
	if !maps.Equal(managed(p), forged) || p.Annotations[mutate.AnnotationRulesHash] != "" {
		t.Fatalf("the webhook touched a pod in an exempt namespace: %v %v", p.Labels, p.Annotations)
	}
	nsObj := &corev1.Namespace{}
	nsObj.Name = ns
	if err := k8s.Patch(t.Context(), nsObj, client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"`+scope.ExemptLabel+`":null}}}`))); err != nil {
		t.Fatal(err)
	}
	want := grantOf(t, r, "frontend", ns)
	eventually(t, "the pod relabelled", func() bool {
		got := get(t, p)
		return got.Annotations[mutate.AnnotationRulesHash] == r.Hash() && maps.Equal(managed(got), want)
	})
}

// reconcilerIdle waits until the webhook's reconciler leads (a restarted webhook waits for the
// lease), has judged every pod once, and has nothing pending.
func reconcilerIdle(t *testing.T) {
	t.Helper()
	eventually(t, "the reconciler to lead, judge every pod and be idle", func() bool {
		m := metrics(t)
		return counter(m, `leader_election_master_status{name="netiso-reconciler"}`) == 1 &&
			counter(m, "netiso_reconcile_checks_total") >= 1 && counter(m, "netiso_reconcile_pods_pending") == 0
	})
}
