// Package rules parses, validates and compiles netiso rules: for each service, the services and
// service types it may call. It is pure: no client, no logger, no clock.
package rules

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

const (
	// APIVersion and Kind identify a rules document.
	APIVersion = "netiso.dev/v1alpha1"
	Kind       = "Rules"
)

// Document is one rules document, as written by people or produced by `netiso compile`.
type Document struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Zones      []Zone `json:"zones,omitempty"`
	// Builders are the keys whose signatures identities may require (Identity.SignedBy).
	Builders []Builder `json:"builders,omitempty"`
	// IdentityDefaults give the services that set no identity the anchors of their pod's namespace.
	IdentityDefaults []IdentityDefault `json:"identityDefaults,omitempty"`
	Services         []Service         `json:"services"`
}

// Zone is a closed group of services, as Monzo segregated its most secure services: its members
// call only members, only members call them, and they run only in the zone's namespaces, each of
// which belongs to this zone alone. Generated policies hold the line by namespace as well as by
// label (see package policy).
type Zone struct {
	Name string `json:"name"`
	// Namespaces are the zone's: only its members run there, and they run nowhere else.
	Namespaces []string `json:"namespaces"`

	// Source is the file the zone came from, for error messages.
	Source string `json:"-"`
}

// Service is one service's rules. What it may call is a property of the caller. Its fields are
// written in this order (netiso compile, discover, the rules' version).
type Service struct {
	// Name is the service's identity: the value of the identity label on its pods.
	Name string `json:"name"`
	// Namespaces, when set, are the only namespaces whose pods may claim this identity.
	Namespaces []string `json:"namespaces,omitempty"`
	// Zone, when set, names the zone the service belongs to (see Zone).
	Zone string `json:"zone,omitempty"`
	// Type groups services by who needs to call them (callsTypes).
	Type       string   `json:"type,omitempty"`
	Calls      []string `json:"calls,omitempty"`
	CallsTypes []string `json:"callsTypes,omitempty"`
	// Ports are the pod ports the service accepts; generated policies open only these.
	Ports []Port `json:"ports,omitempty"`
	// External are the destinations outside the cluster a zone member may reach, besides the zone
	// and the cluster DNS (see External).
	External []External `json:"external,omitempty"`
	// Public marks an edge service that admits ingress from anywhere.
	Public bool `json:"public,omitempty"`
	// Identity, when set, is what its pods must show besides the identity label (see Identity);
	// unset, the identityDefaults of the pod's namespace apply. An empty one sets no anchor, whatever
	// the defaults.
	Identity *Identity `json:"identity,omitempty"`

	// Source is the file the service came from, for error messages.
	Source string `json:"-"`
	// treeDir is set for services read from a rule tree: each call then has a file of its own.
	treeDir string
}

// Port is a pod port a service accepts.
type Port struct {
	Port     int32  `json:"port"`
	Protocol string `json:"protocol,omitempty"`
}

// External is a destination outside the cluster: the addresses of CIDR (IPv4 or IPv6, canonical)
// but those of Except (each inside it), on Ports (none: every port). Only a zone member may have
// one: outside a zone netiso does not restrict egress, so there is nothing to open. Kubernetes
// NetworkPolicy has no DNS names, so neither has this.
type External struct {
	CIDR   string   `json:"cidr"`
	Except []string `json:"except,omitempty"`
	Ports  []Port   `json:"ports,omitempty"`
}

// callSource is the file that declares the call to callee, for error messages.
func (s *Service) callSource(callee string) string {
	if s.treeDir != "" {
		return s.treeDir + "/egress/" + callee + ruleExt
	}
	return s.Source
}

// Parse reads one rules document, JSON or YAML. Unknown fields are errors, so that a typo never
// silently drops a rule: every one is reported (Errors), each naming its service. A document over
// 64 MiB, or YAML with anchors or aliases, is refused: each could make parsing cost far more than
// the document's size (see checkYAML).
func Parse(file string, data []byte) (*Document, error) {
	if len(data) <= maxRules && len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: file, Problem: "empty rules document"}
	}
	var doc Document
	if err := decode(file, "", data, &doc); err != nil {
		return nil, err
	}
	if doc.APIVersion != APIVersion || doc.Kind != Kind {
		return nil, &Error{File: file, Problem: fmt.Sprintf("apiVersion %q, kind %q: want apiVersion %q, kind %q",
			doc.APIVersion, doc.Kind, APIVersion, Kind)}
	}
	doc.setSource(file)
	return &doc, nil
}

// setSource records file as where each of the document's definitions comes from.
func (doc *Document) setSource(file string) {
	for i := range doc.Services {
		doc.Services[i].Source = file
	}
	for i := range doc.Zones {
		doc.Zones[i].Source = file
	}
	for i := range doc.Builders {
		doc.Builders[i].Source = file
	}
	for i := range doc.IdentityDefaults {
		doc.IdentityDefaults[i].Source = file
	}
}

