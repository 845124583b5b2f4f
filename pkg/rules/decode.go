package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
	kjson "sigs.k8s.io/json"
)

// The rules' types (Document, Zone, Service, Port, External) are their only schema: documents, rule
// trees, the version (Compiled.Hash) and the CLI's output are all read and written through them. A
// field is one edit there, plus its validation.
//
// They are decoded by sigs.k8s.io/json, as the API server decodes objects: names are
// case-sensitive, and every unknown or repeated name is reported, all of them in one pass.

// unmarshal decodes the JSON js into v, a pointer to one of the rules' types. Unknown and repeated
// fields are returned in strict, each with its path ("services[3].cals"); they do not stop the
// decoding. Anything else wrong is err: a *SyntaxError-like error as the library returns it, or a
// wrong type as "at /services/0/name: want a string, got a number". Invalid UTF-8, which the
// library would read as U+FFFD, is an error: a rule naming a service must not be read as naming
// another.
func unmarshal(js []byte, v any) (strict []error, err error) {
	strict, err = kjson.UnmarshalStrict(js, v)
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		return nil, typeError(js, typ)
	case err != nil:
		return nil, err
	case !utf8.Valid(js) || bytes.Contains(js, []byte(`\u`)) && !jsontext.Value(js).IsValid(jsontext.AllowDuplicateNames(true)):
		// jsontext refuses an escaped lone surrogate ("\ud800") as it refuses invalid UTF-8.
		return nil, errors.New("invalid UTF-8 in a string")
	}
	return strict, nil
}

// isSyntaxError reports whether err (from unmarshal) says the data is not JSON at all.
func isSyntaxError(err error) bool {
	syntax, _ := kjson.SyntaxErrorOffset(err)
	return syntax
}

// typeError says where a value of the wrong type is, by its JSON Pointer (the library names the
// fields without the positions in lists), and what was expected, in the words of the format.
func typeError(js []byte, e *json.UnmarshalTypeError) error {
	where := "the document"
	if at := pointerAt(js, e.Offset); at != "" {
		where = "at " + at
	} else if e.Field != "" {
		where = "at " + e.Field
	}
	got := e.Value
	switch kind, literal, _ := strings.Cut(e.Value, " "); kind {
	case "number":
		got = "a number"
		if literal != "" {
			got = literal
		}
	case "string":
		got = "a string"
	case "bool":
		got = "a boolean"
	case "array":
		got = "an array"
	case "object":
		got = "an object"
	}
	return fmt.Errorf("%s: want %s, got %s", where, kindName(e.Type), got)
}

// kindName names what a value of Go type t is written as.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("a whole number that fits in %d bits", t.Bits())
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// pointerAt is the JSON Pointer of the value that ends at offset in js (where the library reports
// a value of the wrong type), or of the object or array that begins just before it; "" for none.
func pointerAt(js []byte, offset int64) string {
	dec := jsontext.NewDecoder(bytes.NewReader(js), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	for {
		tok, err := dec.ReadToken()
		if err != nil { // io.EOF included
			return ""
		}
		if dec.InputOffset() < offset {
			continue
		}
		at := dec.StackPointer()
		if k := tok.Kind(); k == '{' || k == '[' {
			// The library stops after the opening brace of an object or array it cannot read; the
			// decoder then points into it, at its first member or element.
			at = at.Parent()
		}
		return string(at)
	}
}

// fieldErrors turns unmarshal's strict errors about v (what it decoded into) into Errors, each
// naming the field by its JSON Pointer, the service it is in and, when one is close, the field
// meant: `service "a": unknown field "cals" at /services/3 (did you mean "calls"?)`. service, when
// set, is the service the whole of v belongs to (a rule tree's service.yaml).
func fieldErrors(file, service string, v any, strict []error) Errors {
	var errs Errors
	for _, err := range strict {
		var fe kjson.FieldError
		if !errors.As(err, &fe) {
			errs = append(errs, &Error{File: file, Service: service, Problem: err.Error()})
			continue
		}
		kind := strings.TrimSuffix(err.Error(), " "+strconv.Quote(fe.FieldPath())) // "unknown field"
		at, field, in, known := walkPath(reflect.ValueOf(v), fe.FieldPath())
		if in != "" {
			service = in
		}
		problem := fmt.Sprintf("%s %q", kind, field)
		if at != "" {
			problem += " at " + at
		}
		if s := Suggest(field, known); len(s) > 0 && strings.HasPrefix(kind, "unknown") {
			problem += fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		errs = append(errs, &Error{File: file, Service: service, Problem: problem})
	}
	return errs
}

var serviceType = reflect.TypeFor[Service]()

// walkPath follows a strict error's path ("services[3].ports[0].proto") through v, the value
// decoded: at is the JSON Pointer of the object that holds the field ("/services/3/ports/0"), field
// the field's name ("proto"), service the name of the service it is in, and known the fields that
// object's type has.
func walkPath(v reflect.Value, path string) (at, field, service string, known []string) {
	for {
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return at, path, service, nil
		}
		if v.Type() == serviceType {
			service = v.FieldByName("Name").String()
		}
		fields := jsonFields(v.Type())
		known = known[:0]
		next := reflect.Value{}
		for name, i := range fields {
			known = append(known, name)
			rest, ok := strings.CutPrefix(path, name)
			if !ok || next.IsValid() {
				continue
			}
			f, pointer := v.Field(i), at+"/"+name
			for f.Kind() == reflect.Slice && strings.HasPrefix(rest, "[") {
				end := strings.IndexByte(rest, ']')
				n, err := strconv.Atoi(rest[1:max(end, 1)])
				if end < 0 || err != nil || n < 0 || n >= f.Len() {
					break
				}
				f, pointer, rest = f.Index(n), pointer+"/"+strconv.Itoa(n), rest[end+1:]
			}
			if f.Kind() == reflect.Pointer && !f.IsNil() {
				f = f.Elem()
			}
			if rest, ok = strings.CutPrefix(rest, "."); ok && f.Kind() == reflect.Struct {
				next, at, path = f, pointer, rest
			}
		}
		if !next.IsValid() {
			slices.Sort(known)
			return at, path, service, known
		}
		v = next
	}
}

// jsonFields maps each JSON name of struct type t to its field's index.
func jsonFields(t reflect.Type) map[string]int {
	out := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = i
	}
	return out
}
