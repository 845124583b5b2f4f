package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	yaml "go.yaml.in/yaml/v3"

	"github.com/netiso/netiso/pkg/rules"
)

// rulesYAML writes a rules document the way people write one: the fields in the order of the rules'
// types (name first), each of the document's lists one item a block, shorter lists within an item
// inline. note, when not nil, gives the line comment of each value of a service's calls and of its
// identity's serviceAccounts and repositories (discover's evidence).
func rulesYAML(doc *rules.Document, comment string, note func(service, field, value string) string) ([]byte, error) {
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	var node yaml.Node // JSON is YAML: the fields keep their order
	if err := yaml.Unmarshal(js, &node); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
	}
	if note != nil {
		annotate(node.Content[0], note)
	}
	if err := layout(node.Content[0], 0); err != nil {
		return nil, fmt.Errorf("encode rules: %w", err)
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

// layout styles n, read from JSON, as YAML: strings plain unless a YAML 1.1 reader (sigs.k8s.io/yaml,
// which netiso reads rules with) would take them for something else; the lists of the document
// (depth 0) blocks of items; lists within their items (depth 1 and below) inline when their items
// are scalars or mappings of scalars, without comments.
func layout(n *yaml.Node, depth int) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			comment := n.LineComment
			if err := n.Encode(n.Value); err != nil { // quoted where plain would not read back as the string
				return err
			}
			n.LineComment = comment
		} else {
			n.Style = 0
		}
		return nil
	case yaml.MappingNode:
		n.Style = 0
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := layout(n.Content[i], depth); err != nil {
				return err
			}
			if err := layout(n.Content[i+1], depth); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		n.Style = 0
		for _, c := range n.Content {
			if err := layout(c, depth+1); err != nil {
				return err
			}
		}
		if depth >= 1 && inline(n) {
			n.Style = yaml.FlowStyle
		}
	}
	return nil
}

// inline reports whether a list's items are scalars, or mappings of scalars, none with a comment.
func inline(seq *yaml.Node) bool {
	for _, item := range seq.Content {
		if item.LineComment != "" {
			return false
		}
		if item.Kind == yaml.MappingNode {
			for _, c := range item.Content {
				if c.Kind != yaml.ScalarNode {
					return false
				}
			}
		} else if item.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// annotate sets the line comment of every call and identity anchor in an encoded rules document.
func annotate(doc *yaml.Node, note func(service, field, value string) string) {
	value := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
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
		name := value(svc, "name")
		if name == nil {
			continue
		}
		identity := value(svc, "identity")
		for _, list := range []struct {
			field string
			items *yaml.Node
		}{{"calls", value(svc, "calls")}, {"serviceAccounts", value(identity, "serviceAccounts")}, {"repositories", value(identity, "repositories")}} {
			if list.items == nil {
				continue
			}
			for _, v := range list.items.Content {
				v.LineComment = note(name.Value, list.field, v.Value)
			}
		}
	}
}
