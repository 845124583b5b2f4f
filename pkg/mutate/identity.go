package mutate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/rules"
)

// Workload is what runs in a pod, as identity anchors read it: the ServiceAccount and the image of
// every container (init, regular and ephemeral).
type Workload struct {
	ServiceAccount string
	Images         []Image
}

// Image is one container's image.
type Image struct {
	Container string
	// Kind is "initContainer", "container" or "ephemeralContainer".
	Kind string
	Ref  string
}

// SameImages reports whether a and b run the same images in the same containers.
func SameImages(a, b *Workload) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Images, b.Images)
}

// Signature is what is known of an image's signature by a set of builders.
type Signature struct {
	// Verified names a builder whose signature over the digest verified; empty when none did.
	Verified string
	// Pending is true while the signature is being checked (the registry not yet answered, or
	// not reachable): the pod gets no rights until it is.
	Pending bool
	// Problem says why it is not verified, when it is not.
	Problem string
}

// Signatures looks up the signature of an image digest ("repo@sha256:…") by any of builders. It
// never waits for the registry: what it does not know yet is Pending.
type Signatures func(digest name.Digest, builders []rules.Builder) Signature

// Anchor names the anchor a pod failed, in reasons and metrics.
type Anchor string

const (
	AnchorServiceAccount Anchor = "serviceAccount"
	AnchorRepository     Anchor = "repository"
	AnchorDigest         Anchor = "digest"
	AnchorSignature      Anchor = "signature"
)

// IdentityFailure is why a pod does not meet its service's anchors.
type IdentityFailure struct {
	Anchor Anchor
	// Pending is true when only a signature not yet checked stands in the way: the reconciler grants
	// the pod its rights once it verifies.
	Pending bool
	Message string
}

// CheckIdentity judges w against id: nil when w meets every anchor id sets. Every image is checked
// (the first failure is reported); signatures last, and only of images that meet the other anchors.
func CheckIdentity(id rules.Identity, w *Workload, r *rules.Compiled, sigs Signatures) *IdentityFailure {
	if w == nil {
		return &IdentityFailure{Anchor: AnchorServiceAccount, Message: "netiso could not read what the pod runs"}
	}
	if len(id.ServiceAccounts) > 0 {
		sa := w.ServiceAccount
		if sa == "" {
			sa = "default" // what the API server fills in
		}
		if !slices.Contains(id.ServiceAccounts, sa) {
			return &IdentityFailure{Anchor: AnchorServiceAccount, Message: fmt.Sprintf("runs as ServiceAccount %q, not %s",
				sa, quoteList(id.ServiceAccounts))}
		}
	}
	var signed []name.Digest
	for _, img := range w.Images {
		ref, err := name.ParseReference(img.Ref)
		if err != nil {
			return &IdentityFailure{Anchor: AnchorRepository, Message: fmt.Sprintf("%s %q: image %q: %v", img.Kind, img.Container, img.Ref, err)}
		}
		if repo := ref.Context().Name(); !id.MatchRepository(repo) {
			return &IdentityFailure{Anchor: AnchorRepository, Message: fmt.Sprintf("%s %q runs image %q, from repository %s, not %s",
				img.Kind, img.Container, img.Ref, repo, quoteList(id.Repositories))}
		}
		d, byDigest := ref.(name.Digest)
		if id.Digests() && !byDigest {
			return &IdentityFailure{Anchor: AnchorDigest, Message: fmt.Sprintf("%s %q names image %q by tag: its service requires digests (repo@sha256:…)",
				img.Kind, img.Container, img.Ref)}
		}
		if len(id.SignedBy) > 0 {
			signed = append(signed, d)
		}
	}
	if len(signed) == 0 {
		return nil
	}
	builders := make([]rules.Builder, 0, len(id.SignedBy))
	for _, b := range id.SignedBy {
		if k, ok := r.Builder(b); ok {
			builders = append(builders, k)
		}
	}
	var pending *IdentityFailure
	for _, d := range signed {
		s := Signature{Pending: true, Problem: "no signature lookup"}
		if sigs != nil {
			s = sigs(d, builders)
		}
		switch {
		case s.Verified != "":
			continue
		case s.Pending:
			if pending == nil {
				pending = &IdentityFailure{Anchor: AnchorSignature, Pending: true, Message: fmt.Sprintf(
					"the signature of image %s by %s is being checked (%s): the pod gets its rights once it verifies", d.String(), quoteList(id.SignedBy), s.Problem)}
			}
		default:
			return &IdentityFailure{Anchor: AnchorSignature, Message: fmt.Sprintf("image %s carries no valid signature by %s: %s",
				d.String(), quoteList(id.SignedBy), s.Problem)}
		}
	}
	if pending != nil {
		return pending
	}
	return nil
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "any of " + strings.Join(q, ", ")
}

// WorkloadOf reads what pod runs: its ServiceAccount (the deprecated serviceAccount field when
// serviceAccountName is empty, as the API server reads it) and every container's image.
func WorkloadOf(spec *corev1.PodSpec) *Workload {
	w := &Workload{ServiceAccount: spec.ServiceAccountName}
	if w.ServiceAccount == "" {
		w.ServiceAccount = spec.DeprecatedServiceAccount
	}
	for _, c := range spec.InitContainers {
		w.Images = append(w.Images, Image{Container: c.Name, Kind: "initContainer", Ref: c.Image})
	}
	for _, c := range spec.Containers {
		w.Images = append(w.Images, Image{Container: c.Name, Kind: "container", Ref: c.Image})
	}
	for _, c := range spec.EphemeralContainers {
		w.Images = append(w.Images, Image{Container: c.Name, Kind: "ephemeralContainer", Ref: c.Image})
	}
	return w
}

// Digests lists the digests ("sha256:…") of the images of w named by digest, each once.
func (w *Workload) Digests() []string {
	var out []string
	for _, img := range w.Images {
		if d, err := name.NewDigest(img.Ref); err == nil && !slices.Contains(out, d.DigestStr()) {
			out = append(out, d.DigestStr())
		}
	}
	return out
}
