//go:build calico

package calico

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/synth"
)

// TestAuditAcceptedByCalico: every object `netiso policies --audit` writes, for the Online
// Boutique, the zoned bank and a synthetic set (synth's dotted, upper-case, underscored and long
// names, types, namespace bindings and public edges, plus testdata/zoned.rules.yaml's zone and
// external destinations), is accepted by Calico's client and stored. Each set is applied twice:
// without --default-deny (every object created), then with it (the same objects updated, as a
// second `apply` of the runbook does, and the per-namespace catch-alls created).
func TestAuditAcceptedByCalico(t *testing.T) {
	synthetic := filepath.Join(t.TempDir(), "synthetic.json")
	doc := synth.Generate(synth.Config{Services: 300, Links: 1200, Seed: 1, HeavyCallers: 2, HeavyFanout: 60, Namespaces: 6})
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(synthetic, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		min  int // objects expected at least, so that an empty rendering cannot pass
	}{
		{"online-boutique", []string{"../../examples/online-boutique/rules.yaml", "--service-label", "app"}, 12},
		{"zoned-bank", []string{"../../examples/pci/rules.yaml"}, 12},
		{"synthetic", []string{synthetic, "testdata/zoned.rules.yaml"}, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, extra := range [][]string{nil, {"--default-deny"}} {
				objs, file := render(t, append(slices.Clone(tc.args), extra...))
				if len(objs) < tc.min {
					t.Fatalf("netiso policies --audit %v wrote %d objects, want at least %d", extra, len(objs), tc.min)
				}
				ensureNamespaces(t, objs)
				start := time.Now()
				lines, err := apply(file)
				took := time.Since(start)
				if err != nil {
					t.Errorf("calico-apply (%v): %v", extra, err)
				}
				for _, o := range objs {
					if got := lines[o.id()]; got != "accepted" {
						t.Errorf("%s (%v): %s", o.id(), extra, cmp.Or(got, "not reported"))
					}
				}
				if len(lines) != len(objs) {
					t.Errorf("calico-apply reported %d objects, netiso wrote %d", len(lines), len(objs))
				}
				stored(t, file)
				t.Logf("%v: %d objects applied in %s", extra, len(objs), took.Round(time.Millisecond))
			}
		})
	}
}

// TestCalicoRefusesDottedNames: the path is Calico's, not only the CRD schema's (which admits
// any DNS subdomain): the names netiso wrote before, "netiso-audit-service.ledger" and shortened
// names with two dots, are refused as Calico refuses them. If this passes while
// TestAuditAcceptedByCalico fails, the names are wrong; if this fails, calico-apply is not
// checking what Calico checks.
func TestCalicoRefusesDottedNames(t *testing.T) {
	ensureNamespaces(t, []object{{Namespace: "bank"}})
	policy := func(name string) string {
		return fmt.Sprintf(`apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: %s, namespace: bank}
spec: {selector: "app == 'x'", types: [Ingress], ingress: [{action: Log}, {action: Allow}]}
`, name)
	}
	file := filepath.Join(t.TempDir(), "dotted.yaml")
	docs := policy("netiso-audit-service.ledger") + "---\n" + policy("netiso-audit-service.payments.core-b6110bcd02") + "---\n" + policy("netiso-audit-plain")
	if err := os.WriteFile(file, []byte(docs), 0o644); err != nil {
		t.Fatal(err)
	}
	lines, err := apply(file)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("calico-apply: %v, want exit status 1 (a refusal)", err)
	}
	for id, want := range map[string]string{
		"NetworkPolicy bank/netiso-audit-service.ledger":                   "refused: Incorrectly formatted policy name",
		"NetworkPolicy bank/netiso-audit-service.payments.core-b6110bcd02": "refused: ",
		"NetworkPolicy bank/netiso-audit-plain":                            "accepted",
	} {
		if !strings.HasPrefix(lines[id], want) {
			t.Errorf("%s: %q, want %q...", id, lines[id], want)
		}
	}
}

// object is a rendered object's identity.
type object struct{ Kind, Namespace, Name string }

func (o object) id() string { return o.Kind + " " + o.Namespace + "/" + o.Name }

// render runs `netiso policies --audit args...` and returns the objects it wrote and the file.
func render(t *testing.T, args []string) ([]object, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "audit.yaml")
	cmd := exec.Command(netisoBin, append([]string{"policies", "--audit", "-o", file}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("netiso policies --audit %v: %v\n%s", args, err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var objs []object
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		var u unstructured.Unstructured
		if err := dec.Decode(&u.Object); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if u.Object == nil {
			continue
		}
		if u.GetAPIVersion() != "projectcalico.org/v3" {
			t.Fatalf("%s %s: apiVersion %s, want projectcalico.org/v3", u.GetKind(), u.GetName(), u.GetAPIVersion())
		}
		objs = append(objs, object{u.GetKind(), u.GetNamespace(), u.GetName()})
	}
	return objs, file
}

// apply runs calico-apply on file and returns its verdict per object: "accepted" or "refused: why".
func apply(file string) (map[string]string, error) {
	cmd := exec.Command(applyBin, "-f", file)
	cmd.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "DATASTORE_TYPE=kubernetes")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	lines := map[string]string{}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		verdict, rest, _ := strings.Cut(sc.Text(), " ")
		switch verdict {
		case "accepted":
			lines[rest] = verdict
		case "refused":
			id, why, _ := strings.Cut(rest, ": ")
			lines[id] = "refused: " + why
		default:
			return lines, fmt.Errorf("unexpected line %q", sc.Text())
		}
	}
	return lines, err
}

// ensureNamespaces creates the objects' namespaces: the API server refuses a namespaced object in
// a namespace that does not exist.
func ensureNamespaces(t *testing.T, objs []object) {
	t.Helper()
	seen := map[string]bool{}
	for _, o := range objs {
		if seen[o.Namespace] {
			continue
		}
		seen[o.Namespace] = true
		err := k8s.Create(t.Context(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: o.Namespace}})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatal(err)
		}
	}
}

// stored checks that each object is in the datastore exactly as netiso's policy owner writes it
// (policy.Stored, which the owner applies in the audit stage): Calico's Kubernetes backend keeps a
// projectcalico.org/v3 NetworkPolicy as a crd.projectcalico.org/v1 one, a default-tier policy's
// name prefixed with "default." (libcalico-go's names.TieredPolicyName), its v3 metadata in an
// annotation. So what the owner writes is what Calico's own client would have.
func stored(t *testing.T, file string) {
	t.Helper()
	var list unstructured.UnstructuredList
	list.SetAPIVersion("crd.projectcalico.org/v1")
	list.SetKind("NetworkPolicyList")
	if err := k8s.List(t.Context(), &list); err != nil {
		t.Fatal(err)
	}
	have := map[string]*unstructured.Unstructured{}
	for i, u := range list.Items {
		have[u.GetNamespace()+"/"+u.GetName()] = &list.Items[i]
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	n := 0
	for {
		var p policy.CalicoPolicy
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		want, err := policy.Stored(&p)
		if err != nil {
			t.Fatal(err)
		}
		got := have[want.GetNamespace()+"/"+want.GetName()]
		switch {
		case got == nil:
			t.Errorf("%s/%s: not in the datastore", p.Metadata.Namespace, p.Metadata.Name)
		case !policy.SameStored(got, want):
			t.Errorf("%s/%s: Calico stored\n%v\nnetiso would store\n%v", p.Metadata.Namespace, p.Metadata.Name, got.Object, want.Object)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("%s: no policy", file)
	}
}
