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
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

func TestStale(t *testing.T) {
	now := metav1.Now()
	cases := map[string]struct {
		annotations map[string]string
		deleting    bool
		covered     bool
		want        bool
	}{
		"current":                     {map[string]string{mutate.AnnotationRulesHash: "v2"}, false, true, false},
		"older rules":                 {map[string]string{mutate.AnnotationRulesHash: "v1"}, false, true, true},
		"never admitted by netiso":    {nil, false, true, true},
		"marked but not relabelled":   {map[string]string{mutate.AnnotationRulesHash: Marker("v2")}, false, true, true},
		"being deleted":               {nil, true, true, false},
		"in an exempt namespace":      {nil, false, false, false},
		"other annotations only":      {map[string]string{"team": "x"}, false, true, true},
		"current, in exempt (no-op)":  {map[string]string{mutate.AnnotationRulesHash: "v2"}, false, false, false},
		"older rules, being deleted":  {map[string]string{mutate.AnnotationRulesHash: "v1"}, true, true, false},
		"older rules, exempt and old": {map[string]string{mutate.AnnotationRulesHash: "v1"}, false, false, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Annotations: tc.annotations}}
			if tc.deleting {
				p.DeletionTimestamp = &now
			}
			if got := Stale(p, tc.covered, "v2"); got != tc.want {
				t.Errorf("Stale = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestReconcile runs Reconcile against a fake API server whose "webhook" (a patch interceptor)
// answers a marked pod as netiso's does, or not at all when bypassed.
func TestReconcile(t *testing.T) {
	c := compiled(t)
	version := c.Hash()
	cases := map[string]struct {
		ns          *corev1.Namespace
		annotations map[string]string
		bypassed    bool
		wantPatched bool
		wantErr     string
		wantHash    string
		wantEvent   string
	}{
		"stale pod relabelled": {ns: namespace("shop", nil), annotations: map[string]string{mutate.AnnotationRulesHash: "0123"},
			wantPatched: true, wantHash: version,
			wantEvent: "Normal EgressLabelsChanged netiso rules version " + version + "; added 1: egress.netiso.dev/b; removed 1: egress.netiso.dev/revoked"},
		"unannotated pod relabelled": {ns: namespace("shop", nil), wantPatched: true, wantHash: version,
			wantEvent: "Normal EgressLabelsChanged netiso rules version " + version + "; added 1: egress.netiso.dev/b; removed 1: egress.netiso.dev/revoked"},
		"current pod left alone": {ns: namespace("shop", nil), annotations: map[string]string{mutate.AnnotationRulesHash: version},
			wantHash: version},
		"exempt namespace left alone": {ns: namespace("shop", map[string]string{scope.ExemptLabel: "true"})},
		"webhook bypassed is an error": {ns: namespace("shop", nil), bypassed: true, wantPatched: true,
			wantErr: "did not relabel", wantHash: Marker(version)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "p", Annotations: tc.annotations,
				Labels: map[string]string{"app": "a", "egress.netiso.dev/revoked": "true"}}}
			patched := false
			cl := fake.NewClientBuilder().WithObjects(tc.ns, pod).WithInterceptorFuncs(interceptor.Funcs{
				Patch: func(ctx context.Context, cl client.WithWatch, obj client.Object, patch client.Patch, opts ...client.PatchOption) error {
					patched = true
					body, _ := patch.Data(obj)
					if !strings.Contains(string(body), Marker(version)) || strings.Contains(string(body), "labels") {
						return errors.New("the reconciler may only mark the annotation: " + string(body))
					}
					if !tc.bypassed { // the webhook sets the grant and rewrites the marker to its version
						body = []byte(`{"metadata":{"labels":{"egress.netiso.dev/b":"true","egress.netiso.dev/revoked":null},` +
							`"annotations":{"` + mutate.AnnotationRulesHash + `":"` + version + `"}}}`)
					}
					return cl.Patch(ctx, obj, client.RawPatch(types.MergePatchType, body), opts...)
				},
			}).Build()
			rec := events.NewFakeRecorder(10)
			r := &Reconciler{Client: cl, Rules: func() *rules.Compiled { return c }, OwnNamespace: "netiso-system",
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
		objs = append(objs, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: n}})
	}
	cl := fake.NewClientBuilder().WithObjects(objs...).Build()
	r := &Reconciler{Client: cl, Rules: func() *rules.Compiled { return c }, OwnNamespace: "netiso-system",
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
	d, err := rules.Parse("rules.yaml", []byte("apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n  - name: a\n    calls: [b]\n  - name: b\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(d, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
