// Package policyowner keeps the cluster's NetworkPolicies equal to the rules in force: one elected
// replica applies every policy the rules imply (pkg/policy, the objects `netiso policies` prints),
// removes those they no longer imply, and restores any that someone else changed or deleted. It
// reads the same compiled rules the webhook serves, so the labels and the policies come from one
// place.
//
// A rules change is applied in two steps (policy.Transition): at once, the policies that hold
// while pods' labels move from the old grants to the new (intersections, a deny for a destination
// gone); then, once no pod carries an old grant that differs from its new one (the reconciler
// relabels them), the new policies exactly. So a change never opens a path that neither the old nor
// the new rules grant, and a new destination's callers carry their label before its policy admits
// only them.
//
// Writes are server-side applies with netiso's own field manager, only of a policy that differs
// from what the rules imply: a resync costs a comparison in memory, not a request.
package policyowner

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/go-logr/logr"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/events"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Name is the controller's name, in logs, events and controller-runtime's metrics.
const Name = "netiso-policies"

// FieldManager is netiso's field manager on every policy it applies.
const FieldManager = "netiso"

// Defaults of the owner's timings.
const (
	// DefaultLabelWait bounds how long a rules change waits for pods' labels before its final
	// policies apply anyway (a pod the webhook cannot relabel must not hold every change back).
	DefaultLabelWait = 2 * time.Minute
	// settleEvery is how often a change in progress checks whether the labels have moved.
	settleEvery = 200 * time.Millisecond
	// denyRecheck is how often a gone destination's deny is checked for pods still running.
	denyRecheck = 30 * time.Second
	// ownerRecheck is how often the owner object is read again (a write reads it when older).
	ownerRecheck = 10 * time.Second
	// ownerFresh is the oldest owner reference a write trusts: the garbage collector deletes a
	// policy whose owner is gone, and netiso must not write it back naming that owner.
	ownerFresh = 2 * time.Second
)

// Selector selects the policies netiso owns: the manager's cache holds only these.
func Selector() labels.Selector {
	return labels.SelectorFromSet(labels.Set{policy.ManagedByLabel: policy.ManagedBy})
}

// Owner applies, restores and removes netiso's NetworkPolicies.
type Owner struct {
	// Client reads policies, pods' and namespaces' metadata from the manager's cache and writes
	// policies as netiso's own identity.
	Client client.Client
	// Reader reads straight from the API server: the owner object's UID, once.
	Reader client.Reader
	// Rules returns the rules in force (nil before any are loaded); Changed signals a new version.
	Rules   func() *rules.Compiled
	Changed <-chan struct{}
	// Options are how policies are generated (policy.Generate), as `netiso policies` takes them.
	Options policy.Options
	// Stage is what netiso holds (see Stage): NetworkPolicies in StageEnforce, Calico's audit
	// policies in StageAudit, neither in StageLabels (and in the webhook's audit mode).
	Stage Stage
	// OwnerName, when set, is the MutatingWebhookConfiguration every policy names as its owner,
	// so that deleting it (helm uninstall) has the garbage collector delete them.
	OwnerName string
	// LabelWait bounds a change's wait for pods' labels (DefaultLabelWait when zero).
	LabelWait time.Duration
	Log       logr.Logger
	// Events, when set, records on a policy each repair of someone else's change.
	Events events.EventRecorder

	// ownerRef is the owner object's current reference (nil while it does not exist), read again
	// at most every ownerRecheck: a configuration deleted and recreated has a new UID.
	ownerMu      sync.Mutex
	ownerRef     *metav1.OwnerReference
	ownerChecked time.Time

	mu sync.Mutex
	// target is what netiso holds now; final is what the rules in force imply. They differ while
	// a change waits for pods' labels (since lists the grants pods may still carry; a nil entry:
	// unknown ones, as after an install, audit mode or an election).
	target, final map[types.NamespacedName]*networkingv1.NetworkPolicy
	rules         *rules.Compiled
	since         []*rules.Compiled
	settling      bool // target is not final yet
	deadline      time.Time
	// applied is the spec netiso last applied at each key: a policy found otherwise was changed by
	// someone else (a repair), not by a rules change.
	applied map[types.NamespacedName]*networkingv1.NetworkPolicy

	// auditKick wakes the audit loop on a rules change; auditApplied is the spec netiso last
	// applied to each Calico audit policy; auditWant the audit policies of the rules auditFor
	// (stage.go). The loop's own: one goroutine reads and writes them.
	auditKick    chan struct{}
	auditApplied map[types.NamespacedName]string
	auditFor     *rules.Compiled
	auditWant    map[types.NamespacedName]*unstructured.Unstructured
}

