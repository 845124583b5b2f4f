package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// FuzzDecodeDocument holds the hand-written rules reader (decode.go, the JSON path of Parse) to the
// library: sigs.k8s.io/json's strict decoding into Document (case-sensitive names, unknown and
// repeated names refused). On every input both accept or both refuse, and where both accept the
// documents are the same, an empty list and an absent one alike (the reader leaves empty lists
// nil). The one intentional difference: the reader refuses invalid UTF-8, which encoding/json turns
// into U+FFFD; a rule naming a service must not be read as a different name.
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
	f.Fuzz(func(t *testing.T, js []byte) {
		got, err := decodeDocument(js)
		var want Document
		strict, libErr := kjson.UnmarshalStrict(js, &want)
		if libErr == nil && len(strict) > 0 {
			libErr = strict[0]
		}
		switch {
		case err != nil && libErr != nil:
		case err != nil && !jsontext.Value(js).IsValid(jsontext.AllowDuplicateNames(true)) &&
			jsontext.Value(js).IsValid(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)):
			// Invalid UTF-8: refused on purpose.
		case err != nil:
			t.Fatalf("the reader refuses what the library accepts: %v\n%s", err, js)
		case libErr != nil:
			t.Fatalf("the reader accepts what the library refuses: %v\n%s", libErr, js)
		default:
			if g, w := normalized(*got), normalized(want); !reflect.DeepEqual(g, w) {
				t.Fatalf("the reader reads\n%+v\nthe library\n%+v\nfrom %s", g, w, js)
			}
		}
	})
}

// normalized makes every empty list nil: the two readers differ there, and nothing tells them apart.
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
