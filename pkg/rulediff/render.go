package rulediff

import (
	"fmt"
	"strings"

	"github.com/netiso/netiso/internal/plural"
)

// Summary is the report in one line.
func (r *Report) Summary() string {
	if r.Empty() {
		return fmt.Sprintf("rules %s -> %s: no change to links, labels or policies", r.OldVersion, r.NewVersion)
	}
	verdict := "opens nothing"
	switch {
	case r.opensPath():
		verdict = "OPENS a path"
	case r.Opens:
		verdict = "opens no path"
	}
	if len(r.Zones) > 0 {
		verdict += fmt.Sprintf("; TOUCHES %d %s", len(r.Zones), plural.Of(len(r.Zones), "zone", "zones"))
	}
	if keys := r.keysChanged(); len(keys) > 0 {
		verdict += "; CHANGES THE KEY of builder " + strings.Join(keys, ", ")
	}
	if r.loosensIdentity() {
		verdict += "; LOOSENS who may claim a service (identity anchors)"
	}
	return fmt.Sprintf("rules %s -> %s: %s; %d %s opened, %d closed; %d %s relabelled; %d %s changed",
		r.OldVersion, r.NewVersion, verdict,
		len(r.LinksOpened), plural.Of(len(r.LinksOpened), "link", "links"), len(r.LinksClosed),
		len(r.Grants), plural.Of(len(r.Grants), "service", "services"),
		r.Policies.count(), plural.Of(r.Policies.count(), "policy", "policies"))
}

func (p PolicyChanges) count() int { return len(p.Added) + len(p.Removed) + len(p.Changed) }

// Text is the report for a terminal.
func (r *Report) Text() string {
	var b strings.Builder
	b.WriteString(r.Summary() + "\n")
	section := func(title string, n int) bool {
		if n > 0 {
			fmt.Fprintf(&b, "\n%s (%d):\n", title, n)
		}
		return n > 0
	}
	if section("ZONES TOUCHED", len(r.Zones)) {
		for _, z := range r.Zones {
			fmt.Fprintf(&b, "  %s%s: %s\n", z.Zone, z.status(), z.describe(func(s string) string { return s }))
		}
	}
	if section("BUILDER KEYS", len(r.Builders)) {
		for _, k := range r.Builders {
			fmt.Fprintf(&b, "  %s: %s\n", k.Builder, k.describe(func(s string) string { return s }))
		}
	}
	services, defaults := r.identityRows()
	for _, s := range []struct {
		title string
		rows  []anchorRow
	}{{"IDENTITY ANCHORS", services}, {"IDENTITY DEFAULTS", defaults}} {
		if section(s.title, len(s.rows)) {
			for _, row := range s.rows {
				fmt.Fprintf(&b, "  %s%s: %s -> %s\n", row.subject, loosenedMark(row.AnchorChanges), row.old, row.new)
				for _, c := range row.Loosened {
					fmt.Fprintf(&b, "      + %s\n", c)
				}
				for _, c := range row.Tightened {
					fmt.Fprintf(&b, "      - %s\n", c)
				}
			}
		}
	}
	if section("links opened", len(r.LinksOpened)) {
		for _, l := range r.LinksOpened {
			fmt.Fprintf(&b, "  + %s -> %s  (%s)\n", from(l.From), l.To, l.Via)
		}
	}
	if section("links closed", len(r.LinksClosed)) {
		for _, l := range r.LinksClosed {
			fmt.Fprintf(&b, "  - %s -> %s  (%s)\n", from(l.From), l.To, l.Via)
		}
	}
	if section("services whose pods are relabelled", len(r.Grants)) {
		for _, g := range r.Grants {
			fmt.Fprintf(&b, "  %s%s%s\n", g.Service, g.status(), g.pods())
			for _, k := range g.Added {
				fmt.Fprintf(&b, "      + %s\n", k)
			}
			for _, k := range g.Removed {
				fmt.Fprintf(&b, "      - %s\n", k)
			}
		}
	}
	if section("namespaces", len(r.Namespaces)) {
		for _, n := range r.Namespaces {
			fmt.Fprintf(&b, "  %s: %s -> %s%s\n", n.Service, list(n.Old, "any namespace"), list(n.New, "any namespace"), widenedMark(n.Widened))
		}
	}
	if section("ports", len(r.Ports)) {
		for _, p := range r.Ports {
			fmt.Fprintf(&b, "  %s: %s -> %s%s\n", p.Service, list(p.Old, "every port"), list(p.New, "every port"), widenedMark(p.Widened))
		}
	}
	if section("destinations outside the cluster", len(r.External)) {
		for _, x := range r.External {
			fmt.Fprintf(&b, "  %s: %s -> %s%s\n", x.Service, externalText(x.Old, "; "), externalText(x.New, "; "), widenedMark(x.Widened))
		}
	}
	if section("policies", r.Policies.count()) {
		for _, p := range r.Policies.Added {
			fmt.Fprintf(&b, "  + %s\n", p)
		}
		for _, p := range r.Policies.Changed {
			fmt.Fprintf(&b, "  ~ %s\n", p)
		}
		for _, p := range r.Policies.Removed {
			fmt.Fprintf(&b, "  - %s\n", p)
		}
	}
	return b.String()
}

