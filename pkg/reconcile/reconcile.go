// Package reconcile keeps running pods' managed labels exactly what the rules in force grant.
//
// It judges a pod by its labels and what it runs (mutate.UpToDate: its ServiceAccount and images,
// against its service's identity anchors), read from a cache trimmed to those (TrimPod: its identity label and managed keys, its ServiceAccount and images), with the
// compiled rules in memory: never by an annotation, which a pod's owner can write. It never computes
// labels either: for a pod out of date it marks the rules-hash annotation, as netiso's own identity,
// and the webhook, on that UPDATE, sets exactly what the rules grant. So the webhook stays the one
// place that decides labels, and the reconciler needs no more than patch on pods.
//
// What it visits: every pod event (a pod is judged in microseconds, so a kubelet's status update
// costs nothing but that); on a rules change, only the pods of the services whose grant changed
// (rules.DiffGrants, and an index of cached pods by identity), ahead of anything else queued; a
// namespace's pods when its labels change (exempt to covered); the pods running an image whose
// signature check has just completed (Checked), since a pod waits for it with no rights; and every
// cached pod once each Resync, for whatever events missed.
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
	"sigs.k8s.io/controller-runtime/pkg/controller/priorityqueue"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Name is the controller's name, in logs and controller-runtime's metrics.
const Name = "netiso-reconciler"

// MarkerPrefix starts the value the reconciler writes to the rules-hash annotation. It is never a
// rules version (those are hex digits), so a pod whose annotation still holds it after the patch
// was not seen by the webhook.
const MarkerPrefix = names.ReconcileMarkerPrefix

// Marker is what the reconciler writes to a pod's rules-hash annotation to have it relabelled.
func Marker(version string) string { return MarkerPrefix + version }

// identityIndex indexes the cached pods by the value of their identity label; digestIndex by the
// digests of the images they run by digest.
const (
	identityIndex = "netiso.identity"
	digestIndex   = "netiso.digest"
)

// DefaultResync is how often every cached pod is judged again when Resync is not set.
const DefaultResync = 10 * time.Minute

// Priorities in the queue: a rules change's pods before the rest (pod events, the initial list,
// the periodic check; controller-runtime gives the initial list a low priority of its own).
var (
	changedPriority = 10
	checkPriority   = handler.LowPriority
)

// Reconciler relabels, through the webhook and rate-limited, the pods whose labels are not their grant.
type Reconciler struct {
	// Client reads pods and namespaces from the manager's metadata-only cache and patches through
	// the API as netiso's own identity (--reconciler-username).
	Client client.Client
	// Rules returns the rules in force (nil before any are loaded).
	Rules func() *rules.Compiled
	// Changed signals a new rules version (rulesource.Store.Changed).
	Changed <-chan struct{}
	// ServiceLabel is the identity label, as the webhook has it.
	ServiceLabel string
	// OwnNamespace is netiso's namespace: always exempt, as in the webhook configuration.
	OwnNamespace string
	// Limiter paces the patches, so a rules change never floods the API server.
	Limiter *rate.Limiter
	// Resync is how often every cached pod is judged again (DefaultResync when zero).
	Resync time.Duration
	Log    logr.Logger
	// Events, when set, records on each relabelled pod what changed and for which rules version,
	// so `kubectl describe pod` answers "why did this pod lose (or gain) that label".
	Events events.EventRecorder
	// Signatures looks up image signatures without waiting (a miss starts a check); Checked
	// receives the digest ("sha256:…") of each image whose check completed, so its pods are
	// judged again. Both nil: no signature verifies.
	Signatures mutate.Signatures
	Checked    <-chan string
	// PendingRecheck is how soon a pod whose image signature is still unknown (the registry slow
	// or down) is judged again; zero: only on news from Checked, events and the resync.
	PendingRecheck time.Duration

	mu      sync.Mutex
	pending map[types.NamespacedName]struct{}
	version string          // of the rules last handled, for the "done" log
	last    *rules.Compiled // the rules of the last change handled: the next is diffed against it
}

