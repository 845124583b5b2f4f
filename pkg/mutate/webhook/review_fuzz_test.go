package webhook

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/go-logr/logr"
	"github.com/netiso/netiso/pkg/mutate"
	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
	kjson "sigs.k8s.io/json"
)

// The review reader (review.go) keeps the AdmissionReview wire contract by hand. FuzzReviewReader
// holds it to the library: controller-runtime's admission.Webhook, which decodes the body with the
// universal deserializer of a scheme holding admission.k8s.io/v1 and v1beta1 (sigs.k8s.io/json,
// case-sensitive), and sigs.k8s.io/json for the admitted objects' kind and metadata (what
// controller-runtime's admission.Decoder would decode them with). On every input both accept or both
// refuse, and where both accept every field netiso reads is the same.
//
// The differences are intentional, each checked to be the one at hand:
//   - netiso refuses duplicate member names and invalid UTF-8 (jsontext's defaults), which
//     encoding/json lets through (the last duplicate wins; bad bytes become U+FFFD): two readers of
//     one review must not see different pods. The API server sends neither.
//   - netiso refuses a review whose apiVersion is neither admission.k8s.io/v1 nor v1beta1, or whose
//     kind is not AdmissionReview (either may be absent): it answers in the request's version.
//     controller-runtime decodes into an unregistered type and checks neither.
//   - netiso skips the fields it does not read without decoding them (resource, dryRun, options,
//     userInfo's groups and extra, the objects' spec and status): a wrongly typed one there is
//     refused by the library, not by netiso. Checked by decoding the same body with the library into
//     only the fields netiso reads, which must then accept. controller-runtime's type sniffing also
//     folds the case of "apiVersion" and "kind" (encoding/json), which netiso, reading exact names
//     as the decoding proper does, does not: the same check covers it.
//   - netiso reads only JSON; the universal deserializer also takes YAML and protobuf. Only a JSON
//     object is compared.
//
// go test ./pkg/mutate -run '^$' -fuzz FuzzReviewReader -fuzztime 10m
func FuzzReviewReader(f *testing.F) {
	addReviewSeeds(f)
	for _, s := range []string{
		`{}`, `{"request":null}`, `{"request":{"kind":null,"userInfo":null,"object":null}}`,
		`{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u","operation":"UPDATE","subResource":"status","name":"p","namespace":"n","userInfo":{"username":"x","groups":["g"]},"object":{"kind":"Pod","metadata":{"name":"p","labels":{"a":"b"},"annotations":null}},"oldObject":{"metadata":{"generateName":"p-","namespace":"n"}}}}`,
		`{"request":{"uid":"a","uid":"b"}}`, `{"request":{"resource":5}}`, `{"apiVersion":"v1","kind":"Pod"}`,
		`{"request":{"object":{"metadata":{"labels":{"a":1}}}}}`, `{"request":{"uid":"\ud800"}}`, `{"Kind":1}`,
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, body []byte) {
		var rd reader
		got, netErr := rd.review(bytes.NewBuffer(bytes.Clone(body)))
		lib, libErr := libraryReview(body)
		proj, projErr := projectedReview(body)

		if netErr != nil {
			switch {
			case libErr != nil:
				// Both refuse.
			case !jsontext.Value(body).IsValid() && jsontext.Value(body).IsValid(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)):
				// Duplicate names or invalid UTF-8: netiso is stricter, on purpose.
			case projErr == nil && !knownReview(proj.APIVersion, proj.Kind):
				// Not an admission.k8s.io/v1 or v1beta1 AdmissionReview.
			default:
				t.Fatalf("netiso refuses what the library accepts: %v\n%s", netErr, body)
			}
			return
		}
		if projErr != nil {
			t.Fatalf("netiso accepts what the library refuses even in the fields netiso reads: %v\n%s", projErr, body)
		}
		want := proj.review()
		if libErr == nil && !reflect.DeepEqual(lib.review(), want) {
			t.Fatalf("controller-runtime and the library's decoding of netiso's fields disagree (a bug in this test):\n%+v\n%+v", lib.review(), want)
		}
		got.APIVersion = "" // checked above: one of the two
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("netiso reads\n%+v\nthe library\n%+v\nfrom %s", got, want, body)
		}
	})
}

