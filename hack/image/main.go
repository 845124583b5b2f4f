// Command image builds netiso's container image without a Docker daemon: the static binaries of
// cmd/ (built by the Makefile, as the Dockerfile builds them) in one layer on an empty base, user
// 65532, /webhook as the entrypoint, written as an image tarball (`docker save` layout, OCI media
// types) that crane, skopeo, containerd (`ctr image import`) and `docker load` all read.
//
//	go run . -bin ../../bin/image -ref ghcr.io/netiso/netiso:dev -o ../../bin/netiso-image.tar
//
// The image is reproducible: files in name order, owned by root, mode 0755, and every time (file
// times and the image's creation) SOURCE_DATE_EPOCH (the last commit's time, from the Makefile),
// so the same binaries give the same digest. It differs from the Dockerfile's in its base:
// distroless/static adds CA certificates, tzdata and /etc/passwd, none of which the webhook reads
// (it trusts the API server's CA from its ServiceAccount mount, and runs as a numeric user).
package main

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

func main() {
	bin := flag.String("bin", "", "directory of the static binaries to put at /")
	ref := flag.String("ref", "ghcr.io/netiso/netiso:dev", "the image's name and tag, recorded in the tarball")
	out := flag.String("o", "netiso-image.tar", "the tarball to write")
	arch := flag.String("arch", "amd64", "the binaries' GOARCH")
	flag.Parse()
	epoch := time.Unix(0, 0).UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fail(fmt.Errorf("SOURCE_DATE_EPOCH=%q: %w", s, err))
		}
		epoch = time.Unix(n, 0).UTC()
	}
	img, err := build(*bin, *arch, epoch)
	if err != nil {
		fail(err)
	}
	tag, err := name.NewTag(*ref)
	if err != nil {
		fail(fmt.Errorf("-ref %q: %w", *ref, err))
	}
	if err := tarball.WriteToFile(*out, tag, img); err != nil {
		fail(err)
	}
	digest, err := img.Digest()
	if err != nil {
		fail(err)
	}
	fmt.Printf("%s: %s %s\n", *out, tag, digest)
}

// build makes the image from the files in dir.
func build(dir, arch string, epoch time.Time) (v1.Image, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	if !slices.Contains(names, "webhook") {
		return nil, fmt.Errorf("%s: no webhook binary (the entrypoint)", dir)
	}
	layerTar, err := layerOf(dir, names, epoch)
	if err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar)), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, err
	}
	base := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	img, err := mutate.Append(base, mutate.Addendum{Layer: layer, History: v1.History{
		Created: v1.Time{Time: epoch}, CreatedBy: "netiso hack/image: " + fmt.Sprint(names),
	}})
	if err != nil {
		return nil, err
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture = "linux", arch
	cfg.Created = v1.Time{Time: epoch}
	cfg.Config = v1.Config{
		Entrypoint:   []string{"/webhook"},
		User:         "65532:65532", // the chart's securityContext asks for the same
		ExposedPorts: map[string]struct{}{"9443/tcp": {}, "8443/tcp": {}, "8081/tcp": {}},
		Labels: map[string]string{
			"org.opencontainers.image.title":       "netiso",
			"org.opencontainers.image.description": "Zero-trust pod networking: a mutating admission webhook for egress labels",
			"org.opencontainers.image.source":      "https://github.com/netiso/netiso",
		},
	}
	return mutate.ConfigFile(img, cfg)
}

// layerOf is a tar of the named files of dir at /, deterministic.
func layerOf(dir string, names []string, epoch time.Time) ([]byte, error) {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		hdr := &tar.Header{Name: n, Mode: 0o755, Size: int64(len(data)), ModTime: epoch, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "image:", err)
	os.Exit(1)
}
