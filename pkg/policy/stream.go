package policy

import (
	"bytes"
	"encoding/json"
	"fmt"

	"sigs.k8s.io/yaml"
)

// YAML writes objects as one YAML stream, "---" before each, in the order given.
func YAML[T any](objs []T) ([]byte, error) {
	var b bytes.Buffer
	for _, o := range objs {
		y, err := yaml.Marshal(o)
		if err != nil {
			return nil, fmt.Errorf("marshal %T: %w", o, err)
		}
		b.WriteString("---\n")
		b.Write(y)
	}
	return b.Bytes(), nil
}

// JSON writes objects as one indented v1 List, which kubectl apply accepts as it does a stream.
func JSON[T any](objs []T) ([]byte, error) {
	list := struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Items      []T    `json:"items"`
	}{"v1", "List", objs}
	if list.Items == nil {
		list.Items = []T{}
	}
	out, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal list: %w", err)
	}
	return append(out, '\n'), nil
}
