package policyowner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

// Stage is a step of the rollout: what netiso holds besides the pods' labels, which every stage
// sets (labels alone open and close nothing).
type Stage string

const (
	// StageLabels holds no policy: the pods carry their grants, nothing reads them yet.
	StageLabels Stage = "labels"
	// StageAudit holds Calico's audit policies (policy.Audit): what the rules allow is allowed,
	// the rest is logged and allowed, so Calico's log lists what enforcing would drop
	// (`netiso flows` turns it into a rules change). They admit callers by the labels, which is
	// why the labels stage comes first.
	StageAudit Stage = "audit"
	// StageEnforce holds the NetworkPolicies the rules imply, and no audit policy: an audit
	// policy's last Allow would let through what they refuse.
	StageEnforce Stage = "enforce"
)

// Stages lists the stages in rollout order.
var Stages = []Stage{StageLabels, StageAudit, StageEnforce}

// auditResync is how often, in the audit stage, the audit policies are compared with the
// cluster's. There is no watch on Calico's kind (it may not be installed): a policy someone else
// changes or deletes is back within this. Such a change only allows what enforcing would drop
// anyway, or loses log lines.
const auditResync = 10 * time.Second

// setupAudit registers, on the elected replica, the loop that keeps Calico's audit policies:
// those of the rules in force in StageAudit, none in any other stage (so moving to enforce removes
// them). Outside the audit stage one clean sweep is enough: the stage is this process's, each
// leader's term starts with the sweep, and only netiso may write a policy with its mark (the
// guard), so none comes back.
func (o *Owner) setupAudit(mgr ctrl.Manager) error {
	o.auditKick = make(chan struct{}, 1)
	o.auditApplied = map[types.NamespacedName]string{}
	return mgr.Add(manager.RunnableFunc(o.keepAudit))
}

func (o *Owner) kickAudit() {
	select {
	case o.auditKick <- struct{}{}:
	default:
	}
}

func (o *Owner) keepAudit(ctx context.Context) error {
	tick := time.NewTicker(auditResync)
	defer tick.Stop()
	missing := false // Calico's CRD is absent: said once
	for {
		err := o.syncAudit(ctx)
		switch {
		case errors.Is(err, errNoCalico):
			if !missing {
				o.Log.Error(err, "the audit stage needs Calico: no audit policy is held")
			}
			missing = true
		case err != nil:
			applyErrors.Inc()
			o.Log.Error(err, "keeping Calico's audit policies")
		default:
			missing = false
			if o.Stage != StageAudit {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-o.auditKick:
		case <-tick.C:
		}
	}
}

var errNoCalico = errors.New("Calico's CRD networkpolicies.crd.projectcalico.org is not installed") //nolint:staticcheck // a proper noun

// syncAudit makes netiso's Calico policies in the cluster the audit policies the stage holds.
func (o *Owner) syncAudit(ctx context.Context) error {
	want := map[types.NamespacedName]*unstructured.Unstructured{}
	if o.Stage == StageAudit {
		c := o.Rules()
		if c == nil {
			return nil // the first rules kick the loop
		}
		var err error
		if want, err = o.auditPolicies(c); err != nil {
			return err
		}
	}
	list := &unstructured.UnstructuredList{}
	list.SetGroupVersionKind(policy.CalicoStoreGVK.GroupVersion().WithKind(policy.CalicoStoreGVK.Kind + "List"))
	err := o.Reader.List(ctx, list, client.MatchingLabelsSelector{Selector: Selector()})
	if meta.IsNoMatchError(err) || apierrors.IsNotFound(err) {
		if len(want) > 0 {
			return errNoCalico
		}
		return nil // nothing of Calico's, so nothing of netiso's to remove
	}
	if err != nil {
		return err
	}
	held := map[types.NamespacedName]*unstructured.Unstructured{}
	for i := range list.Items {
		u := &list.Items[i]
		if o.owns(u) {
			held[client.ObjectKeyFromObject(u)] = u
		} else if want[client.ObjectKeyFromObject(u)] == nil {
			foreign.Inc() // labelled as netiso's, not written by netiso: never deleted on a label's word
		}
	}
	ref, _, err := o.owner(ctx, ownerFresh)
	if err != nil {
		return err
	}
	var errs []error
	for key, w := range want {
		cur := held[key]
		if cur != nil && sameAudit(cur, w, ref) {
			o.auditApplied[key] = specOf(w)
			continue
		}
		obj := w.DeepCopy()
		if ref != nil {
			obj.SetOwnerReferences([]metav1.OwnerReference{*ref})
		}
		if err := o.Client.Apply(ctx, client.ApplyConfigurationFromUnstructured(obj), client.FieldOwner(FieldManager), client.ForceOwnership); err != nil {
			errs = append(errs, fmt.Errorf("applying Calico policy %s: %w", key, err))
			continue
		}
		if o.auditApplied[key] == specOf(w) {
			how := map[bool]string{true: "changed", false: "deleted"}[cur != nil]
			repaired.WithLabelValues(how).Inc()
			o.Log.Info("restored a Calico audit policy someone else "+how, "policy", key)
		} else {
			applied.Inc()
			o.Log.Info("applied a Calico audit policy", "policy", key)
		}
		o.auditApplied[key] = specOf(w)
	}
	for key, cur := range held {
		if want[key] != nil {
			continue
		}
		uid, rv := cur.GetUID(), cur.GetResourceVersion()
		err := o.Client.Delete(ctx, cur, client.Preconditions{UID: &uid, ResourceVersion: &rv})
		if err != nil && !apierrors.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("deleting Calico policy %s: %w", key, err))
			continue
		}
		delete(o.auditApplied, key)
		removed.Inc()
		o.Log.Info("removed a Calico audit policy", "policy", key, "stage", o.Stage)
	}
	return errors.Join(errs...)
}

// auditPolicies are the audit policies of rules c as Calico's datastore keeps them, by key: made
// once a rules version, not every resync.
func (o *Owner) auditPolicies(c *rules.Compiled) (map[types.NamespacedName]*unstructured.Unstructured, error) {
	if c == o.auditFor {
		return o.auditWant, nil
	}
	ps, err := policy.Audit(c, o.Options)
	if err != nil {
		// The store refuses such rules (rulesource.Store.Check): keep what is held.
		return nil, fmt.Errorf("the rules imply no valid audit policies (version %s): %w", c.Hash(), err)
	}
	want := make(map[types.NamespacedName]*unstructured.Unstructured, len(ps))
	for _, p := range ps {
		u, err := policy.Stored(p)
		if err != nil {
			return nil, err
		}
		want[client.ObjectKeyFromObject(u)] = u
	}
	o.auditFor, o.auditWant = c, want
	return want, nil
}

// sameAudit reports whether the stored policy cur is want to Calico, and carries netiso's labels
// and the owner reference.
func sameAudit(cur, want *unstructured.Unstructured, ref *metav1.OwnerReference) bool {
	for k, v := range want.GetLabels() {
		if cur.GetLabels()[k] != v {
			return false
		}
	}
	if ref != nil && !slices.ContainsFunc(cur.GetOwnerReferences(), func(r metav1.OwnerReference) bool { return r.UID == ref.UID }) {
		return false
	}
	return policy.SameStored(cur, want)
}

// specOf is the spec netiso wrote, as a comparable string.
func specOf(u *unstructured.Unstructured) string {
	b, _ := json.Marshal(u.Object["spec"]) //nolint:errchkjson // a map from JSON
	return string(b)
}
