package flowreview

import (
	"fmt"
	"strings"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/rulediff"
)

// Summary is the review in one line.
func (r *Review) Summary() string {
	proposed := 0
	for _, c := range r.Ungranted {
		if c.Proposed {
			proposed++
		}
	}
	return fmt.Sprintf("%d %s not granted (%d proposed), %d %s, %d unnamed %s, %d logged though granted, %d granted %s not seen",
		len(r.Ungranted), plural.Of(len(r.Ungranted), "call", "calls"), proposed,
		len(r.Decisions), plural.Of(len(r.Decisions), "decision", "decisions"),
		len(r.Unnamed), plural.Of(len(r.Unnamed), "address", "addresses"),
		len(r.LoggedAnyway), len(r.NotSeen), plural.Of(len(r.NotSeen), "link", "links"))
}

// Read is what was read, in one line.
func (l LogSummary) Read() string {
	return fmt.Sprintf("%d %s read, %d matched, %d bad; %d %s; seen %s to %s",
		l.Lines, plural.Of(l.Lines, "line", "lines"), l.Matched, l.Bad, l.Flows, plural.Of(l.Flows, "flow", "flows"), l.First, l.Last)
}

// notSeenTitle says what the list is, and is not.
func (r *Review) notSeenTitle() string {
	t := fmt.Sprintf("granted, not seen between %s and %s: a hint to recertify, not proof; a yearly or rare job may still need it", r.Log.First, r.Log.Last)
	if len(r.LoggedAnyway) == 0 {
		// netiso's audit policies log no granted flow: then "not seen" says nothing of use.
		t += "; no granted flow is in this log (audit policies log only what enforcing would drop), so this lists every granted link"
	}
	return t
}

func (c Call) where() string {
	return fmt.Sprintf("%s -> %s", nsList(c.From, c.FromNamespaces), nsList(c.To, c.ToNamespaces))
}

func nsList(service string, namespaces []string) string {
	if len(namespaces) == 0 {
		return service
	}
	return service + " (" + strings.Join(namespaces, ", ") + ")"
}

func (u Unnamed) who() string {
	switch {
	case u.Pod == "":
		return u.IP
	case u.Service != "":
		return fmt.Sprintf("%s (pod %s, service %s)", u.IP, u.Pod, u.Service)
	}
	return fmt.Sprintf("%s (pod %s)", u.IP, u.Pod)
}

// Text is the review for a terminal, then the proposed change as netiso diff writes it.
func (r *Review) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "flows: %s\n%s\n", r.Log.Read(), r.Summary())
	section := func(title string, n int) bool {
		if n > 0 {
			fmt.Fprintf(&b, "\n%s (%d):\n", title, n)
		}
		return n > 0
	}
	seen := func(s Seen) string {
		return fmt.Sprintf("%d %s, %s to %s", s.Lines, plural.Of(s.Lines, "line", "lines"), s.First, s.Last)
	}
	if section("NOT GRANTED: caller -> callee", len(r.Ungranted)) {
		for _, c := range r.Ungranted {
			mark := "+"
			if !c.Proposed {
				mark = "!"
			}
			fmt.Fprintf(&b, "  %s %s  %s  %s\n", mark, c.where(), strings.Join(c.Ports, ", "), seen(c.Seen))
		}
	}
	if section("NEEDS A DECISION", len(r.Decisions)) {
		for _, d := range r.Decisions {
			fmt.Fprintf(&b, "  %s -> %s%s: %s  (%d %s)\n", d.From, d.To, portSuffix(d.Port), d.Problem, d.Lines, plural.Of(d.Lines, "line", "lines"))
		}
	}
	if section("NOT NAMEABLE: pods netiso cannot name", len(r.Unnamed)) {
		for _, u := range r.Unnamed {
			fmt.Fprintf(&b, "  %s %s: %s; with %s  %s\n", u.Side, u.who(), u.Reason, strings.Join(u.Peers, ", "), seen(u.Seen))
		}
	}
	if section("LOGGED THOUGH GRANTED: pods without their labels (admitted before the labels stage?); nothing to propose", len(r.LoggedAnyway)) {
		for _, c := range r.LoggedAnyway {
			fmt.Fprintf(&b, "  %s  %s  (%s)  %s\n", c.where(), strings.Join(c.Ports, ", "), c.Via, seen(c.Seen))
		}
	}
	if section(r.notSeenTitle(), len(r.NotSeen)) {
		for _, l := range r.NotSeen {
			fmt.Fprintf(&b, "  ? %s -> %s  (%s)\n", from(l.From), l.To, l.Via)
		}
	}
	b.WriteString("\nPROPOSED CHANGE (the rules plus the calls marked +; --write FILE writes them):\n")
	b.WriteString(r.Change.Text())
	return b.String()
}

// Markdown is the review as a pull-request comment, then the change as netiso diff writes it.
func (r *Review) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### netiso: what the audit log says about the rules\n\n%s.\n\n%s.\n", r.Log.Read(), r.Summary())
	section := func(title string, n int, header string) bool {
		if n > 0 {
			fmt.Fprintf(&b, "\n#### %s (%d)\n\n%s\n", title, n, header)
		}
		return n > 0
	}
	if section("Not granted", len(r.Ungranted), "| caller | callee | ports | lines | first | last | proposed |\n| --- | --- | --- | ---: | --- | --- | --- |") {
		for _, c := range r.Ungranted {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %d | %s | %s | %s |\n", nsList(c.From, c.FromNamespaces), nsList(c.To, c.ToNamespaces),
				strings.Join(c.Ports, ", "), c.Lines, c.First, c.Last, yesNo(c.Proposed))
		}
	}
	if section("Needs a decision", len(r.Decisions), "| caller | callee | port | problem | lines |\n| --- | --- | --- | --- | ---: |") {
		for _, d := range r.Decisions {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %d |\n", d.From, d.To, d.Port, d.Problem, d.Lines)
		}
	}
	if section("Pods netiso cannot name", len(r.Unnamed), "| side | address | reason | with | lines | first | last |\n| --- | --- | --- | --- | ---: | --- | --- |") {
		for _, u := range r.Unnamed {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s | %s |\n", u.Side, u.who(), u.Reason, strings.Join(u.Peers, ", "), u.Lines, u.First, u.Last)
		}
	}
	if section("Logged though granted", len(r.LoggedAnyway), "Pods without their labels (admitted before the labels stage?); nothing to propose.\n\n| caller | callee | ports | via | lines |\n| --- | --- | --- | --- | ---: |") {
		for _, c := range r.LoggedAnyway {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %d |\n", nsList(c.From, c.FromNamespaces), nsList(c.To, c.ToNamespaces), strings.Join(c.Ports, ", "), c.Via, c.Lines)
		}
	}
	if section("Granted, not seen", len(r.NotSeen), "Not seen between "+r.Log.First.String()+" and "+r.Log.Last.String()+
		": a hint to recertify, not proof; a yearly or rare job may still need it.\n\n| caller | callee | via |\n| --- | --- | --- |") {
		for _, l := range r.NotSeen {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", from(l.From), l.To, l.Via)
		}
	}
	b.WriteString("\n" + strings.Replace(r.Change.Markdown(), "### netiso: what this rules change does", "### The proposed change", 1))
	return b.String()
}

func from(f string) string {
	if f == rulediff.Anywhere {
		return "anywhere"
	}
	return f
}

func portSuffix(p string) string {
	if p == "" {
		return ""
	}
	return " " + p
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no: see decisions"
}
