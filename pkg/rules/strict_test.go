package rules_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	sigsyaml "sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/rules"
)

// TestStrictDecodingFollowsTheTypes: the rules' types are their schema. Every tagged field of every
// type in a document is accepted by Parse, and each one misspelled alone, or written in another
// case, is refused as unknown, at its place, with its service and the field meant.
func TestStrictDecodingFollowsTheTypes(t *testing.T) {
	// One document with every field set, built from the types: a field added to Document,
	// Service, Port or External is covered without editing this test.
	full := sample(reflect.TypeOf(rules.Document{})).(map[string]any)
	full["apiVersion"], full["kind"] = rules.APIVersion, rules.Kind
	data, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rules.Parse("full.json", data); err != nil && strings.Contains(err.Error(), "field") {
		t.Errorf("Parse refuses a field the types have: %v\n%s", err, data)
	}
	var walk func(v any, at, service string)
	walk = func(v any, at, service string) {
		switch v := v.(type) {
		case map[string]any:
			if at == "/services/0" {
				service = "x"
			}
			for k, child := range v {
				for _, wrong := range []string{k + "x", strings.ToUpper(k[:1]) + k[1:]} {
					delete(v, k)
					v[wrong] = child
					data, _ := json.Marshal(full)
					_, err := rules.Parse("one.json", data)
					delete(v, wrong)
					v[k] = child
					want, service := fmt.Sprintf("unknown field %q at %s (did you mean %q?)", wrong, at, k), service
					if at == "/services/0" && k == "name" {
						service = "" // the service has no name then
					}
					if at == "" {
						want = fmt.Sprintf("unknown field %q (did you mean %q?)", wrong, k)
					}
					var es rules.Errors
					if !errors.As(err, &es) || len(es) != 1 || es[0].File != "one.json" || es[0].Service != service || es[0].Problem != want {
						t.Errorf("%s/%s written %q: Parse says %v, want one error of service %q: %s", at, k, wrong, err, service, want)
					}
				}
				walk(child, at+"/"+k, service)
			}
		case []any:
			walk(v[0], at+"/0", service)
		}
	}
	walk(full, "", "")
}

// sample is a JSON value for type t with every field of every struct in it set.
func sample(t reflect.Type) any {
	switch t.Kind() {
	case reflect.Pointer:
		return sample(t.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			m[name] = sample(f.Type)
		}
		return m
	case reflect.Slice, reflect.Array:
		return []any{sample(t.Elem())}
	case reflect.Map:
		return map[string]any{"k": sample(t.Elem())}
	case reflect.String:
		return "x"
	case reflect.Bool:
		return true
	default:
		return 1
	}
}

// TestUnknownFields: one Parse reports every unknown field, each with its service and the field
// meant, whether a name is misspelled or written in another case.
func TestUnknownFields(t *testing.T) {
	yaml := header + "  - name: a\n    Calls: [b]\n    ports: [{port: 1, proto: TCP}]\n  - name: b\n    tpye: x\nextra: 1\n"
	want := []string{
		`f.yaml: unknown field "extra"`,
		`f.yaml: service "a": unknown field "Calls" at /services/0 (did you mean "calls"?)`,
		`f.yaml: service "a": unknown field "proto" at /services/0/ports/0 (did you mean "protocol"?)`,
		`f.yaml: service "b": unknown field "tpye" at /services/1 (did you mean "type"?)`,
	}
	_, err := rules.Parse("f.yaml", []byte(yaml))
	if got := strings.Split(fmt.Sprint(err), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same document as JSON, the form `netiso compile` writes.
	js, err := yaml2json(yaml)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rules.Parse("f.yaml", js)
	if got := strings.Split(fmt.Sprint(err), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("as JSON: got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRepeatedFields: a name given twice in JSON is refused, each one named (YAML refuses a
// repeated key before it is JSON).
func TestRepeatedFields(t *testing.T) {
	js := `{"apiVersion":"netiso.dev/v1alpha1","kind":"Rules","kind":"Rules","services":[{"name":"a","calls":["b"],"calls":["a"]},` +
		`{"name":"b","ports":[{"port":1,"port":2}]}]}`
	want := []string{
		`f.json: duplicate field "kind"`,
		`f.json: service "a": duplicate field "calls" at /services/0`,
		`f.json: service "b": duplicate field "port" at /services/1/ports/0`,
	}
	_, err := rules.Parse("f.json", []byte(js))
	if got := strings.Split(fmt.Sprint(err), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func yaml2json(y string) ([]byte, error) { return sigsyaml.YAMLToJSON([]byte(y)) }

func TestSuggest(t *testing.T) {
	names := []string{"cartservice", "checkoutservice", "currencyservice", "redis-cart", "ad", "frontend"}
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"checkoutservise", []string{"checkoutservice"}},
		{"CartService", []string{"cartservice"}},
		{"cart", []string{"cartservice", "redis-cart"}},
		{"frontend", nil}, // exact
		{"ab", []string{"ad"}},
		{"payments", nil},
		{"", nil},
		{"chekcoutservice", []string{"checkoutservice"}}, // neighbours swapped
	} {
		if got := rules.Suggest(tc.word, names); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
