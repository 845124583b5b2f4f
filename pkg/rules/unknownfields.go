package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

// UnknownFields lists every field of a rules document (JSON or YAML) that the document's types do
// not have, each with its JSON Pointer, its service and, when one is close, the field meant.
// Parse stops at the first problem, as the webhook must; validate uses this after Parse reports an
// unknown field, so that one run names them all. The known names are read from Document's json
// tags, the same ones the decoder's switch spells (TestUnknownFieldsAgreeWithParse holds the two
// together). Data that is not a document gives no list: Parse's own error says why.
func UnknownFields(file string, data []byte) Errors {
	js := bytes.TrimSpace(data)
	if len(js) == 0 || len(js) > maxRules {
		return nil
	}
	if js[0] != '{' {
		one, err := singleYAMLDocument(data)
		if err != nil || checkYAML(one) != nil {
			return nil
		}
		if js, err = yaml.YAMLToJSON(one); err != nil {
			return nil
		}
	}
	var v any
	if json.Unmarshal(js, &v) != nil {
		return nil
	}
	var errs Errors
	unknownIn(v, reflect.TypeOf(Document{}), "", "", file, &errs)
	return errs
}

var serviceType = reflect.TypeOf(Service{})

// unknownIn checks value v, read into a value of type t at pointer at, for names t lacks.
func unknownIn(v any, t reflect.Type, at, service, file string, errs *Errors) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		list, _ := v.([]any)
		for i, e := range list {
			unknownIn(e, t.Elem(), at+"/"+strconv.Itoa(i), service, file, errs)
		}
	case reflect.Map:
		m, _ := v.(map[string]any)
		for _, k := range sortedKeys(m) {
			unknownIn(m[k], t.Elem(), at+"/"+pointerEscape(k), service, file, errs)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if t == serviceType {
			if name, ok := m["name"].(string); ok {
				service = name
			}
		}
		fields := jsonFields(t)
		names := make([]string, 0, len(fields))
		for n := range fields {
			names = append(names, n)
		}
		for _, k := range sortedKeys(m) {
			ft, known := fields[k]
			if !known {
				problem := fmt.Sprintf("unknown field %q", k)
				if at != "" {
					problem += " at " + at
				}
				if s := Suggest(k, names); len(s) > 0 {
					problem += fmt.Sprintf(" (did you mean %q?)", s[0])
				}
				*errs = append(*errs, &Error{File: file, Service: service, Problem: problem})
				continue
			}
			unknownIn(m[k], ft, at+"/"+pointerEscape(k), service, file, errs)
		}
	}
}

// jsonFields maps each JSON name of struct type t to its field's type.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
