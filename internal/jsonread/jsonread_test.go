package jsonread

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{`"plain"`: "plain", `"a\u0062c\n"`: "abc\n", `""`: ""} {
		got, err := Unquote(jsontext.Value(in))
		if err != nil || string(got) != want {
			t.Errorf("Unquote(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestMembers(t *testing.T) {
	read := func(doc string) (names []string, err error) {
		dec := jsontext.NewDecoder(strings.NewReader(doc))
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		err = Members(dec, func(name []byte) error {
			names = append(names, string(name))
			return dec.SkipValue()
		})
		return names, err
	}
	names, err := read(`{"b":1,"\u0061":{"x":[1]},"c":null}`)
	if err != nil || strings.Join(names, ",") != "b,a,c" {
		t.Errorf("got %v, %v; want b,a,c", names, err)
	}
	if _, err := read(`{"a":1,"a":2}`); err == nil {
		t.Error("a repeated name was accepted")
	}
	if _, err := read(`{"a":1`); err == nil {
		t.Error("an unterminated object was accepted")
	}
}

func TestKindName(t *testing.T) {
	if KindName('{') != "an object" || KindName('t') != "a boolean" || KindName(0) != "nothing" {
		t.Error("wrong names")
	}
}

// FuzzAppendString: AppendString writes what encoding/json writes, for any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "egress.netiso.dev/cart", "a\"b\\c", "<&>", "\x00\x1f\x7f", "é\u2028", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("AppendString(%q) = %s, encoding/json %s", s, got, want)
		}
	})
}
