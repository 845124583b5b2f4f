package rules

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// The keys of the rules ConfigMap. Rules too large for one ConfigMap as text are gzipped into
// binaryData; the webhook reads either form.
const (
	ConfigMapKey     = "rules.yaml"
	ConfigMapGzipKey = "rules.yaml.gz"
	// ConfigMapLimit is what the API server stores in one ConfigMap.
	ConfigMapLimit = 1 << 20
	// maxRules bounds a rules document: what a gzipped ConfigMap may expand to, and what Parse
	// accepts from anywhere (a file too), so a crafted one cannot exhaust memory.
	maxRules = 64 << 20
)

// FromConfigMap returns the rules document held in a ConfigMap's data or binaryData, and the key
// it came from (for error messages).
func FromConfigMap(data map[string]string, binaryData map[string][]byte) ([]byte, string, error) {
	text, hasText := data[ConfigMapKey]
	zipped, hasZip := binaryData[ConfigMapGzipKey]
	switch {
	case hasText && hasZip:
		return nil, "", fmt.Errorf("both %s and %s are set: keep one", ConfigMapKey, ConfigMapGzipKey)
	case hasText:
		return []byte(text), ConfigMapKey, nil
	case hasZip:
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			return nil, ConfigMapGzipKey, fmt.Errorf("%s: %w", ConfigMapGzipKey, err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, maxRules+1))
		if err != nil {
			return nil, ConfigMapGzipKey, fmt.Errorf("%s: %w", ConfigMapGzipKey, err)
		}
		if len(out) > maxRules {
			return nil, ConfigMapGzipKey, fmt.Errorf("%s: expands to more than %d MiB", ConfigMapGzipKey, maxRules>>20)
		}
		return out, ConfigMapGzipKey, nil
	default:
		return nil, "", fmt.Errorf("no %s in data nor %s in binaryData", ConfigMapKey, ConfigMapGzipKey)
	}
}