// Markdown is the report as a pull-request comment.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("### netiso: what this rules change does\n\n")
	verdict := "Opens nothing."
	switch {
	case r.Empty():
		verdict = "No change to links, labels or policies."
	case r.opensPath():
		verdict = "**Opens a path.**"
	case r.Opens:
		verdict = "Opens no path."
	}
	if keys := r.keysChanged(); len(keys) > 0 {
		verdict += " **Changes the key of builder " + strings.Join(keys, ", ") + ".**"
	}
	if r.loosensIdentity() {
		verdict += " **Loosens who may claim a service (identity anchors).**"
	}
	fmt.Fprintf(&b, "%s Rules `%s` → `%s`.\n", verdict, r.OldVersion, r.NewVersion)
	section := func(title string, n int) bool {
		if n > 0 {
			fmt.Fprintf(&b, "\n#### %s (%d)\n\n", title, n)
		}
		return n > 0
	}
	linkTable := func(ls []Link) {
		b.WriteString("| caller | callee | by |\n|---|---|---|\n")
		for _, l := range ls {
			fmt.Fprintf(&b, "| %s | `%s` | %s |\n", mdFrom(l.From), l.To, l.Via)
		}
	}
	if section("⚠ Zones touched", len(r.Zones)) {
		b.WriteString("| zone | what changes |\n|---|---|\n")
		for _, z := range r.Zones {
			fmt.Fprintf(&b, "| `%s`%s | %s |\n", z.Zone, z.status(), z.describe(func(s string) string { return "`" + s + "`" }))
		}
	}
	if section("⚠ Builder keys", len(r.Builders)) {
		b.WriteString("| builder | what changes |\n|---|---|\n")
		for _, k := range r.Builders {
			fmt.Fprintf(&b, "| `%s` | %s |\n", k.Builder, k.describe(func(s string) string { return "`" + s + "`" }))
		}
	}
	services, defaults := r.identityRows()
	for _, s := range []struct {
		title, subject string
		rows           []anchorRow
	}{{"⚠ Identity anchors", "service", services}, {"⚠ Identity defaults", "namespaces", defaults}} {
		if section(s.title, len(s.rows)) {
			fmt.Fprintf(&b, "| %s | before | after | loosened | tightened |\n|---|---|---|---|---|\n", s.subject)
			for _, row := range s.rows {
				fmt.Fprintf(&b, "| `%s`%s | %s | %s | %s | %s |\n", row.subject, loosenedMark(row.AnchorChanges), row.old, row.new,
					strings.Join(row.Loosened, "<br>"), strings.Join(row.Tightened, "<br>"))
			}
		}
	}
	if section("Links opened", len(r.LinksOpened)) {
		linkTable(r.LinksOpened)
	}
	if section("Links closed", len(r.LinksClosed)) {
		linkTable(r.LinksClosed)
	}
	if section("Services relabelled", len(r.Grants)) {
		counted := len(r.Grants) > 0 && r.Grants[0].Pods != nil
		b.WriteString("| service | labels added | labels removed |")
		if counted {
			b.WriteString(" running pods |\n|---|---|---|---|\n")
		} else {
			b.WriteString("\n|---|---|---|\n")
		}
		for _, g := range r.Grants {
			fmt.Fprintf(&b, "| `%s`%s | %s | %s |", g.Service, g.status(), codes(g.Added), codes(g.Removed))
			if counted {
				fmt.Fprintf(&b, " %d |", *g.Pods)
			}
			b.WriteString("\n")
		}
	}
	if section("Namespaces", len(r.Namespaces)) {
		b.WriteString("| service | before | after |\n|---|---|---|\n")
		for _, n := range r.Namespaces {
			fmt.Fprintf(&b, "| `%s`%s | %s | %s |\n", n.Service, widenedMark(n.Widened), list(n.Old, "any"), list(n.New, "any"))
		}
	}
	if section("Ports", len(r.Ports)) {
		b.WriteString("| service | before | after |\n|---|---|---|\n")
		for _, p := range r.Ports {
			fmt.Fprintf(&b, "| `%s`%s | %s | %s |\n", p.Service, widenedMark(p.Widened), list(p.Old, "every port"), list(p.New, "every port"))
		}
	}
	if section("Destinations outside the cluster", len(r.External)) {
		b.WriteString("| service | before | after |\n|---|---|---|\n")
		for _, x := range r.External {
			fmt.Fprintf(&b, "| `%s`%s | %s | %s |\n", x.Service, widenedMark(x.Widened), externalText(x.Old, "<br>"), externalText(x.New, "<br>"))
		}
	}
	if section("NetworkPolicies", r.Policies.count()) {
		for _, p := range r.Policies.Added {
			fmt.Fprintf(&b, "- added `%s`\n", p)
		}
		for _, p := range r.Policies.Changed {
			fmt.Fprintf(&b, "- changed `%s`\n", p)
		}
		for _, p := range r.Policies.Removed {
			fmt.Fprintf(&b, "- removed `%s`\n", p)
		}
	}
	return b.String()
}

