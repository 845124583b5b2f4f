package rules_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// maxExpanded is the cap on what rules.yaml.gz may expand to.
const maxExpanded = 64 << 20

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gzippedZeros compresses n zero bytes without holding them in memory.
func gzippedZeros(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := zw.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFromConfigMap(t *testing.T) {
	text := header + "  - {name: web, calls: [api]}\n  - {name: api}\n"
	zipped := gzipped(t, []byte(text))
	corrupt := bytes.Clone(zipped)
	corrupt[len(corrupt)/2] ^= 0xff
	truncated := zipped[:len(zipped)-12]

	tests := map[string]struct {
		data    map[string]string
		binary  map[string][]byte
		want    string // the document, when there is no error
		wantKey string
		wantErr string
	}{
		"data rules.yaml": {
			data:    map[string]string{rules.ConfigMapKey: text, "README": "ignored"},
			want:    text,
			wantKey: "rules.yaml",
		},
		"binaryData rules.yaml.gz": {
			binary:  map[string][]byte{rules.ConfigMapGzipKey: zipped},
			want:    text,
			wantKey: "rules.yaml.gz",
		},
		"gzip in binaryData beside other data": {
			data:    map[string]string{"other": "x"},
			binary:  map[string][]byte{rules.ConfigMapGzipKey: zipped},
			want:    text,
			wantKey: "rules.yaml.gz",
		},
		"both keys": {
			data:    map[string]string{rules.ConfigMapKey: text},
			binary:  map[string][]byte{rules.ConfigMapGzipKey: zipped},
			wantErr: "both rules.yaml and rules.yaml.gz",
		},
		"neither key": {
			data:    map[string]string{"rules.yml": text},
			binary:  map[string][]byte{"rules.yaml": []byte(text)},
			wantErr: "no rules.yaml",
		},
		"empty configmap": {
			wantErr: "no rules.yaml",
		},
		"gzip key in data": {
			data:    map[string]string{rules.ConfigMapGzipKey: string(zipped)},
			wantErr: "no rules.yaml",
		},
		"not gzip": {
			binary:  map[string][]byte{rules.ConfigMapGzipKey: []byte(text)},
			wantErr: "rules.yaml.gz: gzip: invalid header",
		},
		"empty gzip": {
			binary:  map[string][]byte{rules.ConfigMapGzipKey: {}},
			wantErr: "rules.yaml.gz",
		},
		"corrupt gzip": {
			binary:  map[string][]byte{rules.ConfigMapGzipKey: corrupt},
			wantErr: "rules.yaml.gz",
		},
		"truncated gzip": {
			binary:  map[string][]byte{rules.ConfigMapGzipKey: truncated},
			wantErr: "rules.yaml.gz",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, key, err := rules.FromConfigMap(tc.data, tc.binary)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("got %d bytes from %q, want an error containing %q", len(got), key, tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %q, want it to contain %q", err, tc.wantErr)
				}
				if got != nil {
					t.Errorf("got %d bytes with the error", len(got))
				}
				return
			}
			if err != nil {
				t.Fatalf("FromConfigMap: %v", err)
			}
			if string(got) != tc.want || key != tc.wantKey {
				t.Errorf("got %q from %q, want %q from %q", got, key, tc.want, tc.wantKey)
			}
		})
	}
}

// TestFromConfigMapRoundTrip: the same rules from text and from gzip compile to the same version.
func TestFromConfigMapRoundTrip(t *testing.T) {
	text := header + "  - {name: web, namespaces: [shop], calls: [api]}\n  - {name: api, ports: [{port: 80}]}\n"
	fromText, key, err := rules.FromConfigMap(map[string]string{rules.ConfigMapKey: text}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := rules.Parse(key, fromText)
	if err != nil {
		t.Fatal(err)
	}
	fromZip, key, err := rules.FromConfigMap(nil, map[string][]byte{rules.ConfigMapGzipKey: gzipped(t, []byte(text))})
	if err != nil {
		t.Fatal(err)
	}
	b, err := rules.Parse(key, fromZip)
	if err != nil {
		t.Fatal(err)
	}
	if b.Services[0].Source != "rules.yaml.gz" {
		t.Errorf("Source %q, want the ConfigMap key", b.Services[0].Source)
	}
	ha, hb := compile(t, a, rules.DefaultOptions()).Hash(), compile(t, b, rules.DefaultOptions()).Hash()
	if ha != hb {
		t.Errorf("text hash %s, gzip hash %s", ha, hb)
	}
}

func TestFromConfigMapGzipCap(t *testing.T) {
	t.Run("a bomb beyond the cap is rejected", func(t *testing.T) {
		bomb := gzippedZeros(t, maxExpanded+1<<20) // 65 MiB of zeros
		if len(bomb) > 1<<20 {
			t.Fatalf("the bomb is %d bytes: it should fit in a ConfigMap", len(bomb))
		}
		got, key, err := rules.FromConfigMap(nil, map[string][]byte{rules.ConfigMapGzipKey: bomb})
		if err == nil {
			t.Fatalf("accepted %d bytes", len(got))
		}
		if !strings.Contains(err.Error(), "expands to more than 64 MiB") || key != rules.ConfigMapGzipKey {
			t.Errorf("error %q from %q", err, key)
		}
		if got != nil {
			t.Errorf("got %d bytes with the error", len(got))
		}
	})
	t.Run("one byte beyond the cap is rejected", func(t *testing.T) {
		if _, _, err := rules.FromConfigMap(nil, map[string][]byte{rules.ConfigMapGzipKey: gzippedZeros(t, maxExpanded+1)}); err == nil {
			t.Error("accepted 64 MiB + 1 byte")
		}
	})
	t.Run("exactly the cap is accepted", func(t *testing.T) {
		got, _, err := rules.FromConfigMap(nil, map[string][]byte{rules.ConfigMapGzipKey: gzippedZeros(t, maxExpanded)})
		if err != nil {
			t.Fatalf("FromConfigMap: %v", err)
		}
		if len(got) != maxExpanded {
			t.Errorf("got %d bytes, want %d", len(got), maxExpanded)
		}
	})
}
