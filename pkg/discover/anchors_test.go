package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// anchorsOf is a result's anchors in short: "service field value @ kind where text ..." for each
// piece of evidence.
func anchorsOf(res *Result) []string {
	var out []string
	for _, a := range res.Anchors {
		s := a.Service + " " + a.Field + " " + a.Value + " @"
		for _, e := range a.Evidence {
			s += " " + string(e.Kind) + " " + e.Where + " " + e.Text
		}
		out = append(out, s)
	}
	return out
}

// discoverAnchors discovers from one manifest file and checks the anchors are want (anchorsOf).
func discoverAnchors(t *testing.T, file, data string, want []string) *Result {
	t.Helper()
	res, err := Discover([]File{{Name: file, Data: []byte(data)}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := anchorsOf(res); !reflect.DeepEqual(got, want) {
		t.Errorf("anchors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return res
}

// TestDiscoverAnchors: the repositories of a service's images (init containers' too), normalized as
// the webhook reads them, and the ServiceAccount it runs as, each with the file and line that show
// it; none that one of its workloads would fail.
func TestDiscoverAnchors(t *testing.T) {
	const m = `# the shop
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/name: web}}
    spec:
      serviceAccountName: web
      initContainers:
        - name: migrate
          image: registry.example.com:5000/shop/migrate:v1
      containers:
        - name: server
          image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000
        - name: sidecar
          image: registry.example.com:5000/shop/proxy
---
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker-a}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/name: worker}}
    spec:
      serviceAccountName: worker
      containers: [{name: w, image: ghcr.io/shop/worker:2}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: worker-nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app.kubernetes.io/name: worker}}
        spec:
          containers: [{name: w, image: ghcr.io/shop/worker:2}]
---
apiVersion: v1
kind: Pod
metadata: {name: templated, labels: {app.kubernetes.io/name: templated}}
spec:
  serviceAccountName: default
  containers: [{name: c, image: "${IMAGE}"}, {name: d, image: busybox}]
`
	res := discoverAnchors(t, "m.yaml", m, []string{
		"web serviceAccounts web @ service-account m.yaml:9 web",
		"web repositories registry.example.com:5000/shop/migrate @ image m.yaml:12 registry.example.com:5000/shop/migrate:v1",
		"web repositories index.docker.io/library/nginx @ image m.yaml:15 nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000",
		"web repositories registry.example.com:5000/shop/proxy @ image m.yaml:17 registry.example.com:5000/shop/proxy",
		"worker repositories ghcr.io/shop/worker @ image m.yaml:28 ghcr.io/shop/worker:2 image m.yaml:40 ghcr.io/shop/worker:2",
	})
	_, findings := summary(res)
	if want := []string{"no-anchor ${IMAGE}", "no-anchor "}; !reflect.DeepEqual(findings, want) {
		t.Errorf("findings %q, want %q", findings, want)
	}
	for _, f := range res.Findings {
		if f.Reference == "" && !strings.Contains(f.Message, "runs as the default ServiceAccount while another workload of worker runs as worker") {
			t.Errorf("finding %s", f)
		}
	}
	ids := map[string]*rules.Identity{}
	for _, s := range res.Rules.Services {
		ids[s.Name] = s.Identity
	}
	if want := (rules.Identity{ServiceAccounts: []string{"web"}, Repositories: []string{"index.docker.io/library/nginx",
		"registry.example.com:5000/shop/migrate", "registry.example.com:5000/shop/proxy"}}); ids["web"] == nil || !reflect.DeepEqual(*ids["web"], want) {
		t.Errorf("web's identity %+v, want %+v", ids["web"], want)
	}
	if ids["templated"] != nil || ids["worker"] == nil || ids["worker"].ServiceAccounts != nil {
		t.Errorf("templated %+v, worker %+v: want none, and worker's repository alone", ids["templated"], ids["worker"])
	}
	if _, err := rules.Compile(res.Rules, rules.DefaultOptions()); err != nil {
		t.Errorf("the rules do not compile: %v", err)
	}
}

// TestDiscoverAnchorsInAList: in a List, each item's container is found by name.
func TestDiscoverAnchorsInAList(t *testing.T) {
	const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a, labels: {app.kubernetes.io/name: a}}
    spec:
      containers:
        - name: a
          image: registry.example.com/a
  - apiVersion: v1
    kind: Pod
    metadata: {name: b, labels: {app.kubernetes.io/name: b}}
    spec:
      serviceAccountName: b
      containers:
        - name: b
          image: registry.example.com/b
`
	discoverAnchors(t, "list.yaml", list, []string{
		"a repositories registry.example.com/a @ image list.yaml:10 registry.example.com/a",
		"b serviceAccounts b @ service-account list.yaml:15 b",
		"b repositories registry.example.com/b @ image list.yaml:18 registry.example.com/b",
	})
}

// TestBoutiqueAnchors: the Online Boutique's manifests name each service's image and, but for
// Redis, its ServiceAccount: discover proposes both, each at its line of the manifests.
func TestBoutiqueAnchors(t *testing.T) {
	path := filepath.Join(boutique, "kubernetes-manifests.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Discover([]File{{Name: path, Data: data}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	const demo = "us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/"
	for _, s := range res.Rules.Services {
		want := rules.Identity{ServiceAccounts: []string{s.Name}, Repositories: []string{demo + s.Name}}
		switch s.Name {
		case "redis-cart":
			want = rules.Identity{Repositories: []string{"index.docker.io/library/redis"}}
		case "loadgenerator":
			want.Repositories = []string{"index.docker.io/library/busybox", demo + "loadgenerator"}
		}
		if s.Identity == nil || !reflect.DeepEqual(*s.Identity, want) {
			t.Errorf("%s: identity %+v, want %+v", s.Name, s.Identity, want)
		}
	}
	lines := strings.Split(string(data), "\n")
	for _, a := range res.Anchors {
		for _, e := range a.Evidence {
			file, line, _ := strings.Cut(e.Where, ".yaml:")
			n, err := strconv.Atoi(line)
			if file+".yaml" != path || err != nil || !strings.Contains(lines[n-1], e.Text) {
				t.Errorf("%s %s: evidence %s: the line does not show %q", a.Service, a.Value, e.Where, e.Text)
			}
		}
	}
	if got := anchorsOf(res); !strings.Contains(strings.Join(got, "\n"), "frontend serviceAccounts frontend @ service-account "+path+":38 frontend\n"+
		"frontend repositories "+demo+"frontend @ image "+path+":53 "+demo+"frontend:v0.10.6") {
		t.Errorf("frontend's anchors:\n%s", strings.Join(got, "\n"))
	}
}

// TestSockShopAnchors: Sock Shop's images, from Docker Hub by short names, read in full; its pods
// run as the default ServiceAccount, so no serviceAccounts anchor.
func TestSockShopAnchors(t *testing.T) {
	var files []File
	paths, err := filepath.Glob(filepath.Join(sockShop, "manifests", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("%v: no manifests", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: p, Data: data})
	}
	res, err := Discover(files, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, s := range res.Rules.Services {
		if s.Identity == nil || len(s.Identity.ServiceAccounts) > 0 {
			t.Errorf("%s: identity %+v, want repositories alone", s.Name, s.Identity)
			continue
		}
		got[s.Name] = s.Identity.Repositories
	}
	for name, want := range map[string][]string{
		"carts":    {"index.docker.io/weaveworksdemos/carts"},
		"carts-db": {"index.docker.io/library/mongo"},
		"rabbitmq": {"index.docker.io/kbudde/rabbitmq-exporter", "index.docker.io/library/rabbitmq"},
	} {
		if !reflect.DeepEqual(got[name], want) {
			t.Errorf("%s: repositories %q, want %q", name, got[name], want)
		}
	}
	for _, a := range res.Anchors {
		if a.Service == "rabbitmq" && strings.HasSuffix(a.Value, "exporter") && a.Evidence[0].Where != filepath.Join(sockShop, "manifests", "19-rabbitmq-dep.yaml")+":40" {
			t.Errorf("the exporter's evidence %+v, want its line 40", a.Evidence)
		}
	}
}
