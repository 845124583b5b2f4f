package reconcile

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"golang.org/x/time/rate"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/events"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// TestReconcile runs Reconcile against a fake API server whose "webhook" (a patch interceptor)
// answers a marked pod as netiso's does, or not at all when bypassed. A pod is judged by its labels:
// the annotation, which its owner can write, changes nothing.
func TestReconcile(t *testing.T) {
	c := compiled(t)
	version := c.Hash()
	now := metav1.Now()
	grant := map[string]string{"app": "a", "egress.netiso.dev/b": "true"}
	forged := map[string]string{"app": "a", "egress.netiso.dev/b": "true", "egress.netiso.dev/revoked": "true"}
	relabelled := "Normal EgressLabelsChanged netiso rules version " + version + "; removed 1: egress.netiso.dev/revoked"
	cases := map[string]struct {
		ns          *corev1.Namespace
		labels      map[string]string
		annotations map[string]string
		deleting    bool
		bypassed    bool
		otherRules  bool // the webhook answers, but from other rules than the reconciler's
		wantPatched bool
		wantErr     string
		wantHash    string
		wantEvent   string
	}{
		"a forged label, with the current annotation": {ns: namespace("shop", nil), labels: forged,
			annotations: map[string]string{mutate.AnnotationRulesHash: version},
			wantPatched: true, wantHash: version, wantEvent: relabelled},
		"a forged label, no annotation": {ns: namespace("shop", nil), labels: forged,
			wantPatched: true, wantHash: version, wantEvent: relabelled},
		"short of its grant": {ns: namespace("shop", nil), labels: map[string]string{"app": "a"}, wantPatched: true, wantHash: version,
			wantEvent: "Normal EgressLabelsChanged netiso rules version " + version + "; added 1: egress.netiso.dev/b"},
		"being deleted, with a revoked link": {ns: namespace("shop", nil), labels: forged, deleting: true,
			wantPatched: true, wantHash: version, wantEvent: relabelled},
		"exactly its grant, an old annotation: left alone": {ns: namespace("shop", nil), labels: grant,
			annotations: map[string]string{mutate.AnnotationRulesHash: "0123456789abcdef"}, wantHash: "0123456789abcdef"},
		"exactly its grant, no annotation: left alone": {ns: namespace("shop", nil), labels: grant},
		"no identity, no managed label: left alone":    {ns: namespace("shop", nil), labels: map[string]string{"team": "x"}},
		"exempt namespace left alone":                  {ns: namespace("shop", map[string]string{scope.ExemptLabel: "true"}), labels: forged},
		"namespace gone: skipped, not retried":         {ns: namespace("elsewhere", nil), labels: forged},
		"webhook bypassed is an error": {ns: namespace("shop", nil), labels: forged, bypassed: true, wantPatched: true,
			wantErr: "did not relabel", wantHash: Marker(version)},
		"answered from other rules is an error": {ns: namespace("shop", nil), labels: forged, otherRules: true, wantPatched: true,
			wantErr: "answered with rules 00ff", wantHash: "00ff00ff00ff00ff"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "p", Annotations: tc.annotations, Labels: tc.labels}}
			if tc.deleting {
				pod.DeletionTimestamp, pod.Finalizers = &now, []string{"example.com/hold"}
			}
			patched := false
			cl := fake.NewClientBuilder().WithObjects(tc.ns, pod).WithInterceptorFuncs(interceptor.Funcs{
				Patch: func(ctx context.Context, cl client.WithWatch, obj client.Object, patch client.Patch, opts ...client.PatchOption) error {
					patched = true
					body, _ := patch.Data(obj)
					if !strings.Contains(string(body), Marker(version)) || strings.Contains(string(body), "labels") {
						return errors.New("the reconciler may only mark the annotation: " + string(body))
					}
					switch { // the webhook sets the grant and rewrites the marker to its version
					case tc.otherRules:
						body = []byte(`{"metadata":{"annotations":{"` + mutate.AnnotationRulesHash + `":"00ff00ff00ff00ff"}}}`)
					case !tc.bypassed:
						body = []byte(`{"metadata":{"labels":{"egress.netiso.dev/b":"true","egress.netiso.dev/revoked":null},` +
							`"annotations":{"` + mutate.AnnotationRulesHash + `":"` + version + `"}}}`)
					}
					return cl.Patch(ctx, obj, client.RawPatch(types.MergePatchType, body), opts...)
				},
			}).Build()
			rec := events.NewFakeRecorder(10)
			r := &Reconciler{Client: cl, Rules: func() *rules.Compiled { return c }, ServiceLabel: "app", OwnNamespace: "netiso-system",
				Limiter: rate.NewLimiter(rate.Inf, 1), Log: logr.Discard(), Events: rec}
			_, err := r.Reconcile(t.Context(), reconcile.Request{NamespacedName: types.NamespacedName{Namespace: "shop", Name: "p"}})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if patched != tc.wantPatched {
				t.Errorf("patched = %v, want %v", patched, tc.wantPatched)
			}
			got := &corev1.Pod{}
			if err := cl.Get(t.Context(), client.ObjectKeyFromObject(pod), got); err != nil {
				t.Fatal(err)
			}
			if h := got.Annotations[mutate.AnnotationRulesHash]; h != tc.wantHash {
				t.Errorf("rules-hash = %q, want %q", h, tc.wantHash)
			}
			if _, pending := r.pending[types.NamespacedName{Namespace: "shop", Name: "p"}]; pending != (tc.wantErr != "") {
				t.Errorf("pending = %v, want it only while failing", pending)
			}
			var event string
			select {
			case event = <-rec.Events:
			default:
			}
			if event != tc.wantEvent {
				t.Errorf("event = %q, want %q", event, tc.wantEvent)
			}
		})
	}
}

