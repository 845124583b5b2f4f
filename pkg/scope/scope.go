// Package scope says which namespaces netiso covers. It is the one list shared by the webhook
// configuration (the Helm chart renders the same selector; a test holds them together) and the
// policy generator, which must never admit traffic from a namespace where labels are not policed.
package scope

import (
	"slices"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/netiso/netiso/pkg/names"
)

const (
	// ExemptLabel on a namespace, with the value "true", takes it out of netiso's hands.
	ExemptLabel = names.ExemptLabel
	// NamespaceNameLabel is set by the API server on every namespace to its name.
	NamespaceNameLabel = "kubernetes.io/metadata.name"
)

// AlwaysExempt are the namespaces netiso never intercepts, besides its own.
var AlwaysExempt = []string{"kube-system", "kube-node-lease"}

// Exempt lists the namespaces that are always exempt, netiso's own included, sorted.
func Exempt(ownNamespace string) []string {
	out := append([]string{ownNamespace}, AlwaysExempt...)
	slices.Sort(out)
	return slices.Compact(out)
}

// NamespaceSelector selects the namespaces netiso covers: neither always exempt nor labelled exempt.
func NamespaceSelector(ownNamespace string) *metav1.LabelSelector {
	return &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
		{Key: NamespaceNameLabel, Operator: metav1.LabelSelectorOpNotIn, Values: Exempt(ownNamespace)},
		{Key: ExemptLabel, Operator: metav1.LabelSelectorOpNotIn, Values: []string{"true"}},
	}}
}

// Covered reports whether netiso polices pods in the namespace, given its labels: the selector the
// webhook configuration uses, so nothing acts on a pod the webhook would not see.
func Covered(ns string, nsLabels map[string]string, ownNamespace string) bool {
	sel, err := metav1.LabelSelectorAsSelector(NamespaceSelector(ownNamespace))
	if err != nil {
		return false // a constant selector: cannot happen, and never act on doubt
	}
	set := labels.Set{NamespaceNameLabel: ns} // the API server sets it; do not rely on a cache that lags
	for k, v := range nsLabels {
		if k != NamespaceNameLabel {
			set[k] = v
		}
	}
	return sel.Matches(set)
}
