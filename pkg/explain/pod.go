package explain

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Pod is what ExplainPod reads of a live pod: its place, labels and annotations, its namespace's
// labels (nil when they could not be read) and its spec, what it runs (nil when not read: its
// identity anchors are then not checked).
type Pod struct {
	Namespace, Name string
	Labels          map[string]string
	Annotations     map[string]string
	NamespaceLabels map[string]string
	Spec            *corev1.PodSpec
}

// PodExplanation answers, for one live pod, why it has or lacks each managed label.
type PodExplanation struct {
	Pod          string `json:"pod"` // namespace/name
	Service      string `json:"service,omitempty"`
	RulesVersion string `json:"rulesVersion"`
	// PodVersion is the pod's netiso.dev/rules-hash annotation: the rules in force when netiso last
	// set its labels. Informational: a pod's owner can write it, so the state is judged by the labels.
	PodVersion string `json:"podVersion,omitempty"`
	// State sums the pod up: current, stale, unlabelled, relabelling, exempt, placeless, or
	// identity-not-proven.
	State   string       `json:"state"`
	Summary string       `json:"summary"`
	Labels  []LabelState `json:"labels"`
	// Identity is the pod against its service's identity anchors; absent when none apply.
	Identity *IdentityCheck `json:"identity,omitempty"`
	Notes    []string       `json:"notes,omitempty"`
}

// LabelState is one managed label key: what it stands for, whether the pod carries it, whether
// the rules grant it, and why.
type LabelState struct {
	Key     string `json:"key"`
	For     string `json:"for,omitempty"` // "service NAME" or "type NAME"; empty: names nothing in the rules
	OnPod   bool   `json:"onPod"`
	Granted bool   `json:"granted"`
	Why     string `json:"why"`
}

// Pod states.
const (
	StateCurrent     = "current"             // its managed labels are exactly its grant under the rules in force
	StateStale       = "stale"               // they are not: the reconciler will relabel it
	StateUnlabelled  = "unlabelled"          // they are not, and no rules version: admitted without netiso, or left short
	StateRelabelling = "relabelling"         // the reconciler marked it and the webhook has not answered
	StateExempt      = "exempt"              // in a namespace netiso does not police
	StatePlaceless   = "placeless"           // no service of the rules, or not allowed in its namespace
	StateUnproven    = "identity-not-proven" // it fails its service's identity anchors
)

