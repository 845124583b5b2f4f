package rules

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// Validate returns every problem in the rules at once (as Errors), or nil.
func Validate(doc *Document, opts Options) error {
	_, errs := validate(doc, opts)
	return errs.err()
}

// index is what validation learns and compilation reuses: each service by name, and the label key
// of each service name and each type, made once and shared by everything that carries it.
type index struct {
	byName   map[string]*named
	typeKeys map[string]string // type → its key
}

// named is one service as validation and compilation look its callers' calls up: once per link.
type named struct {
	svc    *Service
	key    string // its label key; empty for an invalid name
	listed int    // the last service (position in the document + 1) whose calls listed it
	pos    int32  // its position among the services sorted by name (set by Compile)
}

func validate(doc *Document, opts Options) (*index, Errors) {
	errs := opts.validate()
	if len(errs) > 0 {
		return nil, errs // every label key would be wrong; the rest would only repeat it
	}
	ix := &index{byName: make(map[string]*named, len(doc.Services)), typeKeys: make(map[string]string)}
	all := make([]named, len(doc.Services))
	for i := range doc.Services {
		s := &doc.Services[i]
		if first, dup := ix.byName[s.Name]; dup {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: "duplicate service, first defined in " + first.svc.Source})
			continue
		}
		all[i].svc = s
		ix.byName[s.Name] = &all[i]
		if s.Type != "" {
			ix.typeKeys[s.Type] = "" // its key is made below, once
		}
	}
	// Label names that two different names would share (only possible through the hash).
	owners := make(map[string]string, len(doc.Services))
	claim := func(key, name string, s *Service) {
		if prev, ok := owners[key]; ok && prev != name {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf("label %q stands for both %q and %q", key, prev, name)})
		}
		owners[key] = name
	}
	// Duplicates within a service's lists: each map (and named.listed) holds, for a value, the last
	// service that listed it (its position + 1), so that none is made or cleared per service.
	var (
		seenNamespace = make(map[string]int)
		seenType      = make(map[string]int)
		seenPort      = make(map[Port]int)
		namespaceMsgs = make(map[string][]string) // each namespace is checked once
	)
	for i := range doc.Services {
		s := &doc.Services[i]
		if all[i].svc == nil {
			continue // a duplicate, reported above
		}
		mark := i + 1
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf(format, args...)})
		}
		// Label keys need no check of their own: the prefixes are valid DNS subdomains (checked
		// above) and LabelName always gives a valid name part.
		switch {
		case s.Name == "":
			bad("name is required")
		case !isLabelName(s.Name):
			msgs := validation.IsValidLabelValue(s.Name) // for the reasons
			bad("invalid name: it is the identity label's value, so %s", strings.Join(msgs, "; "))
		default:
			all[i].key = opts.CalleeKey(s.Name)
			claim(all[i].key, s.Name, s)
		}
		if s.Type != "" && ix.typeKeys[s.Type] == "" {
			key := opts.TypeKey(s.Type)
			claim(key, "type "+s.Type, s)
			ix.typeKeys[s.Type] = key
		}
		for _, ns := range s.Namespaces {
			msgs, checked := namespaceMsgs[ns]
			if !checked {
				msgs = validation.IsDNS1123Label(ns)
				namespaceMsgs[ns] = msgs
			}
			if len(msgs) > 0 {
				bad("invalid namespace %q: %s", ns, strings.Join(msgs, "; "))
			}
			if seenNamespace[ns] == mark {
				bad("namespace %q listed twice", ns)
			}
			seenNamespace[ns] = mark
		}
		for _, c := range s.Calls {
			switch callee := ix.byName[c]; {
			case callee == nil:
				errs = append(errs, &Error{File: s.callSource(c), Service: s.Name, Problem: fmt.Sprintf("unknown callee %q", c)})
			case callee.listed == mark:
				bad("callee %q listed twice", c)
			default:
				callee.listed = mark
			}
		}
		for _, t := range s.CallsTypes {
			_, known := ix.typeKeys[t]
			switch {
			case !known:
				bad("unknown type %q in callsTypes: no service has it", t)
			case seenType[t] == mark:
				bad("type %q listed twice in callsTypes", t)
			}
			seenType[t] = mark
		}
		for _, p := range s.Ports {
			if p.Port < 1 || p.Port > 65535 {
				bad("port %d out of range 1-65535", p.Port)
			}
			switch p.Protocol {
			case "", "TCP", "UDP", "SCTP":
			default:
				bad("port %d: protocol %q: want TCP, UDP or SCTP", p.Port, p.Protocol)
			}
			key := Port{Port: p.Port, Protocol: protocolOrTCP(p.Protocol)}
			if seenPort[key] == mark {
				bad("port %d/%s listed twice", p.Port, key.Protocol)
			}
			seenPort[key] = mark
		}
	}
	return ix, errs
}

func protocolOrTCP(p string) string {
	if p == "" {
		return "TCP"
	}
	return p
}
