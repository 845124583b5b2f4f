// Package oracle is the rules' own answer to "may this pod reach that one on this port", read from
// the rules document alone: not from labels, policies or a NetworkPolicy engine. The model's
// matrix (test/matrix, cyclonus) and the packets' (test/dataplane) are both judged against it.
package oracle

import (
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

// Pod is what the answer depends on.
type Pod struct {
	Namespace string
	// Service is the pod's identity, "" for none; Policed is false for a pod the webhook never saw
	// (an exempt namespace): its labels are whatever it was created with.
	Service string
	Policed bool
	// ForgesAll: the pod bypassed the webhook in a policed namespace and carries every managed
	// label. DNS: the pod is the cluster DNS, which no netiso policy selects.
	ForgesAll, DNS bool
}

// Granted returns the rules' answer. A public destination admits anyone on its ports; any other
// admits pods the webhook placed in one of their service's namespaces whose service calls it by
// name or by its type, on its ports (every port, for a service that lists none). Pods of no service
// admit nothing under a default deny (defaultDeny), and anything without one.
//
// Zones: a pod in a zone's namespace reaches only the zone's namespaces, and the DNS pods on the
// DNS port. A forger (ForgesAll) reaches what labels alone would let it, except across a zone's
// boundary: a zone member admits it only from the zone's namespaces.
func Granted(doc *rules.Document, defaultDeny bool) func(src, dst Pod, port int, protocol corev1.Protocol) bool {
	byName := map[string]rules.Service{}
	withService := map[string]bool{} // the namespaces a default deny covers
	for _, s := range doc.Services {
		byName[s.Name] = s
		for _, ns := range policy.Namespaces(s, "default") {
			withService[ns] = true
		}
	}
	zoneOf := map[string]string{}
	for _, z := range doc.Zones {
		for _, ns := range z.Namespaces {
			zoneOf[ns] = z.Name
		}
	}
	return func(src, dst Pod, port int, protocol corev1.Protocol) bool {
		if z, ok := zoneOf[src.Namespace]; ok {
			if dst.DNS {
				return port == policy.DefaultDNSPort
			}
			if zoneOf[dst.Namespace] != z {
				return false
			}
		}
		if dst.DNS {
			return true
		}
		d, ok := byName[dst.Service]
		if !ok {
			return !defaultDeny || !withService[dst.Namespace]
		}
		if len(d.Ports) > 0 && !slices.ContainsFunc(d.Ports, func(dp rules.Port) bool {
			return int(dp.Port) == port && Protocol(dp.Protocol) == protocol
		}) {
			return false
		}
		if d.Public {
			return true
		}
		if src.ForgesAll {
			return d.Zone == "" || zoneOf[src.Namespace] == d.Zone
		}
		s, ok := byName[src.Service]
		if !ok || !src.Policed || len(s.Namespaces) > 0 && !slices.Contains(s.Namespaces, src.Namespace) {
			return false
		}
		return slices.Contains(s.Calls, d.Name) || d.Type != "" && slices.Contains(s.CallsTypes, d.Type)
	}
}

// Protocol is a rules port's protocol, TCP when it names none.
func Protocol(p string) corev1.Protocol {
	if p == "" {
		return corev1.ProtocolTCP
	}
	return corev1.Protocol(p)
}