// ExplainPod explains a live pod's managed labels against the rules c: every managed key it
// carries, every key its service is granted, and the keys in also (a question about a label it
// may lack). opts gives the identity label and netiso's namespace.
func ExplainPod(c *rules.Compiled, pod Pod, also []string, opts policy.Options) (*PodExplanation, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	lo := c.Options()
	for _, k := range also {
		if !lo.IsManaged(k) {
			return nil, fmt.Errorf("label %q is not netiso's: its keys start with %s/ or %s/", k, lo.EgressPrefix, lo.EgressTypePrefix)
		}
	}
	e := &PodExplanation{
		Pod:          pod.Namespace + "/" + pod.Name,
		RulesVersion: c.Hash(),
		PodVersion:   pod.Annotations[names.AnnotationRulesHash],
		Labels:       []LabelState{},
	}
	service, hasIdentity := pod.Labels[opts.ServiceLabel]
	e.Service = service
	grant, verdict := c.Lookup(service, pod.Namespace)
	if !hasIdentity || verdict != rules.Granted {
		grant = rules.Grant{}
	} else if e.Identity = checkIdentity(c, service, pod.Namespace, pod.Spec); e.Identity != nil && e.Identity.Verdict == IdentityFailed {
		grant = rules.Grant{}
	}

	covered := scope.Covered(pod.Namespace, pod.NamespaceLabels, opts.NetisoNamespace)
	switch {
	case !covered:
		e.State = StateExempt
		e.Summary = fmt.Sprintf("namespace %s is exempt (always, or labelled %s=true): the webhook does not see its pods, and no netiso policy admits traffic from it", pod.Namespace, scope.ExemptLabel)
	case !hasIdentity:
		e.State = StatePlaceless
		e.Summary = fmt.Sprintf("the pod has no %s label, so it belongs to no service: netiso gives it no egress label", opts.ServiceLabel)
	case verdict == rules.UnknownService:
		e.State = StatePlaceless
		e.Summary = fmt.Sprintf("service %q (label %s) is not in the rules (version %s): netiso gives it no egress label", service, opts.ServiceLabel, c.Hash())
	case verdict == rules.NamespaceNotAllowed:
		s, _ := c.Service(service)
		e.State = StatePlaceless
		e.Summary = fmt.Sprintf("service %q may not run in namespace %s (its namespaces: %s): netiso gives it no egress label", service, pod.Namespace, strings.Join(s.Namespaces, ", "))
	case e.Identity != nil && e.Identity.Verdict == IdentityFailed:
		e.State = StateUnproven
		e.Summary = fmt.Sprintf("the pod claims service %q but %s: netiso gives it no egress label", service, e.Identity.Message)
	case grant.Exactly(pod.Labels, lo.IsManaged):
		e.State = StateCurrent
		e.Summary = "the pod's managed labels are exactly what the rules in force grant it"
	case strings.HasPrefix(e.PodVersion, names.ReconcileMarkerPrefix):
		e.State = StateRelabelling
		e.Summary = "the reconciler asked for this pod to be relabelled and the webhook has not answered: is it bypassed or down?"
	case e.PodVersion == "":
		e.State = StateUnlabelled
		e.Summary = "no rules version on the pod: it was admitted without netiso (webhook bypassed, namespace exempt at the time, or created before install), or a user's update left it short of its grant; the reconciler relabels it"
	default:
		e.State = StateStale
		e.Summary = fmt.Sprintf("its managed labels are not what the rules in force (%s) grant it, whatever its annotation says (%s, which nothing trusts): the reconciler relabels it", c.Hash(), e.PodVersion)
	}
	if z := c.NamespaceZone(pod.Namespace); z != "" {
		note := fmt.Sprintf("namespace %s is in zone %s: its pods reach only the zone's namespaces (and DNS), and only pods in those namespaces reach the zone's members", pod.Namespace, z)
		if s, ok := c.Service(service); ok && s.Zone != z {
			note += fmt.Sprintf("; %s is not a member, so no member admits it, and nothing outside the zone answers it", service)
		}
		e.Notes = append(e.Notes, note)
	}
	if pod.NamespaceLabels == nil {
		e.Notes = append(e.Notes, "the namespace's labels were not read: an exempt label on it would not show")
	}
	if v, ok := pod.Annotations[names.AnnotationAudit]; ok {
		e.Notes = append(e.Notes, fmt.Sprintf("audit annotation %s: enforce mode would leave the pod with: %s", names.AnnotationAudit, v))
	}

	keys := map[string]bool{} // key -> on the pod (with the value policies select on)
	for k, v := range pod.Labels {
		if lo.IsManaged(k) {
			keys[k] = v == rules.LabelValue
		}
	}
	for _, k := range append(slices.Clone(grant.Keys), also...) {
		if _, ok := keys[k]; !ok {
			keys[k] = false
		}
	}
	names := keyNames(c)
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		granted := grant.Has(k)
		l := LabelState{Key: k, For: names[k], OnPod: keys[k], Granted: granted}
		l.Why = why(c, l, service, e.State)
		e.Labels = append(e.Labels, l)
	}
	return e, nil
}

// keyNames maps every label key the rules can grant to what it stands for.
func keyNames(c *rules.Compiled) map[string]string {
	lo := c.Options()
	out := make(map[string]string, c.Len())
	for _, name := range c.Names() {
		out[lo.CalleeKey(name)] = "service " + name
		if s, _ := c.Service(name); s.Type != "" {
			out[lo.TypeKey(s.Type)] = "type " + s.Type
		}
	}
	return out
}

