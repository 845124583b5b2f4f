package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

const zonedExample = "../../examples/pci/rules.yaml"

// TestZones: the zoned example through the CLI. Its ConfigMap reads back, as the webhook reads
// it, to the same rules; policies are the golden ones, with the DNS flags applied; a crossing
// link is refused naming the file, both services and the zone.
func TestZones(t *testing.T) {
	stdout, _, code := netiso(t, "", "compile", zonedExample, "--format", "json")
	var cm corev1.ConfigMap
	if err := json.Unmarshal([]byte(stdout), &cm); err != nil || code != 0 {
		t.Fatalf("compile: exit %d, %v", code, err)
	}
	want, err := loadRules(streams{rules: &inputs{}}, []string{zonedExample}, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := roundTrip(t, &cm, rules.DefaultOptions()); got != want.Hash() || cm.Annotations[mutate.AnnotationRulesHash] != want.Hash() {
		t.Errorf("round trip: version %s, annotation %s, want %s", got, cm.Annotations[mutate.AnnotationRulesHash], want.Hash())
	}
	if !strings.Contains(cm.Data[rules.ConfigMapKey], `"zones":[{"name":"pci","namespaces":["pci","pci-dr"]}]`) {
		t.Errorf("the ConfigMap lost the zones: %.200s", cm.Data[rules.ConfigMapKey])
	}

	stdout, stderr, code := netiso(t, "", "policies", zonedExample, "--default-deny")
	golden, err := os.ReadFile("../../pkg/policy/testdata/pci.default-deny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || stderr != "" || stdout != string(golden) {
		t.Errorf("exit %d, stderr %q; stdout differs from pkg/policy's golden file:\n%s", code, stderr, stdout)
	}
	stdout, _, code = netiso(t, "", "policies", zonedExample, "--format", "json", "--dns-namespace", "dns", "--dns-pod-label", "", "--dns-port", "5353")
	var list struct{ Items []networkingv1.NetworkPolicy }
	if err := json.Unmarshal([]byte(stdout), &list); err != nil || code != 0 {
		t.Fatalf("policies: exit %d, %v", code, err)
	}
	zones := 0
	for _, np := range list.Items {
		if np.Labels[policy.ZoneLabel] != "pci" {
			continue
		}
		zones++
		dns := np.Spec.Egress[1]
		if dns.To[0].PodSelector != nil || dns.To[0].NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"] != "dns" || dns.Ports[0].Port.IntVal != 5353 {
			t.Errorf("%s/%s: DNS rule %+v, want every pod of namespace dns on 5353", np.Namespace, np.Name, dns)
		}
	}
	if zones != 2 {
		t.Errorf("%d zone policies, want 2 (pci, pci-dr)", zones)
	}
	if _, stderr, code := netiso(t, "", "policies", zonedExample, "--dns-pod-label", "kube-dns"); code != 2 || !strings.Contains(stderr, "want key=value") {
		t.Errorf("a DNS pod label without a value: exit %d, %q", code, stderr)
	}

	crossing := writeFile(t, "crossing.yaml", `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}]
services:
  - {name: card, zone: pci, namespaces: [pci]}
  - {name: web, calls: [card]}
`)
	_, stderr, code = netiso(t, "", "validate", crossing)
	if code == 0 || !strings.Contains(stderr, crossing+`: service "web": calls "card", across a zone boundary: "web" is in no zone, "card" is in zone "pci"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// discover --zones: a member gets its zone and namespaces from the reviewed rules, a discovered
// call across the boundary (either way) is reported and not written, and the rules written
// validate; a call inside the zone, and one outside it, are written.
func TestDiscoverZones(t *testing.T) {
	dir := t.TempDir()
	write := func(path, text string) {
		t.Helper()
		p := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("src/card/main.go", "package main\nconst vault = \"http://vault:8200/v1\"\nconst out = \"http://web:8080/hook\"\n")
	write("src/vault/main.go", "package main\n")
	write("src/web/main.go", "package main\nconst in = \"http://card:8443/pay\"\nconst api = \"http://api:9000/x\"\n")
	write("src/api/main.go", "package main\n")
	write("reviewed.yaml", `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones:
  - name: pci
    namespaces: [pci]
services:
  - {name: card, zone: pci, namespaces: [pci]}
  - {name: vault, zone: pci, namespaces: [pci]}
  - {name: web}
  - {name: api}
`)
	stdout, stderr, code := netiso(t, "", "discover", "--sources", filepath.Join(dir, "src"), "--zones", filepath.Join(dir, "reviewed.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "card: web: the call crosses a zone's boundary (zone pci -> outside any zone)") ||
		!strings.Contains(stderr, "web: card: the call crosses a zone's boundary (outside any zone -> zone pci)") {
		t.Errorf("crossings not reported:\n%s", stderr)
	}
	doc, err := rules.Parse("discovered.yaml", []byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatalf("the discovered rules do not validate: %v\n%s", err, stdout)
	}
	card, _ := c.Service("card")
	web, _ := c.Service("web")
	if card.Zone != "pci" || !slices.Equal(card.Namespaces, []string{"pci"}) || !slices.Equal(card.Calls, []string{"vault"}) || !slices.Equal(web.Calls, []string{"api"}) {
		t.Errorf("card %+v, web %+v\n%s", card, web, stdout)
	}
}
