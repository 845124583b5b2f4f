package imagesig

import (
	"bytes"
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/payload"
)

// The layout `cosign sign --key` writes (cosign v2, without --new-bundle-format): in the image's
// repository, an image manifest tagged SignatureTag(digest), one layer per signature, each layer
// a simple-signing payload naming the digest, its signature in an annotation (base64).
const (
	SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"
	SignatureAnnotation    = "dev.cosignproject.cosign/signature"
)

const (
	// maxBody bounds every response read from a registry. A signature manifest with maxSignatures
	// layers is a few kilobytes (tens with certificates and bundles), a payload a few hundred bytes.
	maxBody = 1 << 20
	// maxPayload bounds one signed payload.
	maxPayload = 64 << 10
	// maxSignatures bounds the signatures (layers) read from one manifest: each costs a request.
	maxSignatures = 32
)

// defaultHash is the hash cosign signs and verifies with for a --key of every type.
const defaultHash = crypto.SHA256

var (
	errNoSignature = errors.New("no signature")
	errTooLarge    = fmt.Errorf("the registry sent more than %d bytes", maxBody)
)

// badSignatureError is a registry's answer that is no cosign signature manifest.
type badSignatureError struct{ msg string }

func (e *badSignatureError) Error() string { return e.msg }

// SignatureTag returns the tag under which cosign stores the signatures of d: sha256-<hex>.sig,
// in d's repository.
func SignatureTag(d name.Digest) name.Tag {
	// d's digest is valid ("algorithm:hex"), and so is the tag made of it.
	return d.Repository.Tag(strings.Replace(d.DigestStr(), ":", "-", 1) + ".sig")
}

// sig is one signature read from a signature manifest: its payload and raw signature, or why it
// could not be read.
type sig struct {
	payload, signature []byte
	err                error
}

// fetchSignatures reads the signatures stored for d: errNoSignature when there are none, a
// *badSignatureError when what is stored is no signature manifest, the registry's error else.
// A signature that cannot be read (a layer missing, too large, its annotation not base64) is
// returned with its error, so that the others are still verified.
func fetchSignatures(ctx context.Context, d name.Digest, kc authn.Keychain, tr http.RoundTripper) ([]sig, error) {
	tag := SignatureTag(d)
	p, err := remote.NewPuller(remote.WithAuthFromKeychain(kc), remote.WithTransport(tr),
		remote.WithUserAgent("netiso"),
		// No retries within a check: a failed check is tried again after RetryAfter.
		remote.WithRetryBackoff(remote.Backoff{Steps: 1}))
	if err != nil {
		return nil, err
	}
	desc, err := p.Get(ctx, tag)
	if err != nil {
		var te *transport.Error
		if errors.As(err, &te) && te.StatusCode == http.StatusNotFound {
			return nil, errNoSignature
		}
		return nil, err
	}
	if desc.MediaType != types.OCIManifestSchema1 && desc.MediaType != types.DockerManifestSchema2 {
		return nil, &badSignatureError{fmt.Sprintf("invalid signature manifest: %s is a %q, not an image manifest", tag.TagStr(), desc.MediaType)}
	}
	m, err := v1.ParseManifest(bytes.NewReader(desc.Manifest))
	if err != nil {
		return nil, &badSignatureError{fmt.Sprintf("invalid signature manifest %s: %v", tag.TagStr(), err)}
	}
	var sigs []sig
	for _, l := range m.Layers {
		if l.MediaType != SimpleSigningMediaType {
			continue // an attachment of another kind
		}
		if len(sigs) == maxSignatures {
			break
		}
		s, err := fetchSignature(ctx, p, tag.Repository, l)
		if err != nil {
			return nil, err
		}
		sigs = append(sigs, s)
	}
	if len(sigs) == 0 {
		return nil, errNoSignature
	}
	return sigs, nil
}

