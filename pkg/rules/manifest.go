package rules

import (
	"bytes"
	"fmt"

	"sigs.k8s.io/yaml"
)

// IsConfigMapManifest reports whether data is a ConfigMap manifest (as `netiso compile` writes it,
// or `kubectl get configmap -o yaml`) rather than a rules document. A rules document never says
// ConfigMap outside a name, so most files are told apart without being parsed twice.
func IsConfigMapManifest(data []byte) bool {
	if !bytes.Contains(data, []byte("ConfigMap")) {
		return false
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	one, err := manifestJSON(data)
	if err != nil || yaml.Unmarshal(one, &head) != nil {
		return false
	}
	return head.Kind == "ConfigMap" && head.APIVersion == "v1"
}

// ParseManifest reads the rules document a ConfigMap manifest holds, text or gzipped, exactly as
// the webhook reads the ConfigMap. Its problems name file and key: "cm.yaml:rules.yaml.gz".
func ParseManifest(file string, data []byte) (*Document, error) {
	if len(data) > maxRules {
		return nil, &Error{File: file, Problem: fmt.Sprintf("manifest of %d bytes: at most %d MiB", len(data), maxRules>>20)}
	}
	js, err := manifestJSON(data)
	if err != nil {
		return nil, &Error{File: file, Problem: err.Error()}
	}
	var cm struct {
		Kind     string `json:"kind"`
		Metadata struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
		Data       map[string]string `json:"data"`
		BinaryData map[string][]byte `json:"binaryData"`
	}
	if err := yaml.Unmarshal(js, &cm); err != nil {
		return nil, &Error{File: file, Problem: "invalid ConfigMap manifest: " + err.Error()}
	}
	if cm.Kind != "ConfigMap" {
		return nil, &Error{File: file, Problem: fmt.Sprintf("a %q, not a ConfigMap", cm.Kind)}
	}
	rules, key, err := FromConfigMap(cm.Data, cm.BinaryData)
	if err != nil {
		return nil, &Error{File: file, Problem: fmt.Sprintf("ConfigMap %s/%s: %v", cm.Metadata.Namespace, cm.Metadata.Name, err)}
	}
	return Parse(file+":"+key, rules)
}

// manifestJSON is the one YAML (or JSON) document in data as JSON, refusing anchors and aliases as
// Parse does.
func manifestJSON(data []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return trimmed, nil
	}
	one, err := singleYAMLDocument(data)
	if err != nil {
		return nil, err
	}
	if err := checkYAML(one); err != nil {
		return nil, err
	}
	return yaml.YAMLToJSON(one)
}