// SetupWithManager registers the controller. The manager's cache must hold only netiso's policies
// (Selector), and pods' and namespaces' metadata.
func (o *Owner) SetupWithManager(mgr ctrl.Manager) error {
	if err := o.Options.Validate(); err != nil {
		return err
	}
	o.applied = map[types.NamespacedName]*networkingv1.NetworkPolicy{}
	if err := o.setupAudit(mgr); err != nil {
		return err
	}
	return ctrl.NewControllerManagedBy(mgr).
		Named(Name).
		For(&networkingv1.NetworkPolicy{}).
		WatchesRawSource(source.Func(o.watchRules)).
		WithOptions(controller.Options{
			MaxConcurrentReconciles: 4,
			RateLimiter:             workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](200*time.Millisecond, time.Minute),
		}).
		Complete(o)
}

// watchRules is a source: on each rules change it moves the target and queues every policy that
// may differ; while a change waits for pods' labels, it checks them and, once they have moved (or
// the wait is over), queues the final set.
func (o *Owner) watchRules(ctx context.Context, q workqueue.TypedRateLimitingInterface[reconcile.Request]) error {
	go func() {
		// The owner first: without it, netiso's own policies would look foreign.
		for {
			if _, _, err := o.owner(ctx, 0); err == nil {
				break
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
		tick := time.NewTicker(settleEvery)
		defer tick.Stop()
		ownerTick := time.NewTicker(ownerRecheck)
		defer ownerTick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-o.Changed:
				if c := o.Rules(); c != nil {
					o.add(q, o.change(ctx, c))
				}
				o.kickAudit()
			case <-tick.C:
				o.add(q, o.settle(ctx))
			case <-ownerTick.C:
				// A new owner (the configuration recreated) or none: every policy names it again.
				if _, changed, err := o.owner(ctx, ownerRecheck); err == nil && changed {
					o.mu.Lock()
					all := keys(o.target)
					o.mu.Unlock()
					o.add(q, all)
				}
			}
		}
	}()
	return nil
}

func (o *Owner) add(q workqueue.TypedRateLimitingInterface[reconcile.Request], keys []types.NamespacedName) {
	for _, k := range keys {
		q.Add(reconcile.Request{NamespacedName: k})
	}
}

