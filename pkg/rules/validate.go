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
	byName     map[string]*Service
	calleeKeys map[string]string // service name → its key; only for valid names
	typeKeys   map[string]string // type → its key
}

func validate(doc *Document, opts Options) (*index, Errors) {
	errs := opts.validate()
	if len(errs) > 0 {
		return nil, errs // every label key would be wrong; the rest would only repeat it
	}
	ix := &index{
		byName:     make(map[string]*Service, len(doc.Services)),
		calleeKeys: make(map[string]string, len(doc.Services)),
		typeKeys:   make(map[string]string),
	}
	for i := range doc.Services {
		s := &doc.Services[i]
		if first, dup := ix.byName[s.Name]; dup {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: "duplicate service, first defined in " + first.Source})
			continue
		}
		ix.byName[s.Name] = s
		if s.Type != "" {
			ix.typeKeys[s.Type] = "" // its key is made below, once
		}
	}
	// Label names that two different names would share (only possible through the hash).
	owners := make(map[string]string)
	claim := func(key, name string, s *Service) {
		if prev, ok := owners[key]; ok && prev != name {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf("label %q stands for both %q and %q", key, prev, name)})
		}
		owners[key] = name
	}
	// Duplicates within a service's lists: each map holds, for a value, the last service that listed
	// it (its position + 1), so that none is made or cleared per service.
	var (
		seenNamespace = make(map[string]int)
		seenCall      = make(map[string]int, len(doc.Services))
		seenType      = make(map[string]int)
		seenPort      = make(map[Port]int)
		namespaceMsgs = make(map[string][]string) // each namespace is checked once
	)
	for i := range doc.Services {
		s := &doc.Services[i]
		if ix.byName[s.Name] != s {
			continue // a duplicate, reported above
		}
		mark := i + 1
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf(format, args...)})
		}
		switch msgs := validation.IsValidLabelValue(s.Name); {
		case s.Name == "":
			bad("name is required")
		case len(msgs) > 0:
			bad("invalid name: it is the identity label's value, so %s", strings.Join(msgs, "; "))
		default:
			key := opts.CalleeKey(s.Name)
			checkKey(key, bad)
			claim(key, s.Name, s)
			ix.calleeKeys[s.Name] = key
		}
		if s.Type != "" && ix.typeKeys[s.Type] == "" {
			key := opts.TypeKey(s.Type)
			checkKey(key, bad)
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
			switch {
			case ix.byName[c] == nil:
				errs = append(errs, &Error{File: s.callSource(c), Service: s.Name, Problem: fmt.Sprintf("unknown callee %q", c)})
			case seenCall[c] == mark:
				bad("callee %q listed twice", c)
			}
			seenCall[c] = mark
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

// checkKey reports a label key that Kubernetes would refuse.
func checkKey(key string, bad func(string, ...any)) {
	if msgs := validation.IsQualifiedName(key); len(msgs) > 0 {
		bad("label key %q is not a valid Kubernetes label key: %s", key, strings.Join(msgs, "; "))
	}
}

func protocolOrTCP(p string) string {
	if p == "" {
		return "TCP"
	}
	return p
}
