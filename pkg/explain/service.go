// Package explain answers a reviewer's and an operator's questions from the rules: what a service calls
// and who calls it, its labels and the policies on both sides (Explain); and, for a live pod, why it
// has or lacks each managed label (ExplainPod), judged by its labels as the reconciler judges them.
package explain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
)

// Explanation is everything netiso does for and about one service: what it may call, who may
// call it, the labels its pods get, and the policies on both sides. It is what `netiso explain`
// prints, as text, YAML or JSON.
type Explanation struct {
	Service      string       `json:"service"`
	RulesVersion string       `json:"rulesVersion"`
	PodSelector  string       `json:"podSelector"` // how its pods are recognised
	Type         string       `json:"type,omitempty"`
	Public       bool         `json:"public,omitempty"`
	Ports        []rules.Port `json:"ports,omitempty"` // none: every port
	// Namespaces are where its pods may run (empty: any) and PolicyNamespaces where its policy goes.
	Namespaces       []string `json:"namespaces,omitempty"`
	PolicyNamespaces []string `json:"policyNamespaces"`
	// Zone is the zone it belongs to, if any.
	Zone *rules.Zone `json:"zone,omitempty"`
	// External are a member's destinations outside the cluster (none: the zone and the DNS only).
	External []rules.External `json:"external,omitempty"`
	// CalleeLabel is the label its callers carry; TypeLabel the one callers of its type carry.
	CalleeLabel Label  `json:"calleeLabel"`
	TypeLabel   *Label `json:"typeLabel,omitempty"`

	Calls      []Label    `json:"calls"`      // by name, with the label that grants each
	CallsTypes []TypeCall `json:"callsTypes"` // by type
	CalledBy   []Caller   `json:"calledBy"`

	Pods     []PodLabels `json:"pods"`     // the labels its pods get, per namespace
	Policies []Ref       `json:"policies"` // its own: they admit its callers
	// ZonePolicies are its zone's egress policies, in the namespaces its pods run in;
	// ExternalPolicies its own, that let its pods reach its external destinations.
	ZonePolicies     []Ref    `json:"zonePolicies,omitempty"`
	ExternalPolicies []Ref    `json:"externalPolicies,omitempty"`
	AdmittedBy       []Ref    `json:"admittedBy"` // its callees': they admit its pods
	Notes            []string `json:"notes,omitempty"`
}

// Label is a service or type name and the label key that stands for it.
type Label struct {
	Name string `json:"name"`
	Key  string `json:"key"`
	// Shortened is true when the key's name part is the hashed form, not the name itself.
	Shortened bool `json:"shortened,omitempty"`
}

// TypeCall is a callsTypes entry: the type, its label, and the services it reaches.
type TypeCall struct {
	Label
	Services []string `json:"services"`
}

// Caller is a service that may call this one, and how: "calls" (by name) and/or "callsTypes".
type Caller struct {
	Service string   `json:"service"`
	Via     []string `json:"via"`
}

// PodLabels are the managed labels the webhook gives a pod of the service in a namespace.
type PodLabels struct {
	Namespace string   `json:"namespace"`
	Granted   bool     `json:"granted"`
	Reason    string   `json:"reason,omitempty"` // why not, when not granted
	Labels    []string `json:"labels"`           // keys; every value is "true"
}

// Ref names a NetworkPolicy, and for AdmittedBy the service it protects and how it admits.
type Ref struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Service   string `json:"service,omitempty"`
	Via       string `json:"via,omitempty"` // the label key that admits, or "public"
}

func labelOf(key, name string) Label {
	return Label{Name: name, Key: key, Shortened: rules.LabelName(name) != name}
}