// change moves the target to the transition towards rules c and returns the keys to visit.
func (o *Owner) change(ctx context.Context, c *rules.Compiled) []types.NamespacedName {
	final := map[types.NamespacedName]*networkingv1.NetworkPolicy{}
	if o.Stage == StageEnforce {
		nps, err := policy.Generate(c, o.Options)
		if err != nil {
			// The webhook refuses such rules (rulesource.Store.Check); keep what is held.
			o.Log.Error(err, "the rules imply no valid policies: keeping the policies in force", "version", c.Hash())
			return nil
		}
		final = policy.ByKey(nps)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	from := o.target
	if from == nil {
		// The first rules since this replica was elected: start from what the cluster holds, and
		// from pods that may carry no label yet.
		var err error
		if from, err = o.held(ctx); err != nil {
			o.Log.Error(err, "listing netiso's policies; starting from none")
		}
		o.since = []*rules.Compiled{nil}
	} else {
		o.since = append(o.since, o.rules)
	}
	o.rules, o.final = c, final
	o.target, o.settling = policy.Transition(from, final), true
	if o.Stage != StageEnforce {
		// Before the enforce stage nothing is enforced: every policy goes at once, nothing waits for labels.
		o.target, o.since, o.settling = final, nil, false
	}
	o.deadline = time.Now().Add(cmp.Or(o.LabelWait, DefaultLabelWait))
	changed.Inc()
	o.Log.Info("rules changed", "version", c.Hash(), "policies", len(final), "waiting", len(o.since) > 0)
	return keys(from, final, o.target)
}

// settle applies the final set once no pod carries an old grant that differs from its new one.
func (o *Owner) settle(ctx context.Context) []types.NamespacedName {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.settling {
		waiting.Set(0)
		return nil
	}
	n, err := o.inTransit(ctx)
	waiting.Set(float64(n))
	if err != nil {
		o.Log.Error(err, "checking pods' labels")
		return nil
	}
	late := time.Now().After(o.deadline)
	if n > 0 && !late {
		return nil
	}
	if n > 0 {
		o.Log.Info("pods still carry an old grant after the label wait: applying the new policies", "pods", n, "version", o.rules.Hash())
	} else if len(o.since) > 0 {
		o.Log.Info("pods carry their new grants: applying the new policies", "version", o.rules.Hash())
	}
	from := o.target
	o.target, o.since, o.settling = o.final, nil, false
	return keys(from, o.final)
}

// inTransit counts the pods in covered namespaces whose labels are an earlier grant (or none) and
// not their grant under the rules in force: those the reconciler has yet to relabel.
func (o *Owner) inTransit(ctx context.Context) (int, error) {
	if len(o.since) == 0 {
		return 0, nil
	}
	namespaces := &metav1.PartialObjectMetadataList{}
	namespaces.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("NamespaceList"))
	if err := o.Client.List(ctx, namespaces, client.UnsafeDisableDeepCopy); err != nil {
		return 0, err
	}
	covered := map[string]bool{}
	for _, ns := range namespaces.Items {
		covered[ns.Name] = scope.Covered(ns.Name, ns.Labels, o.Options.NetisoNamespace)
	}
	pods := &corev1.PodList{}
	if err := o.Client.List(ctx, pods, client.UnsafeDisableDeepCopy); err != nil {
		return 0, err
	}
	cfg := mutate.Config{ServiceLabel: o.Options.ServiceLabel}
	n := 0
	for _, p := range pods.Items {
		if !covered[p.Namespace] || mutate.AtServiceGrant(p.Labels, p.Namespace, o.rules, cfg) {
			continue
		}
		if slices.ContainsFunc(o.since, func(v *rules.Compiled) bool {
			// nil: the grants before this replica was elected are unknown (an install, audit
			// mode, an earlier leader's rules): any pod not yet at its grant may be in transit.
			return v == nil || mutate.AtServiceGrant(p.Labels, p.Namespace, v, cfg)
		}) {
			n++
		}
	}
	return n, nil
}

// held lists the policies netiso holds in the cluster.
func (o *Owner) held(ctx context.Context) (map[types.NamespacedName]*networkingv1.NetworkPolicy, error) {
	var list networkingv1.NetworkPolicyList
	if err := o.Client.List(ctx, &list, client.MatchingLabelsSelector{Selector: Selector()}); err != nil {
		return nil, err
	}
	out := map[types.NamespacedName]*networkingv1.NetworkPolicy{}
	for i := range list.Items {
		if o.owns(&list.Items[i]) {
			out[policy.Key(&list.Items[i])] = &list.Items[i]
		}
	}
	return out, nil
}

func keys(sets ...map[types.NamespacedName]*networkingv1.NetworkPolicy) []types.NamespacedName {
	all := map[types.NamespacedName]bool{}
	for _, s := range sets {
		for k := range s {
			all[k] = true
		}
	}
	return slices.Collect(maps.Keys(all))
}

// want is what netiso holds at key now, nil for nothing.
func (o *Owner) want(key types.NamespacedName) (*networkingv1.NetworkPolicy, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.target[key], o.rules != nil
}

