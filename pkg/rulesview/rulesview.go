// Package rulesview builds an interactive, self-contained HTML view of compiled rules: a search
// box, a service's callers and callees (with their types, namespaces and zones), navigation from
// neighbour to neighbour, an overview by namespace, zone and type, and, given a rules change, the
// links it opens and closes. It draws no hairball: the page holds the whole graph as data and shows
// one service's neighbourhood at a time, so it reads the same at 15 services and at 15,000.
//
// The page works offline: its script and style are this package's own (view.js, view.css), the
// rules are embedded as JSON, and a Content-Security-Policy lets it load nothing from anywhere.
// Pure: compiled rules (and rulediff's report) in, HTML out.
package rulesview

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

// Service flags, as Data.Flags bits.
const (
	FlagPublic  = 1 << iota // admits ingress from anywhere
	FlagAdded               // only in the new rules (with a diff)
	FlagRemoved             // only in the old rules (with a diff): its links are all closed
)

// Anywhere is a link's caller index for a public service's ingress from anywhere.
const Anywhere = -1

// Data is what the page reads: services by index (sorted by name), their attributes as parallel
// lists, and the links in a compact form. The links a service's pods may open are Calls[i] (by
// name, via "calls"), then every service of each type in CallsTypes[i] not already among them
// (via "callsTypes <type>"), then Extra[i]; a public service is also called from anywhere. Build
// derives that encoding from rulediff.Links and checks it decodes to the same links (Links).
type Data struct {
	Version string `json:"version"`
	// Focus is the service the page opens on ("" for the overview).
	Focus string `json:"focus,omitempty"`

	Types      []string `json:"types"`
	Namespaces []string `json:"namespaces"`
	Zones      []Zone   `json:"zones"`
	// Vias are how a link is granted: "calls", "callsTypes <type>", "public".
	Vias []string `json:"vias"`

	Names []string `json:"names"`
	Type  []int    `json:"type"`  // index into Types, -1 for none
	Zone  []int    `json:"zone"`  // index into Zones, -1 for none
	NS    [][]int  `json:"ns"`    // indices into Namespaces; none: any namespace
	Flags []int    `json:"flags"` // Flag* bits
	Ports []string `json:"ports"` // "8080/TCP 9090/TCP"; "" for every port
	// External are a zone member's destinations outside the cluster, one string each.
	External   [][]string `json:"external"`
	Calls      [][]int    `json:"calls"`
	CallsTypes [][]int    `json:"callsTypes"`
	Extra      [][][2]int `json:"extra"` // [callee, via] pairs the two above do not say

	Diff *Diff `json:"diff,omitempty"`
}

// Zone is a zone and its namespaces.
type Zone struct {
	Name       string `json:"name"`
	Namespaces []int  `json:"namespaces"`
}

// Diff is what a rules change does to the links: rulediff's report, by index.
type Diff struct {
	OldVersion string `json:"oldVersion"`
	// Summary is rulediff's one-line summary; Opens says the change opens something.
	Summary string   `json:"summary"`
	Opens   bool     `json:"opens"`
	Zones   []string `json:"zones"` // zones touched
	// Opened and Closed are [caller, callee, via] (caller Anywhere for a service made public or
	// no longer public). Closed links are in the old rules only: not among Data's links.
	Opened [][3]int `json:"opened"`
	Closed [][3]int `json:"closed"`
}

// Change is the rules a view compares against: the old rules and rulediff.Compare(Old, new).
type Change struct {
	Old    *rules.Compiled
	Report *rulediff.Report
}

