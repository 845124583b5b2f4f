// Package jsonread holds what netiso's hand-written JSON codecs share: the one-pass readers (the
// admission review's and the rules document's, on jsontext) and the writers' string quoting (the
// answer, the patch, the compiled rules' canonical form).
package jsonread

import (
	"bytes"
	"encoding/json"

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

// AppendString appends s as a JSON string, byte for byte as encoding/json writes it (HTML
// characters escaped, invalid UTF-8 as U+FFFD). Label keys and values, names and hashes are plain
// ASCII and copied as they are; anything else goes through encoding/json.
func AppendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !Plain(s[i]) {
			quoted, _ := json.Marshal(s) // a string always marshals
			return append(b, quoted...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Plain reports whether encoding/json copies byte c of a string unchanged: printable ASCII other
// than the quote, the backslash and the HTML characters it escapes.
func Plain(c byte) bool {
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}