// Reconcile makes the policy at key what netiso holds there.
func (o *Owner) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	want, loaded := o.want(req.NamespacedName)
	if !loaded {
		return reconcile.Result{}, nil // the first rules visit every policy
	}
	cur := &networkingv1.NetworkPolicy{}
	if err := o.Client.Get(ctx, req.NamespacedName, cur); apierrors.IsNotFound(err) {
		cur = nil
	} else if err != nil {
		return reconcile.Result{}, err
	}
	if cur != nil && !o.owns(cur) {
		if want == nil {
			// Labelled as netiso's, but not netiso's: never deleted on a label's word.
			foreign.Inc()
			o.Log.Info("a NetworkPolicy labelled as netiso's is not netiso's: left alone", "policy", req.NamespacedName)
			return reconcile.Result{}, nil
		}
		o.Log.Info("a NetworkPolicy labelled as netiso's is not netiso's: the rules' policy replaces it", "policy", req.NamespacedName)
	}
	var result reconcile.Result
	if want == nil && cur != nil && o.Stage == StageEnforce && policy.IsDestination(cur) {
		// A destination gone from the rules: closed while its pods run, so it is never opened.
		running, err := o.running(ctx, cur)
		if err != nil {
			return reconcile.Result{}, err
		}
		if running {
			want, result = policy.Deny(cur), reconcile.Result{RequeueAfter: denyRecheck}
		}
	}
	if want == nil {
		if cur == nil {
			return result, nil
		}
		err := o.Client.Delete(ctx, cur, client.Preconditions{UID: &cur.UID, ResourceVersion: &cur.ResourceVersion})
		if err != nil && !apierrors.IsNotFound(err) {
			applyErrors.Inc()
			return reconcile.Result{}, fmt.Errorf("deleting %s: %w", req.NamespacedName, err)
		}
		o.forget(req.NamespacedName)
		removed.Inc()
		o.Log.Info("removed", "policy", req.NamespacedName)
		return result, nil
	}
	ref, _, err := o.owner(ctx, ownerFresh)
	if err != nil {
		return reconcile.Result{}, err
	}
	if cur != nil && o.owns(cur) && o.matches(cur, want, ref) {
		o.remember(req.NamespacedName, want) // from now on, a difference is someone else's doing
		return result, nil
	}
	repair := o.repair(req.NamespacedName, cur, want)
	if repair != "" {
		// The cache may not have seen netiso's own last write yet: ask the API server before
		// calling it someone else's doing (and writing again).
		live := &networkingv1.NetworkPolicy{}
		switch err := o.Reader.Get(ctx, req.NamespacedName, live); {
		case apierrors.IsNotFound(err):
		case err != nil:
			return reconcile.Result{}, err
		case o.owns(live) && o.matches(live, want, ref):
			return result, nil
		}
	}
	obj, err := o.apply(ctx, want, ref)
	if err != nil {
		applyErrors.Inc()
		return reconcile.Result{}, fmt.Errorf("applying %s: %w", req.NamespacedName, err)
	}
	o.remember(req.NamespacedName, want)
	if repair != "" {
		repaired.WithLabelValues(repair).Inc()
		o.Log.Info("restored a policy someone else "+repair, "policy", req.NamespacedName)
		if o.Events != nil {
			o.Events.Eventf(obj, nil, corev1.EventTypeWarning, "PolicyRestored", "Restore",
				"netiso restored this NetworkPolicy, which someone else %s: change the rules instead", repair)
		}
	} else {
		applied.Inc()
		o.Log.Info("applied", "policy", req.NamespacedName)
	}
	return result, nil
}

// repair says how someone else changed the policy at key ("deleted", "changed"), or "" when
// netiso's last write there was of another spec (a rules change, or nothing written yet).
func (o *Owner) repair(key types.NamespacedName, cur, want *networkingv1.NetworkPolicy) string {
	o.mu.Lock()
	last := o.applied[key]
	o.mu.Unlock()
	if last == nil || !apiequality.Semantic.DeepEqual(last.Spec, want.Spec) {
		return ""
	}
	if cur == nil {
		return "deleted"
	}
	return "changed"
}

func (o *Owner) remember(key types.NamespacedName, np *networkingv1.NetworkPolicy) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.applied[key] = np
}

func (o *Owner) forget(key types.NamespacedName) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.applied, key)
}

// matches reports whether cur is want: the same spec, netiso's labels and the owner reference.
func (o *Owner) matches(cur, want *networkingv1.NetworkPolicy, ref *metav1.OwnerReference) bool {
	if ref != nil && !slices.ContainsFunc(cur.OwnerReferences, func(r metav1.OwnerReference) bool { return r.UID == ref.UID }) {
		return false
	}
	return policy.Differs(cur, want) == ""
}