// Explain explains service. namespace, when not empty, is the one namespace to show pod labels
// for (the webhook's answer there, allowed or not); otherwise every namespace the service runs in.
func Explain(c *rules.Compiled, service, namespace string, opts policy.Options) (*Explanation, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	s, ok := c.Service(service)
	if !ok {
		return nil, fmt.Errorf("service %q is not in the rules (%d services, version %s)", service, c.Len(), c.Hash())
	}
	lo := c.Options()
	e := &Explanation{
		Service:          s.Name,
		RulesVersion:     c.Hash(),
		PodSelector:      opts.ServiceLabel + "=" + s.Name,
		Type:             s.Type,
		Public:           s.Public,
		Ports:            s.Ports,
		Namespaces:       s.Namespaces,
		PolicyNamespaces: policy.Namespaces(s, opts.DefaultNamespace),
		CalleeLabel:      labelOf(lo.CalleeKey(s.Name), s.Name),
		Calls:            []Label{},
		CallsTypes:       []TypeCall{},
		CalledBy:         []Caller{},
		AdmittedBy:       []Ref{},
	}
	if s.Type != "" {
		l := labelOf(lo.TypeKey(s.Type), s.Type)
		e.TypeLabel = &l
	}
	for _, ns := range e.PolicyNamespaces {
		e.Policies = append(e.Policies, Ref{Namespace: ns, Name: policy.Name(s.Name)})
	}
	if z, ok := c.Zone(s.Zone); ok {
		e.Zone = &rules.Zone{Name: z.Name, Namespaces: z.Namespaces}
		for _, ns := range e.PolicyNamespaces {
			e.ZonePolicies = append(e.ZonePolicies, Ref{Namespace: ns, Name: policy.ZoneName(z.Name)})
		}
		e.Notes = append(e.Notes, fmt.Sprintf("zone %s: closed. Only its members call it and it calls only members (validation refuses any other link); "+
			"its policy admits callers only from the zone's namespaces (%s), so a pod elsewhere is refused whatever labels it carries, and its pods reach only those namespaces%s%s",
			z.Name, strings.Join(z.Namespaces, ", "), dnsNote(opts), externalNote(s.External)))
		if len(s.External) > 0 {
			e.External = s.External
			for _, ns := range e.PolicyNamespaces {
				e.ExternalPolicies = append(e.ExternalPolicies, Ref{Namespace: ns, Name: policy.ExternalName(s.Name)})
			}
		}
	}

	byType := map[string][]string{} // type -> its services, sorted (Names is)
	for _, name := range c.Names() {
		o, _ := c.Service(name)
		if o.Type != "" {
			byType[o.Type] = append(byType[o.Type], name)
		}
		var via []string
		if slices.Contains(o.Calls, s.Name) {
			via = append(via, "calls")
		}
		if s.Type != "" && slices.Contains(o.CallsTypes, s.Type) {
			via = append(via, "callsTypes "+s.Type)
		}
		if len(via) > 0 {
			e.CalledBy = append(e.CalledBy, Caller{Service: name, Via: via})
		}
	}

	admit := func(callee, via string) {
		o, _ := c.Service(callee)
		if o.Public {
			via = "public"
		}
		for _, ns := range policy.Namespaces(o, opts.DefaultNamespace) {
			e.AdmittedBy = append(e.AdmittedBy, Ref{Namespace: ns, Name: policy.Name(callee), Service: callee, Via: via})
		}
	}
	for _, callee := range s.Calls {
		e.Calls = append(e.Calls, labelOf(lo.CalleeKey(callee), callee))
		admit(callee, lo.CalleeKey(callee))
	}
	for _, t := range s.CallsTypes {
		e.CallsTypes = append(e.CallsTypes, TypeCall{Label: labelOf(lo.TypeKey(t), t), Services: byType[t]})
		for _, callee := range byType[t] {
			if !slices.Contains(s.Calls, callee) { // else admitted by name already
				admit(callee, lo.TypeKey(t))
			}
		}
	}
	slices.SortFunc(e.AdmittedBy, func(a, b Ref) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})

	namespaces := e.PolicyNamespaces
	if namespace != "" {
		namespaces = []string{namespace}
	}
	exempt := scope.Exempt(opts.NetisoNamespace)
	for _, ns := range namespaces {
		grant, verdict := c.Lookup(s.Name, ns)
		p := PodLabels{Namespace: ns, Granted: verdict == rules.Granted, Labels: grant.Keys}
		if p.Labels == nil {
			p.Labels = []string{}
		}
		if verdict == rules.NamespaceNotAllowed {
			p.Reason = fmt.Sprintf("service %q may not run in namespace %q (its namespaces: %s)", s.Name, ns, strings.Join(s.Namespaces, ", "))
		}
		e.Pods = append(e.Pods, p)
		if slices.Contains(exempt, ns) {
			e.Notes = append(e.Notes, fmt.Sprintf("namespace %s is exempt: the webhook does not label pods there, and no netiso policy admits traffic from it", ns))
		}
	}
	if s.Public {
		e.Notes = append(e.Notes, "public: its policy admits ingress from anywhere"+portsNote(s.Ports))
	}
	return e, nil
}

func dnsNote(opts policy.Options) string {
	if opts.DNSNamespace == "" {
		return ""
	}
	return fmt.Sprintf(" and the cluster DNS (namespace %s, port %d)", opts.DNSNamespace, opts.DNSPort)
}

