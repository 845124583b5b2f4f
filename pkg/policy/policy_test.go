package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/internal/goldentest"
	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/scope"
	"github.com/netiso/netiso/pkg/synth"
)

func TestName(t *testing.T) {
	long := "service.Payments_Core-reconciliation-and-settlement-worker-0001" // 63 characters
	cases := []struct {
		name, service, want string
	}{
		{"plain", "frontend", "netiso-frontend"},
		{"dots are fine", "service.ledger", "netiso-service.ledger"},
		{"upper case is hashed", "Ledger", "netiso-ledger-" + hash10("Ledger")},
		{"underscore is hashed", "a_b", "netiso-a-b-" + hash10("a_b")},
		{"too long is cut and hashed", long, "netiso-service.payments-core-reconciliation-and-sett-" + hash10(long)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Name(tc.service)
			if got != tc.want {
				t.Errorf("Name(%q) = %q, want %q", tc.service, got, tc.want)
			}
			if len(got) > 63 || len(validation.IsDNS1123Subdomain(got)) > 0 || len(validation.IsValidLabelValue(got)) > 0 {
				t.Errorf("Name(%q) = %q is not a DNS-1123 subdomain and label value of at most 63", tc.service, got)
			}
		})
	}
	if Name("Ledger") == Name("ledger") || Name("a_b") == Name("a-b") {
		t.Error("two services share a policy name")
	}
}

// TestAuditName: Calico policy names have no dot (Calico reads "a.b" as policy b of tier a, and
// refuses it in the default tier), so a dotted service takes the hashed form; test/calico applies
// them through Calico's own client.
func TestAuditName(t *testing.T) {
	long := "service.Payments_Core-reconciliation-and-settlement-worker-0001" // 63 characters
	cases := []struct {
		name, service, want string
	}{
		{"plain", "frontend", "netiso-audit-frontend"},
		{"a dot is hashed", "service.ledger", "netiso-audit-service-ledger-" + hash10("service.ledger")},
		{"two dots", "card.api.v2", "netiso-audit-card-api-v2-" + hash10("card.api.v2")},
		{"upper case is hashed", "Ledger", "netiso-audit-ledger-" + hash10("Ledger")},
		{"too long is cut and hashed", long, "netiso-audit-service-payments-core-reconciliation-an-" + hash10(long)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := AuditName(tc.service); got != tc.want {
				t.Errorf("AuditName(%q) = %q, want %q", tc.service, got, tc.want)
			}
			for _, n := range []string{AuditName(tc.service), AuditExternalName(tc.service), AuditZoneName(tc.service)} {
				if len(n) > 63 || len(validation.IsDNS1123Label(n)) > 0 {
					t.Errorf("%q: %q is not a DNS-1123 label (no dot) of at most 63", tc.service, n)
				}
			}
		})
	}
	// Dots and dashes no longer tell names apart: the hash does.
	for _, pair := range [][2]string{{"service.ledger", "service-ledger"}, {"a.b", "a-b"}, {"a.b-c", "a-b.c"}} {
		if AuditName(pair[0]) == AuditName(pair[1]) || AuditExternalName(pair[0]) == AuditExternalName(pair[1]) {
			t.Errorf("%q and %q share an audit policy name", pair[0], pair[1])
		}
	}
}

// hash10 is the first 10 hex digits of s's SHA-256, written out here rather than taken from the code.
func hash10(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:10]
}

