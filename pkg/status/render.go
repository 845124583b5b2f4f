package status

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/mutate"
)

// Text is the report for a terminal: the verdict and what makes it, then each section.
func (r Report) Text() string {
	var b strings.Builder
	if r.Healthy {
		b.WriteString("netiso status: healthy\n")
	} else {
		fmt.Fprintf(&b, "netiso status: DRIFT (%d %s)\n", len(r.Drift), plural.Of(len(r.Drift), "problem", "problems"))
		for _, d := range r.Drift {
			b.WriteString("  ! " + d + "\n")
		}
	}

	fmt.Fprintf(&b, "\nReplicas (%d)\n", len(r.Replicas))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, rep := range r.Replicas {
		if rep.Problem != "" || rep.Mode == "" {
			fmt.Fprintf(tw, "  %s\t%s\n", rep.Pod, cmp.Or(rep.Problem, "records nothing"))
			continue
		}
		fmt.Fprintf(tw, "  %s\trules %s\t%s mode\tpolicies: %s\n", rep.Pod, cmp.Or(rep.RulesVersion, "(none loaded)"), rep.Mode, cmp.Or(rep.PolicyStage, "not managed"))
	}
	_ = tw.Flush()
	if r.Rules.Version != "" {
		fmt.Fprintf(&b, "Rules: %s, version %s (%d services, %d links)\n", r.Rules.Source, r.Rules.Version, r.Rules.Services, r.Rules.Links)
	} else {
		fmt.Fprintf(&b, "Rules: %s: %s\n", cmp.Or(r.Rules.Source, "unknown"), r.Rules.Problem)
	}

	fmt.Fprintf(&b, "\nExempt namespaces (%d)\n", len(r.Exempt))
	tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, e := range r.Exempt {
		fmt.Fprintf(tw, "  %s\t%s\n", e.Name, e.Why)
		if e.Warning != "" {
			fmt.Fprintf(tw, "  \t! %s\n", e.Warning)
		}
	}
	_ = tw.Flush()

	if r.Configuration != nil {
		fmt.Fprintf(&b, "\nPods: %d judged, %d whose labels are not their grant\n", r.Pods.Judged, len(r.Pods.Differ))
		writePods(&b, r.Pods.Differ)
		if n := len(r.Pods.Unjudged); n > 0 {
			fmt.Fprintf(&b, "  (%d %s not judged: %s grant needs an image signature, which only the webhook verifies)\n", n, plural.Of(n, "pod", "pods"), plural.Of(n, "its", "their"))
		}
	}
	if r.Configuration != nil && r.Configuration.Mode == "audit" {
		fmt.Fprintf(&b, "\nAudit findings: audit mode changes no label; enforce mode would change %d %s\n", len(r.Audit), plural.Of(len(r.Audit), "pod", "pods"))
		counts := map[mutate.Reason]int{}
		for _, f := range r.Audit {
			counts[f.Grant]++
		}
		var parts []string
		for _, reason := range slices.Sorted(maps.Keys(counts)) {
			parts = append(parts, fmt.Sprintf("%s %d", reason, counts[reason]))
		}
		if len(parts) > 0 {
			b.WriteString("  by grant: " + strings.Join(parts, ", ") + "\n")
		}
		writePods(&b, r.Audit)
	}

	p := r.Policies
	switch {
	case !p.Checked:
		fmt.Fprintf(&b, "\nNetworkPolicies: %s\n", p.Note)
	default:
		drifted := 0
		for _, f := range p.Findings {
			if f.Problem != PolicyDenyHeld {
				drifted++
			}
		}
		fmt.Fprintf(&b, "\nNetworkPolicies: %d expected, %d not what the rules compile to\n", p.Expected, drifted)
		if p.Note != "" {
			b.WriteString("  (" + p.Note + ")\n")
		}
		for _, f := range p.Findings {
			fmt.Fprintf(&b, "  %-9s  %s/%s\n", f.Problem, f.Namespace, f.Name)
		}
	}
	return b.String()
}

func writePods(b *strings.Builder, fs []PodFinding) {
	for _, f := range fs {
		who := "no identity label"
		if f.Service != "" {
			who = "service " + f.Service
		}
		fmt.Fprintf(b, "  %s/%s (%s, %s): %s: %s\n", f.Namespace, f.Name, who, f.Grant, f.Cause, f.Message)
		for _, k := range f.Lacks {
			b.WriteString("      lacks    " + k + "\n")
		}
		for _, k := range f.Carries {
			b.WriteString("      carries  " + k + "\n")
		}
	}
}
