package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/netiso/netiso/internal/jsonread"
)

// The webhook parses the whole rules document on every change, while it admits pods: at 15,000
// services and 100,000 links that is 4.5 MB of JSON. Through encoding/json (sigs.k8s.io/json's
// strict mode) parsing and compiling it took 125 ms and allocated 28 MB; with this reader, one pass
// on jsontext (the mirror of Go's encoding/json/v2) that keeps one copy of each distinct string (a
// callee is named by thousands of callers) and carves the lists from shared blocks, 70 ms and
// 15.5 MB (BenchmarkParseCompile). It is as strict as Parse promises: names are case-sensitive, an
// unknown or repeated name is an error, and so is anything after the document.

// errTrailing is data after the rules document.
var errTrailing = errors.New("trailing data after the rules document")

// decodeDocument reads a rules document from JSON.
func decodeDocument(js []byte) (*Document, error) {
	// Each service has one "name": a count of them sizes the list and the strings once, instead of
	// growing them (by a quarter at a time, for large slices: most of the garbage). Only a hint.
	services := bytes.Count(js, []byte(`"name"`))
	d := docReader{dec: jsontext.NewDecoder(bytes.NewReader(js)), seen: make(map[string]string, services)}
	doc := Document{Services: make([]Service, 0, services)}
	err := d.object(func(name []byte) error {
		switch string(name) {
		case "apiVersion":
			return d.str(&doc.APIVersion)
		case "kind":
			return d.str(&doc.Kind)
		case "zones":
			return d.array(func() error {
				doc.Zones = append(doc.Zones, Zone{})
				return d.zone(&doc.Zones[len(doc.Zones)-1])
			})
		case "services":
			return d.array(func() error {
				doc.Services = append(doc.Services, Service{})
				return d.service(&doc.Services[len(doc.Services)-1])
			})
		}
		return d.unknown(name)
	})
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		return nil, errTrailing
	}
	return &doc, nil
}

type docReader struct {
	dec     *jsontext.Decoder
	seen    map[string]string // each distinct string read, kept once
	scratch []string          // the list being read
	block   []string          // where lists are kept: one allocation for many
}

func (d *docReader) service(s *Service) error {
	return d.object(func(name []byte) error {
		switch string(name) {
		case "name":
			return d.str(&s.Name)
		case "namespaces":
			return d.strs(&s.Namespaces)
		case "zone":
			return d.str(&s.Zone)
		case "type":
			return d.str(&s.Type)
		case "calls":
			return d.strs(&s.Calls)
		case "callsTypes":
			return d.strs(&s.CallsTypes)
		case "ports":
			return d.array(func() error {
				s.Ports = append(s.Ports, Port{})
				return d.port(&s.Ports[len(s.Ports)-1])
			})
		case "external":
			return d.array(func() error {
				s.External = append(s.External, External{})
				return d.external(&s.External[len(s.External)-1])
			})
		case "public":
			return d.bool(&s.Public)
		}
		return d.unknown(name)
	})
}

func (d *docReader) external(x *External) error {
	return d.object(func(name []byte) error {
		switch string(name) {
		case "cidr":
			return d.str(&x.CIDR)
		case "except":
			return d.strs(&x.Except)
		case "ports":
			return d.array(func() error {
				x.Ports = append(x.Ports, Port{})
				return d.port(&x.Ports[len(x.Ports)-1])
			})
		}
		return d.unknown(name)
	})
}

func (d *docReader) zone(z *Zone) error {
	return d.object(func(name []byte) error {
		switch string(name) {
		case "name":
			return d.str(&z.Name)
		case "namespaces":
			return d.strs(&z.Namespaces)
		}
		return d.unknown(name)
	})
}

func (d *docReader) port(p *Port) error {
	return d.object(func(name []byte) error {
		switch string(name) {
		case "port":
			return d.int32(&p.Port)
		case "protocol":
			return d.str(&p.Protocol)
		}
		return d.unknown(name)
	})
}

// object reads an object, calling member for each name with the decoder before its value; null is
// an empty object, as encoding/json has it.
func (d *docReader) object(member func(name []byte) error) error {
	if ok, err := d.open('{'); !ok || err != nil {
		return err
	}
	return jsonread.Members(d.dec, member)
}