// decode reads one JSON or YAML document into v, a pointer to one of the rules' types; service,
// when set, is the service the whole document belongs to, for error messages. JSON (what `netiso
// compile` writes) is read directly; YAML, including a flow mapping that is not valid JSON, is
// converted to JSON first, refusing duplicate keys. An empty YAML document (comments only) is
// an error. The error is an *Error, or Errors listing every unknown or repeated field.
func decode(file, service string, data []byte, v any) error {
	fail := func(problem string) error { return &Error{File: file, Service: service, Problem: problem} }
	if len(data) > maxRules {
		return fail(fmt.Sprintf("rules document of %d bytes: at most %d MiB", len(data), maxRules>>20))
	}
	var jsonErr error
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		strict, err := unmarshal(trimmed, v)
		if err == nil {
			return fieldErrors(file, service, v, strict).err()
		}
		if !isSyntaxError(err) {
			return fail(invalid("JSON", err))
		}
		if json.NewDecoder(bytes.NewReader(trimmed)).Decode(new(json.RawMessage)) == nil {
			return fail("invalid JSON: trailing data after the rules document")
		}
		jsonErr = err
	}
	one, err := singleYAMLDocument(data)
	if err != nil {
		return fail(err.Error())
	}
	if err := checkYAML(one); err != nil {
		return fail(err.Error())
	}
	js, err := yaml.YAMLToJSONStrict(one)
	switch {
	case err != nil && jsonErr != nil: // it looked like JSON: say what is wrong with it as JSON
		return fail(invalid("JSON", jsonErr))
	case err != nil:
		return fail(invalid("YAML", err))
	}
	strict, err := unmarshal(js, v)
	if err != nil {
		return fail(invalid("YAML", err))
	}
	return fieldErrors(file, service, v, strict).err()
}

// invalid is the problem of a document that is not valid format.
func invalid(format string, err error) string {
	problem := "invalid " + format + ": " + strings.TrimPrefix(err.Error(), "json: ")
	if format == "YAML" && strings.Contains(problem, "want a string, got a boolean") {
		problem += ` (YAML reads y, n, yes, no, on and off as booleans: quote the name, "on")`
	}
	return problem
}

// checkYAML refuses YAML anchors and aliases before the document is converted. The converter
// (go-yaml v2, under sigs.k8s.io/yaml) copies an alias's value at every use and limits only the
// share of aliased nodes, not their size: a 64 KB document that aliases a 40 KB string 8,000 times
// took 10 to 18 s and 950 MiB to parse, and a 1 MiB ConfigMap could ask for tens of GiB. Rules never
// need aliases (netiso compile writes plain JSON), so they are an error rather than a budget.
func checkYAML(doc []byte) error {
	if !bytes.ContainsAny(doc, "&*") {
		return nil // neither an anchor nor an alias can be written without one of these
	}
	// go-yaml v3 parses into nodes without expanding aliases. Where it cannot parse the document the
	// check cannot be made, so that is an error too: v2 might still accept it, aliases and all.
	var root yamlv3.Node
	if err := yamlv3.Unmarshal(doc, &root); err != nil {
		return fmt.Errorf("invalid YAML: %w", err)
	}
	stack := []*yamlv3.Node{&root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Kind == yamlv3.AliasNode:
			return fmt.Errorf("line %d: YAML alias *%s: anchors and aliases are not accepted in rules; write the values out", n.Line, n.Value)
		case n.Anchor != "":
			return fmt.Errorf("line %d: YAML anchor &%s: anchors and aliases are not accepted in rules; write the values out", n.Line, n.Anchor)
		}
		for i := len(n.Content) - 1; i >= 0; i-- { // so that the first in the document is named
			stack = append(stack, n.Content[i])
		}
	}
	return nil
}

// singleYAMLDocument returns the one document in data; a second one would otherwise be ignored.
func singleYAMLDocument(data []byte) ([]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var found []byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("invalid YAML: %w", err)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		if found != nil {
			return nil, errors.New("more than one YAML document; put one Rules document in each file")
		}
		found = doc
	}
	if found == nil {
		return nil, errors.New("empty rules document")
	}
	return found, nil
}

// stripComments drops whole-line comments and document markers, to tell an empty document.
func stripComments(doc []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || bytes.Equal(t, []byte("---")) {
			continue
		}
		out = append(out, line...)
		out = append(out, '\n')
	}
	return out
}

// Merge joins documents from several files into one; duplicates are left for Validate to name.
func Merge(docs ...*Document) *Document {
	out := &Document{APIVersion: APIVersion, Kind: Kind}
	for _, d := range docs {
		out.Zones = append(out.Zones, d.Zones...)
		out.Builders = append(out.Builders, d.Builders...)
		out.IdentityDefaults = append(out.IdentityDefaults, d.IdentityDefaults...)
		out.Services = append(out.Services, d.Services...)
	}
	return out
}
