package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/discover/source"
	"github.com/netiso/netiso/pkg/rules"
)

const boutique = "../../testdata/online-boutique"

// sourcesOf are the trees of dir's subdirectories, as --sources names them, and protos as a tree
// without a service.
func sourcesOf(t *testing.T, dir string, protos ...string) []source.Tree {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var trees []source.Tree
	for _, e := range entries {
		if e.IsDir() {
			trees = append(trees, source.Tree{Name: e.Name(), Dir: filepath.Join(dir, e.Name())})
		}
	}
	for _, p := range protos {
		trees = append(trees, source.Tree{Dir: p})
	}
	return trees
}

// policyGraph reads the links ("caller -> callee") that NetworkPolicies allow, selecting pods by
// label, and the ports each callee admits on.
func policyGraph(t *testing.T, dir, label string) (links []string, ports map[string][]rules.Port) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no policies in %s: %v", dir, err)
	}
	ports = map[string][]rules.Port{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var np networkingv1.NetworkPolicy
		if err := yaml.Unmarshal(data, &np); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		callee := np.Spec.PodSelector.MatchLabels[label]
		if callee == "" {
			continue // deny-all
		}
		for _, r := range np.Spec.Ingress {
			for _, from := range r.From {
				if from.PodSelector != nil && from.PodSelector.MatchLabels[label] != "" {
					links = append(links, from.PodSelector.MatchLabels[label]+" -> "+callee)
				}
			}
			for _, pp := range r.Ports {
				if pp.Port != nil {
					ports[callee] = append(ports[callee], rules.Port{Port: pp.Port.IntVal, Protocol: string(*pp.Protocol)})
				}
			}
		}
	}
	slices.Sort(links)
	return links, ports
}

// written are the links a result writes into its rules, "caller -> callee", sorted.
func written(res *Result) []string {
	var out []string
	for _, s := range res.Rules.Services {
		for _, c := range s.Calls {
			out = append(out, s.Name+" -> "+c)
		}
	}
	slices.Sort(out)
	return out
}

func linkOf(res *Result, name string) *Link {
	for i, l := range res.Links {
		if l.Caller+" -> "+l.Callee == name {
			return &res.Links[i]
		}
	}
	return nil
}

func hasKind(l *Link, k EvidenceKind) bool {
	return l != nil && slices.ContainsFunc(l.Evidence, func(e Evidence) bool { return e.Kind == k && e.Weak == "" })
}

// refusedByAuthors is a written link the upstream policies would refuse: not one they list, and
// not to frontend (which admits every caller) nor to the shopping assistant (code, no workload).
func refusedByAuthors(link string, upstream []string) bool {
	return !slices.Contains(upstream, link) && !strings.HasSuffix(link, " -> frontend") && !strings.HasSuffix(link, " -> shoppingassistantservice")
}

// TestBoutiqueFromCode: from the services' code alone (no manifests), discover finds the 14 gRPC
// links of the authors' policies, each by gRPC evidence, and nothing they would refuse. The
// trees keep the generated gRPC code of two services, which defines every client and server.
func TestBoutiqueFromCode(t *testing.T) {
	upstream, _ := policyGraph(t, filepath.Join(boutique, "upstream-network-policies"), "app")
	if len(upstream) != 15 {
		t.Fatalf("%d upstream links, want 15: %q", len(upstream), upstream)
	}
	res, err := Run(Input{Trees: sourcesOf(t, filepath.Join(boutique, "src"), filepath.Join(boutique, "protos"))}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := written(res)
	grpcLinks := 0
	for _, link := range upstream {
		if link == "cartservice -> redis-cart" {
			continue // Redis, no gRPC; its address comes from the manifests
		}
		grpcLinks++
		if !slices.Contains(got, link) || !hasKind(linkOf(res, link), GRPC) {
			t.Errorf("%s: not written from gRPC evidence; got %+v", link, linkOf(res, link))
		}
	}
	for _, link := range got {
		if refusedByAuthors(link, upstream) {
			t.Errorf("%s written, which the authors' policies refuse: %v", link, linkOf(res, link).Evidence)
		}
	}
	if grpcLinks != 14 {
		t.Errorf("%d gRPC links upstream, want 14", grpcLinks)
	}
	if len(res.Rules.Services) != 12 {
		t.Errorf("%d services, want the 12 trees", len(res.Rules.Services))
	}
	if _, err := rules.Compile(res.Rules, rules.DefaultOptions()); err != nil {
		t.Errorf("rules do not compile: %v", err)
	}
	t.Logf("written from code alone: %d links, %q", len(got), got)
}

// TestBoutiqueWithManifests: code and manifests together give all 15 links, each callee on the
// ports the authors' policies open; the identity label (app, not the default) is inferred and
// said; cartservice's call to Redis is the env var the manifests bind and its code reads.
func TestBoutiqueWithManifests(t *testing.T) {
	upstream, ports := policyGraph(t, filepath.Join(boutique, "upstream-network-policies"), "app")
	path := filepath.Join(boutique, "kubernetes-manifests.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(Input{Manifests: []File{{Name: path, Data: data}}, Trees: sourcesOf(t, filepath.Join(boutique, "src"), filepath.Join(boutique, "protos"))}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.ServiceLabel != "app" || !slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Kind == InferredLabel }) {
		t.Errorf("identity label %q, findings %v: want app, inferred and said", res.ServiceLabel, res.Findings)
	}
	got := written(res)
	for _, link := range upstream {
		if !slices.Contains(got, link) {
			t.Errorf("%s: not written", link)
		}
	}
	for _, link := range got {
		if refusedByAuthors(link, upstream) {
			t.Errorf("%s written, which the authors' policies refuse", link)
		}
	}
	redis := linkOf(res, "cartservice -> redis-cart")
	if !hasKind(redis, Manifest) || !hasKind(redis, EnvRead) {
		t.Errorf("cartservice -> redis-cart: evidence %v, want the manifest's env var and the code reading it", redis)
	}
	for _, s := range res.Rules.Services {
		if want, ok := ports[s.Name]; ok && !slices.Equal(s.Ports, want) {
			t.Errorf("%s: ports %v, the authors' policy opens %v", s.Name, s.Ports, want)
		}
	}
	if !slices.ContainsFunc(res.Findings, func(f Finding) bool {
		return f.Kind == UnknownTree && f.Reference == "shoppingassistantservice"
	}) {
		t.Errorf("the shopping assistant's tree (no workload) is not reported: %v", res.Findings)
	}
	t.Logf("written: %d links", len(got))
}
