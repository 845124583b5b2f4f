package rules

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeDocument holds the hand-written reader (decodeDocument) to encoding/json: whatever it
// accepts, encoding/json (unknown fields refused) accepts too and reads to the same document. The
// reader is stricter (names are case-sensitive, a repeated name is an error), never looser.
//
// go test ./pkg/rules -run '^$' -fuzz FuzzDecodeDocument -fuzztime 5m
func FuzzDecodeDocument(f *testing.F) {
	for _, s := range []string{
		`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","services":[{"name":"a","calls":["a"],"type":"x/y","callsTypes":["x/y"],"ports":[{"port":80,"protocol":"UDP"}],"public":true,"namespaces":["n"]}]}`,
		`{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","zones":[{"name":"pci","namespaces":["pci","pci-b"]}],"services":[{"name":"card","zone":"pci","namespaces":["pci"]}]}`,
		`{"zones":null,"services":[{"name":"a","zone":null,"calls":[]}],"kind":"Rules"}`,
		`{"zones":[{"name":"z"},{"namespaces":[]}]}`,
		`{"services":[{"n\u0061me":"\u00e9","zone":"\ud83d\ude00"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeDocument(data)
		if err != nil {
			return
		}
		var want Document
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("decodeDocument accepted what encoding/json refuses (%v): %s", err, data)
		}
		normalize(got)
		normalize(&want)
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("decodeDocument read\n%+v\nencoding/json read\n%+v\nfrom %s", *got, want, data)
		}
	})
}

// normalize makes empty lists nil: the two readers differ there, and nothing tells them apart.
func normalize(d *Document) {
	d.Zones = nilIfEmpty(d.Zones)
	d.Services = nilIfEmpty(d.Services)
	for i := range d.Zones {
		d.Zones[i].Namespaces = nilIfEmpty(d.Zones[i].Namespaces)
	}
	for i := range d.Services {
		s := &d.Services[i]
		s.Namespaces, s.Calls, s.CallsTypes, s.Ports = nilIfEmpty(s.Namespaces), nilIfEmpty(s.Calls), nilIfEmpty(s.CallsTypes), nilIfEmpty(s.Ports)
	}
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s[:len(s):len(s)]
}