// SetupWithManager registers the controller and the index of pods by identity.
func (r *Reconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager) error {
	if r.Limiter == nil {
		return errors.New("reconcile: no rate limiter")
	}
	if r.ServiceLabel == "" {
		return errors.New("reconcile: no identity label")
	}
	if err := mgr.GetFieldIndexer().IndexField(ctx, &corev1.Pod{}, identityIndex, r.identity); err != nil {
		return fmt.Errorf("indexing pods by %s: %w", r.ServiceLabel, err)
	}
	if err := mgr.GetFieldIndexer().IndexField(ctx, &corev1.Pod{}, digestIndex, digests); err != nil {
		return fmt.Errorf("indexing pods by image digest: %w", err)
	}
	return ctrl.NewControllerManagedBy(mgr).
		Named(Name).
		For(&corev1.Pod{}).
		Watches(&corev1.Namespace{}, handler.EnqueueRequestsFromMapFunc(r.podsOf),
			builder.OnlyMetadata, builder.WithPredicates(predicate.LabelChangedPredicate{})).
		WatchesRawSource(source.Func(r.watchRules)).
		WatchesRawSource(source.Func(r.watchChecked)).
		WithOptions(controller.Options{
			MaxConcurrentReconciles: 4,
			// Retries back off to a minute, not controller-runtime's 16: a pod created while the
			// webhook was bypassed is retried until the webhook is back, and should not wait long
			// after. The Limiter, not this, paces the API calls.
			RateLimiter: workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](500*time.Millisecond, time.Minute),
		}).
		Complete(r)
}

func (r *Reconciler) identity(o client.Object) []string {
	if v, ok := o.GetLabels()[r.ServiceLabel]; ok {
		return []string{v}
	}
	return nil
}

func digests(o client.Object) []string {
	if p, ok := o.(*corev1.Pod); ok {
		return mutate.WorkloadOf(&p.Spec).Digests()
	}
	return nil
}

func (r *Reconciler) config() mutate.Config { return mutate.Config{ServiceLabel: r.ServiceLabel} }

// upToDate: whether pod's labels are its grant.
func (r *Reconciler) upToDate(labels map[string]string, pod *corev1.Pod, c *rules.Compiled) bool {
	return mutate.UpToDate(labels, pod.Namespace, mutate.WorkloadOf(&pod.Spec), c, r.config(), r.Signatures)
}

// judge is pod's grant under c, by its labels and what it runs, and whether it waits, with no
// rights, for a signature check to complete. Such a pod is up to date (it carries nothing) and
// judged again soon, so that it gets its rights within seconds of the registry answering even if
// no news of the check reaches this replica.
func (r *Reconciler) judge(pod *corev1.Pod, c *rules.Compiled) (grant rules.Grant, pending bool) {
	grant, placed := mutate.Lookup(pod.Labels, pod.Namespace, mutate.WorkloadOf(&pod.Spec), c, r.config(), r.Signatures)
	return grant, placed != nil && placed.Identity != nil && placed.Identity.Pending
}

// watchChecked queues the pods running each image whose signature check completed.
func (r *Reconciler) watchChecked(ctx context.Context, q queue) error {
	if r.Checked == nil {
		return nil
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case d := <-r.Checked:
				var pods corev1.PodList
				if err := r.Client.List(ctx, &pods, client.MatchingFields{digestIndex: d}, client.UnsafeDisableDeepCopy); err != nil {
					r.Log.Error(err, "listing the pods of a checked image", "digest", d)
					continue
				}
				keys := make([]types.NamespacedName, len(pods.Items))
				for i := range pods.Items {
					keys[i] = client.ObjectKeyFromObject(&pods.Items[i])
				}
				add(q, changedPriority, keys)
			}
		}
	}()
	return nil
}

