package main

import (
	"bytes"
	"fmt"

	yaml "go.yaml.in/yaml/v3"

	"github.com/netiso/netiso/pkg/rules"
)

// rulesYAML writes a rules document the way people write one: name first, short lists inline.
// (sigs.k8s.io/yaml sorts keys, which puts name after calls.) callNote, when not nil, gives the
// line comment of each call (discover's evidence).
func rulesYAML(doc *rules.Document, comment string, callNote func(caller, callee string) string) ([]byte, error) {
	type port struct {
		Port     int32  `yaml:"port"`
		Protocol string `yaml:"protocol,omitempty"`
	}
	type external struct {
		CIDR   string   `yaml:"cidr"`
		Except []string `yaml:"except,omitempty,flow"`
		Ports  []port   `yaml:"ports,omitempty,flow"`
	}
	type service struct {
		Name       string     `yaml:"name"`
		Zone       string     `yaml:"zone,omitempty"`
		Namespaces []string   `yaml:"namespaces,omitempty,flow"`
		Type       string     `yaml:"type,omitempty"`
		Public     bool       `yaml:"public,omitempty"`
		Calls      []string   `yaml:"calls,omitempty"`
		CallsTypes []string   `yaml:"callsTypes,omitempty,flow"`
		Ports      []port     `yaml:"ports,omitempty,flow"`
		External   []external `yaml:"external,omitempty"`
	}
	ports := func(ps []rules.Port) []port {
		var out []port
		for _, p := range ps {
			out = append(out, port{p.Port, p.Protocol})
		}
		return out
	}
	type zone struct {
		Name       string   `yaml:"name"`
		Namespaces []string `yaml:"namespaces,flow"`
	}
	out := struct {
		APIVersion string    `yaml:"apiVersion"`
		Kind       string    `yaml:"kind"`
		Zones      []zone    `yaml:"zones,omitempty"`
		Services   []service `yaml:"services"`
	}{APIVersion: doc.APIVersion, Kind: doc.Kind, Services: []service{}}
	for _, z := range doc.Zones {
		out.Zones = append(out.Zones, zone{z.Name, z.Namespaces})
	}
	for _, s := range doc.Services {
		ys := service{Name: s.Name, Zone: s.Zone, Namespaces: s.Namespaces, Type: s.Type, Public: s.Public, Calls: s.Calls, CallsTypes: s.CallsTypes}
		ys.Ports = ports(s.Ports)
		for _, x := range s.External {
			ys.External = append(ys.External, external{CIDR: x.CIDR, Except: x.Except, Ports: ports(x.Ports)})
		}
		out.Services = append(out.Services, ys)
	}
	var node yaml.Node
	if err := node.Encode(out); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	if callNote != nil {
		annotateCalls(&node, callNote)
	}
	var b bytes.Buffer
	b.WriteString(comment)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&node); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	return b.Bytes(), nil
}

// annotateCalls sets the line comment of every call in an encoded rules document.
func annotateCalls(doc *yaml.Node, note func(caller, callee string) string) {
	value := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		return nil
	}
	services := value(doc, "services")
	if services == nil {
		return
	}
	for _, svc := range services.Content {
		name, calls := value(svc, "name"), value(svc, "calls")
		if name == nil || calls == nil {
			continue
		}
		for _, c := range calls.Content {
			c.LineComment = note(name.Value, c.Value)
		}
	}
}
