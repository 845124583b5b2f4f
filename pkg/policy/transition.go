package policy

import (
	"cmp"
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/netiso/netiso/pkg/scope"
)

// A rules change moves pods' labels (the reconciler, a pod at a time) and policies (the policy
// owner) from the old rules to the new. While the labels move, a pod carries either its old grant or
// its new one. Transition gives the policies to hold meanwhile, so that no mix of the two opens a
// path that neither the old nor the new rules grant, and no caller is cut before it has its label:
//
//   - a policy in both, changed: the intersection of the two (Intersect): it admits only what
//     both admit, so a caller with its old labels is admitted only where the old rules grant it,
//     one with its new labels only where the new rules do;
//   - a destination new to the rules: not yet. Its pods admitted everyone before; its policy comes
//     once its callers carry their labels (the final set), so they are not cut meanwhile;
//   - a destination gone from the rules: closed at once (Deny), never opened: nobody is granted it;
//   - a namespace-wide policy (a zone's egress, default-deny) new to the rules: at once, since it
//     only restricts, unless it would add to an outgoing one (then their intersection, under the
//     outgoing one's name) or close a new destination waiting in its namespace (then it waits
//     too); one gone: kept until the labels have moved, since removing it opens.
//
// Once no pod carries an old grant that differs from its new one, the owner applies the new set
// exactly (with Deny kept for a gone destination whose pods still run).

// Key is where a policy lives.
func Key(np *networkingv1.NetworkPolicy) types.NamespacedName {
	return types.NamespacedName{Namespace: np.Namespace, Name: np.Name}
}

// ByKey indexes policies by where they live.
func ByKey(nps []*networkingv1.NetworkPolicy) map[types.NamespacedName]*networkingv1.NetworkPolicy {
	out := make(map[types.NamespacedName]*networkingv1.NetworkPolicy, len(nps))
	for _, np := range nps {
		out[Key(np)] = np
	}
	return out
}

// Differs says how cur, a policy in the cluster, differs from want, what netiso holds at its place:
// "labels" when it lacks one of want's labels (or has another value), "spec" when its spec is
// another, "" when it is want. Other labels, annotations and owner references are not compared.
// The policy owner applies want when they differ; `netiso status` reports the difference.
func Differs(cur, want *networkingv1.NetworkPolicy) string {
	for k, v := range want.Labels {
		if cur.Labels[k] != v {
			return "labels"
		}
	}
	if !apiequality.Semantic.DeepEqual(cur.Spec, want.Spec) {
		return "spec"
	}
	return ""
}

// IsDestination reports whether np is a service's destination policy: it selects the service's
// pods for ingress. Removing one would open its pods to everyone.
func IsDestination(np *networkingv1.NetworkPolicy) bool {
	return np.Labels[ServiceLabel] != "" && slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress)
}

// Transition returns the policies to hold while pods' labels move from the rules that implied from
// to those that imply to (both keyed by ByKey). from is what netiso holds now: the previous rules'
// set, or an earlier transition's, so changes that follow each other before the labels settle chain.
func Transition(from, to map[types.NamespacedName]*networkingv1.NetworkPolicy) map[types.NamespacedName]*networkingv1.NetworkPolicy {
	out := make(map[types.NamespacedName]*networkingv1.NetworkPolicy, max(len(from), len(to)))
	for k, old := range from {
		switch np, ok := to[k]; {
		case ok:
			out[k] = Intersect(old, np)
		case IsDestination(old):
			out[k] = Deny(old)
		default:
			out[k] = old
		}
	}
	// Namespace-wide policies new to the rules. One that selects pods an outgoing policy selects
	// for the same direction (a namespace moving from one zone to another) would add to it: the
	// outgoing one holds their intersection instead, under its own name, until the final set. One
	// for ingress in a namespace where a new destination waits (a new default-deny) waits with it,
	// or it would close that destination to callers both rules let in.
	waiting := map[string]bool{}
	for k, np := range to {
		if _, ok := from[k]; !ok && IsDestination(np) {
			waiting[k.Namespace] = true
		}
	}
	for k, np := range to {
		if _, ok := from[k]; ok || IsDestination(np) {
			continue
		}
		if gone, ok := outgoing(from, to, np); ok {
			mid := Intersect(from[gone], np).DeepCopy()
			mid.ObjectMeta = *from[gone].ObjectMeta.DeepCopy()
			out[gone] = mid
			continue
		}
		if waiting[k.Namespace] && slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress) {
			continue
		}
		out[k] = np
	}
	return out
}

