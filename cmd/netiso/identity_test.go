package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/explain"
	"github.com/netiso/netiso/pkg/rules"
)

const zonedIdentity = "../../examples/pci/anchors.yaml"

// TestIdentityExample: the bank's anchors validate with its rules, and their ConfigMap carries the
// builders and the identity defaults: read back as the webhook reads it, the same rules, the same
// version, and each compile writes the same bytes.
func TestIdentityExample(t *testing.T) {
	stdout, stderr, code := netiso(t, "", "validate", zonedExample, zonedIdentity)
	if code != 0 || !strings.HasPrefix(stdout, "ok: 8 services, 4 links") {
		t.Fatalf("validate: exit %d\n%s%s", code, stdout, stderr)
	}
	want, err := loadRules(streams{rules: &inputs{}}, []string{zonedExample, zonedIdentity}, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	alone, err := loadRules(streams{rules: &inputs{}}, []string{zonedExample}, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if want.Hash() == alone.Hash() {
		t.Error("the anchors do not count in the rules version")
	}
	for _, member := range []string{"card.api", "card.vault", "card.tokeniser", "card.audit"} {
		id, ok := want.Identity(member, "pci")
		if !ok || len(id.ServiceAccounts) != 4 || !reflect.DeepEqual(id.Repositories, []string{"registry.bank.example/card/*"}) ||
			!id.RequireDigests || !reflect.DeepEqual(id.SignedBy, []string{"ci"}) {
			t.Errorf("%s in pci: anchors %+v (%v), want the zone's default", member, id, ok)
		}
	}
	if _, ok := want.Identity("service.ledger", "bank"); ok {
		t.Error("service.ledger, outside the zone, has anchors")
	}

	cm := compileJSON(t, zonedExample, zonedIdentity)
	if again := compileJSON(t, zonedExample, zonedIdentity); !reflect.DeepEqual(again, cm) {
		t.Error("two compiles of the same rules differ")
	}
	if got := roundTrip(t, cm, rules.DefaultOptions()); got != want.Hash() || cm.Annotations["netiso.dev/rules-hash"] != want.Hash() {
		t.Errorf("round trip: version %s, annotation %s, want %s", got, cm.Annotations["netiso.dev/rules-hash"], want.Hash())
	}
	data := cm.Data[rules.ConfigMapKey]
	for _, w := range []string{`"builders":[{"name":"ci","publicKey":"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6xS9`,
		`"identityDefaults":[{"namespaces":["pci","pci-dr"],"identity":{"serviceAccounts":["card-api","card-audit","card-tokeniser","card-vault"],"repositories":["registry.bank.example/card/*"],"requireDigests":true,"signedBy":["ci"]}}]`} {
		if !strings.Contains(data, w) {
			t.Errorf("the ConfigMap lacks %s:\n%.600s", w, data)
		}
	}
	doc, err := rules.Parse("configmap", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	back := rulestest.Compile(t, doc, rules.DefaultOptions())
	if !reflect.DeepEqual(stripSources(back.Builders()), stripSources(want.Builders())) || !reflect.DeepEqual(back.IdentityDefaults(), want.IdentityDefaults()) {
		t.Errorf("read back: builders %+v, defaults %+v", back.Builders(), back.IdentityDefaults())
	}
}

// TestCompileServiceIdentity: a service's own identity reaches the ConfigMap, normalized (Docker
// Hub's short names in full, lists sorted), and reads back to the same anchors and version.
func TestCompileServiceIdentity(t *testing.T) {
	file := writeFile(t, "rules.yaml", fmt.Sprintf(`apiVersion: netiso.dev/v1alpha1
kind: Rules
builders: [{name: ci, publicKey: "%s"}]
services:
  - name: web
    identity: {serviceAccounts: [web, web-canary], repositories: [nginx, ghcr.io/shop/*], signedBy: [ci]}
`, strings.ReplaceAll(rulestest.PublicKey(t), "\n", `\n`)))
	cm := compileJSON(t, file)
	if w := `"identity":{"serviceAccounts":["web","web-canary"],"repositories":["ghcr.io/shop/*","index.docker.io/library/nginx"],"signedBy":["ci"]}`; !strings.Contains(cm.Data[rules.ConfigMapKey], w) {
		t.Errorf("the ConfigMap lacks %s:\n%s", w, cm.Data[rules.ConfigMapKey])
	}
	want := rulestest.File(t, file)
	if got := roundTrip(t, cm, rules.DefaultOptions()); got != want.Hash() {
		t.Errorf("round trip: version %s, want %s", got, want.Hash())
	}
}

func compileJSON(t *testing.T, paths ...string) *corev1.ConfigMap {
	t.Helper()
	stdout, stderr, code := netiso(t, "", append([]string{"compile", "--format", "json"}, paths...)...)
	var cm corev1.ConfigMap
	if err := json.Unmarshal([]byte(stdout), &cm); err != nil || code != 0 {
		t.Fatalf("compile: exit %d, %v\n%s", code, err, stderr)
	}
	return &cm
}

// stripSources drops where each builder was read from.
func stripSources(bs []rules.Builder) []rules.Builder {
	out := make([]rules.Builder, len(bs))
	for i, b := range bs {
		out[i] = rules.Builder{Name: b.Name, PublicKey: b.PublicKey}
	}
	return out
}

// TestValidateIdentityErrors: a bad anchor is refused naming the file and the service, in text and
// in JSON.
func TestValidateIdentityErrors(t *testing.T) {
	bad := writeFile(t, "bad.yaml", `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: card
    identity: {repositories: ["registry.example.com/card/api:v1"], signedBy: [release]}
`)
	_, stderr, code := netiso(t, "", "validate", bad)
	for _, w := range []string{
		bad + `: service "card": identity: repository "registry.example.com/card/api:v1"`,
		bad + `: service "card": identity: signedBy names builder "release", which the rules do not define (builders:)`,
		"netiso: 2 problems in the rules",
	} {
		if code != 1 || !strings.Contains(stderr, w) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, w, stderr)
		}
	}
	stdout, _, code := netiso(t, "", "validate", bad, "-o", "json")
	var report validateReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil || code != 1 || report.Valid || len(report.Problems) != 2 {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	for _, p := range report.Problems {
		if p.File != bad || p.Service != "card" || !strings.HasPrefix(p.Problem, "identity: ") {
			t.Errorf("problem %+v, want it in %s, service card", p, bad)
		}
	}
	if _, stderr, code := netiso(t, "", "compile", bad); code != 1 || !strings.Contains(stderr, `service "card": identity: signedBy names builder "release"`) {
		t.Errorf("compile: exit %d\n%s", code, stderr)
	}
}

// TestExplainPodIdentityCLI: explain --pod-file reads what the pod runs and checks it against the
// bank's anchors, in the text and in JSON.
func TestExplainPodIdentityCLI(t *testing.T) {
	pod := `apiVersion: v1
kind: Pod
metadata:
  name: card-api-0
  namespace: pci
  labels: {app.kubernetes.io/name: card.api}
spec:
  serviceAccountName: card-api
  containers:
    - name: api
      image: registry.bank.example/card/api@sha256:` + strings.Repeat("0f", 32) + `
    - name: debug
      image: busybox:1.36
`
	stdout, stderr, code := netiso(t, pod, "explain", zonedExample, zonedIdentity, "--pod-file", "-", "-o", "json")
	var e explain.PodExplanation
	if err := json.Unmarshal([]byte(stdout), &e); err != nil || code != 0 {
		t.Fatalf("exit %d, %v\n%s", code, err, stderr)
	}
	if e.State != explain.StateUnproven || e.Identity == nil || e.Identity.Verdict != explain.IdentityFailed ||
		e.Identity.From != "identityDefaults for namespace pci" || e.Identity.Anchors.SignedBy[0] != "ci" || len(e.Identity.Checks) != 7 {
		t.Errorf("%+v\nidentity %+v", e, e.Identity)
	}
	text, _, _ := netiso(t, pod, "explain", zonedExample, zonedIdentity, "--pod-file", "-")
	for _, w := range []string{"identity anchors (of identityDefaults for namespace pci): failed: fails its repository anchor", "  + serviceAccount: ServiceAccount card-api\n",
		"  ? signature: container api: registry.bank.example/card/api@sha256:", "  - repository: container debug: busybox:1.36: "} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

// TestTreeIdentity: a rule tree given as a directory: its zones.yaml and identity.yaml are the
// tree's, a service's identity is in its service.yaml, and the rules are those of the same
// document; a directory that is no tree reads an identity.yaml as a rules document.
func TestTreeIdentity(t *testing.T) {
	key := strings.ReplaceAll(rulestest.PublicKey(t), "\n", `\n`)
	dir := tree(t, map[string]string{
		"zones.yaml":                    "zones: [{name: pci, namespaces: [pci]}]\n",
		"identity.yaml":                 "builders: [{name: ci, publicKey: \"" + key + "\"}]\nidentityDefaults: [{namespaces: [pci], identity: {requireDigests: true}}]\n",
		"card/egress/vault.rule":        "",
		"card/service.yaml":             "zone: pci\nnamespaces: [pci]\nidentity: {serviceAccounts: [card], signedBy: [ci]}\n",
		"vault/service.yaml":            "zone: pci\nnamespaces: [pci]\n",
		"platform.yaml":                 docHeader + "  - {name: web, calls: [api]}\n  - name: api\n",
		"more/identity.yaml":            docHeader + "  - {name: batch, identity: {repositories: [ghcr.io/bank/batch]}}\n",
		"more/README.md":                "a directory of documents, no tree",
		"card/egress/.gitkeep":          "",
		"vault/README":                  "",
		"card/.hidden/anything.unknown": "",
	})
	same := writeFile(t, "same.yaml", `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
builders: [{name: ci, publicKey: "`+key+`"}]
identityDefaults: [{namespaces: [pci], identity: {requireDigests: true}}]
services:
  - {name: card, zone: pci, namespaces: [pci], calls: [vault], identity: {serviceAccounts: [card], signedBy: [ci]}}
  - {name: vault, zone: pci, namespaces: [pci]}
  - {name: web, calls: [api]}
  - name: api
  - {name: batch, identity: {repositories: [ghcr.io/bank/batch]}}
`)
	if got, want := version(t, "", dir), version(t, "", same); got != want {
		t.Errorf("the tree: version %s, want the same document's %s", got, want)
	}
	if got, want := version(t, "", "../../examples/pci/"), version(t, "", zonedExample, zonedIdentity); got != want {
		t.Errorf("examples/pci/: version %s, want its two files' %s", got, want)
	}
	// A tree's identity.yaml is part of a document, not one: an unknown field names it.
	bad := tree(t, map[string]string{"web/egress/api.rule": "", "api/service.yaml": "", "identity.yaml": "builder: [{name: ci}]\n"})
	if _, stderr, code := netiso(t, "", "validate", bad); code != 1 || !strings.Contains(stderr, filepath.Join(bad, "identity.yaml")+`: unknown field "builder" (did you mean "builders"?)`) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}
