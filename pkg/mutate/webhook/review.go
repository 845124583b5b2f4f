package webhook

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/internal/jsonread"
	"github.com/netiso/netiso/pkg/mutate"
)

// Reading and writing AdmissionReviews by hand is what makes the webhook cheap: the request is
// read in one pass that validates all of it but keeps only the fields below, and skips the pod's
// spec and status, which are nearly all of its bytes. controller-runtime's adapter scanned the
// body three times (type sniffing, decoding, and our own decoding of the pod) and cost more than
// the decision by two orders of magnitude; see docs/performance.md.

// maxRequestSize bounds a review: two objects of at most 3 MB each (etcd's request limit, doubled
// for JSON) and the rest, as controller-runtime bounds it.
const maxRequestSize = 7 << 20

// Review versions netiso answers; the answer carries the request's.
const (
	reviewV1      = "admission.k8s.io/v1"
	reviewV1beta1 = "admission.k8s.io/v1beta1"
)

// review is the part of an AdmissionReview netiso reads.
type review struct {
	APIVersion  string // of the review, echoed in the answer
	UID         string
	Kind        metav1.GroupVersionKind
	SubResource string
	Operation   admissionv1.Operation
	Namespace   string
	Name        string
	Username    string
	Object      *object // nil when absent
	OldObject   *object
}

// object is the part of an admitted object that netiso reads; the rest (spec, status, managed
// fields) is skipped without being decoded.
type object struct {
	Kind     string       `json:"kind"`
	Metadata *mutate.Meta `json:"metadata"` // a pointer, to tell a missing one: the patch needs it
}

// reader reads one review from a buffer: a jsontext.Decoder that validates as it goes (syntax,
// UTF-8, duplicate names, depth) and is reused across requests.
type reader struct{ dec jsontext.Decoder }

func (r *reader) review(body *bytes.Buffer) (review, error) {
	r.dec.Reset(body)
	var rv review
	err := r.object(func(name []byte) error {
		switch string(name) {
		case "apiVersion":
			return r.str(&rv.APIVersion)
		case "kind":
			var kind string
			if err := r.str(&kind); err != nil {
				return err
			}
			if kind != "" && kind != "AdmissionReview" {
				return fmt.Errorf("a %s, not an AdmissionReview", kind)
			}
			return nil
		case "request":
			return r.request(&rv)
		}
		return r.dec.SkipValue()
	})
	if err != nil {
		return rv, err
	}
	if _, err := r.dec.ReadToken(); err != io.EOF {
		return rv, errors.New("data after the AdmissionReview")
	}
	switch rv.APIVersion {
	case "":
		rv.APIVersion = reviewV1
	case reviewV1, reviewV1beta1:
	default:
		return rv, fmt.Errorf("apiVersion %q: want %s or %s", rv.APIVersion, reviewV1, reviewV1beta1)
	}
	return rv, nil
}

func (r *reader) request(rv *review) error {
	return r.nested(func(name []byte) error {
		switch string(name) {
		case "uid":
			return r.str(&rv.UID)
		case "kind":
			return r.nested(func(name []byte) error {
				switch string(name) {
				case "group":
					return r.str(&rv.Kind.Group)
				case "version":
					return r.str(&rv.Kind.Version)
				case "kind":
					return r.str(&rv.Kind.Kind)
				}
				return r.dec.SkipValue()
			})
		case "subResource":
			return r.str(&rv.SubResource)
		case "operation":
			var op string
			err := r.str(&op)
			rv.Operation = admissionv1.Operation(op)
			return err
		case "namespace":
			return r.str(&rv.Namespace)
		case "name":
			return r.str(&rv.Name)
		case "userInfo":
			return r.nested(func(name []byte) error {
				if string(name) == "username" {
					return r.str(&rv.Username)
				}
				return r.dec.SkipValue()
			})
		case "object":
			return r.pod(&rv.Object)
		case "oldObject":
			return r.pod(&rv.OldObject)
		}
		return r.dec.SkipValue()
	})
}

// pod reads an object's kind and metadata; null leaves it absent.
func (r *reader) pod(into **object) error {
	if null, err := r.null(); null || err != nil {
		return err
	}
	o := &object{}
	*into = o
	return r.object(func(name []byte) error {
		switch string(name) {
		case "kind":
			return r.str(&o.Kind)
		case "metadata":
			if null, err := r.null(); null || err != nil {
				return err
			}
			o.Metadata = &mutate.Meta{}
			return r.meta(o.Metadata)
		}
		return r.dec.SkipValue()
	})
}

