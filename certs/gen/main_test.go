package main

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/certs"
)

// TestRunKeepsOrRegenerates runs the command several times against one
// directory, as repeated `make run`s would.
func TestRunKeepsOrRegenerates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "certs")
	steps := []struct {
		name        string
		args        []string
		wantRewrite bool
		wantOutput  string
	}{
		{name: "first run writes", args: nil, wantRewrite: true, wantOutput: "wrote"},
		{name: "second run keeps", args: nil, wantRewrite: false, wantOutput: "kept"},
		{name: "-force regenerates", args: []string{"-force"}, wantRewrite: true, wantOutput: "wrote"},
		{name: "a new host regenerates", args: []string{"-hosts", "dev.test, 10.1.2.3"}, wantRewrite: true, wantOutput: "does not cover"},
		{name: "same hosts again keep", args: []string{"-hosts", "10.1.2.3,dev.test"}, wantRewrite: false, wantOutput: "kept"},
		{name: "fewer hosts keep", args: nil, wantRewrite: false, wantOutput: "kept"},
		{name: "another service regenerates", args: []string{"-service", "other"}, wantRewrite: true, wantOutput: "does not cover other"},
		{name: "short-lived certificate", args: []string{"-force", "-validity", "1h", "-service", "other"}, wantRewrite: true, wantOutput: "wrote"},
		{name: "short-lived is kept for half its validity", args: []string{"-validity", "1h", "-service", "other"}, wantRewrite: false, wantOutput: "kept"},
		{name: "less than a day left regenerates", args: []string{"-service", "other"}, wantRewrite: true, wantOutput: "expires"},
	}
	var before []byte
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if err := run(append([]string{"-dir", dir}, step.args...), &stderr); err != nil {
				t.Fatalf("run: %v", err)
			}
			if !strings.Contains(stderr.String(), step.wantOutput) {
				t.Errorf("stderr = %q, want it to mention %q", stderr.String(), step.wantOutput)
			}
			after, err := os.ReadFile(filepath.Join(dir, certs.CertFile))
			if err != nil {
				t.Fatal(err)
			}
			if rewritten := !bytes.Equal(before, after); rewritten != step.wantRewrite {
				t.Errorf("tls.crt rewritten = %v, want %v", rewritten, step.wantRewrite)
			}
			before = after
		})
	}

	// After all that, the directory holds the last requested names.
	block, _ := pem.Decode(before)
	if block == nil {
		t.Fatal("tls.crt holds no PEM block")
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"other", "other.netiso-system.svc", "localhost"} {
		if !slices.Contains(leaf.DNSNames, want) {
			t.Errorf("DNSNames = %q, want it to contain %q", leaf.DNSNames, want)
		}
	}
}

func TestRunRejectsBadInvocations(t *testing.T) {
	tests := map[string][]string{
		"no -dir":             {},
		"unknown flag":        {"-dir", "x", "-nope"},
		"positional argument": {"-dir", "x", "extra"},
		"zero validity":       {"-dir", "x", "-validity", "0s"},
		"negative validity":   {"-dir", "x", "-validity", "-1h"},
		"unparsable validity": {"-dir", "x", "-validity", "a year"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			t.Chdir(t.TempDir()) // a relative -dir must not land in the source tree
			var stderr bytes.Buffer
			if err := run(args, &stderr); err == nil {
				t.Errorf("run(%q) succeeded, want an error", args)
			}
			if stderr.Len() != 0 {
				t.Errorf("run printed %q; errors should be printed once, by main", stderr.String())
			}
			if _, err := os.Stat("x"); err == nil {
				t.Error("run created the directory despite the error")
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var stderr bytes.Buffer
	if err := run([]string{"-h"}, &stderr); err != nil {
		t.Fatalf("run(-h): %v", err)
	}
	if !strings.Contains(stderr.String(), "-dir") {
		t.Errorf("usage %q does not describe -dir", stderr.String())
	}
}
