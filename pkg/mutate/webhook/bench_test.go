package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/go-containerregistry/pkg/name"
	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/netiso/netiso/internal/mutatetest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

func benchReview(b *testing.B, service string) []byte {
	b.Helper()
	body, _ := json.Marshal(admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{
			UID: "705ab4f5-6393-11e8-b7cc-42010a800002", Kind: metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Operation: admissionv1.Create,
			Namespace: "bank",
		},
	})
	// Splice the pod in as raw JSON, as the API server sends it.
	pod := synth.Pod(service, "app.kubernetes.io/name", 10<<10) // about 10 KB, as the issue asks
	out := bytes.Replace(body, []byte(`"object":null`), append([]byte(`"object":`), pod...), 1)
	if bytes.Equal(out, body) {
		b.Fatal(`no "object":null in the encoded review to put the pod in`)
	}
	return out
}

// serveBench is one admission over HTTP, in-process: read the AdmissionReview, handle, write the
// answer.
func serveBench(b *testing.B, wh http.Handler, body []byte, want string) {
	req := httptest.NewRequest(http.MethodPost, Path, nil)
	req.Header.Set("Content-Type", "application/json")
	rd := bytes.NewReader(body)
	// Measure the answer that counts: an allowed review, with the patch when the handler decides.
	rec := httptest.NewRecorder()
	req.Body = readCloser{rd}
	wh.ServeHTTP(rec, req)
	if out := rec.Body.String(); !strings.Contains(out, `"allowed":true`) || want != "" && !strings.Contains(out, want) {
		b.Fatalf("unexpected answer: %.400s", out)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rd.Reset(body)
		req.Body = http.NoBody
		req.Body = readCloser{rd}
		rec := httptest.NewRecorder()
		wh.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("HTTP %d", rec.Code)
		}
	}
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

type allowAll struct{}

func (allowAll) Handle(context.Context, admission.Request) admission.Response {
	return admission.Allowed("")
}

// scanFloor is the lowest floor: the review's bytes read once and checked as JSON (what netiso's
// reader cannot do without), nothing kept, and a fixed "allowed" review written.
// Its buffers are reused, as the handler's are.
type scanFloor struct {
	body bytes.Buffer
	dec  jsontext.Decoder
}

func (f *scanFloor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.body.Reset()
	if _, err := f.body.ReadFrom(r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.dec.Reset(&f.body)
	if err := f.dec.SkipValue(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"","allowed":true}}`))
}

// BenchmarkAdmission compares the handler with two floors. floor: the same review decoded and
// answered "allowed" by controller-runtime's adapter (admission.Webhook, which serves the handler
// too) around a handler that does nothing: what the adapter costs before anything is decided. scan:
// the review only read and checked as JSON, which no webhook can go below.
func BenchmarkAdmission(b *testing.B) {
	r, six := mutatetest.BenchRules(b)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: mutate.Config{ServiceLabel: "app.kubernetes.io/name", UnknownService: mutate.UnknownAllow}}
	for _, bc := range []struct{ name, service string }{{"callees=6", six}, {"callees=200", mutatetest.WideCaller}} {
		body := benchReview(b, bc.service)
		b.Run("floor/"+bc.name, func(b *testing.B) { serveBench(b, &admission.Webhook{Handler: allowAll{}}, body, "") })
		b.Run("scan/"+bc.name, func(b *testing.B) { serveBench(b, &scanFloor{}, body, "") })
		b.Run("handler/"+bc.name, func(b *testing.B) { serveBench(b, h.Webhook(), body, `"patchType":"JSONPatch"`) })
	}
	// Identity anchors on every service (ServiceAccount, repository, digests, a builder's
	// signature), the pod's images by digest. Verify answers from memory, as the verifier does for a
	// digest it has checked (pkg/imagesig's BenchmarkLookupWarm: under a microsecond more an image);
	// a cold digest adds the registry's round trips (BenchmarkWaitCold).
	anchored := anchoredBenchRules(b)
	ha := &Handler{Rules: func() *rules.Compiled { return anchored }, Config: h.Config,
		Verify: func(context.Context, name.Digest, []rules.Builder) mutate.Signature {
			return mutate.Signature{Verified: "ci"}
		}}
	body := bytes.ReplaceAll(benchReview(b, six), []byte(":3f9c2a1\""), []byte("@sha256:"+strings.Repeat("ab", 32)+"\""))
	b.Run("anchors/callees=6", func(b *testing.B) { serveBench(b, ha.Webhook(), body, `"patchType":"JSONPatch"`) })
}

// anchoredBenchRules are mutatetest.BenchRules with identity anchors on every service, through a
// default for all namespaces.
func anchoredBenchRules(b *testing.B) *rules.Compiled {
	r, _ := mutatetest.BenchRules(b)
	doc := r.Document()
	doc.Builders = []rules.Builder{{Name: "ci", PublicKey: benchKey}}
	doc.IdentityDefaults = []rules.IdentityDefault{{Identity: rules.Identity{
		Repositories: []string{"registry.example.com/bank/*"}, RequireDigests: true, SignedBy: []string{"ci"}}}}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	return c
}

const benchKey = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42
OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==
-----END PUBLIC KEY-----`