func (z ZoneChange) status() string {
	switch {
	case z.New:
		return " (new)"
	case z.Gone:
		return " (removed)"
	}
	return ""
}

// describe says what changes in a zone, each name passed through quote.
func (z ZoneChange) describe(quote func(string) string) string {
	var parts []string
	names := func(ns []string) string {
		q := make([]string, len(ns))
		for i, n := range ns {
			q[i] = quote(n)
		}
		return strings.Join(q, ", ")
	}
	if len(z.MembersAdded) > 0 {
		parts = append(parts, "members joining: "+names(z.MembersAdded))
	}
	if len(z.MembersRemoved) > 0 {
		parts = append(parts, "members leaving: "+names(z.MembersRemoved))
	}
	if z.OldNamespaces != nil || z.NewNamespaces != nil {
		parts = append(parts, fmt.Sprintf("namespaces %s -> %s", list(z.OldNamespaces, "none"), list(z.NewNamespaces, "none")))
	}
	if z.LinksOpened+z.LinksClosed > 0 {
		parts = append(parts, fmt.Sprintf("links with a member: %d opened, %d closed", z.LinksOpened, z.LinksClosed))
	}
	if len(z.External) > 0 {
		parts = append(parts, "destinations outside the cluster of: "+names(z.External))
	}
	if len(z.Identity) > 0 {
		parts = append(parts, "identity anchors of: "+names(z.Identity))
	}
	if len(parts) == 0 {
		return "its definition"
	}
	return strings.Join(parts, "; ")
}

func (g Grant) status() string {
	switch {
	case g.New:
		return " (new)"
	case g.Gone:
		return " (removed)"
	}
	return ""
}

func (g Grant) pods() string {
	if g.Pods == nil {
		return ""
	}
	return fmt.Sprintf("  [%d running %s]", *g.Pods, plural.Of(*g.Pods, "pod", "pods"))
}

func from(f string) string {
	if f == Anywhere {
		return "anywhere"
	}
	return f
}

func mdFrom(f string) string {
	if f == Anywhere {
		return "anywhere"
	}
	return "`" + f + "`"
}

func codes(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "`" + k + "`"
	}
	return strings.Join(q, "<br>")
}

func list(vs []string, none string) string {
	if len(vs) == 0 {
		return none
	}
	return strings.Join(vs, ", ")
}

func loosenedMark(a AnchorChanges) string {
	if a.loosens() {
		return " (LOOSENED)"
	}
	return ""
}

func widenedMark(w bool) string {
	if w {
		return " (widened)"
	}
	return ""
}
