//go:build e2e

package e2e

import (
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/netiso/netiso/pkg/explain"
	"github.com/netiso/netiso/pkg/scope"
)

var buildCLI = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(binDir, "netiso")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/netiso/netiso/cmd/netiso").CombinedOutput()
	if err != nil {
		return "", &exec.ExitError{Stderr: out}
	}
	return bin, nil
})

// explainLive runs `netiso explain` against the cluster, as an operator would: the pod and the
// rules as the webhook serves them are read from the API.
func explainLive(t *testing.T, ns, name string, extra ...string) explain.PodExplanation {
	t.Helper()
	bin, err := buildCLI()
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"explain", "--kubeconfig", userKubeconfig, "--rules-configmap", netisoNamespace + "/" + rulesConfigMap,
		"--pod", ns + "/" + name, "--service-label", serviceLabel, "--netiso-namespace", netisoNamespace, "-o", "json"}, extra...)
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		var stderr []byte
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			stderr = ee.Stderr
		}
		t.Fatalf("netiso %v: %v\n%s", args, err, stderr)
	}
	var e explain.PodExplanation
	if err := json.Unmarshal(out, &e); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return e
}

// `netiso explain --pod` answers for a live pod: labelled by the rules in force, each label granted
// and why; a label asked about that the pod lacks, and who may have it; a pod in an exempt
// namespace read with its namespace's labels.
func TestExplainLivePod(t *testing.T) {
	p := pod(bankNamespace, "checkoutservice", nil)
	create(t, p)
	r := compiled(t, baseRules)
	e := explainLive(t, bankNamespace, p.Name, "--label", r.Options().CalleeKey("redis-cart"))
	if e.State != explain.StateCurrent || e.RulesVersion != r.Hash() || e.PodVersion != r.Hash() || e.Service != "checkoutservice" {
		t.Errorf("%+v", e)
	}
	grant := grantOf(t, r, "checkoutservice", bankNamespace)
	for _, l := range e.Labels {
		_, granted := grant[l.Key]
		switch {
		case l.Key == r.Options().CalleeKey("redis-cart"):
			if l.OnPod || l.Granted || l.Why == "" {
				t.Errorf("the label asked about: %+v", l)
			}
		case !granted || !l.OnPod || !l.Granted:
			t.Errorf("%+v: want granted and carried", l)
		}
	}
	if len(e.Labels) != len(grant)+1 || len(e.Notes) != 0 {
		t.Errorf("%d labels for a grant of %d, notes %q", len(e.Labels), len(grant), e.Notes)
	}

	exempt := pod(newNamespace(t, map[string]string{scope.ExemptLabel: "true"}), "checkoutservice", map[string]string{r.Options().CalleeKey("redis-cart"): "true"})
	create(t, exempt)
	if e := explainLive(t, exempt.Namespace, exempt.Name); e.State != explain.StateExempt {
		t.Errorf("a pod in an exempt namespace: %+v", e)
	}
}
