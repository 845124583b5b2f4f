// Package hack holds the repository's scripts; this test checks hack/lint-tree.sh against fixture
// repositories, so that `make lint` is known to refuse a committed binary.
package hack

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not on PATH")
	}
	script, err := filepath.Abs("lint-tree.sh")
	if err != nil {
		t.Fatal(err)
	}
	type file struct {
		data []byte
		mode os.FileMode
	}
	big := bytes.Repeat([]byte("a\n"), 600*1024) // 1.2 MB of text
	elf := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...)
	cases := map[string]struct {
		files map[string]file
		want  string // "" when the tree is clean, else a part of the complaint
	}{
		"clean": {files: map[string]file{
			"main.go":                {[]byte("package main\n"), 0o644},
			"hack/run.sh":            {[]byte("#!/bin/sh\necho hi\n"), 0o755},
			"pkg/x/testdata/big.txt": {big, 0o644},
		}},
		"ELF at the root": {
			files: map[string]file{"netiso": {elf, 0o644}},
			want:  "netiso: a compiled executable",
		},
		"Mach-O": {
			files: map[string]file{"bin/webhook": {append([]byte{0xcf, 0xfa, 0xed, 0xfe}, make([]byte, 32)...), 0o755}},
			want:  "bin/webhook: a compiled executable",
		},
		"PE": {
			files: map[string]file{"netiso.exe": {append([]byte("MZ\x90\x00"), make([]byte, 32)...), 0o644}},
			want:  "netiso.exe: a compiled executable",
		},
		"executable without #!": {
			files: map[string]file{"tool": {[]byte("echo hi\n"), 0o755}},
			want:  "tool: executable but not a script",
		},
		"large file outside testdata": {
			files: map[string]file{"docs/dump.txt": {big, 0o644}},
			want:  "docs/dump.txt: 1228800 bytes, over 1 MiB",
		},
		"large file in a directory merely named like testdata": {
			files: map[string]file{"mytestdata/dump.txt": {big, 0o644}},
			want:  "mytestdata/dump.txt",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			git := func(args ...string) {
				t.Helper()
				cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("git %v: %v\n%s", args, err, out)
				}
			}
			git("init", "-q")
			for p, f := range tc.files {
				full := filepath.Join(dir, p)
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, f.data, f.mode); err != nil {
					t.Fatal(err)
				}
			}
			git("add", ".")
			// The index is what counts: delete the work tree copies, the script must still see them.
			for p := range tc.files {
				if err := os.Remove(filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			var stderr bytes.Buffer
			cmd := exec.Command(script, dir)
			cmd.Stderr = &stderr
			err := cmd.Run()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("clean tree refused: %v\n%s", err, stderr.String())
			case tc.want != "" && err == nil:
				t.Fatalf("tree with a build output accepted; want a complaint with %q", tc.want)
			case tc.want != "" && !strings.Contains(stderr.String(), tc.want):
				t.Fatalf("complaint %q does not name %q", stderr.String(), tc.want)
			}
		})
	}
}