func externalNote(external []rules.External) string {
	if len(external) == 0 {
		return ""
	}
	return fmt.Sprintf(", and, by a policy of its own, its %d %s outside the cluster", len(external), plural.Of(len(external), "destination", "destinations"))
}

// externalText describes an external destination.
func externalText(x rules.External) string {
	d := x.CIDR
	if len(x.Except) > 0 {
		d += " except " + strings.Join(x.Except, ", ")
	}
	if len(x.Ports) == 0 {
		return d + " on every port"
	}
	return d + " on " + portsText(x.Ports)
}

func portsNote(ports []rules.Port) string {
	if len(ports) == 0 {
		return ", on every port"
	}
	return ", on its ports only"
}

// Text is the explanation for people.
func (e *Explanation) Text() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("service %s (rules version %s)\n", e.Service, e.RulesVersion)
	w("  pods:        %s\n", e.PodSelector)
	w("  namespaces:  %s\n", orNone(strings.Join(e.Namespaces, ", "), "any (policy in "+strings.Join(e.PolicyNamespaces, ", ")+")"))
	w("  type:        %s\n", orNone(e.Type, "none"))
	w("  ports:       %s\n", portsText(e.Ports))
	w("  public:      %v\n", e.Public)
	if e.Zone != nil {
		w("  zone:        %s (namespaces %s)\n", e.Zone.Name, strings.Join(e.Zone.Namespaces, ", "))
	}
	for i, x := range e.External {
		label := ""
		if i == 0 {
			label = "external:"
		}
		w("  %-12s %s\n", label, externalText(x))
	}
	w("  its callers carry: %s\n", labelText(e.CalleeLabel))
	if e.TypeLabel != nil {
		w("  or, by type:       %s\n", labelText(*e.TypeLabel))
	}

	w("\nmay call (%d by name, %d types):\n", len(e.Calls), len(e.CallsTypes))
	for _, l := range e.Calls {
		w("  %-40s %s\n", l.Name, labelText(l))
	}
	for _, t := range e.CallsTypes {
		w("  every %-34s %s (%d services)\n", t.Name, labelText(t.Label), len(t.Services))
	}
	if e.Public {
		w("\nmay be called by anyone (public); by rule (%d):\n", len(e.CalledBy))
	} else {
		w("\nmay be called by (%d):\n", len(e.CalledBy))
	}
	for _, c := range e.CalledBy {
		w("  %-40s %s\n", c.Service, strings.Join(c.Via, ", "))
	}
	for _, p := range e.Pods {
		if !p.Granted {
			w("\nlabels of its pods in namespace %s: none: %s\n", p.Namespace, p.Reason)
			continue
		}
		w("\nlabels of its pods in namespace %s (%d):\n", p.Namespace, len(p.Labels))
		for _, k := range p.Labels {
			w("  %s: %q\n", k, rules.LabelValue)
		}
		w("  annotation netiso.dev/rules-hash: %q\n", e.RulesVersion)
	}
	w("\nits policies (admit its callers):\n")
	for _, r := range e.Policies {
		w("  %s/%s\n", r.Namespace, r.Name)
	}
	if len(e.ZonePolicies) > 0 {
		w("\nits zone's policies (limit its pods' egress to the zone):\n")
		for _, r := range e.ZonePolicies {
			w("  %s/%s\n", r.Namespace, r.Name)
		}
	}
	if len(e.ExternalPolicies) > 0 {
		w("\nits external policies (let its pods reach its destinations outside the cluster):\n")
		for _, r := range e.ExternalPolicies {
			w("  %s/%s\n", r.Namespace, r.Name)
		}
	}
	w("\npolicies that admit its pods (%d):\n", len(e.AdmittedBy))
	for _, r := range e.AdmittedBy {
		w("  %-50s %s, via %s\n", r.Namespace+"/"+r.Name, r.Service, r.Via)
	}
	for _, n := range e.Notes {
		w("\nnote: %s\n", n)
	}
	return b.String()
}

func labelText(l Label) string {
	if l.Shortened {
		return fmt.Sprintf("%s (shortened from %q)", l.Key, l.Name)
	}
	return l.Key
}

func portsText(ports []rules.Port) string {
	if len(ports) == 0 {
		return "all"
	}
	var parts []string
	for _, p := range ports {
		parts = append(parts, fmt.Sprintf("%d/%s", p.Port, cmp.Or(p.Protocol, "TCP")))
	}
	return strings.Join(parts, ", ")
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
