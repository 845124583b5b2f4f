package matrix

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	appsv1 "k8s.io/api/apps/v1"
	networkingv1 "k8s.io/api/networking/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/discover"
	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/oracle"
)

const (
	boutique  = "../../testdata/online-boutique"
	shopNS    = "default" // the manifests name no namespace; neither do the upstream policies
	shopLabel = "app"
)

// TestBoutiqueDiscover: netiso discover finds, in the shop's own manifests, exactly the links the
// shop's authors allow in their hand-written policies. Their frontend policy admits everyone
// (ingress: [{}]), so a link to frontend (loadgenerator's) is not in their list: discover finds
// it, and marks frontend public, as its LoadBalancer Service makes it.
func TestBoutiqueDiscover(t *testing.T) {
	theirs, public := upstreamLinks(t)
	if len(theirs) != 15 || !slices.Equal(public, []string{"frontend"}) {
		t.Fatalf("upstream policies: %d links, public %v; want 15 links, public frontend", len(theirs), public)
	}
	res := discoverBoutique(t)
	var found []string
	for _, l := range res.Links {
		if !slices.Contains(public, l.Callee) {
			found = append(found, l.Caller+" -> "+l.Callee)
		}
	}
	if !slices.Equal(found, theirs) {
		t.Errorf("discovered links to non-public services:\n%v\nupstream policies allow:\n%v", found, theirs)
	}
	var toPublic []string
	for _, l := range res.Links {
		if slices.Contains(public, l.Callee) {
			toPublic = append(toPublic, l.Caller+" -> "+l.Callee)
		}
	}
	if !slices.Equal(toPublic, []string{"loadgenerator -> frontend"}) {
		t.Errorf("links to public services: %v, want loadgenerator -> frontend", toPublic)
	}
	for _, s := range res.Rules.Services {
		if s.Public != (s.Name == "frontend") {
			t.Errorf("%s: public %v", s.Name, s.Public)
		}
	}
	var missing []string
	for _, f := range res.Findings {
		if f.Kind.IsProblem() {
			missing = append(missing, fmt.Sprintf("%s %s", f.Kind, f.Reference))
		}
	}
	if !slices.Equal(missing, []string{"missing-service shoppingassistantservice:80"}) {
		t.Errorf("problems: %v, want only shoppingassistantservice:80 reported missing", missing)
	}

	// The example rules, written by hand from the same policies, agree too.
	example := compileFile(t, "../../examples/online-boutique/rules.yaml")
	var exampleLinks []string
	for _, name := range example.Names() {
		s, _ := example.Service(name)
		for _, callee := range s.Calls {
			exampleLinks = append(exampleLinks, name+" -> "+callee)
		}
	}
	if !slices.Equal(exampleLinks, theirs) {
		t.Errorf("example rules' links:\n%v\nupstream:\n%v", exampleLinks, theirs)
	}
}

// TestBoutiqueMatrix: the shop under our policies, with the labels the webhook gives its pods,
// allows exactly the traffic it allows under its authors' policies, with its pods' plain labels:
// every shop pod to every shop pod on every container port. Both the example rules and the rules
// discover writes from the manifests are checked; the pods run what the manifests say, so the
// identity anchors discover proposes (each service's ServiceAccount and image repositories) hold.
//
// Ingress is compared: their policies also have Egress rules ([{}] per service, allowing all, on
// top of deny-all), and ours have none; the test also checks their egress refuses none of these
// flows, so the whole verdicts agree as well.
func TestBoutiqueMatrix(t *testing.T) {
	workloads := boutiqueWorkloads(t)
	theirPolicies := upstreamPolicies(t)
	theirs := newCluster()
	theirs.namespace(shopNS, nil)
	for _, w := range workloads {
		p := &pod{name: w.Name, namespace: shopNS, labels: w.Spec.Template.Labels, probes: containerPorts(w)}
		theirs.pods = append(theirs.pods, p)
		if len(p.probes) > 0 {
			theirs.dsts = append(theirs.dsts, p)
		}
	}
	theirEngine := matcher.BuildNetworkPolicies(true, theirPolicies)

	discovered := discoverBoutique(t)
	for name, r := range map[string]*rules.Compiled{
		"example rules":    compileFile(t, "../../examples/online-boutique/rules.yaml"),
		"discovered rules": compile(t, discovered.Rules),
	} {
		t.Run(name, func(t *testing.T) {
			ours := newCluster()
			ours.namespace(shopNS, nil)
			cfg := mutate.Config{ServiceLabel: shopLabel, UnknownService: mutate.UnknownAllow}
			for i, tp := range theirs.pods {
				runs := mutate.WorkloadOf(&workloads[i].Spec.Template.Spec)
				p := &pod{name: tp.name, namespace: shopNS, labels: admitRunning(t, r, cfg, shopNS, tp.labels, runs), probes: tp.probes}
				ours.pods = append(ours.pods, p)
				if len(p.probes) > 0 {
					ours.dsts = append(ours.dsts, p)
				}
			}
			policies, err := policy.Generate(r, policy.Options{ServiceLabel: shopLabel, NetisoNamespace: "netiso-system", DefaultNamespace: shopNS})
			if err != nil {
				t.Fatal(err)
			}
			checkRelabelling(t, ours, policies)
			ourEngine := matcher.BuildNetworkPolicies(true, policies)

			questions, allowed := 0, 0
			for i, src := range ours.pods {
				for j, dst := range ours.dsts {
					for _, p := range dst.probes {
						theirSrc, theirDst := theirs.pods[i], theirs.dsts[j]
						tt := theirs.traffic(theirSrc, theirDst, p)
						want := theirEngine.IsIngressOrEgressAllowed(tt, true).IsAllowed()
						if !theirEngine.IsIngressOrEgressAllowed(tt, false).IsAllowed() {
							t.Errorf("%s -> %s on %s: their egress refuses it", src.name, dst.name, p)
						}
						got := ourEngine.IsTrafficAllowed(ours.traffic(src, dst, p)).IsAllowed()
						if got != want {
							t.Errorf("%s -> %s on %s: ours %v, theirs %v", src.name, dst.name, p, got, want)
						}
						questions++
						if got {
							allowed++
						}
					}
				}
			}
			// 15 links, and frontend open to all 12 shop pods.
			if allowed != 15+len(ours.pods) {
				t.Errorf("%d allowed, want %d", allowed, 15+len(ours.pods))
			}
			t.Logf("%d pods, %d questions, %d allowed: the same as under the upstream policies", len(ours.pods), questions, allowed)
		})
	}
}