// Reconcile judges one pod by its labels and, if they are not its grant, has the webhook relabel it.
func (r *Reconciler) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	c := r.Rules()
	if c == nil {
		return reconcile.Result{}, nil // the first rules load judges every pod
	}
	pod := &corev1.Pod{}
	if err := r.Client.Get(ctx, req.NamespacedName, pod); err != nil {
		r.finish(req.NamespacedName)
		return reconcile.Result{}, client.IgnoreNotFound(err)
	}
	covered, err := r.covered(ctx, req.Namespace)
	if err != nil {
		return reconcile.Result{}, err
	}
	if !covered {
		r.finish(req.NamespacedName)
		return reconcile.Result{}, nil
	}
	// Terminating pods too: a long grace period would otherwise keep a revoked link open.
	// (One lookup a pod event: what mutate.UpToDate would do, and whether a signature is pending.)
	if grant, pending := r.judge(pod, c); grant.Exactly(pod.Labels, c.Options().IsManaged) {
		r.finish(req.NamespacedName)
		if pending && r.PendingRecheck > 0 && pod.DeletionTimestamp == nil {
			return reconcile.Result{RequeueAfter: r.PendingRecheck}, nil
		}
		return reconcile.Result{}, nil
	}
	r.start(req.NamespacedName)
	if err := r.Limiter.Wait(ctx); err != nil {
		return reconcile.Result{}, err
	}
	// A merge patch of the annotation alone, with no resourceVersion: it cannot conflict with the
	// pod's owner, and the webhook, called on this UPDATE, writes the labels and the real version.
	// The answer goes into a fresh object: decoding into the cached one would merge into its maps.
	version := c.Hash()
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
	added, removed := Changes(pod.GetLabels(), after.GetLabels(), c.Options().IsManaged)
	if len(added)+len(removed) > 0 {
		r.Log.Info("relabelled", "pod", req.NamespacedName, "version", got, "added", added, "removed", removed)
		if r.Events != nil {
			r.Events.Eventf(after, nil, corev1.EventTypeNormal, EventReason, "Relabel", "%s", EventNote(got, added, removed))
		}
	}
	if !r.upToDate(after.GetLabels(), pod, c) {
		// The replica that answered serves other rules for now (a rollout, or a reload on its way),
		// or has yet to verify a signature this replica knows: judge the pod again after a backoff.
		podsFailed.Inc()
		return reconcile.Result{}, fmt.Errorf("pod %s: the webhook answered with rules %s, not %s", req.NamespacedName, got, version)
	}
	podsUpdated.Inc()
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

// covered reads the namespace's labels from the cache. A namespace not found (deleted, its pods
// going with it) is not covered: its pods are skipped, with the reason at debug level.
func (r *Reconciler) covered(ctx context.Context, ns string) (bool, error) {
	m := &metav1.PartialObjectMetadata{}
	m.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Namespace"))
	if err := r.Client.Get(ctx, client.ObjectKey{Name: ns}, m); err != nil {
		if apierrors.IsNotFound(err) {
			r.Log.V(1).Info("skipping a pod: its namespace is not in the cache", "namespace", ns)
			return false, nil
		}
		return false, err
	}
	return scope.Covered(ns, m.GetLabels(), r.OwnNamespace), nil
}

// podsOf enqueues every pod of a namespace whose labels changed: removing the exempt label makes
// its pods netiso's to police, and each is judged by its labels.
func (r *Reconciler) podsOf(ctx context.Context, ns client.Object) []reconcile.Request {
	list := &corev1.PodList{}
	if err := r.Client.List(ctx, list, client.InNamespace(ns.GetName()), client.UnsafeDisableDeepCopy); err != nil {
		r.Log.Error(err, "listing pods of a namespace", "namespace", ns.GetName())
		return nil
	}
	out := make([]reconcile.Request, 0, len(list.Items))
	for i := range list.Items {
		out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&list.Items[i])})
	}
	return out
}

// queue is what watchRules adds to: controller-runtime's priority queue (its default), or any
// workqueue, where priorities are lost but nothing else.
type queue = workqueue.TypedRateLimitingInterface[reconcile.Request]

