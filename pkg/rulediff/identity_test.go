package rulediff_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

// identityRules are rules with anchors: card's own, and the default of pci (where vault, which sets
// none, runs); web runs anywhere, with no anchor. KEY and SPARE are builders' keys.
const identityRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders:
  - {name: ci, publicKey: "KEY"}
  - {name: spare, publicKey: "SPARE"}
identityDefaults:
  - namespaces: [pci]
    identity: {requireDigests: true, signedBy: [ci]}
services:
  - name: card
    namespaces: [pci]
    identity:
      serviceAccounts: [card]
      repositories: [registry.example.com/card/api]
      requireDigests: true
      signedBy: [ci]
  - name: vault
    namespaces: [pci]
  - name: web
`

// keyed is identityRules with the builders' keys, edited by the pairs of replacements.
func keyed(t *testing.T, key, spare string, replacements ...string) *rules.Compiled {
	t.Helper()
	doc := strings.NewReplacer("KEY", flat(key), "SPARE", flat(spare)).Replace(identityRules)
	for i := 0; i+1 < len(replacements); i += 2 {
		edited := strings.Replace(doc, replacements[i], replacements[i+1], 1)
		if edited == doc {
			t.Fatalf("%q is not in the rules", replacements[i])
		}
		doc = edited
	}
	return rulestest.Document(t, doc)
}

// flat is a PEM key as one line of YAML, in a double-quoted string.
func flat(pem string) string { return strings.ReplaceAll(pem, "\n", `\n`) }

// TestCompareIdentities: a change of a service's own anchors is shown as loosening exactly when
// some pod that could not claim the service now can, judged where the service runs, the identity
// defaults standing in where it sets none.
func TestCompareIdentities(t *testing.T) {
	key, spare := rulestest.PublicKey(t), rulestest.PublicKey(t)
	const card = `      serviceAccounts: [card]
      repositories: [registry.example.com/card/api]
      requireDigests: true
      signedBy: [ci]
