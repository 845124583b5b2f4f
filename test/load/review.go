package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/mutate"
)

// uidTemplate is the request UID in the review template: every request overwrites it in place with
// a UID of the same length (newUID), and the response must echo it.
const uidTemplate = "00000000-0000-4000-8000-000000000000"

// identityLabel is the label that names a pod's service (--service-label).
const identityLabel = "app.kubernetes.io/name"

// reviewTemplate is a CREATE AdmissionReview of pod in namespace, with uidTemplate as its UID, and
// where that UID starts in it.
func reviewTemplate(pod []byte, namespace string) (body []byte, uidAt int, err error) {
	review := admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{
			UID:       uidTemplate,
			Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
			Operation: admissionv1.Create,
			Namespace: namespace,
			// The ReplicaSet controller creates a Deployment's pods.
			UserInfo: authenticationv1.UserInfo{Username: "system:serviceaccount:kube-system:replicaset-controller",
				UID: "2b0b5e4c-8d4f-4f57-9d2a-8f0c1d6e7a31", Groups: []string{"system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"}},
		},
	}
	review.Request.Object.Raw = pod
	body, err = json.Marshal(review)
	if err != nil {
		return nil, 0, err
	}
	uidAt = bytes.Index(body, []byte(`"uid":"`+uidTemplate+`"`))
	if uidAt < 0 || bytes.Count(body, []byte(uidTemplate)) != 1 {
		return nil, 0, errors.New("the review template does not hold its UID exactly once")
	}
	return body, uidAt + len(`"uid":"`), nil
}

// newUID writes request n's UID (UUID-shaped, as long as uidTemplate) into dst.
func newUID(dst []byte, n uint64) {
	const hex = "0123456789abcdef"
	copy(dst, uidTemplate)
	for i := len(uidTemplate) - 1; i >= len(uidTemplate)-12; i-- {
		dst[i] = hex[n&0xf]
		n >>= 4
	}
}

// expectation is what a correct answer to the review looks like.
type expectation struct {
	// patched: the answer must carry exactly labels, and a rules-hash annotation from hashes.
	// Without it (the minimal endpoint), any allowed answer with the right UID will do.
	patched bool
	labels  map[string]string
	hashes  map[string]bool
}

// reviewResponse is the part of an AdmissionReview answer that is checked.
type reviewResponse struct {
	Response *struct {
		UID       string  `json:"uid"`
		Allowed   bool    `json:"allowed"`
		Patch     []byte  `json:"patch"`
		PatchType *string `json:"patchType"`
		Status    *struct {
			Code    int32  `json:"code"`
			Message string `json:"message"`
		} `json:"status"`
	} `json:"response"`
}

// Kinds of failure, as counted.
const (
	errTransport = "transport"   // no HTTP answer: connection refused or reset, TLS, timeout
	errStatus    = "http status" // an HTTP status other than 200
	errDecode    = "undecodable" // not an AdmissionReview answer
	errUID       = "wrong uid"
	errDenied    = "not allowed"
	errPatch     = "wrong patch" // labels or rules-hash annotation not as the rules grant
	errBehind    = "not sent"    // fixed rate: the server fell so far behind that its turn came too late
)

// checker verifies answers. It remembers the last patch it verified, so that the identical patches
// of a steady load cost a comparison, not a decode: the load generator shares the CPUs it measures.
type checker struct {
	exp      expectation
	lastOK   []byte
	lastHash string
}

// check returns the rules hash the answer carries ("" without a patch), or the kind of failure.
func (c *checker) check(body []byte, uid string) (hash, kind string, err error) {
	var r reviewResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return "", errDecode, err
	}
	resp := r.Response
	switch {
	case resp == nil:
		return "", errDecode, errors.New("no response in the AdmissionReview")
	case resp.UID != uid:
		return "", errUID, fmt.Errorf("uid %q, want %q", resp.UID, uid)
	case !resp.Allowed:
		msg := ""
		if resp.Status != nil {
			msg = fmt.Sprintf(": %d %s", resp.Status.Code, resp.Status.Message)
		}
		return "", errDenied, errors.New("not allowed" + msg)
	case !c.exp.patched:
		return "", "", nil
	case resp.PatchType == nil || *resp.PatchType != string(admissionv1.PatchTypeJSONPatch):
		return "", errPatch, errors.New("no JSONPatch")
	}
	if c.lastOK != nil && bytes.Equal(resp.Patch, c.lastOK) {
		return c.lastHash, "", nil
	}
	hash, err = verifyPatch(resp.Patch, c.exp)
	if err != nil {
		return "", errPatch, err
	}
	c.lastOK, c.lastHash = resp.Patch, hash
	return hash, "", nil
}

// verifyPatch checks a patch for the review's pod (which has labels, none managed, and annotations
// without the rules hash): it must add exactly the expected labels and the rules-hash annotation,
// with a hash from exp.hashes, and do nothing else. It returns that hash.
func verifyPatch(patch []byte, exp expectation) (string, error) {
	var ops []struct {
		Op    string          `json:"op"`
		Path  string          `json:"path"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(patch, &ops); err != nil {
		return "", fmt.Errorf("decoding the patch: %w", err)
	}
	annotation := "/metadata/annotations/" + escapePointer(mutate.AnnotationRulesHash)
	hash := ""
	got := map[string]string{}
	for _, op := range ops {
		var value string
		if err := json.Unmarshal(op.Value, &value); err != nil || op.Op != "add" {
			return "", fmt.Errorf("unexpected operation %s %s %s", op.Op, op.Path, op.Value)
		}
		switch key, isLabel := strings.CutPrefix(op.Path, "/metadata/labels/"); {
		case isLabel:
			got[unescapePointer(key)] = value
		case op.Path == annotation && hash == "":
			hash = value
		default:
			return "", fmt.Errorf("unexpected operation %s %s %s", op.Op, op.Path, op.Value)
		}
	}
	if !mapsEqual(got, exp.labels) {
		return "", fmt.Errorf("labels %v, want %v", sortedKeys(got), sortedKeys(exp.labels))
	}
	if !exp.hashes[hash] {
		return "", fmt.Errorf("rules hash %q, want one of %v", hash, sortedKeys(exp.hashes))
	}
	return hash, nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
