// Package rulestest compiles rules for tests, failing the test on any error: one place for what
// every package's tests need, rather than a copy in each. Test code only.
package rulestest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// Header opens a rules document; Services' argument is what follows it.
const Header = "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n"

// Document parses and compiles a whole YAML rules document with the default options.
func Document(t testing.TB, yaml string) *rules.Compiled {
	t.Helper()
	return parse(t, yaml, rules.DefaultOptions())
}

// Services compiles Header followed by services (YAML list items) with opts.
func Services(t testing.TB, services string, opts rules.Options) *rules.Compiled {
	t.Helper()
	return parse(t, Header+services, opts)
}

// File loads a rules file or rule tree and compiles it with the default options.
func File(t testing.TB, path string) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return Compile(t, doc, rules.DefaultOptions())
}

// Compile compiles doc with opts.
func Compile(t testing.TB, doc *rules.Document, opts rules.Options) *rules.Compiled {
	t.Helper()
	c, err := rules.Compile(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func parse(t testing.TB, yaml string, opts rules.Options) *rules.Compiled {
	t.Helper()
	doc, err := rules.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return Compile(t, doc, opts)
}

// PublicKey is a new ECDSA P-256 public key in PEM, as a builder's publicKey holds one (its private
// key is dropped).
func PublicKey(t testing.TB) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}
