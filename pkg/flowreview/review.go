// Package flowreview turns the flows of an audit log (package flowlog: what enforcement would
// drop) into a rules review: the calls the rules do not grant, the pods netiso cannot name, the
// flows logged though granted, the granted links never seen, and a proposed rules document that
// grants the missing calls. It is pure: the command reads the rules, the log and the pods.
package flowreview

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/netiso/netiso/pkg/flowlog"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

// Pod is a running pod and its addresses (status.podIPs). Host-network pods have the node's
// address: leave them out, they cannot be named by it.
type Pod struct {
	Namespace, Name string
	Labels          map[string]string
	IPs             []netip.Addr
}

// Why an endpoint cannot be named: the same words in every output.
const (
	NoPod               = "no pod has this IP (a node, a host-network pod, a pod gone since, or outside the cluster)"
	NoServiceLabel      = "the pod has no service label"
	UnknownService      = "its service is not in the rules"
	NamespaceNotAllowed = "its service may not run in this namespace"
)

// Sides of a flow, for an endpoint netiso cannot name.
const (
	Source      = "source"
	Destination = "destination"
)

// Seen is how many lines, and the first and the last.
type Seen struct {
	Lines int          `json:"lines"`
	First flowlog.Time `json:"first"`
	Last  flowlog.Time `json:"last"`
}

func (s *Seen) add(f flowlog.FlowStats) {
	if s.Lines == 0 {
		s.First, s.Last = f.First, f.Last
	} else {
		s.First, s.Last = flowlog.Earliest(s.First, f.First), flowlog.Latest(s.Last, f.Last)
	}
	s.Lines += f.Count
}

// Call is the flows from one service's pods to another's.
type Call struct {
	From string `json:"from"`
	To   string `json:"to"`
	// FromNamespaces and ToNamespaces are where the flows' pods ran.
	FromNamespaces []string `json:"fromNamespaces"`
	ToNamespaces   []string `json:"toNamespaces"`
	// Ports are the destination ports seen, "8080/TCP".
	Ports []string `json:"ports"`
	Seen
	// Via is the rule that grants the call (calls, callsTypes T, public); "" for an ungranted one.
	Via string `json:"via,omitempty"`
	// Proposed: the proposed rules add this call; a call across a zone boundary is not proposed.
	Proposed bool `json:"proposed"`
}

// Unnamed is an address netiso cannot name as a service of the rules, on one side of some flows.
type Unnamed struct {
	Side    string `json:"side"`
	IP      string `json:"ip"`
	Pod     string `json:"pod,omitempty"` // NAMESPACE/NAME, "" when no pod has the IP
	Service string `json:"service,omitempty"`
	Reason  string `json:"reason"`
	// Peers are the other sides of its flows: services, or addresses when they cannot be named.
	Peers []string `json:"peers"`
	Seen

	addr netip.Addr // IP's, to sort by
}

// Decision is something the proposal leaves to a person.
type Decision struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Port    string `json:"port,omitempty"`
	Problem string `json:"problem"`
	Lines   int    `json:"lines"`
}

// Review is what the log says about the rules.
type Review struct {
	Log LogSummary `json:"log"`
	// Ungranted are the calls the rules do not grant, caller -> callee.
	Ungranted []Call `json:"ungranted"`
	// Decisions are the ports and zone boundaries the proposal does not decide.
	Decisions []Decision `json:"decisions"`
	// Unnamed are the addresses netiso cannot name, with the reason.
	Unnamed []Unnamed `json:"unnamed"`
	// LoggedAnyway are granted calls that were logged: their pods lacked the labels (admitted
	// before the labels stage, or by a webhook that failed open). Nothing to propose.
	LoggedAnyway []Call `json:"loggedAnyway"`
	// NotSeen are the granted links with no line in the window: a hint for recertification.
	NotSeen []rulediff.Link `json:"notSeen"`
	// Change is what the proposed rules change, as netiso diff reports it.
	Change *rulediff.Report `json:"change"`

	// Proposed is the current rules plus every proposed call.
	Proposed *rules.Document `json:"-"`
}

// LogSummary is what was read.
type LogSummary struct {
	Lines   int          `json:"lines"`
	Matched int          `json:"matched"`
	Bad     int          `json:"bad"`
	Flows   int          `json:"flows"`
	First   flowlog.Time `json:"first"`
	Last    flowlog.Time `json:"last"`
}

// endpoint is one side of a flow, named or not.
type endpoint struct {
	ip        netip.Addr
	pod       *Pod
	service   string
	reason    string // "" when named
	namespace string
}

