package discover

import (
	"fmt"
	"slices"

	"github.com/netiso/netiso/pkg/rules"
)

// ZoneCrossing is a note: a discovered call would cross a segregation zone's boundary.
const ZoneCrossing FindingKind = "zone-crossing"

// ApplyZones places the discovered services in the zones of reviewed rules (`--zones`): the zones
// are copied, each member gets its zone and namespaces from them, and a discovered call across a
// zone's boundary, either way, is reported and not written. Discovery never writes what
// validation refuses, and a zone's boundary is a reviewed decision, not something code evidence
// may move.
func (r *Result) ApplyZones(reviewed *rules.Compiled) {
	if len(reviewed.Zones()) == 0 {
		return
	}
	r.Rules.Zones = slices.Clone(reviewed.Zones())
	zoneOf := func(name string) string {
		s, _ := reviewed.Service(name)
		return s.Zone
	}
	for i := range r.Rules.Services {
		s := &r.Rules.Services[i]
		if z := zoneOf(s.Name); z != "" {
			m, _ := reviewed.Service(s.Name)
			s.Zone, s.Namespaces = z, slices.Clone(m.Namespaces)
			if s.Public {
				s.Public = false
				r.Findings = append(r.Findings, Finding{Kind: ZoneCrossing, Where: s.Name, Message: fmt.Sprintf(
					"exposed to everyone in the manifests, but a member of zone %s: not written as public", z)})
			}
		}
		s.Calls = slices.DeleteFunc(s.Calls, func(callee string) bool {
			from, to := zoneOf(s.Name), zoneOf(callee)
			if from == to {
				return false
			}
			r.Findings = append(r.Findings, Finding{Kind: ZoneCrossing, Where: s.Name, Reference: callee, Message: fmt.Sprintf(
				"the call crosses a zone's boundary (%s -> %s): reported, not written; %s",
				orOutside(from), orOutside(to), r.evidenceOf(s.Name, callee))})
			return true
		})
	}
}

func orOutside(zone string) string {
	if zone == "" {
		return "outside any zone"
	}
	return "zone " + zone
}

// evidenceOf names the first piece of evidence of a link.
func (r *Result) evidenceOf(caller, callee string) string {
	for _, l := range r.Links {
		if l.Caller == caller && l.Callee == callee && len(l.Evidence) > 0 {
			return "evidence: " + l.Evidence[0].String()
		}
	}
	return "no evidence recorded"
}
