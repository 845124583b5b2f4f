package main

import (
	"bytes"
	"fmt"

	yaml "go.yaml.in/yaml/v3"

	"github.com/netiso/netiso/pkg/rules"
)

// rulesYAML writes a rules document the way people write one: name first, short lists inline.
// (sigs.k8s.io/yaml sorts keys, which puts name after calls.)
func rulesYAML(doc *rules.Document, comment string) ([]byte, error) {
	type port struct {
		Port     int32  `yaml:"port"`
		Protocol string `yaml:"protocol,omitempty"`
	}
	type service struct {
		Name       string   `yaml:"name"`
		Namespaces []string `yaml:"namespaces,omitempty,flow"`
		Type       string   `yaml:"type,omitempty"`
		Public     bool     `yaml:"public,omitempty"`
		Calls      []string `yaml:"calls,omitempty"`
		CallsTypes []string `yaml:"callsTypes,omitempty,flow"`
		Ports      []port   `yaml:"ports,omitempty,flow"`
	}
	out := struct {
		APIVersion string    `yaml:"apiVersion"`
		Kind       string    `yaml:"kind"`
		Services   []service `yaml:"services"`
	}{APIVersion: doc.APIVersion, Kind: doc.Kind, Services: []service{}}
	for _, s := range doc.Services {
		ys := service{Name: s.Name, Namespaces: s.Namespaces, Type: s.Type, Public: s.Public, Calls: s.Calls, CallsTypes: s.CallsTypes}
		for _, p := range s.Ports {
			ys.Ports = append(ys.Ports, port{p.Port, p.Protocol})
		}
		out.Services = append(out.Services, ys)
	}
	var b bytes.Buffer
	b.WriteString(comment)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	return b.Bytes(), nil
}
