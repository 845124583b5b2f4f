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

// identityLabel keeps the given identity label when some pod template carries it (the default
// one: when at least half do). Otherwise it infers it from the Services, whose selectors are how
// the application itself names its services: the selector key with the most distinct values
// among the Services that select a workload (app: acmefit on every Service names the
// application, not a service), then the key used by the most Services, saying so in a finding.
// With neither, it fails naming the labels the pod templates do have.
func (a *analysis) identityLabel() error {
	if len(a.m.workloads) == 0 {
		return nil
	}
	have := 0
	for _, w := range a.m.workloads {
		if _, ok := w.template.Labels[a.opts.ServiceLabel]; ok {
			have++
		}
	}
	if have > 0 && (a.opts.ServiceLabelGiven || 2*have >= len(a.m.workloads)) {
		return nil
	}
	count := map[string]int{}
	values := map[string]map[string]bool{}
	for _, s := range a.m.services {
		sel := s.svc.Spec.Selector
		if len(sel) == 0 {
			continue
		}
		for _, w := range a.m.workloads {
			if w.namespace == s.namespace && labels.SelectorFromSet(sel).Matches(labels.Set(w.template.Labels)) {
				for k, v := range sel {
					count[k]++
					if values[k] == nil {
						values[k] = map[string]bool{}
					}
					values[k][v] = true
				}
				break
			}
		}
	}
	better := func(k, best string) bool {
		if d := len(values[k]) - len(values[best]); d != 0 {
			return d > 0
		}
		return count[k] > count[best] || count[k] == count[best] && rank(k) < rank(best)
	}
	best := ""
	for _, k := range slices.Sorted(maps.Keys(count)) {
		if best == "" || better(k, best) {
			best = k
		}
	}
	if best == "" {
		if have > 0 {
			return nil
		}
		found := map[string]bool{}
		for _, w := range a.m.workloads {
			for k := range w.template.Labels {
				found[k] = true
			}
		}
		list := cmp.Or(strings.Join(slices.Sorted(maps.Keys(found)), ", "), "none")
		return fmt.Errorf("no pod template has the identity label %s, and no Service selects a workload to infer one from; labels on the pod templates: %s (give --service-label)", a.opts.ServiceLabel, list)
	}
	if best == a.opts.ServiceLabel {
		return nil
	}
	lacking := "no pod template has"
	if have > 0 {
		lacking = fmt.Sprintf("%d of %d pod templates lack", len(a.m.workloads)-have, len(a.m.workloads))
	}
	a.note(InferredLabel, "--service-label", best, "%s the label %s; %d Services select their workloads by %s (%d distinct values): it is used as the identity label (give --service-label %s to say so)",
		lacking, a.opts.ServiceLabel, count[best], best, len(values[best]), best)
	a.opts.ServiceLabel = best
	return nil
}

func rank(k string) int {
	if i := slices.Index(preferredLabels, k); i >= 0 {
		return i
	}
	return len(preferredLabels)
}