// owns reports whether netiso wrote np: it carries netiso's label and, with an owner object, names
// it (by name and kind: a configuration recreated has a new UID, and its policies stay netiso's).
// The guard lets no one else write either.
func (o *Owner) owns(obj metav1.Object) bool {
	if obj.GetLabels()[policy.ManagedByLabel] != policy.ManagedBy {
		return false
	}
	if o.OwnerName == "" {
		return true
	}
	return slices.ContainsFunc(obj.GetOwnerReferences(), func(r metav1.OwnerReference) bool {
		return r.Kind == admissionGVK.Kind && r.APIVersion == admissionGVK.GroupVersion().String() && r.Name == o.OwnerName
	})
}

// running reports whether pods of np's service still run where np lives.
func (o *Owner) running(ctx context.Context, np *networkingv1.NetworkPolicy) (bool, error) {
	pods := &corev1.PodList{}
	sel := client.MatchingLabels(np.Spec.PodSelector.MatchLabels)
	if err := o.Client.List(ctx, pods, client.InNamespace(np.Namespace), sel, client.Limit(1), client.UnsafeDisableDeepCopy); err != nil {
		return false, err
	}
	return len(pods.Items) > 0, nil
}

// apply writes want by server-side apply as netiso's field manager, taking the fields over from
// whoever else set them, naming ref as its owner.
func (o *Owner) apply(ctx context.Context, want *networkingv1.NetworkPolicy, ref *metav1.OwnerReference) (*networkingv1.NetworkPolicy, error) {
	np := want.DeepCopy()
	np.TypeMeta = metav1.TypeMeta{APIVersion: networkingv1.SchemeGroupVersion.String(), Kind: "NetworkPolicy"}
	if ref != nil {
		np.OwnerReferences = []metav1.OwnerReference{*ref}
	}
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(np)
	if err != nil {
		return nil, err
	}
	obj := &unstructured.Unstructured{Object: u}
	unstructured.RemoveNestedField(obj.Object, "metadata", "creationTimestamp")
	if err := o.Client.Apply(ctx, client.ApplyConfigurationFromUnstructured(obj), client.FieldOwner(FieldManager), client.ForceOwnership); err != nil {
		return nil, err
	}
	return np, nil
}

// owner returns the owner object's reference, read again when older than maxAge (0: now), and
// whether it changed. With OwnerName set but the object gone (deleted, about to be recreated, or
// netiso being uninstalled), policies are written with no owner: enforcing comes first, and the
// garbage collector would otherwise delete them again at once. A later read adds the owner back.
func (o *Owner) owner(ctx context.Context, maxAge time.Duration) (ref *metav1.OwnerReference, changed bool, err error) {
	o.ownerMu.Lock()
	defer o.ownerMu.Unlock()
	if o.OwnerName == "" || (maxAge > 0 && time.Since(o.ownerChecked) < maxAge) {
		return o.ownerRef, false, nil
	}
	m := &metav1.PartialObjectMetadata{}
	m.SetGroupVersionKind(admissionGVK)
	switch err := o.Reader.Get(ctx, client.ObjectKey{Name: o.OwnerName}, m); {
	case apierrors.IsNotFound(err):
		ref = nil
	case err != nil:
		return o.ownerRef, false, fmt.Errorf("reading the owner of netiso's policies, MutatingWebhookConfiguration %s: %w", o.OwnerName, err)
	default:
		ref = &metav1.OwnerReference{APIVersion: admissionGVK.GroupVersion().String(), Kind: admissionGVK.Kind, Name: m.Name, UID: m.UID}
	}
	o.ownerChecked = time.Now()
	changed = (ref == nil) != (o.ownerRef == nil) || (ref != nil && ref.UID != o.ownerRef.UID)
	if changed {
		o.Log.Info("the owner of netiso's policies changed", "name", o.OwnerName, "exists", ref != nil)
	}
	o.ownerRef = ref
	return ref, changed, nil
}

var admissionGVK = admissionregistrationv1.SchemeGroupVersion.WithKind("MutatingWebhookConfiguration")
