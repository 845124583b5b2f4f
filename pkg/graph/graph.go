// Package graph draws the call graph of compiled rules in Graphviz DOT: services grouped in
// clusters by type, each zone a cluster around its members, public services marked, calls
// granted through callsTypes dashed. A graph of more than a screenful of services is drawn as a
// summary (types as nodes, link counts on the edges, the heaviest callers on their own), or as one
// service's neighbourhood. Pure: rules in, DOT text out; rendering to SVG or PNG is the caller's
// business.
package graph

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/rules"
)

// Defaults of Options.
const (
	DefaultSummaryAbove = 150
	DefaultTopCallers   = 10
)

// Options choose what to draw.
type Options struct {
	// Focus, when set, draws only the services within Depth calls of it, in either direction.
	Focus string
	Depth int // default 1
	// SummaryAbove: without Focus, rules with more services are drawn as a summary (default 150).
	SummaryAbove int
	// TopCallers is how many of the heaviest callers a summary draws on their own (default 10).
	TopCallers int
}

// Kind is how a drawn graph was chosen.
type Kind string

const (
	Full          Kind = "full"
	Summary       Kind = "summary"
	Neighbourhood Kind = "neighbourhood"
)

// edge is one caller-callee pair: by name, or only through a type (then via is the type).
type edge struct {
	from, to string
	via      string
}

// DOT returns the graph in DOT, and which kind of graph it drew.
func DOT(c *rules.Compiled, opts Options) (string, Kind, error) {
	opts.Depth = cmp.Or(opts.Depth, 1)
	opts.SummaryAbove = cmp.Or(opts.SummaryAbove, DefaultSummaryAbove)
	opts.TopCallers = cmp.Or(opts.TopCallers, DefaultTopCallers)
	if opts.Depth < 0 {
		return "", "", fmt.Errorf("depth %d: want 1 or more", opts.Depth)
	}
	g := newGraph(c)
	switch {
	case opts.Focus != "":
		if _, ok := c.Service(opts.Focus); !ok {
			return "", "", fmt.Errorf("service %q is not in the rules", opts.Focus)
		}
		return g.neighbourhood(opts.Focus, opts.Depth), Neighbourhood, nil
	case c.Len() > opts.SummaryAbove:
		return g.summary(opts.TopCallers), Summary, nil
	default:
		return g.full(), Full, nil
	}
}

type graph struct {
	c     *rules.Compiled
	edges []edge // sorted by from, then to
	types []string
	color map[string]string // type -> fill colour
}

func newGraph(c *rules.Compiled) *graph {
	g := &graph{c: c, color: map[string]string{}}
	members := map[string][]string{}
	for _, name := range c.Names() {
		s, _ := c.Service(name)
		if s.Type != "" {
			members[s.Type] = append(members[s.Type], name)
		}
	}
	g.types = slices.Sorted(maps.Keys(members))
	for i, t := range g.types {
		g.color[t] = palette[i%len(palette)]
	}
	for _, name := range c.Names() {
		s, _ := c.Service(name)
		var out []edge
		for _, callee := range s.Calls {
			out = append(out, edge{from: name, to: callee})
		}
		for _, t := range s.CallsTypes {
			for _, callee := range members[t] {
				if callee != name && !slices.Contains(s.Calls, callee) {
					out = append(out, edge{from: name, to: callee, via: t})
				}
			}
		}
		slices.SortFunc(out, func(a, b edge) int { return cmp.Compare(a.to, b.to) })
		out = slices.CompactFunc(out, func(a, b edge) bool { return a.to == b.to }) // two types, one callee
		g.edges = append(g.edges, out...)
	}
	return g
}