// A rules change queues the pods of the services whose grant changed, found through the identity
// index, and no other; the first rules, and the periodic check, queue every pod out of date.
func TestRulesChangedQueuesOnlyChangedServices(t *testing.T) {
	prev := compiled(t)
	next := rulestest.Services(t, "  - name: a\n    calls: [b]\n  - name: b\n    calls: [a]\n", rules.DefaultOptions())
	objs := []client.Object{namespace("shop", nil), namespace("exempt", map[string]string{scope.ExemptLabel: "true"})}
	for i, labels := range []map[string]string{
		{"app": "a", "egress.netiso.dev/b": "true"}, // up to date under both
		{"app": "a", "egress.netiso.dev/b": "true"},
		{"app": "b"}, // b's grant changes
		{"app": "b", "egress.netiso.dev/a": "true"}, // already what the new rules grant: queued, then judged
		{"app": "x", "egress.netiso.dev/a": "true"}, // forged on an unknown service: the check finds it
		{"team": "y"}, // no identity
	} {
		objs = append(objs, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: fmt.Sprint("p", i), Labels: labels}})
	}
	objs = append(objs, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "exempt", Name: "forged",
		Labels: map[string]string{"app": "a", "egress.netiso.dev/zzz": "true"}}})
	r := &Reconciler{ServiceLabel: "app", OwnNamespace: "netiso-system", Limiter: rate.NewLimiter(rate.Inf, 1), Log: logr.Discard()}
	r.Client = fake.NewClientBuilder().WithObjects(objs...).
		WithIndex(&corev1.Pod{}, identityIndex, r.identity).Build()
	current := prev
	r.Rules = func() *rules.Compiled { return current }

	q := workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[reconcile.Request]())
	defer q.ShutDown()
	drain := func() []string {
		var got []string
		for q.Len() > 0 {
			item, _ := q.Get()
			got = append(got, item.Name)
			q.Done(item)
			q.Forget(item)
		}
		slices.Sort(got)
		return got
	}
	if err := r.rulesChanged(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if got, want := drain(), []string{"p3", "p4"}; !slices.Equal(got, want) {
		t.Errorf("first rules queued %v, want the pods out of date %v", got, want)
	}
	current = next
	if err := r.rulesChanged(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if got, want := drain(), []string{"p2", "p3"}; !slices.Equal(got, want) {
		t.Errorf("a change of b's grant queued %v, want b's pods %v", got, want)
	}
	if err := r.rulesChanged(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if got := drain(); len(got) != 0 {
		t.Errorf("the same rules again queued %v", got)
	}
	if err := r.checkAll(t.Context(), q, "test"); err != nil {
		t.Fatal(err)
	}
	if got, want := drain(), []string{"p2", "p4"}; !slices.Equal(got, want) {
		t.Errorf("the periodic check queued %v, want %v", got, want)
	}
}

func TestChanges(t *testing.T) {
	managed := rules.DefaultOptions().IsManaged
	before := map[string]string{"app": "a", "egress.netiso.dev/x": "true", "egress.netiso.dev/y": "true", "egress-type.netiso.dev/db": "true"}
	after := map[string]string{"app": "b", "egress.netiso.dev/x": "true", "egress.netiso.dev/z": "true", "egress-type.netiso.dev/db": "false", "other": "1"}
	added, removed := Changes(before, after, managed)
	if want := []string{"egress-type.netiso.dev/db", "egress.netiso.dev/z"}; !slices.Equal(added, want) {
		t.Errorf("added = %v, want %v", added, want)
	}
	if want := []string{"egress.netiso.dev/y"}; !slices.Equal(removed, want) {
		t.Errorf("removed = %v, want %v", removed, want)
	}
	if added, removed := Changes(nil, after, managed); len(added) != 3 || len(removed) != 0 {
		t.Errorf("from no labels: added %v, removed %v", added, removed)
	}
}

// A note fits an Event whatever the number of keys, and counts the keys it leaves out.
func TestEventNote(t *testing.T) {
	if got, want := EventNote("abc", []string{"k1", "k2"}, nil), "netiso rules version abc; added 2: k1 k2"; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	var many []string
	for i := range 500 {
		many = append(many, fmt.Sprintf("egress.netiso.dev/service-%03d", i))
	}
	note := EventNote("0123456789abcdef", many, many[:3])
	if len(note) > maxNote {
		t.Errorf("note is %d bytes, more than %d", len(note), maxNote)
	}
	shown := strings.Count(note, "egress.netiso.dev/")
	m := regexp.MustCompile(`\(\+(\d+) more\)`).FindStringSubmatch(note)
	if m == nil {
		t.Fatalf("no count of the keys left out: %q", note)
	}
	left, _ := strconv.Atoi(m[1])
	if shown+left != 503 || !strings.HasSuffix(note, "removed 3: egress.netiso.dev/service-000 egress.netiso.dev/service-001 egress.netiso.dev/service-002") {
		t.Errorf("%d keys shown and %d counted, want 503 and the 3 removed in full: %q", shown, left, note)
	}
}

// The pacing holds: a limiter of 50/s spaces three patches by at least 40ms in all.
func TestReconcileIsRateLimited(t *testing.T) {
	c := compiled(t)
	var objs []client.Object
	objs = append(objs, namespace("shop", nil))
	for _, n := range []string{"a", "b", "c"} {
		objs = append(objs, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: n,
			Labels: map[string]string{"egress.netiso.dev/forged": "true"}}})
	}
	cl := fake.NewClientBuilder().WithObjects(objs...).Build()
	r := &Reconciler{Client: cl, Rules: func() *rules.Compiled { return c }, ServiceLabel: "app", OwnNamespace: "netiso-system",
		Limiter: rate.NewLimiter(50, 1), Log: logr.Discard()}
	start := time.Now()
	for _, n := range []string{"a", "b", "c"} {
		_, _ = r.Reconcile(t.Context(), reconcile.Request{NamespacedName: types.NamespacedName{Namespace: "shop", Name: n}})
	}
	if d := time.Since(start); d < 35*time.Millisecond {
		t.Errorf("three patches in %s at 50/s", d)
	}
}

func namespace(name string, labels map[string]string) *corev1.Namespace {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
}

func compiled(t *testing.T) *rules.Compiled {
	t.Helper()
	return rulestest.Services(t, "  - name: a\n    calls: [b]\n  - name: b\n", rules.DefaultOptions())
}
