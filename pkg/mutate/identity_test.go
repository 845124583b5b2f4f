package mutate

import (
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

const digestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
const digestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

// A key the rules may name; verification itself is pkg/imagesig's, faked here by digest.
const builderKey = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYpN9d4P/mr5HF50p9AV35cTCfq42
OiAsjJQyno0UPquzUQJMEs9Di2FKfEUwhS34VJY/qKruPHUrz48M+phdTg==
-----END PUBLIC KEY-----`

func anchoredRules(t *testing.T) *rules.Compiled {
	t.Helper()
	return rulestest.Document(t, `
apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
- name: ci
  publicKey: |
`+indent(builderKey, "    ")+`
identityDefaults:
- namespaces: [shop]
  identity:
    repositories: [registry.example.com/shop/*]
services:
- name: checkout
  namespaces: [shop]
  calls: [payment]
  identity:
    serviceAccounts: [checkout]
    repositories: [registry.example.com/shop/checkout]
    signedBy: [ci]
- name: cart
  calls: [payment]
- name: legacy
  calls: [payment]
  identity: {}
- name: payment
`)
}

func indent(s, by string) string { return by + strings.ReplaceAll(s, "\n", "\n"+by) }

// signedBy fakes the registry: the digests each builder signed, and those still being checked.
func signedBy(signed map[string]string, pending ...string) Signatures {
	return func(d name.Digest, builders []rules.Builder) Signature {
		for _, p := range pending {
			if d.DigestStr() == p {
				return Signature{Pending: true, Problem: "registry slow"}
			}
		}
		for _, b := range builders {
			if signed[d.DigestStr()] == b.Name {
				return Signature{Verified: b.Name}
			}
		}
		return Signature{Problem: "no signature by these keys"}
	}
}

func TestIdentityAnchors(t *testing.T) {
	r := anchoredRules(t)
	checkout := "registry.example.com/shop/checkout@" + digestA
	sigs := signedBy(map[string]string{digestA: "ci"})
	ok := &Workload{ServiceAccount: "checkout", Images: []Image{{Container: "app", Kind: "container", Ref: checkout}}}
	with := func(f func(w *Workload)) *Workload {
		w := &Workload{ServiceAccount: ok.ServiceAccount, Images: append([]Image(nil), ok.Images...)}
		f(w)
		return w
	}
	cases := []struct {
		name     string
		service  string
		ns       string
		w        *Workload
		sigs     Signatures
		reason   Reason
		anchor   Anchor
		message  string
		labelled bool
	}{
		{"meets every anchor", "checkout", "shop", ok, sigs, ReasonGranted, "", "", true},
		{"another ServiceAccount", "checkout", "shop", with(func(w *Workload) { w.ServiceAccount = "frontend" }), sigs,
			ReasonIdentityNotProven, AnchorServiceAccount, `runs as ServiceAccount "frontend", not "checkout"`, false},
		{"no ServiceAccount is default", "checkout", "shop", with(func(w *Workload) { w.ServiceAccount = "" }), sigs,
			ReasonIdentityNotProven, AnchorServiceAccount, `ServiceAccount "default"`, false},
		{"an image from another repository", "checkout", "shop", with(func(w *Workload) {
			w.Images[0].Ref = "registry.example.com/shop/cart@" + digestA
		}), sigs, ReasonIdentityNotProven, AnchorRepository, "from repository registry.example.com/shop/cart", false},
		{"a tag where signatures need digests", "checkout", "shop", with(func(w *Workload) {
			w.Images[0].Ref = "registry.example.com/shop/checkout:v1"
		}), sigs, ReasonIdentityNotProven, AnchorDigest, "by tag", false},
		{"unsigned", "checkout", "shop", with(func(w *Workload) {
			w.Images[0].Ref = "registry.example.com/shop/checkout@" + digestB
		}), sigs, ReasonIdentityNotProven, AnchorSignature, "no valid signature", false},
		{"signature being checked", "checkout", "shop", ok, signedBy(nil, digestA), ReasonSignaturePending, AnchorSignature, "being checked", false},
		{"no signature lookup at all", "checkout", "shop", ok, nil, ReasonSignaturePending, AnchorSignature, "being checked", false},
		{"an init container from elsewhere", "checkout", "shop", with(func(w *Workload) {
			w.Images = append(w.Images, Image{Container: "setup", Kind: "initContainer", Ref: "busybox@" + digestA})
		}), sigs, ReasonIdentityNotProven, AnchorRepository, `initContainer "setup"`, false},
		{"an ephemeral container from elsewhere", "checkout", "shop", with(func(w *Workload) {
			w.Images = append(w.Images, Image{Container: "debugger", Kind: "ephemeralContainer", Ref: "busybox"})
		}), sigs, ReasonIdentityNotProven, AnchorRepository, "index.docker.io/library/busybox", false},
		{"what runs unknown", "checkout", "shop", nil, sigs, ReasonIdentityNotProven, AnchorServiceAccount, "could not read", false},
		{"the namespace default: an image under the path", "cart", "shop", &Workload{Images: []Image{{Kind: "container", Ref: "registry.example.com/shop/cart:v2"}}},
			nil, ReasonGranted, "", "", true},
		{"the namespace default: an image from Docker Hub", "cart", "shop", &Workload{Images: []Image{{Kind: "container", Container: "c", Ref: "nginx"}}},
			nil, ReasonIdentityNotProven, AnchorRepository, "index.docker.io/library/nginx", false},
		{"no default in another namespace", "cart", "other", &Workload{Images: []Image{{Kind: "container", Ref: "nginx"}}}, nil, ReasonGranted, "", "", true},
		{"an empty identity overrides the default", "legacy", "shop", &Workload{Images: []Image{{Kind: "container", Ref: "nginx"}}}, nil, ReasonGranted, "", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Operation: admissionv1.Create, Namespace: tc.ns, Pod: Meta{Labels: map[string]string{"app": tc.service}}, Workload: tc.w, Signatures: tc.sigs}
			d := Decide(in, r, testConfig)
			if !d.Allowed || d.Reason != tc.reason || (len(d.Labels.Keys) > 0) != tc.labelled {
				t.Fatalf("Decide = allowed %v, reason %s, labels %v; want reason %s, labelled %v (%s)", d.Allowed, d.Reason, d.Labels.Keys, tc.reason, tc.labelled, d.Message)
			}
			if tc.anchor != "" && (d.Identity == nil || d.Identity.Anchor != tc.anchor || !strings.Contains(d.Message, tc.message)) {
				t.Errorf("failure %+v, message %q: want anchor %s and a message with %q", d.Identity, d.Message, tc.anchor, tc.message)
			}
			labels := d.Labels.Labels()
			labels["app"] = tc.service
			if got := UpToDate(labels, tc.ns, tc.w, r, testConfig, tc.sigs); !got {
				t.Errorf("UpToDate disagrees with Decide on the labels it set")
			}
		})
	}
}

func TestIdentityFailureDeny(t *testing.T) {
	r := anchoredRules(t)
	cfg := testConfig
	cfg.IdentityFailure = UnknownDeny
	pod := Meta{Labels: map[string]string{"app": "checkout"}}
	wrong := &Workload{ServiceAccount: "frontend", Images: []Image{{Kind: "container", Ref: "registry.example.com/shop/checkout@" + digestA}}}
	if d := Decide(Input{Operation: admissionv1.Create, Namespace: "shop", Pod: pod, Workload: wrong}, r, cfg); d.Allowed {
		t.Errorf("identity-failure deny: a pod with the wrong ServiceAccount was allowed (%s)", d.Reason)
	}
	// A signature not yet checked never blocks creation: the registry being down must not stop pods.
	right := &Workload{ServiceAccount: "checkout", Images: wrong.Images}
	d := Decide(Input{Operation: admissionv1.Create, Namespace: "shop", Pod: pod, Workload: right, Signatures: signedBy(nil, digestA)}, r, cfg)
	if !d.Allowed || len(d.Labels.Keys) != 0 || d.Reason != ReasonSignaturePending {
		t.Errorf("pending signature under deny: allowed %v, labels %v, reason %s; want allowed with no label", d.Allowed, d.Labels.Keys, d.Reason)
	}
	// A user's UPDATE is never refused for anchors: it can only lose labels.
	if d := Decide(Input{Operation: admissionv1.Update, Namespace: "shop", Pod: pod, OldPod: &pod, Workload: wrong, OldWorkload: wrong}, r, cfg); !d.Allowed {
		t.Errorf("an UPDATE was refused for anchors")
	}
}

// What runs changing on a user's UPDATE takes the labels away; netiso's own UPDATE gives back
// exactly what the new images earn.
func TestImagesChangedOnUpdate(t *testing.T) {
	r := anchoredRules(t)
	sigs := signedBy(map[string]string{digestA: "ci", digestB: "ci"})
	grant, _ := r.Lookup("cart", "shop")
	labels := grant.Labels()
	labels["app"] = "cart"
	pod := Meta{Labels: labels}
	before := &Workload{Images: []Image{{Container: "app", Kind: "container", Ref: "registry.example.com/shop/cart@" + digestA}}}
	after := &Workload{Images: []Image{{Container: "app", Kind: "container", Ref: "registry.example.com/shop/cart@" + digestB}}}

	d := Decide(Input{Operation: admissionv1.Update, Namespace: "shop", Pod: pod, OldPod: &pod, Workload: after, OldWorkload: before, Signatures: sigs}, r, testConfig)
	if len(d.Labels.Keys) != 0 || d.Reason != ReasonImagesChanged || len(d.Removed) != len(grant.Keys) {
		t.Fatalf("user's image change: labels %v, reason %s, removed %v; want none kept, %s", d.Labels.Keys, d.Reason, d.Removed, ReasonImagesChanged)
	}
	same := Decide(Input{Operation: admissionv1.Update, Namespace: "shop", Pod: pod, OldPod: &pod, Workload: before, OldWorkload: before, Signatures: sigs}, r, testConfig)
	if len(same.Labels.Keys) != len(grant.Keys) {
		t.Errorf("an update that leaves the images: labels %v, want the grant kept", same.Labels.Keys)
	}
	bare := Meta{Labels: map[string]string{"app": "cart"}}
	byNetiso := Decide(Input{Operation: admissionv1.Update, Namespace: "shop", Pod: bare, OldPod: &bare, Workload: after, OldWorkload: after, ByReconciler: true, Signatures: sigs}, r, testConfig)
	if len(byNetiso.Labels.Keys) != len(grant.Keys) {
		t.Errorf("netiso's update after the change: labels %v, want the grant %v", byNetiso.Labels.Keys, grant.Keys)
	}
	foreign := &Workload{Images: []Image{{Container: "app", Kind: "container", Ref: "nginx"}}}
	if d := Decide(Input{Operation: admissionv1.Update, Namespace: "shop", Pod: bare, OldPod: &bare, Workload: foreign, OldWorkload: foreign, ByReconciler: true}, r, testConfig); len(d.Labels.Keys) != 0 {
		t.Errorf("netiso's update of a pod that now runs a foreign image granted %v", d.Labels.Keys)
	}
}
