// Package reconcile brings running pods up to the rules in force. It never computes labels: it
// only marks a stale pod's rules-hash annotation, as netiso's own identity, and the webhook, on
// that UPDATE, sets exactly what the rules grant and the real annotation. So the webhook stays the
// one place that decides labels, and the reconciler needs no more than patch on pods.
package reconcile

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"
	"golang.org/x/time/rate"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/events"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Name is the controller's name, in logs and controller-runtime's metrics.
const Name = "netiso-reconciler"

// MarkerPrefix starts the value the reconciler writes to the rules-hash annotation. It is never a
// rules version (those are hex digits), so a pod whose annotation still holds it after the patch
// was not seen by the webhook.
const MarkerPrefix = "reconcile-"

// Marker is what the reconciler writes to a stale pod's rules-hash annotation for version.
func Marker(version string) string { return MarkerPrefix + version }

// Stale reports whether a pod must be brought to version: it runs in a covered namespace, is not
// being deleted, and its annotation does not name version (absent when it was admitted with the
// webhook bypassed, or left short of its grant by a user's update; older after a rules change).
func Stale(pod metav1.Object, covered bool, version string) bool {
	return covered && pod.GetDeletionTimestamp() == nil && pod.GetAnnotations()[mutate.AnnotationRulesHash] != version
}

// Reconciler marks stale pods for the webhook to relabel, rate-limited.
type Reconciler struct {
	// Client reads pods and namespaces from the manager's metadata-only cache and patches through
	// the API as netiso's own identity (--reconciler-username).
	Client client.Client
	// Rules returns the rules in force (nil before any are loaded).
	Rules func() *rules.Compiled
	// Changed signals a new rules version (rulesource.Store.Changed).
	Changed <-chan struct{}
	// OwnNamespace is netiso's namespace: always exempt, as in the webhook configuration.
	OwnNamespace string
	// Limiter paces the patches, so a rules change never floods the API server.
	Limiter *rate.Limiter
	Log     logr.Logger
	// Events, when set, records on each relabelled pod what changed and for which rules version,
	// so `kubectl describe pod` answers "why did this pod lose (or gain) that label".
	Events events.EventRecorder

	mu      sync.Mutex
	pending map[types.NamespacedName]struct{}
	version string // of the last sweep, for the "done" log
}

// SetupWithManager registers the controller: pod metadata events, namespace label changes (an
// exempt label removed), and a sweep of every pod on each rules change.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	if r.Limiter == nil {
		return errors.New("reconcile: no rate limiter")
	}
	return ctrl.NewControllerManagedBy(mgr).
		Named(Name).
		For(&corev1.Pod{}, builder.OnlyMetadata).
		Watches(&corev1.Namespace{}, handler.EnqueueRequestsFromMapFunc(r.podsOf),
			builder.OnlyMetadata, builder.WithPredicates(predicate.LabelChangedPredicate{})).
		WatchesRawSource(source.Func(r.sweepOnChange)).
		WithOptions(controller.Options{
			MaxConcurrentReconciles: 4,
			// Retries back off to a minute, not controller-runtime's 16: a pod created while the
			// webhook was bypassed is retried until the webhook is back, and should not wait long
			// after. The Limiter, not this, paces the API calls.
			RateLimiter: workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](500*time.Millisecond, time.Minute),
		}).
		Complete(r)
}

// Reconcile marks one pod if it is stale and checks that the webhook relabelled it.
func (r *Reconciler) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	c := r.Rules()
	if c == nil {
		return reconcile.Result{}, nil // the first rules load sweeps every pod
	}
	version := c.Hash()
	pod := podMeta()
	if err := r.Client.Get(ctx, req.NamespacedName, pod); err != nil {
		r.finish(req.NamespacedName)
		return reconcile.Result{}, client.IgnoreNotFound(err)
	}
	covered, err := r.covered(ctx, req.Namespace)
	if err != nil {
		return reconcile.Result{}, err
	}
	if !Stale(pod, covered, version) {
		r.finish(req.NamespacedName)
		return reconcile.Result{}, nil
	}
	r.start(req.NamespacedName)
	if err := r.Limiter.Wait(ctx); err != nil {
		return reconcile.Result{}, err
	}
	// A merge patch of the annotation alone, with no resourceVersion: it cannot conflict with the
	// pod's owner, and the webhook, called on this UPDATE, writes the labels and the real version.
	// The answer goes into a fresh object: decoding into the cached one would merge into its maps.
	body := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, mutate.AnnotationRulesHash, Marker(version))
	after := podMeta()
	after.SetNamespace(pod.GetNamespace())
	after.SetName(pod.GetName())
	if err := r.Client.Patch(ctx, after, client.RawPatch(types.MergePatchType, []byte(body))); err != nil {
		if apierrors.IsNotFound(err) {
			r.finish(req.NamespacedName)
			return reconcile.Result{}, nil
		}
		podsFailed.Inc()
		return reconcile.Result{}, fmt.Errorf("marking pod %s: %w", req.NamespacedName, err)
	}
	got := after.GetAnnotations()[mutate.AnnotationRulesHash]
	if got == Marker(version) {
		// The webhook did not see the UPDATE (bypassed, or failing open): retry with backoff.
		podsFailed.Inc()
		return reconcile.Result{}, fmt.Errorf("pod %s: the webhook did not relabel it (is it bypassed?)", req.NamespacedName)
	}
	// Another version than ours means a replica serves other rules for now: the sweep for the
	// rules that win will come.
	podsUpdated.Inc()
	added, removed := Changes(pod.GetLabels(), after.GetLabels(), c.Options().IsManaged)
	r.Log.Info("relabelled", "pod", req.NamespacedName, "version", got, "added", added, "removed", removed)
	if r.Events != nil && len(added)+len(removed) > 0 {
		r.Events.Eventf(after, nil, corev1.EventTypeNormal, EventReason, "Relabel", "%s", EventNote(got, added, removed))
	}
	r.finish(req.NamespacedName)
	return reconcile.Result{}, nil
}

