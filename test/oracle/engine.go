package oracle

import (
	"fmt"
	"maps"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/netiso/netiso/pkg/scope"
)

// EngineLabels are a namespace's labels as a model engine (cyclonus) is given them: the real ones
// with netiso.dev/exempt=false where the label is absent. cyclonus v0.5.6 holds that a NotIn
// requirement never matches an object without the key (kube/labelselector.go), where Kubernetes
// matches it (apimachinery labels.Requirement.Matches: "NotIn ... also matches resources without
// the key"), so it would refuse every namespace without the label. CheckSelectors proves the two
// sets are selected alike, so the engine answers for the real cluster.
func EngineLabels(real map[string]string) map[string]string {
	e := maps.Clone(real)
	if e == nil {
		e = map[string]string{}
	}
	if _, ok := e[scope.ExemptLabel]; !ok {
		e[scope.ExemptLabel] = "false"
	}
	return e
}

// CheckSelectors says, by Kubernetes' own selector code, whether every namespace selector in the
// policies (ingress and egress peers) selects each namespace with its real labels exactly when it
// selects it with the engine's; it returns the first that does not. It also returns how many
// distinct selectors it checked.
func CheckSelectors(real, engine map[string]map[string]string, policies []*networkingv1.NetworkPolicy) (int, error) {
	seen := map[string]bool{}
	for _, np := range policies {
		var peers []networkingv1.NetworkPolicyPeer
		for _, rule := range np.Spec.Ingress {
			peers = append(peers, rule.From...)
		}
		for _, rule := range np.Spec.Egress {
			peers = append(peers, rule.To...)
		}
		for _, peer := range peers {
			if peer.NamespaceSelector == nil || seen[peer.NamespaceSelector.String()] {
				continue
			}
			seen[peer.NamespaceSelector.String()] = true
			sel, err := metav1.LabelSelectorAsSelector(peer.NamespaceSelector)
			if err != nil {
				return len(seen), fmt.Errorf("%s/%s: %w", np.Namespace, np.Name, err)
			}
			for ns := range real {
				if r, e := sel.Matches(labels.Set(real[ns])), sel.Matches(labels.Set(engine[ns])); r != e {
					return len(seen), fmt.Errorf("namespace %s: selector %s matches its real labels %v but its engine labels %v", ns, sel, r, e)
				}
			}
		}
	}
	return len(seen), nil
}