func TestGenerate(t *testing.T) {
	covered := scope.NamespaceSelector(DefaultNetisoNamespace)
	peer := func(key string) networkingv1.NetworkPolicyPeer {
		return networkingv1.NetworkPolicyPeer{NamespaceSelector: covered, PodSelector: &metav1.LabelSelector{MatchLabels: map[string]string{key: "true"}}}
	}
	cases := []struct {
		name     string
		services string
		opts     func(*Options)
		lo       rules.Options
		// want: "namespace/name" of each policy, and the first one's ingress rule
		want     []string
		wantRule networkingv1.NetworkPolicyIngressRule
	}{
		{
			name:     "by name only, on its port",
			services: "  - name: a\n    ports: [{port: 80}]\n",
			want:     []string{"default/netiso-a"},
			wantRule: networkingv1.NetworkPolicyIngressRule{From: []networkingv1.NetworkPolicyPeer{peer("egress.netiso.dev/a")}, Ports: Ports([]rules.Port{{Port: 80, Protocol: "TCP"}})},
		},
		{
			name:     "a type adds a second peer; no ports opens all",
			services: "  - name: a\n    type: backend\n",
			want:     []string{"default/netiso-a"},
			wantRule: networkingv1.NetworkPolicyIngressRule{From: []networkingv1.NetworkPolicyPeer{peer("egress.netiso.dev/a"), peer("egress-type.netiso.dev/backend")}},
		},
		{
			name:     "public: from anywhere, on its ports",
			services: "  - name: a\n    public: true\n    ports: [{port: 53, protocol: UDP}]\n",
			want:     []string{"default/netiso-a"},
			wantRule: networkingv1.NetworkPolicyIngressRule{Ports: Ports([]rules.Port{{Port: 53, Protocol: "UDP"}})},
		},
		{
			name:     "one policy per namespace",
			services: "  - name: a\n    namespaces: [ns-b, ns-a]\n",
			want:     []string{"ns-a/netiso-a", "ns-b/netiso-a"},
			wantRule: networkingv1.NetworkPolicyIngressRule{From: []networkingv1.NetworkPolicyPeer{peer("egress.netiso.dev/a")}},
		},
		{
			name:     "default deny per namespace, default namespace flag",
			services: "  - name: a\n    namespaces: [x]\n  - name: b\n",
			opts:     func(o *Options) { o.DefaultDeny, o.DefaultNamespace = true, "shop" },
			want:     []string{"shop/netiso-b", "shop/netiso-default-deny-ingress", "x/netiso-a", "x/netiso-default-deny-ingress"},
			wantRule: networkingv1.NetworkPolicyIngressRule{From: []networkingv1.NetworkPolicyPeer{peer("egress.netiso.dev/b")}},
		},
		{
			name:     "the rules' label prefixes",
			services: "  - name: a\n    type: t\n",
			lo:       rules.Options{EgressPrefix: "calls.example.com", EgressTypePrefix: "calls-type.example.com"},
			want:     []string{"default/netiso-a"},
			wantRule: networkingv1.NetworkPolicyIngressRule{From: []networkingv1.NetworkPolicyPeer{peer("calls.example.com/a"), peer("calls-type.example.com/t")}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lo := tc.lo
			if lo == (rules.Options{}) {
				lo = rules.DefaultOptions()
			}
			opts := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			got, err := Generate(rulestest.Services(t, tc.services, lo), opts)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, np := range got {
				names = append(names, np.Namespace+"/"+np.Name)
			}
			if !slices.Equal(names, tc.want) {
				t.Fatalf("policies %v, want %v", names, tc.want)
			}
			first := got[0]
			if want := []networkingv1.NetworkPolicyIngressRule{tc.wantRule}; !equalJSON(t, first.Spec.Ingress, want) {
				t.Errorf("ingress\n%s\nwant\n%s", toYAML(t, first.Spec.Ingress), toYAML(t, want))
			}
			if !slices.Equal(first.Spec.PolicyTypes, []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}) {
				t.Errorf("policyTypes %v: netiso writes ingress policies only", first.Spec.PolicyTypes)
			}
			for _, np := range got {
				if np.Name == DefaultDenyName {
					if len(np.Spec.Ingress) != 0 || len(np.Spec.PodSelector.MatchLabels) != 0 {
						t.Errorf("%s/%s admits something or selects some pods only", np.Namespace, np.Name)
					}
					continue
				}
				svc := np.Labels[ServiceLabel]
				if np.Spec.PodSelector.MatchLabels[opts.ServiceLabel] != svc || np.Labels[ManagedByLabel] != ManagedBy {
					t.Errorf("%s/%s: selects %v, labels %v", np.Namespace, np.Name, np.Spec.PodSelector, np.Labels)
				}
			}
		})
	}
}

