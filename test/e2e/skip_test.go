//go:build e2e

package e2e

import (
	"fmt"
	"maps"
	"testing"

	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/reconcile"
	"github.com/netiso/netiso/test/harness"
)

// The chart's matchConditions keep the API server from calling netiso for an UPDATE that leaves a
// pod's labels as they were (a kubelet's status report, an annotation): counted by the webhook's own
// netiso_admissions_total, none of them reaches it. Every UPDATE that changes a label, and every
// UPDATE by netiso's own identity (the reconciler's, which changes only an annotation), still does.
// TestForgery, TestLabelsAreTheTruth and TestBindingLabels run against the same configuration.
func TestUnchangedUpdatesSkipped(t *testing.T) {
	r := compiled(t, baseRules)
	ns := newNamespace(t, nil)
	p := pod(ns, "frontend", nil)
	create(t, p)
	grant := grantOf(t, r, "frontend", ns)

	// calls runs do and returns how many pod UPDATEs reached the webhook meanwhile, less those the
	// reconciler sent (it may be relabelling another test's pod; its own are counted separately).
	calls := func(t *testing.T, do func(t *testing.T)) float64 {
		t.Helper()
		updates := func(m string) float64 {
			return harness.Sum(m, "netiso_admissions_total", `operation="UPDATE"`) -
				counter(m, "netiso_reconcile_pods_updated_total") - counter(m, "netiso_reconcile_pods_failed_total")
		}
		before := updates(metrics(t))
		do(t)
		return updates(metrics(t)) - before
	}

	const n = 10
	unchanged := map[string]func(t *testing.T){
		"status patches (a kubelet's reports)": func(t *testing.T) {
			for i := range n {
				body := fmt.Sprintf(`{"status":{"message":"report %d"}}`, i)
				if err := k8s.Status().Patch(t.Context(), p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(body))); err != nil {
					t.Fatal(err)
				}
			}
		},
		"status PUTs of the whole pod": func(t *testing.T) {
			for i := range n {
				current := get(t, p)
				current.Status.Message = fmt.Sprintf("put %d", i)
				if err := k8s.Status().Update(t.Context(), current); err != nil {
					t.Fatal(err)
				}
			}
		},
		"annotation patches": func(t *testing.T) {
			for i := range n {
				patch(t, p, types.MergePatchType, fmt.Sprintf(`{"metadata":{"annotations":{"e2e.netiso.dev/n":"%d"}}}`, i))
			}
		},
		"the identity label set to the value it has": func(t *testing.T) {
			patch(t, p, types.MergePatchType, `{"metadata":{"labels":{"`+serviceLabel+`":"frontend"}}}`)
		},
	}
	for name, do := range unchanged {
		t.Run(name, func(t *testing.T) {
			if c := calls(t, do); c != 0 {
				t.Errorf("%v UPDATEs reached the webhook, want none", c)
			}
			if got := managed(get(t, p)); !maps.Equal(got, grant) {
				t.Errorf("managed labels %v, want %v", got, grant)
			}
		})
	}

	// The rules-hash annotation is informational: a user's forged value is no longer rewritten on
	// the way (nothing reads it as truth: the reconciler judges by the labels, and explain too).
	t.Run("a forged rules-hash annotation is not sent", func(t *testing.T) {
		if c := calls(t, func(t *testing.T) {
			patch(t, p, types.MergePatchType, `{"metadata":{"annotations":{"`+mutate.AnnotationRulesHash+`":"forged"}}}`)
		}); c != 0 {
			t.Errorf("%v UPDATEs reached the webhook, want none", c)
		}
		if got := get(t, p); got.Annotations[mutate.AnnotationRulesHash] != "forged" || !maps.Equal(managed(got), grant) {
			t.Errorf("annotation %q, labels %v", got.Annotations[mutate.AnnotationRulesHash], managed(got))
		}
	})

	sent := map[string]func(t *testing.T){
		"an unmanaged label added": func(t *testing.T) {
			patch(t, p, types.MergePatchType, `{"metadata":{"labels":{"team":"checkout"}}}`)
		},
		"a managed label forged through pods/status": func(t *testing.T) {
			err := k8s.Status().Patch(t.Context(), p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":{"egress.netiso.dev/paymentservice":"true"}}}`)))
			if err != nil {
				t.Fatal(err)
			}
		},
		"a managed label removed": func(t *testing.T) {
			var key string
			for k := range grant {
				key = k
				break
			}
			patch(t, p, types.JSONPatchType, `[{"op":"remove","path":"/metadata/labels/`+jsonPointer(key)+`"}]`)
		},
	}
	for name, do := range sent {
		t.Run(name, func(t *testing.T) {
			if c := calls(t, do); c != 1 {
				t.Errorf("%v UPDATEs reached the webhook, want 1", c)
			}
			if got := managed(get(t, p)); !maps.Equal(got, grant) {
				t.Errorf("managed labels %v, want %v", got, grant)
			}
		})
	}

	// netiso's own UPDATE changes only the annotation, exactly as the reconciler sends it: the webhook
	// must see it (it writes the real version over the marker), or the reconciler could relabel no one.
	t.Run("netiso's own annotation-only update", func(t *testing.T) {
		user, err := env.AddUser(envtest.User{Name: netisoUser, Groups: []string{"system:masters"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		as, err := client.New(user.Config(), client.Options{})
		if err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, mutate.AnnotationRulesHash, reconcile.Marker(r.Hash()))
		if c := calls(t, func(t *testing.T) {
			if err := as.Patch(t.Context(), p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(body))); err != nil {
				t.Fatal(err)
			}
		}); c != 1 {
			t.Errorf("%v UPDATEs reached the webhook, want 1", c)
		}
		if got := get(t, p); got.Annotations[mutate.AnnotationRulesHash] != r.Hash() || !maps.Equal(managed(got), grant) {
			t.Errorf("after netiso's update: annotation %q (want the webhook's %q), labels %v", got.Annotations[mutate.AnnotationRulesHash], r.Hash(), managed(got))
		}
	})
}

// jsonPointer escapes a label key for a JSON patch path (RFC 6901).
func jsonPointer(key string) string {
	out := make([]byte, 0, len(key)+2)
	for i := range len(key) {
		switch key[i] {
		case '~':
			out = append(out, "~0"...)
		case '/':
			out = append(out, "~1"...)
		default:
			out = append(out, key[i])
		}
	}
	return string(out)
}
