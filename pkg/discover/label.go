package discover

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/labels"
)

// preferredLabels break a tie between selector keys, most usual identity first.
var preferredLabels = []string{"app.kubernetes.io/name", "app", "name", "k8s-app", "app.kubernetes.io/component"}

// identityLabel keeps the given identity label when some pod template carries it. Otherwise it
// infers it from the Services: the selector key that selects workloads in the most Services (a
// Service's selector is how the application itself names its services), saying so in a finding.
// With neither, it fails naming the labels the pod templates do have.
func (a *analysis) identityLabel() error {
	if len(a.m.workloads) == 0 {
		return nil
	}
	for _, w := range a.m.workloads {
		if _, ok := w.template.Labels[a.opts.ServiceLabel]; ok {
			return nil
		}
	}
	count := map[string]int{}
	for _, s := range a.m.services {
		sel := s.svc.Spec.Selector
		if len(sel) == 0 {
			continue
		}
		for _, w := range a.m.workloads {
			if w.namespace == s.namespace && labels.SelectorFromSet(sel).Matches(labels.Set(w.template.Labels)) {
				for k := range sel {
					count[k]++
				}
				break
			}
		}
	}
	best := ""
	for _, k := range slices.Sorted(maps.Keys(count)) {
		if best == "" || count[k] > count[best] || count[k] == count[best] && rank(k) < rank(best) {
			best = k
		}
	}
	if best == "" {
		found := map[string]bool{}
		for _, w := range a.m.workloads {
			for k := range w.template.Labels {
				found[k] = true
			}
		}
		list := cmp.Or(strings.Join(slices.Sorted(maps.Keys(found)), ", "), "none")
		return fmt.Errorf("no pod template has the identity label %s, and no Service selects a workload to infer one from; labels on the pod templates: %s (give --service-label)", a.opts.ServiceLabel, list)
	}
	a.note(InferredLabel, "--service-label", best, "no pod template has the label %s; %d Services select their workloads by %s: it is used as the identity label (give --service-label %s to say so)",
		a.opts.ServiceLabel, count[best], best, best)
	a.opts.ServiceLabel = best
	return nil
}

func rank(k string) int {
	if i := slices.Index(preferredLabels, k); i >= 0 {
		return i
	}
	return len(preferredLabels)
}
