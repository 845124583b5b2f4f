package mutate

import (
	"math/rand/v2"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/rules"
)

// UpToDate is the reconciler's question and Decide the webhook's answer: a pod is up to date exactly
// when netiso's own UPDATE would change none of its labels. Checked on named cases and on random
// label sets built from the keys the rules grant, forged keys, other values and identities.
func TestUpToDateAgreesWithDecide(t *testing.T) {
	r := rulestest.File(t, "testdata/rules.yaml")
	opts := r.Options()
	frontend, _ := r.Lookup("frontend", "shop")
	cases := []struct {
		name      string
		labels    map[string]string
		namespace string
		want      bool
	}{
		{"exactly the grant", frontend.Labels(), "shop", true},
		{"no identity, no managed label", map[string]string{"team": "x"}, "shop", true},
		{"a forged key", with(frontend.Labels(), opts.CalleeKey("paymentservice"), "true"), "shop", false},
		{"a granted key with another value", with(frontend.Labels(), frontend.Keys[0], "false"), "shop", false},
		{"short of the grant", without(frontend.Labels(), frontend.Keys[0]), "shop", false},
		{"outside its namespaces, with its grant", withIdentity(grantOf(r, "checkoutservice", "shop"), "checkoutservice"), "elsewhere", false},
		{"outside its namespaces, bare", map[string]string{"app": "checkoutservice"}, "elsewhere", true},
		{"unknown service with a managed key", map[string]string{"app": "nope", opts.CalleeKey("cartservice"): "true"}, "shop", false},
	}
	for _, tc := range cases {
		if tc.name != "no identity, no managed label" && tc.labels["app"] == "" {
			tc.labels["app"] = "frontend"
		}
		if got := UpToDate(tc.labels, tc.namespace, nil, r, testConfig, nil); got != tc.want {
			t.Errorf("%s: UpToDate = %v, want %v (labels %v)", tc.name, got, tc.want, tc.labels)
		}
		checkAgrees(t, r, tc.labels, tc.namespace)
	}

	var keys []string
	for _, s := range r.Names() {
		g, _ := r.Lookup(s, "shop")
		keys = append(keys, g.Keys...)
		keys = append(keys, opts.CalleeKey(s))
	}
	services := append(r.Names(), "unknown")
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		labels := map[string]string{}
		if rnd.IntN(5) > 0 {
			labels["app"] = services[rnd.IntN(len(services))]
		}
		if rnd.IntN(2) == 0 { // start from a real grant: the interesting pods are near one
			g, _ := r.Lookup(labels["app"], "shop")
			for _, k := range g.Keys {
				labels[k] = rules.LabelValue
			}
		}
		for range rnd.IntN(3) {
			k, v := keys[rnd.IntN(len(keys))], rules.LabelValue
			if rnd.IntN(4) == 0 {
				v = "yes"
			}
			if rnd.IntN(3) == 0 {
				delete(labels, k)
			} else {
				labels[k] = v
			}
		}
		checkAgrees(t, r, labels, []string{"shop", "payments", "elsewhere"}[rnd.IntN(3)])
	}
}

func checkAgrees(t *testing.T, r *rules.Compiled, labels map[string]string, ns string) {
	t.Helper()
	pod := Meta{Name: "p", Namespace: ns, Labels: labels}
	d := Decide(Input{Operation: admissionv1.Update, Namespace: ns, Pod: pod, OldPod: &pod, ByReconciler: true}, r, testConfig)
	added, removed := d.Changes(pod)
	if want := len(added)+len(removed) == 0; UpToDate(labels, ns, nil, r, testConfig, nil) != want {
		t.Fatalf("UpToDate(%v, %s) = %v, but Decide adds %v and removes %v", labels, ns, !want, added, removed)
	}
}

func grantOf(r *rules.Compiled, service, ns string) map[string]string {
	g, _ := r.Lookup(service, ns)
	return g.Labels()
}

func with(m map[string]string, k, v string) map[string]string { m[k] = v; return m }
func without(m map[string]string, k string) map[string]string { delete(m, k); return m }
func withIdentity(m map[string]string, s string) map[string]string {
	m["app"] = s
	return m
}