// Compute reviews the log's flows against the rules c, naming addresses by pods and their
// serviceLabel; opts are netiso policies' (for the proposed change's policies).
func Compute(c *rules.Compiled, log *flowlog.Log, pods []Pod, opts policy.Options) (*Review, error) {
	byIP := make(map[netip.Addr]*Pod, len(pods))
	for i := range pods {
		for _, ip := range pods[i].IPs {
			if _, dup := byIP[ip]; !dup {
				byIP[ip] = &pods[i]
			}
		}
	}
	name := func(ip netip.Addr) endpoint {
		e := endpoint{ip: ip, pod: byIP[ip]}
		switch {
		case e.pod == nil:
			e.reason = NoPod
			return e
		case e.pod.Labels[opts.ServiceLabel] == "":
			e.reason = NoServiceLabel
			return e
		}
		e.namespace, e.service = e.pod.Namespace, e.pod.Labels[opts.ServiceLabel]
		switch _, v := c.Lookup(e.service, e.namespace); v {
		case rules.UnknownService:
			e.reason = UnknownService
		case rules.NamespaceNotAllowed:
			e.reason = NamespaceNotAllowed
		}
		return e
	}
	granted := map[[2]string]rulediff.Link{}
	links := rulediff.Links(c)
	for _, l := range links {
		granted[[2]string{l.From, l.To}] = l
	}

	flows := log.Flows()
	r := &Review{Log: LogSummary{Lines: log.Lines, Matched: log.Matched, Bad: log.Bad, Flows: len(flows), First: log.First, Last: log.Last},
		Ungranted: []Call{}, Decisions: []Decision{}, Unnamed: []Unnamed{}, LoggedAnyway: []Call{}, NotSeen: []rulediff.Link{}}
	ungranted, logged := map[[2]string]*Call{}, map[[2]string]*Call{}
	unnamed := map[[2]string]*Unnamed{}
	decisions := map[[3]string]*Decision{}
	seenLinks := map[[2]string]bool{}
	for _, f := range flows {
		src, dst := name(f.Src), name(f.Dst)
		if dst.reason == "" {
			if l, ok := granted[[2]string{rulediff.Anywhere, dst.service}]; ok { // public: any source
				from := cmp.Or(src.service, f.Src.String())
				if admits(c, dst.service, f.Flow) {
					addCall(logged, from, src.namespace, dst, f, l.Via)
					seenLinks[[2]string{l.From, l.To}] = true
				} else {
					addDecision(decisions, c, from, dst.service, f)
				}
				continue
			}
		}
		if src.reason != "" || dst.reason != "" {
			for _, side := range []struct {
				side     string
				e, other endpoint
			}{{Source, src, dst}, {Destination, dst, src}} {
				if side.e.reason != "" {
					addUnnamed(unnamed, side.side, side.e, side.other, f)
				}
			}
			continue
		}
		key := [2]string{src.service, dst.service}
		if l, ok := granted[key]; ok {
			seenLinks[key] = true
			if admits(c, dst.service, f.Flow) {
				addCall(logged, src.service, src.namespace, dst, f, l.Via)
			} else {
				addDecision(decisions, c, src.service, dst.service, f)
			}
			continue
		}
		addCall(ungranted, src.service, src.namespace, dst, f, "")
		if !admits(c, dst.service, f.Flow) {
			addDecision(decisions, c, src.service, dst.service, f)
		}
	}
	for _, l := range links {
		if !seenLinks[[2]string{l.From, l.To}] {
			r.NotSeen = append(r.NotSeen, l)
		}
	}

	doc := c.Document()
	index := make(map[string]int, len(doc.Services))
	for i, s := range doc.Services {
		index[s.Name] = i
	}
	for _, k := range slices.SortedFunc(maps.Keys(ungranted), compareKeys) {
		call := ungranted[k]
		from, _ := c.Service(call.From)
		to, _ := c.Service(call.To)
		if from.Zone != to.Zone {
			addZoneDecision(decisions, from, to, call.Lines)
		} else {
			s := &doc.Services[index[call.From]]
			s.Calls = append(s.Calls, call.To)
			slices.Sort(s.Calls)
			call.Proposed = true
		}
		r.Ungranted = append(r.Ungranted, finish(call))
	}
	for _, k := range slices.SortedFunc(maps.Keys(logged), compareKeys) {
		r.LoggedAnyway = append(r.LoggedAnyway, finish(logged[k]))
	}
	for _, u := range unnamed {
		slices.Sort(u.Peers)
		u.Peers = slices.Compact(u.Peers)
		r.Unnamed = append(r.Unnamed, *u)
	}
	slices.SortFunc(r.Unnamed, func(a, b Unnamed) int { return cmp.Or(cmp.Compare(a.Side, b.Side), a.addr.Compare(b.addr)) })
	for _, k := range slices.SortedFunc(maps.Keys(decisions), func(a, b [3]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]), cmp.Compare(a[2], b[2]))
	}) {
		r.Decisions = append(r.Decisions, *decisions[k])
	}

	proposed, err := rules.Compile(doc, c.Options())
	if err != nil {
		return nil, fmt.Errorf("the proposed rules do not compile: %w", err)
	}
	if r.Change, err = rulediff.Compare(c, proposed, opts); err != nil {
		return nil, err
	}
	r.Proposed = doc
	return r, nil
}