// array reads an array, calling elem for each element; null is an empty array.
func (d *docReader) array(elem func() error) error {
	if ok, err := d.open('['); !ok || err != nil {
		return err
	}
	for d.dec.PeekKind() != ']' {
		if err := elem(); err != nil {
			return err
		}
	}
	_, err := d.dec.ReadToken()
	return err
}

// open reads the start of an object or array (kind '{' or '['): ok is false for null.
func (d *docReader) open(kind jsontext.Kind) (ok bool, err error) {
	switch k := d.dec.PeekKind(); k {
	case kind:
		_, err := d.dec.ReadToken()
		return err == nil, err
	case 'n':
		_, err := d.dec.ReadToken()
		return false, err
	case 0:
		_, err := d.dec.ReadToken() // the decoder's own error
		return false, err
	default:
		return false, d.wrong(k, jsontext.Kind(kind))
	}
}

// scalar reads a value of kind want ('t' for a boolean, either one); ok is false for null, which
// leaves the field as it is, as encoding/json has it.
func (d *docReader) scalar(want jsontext.Kind) (v jsontext.Value, ok bool, err error) {
	if v, err = d.dec.ReadValue(); err != nil {
		return nil, false, err
	}
	switch k := v.Kind(); {
	case k == 'n':
		return nil, false, nil
	case k == want, want == 't' && k == 'f':
		return v, true, nil
	default:
		return nil, false, d.wrongRead(k, want)
	}
}

func (d *docReader) str(into *string) error {
	v, ok, err := d.scalar('"')
	if !ok {
		return err
	}
	b, err := jsonread.Unquote(v)
	if err != nil {
		return err
	}
	s, ok := d.seen[string(b)]
	if !ok {
		s = string(b)
		d.seen[s] = s
	}
	*into = s
	return nil
}

func (d *docReader) strs(into *[]string) error {
	d.scratch = d.scratch[:0]
	err := d.array(func() error {
		var s string
		if err := d.str(&s); err != nil {
			return err
		}
		d.scratch = append(d.scratch, s)
		return nil
	})
	if err != nil || len(d.scratch) == 0 {
		return err
	}
	if cap(d.block)-len(d.block) < len(d.scratch) {
		d.block = make([]string, 0, max(4096, len(d.scratch)))
	}
	n := len(d.block)
	d.block = append(d.block, d.scratch...)
	*into = d.block[n:len(d.block):len(d.block)] // capped: appending to one list never reaches the next
	return nil
}

func (d *docReader) bool(into *bool) error {
	v, ok, err := d.scalar('t')
	if ok {
		*into = v.Kind() == 't'
	}
	return err
}

func (d *docReader) int32(into *int32) error {
	v, ok, err := d.scalar('0')
	if !ok {
		return err
	}
	n, err := strconv.ParseInt(string(v), 10, 32)
	if err != nil {
		return fmt.Errorf("%s: want a whole number that fits in 32 bits, got %s", d.where(), v)
	}
	*into = int32(n)
	return nil
}

// unknown is the error for an unknown name, just read.
func (d *docReader) unknown(name []byte) error {
	if at := d.dec.StackPointer().Parent(); at != "" {
		return fmt.Errorf("unknown field %q at %s", name, at)
	}
	return fmt.Errorf("unknown field %q", name)
}

// wrong is the error for a value of kind got, not yet read, where one of kind want belongs.
func (d *docReader) wrong(got, want jsontext.Kind) error {
	if err := d.dec.SkipValue(); err != nil {
		return err
	}
	return d.wrongRead(got, want)
}

// wrongRead is wrong for a value already read.
func (d *docReader) wrongRead(got, want jsontext.Kind) error {
	return fmt.Errorf("%s: want %s, got %s", d.where(), jsonread.KindName(want), jsonread.KindName(got))
}

// where names the value just read, by its JSON Pointer.
func (d *docReader) where() string {
	if at := d.dec.StackPointer(); at != "" {
		return "at " + string(at)
	}
	return "the document"
}
