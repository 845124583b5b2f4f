package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// FuzzDecodeDocument: the rules come from outside, and their reader is the library's strict
// decoding into the rules' types. Whatever the input (JSON, or YAML: decode takes both), decoding
// never panics and an error names the file; what it accepts encodes (as `netiso compile` writes
// it) to JSON that decodes to the same document, an empty list and an absent one alike.
//
// go test ./pkg/rules -run '^$' -fuzz FuzzDecodeDocument -fuzztime 10m
func FuzzDecodeDocument(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*/rules.yaml")
	for _, p := range files {
		y, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		js, err := yaml.YAMLToJSON(y)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(js)
		f.Add(y)
	}
	for _, s := range []string{
		`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"a","namespaces":["x"],"type":"t/u","calls":["b"],"callsTypes":["t/u"],"ports":[{"port":80,"protocol":"TCP"}],"public":true}]}`,
		`{"services":null}`, `{"services":[null,{"name":null,"calls":[],"ports":[null]}]}`, `{"kind":"a","kind":"b"}`,
		`{"Kind":"Rules"}`, `{"services":[{"ports":[{"port":1e2}]}]}`, `{"services":[{"ports":[{"port":2147483648}]}]}`,
		`{"services":[{"ports":[{"port":-0}]}]}`, `{"-":1}`, `{"services":[{"name":"\ud800"}]}`, `{} {}`, `{"apiVersion":"\u00e9"}`,
		`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","namespaces":["pci","pci-b"]}],"services":[{"name":"card","zone":"pci","namespaces":["pci"]}]}`,
		`{"zones":null,"services":[{"name":"a","zone":null,"calls":[]}],"kind":"Rules"}`,
		`{"zones":[{"name":"z"},{"namespaces":[]}]}`, `{"zones":[null]}`,
		`{"services":[{"n\u0061me":"\u00e9","zone":"\ud83d\ude00"}]}`,
		`{"services":[{"name":"gw","external":[{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"],"ports":[{"port":443,"protocol":"TCP"}]},null,{"except":[],"ports":null}]}]}`,
		`{"services":[{"external":[{"cidr":1}]}]}`, `{"services":[{"external":{"cidr":"10.0.0.0/8"}}]}`, `{"services":[{"external":[{"host":"a"}]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc Document
		if err := decode("in.json", "", data, &doc); err != nil {
			if err.Error() == "" || !strings.HasPrefix(err.Error(), "in.json: ") {
				t.Fatalf("an error that names no file: %q", err)
			}
			return
		}
		js, err := json.Marshal(&doc)
		if err != nil {
			t.Fatalf("encode %+v: %v", doc, err)
		}
		var again Document
		if err := decode("out.json", "", js, &again); err != nil {
			t.Fatalf("the document does not read back: %v\n%s", err, js)
		}
		if g, w := normalized(again), normalized(doc); !reflect.DeepEqual(g, w) {
			t.Fatalf("read back\n%+v\nwant\n%+v\nfrom %s", g, w, js)
		}
	})
}

// normalized makes every empty list nil: an empty list is not written, and nothing tells them apart.
func normalized(d Document) Document {
	d.Zones = nilIfEmpty(d.Zones)
	d.Services = nilIfEmpty(d.Services)
	for i := range d.Zones {
		d.Zones[i].Namespaces = nilIfEmpty(d.Zones[i].Namespaces)
	}
	for i := range d.Services {
		s := &d.Services[i]
		s.Namespaces, s.Calls, s.CallsTypes, s.Ports = nilIfEmpty(s.Namespaces), nilIfEmpty(s.Calls), nilIfEmpty(s.CallsTypes), nilIfEmpty(s.Ports)
		s.External = nilIfEmpty(s.External)
		for j := range s.External {
			s.External[j].Except, s.External[j].Ports = nilIfEmpty(s.External[j].Except), nilIfEmpty(s.External[j].Ports)
		}
	}
	return d
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s[:len(s):len(s)]
}