// fetchSignature reads the signature of layer l and its payload. Its error is the registry's
// (unreachable, timed out); what is wrong with the signature itself is in sig.err.
func fetchSignature(ctx context.Context, p *remote.Puller, repo name.Repository, l v1.Descriptor) (sig, error) {
	var s sig
	b64, ok := l.Annotations[SignatureAnnotation]
	if !ok {
		s.err = fmt.Errorf("a signature layer (%s) has no %s annotation", l.Digest, SignatureAnnotation)
		return s, nil
	}
	var err error
	if s.signature, err = base64.StdEncoding.DecodeString(b64); err != nil {
		s.err = fmt.Errorf("a signature layer (%s) has a signature that is not base64: %w", l.Digest, err)
		return s, nil
	}
	if l.Size > maxPayload {
		s.err = fmt.Errorf("a signed payload (%s) of %d bytes (at most %d)", l.Digest, l.Size, maxPayload)
		return s, nil
	}
	layer, err := p.Layer(ctx, repo.Digest(l.Digest.String()))
	if err != nil {
		return s, err
	}
	rc, err := layer.Compressed()
	if err == nil {
		// Read to the end, where the blob's digest is verified (a blob of more than maxPayload
		// bytes fails here, however much the registry sends).
		s.payload, err = io.ReadAll(io.LimitReader(rc, maxPayload+1))
		rc.Close()
		if err == nil && len(s.payload) > maxPayload {
			err = fmt.Errorf("more than %d bytes", maxPayload)
		}
	}
	if err != nil {
		var ne net.Error
		if ctx.Err() != nil || errors.As(err, &ne) {
			return s, err
		}
		s.err = fmt.Errorf("a signed payload (%s) could not be read: %w", l.Digest, err)
	}
	return s, nil
}

// verifySignatures reports whether one of sigs is verifier's over a payload naming d, and if not,
// why: the metric's result, and the problem for people.
func verifySignatures(sigs []sig, d name.Digest, verifier signature.Verifier) (result, problem string) {
	var keyProblem, readProblem string
	wellFormed := false
	for _, s := range sigs {
		if s.err != nil {
			if readProblem == "" {
				readProblem = s.err.Error()
			}
			continue
		}
		wellFormed = true
		if verifier.VerifySignature(bytes.NewReader(s.signature), bytes.NewReader(s.payload)) != nil {
			continue
		}
		// The key signed this payload: only now is it worth reading.
		var p payload.SimpleContainerImage
		switch err := json.Unmarshal(s.payload, &p); {
		case err != nil:
			keyProblem = fmt.Sprintf("signed a payload that is not a cosign image signature: %v", err)
		case p.Critical.Type != payload.CosignSignatureType:
			keyProblem = fmt.Sprintf("signed a payload of type %q, not %q", p.Critical.Type, payload.CosignSignatureType)
		case p.Critical.Image.DockerManifestDigest != d.DigestStr():
			keyProblem = fmt.Sprintf("signed for another image (%q)", p.Critical.Image.DockerManifestDigest)
		default:
			return resultVerified, ""
		}
	}
	switch {
	case keyProblem != "":
		return resultInvalid, keyProblem
	case wellFormed:
		return resultInvalid, "signed by another key"
	default:
		return resultInvalid, readProblem
	}
}

// registryProblem says why a registry could not be read.
func registryProblem(err error) string {
	var te *transport.Error
	if errors.As(err, &te) {
		return fmt.Sprintf("registry error: %v", err)
	}
	return fmt.Sprintf("registry unreachable: %v", err)
}

// limitTransport makes every response body it carries fail past max bytes.
type limitTransport struct {
	inner http.RoundTripper
	max   int64
}

func (t limitTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max {
		resp.Body.Close()
		return nil, errTooLarge
	}
	resp.Body = &limitedBody{ReadCloser: resp.Body, left: t.max}
	return resp, nil
}

type limitedBody struct {
	io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// At the limit: fine if the body ends here.
		var one [1]byte
		if n, err := b.ReadCloser.Read(one[:]); n == 0 {
			return 0, err
		}
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}