// outgoing finds a policy of from that to no longer has, in np's namespace, selecting the same
// pods for a direction np restricts too.
func outgoing(from, to map[types.NamespacedName]*networkingv1.NetworkPolicy, np *networkingv1.NetworkPolicy) (types.NamespacedName, bool) {
	for k, old := range from {
		if _, kept := to[k]; kept || k.Namespace != np.Namespace || IsDestination(old) ||
			!apiequality.Semantic.DeepEqual(old.Spec.PodSelector, np.Spec.PodSelector) {
			continue
		}
		if slices.ContainsFunc(old.Spec.PolicyTypes, func(t networkingv1.PolicyType) bool { return slices.Contains(np.Spec.PolicyTypes, t) }) {
			return k, true
		}
	}
	return types.NamespacedName{}, false
}

// Deny is np closed: the same pods selected, for ingress, admitting nothing. What a destination
// gone from the rules keeps while its pods run.
func Deny(np *networkingv1.NetworkPolicy) *networkingv1.NetworkPolicy {
	out := &networkingv1.NetworkPolicy{TypeMeta: np.TypeMeta, ObjectMeta: metav1.ObjectMeta{
		Name: np.Name, Namespace: np.Namespace, Labels: maps.Clone(np.Labels),
	}}
	out.Spec.PodSelector = *np.Spec.PodSelector.DeepCopy()
	out.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
	return out
}

// Intersect is a policy admitting exactly what both a and b admit: a and b live at the same place
// and select the same pods (the name says whose they are). For a direction only one of them
// restricts, that one's rules; for one both restrict, every rule of a paired with every rule of b,
// each pair admitting the peers and ports both admit. Where an exact intersection is not
// expressible (two different address blocks), it admits less, never more.
func Intersect(a, b *networkingv1.NetworkPolicy) *networkingv1.NetworkPolicy {
	if apiequality.Semantic.DeepEqual(a.Spec, b.Spec) {
		return b
	}
	out := &networkingv1.NetworkPolicy{TypeMeta: b.TypeMeta, ObjectMeta: metav1.ObjectMeta{
		Name: b.Name, Namespace: b.Namespace, Labels: maps.Clone(b.Labels),
	}}
	if !apiequality.Semantic.DeepEqual(a.Spec.PodSelector, b.Spec.PodSelector) {
		// Never from one set of rules to another: the selector is the identity label and the name.
		// Admit nothing to either's pods rather than guess.
		return Deny(b)
	}
	out.Spec.PodSelector = *b.Spec.PodSelector.DeepCopy()
	ns := b.Namespace
	for _, t := range []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress} {
		inA, inB := slices.Contains(a.Spec.PolicyTypes, t), slices.Contains(b.Spec.PolicyTypes, t)
		if !inA && !inB {
			continue
		}
		out.Spec.PolicyTypes = append(out.Spec.PolicyTypes, t)
		if t == networkingv1.PolicyTypeIngress {
			out.Spec.Ingress = intersectIngress(a.Spec.Ingress, b.Spec.Ingress, inA, inB, ns)
		} else {
			out.Spec.Egress = intersectEgress(a.Spec.Egress, b.Spec.Egress, inA, inB, ns)
		}
	}
	return out
}

// rule is an ingress or egress rule: its peers (from or to) and ports.
type rule struct {
	peers []networkingv1.NetworkPolicyPeer
	ports []networkingv1.NetworkPolicyPort
}

func intersectIngress(a, b []networkingv1.NetworkPolicyIngressRule, inA, inB bool, ns string) []networkingv1.NetworkPolicyIngressRule {
	conv := func(rs []networkingv1.NetworkPolicyIngressRule) []rule {
		out := make([]rule, len(rs))
		for i, r := range rs {
			out[i] = rule{r.From, r.Ports}
		}
		return out
	}
	var out []networkingv1.NetworkPolicyIngressRule
	for _, r := range intersectRules(conv(a), conv(b), inA, inB, ns) {
		out = append(out, networkingv1.NetworkPolicyIngressRule{From: r.peers, Ports: r.ports})
	}
	return out
}

func intersectEgress(a, b []networkingv1.NetworkPolicyEgressRule, inA, inB bool, ns string) []networkingv1.NetworkPolicyEgressRule {
	conv := func(rs []networkingv1.NetworkPolicyEgressRule) []rule {
		out := make([]rule, len(rs))
		for i, r := range rs {
			out[i] = rule{r.To, r.Ports}
		}
		return out
	}
	var out []networkingv1.NetworkPolicyEgressRule
	for _, r := range intersectRules(conv(a), conv(b), inA, inB, ns) {
		out = append(out, networkingv1.NetworkPolicyEgressRule{To: r.peers, Ports: r.ports})
	}
	return out
}