`
	cases := []struct {
		name        string
		from, edit  []string // replacements in the old and in the new rules
		service     string
		loosened    []string
		tightened   []string
		noOwnBefore bool // the service had no identity of its own
	}{
		{"a serviceAccount added", nil, []string{"[card]", "[card, debug]"}, "card",
			[]string{"serviceAccount debug added"}, nil, false},
		{"the serviceAccounts anchor removed", nil, []string{"      serviceAccounts: [card]\n", ""}, "card",
			[]string{"serviceAccount anchor removed (was card): any ServiceAccount"}, nil, false},
		{"a repository widened to a wildcard", nil, []string{"card/api]", "card/*]"}, "card",
			[]string{"repository registry.example.com/card/* widens registry.example.com/card/api"}, nil, false},
		{"a repository added", nil, []string{"card/api]", "card/api, docker.io/library/busybox]"}, "card",
			[]string{"repository index.docker.io/library/busybox added"}, nil, false},
		{"requireDigests and signedBy dropped", nil, []string{"      requireDigests: true\n      signedBy: [ci]\n", ""}, "card",
			[]string{"digests no longer required: a tag can be moved to other content after admission", "signedBy anchor removed (was ci): no signature required"}, nil, false},
		{"requireDigests dropped, signedBy kept: digests are still required", nil, []string{"      requireDigests: true\n", ""}, "card",
			nil, nil, false},
		{"a builder added to signedBy", nil, []string{"signedBy: [ci]\n  - name: vault", "signedBy: [ci, spare]\n  - name: vault"}, "card",
			[]string{"signedBy spare added"}, nil, false},
		{"tightened: a wildcard narrowed", []string{"card/api]", "card/*]"}, nil, "card",
			nil, []string{"repository registry.example.com/card/* removed"}, false},
		{"its own identity removed: pci's default applies", nil, []string{"    identity:\n" + card, ""}, "card",
			[]string{"serviceAccount anchor removed (was card): any ServiceAccount", "repository anchor removed (was registry.example.com/card/api): any repository"}, nil, false},
		{"an identity of its own, stricter than the default", nil, []string{"  - name: vault\n    namespaces: [pci]\n", "  - name: vault\n    namespaces: [pci]\n    identity: {serviceAccounts: [vault], requireDigests: true, signedBy: [ci]}\n"}, "vault",
			nil, []string{"serviceAccount anchor added: vault"}, true},
		{"an identity of its own, looser than the default", nil, []string{"  - name: vault\n    namespaces: [pci]\n", "  - name: vault\n    namespaces: [pci]\n    identity: {serviceAccounts: [vault]}\n"}, "vault",
			[]string{"digests no longer required: a tag can be moved to other content after admission", "signedBy anchor removed (was ci): no signature required"},
			[]string{"serviceAccount anchor added: vault"}, true},
		{"an empty identity sets no anchor, whatever the default", nil, []string{"  - name: vault\n    namespaces: [pci]\n", "  - name: vault\n    namespaces: [pci]\n    identity: {}\n"}, "vault",
			[]string{"digests no longer required: a tag can be moved to other content after admission", "signedBy anchor removed (was ci): no signature required"}, nil, true},
		{"a service that runs anywhere: judged in each namespace", nil, []string{"  - name: web\n", "  - name: web\n    identity: {repositories: [registry.example.com/web]}\n"}, "web",
			[]string{"digests no longer required: a tag can be moved to other content after admission (in pci)", "signedBy anchor removed (was ci): no signature required (in pci)"},
			[]string{"repository anchor added: registry.example.com/web"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := compare(t, keyed(t, key, spare, tc.from...), keyed(t, key, spare, tc.edit...))
			if len(r.Identities) != 1 || r.Identities[0].Service != tc.service {
				t.Fatalf("identities %+v, want %s's change", r.Identities, tc.service)
			}
			c := r.Identities[0]
			if !reflect.DeepEqual(c.Loosened, orEmpty(tc.loosened)) || !reflect.DeepEqual(c.Tightened, orEmpty(tc.tightened)) {
				t.Errorf("loosened %q\ntightened %q\nwant %q\nand %q", c.Loosened, c.Tightened, tc.loosened, tc.tightened)
			}
			if (c.Old == nil) != tc.noOwnBefore {
				t.Errorf("old %+v", c.Old)
			}
			if r.Opens != (len(tc.loosened) > 0) || r.Empty() {
				t.Errorf("opens %v, want %v", r.Opens, len(tc.loosened) > 0)
			}
			if len(r.IdentityDefaults)+len(r.Builders)+len(r.LinksOpened)+len(r.Grants)+len(r.Policies.Changed) != 0 {
				t.Errorf("more than the identity changes: %s", r.Text())
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestCompareIdentityDefaults: a change of the identity defaults names the namespaces it changes,
// those of the catch-all as every namespace no default lists.
func TestCompareIdentityDefaults(t *testing.T) {
	key, spare := rulestest.PublicKey(t), rulestest.PublicKey(t)
	old := keyed(t, key, spare)
	r := compare(t, old, keyed(t, key, spare, "  - namespaces: [pci]\n    identity: {requireDigests: true, signedBy: [ci]}\n",
		"  - namespaces: [pci, pci-dr]\n    identity: {requireDigests: true}\n  - identity: {repositories: [registry.example.com/*]}\n"))
	want := []rulediff.IdentityDefaultChange{
		{Namespaces: []string{rulediff.OtherNamespaces}, New: &rules.Identity{Repositories: []string{"registry.example.com/*"}},
			AnchorChanges: rulediff.AnchorChanges{Loosened: []string{}, Tightened: []string{"repository anchor added: registry.example.com/*"}}},
		{Namespaces: []string{"pci"}, Old: &rules.Identity{RequireDigests: true, SignedBy: []string{"ci"}}, New: &rules.Identity{RequireDigests: true},
			AnchorChanges: rulediff.AnchorChanges{Loosened: []string{"signedBy anchor removed (was ci): no signature required"}, Tightened: []string{}}},
		{Namespaces: []string{"pci-dr"}, New: &rules.Identity{RequireDigests: true},
			AnchorChanges: rulediff.AnchorChanges{Loosened: []string{}, Tightened: []string{"digests required"}}},
	}
	if !reflect.DeepEqual(r.IdentityDefaults, want) {
		t.Errorf("identity defaults\n%+v\nwant\n%+v", r.IdentityDefaults, want)
	}
	if !r.Opens || len(r.Identities) != 0 {
		t.Errorf("opens %v, identities %+v: want it open, and no service's own identity changed", r.Opens, r.Identities)
	}
	for format, w := range map[string]string{
		"text": "IDENTITY DEFAULTS (3):\n" +
			"  every namespace no default lists: none -> repositories: registry.example.com/*\n      - repository anchor added: registry.example.com/*\n" +
			"  pci (LOOSENED): requireDigests; signedBy: ci -> requireDigests\n      + signedBy anchor removed (was ci): no signature required\n",
		"markdown": "| `pci` (LOOSENED) | requireDigests; signedBy: ci | requireDigests | signedBy anchor removed (was ci): no signature required |  |",
		"summary":  "opens no path; LOOSENS who may claim a service (identity anchors); 0 links opened",
	} {
		text := map[string]string{"text": r.Text(), "markdown": r.Markdown(), "summary": r.Summary()}[format]
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", format, w, text)
		}
	}
}

// TestCompareBuilders: a builder's new key is named, in every format, with what trusts it; a key
// added or removed is shown, and only a changed one opens.
func TestCompareBuilders(t *testing.T) {
	key, spare, other := rulestest.PublicKey(t), rulestest.PublicKey(t), rulestest.PublicKey(t)
	old := keyed(t, key, spare)

	r := compare(t, old, keyed(t, other, spare))
	if len(r.Builders) != 1 {
		t.Fatalf("builders %+v", r.Builders)
	}
	b := r.Builders[0]
	if b.Builder != "ci" || b.Change != rulediff.BuilderKeyChanged || !strings.HasPrefix(b.OldKey, "sha256:") || len(b.OldKey) != 71 || b.OldKey == b.NewKey ||
		!reflect.DeepEqual(b.TrustedBy, []string{"card", "identityDefaults for pci"}) {
		t.Errorf("%+v", b)
	}
	if !r.Opens || r.Empty() || len(r.Identities)+len(r.IdentityDefaults) != 0 {
		t.Errorf("opens %v, identities %+v %+v", r.Opens, r.Identities, r.IdentityDefaults)
	}
	for format, w := range map[string]string{
		"summary":  "opens no path; CHANGES THE KEY of builder ci; 0 links opened",
		"text":     "BUILDER KEYS (1):\n  ci: KEY CHANGED from " + b.OldKey + " to " + b.NewKey + "; trusted by card, identityDefaults for pci\n",
		"markdown": "**Changes the key of builder ci.**",
		"table":    "| `ci` | KEY CHANGED from `" + b.OldKey + "` to `" + b.NewKey + "`; trusted by card, identityDefaults for pci |",
	} {
		text := map[string]string{"summary": r.Summary(), "text": r.Text(), "markdown": r.Markdown(), "table": r.Markdown()}[format]
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", format, w, text)
		}
	}
	js, err := json.Marshal(r)
	if err != nil || !strings.Contains(string(js), `"builders":[{"builder":"ci","change":"key-changed","oldKey":"`+b.OldKey+`"`) {
		t.Errorf("%v: %s", err, js)
	}

	// The spare key removed, another added: shown, and neither opens.
	r = compare(t, old, keyed(t, key, spare, `name: spare`, `name: release`))
	want := []string{"release added", "spare removed"}
	var got []string
	for _, b := range r.Builders {
		got = append(got, b.Builder+" "+b.Change)
	}
	if !reflect.DeepEqual(got, want) || r.Opens || r.Builders[0].NewKey != r.Builders[1].OldKey {
		t.Errorf("builders %+v, opens %v; want %q", r.Builders, r.Opens, want)
	}
	// The same builders in another order: no change.
	ci, sp := `  - {name: ci, publicKey: "`+flat(key)+"\"}\n", `  - {name: spare, publicKey: "`+flat(spare)+"\"}\n"
	if r := compare(t, old, keyed(t, key, spare, ci+sp, sp+ci)); !r.Empty() {
		t.Errorf("reordered: %s", r.Text())
	}
}

// TestCompareIdentityText: a service's loosened anchors in the text and the pull-request comment.
func TestCompareIdentityText(t *testing.T) {
	key, spare := rulestest.PublicKey(t), rulestest.PublicKey(t)
	r := compare(t, keyed(t, key, spare), keyed(t, key, spare, "card/api]", "card/*]", "[card]", "[card-v2]"))
	for format, w := range map[string]string{
		"text": "IDENTITY ANCHORS (1):\n  card (LOOSENED): serviceAccounts: card; repositories: registry.example.com/card/api; requireDigests; signedBy: ci -> " +
			"serviceAccounts: card-v2; repositories: registry.example.com/card/*; requireDigests; signedBy: ci\n" +
			"      + serviceAccount card-v2 added\n      + repository registry.example.com/card/* widens registry.example.com/card/api\n      - serviceAccount card removed\n",
		"markdown": "| `card` (LOOSENED) | serviceAccounts: card; repositories: registry.example.com/card/api; requireDigests; signedBy: ci | " +
			"serviceAccounts: card-v2; repositories: registry.example.com/card/*; requireDigests; signedBy: ci | " +
			"serviceAccount card-v2 added<br>repository registry.example.com/card/* widens registry.example.com/card/api | serviceAccount card removed |",
	} {
		text := r.Text()
		if format == "markdown" {
			text = r.Markdown()
		}
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", format, w, text)
		}
	}
}

// TestCompareIdentityZones: a change of a member's anchors, or of the identity default of a zone's
// namespace (the catch-all's, where no default lists it), touches the zone; one elsewhere does not.
func TestCompareIdentityZones(t *testing.T) {
	const base = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones: [{name: pci, namespaces: [pci]}, {name: hsm, namespaces: [hsm]}]
identityDefaults:
  - namespaces: [pci]
    identity: {requireDigests: true}
services:
  - {name: card, zone: pci, namespaces: [pci], identity: {serviceAccounts: [card]}}
  - {name: vault, zone: hsm, namespaces: [hsm]}
  - {name: web, namespaces: [shop]}
`
	old := rulestest.Document(t, base)
	cases := []struct {
		name, from, to string
		want           []rulediff.ZoneChange
	}{
		{"a member's anchors", "serviceAccounts: [card]", "serviceAccounts: [card, debug]",
			[]rulediff.ZoneChange{{Zone: "pci", Identity: []string{"card"}}}},
		{"the default of a zone's namespace", "identity: {requireDigests: true}", "identity: {}",
			[]rulediff.ZoneChange{{Zone: "pci", Identity: []string{"identityDefaults for pci"}}}},
		{"the catch-all, in the namespaces no default lists", "services:", "  - identity: {requireDigests: true}\nservices:",
			[]rulediff.ZoneChange{{Zone: "hsm", Identity: []string{"identityDefaults for every namespace no default lists"}}}},
		{"an anchor outside the zones", "{name: web, namespaces: [shop]}", "{name: web, namespaces: [shop], identity: {requireDigests: true}}",
			[]rulediff.ZoneChange{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := compare(t, old, rulestest.Document(t, strings.Replace(base, tc.from, tc.to, 1)))
			if !reflect.DeepEqual(r.Zones, tc.want) || len(r.Identities)+len(r.IdentityDefaults) != 1 {
				t.Errorf("zones %+v, want %+v\n%s", r.Zones, tc.want, r.Text())
			}
		})
	}
	r := compare(t, old, rulestest.Document(t, strings.Replace(base, "serviceAccounts: [card]", "serviceAccounts: [card, debug]", 1)))
	if !strings.Contains(r.Text(), "ZONES TOUCHED (1):\n  pci: identity anchors of: card\n") {
		t.Errorf("text:\n%s", r.Text())
	}
}