// why says why a key is or is not on the pod, given the pod's state.
func why(c *rules.Compiled, l LabelState, service, state string) string {
	name := strings.TrimPrefix(strings.TrimPrefix(l.For, "service "), "type ")
	var rule string // the rule that grants the key, or why none does
	switch {
	case l.For == "":
		rule = "it names no service or type in the rules"
	case l.Granted && strings.HasPrefix(l.For, "type "):
		rule = fmt.Sprintf("%s callsTypes %s", service, name)
	case l.Granted:
		rule = fmt.Sprintf("%s calls %s", service, name)
	case service == "":
		rule = "the pod belongs to no service"
	case state == StateUnproven:
		rule = fmt.Sprintf("the pod does not prove it is %s (its identity anchors)", service)
	default:
		rule = fmt.Sprintf("the rules do not let %s call %s", service, l.For)
		if callers := callersOf(c, l.For); len(callers) > 0 {
			rule += fmt.Sprintf(" (%s is called by: %s)", l.For, strings.Join(callers, ", "))
		}
		if z := zoneBoundary(c, service, l.For); z != "" {
			rule += "; nor may they: " + z
		}
	}
	switch {
	case state == StateExempt && l.OnPod:
		return "carried, but not policed: the namespace is exempt, and no netiso policy admits traffic from it. " + rule
	case state == StateExempt:
		return "absent: the namespace is exempt. " + rule
	case l.OnPod && l.Granted:
		return "granted: " + rule
	case !l.OnPod && !l.Granted:
		return "not granted: " + rule
	case l.OnPod: // carried, not granted
		switch state {
		case StateUnlabelled:
			return "carried, not granted: " + rule + ". The pod was admitted without netiso; the reconciler removes it"
		default:
			return "carried, not granted: " + rule + ". The reconciler removes it"
		}
	default: // granted, absent
		switch state {
		case StateUnlabelled:
			return "granted, absent: " + rule + ". The pod was admitted without netiso, or a user's update removed it (updates can only remove); the reconciler adds it"
		default:
			return "granted, absent: " + rule + ". The reconciler adds it"
		}
	}
}

// zoneBoundary says, when a call from service to what ("service NAME" or "type NAME") would cross
// a zone's boundary, which; "" when it would not.
func zoneBoundary(c *rules.Compiled, service, what string) string {
	caller, ok := c.Service(service)
	if !ok {
		return ""
	}
	kind, name, _ := strings.Cut(what, " ")
	for _, n := range c.Names() {
		s, _ := c.Service(n)
		if kind == "service" && n == name || kind == "type" && s.Type == name {
			if s.Zone != caller.Zone {
				return fmt.Sprintf("%s is %s and %s is %s, and no link crosses a zone's boundary (even carried, the label opens no path: the zone's policies hold by namespace)",
					service, zoneText(caller.Zone), n, zoneText(s.Zone))
			}
		}
	}
	return ""
}

func zoneText(zone string) string {
	if zone == "" {
		return "in no zone"
	}
	return "in zone " + zone
}

// callersOf lists the services that may call what, "service NAME" or "type NAME".
func callersOf(c *rules.Compiled, what string) []string {
	kind, name, _ := strings.Cut(what, " ")
	var out []string
	for _, n := range c.Names() {
		s, _ := c.Service(n)
		if kind == "service" && slices.Contains(s.Calls, name) || kind == "type" && slices.Contains(s.CallsTypes, name) {
			out = append(out, n)
		}
	}
	return out
}

// Text is the explanation for people.
func (e *PodExplanation) Text() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("pod %s: service %s, rules version %s\n", e.Pod, orNone(e.Service, "none"), e.RulesVersion)
	w("  labelled by: %s\n", orNone(e.PodVersion, "no rules version"))
	w("  state:       %s: %s\n", e.State, e.Summary)
	w("\nmanaged labels (%d):\n", len(e.Labels))
	for _, l := range e.Labels {
		mark := "-"
		if l.OnPod {
			mark = "+"
		}
		w("  %s %s", mark, l.Key)
		if l.For != "" {
			w(" (%s)", l.For)
		}
		w("\n      %s\n", l.Why)
	}
	if e.Identity != nil {
		e.Identity.text(&b)
	}
	for _, n := range e.Notes {
		w("\nnote: %s\n", n)
	}
	return b.String()
}