func knownReview(apiVersion, kind string) bool {
	return (apiVersion == "" || apiVersion == reviewV1 || apiVersion == reviewV1beta1) && (kind == "" || kind == "AdmissionReview")
}

// libraryReview decodes body as controller-runtime's webhook does, then the objects' kind and
// metadata with sigs.k8s.io/json, and returns the fields netiso reads.
func libraryReview(body []byte) (projection, error) {
	var req *admission.Request
	wh := &admission.Webhook{
		Handler: admission.HandlerFunc(func(_ context.Context, r admission.Request) admission.Response {
			req = &r
			return admission.Allowed("")
		}),
		LogConstructor: func(logr.Logger, *admission.Request) logr.Logger { return logr.Discard() },
	}
	if b := bytes.TrimLeft(body, " \t\r\n"); len(b) == 0 || b[0] != '{' {
		return projection{}, errNotJSONObject // YAML or protobuf to the universal deserializer
	}
	rec := httptest.NewRecorder()
	hr := httptest.NewRequest(http.MethodPost, Path, bytes.NewReader(body))
	hr.Header.Set("Content-Type", "application/json")
	wh.ServeHTTP(rec, hr)
	if req == nil {
		return projection{}, errRefused
	}
	p := projection{Request: &projectedRequest{
		UID: string(req.UID), Kind: req.Kind, SubResource: req.SubResource, Operation: string(req.Operation),
		Namespace: req.Namespace, Name: req.Name,
	}}
	p.Request.UserInfo.Username = req.UserInfo.Username
	for _, o := range []struct {
		raw  []byte
		into **projectedObject
	}{{req.Object.Raw, &p.Request.Object}, {req.OldObject.Raw, &p.Request.OldObject}} {
		if len(o.raw) == 0 {
			continue
		}
		if err := kjson.UnmarshalCaseSensitivePreserveInts(o.raw, o.into); err != nil {
			return projection{}, err
		}
	}
	return p, nil
}

// projectedReview decodes with the library only the fields netiso reads.
func projectedReview(body []byte) (projection, error) {
	var p projection
	err := kjson.UnmarshalCaseSensitivePreserveInts(body, &p)
	return p, err
}

type errString string

func (e errString) Error() string { return string(e) }

const (
	errNotJSONObject = errString("not a JSON object")
	errRefused       = errString("controller-runtime refused the review")
)

// projection is the part of an AdmissionReview netiso reads, as the library decodes it.
type projection struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Request    *projectedRequest `json:"request"`
}

type projectedRequest struct {
	UID         string                  `json:"uid"`
	Kind        metav1.GroupVersionKind `json:"kind"`
	SubResource string                  `json:"subResource"`
	Operation   string                  `json:"operation"`
	Namespace   string                  `json:"namespace"`
	Name        string                  `json:"name"`
	UserInfo    struct {
		Username string `json:"username"`
	} `json:"userInfo"`
	Object    *projectedObject `json:"object"`
	OldObject *projectedObject `json:"oldObject"`
}

type projectedObject struct {
	Kind     string       `json:"kind"`
	Metadata *mutate.Meta `json:"metadata"`
}

// review is what netiso's reader should have read; APIVersion is left out (it is defaulted).
func (p projection) review() review {
	var rv review
	r := p.Request
	if r == nil {
		return rv
	}
	rv = review{UID: r.UID, Kind: r.Kind, SubResource: r.SubResource, Operation: admissionv1.Operation(r.Operation),
		Namespace: r.Namespace, Name: r.Name, Username: r.UserInfo.Username}
	if r.Object != nil {
		rv.Object = &object{Kind: r.Object.Kind, Metadata: r.Object.Metadata}
	}
	if r.OldObject != nil {
		rv.OldObject = &object{Kind: r.OldObject.Kind, Metadata: r.OldObject.Metadata}
	}
	return rv
}