// Build returns the view's data for c; with change, links opened and closed are marked, and the
// services of the old rules only are kept (FlagRemoved) so that their closed links can be shown.
func Build(c *rules.Compiled, change *Change, focus string) (*Data, error) {
	if focus != "" {
		if _, ok := c.Service(focus); !ok {
			return nil, fmt.Errorf("service %q is not in the rules", focus)
		}
	}
	names := slices.Clone(c.Names())
	var removed map[string]bool
	if change != nil {
		removed = map[string]bool{}
		for _, n := range change.Old.Names() {
			if _, ok := c.Service(n); !ok {
				removed[n] = true
				names = append(names, n)
			}
		}
		slices.Sort(names)
	}
	d := &Data{Version: c.Hash(), Focus: focus, Names: names, Types: []string{}, Namespaces: []string{}, Zones: []Zone{}, Vias: []string{}}
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	typeIdx, nsIdx, zoneIdx, viaIdx := indexer(&d.Types), indexer(&d.Namespaces), map[string]int{}, indexer(&d.Vias)
	viaIdx("calls")
	zones := c.Zones()
	if change != nil {
		zones = append(slices.Clone(zones), change.Old.Zones()...)
	}
	for _, z := range zones {
		if _, ok := zoneIdx[z.Name]; ok {
			continue
		}
		zoneIdx[z.Name] = len(d.Zones)
		zone := Zone{Name: z.Name, Namespaces: []int{}}
		for _, ns := range z.Namespaces {
			zone.Namespaces = append(zone.Namespaces, nsIdx(ns))
		}
		d.Zones = append(d.Zones, zone)
	}

	members := map[string][]int{} // type -> its services in c, sorted
	for i, n := range names {
		s, ok := c.Service(n)
		flags := 0
		if !ok {
			s, _ = change.Old.Service(n)
			flags |= FlagRemoved
		} else if change != nil {
			if _, was := change.Old.Service(n); !was {
				flags |= FlagAdded
			}
		}
		t, z := -1, -1
		if s.Type != "" {
			t = typeIdx(s.Type)
			if ok {
				members[s.Type] = append(members[s.Type], i)
			}
		}
		if s.Zone != "" {
			z = zoneIdx[s.Zone]
		}
		ns := []int{}
		for _, n := range s.Namespaces {
			ns = append(ns, nsIdx(n))
		}
		d.Type, d.Zone, d.NS, d.Flags = append(d.Type, t), append(d.Zone, z), append(d.NS, ns), append(d.Flags, flags)
		d.Ports = append(d.Ports, ports(s.Ports))
		d.External = append(d.External, external(s.External))
	}

	// The links, from rulediff.Links grouped by caller: a callsTypes grant is kept as its type when
	// it reaches every member of the type not called by name (as it always does), else link by link.
	n := len(names)
	d.Calls, d.CallsTypes, d.Extra = make([][]int, n), make([][]int, n), make([][][2]int, n)
	byType := map[int]map[string][]int{} // caller -> via -> callees
	for _, l := range rulediff.Links(c) {
		to := idx[l.To]
		if l.From == rulediff.Anywhere {
			d.Flags[to] |= FlagPublic
			continue
		}
		from := idx[l.From]
		if l.Via == "calls" {
			d.Calls[from] = append(d.Calls[from], to)
			continue
		}
		if byType[from] == nil {
			byType[from] = map[string][]int{}
		}
		byType[from][l.Via] = append(byType[from][l.Via], to)
	}
	for from, vias := range byType {
		called := map[int]bool{}
		for _, to := range d.Calls[from] {
			called[to] = true
		}
		for _, via := range slices.Sorted(maps.Keys(vias)) {
			got := vias[via]
			t, isType := strings.CutPrefix(via, "callsTypes ")
			want := slices.DeleteFunc(slices.Clone(members[t]), func(i int) bool { return called[i] })
			if isType && slices.Equal(got, want) {
				d.CallsTypes[from] = append(d.CallsTypes[from], typeIdx(t))
				continue
			}
			for _, to := range got {
				d.Extra[from] = append(d.Extra[from], [2]int{to, viaIdx(via)})
			}
		}
	}
	for i := range n {
		d.Calls[i], d.CallsTypes[i], d.Extra[i] = orEmpty(d.Calls[i]), orEmpty(d.CallsTypes[i]), orEmpty(d.Extra[i])
	}

	if change != nil {
		r := change.Report
		d.Diff = &Diff{OldVersion: r.OldVersion, Summary: r.Summary(), Opens: r.Opens, Zones: []string{}, Opened: [][3]int{}, Closed: [][3]int{}}
		for _, z := range r.Zones {
			d.Diff.Zones = append(d.Diff.Zones, z.Zone)
		}
		link := func(l rulediff.Link) ([3]int, error) {
			from := Anywhere
			if l.From != rulediff.Anywhere {
				i, ok := idx[l.From]
				if !ok {
					return [3]int{}, fmt.Errorf("link %s -> %s: %s is in neither rules", l.From, l.To, l.From)
				}
				from = i
			}
			to, ok := idx[l.To]
			if !ok {
				return [3]int{}, fmt.Errorf("link %s -> %s: %s is in neither rules", l.From, l.To, l.To)
			}
			return [3]int{from, to, viaIdx(l.Via)}, nil
		}
		for _, l := range r.LinksOpened {
			e, err := link(l)
			if err != nil {
				return nil, err
			}
			d.Diff.Opened = append(d.Diff.Opened, e)
		}
		for _, l := range r.LinksClosed {
			e, err := link(l)
			if err != nil {
				return nil, err
			}
			d.Diff.Closed = append(d.Diff.Closed, e)
		}
	}
	return d, nil
}

// Links decodes d's links, as rulediff.Links lists them (sorted by caller, then callee).
func (d *Data) Links() []rulediff.Link {
	members := map[int][]int{}
	for i, t := range d.Type {
		if t >= 0 && d.Flags[i]&FlagRemoved == 0 {
			members[t] = append(members[t], i)
		}
	}
	var out []rulediff.Link
	for i, name := range d.Names {
		if d.Flags[i]&FlagPublic != 0 {
			out = append(out, rulediff.Link{From: rulediff.Anywhere, To: name, Via: "public"})
		}
		called := map[int]bool{}
		for _, to := range d.Calls[i] {
			called[to] = true
			out = append(out, rulediff.Link{From: name, To: d.Names[to], Via: "calls"})
		}
		for _, t := range d.CallsTypes[i] {
			for _, to := range members[t] {
				if !called[to] {
					out = append(out, rulediff.Link{From: name, To: d.Names[to], Via: "callsTypes " + d.Types[t]})
				}
			}
		}
		for _, e := range d.Extra[i] {
			out = append(out, rulediff.Link{From: name, To: d.Names[e[0]], Via: d.Vias[e[1]]})
		}
	}
	slices.SortFunc(out, func(a, b rulediff.Link) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}

// indexer returns a function giving a string's index in *list, appending it the first time.
func indexer(list *[]string) func(string) int {
	seen := map[string]int{}
	return func(s string) int {
		if i, ok := seen[s]; ok {
			return i
		}
		seen[s] = len(*list)
		*list = append(*list, s)
		return seen[s]
	}
}

func ports(ps []rules.Port) string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, strconv.Itoa(int(p.Port))+"/"+cmp.Or(p.Protocol, "TCP"))
	}
	return strings.Join(out, " ")
}

func external(xs []rules.External) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		s := x.CIDR
		if len(x.Except) > 0 {
			s += " except " + strings.Join(x.Except, ", ")
		}
		if p := ports(x.Ports); p != "" {
			s += " on " + p
		} else {
			s += " on every port"
		}
		out = append(out, s)
	}
	return out
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