// intersectRules: the rules of one direction. A policy that does not restrict the direction (!inA)
// admits everything there, so the other's rules stand.
func intersectRules(a, b []rule, inA, inB bool, ns string) []rule {
	switch {
	case !inA:
		return b
	case !inB:
		return a
	}
	var out []rule
	for _, ra := range a {
		for _, rb := range b {
			ports, ok := intersectPorts(ra.ports, rb.ports)
			if !ok {
				continue
			}
			peers, ok := intersectPeers(ra.peers, rb.peers, ns)
			if !ok {
				continue
			}
			out = append(out, rule{peers, ports})
		}
	}
	return out
}

// intersectPorts: no ports is every port. ok is false when no port is in both.
func intersectPorts(a, b []networkingv1.NetworkPolicyPort) ([]networkingv1.NetworkPolicyPort, bool) {
	switch {
	case len(a) == 0:
		return b, true
	case len(b) == 0:
		return a, true
	}
	var out []networkingv1.NetworkPolicyPort
	for _, pa := range a {
		if slices.ContainsFunc(b, func(pb networkingv1.NetworkPolicyPort) bool { return samePort(pa, pb) }) {
			out = append(out, pa)
		}
	}
	return out, len(out) > 0
}

// samePort compares two ports, a missing protocol being TCP. Ranges and named ports, which netiso
// never writes, compare as written: unequal ones are left out of the intersection, admitting less.
func samePort(a, b networkingv1.NetworkPolicyPort) bool {
	proto := func(p *corev1.Protocol) corev1.Protocol {
		if p == nil {
			return corev1.ProtocolTCP
		}
		return *p
	}
	port := func(p *intstr.IntOrString) intstr.IntOrString {
		if p == nil {
			return intstr.IntOrString{}
		}
		return *p
	}
	return proto(a.Protocol) == proto(b.Protocol) && port(a.Port) == port(b.Port) &&
		apiequality.Semantic.DeepEqual(a.EndPort, b.EndPort)
}

// intersectPeers: no peers is every peer. ok is false when no peer is in both.
func intersectPeers(a, b []networkingv1.NetworkPolicyPeer, ns string) ([]networkingv1.NetworkPolicyPeer, bool) {
	switch {
	case len(a) == 0:
		return b, true
	case len(b) == 0:
		return a, true
	}
	var out []networkingv1.NetworkPolicyPeer
	for _, pa := range a {
		for _, pb := range b {
			if p, ok := intersectPeer(pa, pb, ns); ok {
				out = append(out, p)
			}
		}
	}
	return out, len(out) > 0
}

// intersectPeer is a peer both a and b admit, in a policy of namespace ns. Selectors intersect
// exactly (their requirements ANDed); an address block only with an equal one.
func intersectPeer(a, b networkingv1.NetworkPolicyPeer, ns string) (networkingv1.NetworkPolicyPeer, bool) {
	if a.IPBlock != nil || b.IPBlock != nil {
		if apiequality.Semantic.DeepEqual(a, b) {
			return *a.DeepCopy(), true
		}
		return networkingv1.NetworkPolicyPeer{}, false
	}
	// No namespace selector is the policy's own namespace; no pod selector (with a namespace
	// selector) every pod of the namespaces selected.
	nsA, nsB := a.NamespaceSelector, b.NamespaceSelector
	var nsSel *metav1.LabelSelector
	if nsA != nil || nsB != nil {
		own := &metav1.LabelSelector{MatchLabels: map[string]string{scope.NamespaceNameLabel: ns}}
		var ok bool
		if nsSel, ok = andSelectors(cmp.Or(nsA, own), cmp.Or(nsB, own)); !ok {
			return networkingv1.NetworkPolicyPeer{}, false
		}
	}
	podSel, ok := andSelectors(cmp.Or(a.PodSelector, &metav1.LabelSelector{}), cmp.Or(b.PodSelector, &metav1.LabelSelector{}))
	if !ok {
		return networkingv1.NetworkPolicyPeer{}, false
	}
	return networkingv1.NetworkPolicyPeer{PodSelector: podSel, NamespaceSelector: nsSel}, true
}

// andSelectors selects what both a and b select. ok is false when two match labels conflict, so
// nothing could match.
func andSelectors(a, b *metav1.LabelSelector) (*metav1.LabelSelector, bool) {
	out := &metav1.LabelSelector{}
	for _, s := range []*metav1.LabelSelector{a, b} {
		for k, v := range s.MatchLabels {
			if prev, ok := out.MatchLabels[k]; ok && prev != v {
				return nil, false
			}
			if out.MatchLabels == nil {
				out.MatchLabels = map[string]string{}
			}
			out.MatchLabels[k] = v
		}
		for _, e := range s.MatchExpressions {
			if !slices.ContainsFunc(out.MatchExpressions, func(x metav1.LabelSelectorRequirement) bool {
				return apiequality.Semantic.DeepEqual(x, e)
			}) {
				out.MatchExpressions = append(out.MatchExpressions, *e.DeepCopy())
			}
		}
	}
	return out, true
}
