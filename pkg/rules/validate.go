package rules

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// Validate returns every problem in the rules at once (as Errors), or nil.
func Validate(doc *Document, opts Options) error {
	return validate(doc, opts).err()
}

func validate(doc *Document, opts Options) Errors {
	errs := opts.validate()
	if len(errs) > 0 {
		return errs // every label key would be wrong; the rest would only repeat it
	}
	byName := make(map[string]*Service, len(doc.Services))
	types := make(map[string]bool)
	for i := range doc.Services {
		s := &doc.Services[i]
		if first, dup := byName[s.Name]; dup {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: "duplicate service, first defined in " + first.Source})
			continue
		}
		byName[s.Name] = s
		if s.Type != "" {
			types[s.Type] = true
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
	for i := range doc.Services {
		s := &doc.Services[i]
		if byName[s.Name] != s {
			continue // a duplicate, reported above
		}
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{File: s.Source, Service: s.Name, Problem: fmt.Sprintf(format, args...)})
		}
		switch msgs := validation.IsValidLabelValue(s.Name); {
		case s.Name == "":
			bad("name is required")
		case len(msgs) > 0:
			bad("invalid name: it is the identity label's value, so %s", strings.Join(msgs, "; "))
		default:
			checkKey(opts.CalleeKey(s.Name), bad)
			claim(opts.CalleeKey(s.Name), s.Name, s)
		}
		if s.Type != "" {
			checkKey(opts.TypeKey(s.Type), bad)
			claim(opts.TypeKey(s.Type), "type "+s.Type, s)
		}
		seen := make(map[string]bool)
		for _, ns := range s.Namespaces {
			if msgs := validation.IsDNS1123Label(ns); len(msgs) > 0 {
				bad("invalid namespace %q: %s", ns, strings.Join(msgs, "; "))
			}
			if seen["ns/"+ns] {
				bad("namespace %q listed twice", ns)
			}
			seen["ns/"+ns] = true
		}
		for _, c := range s.Calls {
			switch {
			case byName[c] == nil:
				errs = append(errs, &Error{File: s.callSource(c), Service: s.Name, Problem: fmt.Sprintf("unknown callee %q", c)})
			case seen["call/"+c]:
				bad("callee %q listed twice", c)
			}
			seen["call/"+c] = true
		}
		for _, t := range s.CallsTypes {
			switch {
			case !types[t]:
				bad("unknown type %q in callsTypes: no service has it", t)
			case seen["type/"+t]:
				bad("type %q listed twice in callsTypes", t)
			}
			seen["type/"+t] = true
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
			key := fmt.Sprintf("port/%d/%s", p.Port, protocolOrTCP(p.Protocol))
			if seen[key] {
				bad("port %d/%s listed twice", p.Port, protocolOrTCP(p.Protocol))
			}
			seen[key] = true
		}
	}
	return errs
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