func add(q queue, priority int, keys []types.NamespacedName) {
	reqs := make([]reconcile.Request, len(keys))
	for i, k := range keys {
		reqs[i] = reconcile.Request{NamespacedName: k}
	}
	if pq, ok := q.(priorityqueue.PriorityQueue[reconcile.Request]); ok {
		pq.AddWithOpts(priorityqueue.AddOpts{Priority: &priority}, reqs...)
		return
	}
	for _, req := range reqs {
		q.Add(req)
	}
}

// watchRules is a source: on each rules change it queues the pods of the services whose grant
// changed, and once each Resync every pod whose labels are not its grant.
func (r *Reconciler) watchRules(ctx context.Context, q queue) error {
	resync := r.Resync
	if resync <= 0 {
		resync = DefaultResync
	}
	go func() {
		tick := time.NewTicker(resync)
		defer tick.Stop()
		for {
			var err error
			select {
			case <-ctx.Done():
				return
			case <-r.Changed:
				err = r.rulesChanged(ctx, q)
			case <-tick.C:
				err = r.checkAll(ctx, q, "periodic check")
			}
			if err != nil && ctx.Err() == nil {
				r.Log.Error(err, "queueing pods to judge")
			}
		}
	}()
	return nil
}

// rulesChanged queues the pods of every service whose grant differs from the last rules handled,
// from the identity index: a change costs the pods it changes. The first rules judge every pod.
func (r *Reconciler) rulesChanged(ctx context.Context, q queue) error {
	c := r.Rules()
	if c == nil {
		return nil
	}
	r.mu.Lock()
	prev := r.last
	r.last, r.version = c, c.Hash()
	r.mu.Unlock()
	if prev == nil {
		return r.checkAll(ctx, q, "first rules")
	}
	// Anchors judge pods too: a change of a service's identity revisits its pods, and one of the
	// builders or the identity defaults every pod.
	anchored, everyone := rules.DiffIdentities(prev, c)
	if everyone {
		return r.checkAll(ctx, q, "identity defaults or builders changed")
	}
	var changed []string
	for _, g := range rules.DiffGrants(prev, c) {
		changed = append(changed, g.Service)
	}
	changed = append(changed, anchored...)
	slices.Sort(changed)
	changed = slices.Compact(changed)
	var keys []types.NamespacedName
	for _, service := range changed {
		list := &corev1.PodList{}
		if err := r.Client.List(ctx, list, client.MatchingFields{identityIndex: service}, client.UnsafeDisableDeepCopy); err != nil {
			return fmt.Errorf("listing the pods of service %s: %w", service, err)
		}
		for i := range list.Items {
			keys = append(keys, client.ObjectKeyFromObject(&list.Items[i]))
		}
	}
	r.Log.Info("rules changed", "version", c.Hash(), "services", len(changed), "pods", len(keys))
	add(q, changedPriority, keys)
	return nil
}

// checkAll judges every cached pod and queues those whose labels are not their grant. Judging is a
// map lookup a pod in memory (tens of milliseconds for 45,000 pods); the relabelling it causes is
// paced by the Limiter.
func (r *Reconciler) checkAll(ctx context.Context, q queue, why string) error {
	c := r.Rules()
	if c == nil {
		return nil
	}
	var nss metav1.PartialObjectMetadataList
	nss.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("NamespaceList"))
	if err := r.Client.List(ctx, &nss); err != nil {
		return err
	}
	covered := make(map[string]bool, len(nss.Items))
	for _, ns := range nss.Items {
		covered[ns.Name] = scope.Covered(ns.Name, ns.Labels, r.OwnNamespace)
	}
	var pods corev1.PodList
	if err := r.Client.List(ctx, &pods, client.UnsafeDisableDeepCopy); err != nil {
		return err
	}
	var stale []types.NamespacedName
	for i := range pods.Items {
		p := &pods.Items[i]
		if covered[p.Namespace] && !r.upToDate(p.Labels, p, c) {
			stale = append(stale, client.ObjectKeyFromObject(p))
		}
	}
	checks.Inc()
	r.Log.Info("judged every pod", "why", why, "version", c.Hash(), "pods", len(pods.Items), "outOfDate", len(stale))
	for _, k := range stale {
		r.start(k)
	}
	add(q, checkPriority, stale)
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