// TestGenerateNeverAdmitsExemptNamespaces: every peer of every generated policy (but a public
// service's, which has none) carries the covered-namespaces selector, and it refuses each exempt
// namespace by Kubernetes' own selector semantics.
func TestGenerateNeverAdmitsExemptNamespaces(t *testing.T) {
	c, err := rules.Compile(synth.Generate(synth.Config{Services: 200, Links: 800, Seed: 5, HeavyCallers: 1, HeavyFanout: 100, Namespaces: 5}), rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.NetisoNamespace = "isolation"
	policies, err := Generate(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	exempt := []labels.Set{
		{scope.NamespaceNameLabel: "kube-system"}, {scope.NamespaceNameLabel: "kube-node-lease"},
		{scope.NamespaceNameLabel: "isolation"}, {scope.NamespaceNameLabel: "legacy", scope.ExemptLabel: "true"},
	}
	for _, np := range policies {
		s, _ := c.Service(np.Labels[ServiceLabel])
		for _, rule := range np.Spec.Ingress {
			if s.Public {
				if len(rule.From) != 0 {
					t.Errorf("%s: public service with sources %v", np.Name, rule.From)
				}
				continue
			}
			if len(rule.From) == 0 {
				t.Fatalf("%s: admits every source", np.Name)
			}
			for _, peer := range rule.From {
				sel, err := metav1.LabelSelectorAsSelector(peer.NamespaceSelector)
				if err != nil || peer.NamespaceSelector == nil {
					t.Fatalf("%s: namespace selector %v: %v", np.Name, peer.NamespaceSelector, err)
				}
				for _, ns := range exempt {
					if sel.Matches(ns) {
						t.Errorf("%s admits namespace %v", np.Name, ns)
					}
				}
				if !sel.Matches(labels.Set{scope.NamespaceNameLabel: "team-000"}) {
					t.Errorf("%s refuses an ordinary namespace", np.Name)
				}
			}
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	cases := []struct {
		name     string
		services string
		opts     func(*Options)
		want     string
	}{
		{"bad service label", "  - name: a\n", func(o *Options) { o.ServiceLabel = "-bad-" }, `service label "-bad-"`},
		{"bad netiso namespace", "  - name: a\n", func(o *Options) { o.NetisoNamespace = "Netiso" }, `netiso namespace "Netiso"`},
		{"bad default namespace", "  - name: a\n", func(o *Options) { o.DefaultNamespace = "" }, `default namespace ""`},
		{"a service named like the default-deny policy", "  - name: default-deny-ingress\n", nil, `service "default-deny-ingress": its policy name netiso-default-deny-ingress is already the default-deny policy's`},
		{"a service named like another's shortened form", "  - name: Ledger\n  - name: ledger-" + hash10("Ledger") + "\n", nil, "is already \"Ledger\"'s"},
		{"a service named like a zone's policy", "  - {name: zone-pci}\nzones: [{name: pci, namespaces: [pci]}]\n", nil, `service "zone-pci": its policy name netiso-zone-pci is already zone "pci"'s`},
		{"a zone in netiso's namespace", "  - {name: a}\nzones: [{name: infra, namespaces: [netiso-system]}]\n", nil, `zone "infra": namespace netiso-system is netiso's own`},
		{"DNS port 0", "  - {name: a}\n", func(o *Options) { o.DNSPort = 0 }, "DNS port 0"},
		{"DNS namespace invalid", "  - {name: a}\n", func(o *Options) { o.DNSNamespace = "Kube" }, `DNS namespace "Kube"`},
		{"DNS pod label invalid", "  - {name: a}\n", func(o *Options) { o.DNSPodLabels = map[string]string{"-k": "v"} }, "DNS pod label -k=v"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			c := rulestest.Services(t, tc.services, rules.DefaultOptions())
			for _, gen := range []func() error{
				func() error { _, err := Generate(c, opts); return err },
				func() error { _, err := Audit(c, opts); return err },
			} {
				if err := gen(); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %v, want it to contain %q", err, tc.want)
				}
			}
		})
	}
}

// TestGolden compares `netiso policies` output for fixtures with testdata/<case>.yaml;
// UPDATE_GOLDEN=1 rewrites them.
func TestGolden(t *testing.T) {
	cases := []struct {
		name, rules string
		opts        func(*Options)
		audit       bool
	}{
		{"online-boutique", "../../examples/online-boutique/rules.yaml", func(o *Options) { o.ServiceLabel = "app" }, false},
		{"online-boutique.default-deny", "../../examples/online-boutique/rules.yaml", func(o *Options) { o.ServiceLabel, o.DefaultDeny = "app", true }, false},
		{"online-boutique.audit", "../../examples/online-boutique/rules.yaml", func(o *Options) { o.ServiceLabel = "app" }, true},
		{"bank", "testdata/bank.rules.yaml", nil, false},
		{"bank.audit.default-deny", "testdata/bank.rules.yaml", func(o *Options) { o.DefaultDeny = true }, true},
		{"pci.default-deny", "../../examples/pci/rules.yaml", func(o *Options) { o.DefaultDeny = true }, false},
		{"pci.audit", "../../examples/pci/rules.yaml", nil, true},
		{"pci-external", "testdata/pci-external.rules.yaml", nil, false},
		{"pci-external.audit", "testdata/pci-external.rules.yaml", nil, true},
	}
	var known []string // the goldens, and the rules the cases read from testdata
	for _, tc := range cases {
		known = append(known, filepath.Join("testdata", tc.name+".yaml"), filepath.Clean(tc.rules))
	}
	goldentest.NoStale(t, "testdata/*.yaml", known)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := rules.Load(tc.rules)
			if err != nil {
				t.Fatal(err)
			}
			c, err := rules.Compile(doc, rules.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			opts := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			var got []byte
			if tc.audit {
				ps, err := Audit(c, opts)
				if err != nil {
					t.Fatal(err)
				}
				got, err = YAML(ps)
				if err != nil {
					t.Fatal(err)
				}
			} else {
				ps, err := Generate(c, opts)
				if err != nil {
					t.Fatal(err)
				}
				got, err = YAML(ps)
				if err != nil {
					t.Fatal(err)
				}
				for _, np := range ps {
					if errs := validateName(np.Name); len(errs) > 0 {
						t.Errorf("%s: %v", np.Name, errs)
					}
				}
			}
			golden := filepath.Join("testdata", tc.name+".yaml")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\ngot:\n%s", golden, got)
			}
		})
	}
}

func validateName(name string) []string {
	return append(validation.IsDNS1123Subdomain(name), validation.IsValidLabelValue(name)...)
}

func TestJSONIsAList(t *testing.T) {
	got, err := JSON([]*networkingv1.NetworkPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func equalJSON(t *testing.T, a, b any) bool { return bytes.Equal(toYAML(t, a), toYAML(t, b)) }

func toYAML(t *testing.T, v any) []byte {
	t.Helper()
	out, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func BenchmarkGenerate(b *testing.B) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(c, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateYAML is the whole of `netiso policies` but reading the rules.
func BenchmarkGenerateYAML(b *testing.B) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ps, err := Generate(c, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := YAML(ps); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAudit(b *testing.B) {
	c, err := rules.Compile(synth.Generate(synth.Monzo()), rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Audit(c, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