func compareKeys(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) }

// admits: the callee accepts the flow's port; a service that lists no ports accepts any. The
// compiled rules have every port's protocol filled in.
func admits(c *rules.Compiled, callee string, f flowlog.Flow) bool {
	s, _ := c.Service(callee)
	if len(s.Ports) == 0 {
		return true
	}
	return slices.ContainsFunc(s.Ports, func(p rules.Port) bool {
		return p.Port == int32(f.Port) && p.Protocol == f.Proto
	})
}

func addCall(calls map[[2]string]*Call, from, fromNS string, to endpoint, f flowlog.FlowStats, via string) {
	k := [2]string{from, to.service}
	c := calls[k]
	if c == nil {
		c = &Call{From: from, To: to.service, Via: via}
		calls[k] = c
	}
	if fromNS != "" {
		c.FromNamespaces = append(c.FromNamespaces, fromNS)
	}
	c.ToNamespaces = append(c.ToNamespaces, to.namespace)
	c.Ports = append(c.Ports, f.PortName())
	c.add(f)
}

// finish sorts a call's lists and drops repeats.
func finish(c *Call) Call {
	for _, l := range []*[]string{&c.FromNamespaces, &c.ToNamespaces} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
		if *l == nil {
			*l = []string{}
		}
	}
	slices.SortFunc(c.Ports, comparePorts)
	c.Ports = slices.Compact(c.Ports)
	return *c
}

// comparePorts orders "8080/TCP" by number, then protocol.
func comparePorts(a, b string) int {
	an, ap := splitPort(a)
	bn, bp := splitPort(b)
	return cmp.Or(cmp.Compare(an, bn), cmp.Compare(ap, bp)) // "ICMP" (no number) first
}

func splitPort(s string) (int, string) {
	port, proto, ok := strings.Cut(s, "/")
	if !ok {
		return 0, s
	}
	n, _ := strconv.Atoi(port)
	return n, proto
}

func addUnnamed(unnamed map[[2]string]*Unnamed, side string, e, other endpoint, f flowlog.FlowStats) {
	k := [2]string{side, e.ip.String()}
	u := unnamed[k]
	if u == nil {
		u = &Unnamed{Side: side, IP: e.ip.String(), Reason: e.reason, addr: e.ip}
		if e.pod != nil {
			u.Pod = e.pod.Namespace + "/" + e.pod.Name
			u.Service = e.service
		}
		unnamed[k] = u
	}
	u.Peers = append(u.Peers, cmp.Or(other.service, other.ip.String()))
	u.add(f)
}

func addDecision(decisions map[[3]string]*Decision, c *rules.Compiled, from, to string, f flowlog.FlowStats) {
	k := [3]string{from, to, f.PortName()}
	d := decisions[k]
	if d == nil {
		s, _ := c.Service(to)
		ports := make([]string, len(s.Ports))
		for i, p := range s.Ports {
			ports[i] = flowlog.Flow{Proto: p.Protocol, Port: uint16(p.Port)}.PortName()
		}
		d = &Decision{From: from, To: to, Port: f.PortName(),
			Problem: fmt.Sprintf("%s admits only %s: widen its ports, or the caller is wrong (not proposed)", to, strings.Join(ports, ", "))}
		decisions[k] = d
	}
	d.Lines += f.Count
}

func addZoneDecision(decisions map[[3]string]*Decision, from, to rules.Service, lines int) {
	zone := func(s rules.Service) string {
		if s.Zone == "" {
			return s.Name + " is in no zone"
		}
		return s.Name + " is in zone " + s.Zone
	}
	decisions[[3]string{from.Name, to.Name, ""}] = &Decision{From: from.Name, To: to.Name, Lines: lines,
		Problem: fmt.Sprintf("across a zone boundary (%s, %s): the rules refuse it; not proposed", zone(from), zone(to))}
}
