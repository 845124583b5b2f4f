package rules_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// TestUnknownFieldsAgreeWithParse holds UnknownFields (which reads the known names from
// Document's json tags) to the decoder (whose switch spells them): every tagged field of every
// type in a document is accepted by Parse and not reported, and a misspelled one is refused by
// Parse and reported, at the same place.
func TestUnknownFieldsAgreeWithParse(t *testing.T) {
	// One document with every field set, built from the types: a field added to Document,
	// Service or Port is covered without editing this test.
	full := sample(reflect.TypeOf(rules.Document{})).(map[string]any)
	full["apiVersion"], full["kind"] = rules.APIVersion, rules.Kind
	data, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rules.Parse("full.json", data); err != nil && strings.Contains(err.Error(), "unknown field") {
		t.Errorf("Parse refuses a field the types have: %v\n%s", err, data)
	}
	if got := rules.UnknownFields("full.json", data); len(got) != 0 {
		t.Errorf("UnknownFields reports fields the types have: %v", got)
	}
	// Each field misspelled alone: Parse names it first, UnknownFields names it only.
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				delete(v, k)
				v[k+"x"] = child
				data, _ := json.Marshal(full)
				_, perr := rules.Parse("one.json", data)
				got := rules.UnknownFields("one.json", data)
				want := "unknown field \"" + k + "x\" at " + at
				if at == "" {
					want = "unknown field \"" + k + "x\""
				}
				if perr == nil || !strings.Contains(perr.Error(), want) {
					t.Errorf("%s/%s misspelled: Parse says %v, want %q", at, k, perr, want)
				}
				if len(got) != 1 || !strings.HasPrefix(got[0].Problem, want) {
					t.Errorf("%s/%s misspelled: UnknownFields says %v, want %q", at, k, got, want)
				}
				delete(v, k+"x")
				v[k] = child
				walk(child, at+"/"+k)
			}
		case []any:
			walk(v[0], at+"/0")
		}
	}
	walk(full, "")
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

func TestUnknownFields(t *testing.T) {
	yaml := header + "  - name: a\n    Calls: [b]\n    ports: [{port: 1, proto: TCP}]\n  - name: b\n    tpye: x\nextra: 1\n"
	var got []string
	for _, e := range rules.UnknownFields("f.yaml", []byte(yaml)) {
		got = append(got, e.Error())
	}
	want := []string{
		`f.yaml: unknown field "extra"`,
		`f.yaml: service "a": unknown field "Calls" at /services/0 (did you mean "calls"?)`,
		`f.yaml: service "a": unknown field "proto" at /services/0/ports/0 (did you mean "protocol"?)`,
		`f.yaml: service "b": unknown field "tpye" at /services/1 (did you mean "type"?)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, notDoc := range []string{"", "[1]", "a: [", "a: &x 1\nb: *x\n"} {
		if got := rules.UnknownFields("f", []byte(notDoc)); got != nil {
			t.Errorf("%q: %v", notDoc, got)
		}
	}
}

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