// EventReason is the reason of the Event on a pod whose managed labels the reconciler changed.
const EventReason = "EgressLabelsChanged"

// maxNote is the longest note events.k8s.io/v1 accepts.
const maxNote = 1024

// Changes lists the managed label keys that after has and before has not (added, or changed in
// value) and those before has and after has not (removed), each sorted.
func Changes(before, after map[string]string, isManaged func(string) bool) (added, removed []string) {
	for k, v := range after {
		if isManaged(k) && (before == nil || before[k] != v) {
			added = append(added, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok && isManaged(k) {
			removed = append(removed, k)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

// EventNote says what changed on a pod, within the length an Event's note may have: each list
// gets an equal share, and the keys that do not fit in it are counted.
func EventNote(version string, added, removed []string) string {
	var b strings.Builder
	b.WriteString("netiso rules version " + version)
	share := (maxNote - b.Len()) / 2
	for _, part := range []struct {
		verb string
		keys []string
	}{{"added", added}, {"removed", removed}} {
		if len(part.keys) == 0 {
			continue
		}
		end := b.Len() + share
		fmt.Fprintf(&b, "; %s %d:", part.verb, len(part.keys))
		for i, k := range part.keys {
			if b.Len()+1+len(k)+len(" (+99999 more)") > end {
				fmt.Fprintf(&b, " (+%d more)", len(part.keys)-i)
				break
			}
			b.WriteString(" " + k)
		}
	}
	return b.String()
}

// covered reads the namespace's labels from the cache.
func (r *Reconciler) covered(ctx context.Context, ns string) (bool, error) {
	m := &metav1.PartialObjectMetadata{}
	m.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Namespace"))
	if err := r.Client.Get(ctx, client.ObjectKey{Name: ns}, m); err != nil {
		if apierrors.IsNotFound(err) {
			return false, nil
		}
		return false, err
	}
	return scope.Covered(ns, m.GetLabels(), r.OwnNamespace), nil
}

// podsOf enqueues every pod of a namespace whose labels changed: removing the exempt label makes
// its pods netiso's to police.
func (r *Reconciler) podsOf(ctx context.Context, ns client.Object) []reconcile.Request {
	list := podMetaList()
	if err := r.Client.List(ctx, list, client.InNamespace(ns.GetName())); err != nil {
		r.Log.Error(err, "listing pods of a namespace", "namespace", ns.GetName())
		return nil
	}
	out := make([]reconcile.Request, 0, len(list.Items))
	for i := range list.Items {
		out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&list.Items[i])})
	}
	return out
}

// sweepOnChange is a source: on each rules change (and at start) it queues every stale pod.
func (r *Reconciler) sweepOnChange(ctx context.Context, q workqueue.TypedRateLimitingInterface[reconcile.Request]) error {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-r.Changed:
				if err := r.sweep(ctx, q); err != nil && ctx.Err() == nil {
					r.Log.Error(err, "sweeping pods after a rules change")
				}
			}
		}
	}()
	return nil
}

func (r *Reconciler) sweep(ctx context.Context, q workqueue.TypedRateLimitingInterface[reconcile.Request]) error {
	c := r.Rules()
	if c == nil {
		return nil
	}
	version := c.Hash()
	var nss metav1.PartialObjectMetadataList
	nss.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("NamespaceList"))
	if err := r.Client.List(ctx, &nss); err != nil {
		return err
	}
	covered := make(map[string]bool, len(nss.Items))
	for _, ns := range nss.Items {
		covered[ns.Name] = scope.Covered(ns.Name, ns.Labels, r.OwnNamespace)
	}
	pods := podMetaList()
	if err := r.Client.List(ctx, pods); err != nil {
		return err
	}
	var stale []types.NamespacedName
	for i := range pods.Items {
		if p := &pods.Items[i]; Stale(p, covered[p.Namespace], version) {
			stale = append(stale, client.ObjectKeyFromObject(p))
		}
	}
	r.mu.Lock()
	r.version = version
	r.mu.Unlock()
	r.Log.Info("reconciling running pods", "version", version, "pending", len(stale), "pods", len(pods.Items))
	if len(stale) == 0 {
		r.Log.Info("running pods are up to date", "version", version)
	}
	for _, k := range stale {
		r.start(k)
		q.Add(reconcile.Request{NamespacedName: k})
	}
	return nil
}

// start and finish track the pods in flight, for the pending gauge and the "done" log.
func (r *Reconciler) start(k types.NamespacedName) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pending == nil {
		r.pending = map[types.NamespacedName]struct{}{}
	}
	r.pending[k] = struct{}{}
	podsPending.Set(float64(len(r.pending)))
}

func (r *Reconciler) finish(k types.NamespacedName) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.pending[k]; !ok {
		return
	}
	delete(r.pending, k)
	podsPending.Set(float64(len(r.pending)))
	if len(r.pending) == 0 {
		r.Log.Info("running pods are up to date", "version", r.version)
	}
}

func podMeta() *metav1.PartialObjectMetadata {
	m := &metav1.PartialObjectMetadata{}
	m.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Pod"))
	return m
}

func podMetaList() *metav1.PartialObjectMetadataList {
	l := &metav1.PartialObjectMetadataList{}
	l.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("PodList"))
	return l
}
