package webhook

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-containerregistry/pkg/name"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/rules"
)

const anchoredRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
  - name: ci
    publicKey: |
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42
      OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==
      -----END PUBLIC KEY-----
services:
  - name: vault
    calls: [ledger]
    identity: {serviceAccounts: [vault], repositories: [registry.example.com/vault], signedBy: [ci]}
  - name: ledger
`

const vaultDigest = "registry.example.com/vault@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

// The handler reads what a pod runs from the request (its spec, case-sensitively, every kind of
// container) and asks Verify for each signature; what it answers, and the warning, follow.
func TestHandlerIdentity(t *testing.T) {
	r := rulestest.Document(t, anchoredRules)
	var asked []string
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: testConfig,
		Verify: func(_ context.Context, d name.Digest, builders []rules.Builder) mutate.Signature {
			asked = append(asked, d.DigestStr())
			if d.String() == vaultDigest && len(builders) == 1 && builders[0].Name == "ci" {
				return mutate.Signature{Verified: "ci"}
			}
			// A registry's error, as go-containerregistry joins them: on several lines.
			return mutate.Signature{Pending: true, Problem: "registry unreachable: Get \"https://x/v2/\": EOF\nGet \"http://x/v2/\": EOF"}
		}}
	pod := func(spec string) []byte {
		return []byte(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"v","namespace":"bank","labels":{"app":"vault"}},"spec":` + spec + `}`)
	}
	for _, tc := range []struct {
		name, spec, warning string
		labelled            bool
	}{
		{"meets every anchor", `{"serviceAccountName":"vault","containers":[{"name":"a","image":"` + vaultDigest + `"}]}`, "", true},
		{"another account", `{"serviceAccountName":"intruder","containers":[{"name":"a","image":"` + vaultDigest + `"}]}`, "serviceAccount anchor", false},
		{"the deprecated serviceAccount field", `{"serviceAccount":"vault","containers":[{"name":"a","image":"` + vaultDigest + `"}]}`, "", true},
		{"a differently cased field is no field", `{"ServiceAccountName":"vault","containers":[{"name":"a","image":"` + vaultDigest + `"}]}`, `ServiceAccount "default"`, false},
		{"an init container from elsewhere", `{"serviceAccountName":"vault","initContainers":[{"name":"i","image":"busybox"}],"containers":[{"name":"a","image":"` + vaultDigest + `"}]}`, "repository anchor", false},
		{"an ephemeral container from elsewhere", `{"serviceAccountName":"vault","containers":[{"name":"a","image":"` + vaultDigest + `"}],"ephemeralContainers":[{"name":"e","image":"busybox"}]}`, "repository anchor", false},
		{"a signature the registry cannot give", `{"serviceAccountName":"vault","containers":[{"name":"a","image":"registry.example.com/vault@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}]}`, "registry unreachable", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := serve(t, h, reviewJSON(t, request{Operation: admissionv1.Create, Namespace: "bank", Object: pod(tc.spec)}))
			if code != 200 || !out.Response.Allowed {
				t.Fatalf("answer %d %+v", code, out.Response)
			}
			labelled := strings.Contains(string(out.Response.Patch), "egress.netiso.dev~1ledger")
			if labelled != tc.labelled {
				t.Errorf("labelled %v, want %v (patch %s, warnings %q)", labelled, tc.labelled, out.Response.Patch, out.Response.Warnings)
			}
			all := strings.Join(out.Response.Warnings, "\n")
			if !strings.Contains(all, tc.warning) || (tc.warning == "") != (len(out.Response.Warnings) == 0) {
				t.Errorf("warnings %q, want one with %q", out.Response.Warnings, tc.warning)
			}
			for _, w := range out.Response.Warnings {
				if strings.IndexFunc(w, unicode.IsControl) >= 0 {
					t.Errorf("warning %q has a control character: the API server would drop it", w)
				}
			}
		})
	}
	if len(asked) == 0 {
		t.Error("Verify was never asked")
	}
}