func discoverBoutique(t *testing.T) *discover.Result {
	t.Helper()
	path := filepath.Join(boutique, "kubernetes-manifests.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := discover.Discover([]discover.File{{Name: path, Data: data}}, discover.Options{ServiceLabel: shopLabel, DefaultNamespace: shopNS})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// upstreamLinks reads the links the upstream policies allow, "caller -> callee" sorted, and the
// services that admit everyone.
func upstreamLinks(t *testing.T) (links, public []string) {
	for _, np := range upstreamPolicies(t) {
		callee := np.Spec.PodSelector.MatchLabels[shopLabel]
		if callee == "" {
			continue // deny-all
		}
		for _, rule := range np.Spec.Ingress {
			if len(rule.From) == 0 {
				public = append(public, callee)
			}
			for _, from := range rule.From {
				links = append(links, from.PodSelector.MatchLabels[shopLabel]+" -> "+callee)
			}
		}
	}
	slices.Sort(links)
	return links, public
}

func upstreamPolicies(t *testing.T) []*networkingv1.NetworkPolicy {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(boutique, "upstream-network-policies", "*.yaml"))
	if err != nil || len(files) != 13 {
		t.Fatalf("upstream policies: %d files, %v", len(files), err)
	}
	var out []*networkingv1.NetworkPolicy
	for _, f := range files {
		for _, doc := range yamlDocs(t, f) {
			var np networkingv1.NetworkPolicy
			if err := yaml.UnmarshalStrict(doc, &np); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			np.Namespace = shopNS
			out = append(out, &np)
		}
	}
	return out
}

func boutiqueWorkloads(t *testing.T) []*appsv1.Deployment {
	t.Helper()
	var out []*appsv1.Deployment
	for _, doc := range yamlDocs(t, filepath.Join(boutique, "kubernetes-manifests.yaml")) {
		var head struct{ Kind string }
		if err := yaml.Unmarshal(doc, &head); err != nil {
			t.Fatal(err)
		}
		if head.Kind != "Deployment" {
			continue
		}
		var d appsv1.Deployment
		if err := yaml.Unmarshal(doc, &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, &d)
	}
	if len(out) != 12 {
		t.Fatalf("%d Deployments in the shop, want 12", len(out))
	}
	return out
}

func containerPorts(d *appsv1.Deployment) []probe {
	var out []probe
	for _, c := range d.Spec.Template.Spec.Containers {
		for _, p := range c.Ports {
			out = append(out, probe{int(p.ContainerPort), oracle.Protocol(string(p.Protocol))})
		}
	}
	return out
}

func yamlDocs(t *testing.T, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var v any
		if err := yaml.Unmarshal(doc, &v); err == nil && v != nil {
			out = append(out, doc)
		}
	}
}

func compileFile(t *testing.T, path string) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return compile(t, doc)
}

func compile(t *testing.T, doc *rules.Document) *rules.Compiled {
	t.Helper()
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
