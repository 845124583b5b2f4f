package main

import (
	"archive/tar"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// TestImage: the tarball reads back as an image with the binaries at /, executable, owned by root,
// the entrypoint and user of the Dockerfile, and the same digest from the same binaries.
func TestImage(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"webhook": "webhook binary", "netiso": "cli binary"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	epoch := time.Unix(1_700_000_000, 0).UTC()
	img, err := build(dir, "arm64", epoch)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "image.tar")
	if err := tarball.WriteToFile(out, name.MustParseReference("example.com/netiso:t").(name.Tag), img); err != nil {
		t.Fatal(err)
	}
	back, err := tarball.ImageFromPath(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := back.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Config.Entrypoint, []string{"/webhook"}) || cfg.Config.User != "65532:65532" || cfg.OS != "linux" || cfg.Architecture != "arm64" || !cfg.Created.Time.Equal(epoch) {
		t.Errorf("config %+v, os %s/%s, created %v", cfg.Config, cfg.OS, cfg.Architecture, cfg.Created)
	}
	layers, err := back.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("%d layers, %v", len(layers), err)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got := map[string]string{}
	tr := tar.NewReader(rc)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		if hdr.Mode != 0o755 || hdr.Uid != 0 || hdr.Gid != 0 || !hdr.ModTime.Equal(epoch) {
			t.Errorf("%s: mode %o, owner %d:%d, time %v", hdr.Name, hdr.Mode, hdr.Uid, hdr.Gid, hdr.ModTime)
		}
		got[hdr.Name] = string(data)
	}
	if want := map[string]string{"webhook": "webhook binary", "netiso": "cli binary"}; !reflect.DeepEqual(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	again, err := build(dir, "arm64", epoch)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := img.Digest()
	d2, _ := again.Digest()
	if d1 != d2 {
		t.Errorf("two builds: %s and %s", d1, d2)
	}
	if err := os.Remove(filepath.Join(dir, "webhook")); err != nil {
		t.Fatal(err)
	}
	if _, err := build(dir, "arm64", epoch); err == nil {
		t.Error("built an image without its entrypoint")
	}
}