func (r *reader) meta(m *mutate.Meta) error {
	return r.object(func(name []byte) error {
		switch string(name) {
		case "name":
			return r.str(&m.Name)
		case "generateName":
			return r.str(&m.GenerateName)
		case "namespace":
			return r.str(&m.Namespace)
		case "labels":
			return r.strings(&m.Labels)
		case "annotations":
			return r.strings(&m.Annotations)
		}
		return r.dec.SkipValue()
	})
}

// strings reads an object of strings (labels, annotations); null leaves the map nil.
func (r *reader) strings(into *map[string]string) error {
	if null, err := r.null(); null || err != nil {
		return err
	}
	m := map[string]string{}
	*into = m
	return r.object(func(name []byte) error {
		k := string(name)
		var v string
		if err := r.str(&v); err != nil {
			return err
		}
		m[k] = v
		return nil
	})
}

// null reads a null if one comes next, and says so.
func (r *reader) null() (bool, error) {
	if r.dec.PeekKind() != 'n' {
		return false, nil
	}
	_, err := r.dec.ReadToken()
	return true, err
}

// nested reads an object-valued member; null leaves it absent, as encoding/json has it.
func (r *reader) nested(member func(name []byte) error) error {
	if null, err := r.null(); null || err != nil {
		return err
	}
	return r.object(member)
}

// object reads a JSON object, calling member for each name; member must read the value.
func (r *reader) object(member func(name []byte) error) error {
	tok, err := r.dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != '{' {
		return fmt.Errorf("at %s: want an object, not %s", r.dec.StackPointer(), jsonread.KindName(tok.Kind()))
	}
	return jsonread.Members(&r.dec, member)
}

// str reads a string; null reads as empty, as encoding/json has it.
func (r *reader) str(into *string) error {
	v, err := r.dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case 'n':
		*into = ""
		return nil
	case '"':
		s, err := jsonread.Unquote(v)
		*into = string(s)
		return err
	}
	return fmt.Errorf("at %s: want a string, not %s", r.dec.StackPointer(), jsonread.KindName(v.Kind()))
}

// answer is what netiso says about one admission.
type answer struct {
	Allowed  bool
	Code     int32  // the status code: 200, 400, 403, 503
	Reason   string // metav1.StatusReason, for a denial
	Message  string
	Patch    []byte // a JSON patch
	Warnings []string
}

func allowed(message string) answer { return answer{Allowed: true, Code: 200, Message: message} }

func denied(message string) answer {
	return answer{Code: 403, Reason: string(metav1.StatusReasonForbidden), Message: message}
}

func errored(code int32, err error) answer { return answer{Code: code, Message: err.Error()} }

// appendReview writes the AdmissionReview that answers uid byte for byte as encoding/json writes
// admissionv1.AdmissionReview (controller-runtime's json.Encoder, newline included): members in the
// struct's order, empty ones omitted as its tags say. FuzzAnswerWriter holds it to that.
func appendReview(b []byte, apiVersion, uid string, a answer) []byte {
	b = append(b, `{"kind":"AdmissionReview","apiVersion":`...)
	b = jsonread.AppendString(b, apiVersion)
	b = append(b, `,"response":{"uid":`...)
	b = jsonread.AppendString(b, uid)
	b = append(b, `,"allowed":`...)
	b = strconv.AppendBool(b, a.Allowed)
	b = append(b, `,"status":{"metadata":{}`...)
	if a.Message != "" {
		b = append(b, `,"message":`...)
		b = jsonread.AppendString(b, a.Message)
	}
	if a.Reason != "" {
		b = append(b, `,"reason":`...)
		b = jsonread.AppendString(b, a.Reason)
	}
	if a.Code != 0 {
		b = append(b, `,"code":`...)
		b = strconv.AppendInt(b, int64(a.Code), 10)
	}
	b = append(b, '}')
	if len(a.Patch) > 0 {
		b = append(b, `,"patch":"`...)
		b = base64.StdEncoding.AppendEncode(b, a.Patch)
		b = append(b, `","patchType":"JSONPatch"`...)
	}
	if len(a.Warnings) > 0 {
		b = append(b, `,"warnings":[`...)
		for i, w := range a.Warnings {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonread.AppendString(b, w)
		}
		b = append(b, ']')
	}
	return append(b, "}}\n"...)
}
