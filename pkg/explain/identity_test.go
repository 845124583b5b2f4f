package explain

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/policy"
)

const identityRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
builders: [{name: ci, publicKey: "%s"}]
identityDefaults:
  - namespaces: [pci]
    identity: {requireDigests: true}
services:
  - name: card
    namespaces: [pci]
    calls: [vault]
    identity: {serviceAccounts: [card], repositories: [registry.example.com/card/*], signedBy: [ci]}
  - name: vault
    namespaces: [pci]
  - name: web
    calls: [vault]
`

// TestExplainPodIdentity: explain shows each anchor of the pod's service and whether the pod meets
// it, through the webhook's own check; a pod that fails one is granted nothing, and signatures are
// left to the webhook.
func TestExplainPodIdentity(t *testing.T) {
	c := rulestest.Document(t, fmt.Sprintf(identityRules, strings.ReplaceAll(rulestest.PublicKey(t), "\n", `\n`)))
	opts := policy.DefaultOptions()
	opts.ServiceLabel = "app"
	const vaultKey = "egress.netiso.dev/vault"
	digest := "@sha256:" + strings.Repeat("ab", 32)
	spec := func(sa string, images ...string) *corev1.PodSpec {
		s := &corev1.PodSpec{ServiceAccountName: sa, InitContainers: []corev1.Container{{Name: "init", Image: images[0]}}}
		for i, img := range images[1:] {
			s.Containers = append(s.Containers, corev1.Container{Name: fmt.Sprint("c", i), Image: img})
		}
		return s
	}
	type check struct{ anchor, result, why string } // why: a substring
	cases := []struct {
		name, service, verdict, state string
		spec                          *corev1.PodSpec
		from                          string
		checks                        []check
		labelWhy                      string // of the vault key, a substring
	}{
		{"every anchor met but signatures", "card", IdentityUnverified, StateCurrent,
			spec("card", "registry.example.com/card/migrate"+digest, "registry.example.com/card/api"+digest), "service card", []check{
				{"serviceAccount", "met", ""},
				{"repository", "met", ""}, {"digest", "met", ""}, {"signature", "not-checked", notChecked},
				{"repository", "met", ""}, {"digest", "met", ""}, {"signature", "not-checked", notChecked + "; signedBy: ci"},
			}, "granted: card calls vault"},
		{"another ServiceAccount", "card", IdentityFailed, StateUnproven,
			spec("", "registry.example.com/card/migrate"+digest, "registry.example.com/card/api"+digest), "service card", []check{
				{"serviceAccount", "failed", `runs as ServiceAccount "default", not "card"`},
				{"repository", "met", ""}, {"digest", "met", ""}, {"signature", "not-checked", ""},
				{"repository", "met", ""}, {"digest", "met", ""}, {"signature", "not-checked", ""},
			}, "carried, not granted: the pod does not prove it is card (its identity anchors). The reconciler removes it"},
		{"a sidecar from another repository, by tag", "card", IdentityFailed, StateUnproven,
			spec("card", "registry.example.com/card/migrate"+digest, "busybox:1.36"), "service card", []check{
				{"serviceAccount", "met", ""},
				{"repository", "met", ""}, {"digest", "met", ""}, {"signature", "not-checked", ""},
				{"repository", "failed", `container "c0" runs image "busybox:1.36", from repository index.docker.io/library/busybox, not "registry.example.com/card/*"`},
				{"digest", "failed", `names image "busybox:1.36" by tag`}, {"signature", "not-checked", ""},
			}, "does not prove it is card"},
		{"the namespace's default: an image by tag", "vault", IdentityFailed, StateUnproven,
			spec("", "registry.example.com/vault"+digest, "registry.example.com/vault:1.0"), "identityDefaults for namespace pci", []check{
				{"digest", "met", ""}, {"digest", "failed", "by tag"},
			}, ""},
		{"the namespace's default, met", "vault", IdentityMet, StateCurrent,
			spec("", "registry.example.com/vault"+digest, "registry.example.com/vault"+digest), "identityDefaults for namespace pci", []check{
				{"digest", "met", ""}, {"digest", "met", ""},
			}, ""},
		{"the spec not read", "card", IdentityUnknown, StateCurrent, nil, "service card", nil, "granted"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			labels := map[string]string{"app": tc.service}
			if tc.service == "card" {
				labels[vaultKey] = "true"
			}
			e, err := ExplainPod(c, Pod{Namespace: "pci", Name: "p", Labels: labels, Spec: tc.spec, NamespaceLabels: map[string]string{}}, nil, opts)
			if err != nil {
				t.Fatal(err)
			}
			id := e.Identity
			if id == nil || id.Verdict != tc.verdict || id.From != tc.from || e.State != tc.state {
				t.Fatalf("state %s (%s), identity %+v; want %s, verdict %s from %s", e.State, e.Summary, id, tc.state, tc.verdict, tc.from)
			}
			if len(id.Checks) != len(tc.checks) {
				t.Fatalf("checks %+v, want %d", id.Checks, len(tc.checks))
			}
			for i, w := range tc.checks {
				if got := id.Checks[i]; string(got.Anchor) != w.anchor || got.Result != w.result || !strings.Contains(got.Why, w.why) {
					t.Errorf("check %d: %+v, want %+v", i, got, w)
				}
			}
			if tc.labelWhy != "" && (len(e.Labels) != 1 || !strings.Contains(e.Labels[0].Why, tc.labelWhy)) {
				t.Errorf("labels %+v, want the vault key: %q", e.Labels, tc.labelWhy)
			}
			if tc.state == StateUnproven && !strings.Contains(e.Summary, `the pod claims service "`+tc.service+`" but fails its`) {
				t.Errorf("summary %q", e.Summary)
			}
		})
	}

	// A service with no anchor: nothing to show.
	e, err := ExplainPod(c, Pod{Namespace: "shop", Name: "p", Labels: map[string]string{"app": "web"}, Spec: spec("", "busybox")}, nil, opts)
	if err != nil || e.Identity != nil {
		t.Errorf("web: %v, identity %+v", err, e.Identity)
	}
}

// TestExplainPodIdentityOutput: the anchors and the verdict, in the text and in JSON.
func TestExplainPodIdentityOutput(t *testing.T) {
	c := rulestest.Document(t, fmt.Sprintf(identityRules, strings.ReplaceAll(rulestest.PublicKey(t), "\n", `\n`)))
	opts := policy.DefaultOptions()
	opts.ServiceLabel = "app"
	img := "registry.example.com/card/api@sha256:" + strings.Repeat("ab", 32)
	pod := Pod{Namespace: "pci", Name: "p", Labels: map[string]string{"app": "card"},
		Spec: &corev1.PodSpec{ServiceAccountName: "card", Containers: []corev1.Container{{Name: "api", Image: img}, {Name: "debug", Image: "busybox"}}}}
	e, err := ExplainPod(c, pod, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "\nidentity anchors (of service card): failed: fails its repository anchor: " +
		`container "debug" runs image "busybox", from repository index.docker.io/library/busybox, not "registry.example.com/card/*"` + "\n" +
		"  + serviceAccount: ServiceAccount card\n" +
		"  + repository: container api: " + img + "\n" +
		"  + digest: container api: " + img + "\n" +
		"  ? signature: container api: " + img + ": not checked by explain (the webhook verifies against the registry); signedBy: ci\n" +
		"  - repository: container debug: busybox: " + `container "debug" runs image "busybox", from repository index.docker.io/library/busybox, not "registry.example.com/card/*"` + "\n"
	if text := e.Text(); !strings.Contains(text, want) || !strings.Contains(text, "state:       identity-not-proven") {
		t.Errorf("text lacks\n%s\n%s", want, text)
	}
	js, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		State    string
		Identity struct {
			From    string
			Verdict string
			Anchors struct {
				ServiceAccounts, Repositories, SignedBy []string
			}
			Checks []AnchorCheck
		}
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.State != StateUnproven || back.Identity.Verdict != IdentityFailed || back.Identity.From != "service card" ||
		back.Identity.Anchors.SignedBy[0] != "ci" || len(back.Identity.Checks) != 7 {
		t.Errorf("JSON: %s", js)
	}
}
