// Package jsonread holds what netiso's one-pass JSON readers (the admission review's and the rules
// document's, on jsontext) share.
package jsonread

import (
	"bytes"

	"github.com/go-json-experiment/json/jsontext"
)

// KindName names a JSON kind for an error message: "a string", "an object".
func KindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "nothing"
}

// Unquote returns a JSON string's content; only one with escapes costs a copy. The result may
// alias v, which the decoder reuses: copy it before the next read.
func Unquote(v jsontext.Value) ([]byte, error) {
	if bytes.IndexByte(v, '\\') < 0 {
		return v[1 : len(v)-1], nil
	}
	return jsontext.AppendUnquote(nil, v)
}

// Members reads the members of an object whose '{' has been read, and its '}': member is called
// with each name, and must read the value.
func Members(dec *jsontext.Decoder, member func(name []byte) error) error {
	for dec.PeekKind() != '}' {
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		name, err := Unquote(v)
		if err != nil {
			return err
		}
		if err := member(name); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}
