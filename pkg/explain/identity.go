package explain

import (
	"cmp"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

// IdentityCheck is how a pod stands against its service's identity anchors: what it must show,
// besides its identity label, to get the service's labels.
type IdentityCheck struct {
	// From says whose anchors they are: "service NAME" (its own identity) or "identityDefaults
	// for namespace NS".
	From    string         `json:"from"`
	Anchors rules.Identity `json:"anchors"`
	// Verdict is the webhook's judgement of the pod, signatures aside.
	Verdict string `json:"verdict"`
	// Message says why, unless the pod meets every anchor.
	Message string        `json:"message,omitempty"`
	Checks  []AnchorCheck `json:"checks"`
}

// Identity verdicts.
const (
	IdentityMet        = "met"        // every anchor met: the webhook grants the service's labels
	IdentityFailed     = "failed"     // an anchor failed: the webhook grants the pod no egress label
	IdentityUnverified = "unverified" // every anchor met but signatures, which explain cannot check
	IdentityUnknown    = "unknown"    // what the pod runs was not read
)

// AnchorCheck is one anchor checked against one thing the pod runs.
type AnchorCheck struct {
	Anchor mutate.Anchor `json:"anchor"`
	// Subject is what is checked: the ServiceAccount, or a container's image.
	Subject string `json:"subject"`
	// Result is met, failed or not-checked.
	Result string `json:"result"`
	Why    string `json:"why,omitempty"`
}

// notChecked says why explain leaves signatures to the webhook: verifying one needs the registry.
const notChecked = "not checked by explain (the webhook verifies against the registry)"

// checkIdentity judges what the pod runs (nil: not read) against the anchors of service in
// namespace; nil when none apply.
func checkIdentity(c *rules.Compiled, service, namespace string, spec *corev1.PodSpec) *IdentityCheck {
	id, ok := c.Identity(service, namespace)
	if !ok {
		return nil
	}
	ic := &IdentityCheck{From: "identityDefaults for namespace " + namespace, Anchors: id, Checks: []AnchorCheck{}}
	if s, _ := c.Service(service); s.Identity != nil {
		ic.From = "service " + service
	}
	if spec == nil {
		ic.Verdict, ic.Message = IdentityUnknown, "the pod's spec was not read: its anchors were not checked"
		return ic
	}
	w := mutate.WorkloadOf(spec)
	// Each anchor alone, against one thing at a time, through the webhook's own check.
	check := func(anchor mutate.Anchor, subject string, only rules.Identity, of *mutate.Workload) {
		ac := AnchorCheck{Anchor: anchor, Subject: subject, Result: "met"}
		if f := mutate.CheckIdentity(only, of, c, nil); f != nil {
			ac.Result, ac.Why = "failed", f.Message
		}
		ic.Checks = append(ic.Checks, ac)
	}
	if len(id.ServiceAccounts) > 0 {
		check(mutate.AnchorServiceAccount, "ServiceAccount "+cmp.Or(w.ServiceAccount, "default"),
			rules.Identity{ServiceAccounts: id.ServiceAccounts}, &mutate.Workload{ServiceAccount: w.ServiceAccount})
	}
	for _, img := range w.Images {
		one := &mutate.Workload{Images: []mutate.Image{img}}
		subject := fmt.Sprintf("%s %s: %s", img.Kind, img.Container, img.Ref)
		if len(id.Repositories) > 0 {
			check(mutate.AnchorRepository, subject, rules.Identity{Repositories: id.Repositories}, one)
		}
		if id.Digests() {
			check(mutate.AnchorDigest, subject, rules.Identity{RequireDigests: true}, one)
		}
		if len(id.SignedBy) > 0 {
			ic.Checks = append(ic.Checks, AnchorCheck{Anchor: mutate.AnchorSignature, Subject: subject, Result: "not-checked",
				Why: notChecked + "; signedBy: " + strings.Join(id.SignedBy, ", ")})
		}
	}
	switch f := mutate.CheckIdentity(id, w, c, nil); {
	case f == nil:
		ic.Verdict = IdentityMet
	case f.Pending: // only the signatures, which no lookup was given for, stand in the way
		ic.Verdict, ic.Message = IdentityUnverified, "every anchor is met but the signatures by "+strings.Join(id.SignedBy, " or ")+
			", "+notChecked+": the webhook grants the labels once they verify"
	default:
		ic.Verdict, ic.Message = IdentityFailed, fmt.Sprintf("fails its %s anchor: %s", f.Anchor, f.Message)
	}
	return ic
}

// text writes the check for people: each anchor + met, - failed or ? not checked.
func (ic *IdentityCheck) text(b *strings.Builder) {
	fmt.Fprintf(b, "\nidentity anchors (of %s): %s", ic.From, ic.Verdict)
	if ic.Message != "" {
		fmt.Fprintf(b, ": %s", ic.Message)
	}
	b.WriteString("\n")
	for _, c := range ic.Checks {
		mark := map[string]string{"met": "+", "failed": "-"}[c.Result]
		fmt.Fprintf(b, "  %s %s: %s", cmp.Or(mark, "?"), c.Anchor, c.Subject)
		if c.Why != "" {
			fmt.Fprintf(b, ": %s", c.Why)
		}
		b.WriteString("\n")
	}
}
