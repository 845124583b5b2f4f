package harness

import (
	"strings"

	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EditRoleBindings bind user to Kubernetes' built-in edit role in each namespace: what a namespace
// team has (it includes NetworkPolicies). The edit role is an aggregation that
// kube-controller-manager fills, and envtest runs none: the user is bound to the two roles it
// aggregates, system:aggregate-to-edit and system:aggregate-to-view, which the API server creates.
func EditRoleBindings(user string, namespaces ...string) []*rbacv1.RoleBinding {
	var out []*rbacv1.RoleBinding
	for _, ns := range namespaces {
		for _, role := range []string{"system:aggregate-to-edit", "system:aggregate-to-view"} {
			out = append(out, &rbacv1.RoleBinding{
				ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: user + "-" + strings.TrimPrefix(role, "system:")},
				RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
				Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: user}},
			})
		}
	}
	return out
}

// AllowAll is a team's own policy that admits everything to (or, egress, from) every pod of ns.
func AllowAll(ns, name string, egress bool) *networkingv1.NetworkPolicy {
	np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
	if egress {
		np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeEgress}
		np.Spec.Egress = []networkingv1.NetworkPolicyEgressRule{{}}
	} else {
		np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		np.Spec.Ingress = []networkingv1.NetworkPolicyIngressRule{{}}
	}
	return np
}