// palette is ColorBrewer's Pastel1 and Set3: light enough for black text, distinct enough to tell.
var palette = []string{"#b3cde3", "#ccebc5", "#fbb4ae", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec", "#8dd3c7", "#bebada", "#80b1d3", "#fdb462"}

const (
	anywhere = "(anywhere)" // cannot be a service name: parentheses are not allowed in one
	header   = `  graph [rankdir=LR, fontname="Helvetica", labelloc=t, fontsize=12];
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="#ffffff"];
  edge [color="#555555", arrowsize=0.6, fontname="Helvetica"];
`
)

func (g *graph) full() string {
	names := g.c.Names()
	return g.draw(fmt.Sprintf("%d services, %d links (rules %s)", len(names), g.c.Links(), g.c.Hash()), names, g.edges, "")
}

// neighbourhood draws the services within depth calls of focus, either way, and the calls among
// them that lead towards or away from focus (not those between two services at the rim).
func (g *graph) neighbourhood(focus string, depth int) string {
	adj := map[string][]string{}
	for _, e := range g.edges {
		adj[e.from] = append(adj[e.from], e.to)
		adj[e.to] = append(adj[e.to], e.from)
	}
	dist := map[string]int{focus: 0}
	frontier := []string{focus}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			for _, m := range adj[n] {
				if _, seen := dist[m]; !seen {
					dist[m] = d
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	var names []string
	for _, n := range g.c.Names() {
		if _, ok := dist[n]; ok {
			names = append(names, n)
		}
	}
	var edges []edge
	for _, e := range g.edges {
		df, okf := dist[e.from]
		dt, okt := dist[e.to]
		if okf && okt && min(df, dt) < depth {
			edges = append(edges, e)
		}
	}
	title := fmt.Sprintf("%s and the services within %d %s of it: %d services (rules %s)",
		focus, depth, plural.Of(depth, "call", "calls"), len(names), g.c.Hash())
	return g.draw(title, names, edges, focus)
}

// draw writes services grouped by zone and type, public ones with a double border and an edge from
// "anywhere", and the edges: solid by name, dashed and labelled through a type.
func (g *graph) draw(title string, names []string, edges []edge, focus string) string {
	var b strings.Builder
	b.WriteString("digraph netiso {\n" + header)
	fmt.Fprintf(&b, "  label=%s;\n", quote(title))
	byZone := map[string]map[string][]rules.Service{} // zone ("" for none) → type → its services
	var public []string
	for _, n := range names {
		s, _ := g.c.Service(n)
		if byZone[s.Zone] == nil {
			byZone[s.Zone] = map[string][]rules.Service{}
		}
		byZone[s.Zone][s.Type] = append(byZone[s.Zone][s.Type], s)
		if s.Public {
			public = append(public, n)
		}
	}
	for i, z := range g.c.Zones() {
		if len(byZone[z.Name]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph %s {\n    label=%s; style=\"rounded,bold\"; color=\"#cc0000\"; fontcolor=\"#cc0000\";\n",
			quote(fmt.Sprintf("cluster_zone_%d", i)), quote(fmt.Sprintf("zone %s (namespaces %s): closed", z.Name, strings.Join(z.Namespaces, ", "))))
		g.drawTypes(&b, "    ", fmt.Sprintf("cluster_zone_%d_", i), byZone[z.Name], focus)
		b.WriteString("  }\n")
	}
	g.drawTypes(&b, "  ", "cluster_", byZone[""], focus)
	if len(public) > 0 {
		fmt.Fprintf(&b, "  %s [shape=plaintext, style=\"\", label=\"anywhere\"];\n", quote(anywhere))
		for _, p := range public {
			fmt.Fprintf(&b, "  %s -> %s [style=dotted, color=\"#cc0000\"];\n", quote(anywhere), quote(p))
		}
	}
	for _, e := range edges {
		if e.via != "" {
			fmt.Fprintf(&b, "  %s -> %s [style=dashed, label=%s, fontsize=8];\n", quote(e.from), quote(e.to), quote(e.via))
		} else {
			fmt.Fprintf(&b, "  %s -> %s;\n", quote(e.from), quote(e.to))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// drawTypes writes services grouped in clusters by type, each cluster named prefix and the type's
// number, then the services of no type.
func (g *graph) drawTypes(b *strings.Builder, indent, prefix string, byType map[string][]rules.Service, focus string) {
	for i, t := range g.types {
		if len(byType[t]) == 0 {
			continue
		}
		fmt.Fprintf(b, "%ssubgraph %s {\n%s  label=%s; style=\"rounded,dashed\"; color=\"#999999\";\n", indent, quote(fmt.Sprintf("%s%d", prefix, i)), indent, quote("type "+t))
		for _, s := range byType[t] {
			b.WriteString(indent + "  " + g.node(s, focus) + "\n")
		}
		b.WriteString(indent + "}\n")
	}
	for _, s := range byType[""] {
		b.WriteString(indent + g.node(s, focus) + "\n")
	}
}

func (g *graph) node(s rules.Service, focus string) string {
	attrs := []string{"fillcolor=" + quote(cmp.Or(g.color[s.Type], "#ffffff"))}
	if s.Public {
		attrs = append(attrs, "peripheries=2", `color="#cc0000"`, "tooltip="+quote(s.Name+": public, admits ingress from anywhere"))
	}
	if s.Name == focus {
		attrs = append(attrs, "penwidth=3")
	}
	return quote(s.Name) + " [" + strings.Join(attrs, ", ") + "];"
}

// summary draws types as nodes (a zone's members counted apart, inside its zone's cluster) and, on
// each edge between two, how many links go from services of one to services of the other; the top
// callers are drawn on their own (and their links left out of the type edges), since they would
// otherwise dominate every count.
func (g *graph) summary(top int) string {
	outDegree := map[string]int{}
	for _, e := range g.edges {
		outDegree[e.from]++
	}
	callers := slices.Collect(maps.Keys(outDegree))
	slices.SortFunc(callers, func(a, b string) int { return cmp.Or(cmp.Compare(outDegree[b], outDegree[a]), cmp.Compare(a, b)) })
	callers = callers[:min(top, len(callers))]
	isTop := map[string]bool{}
	for _, n := range callers {
		isTop[n] = true
	}

	groupOf := func(n string) group {
		s, _ := g.c.Service(n)
		return group{zone: s.Zone, typ: cmp.Or(s.Type, "(no type)")}
	}
	type key struct {
		from string // a group's node, or a top caller
		to   group
	}
	edges := map[key]int{}
	count, public := map[group]int{}, map[group]int{}
	for _, n := range g.c.Names() {
		count[groupOf(n)]++
		if s, _ := g.c.Service(n); s.Public {
			public[groupOf(n)]++
		}
	}
	for _, e := range g.edges {
		from := e.from
		if !isTop[from] {
			from = groupOf(from).node()
		}
		edges[key{from, groupOf(e.to)}]++
	}

	var b strings.Builder
	b.WriteString("digraph netiso {\n" + header)
	fmt.Fprintf(&b, "  label=%s;\n", quote(fmt.Sprintf("%d services, %d links (rules %s)\nsummary: types as nodes, caller-callee pairs counted on the edges, the %d heaviest callers on their own",
		g.c.Len(), g.c.Links(), g.c.Hash(), len(callers))))
	groups := slices.SortedFunc(maps.Keys(count), group.compare)
	writeGroup := func(indent string, gr group) {
		label := fmt.Sprintf("%s\n%d %s", gr.typ, count[gr], plural.Of(count[gr], "service", "services"))
		if public[gr] > 0 {
			label += fmt.Sprintf("\n%d public", public[gr])
		}
		fmt.Fprintf(&b, "%s%s [label=%s, fillcolor=%s, shape=box3d, fontsize=14];\n", indent, quote(gr.node()), quote(label), quote(cmp.Or(g.color[gr.typ], "#ffffff")))
	}
	writeCaller := func(indent, n string) {
		fmt.Fprintf(&b, "%s%s [label=%s, shape=ellipse, fillcolor=%s];\n", indent, quote(n),
			quote(fmt.Sprintf("%s\ncalls %d", n, outDegree[n])), quote(cmp.Or(g.color[groupOf(n).typ], "#ffffff")))
	}
	for i, z := range g.c.Zones() { // each zone's groups and top callers, inside its cluster
		members := slices.DeleteFunc(slices.Clone(groups), func(gr group) bool { return gr.zone != z.Name })
		if len(members) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph %s {\n    label=%s; style=\"rounded,bold\"; color=\"#cc0000\"; fontcolor=\"#cc0000\";\n",
			quote(fmt.Sprintf("cluster_zone_%d", i)), quote(fmt.Sprintf("zone %s (namespaces %s): closed", z.Name, strings.Join(z.Namespaces, ", "))))
		for _, gr := range members {
			writeGroup("    ", gr)
		}
		for _, n := range callers {
			if groupOf(n).zone == z.Name {
				writeCaller("    ", n)
			}
		}
		b.WriteString("  }\n")
	}
	for _, gr := range groups {
		if gr.zone == "" {
			writeGroup("  ", gr)
		}
	}
	for _, n := range callers {
		if groupOf(n).zone == "" {
			writeCaller("  ", n)
		}
	}
	// Edges from groups first, then from the top callers, each sorted.
	keys := slices.SortedFunc(maps.Keys(edges), func(a, b key) int {
		return cmp.Or(cmp.Compare(btoi(isTop[a.from]), btoi(isTop[b.from])), cmp.Compare(a.from, b.from), a.to.compare(b.to))
	})
	for _, k := range keys {
		n := edges[k]
		fmt.Fprintf(&b, "  %s -> %s [label=\"%d\", penwidth=%.1f];\n", quote(k.from), quote(k.to.node()), n, 1+math.Log10(float64(n)))
	}
	b.WriteString("}\n")
	return b.String()
}

// group is what a summary counts services in: a type, apart within each zone.
type group struct{ zone, typ string }

// node is the group's node name: "type:T" outside zones, "zone:Z:type:T" within one.
func (gr group) node() string {
	if gr.zone == "" {
		return "type:" + gr.typ
	}
	return "zone:" + gr.zone + ":type:" + gr.typ
}

func (gr group) compare(other group) int {
	return cmp.Or(cmp.Compare(gr.zone, other.zone), cmp.Compare(gr.typ, other.typ))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// quote makes s one DOT string: quotes and backslashes escaped, newlines as DOT's \n.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}
