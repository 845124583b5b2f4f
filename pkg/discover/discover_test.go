package discover

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// deployment is a Deployment of identity app (label app.kubernetes.io/name) in namespace ns ("" for
// none), with one container: ports "name:port" or "port", and env NAME=value pairs.
func deployment(name, ns string, ports []string, env ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n", name)
	if ns != "" {
		fmt.Fprintf(&b, "  namespace: %s\n", ns)
	}
	fmt.Fprintf(&b, "spec:\n  selector: {matchLabels: {app: %s}}\n  template:\n    metadata:\n      labels: {app: %s, app.kubernetes.io/name: %s}\n", name, name, name)
	b.WriteString("    spec:\n      containers:\n      - name: main\n        image: x\n")
	if len(ports) > 0 {
		b.WriteString("        ports:\n")
		for _, p := range ports {
			if n, port, ok := strings.Cut(p, ":"); ok {
				fmt.Fprintf(&b, "        - {name: %s, containerPort: %s}\n", n, port)
			} else {
				fmt.Fprintf(&b, "        - {containerPort: %s}\n", p)
			}
		}
	}
	if len(env) > 0 {
		b.WriteString("        env:\n")
		for i := 0; i+1 < len(env); i += 2 {
			fmt.Fprintf(&b, "        - {name: %s, value: %q}\n", env[i], env[i+1])
		}
	}
	return b.String()
}

// svc is a Service selecting app=name in ns, with ports "port" or "port>target".
func svc(name, ns string, ports ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n", name)
	if ns != "" {
		fmt.Fprintf(&b, "  namespace: %s\n", ns)
	}
	fmt.Fprintf(&b, "spec:\n  selector: {app: %s}\n  ports:\n", name)
	for _, p := range ports {
		port, target, ok := strings.Cut(p, ">")
		if ok {
			fmt.Fprintf(&b, "  - {port: %s, targetPort: %s}\n", port, target)
		} else {
			fmt.Fprintf(&b, "  - {port: %s}\n", port)
		}
	}
	return b.String()
}

func docs(ds ...string) []File {
	return []File{{Name: "m.yaml", Data: []byte(strings.Join(ds, "---\n"))}}
}

// summary is a result in short: links "caller -> callee ports", findings "kind reference".
func summary(r *Result) (links, findings []string) {
	for _, l := range r.Links {
		var ports []string
		for _, p := range l.Ports {
			ports = append(ports, fmt.Sprintf("%d/%s", p.Port, p.Protocol))
		}
		links = append(links, l.Caller+" -> "+l.Callee+" "+strings.Join(ports, ","))
	}
	for _, f := range r.Findings {
		findings = append(findings, string(f.Kind)+" "+f.Reference)
	}
	return links, findings
}

func TestDiscover(t *testing.T) {
	b := svc("b", "", "80>8080") + "---\n" + deployment("b", "", []string{"8080"})
	cases := []struct {
		name     string
		files    []File
		links    []string
		findings []string
	}{
		{"svc:port maps the Service port to the pod port",
			docs(deployment("a", "", nil, "B_ADDR", "b:80"), b),
			[]string{"a -> b 8080/TCP"}, nil},
		{"a named targetPort is the container port of that name",
			docs(deployment("a", "", nil, "B", "b:5000"), svc("b", "", "5000>grpc"), deployment("b", "", []string{"http:8080", "grpc:9000"})),
			[]string{"a -> b 9000/TCP"}, nil},
		{"svc.ns across namespaces",
			docs(deployment("a", "x", nil, "B", "b.other:80"), svc("b", "other", "80>8080"), deployment("b", "other", []string{"8080"})),
			[]string{"a -> b 8080/TCP"}, nil},
		{"svc.ns.svc.cluster.local in a URL in a flag",
			docs(deployment("a", "x", nil, "ARGS", "--upstream=http://b.other.svc.cluster.local:80/api?v=1"), svc("b", "other", "80>8080"), deployment("b", "other", []string{"8080"})),
			[]string{"a -> b 8080/TCP"}, nil},
		{"a StatefulSet pod's name behind a headless Service",
			docs(deployment("a", "", nil, "DB", "b-0.b.default.svc:80"), b),
			[]string{"a -> b 8080/TCP"}, nil},
		{"a URL's scheme gives the port",
			docs(deployment("a", "", nil, "B", "http://b/health"), b),
			[]string{"a -> b 8080/TCP"}, nil},
		{"gRPC's dns:/// target",
			docs(deployment("a", "", nil, "B", "dns:///b:80"), b),
			[]string{"a -> b 8080/TCP"}, nil},
		{"a bare name as the whole value; the Service's only port",
			docs(deployment("a", "", nil, "B_HOST", "b"), b),
			[]string{"a -> b 8080/TCP"}, nil},
		{"a bare name inside prose is not a reference",
			docs(deployment("a", "", nil, "GREETING", "say b to everyone", "X", "b.txt"), b),
			nil, nil},
		{"words and numbers are not references, nor reported",
			docs(deployment("a", "", nil, "DEBUG", "true", "PORT", "8080", "AT", "12:30", "LOG", "INFO:3"), b),
			nil, nil},
		{"external names, IPs and localhost are not reported",
			docs(deployment("a", "", nil, "A", "example.com:443", "B", "localhost:8080", "C", "10.0.0.1:80", "D", "https://api.stripe.com/v1", "E", ":8080"), b),
			nil, nil},
		{"a missing Service is reported, not invented",
			docs(deployment("a", "", nil, "S", "shoppingassistantservice:80"), b),
			nil, []string{"missing-service shoppingassistantservice:80"}},
		{"a missing Service in a known namespace, or named in full, is reported",
			docs(deployment("a", "x", nil, "S", "c.other:80", "T", "d.elsewhere.svc.cluster.local"), svc("b", "other", "80"), deployment("b", "other", nil)),
			nil, []string{"missing-service c.other:80", "missing-service d.elsewhere.svc.cluster.local"}},
		{"a port the Service does not expose is reported",
			docs(deployment("a", "", nil, "B", "b:8080"), b),
			nil, []string{"port-not-exposed b:8080"}},
		{"a named targetPort the pods do not have is reported",
			docs(deployment("a", "", nil, "B", "b:80"), svc("b", "", "80>grpc"), deployment("b", "", []string{"8080"})),
			nil, []string{"port-not-exposed b:80"}},
		{"a Service that selects nothing is reported",
			docs(deployment("a", "", nil, "B", "b:80"), svc("b", "", "80")),
			nil, []string{"no-workload b:80"}},
		{"no port named and several exposed: all, noted",
			docs(deployment("a", "", nil, "B", "b"), svc("b", "", "80>8080", "9090"), deployment("b", "", []string{"8080", "9090"})),
			[]string{"a -> b 8080/TCP,9090/TCP"}, []string{"all-ports b"}},
		{"a workload naming its own Service",
			docs(deployment("b", "", []string{"8080"}, "SELF", "b:80"), svc("b", "", "80>8080")),
			nil, []string{"self-reference b:80"}},
		{"a password in a URL never reaches a report",
			docs(deployment("a", "", nil, "R", "redis://:hunter2@cache:6379/0", "P", "postgres://app:hunter2@pg/db"), b),
			nil, []string{"missing-service redis://cache:6379/0", "missing-service postgres://app@pg/db"}},
		{"a workload without the identity label",
			docs("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: x, env: [{name: B, value: 'b:80'}]}\n", b),
			nil, []string{"no-identity "}},
		{"UDP",
			docs(deployment("a", "", nil, "DNS", "dns:53"), "apiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  selector: {app: dns}\n  ports: [{port: 53, protocol: UDP}]\n", deployment("dns", "", nil)),
			[]string{"a -> dns 53/UDP"}, nil},
		{"an ExternalName Service is outside the cluster",
			docs(deployment("a", "", nil, "DB", "db:5432"), "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: ExternalName, externalName: db.example.com}\n"),
			nil, []string{"external-name db:5432"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Discover(tc.files, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			links, findings := summary(res)
			if !slices.Equal(links, tc.links) || !slices.Equal(findings, tc.findings) {
				t.Errorf("links %q, findings %q\nwant links %q, findings %q", links, findings, tc.links, tc.findings)
			}
			for _, f := range res.Findings {
				if strings.Contains(f.String(), "hunter2") {
					t.Errorf("a finding repeats a password: %s", f)
				}
			}
			if _, err := rules.Compile(res.Rules, rules.DefaultOptions()); err != nil {
				t.Errorf("discovered rules do not compile: %v", err)
			}
		})
	}
}

func TestDiscoverSources(t *testing.T) {
	b := svc("b", "", "80>8080") + "---\n" + deployment("b", "", []string{"8080"})
	pod := func(kind, spec string) string {
		group := "apps/v1"
		if kind == "Job" || kind == "CronJob" {
			group = "batch/v1"
		}
		return "apiVersion: " + group + "\nkind: " + kind + "\nmetadata: {name: w}\nspec:\n" + spec
	}
	template := func(indent string) string {
		return strings.ReplaceAll("template:\n  metadata: {labels: {app.kubernetes.io/name: a}}\n  spec:\n    containers:\n    - name: c\n      image: x\n      CONTAINER\n", "\n", "\n"+indent)
	}
	cases := map[string]struct {
		container string // the container's fields that name b
		kind      string // workload kind, Deployment by default
		extra     string // more documents
	}{
		"env value":                  {container: "env: [{name: B, value: 'b:80'}]"},
		"args":                       {container: "args: ['--b', 'http://b:80']"},
		"command":                    {container: "command: ['/app', '-upstream=b:80']"},
		"env from a ConfigMap key":   {container: "env: [{name: B, valueFrom: {configMapKeyRef: {name: cfg, key: addr}}}]", extra: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {addr: 'b:80'}\n"},
		"envFrom a ConfigMap":        {container: "envFrom: [{configMapRef: {name: cfg}}]", extra: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {B_ADDR: 'b:80', OTHER: 'x'}\n"},
		"a StatefulSet":              {container: "env: [{name: B, value: 'b:80'}]", kind: "StatefulSet"},
		"a DaemonSet":                {container: "env: [{name: B, value: 'b:80'}]", kind: "DaemonSet"},
		"a Job":                      {container: "env: [{name: B, value: 'b:80'}]", kind: "Job"},
		"a CronJob":                  {container: "env: [{name: B, value: 'b:80'}]", kind: "CronJob"},
		"a Pod":                      {container: "env: [{name: B, value: 'b:80'}]", kind: "Pod"},
		"an init container's values": {container: "env: [{name: B, value: 'b:80'}]", kind: "init"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var w string
			tmpl := strings.ReplaceAll(template("  "), "CONTAINER", strings.ReplaceAll(tc.container, "\n", "\n      "))
			switch tc.kind {
			case "", "Deployment", "StatefulSet", "DaemonSet":
				w = pod(cmpOr(tc.kind, "Deployment"), "  selector: {matchLabels: {app.kubernetes.io/name: a}}\n  "+tmpl)
			case "Job":
				w = pod("Job", "  "+tmpl)
			case "CronJob":
				w = pod("CronJob", "  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      "+strings.ReplaceAll(tmpl, "\n", "\n    "))
			case "Pod":
				w = "apiVersion: v1\nkind: Pod\nmetadata: {name: w, labels: {app.kubernetes.io/name: a}}\nspec:\n  containers:\n  - name: c\n    image: x\n    " + tc.container + "\n"
			case "init":
				w = "apiVersion: v1\nkind: Pod\nmetadata: {name: w, labels: {app.kubernetes.io/name: a}}\nspec:\n  initContainers:\n  - name: wait\n    image: x\n    " + tc.container + "\n  containers:\n  - {name: c, image: x}\n"
			}
			all := []string{strings.TrimRight(w, " \n") + "\n", b}
			if tc.extra != "" {
				all = append(all, tc.extra)
			}
			res, err := Discover(docs(all...), DefaultOptions())
			if err != nil {
				t.Fatalf("%v\n%s", err, w)
			}
			if links, findings := summary(res); !slices.Equal(links, []string{"a -> b 8080/TCP"}) || len(findings) > 0 {
				t.Errorf("links %q, findings %q\n%s", links, findings, w)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestDiscoverRules(t *testing.T) {
	files := docs(
		deployment("web", "shop", []string{"8080"}, "API", "api:80"),
		"apiVersion: v1\nkind: Service\nmetadata: {name: web-lb, namespace: shop}\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 443, targetPort: 8080}]\n",
		svc("api", "shop", "80>9000"), deployment("api", "shop", []string{"9000"}, "DB", "db.data:5432"),
		svc("db", "data", "5432"), deployment("db", "data", []string{"5432"}),
		deployment("admin", "shop", []string{"7000"}),
		svc("admin", "shop", "80>7000"),
		"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: admin, namespace: shop}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}\n",
		"apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ignored}\n",
	)
	res, err := Discover(files, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []rules.Service{
		{Name: "admin", Namespaces: []string{"shop"}, Public: true, Ports: []rules.Port{{Port: 7000, Protocol: "TCP"}}, Source: "discover"},
		{Name: "api", Namespaces: []string{"shop"}, Calls: []string{"db"}, Ports: []rules.Port{{Port: 9000, Protocol: "TCP"}}, Source: "discover"},
		{Name: "db", Namespaces: []string{"data"}, Ports: []rules.Port{{Port: 5432, Protocol: "TCP"}}, Source: "discover"},
		{Name: "web", Namespaces: []string{"shop"}, Calls: []string{"api"}, Public: true, Ports: []rules.Port{{Port: 8080, Protocol: "TCP"}}, Source: "discover"},
	}
	got := slices.Clone(res.Rules.Services)
	for i, s := range got {
		// Every workload runs image x, as every pod from Docker Hub's library/x; anchors.go's tests look closer.
		if s.Identity == nil || fmt.Sprint(*s.Identity) != fmt.Sprint(rules.Identity{Repositories: []string{"index.docker.io/library/x"}}) {
			t.Errorf("%s: identity %+v, want its image's repository", s.Name, s.Identity)
		}
		got[i].Identity = nil
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rules\n%+v\nwant\n%+v", got, want)
	}
}

func TestDiscoverErrors(t *testing.T) {
	cases := map[string]struct {
		data, want string
	}{
		"invalid YAML":            {"apiVersion: v1\nkind: Service\nmetadata: [", "m.yaml: document 1: "},
		"no apiVersion":           {"kind: Service\nmetadata: {name: a}\n", "m.yaml: document 1: Service a: no apiVersion"},
		"a field of a wrong type": {"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: many}\n", "m.yaml: document 1: Deployment d:"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Discover([]File{{Name: "m.yaml", Data: []byte(tc.data)}}, DefaultOptions())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestDiscoverListAndEmptyDocuments(t *testing.T) {
	list := `{"apiVersion": "v1", "kind": "List", "items": [
	  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}, "spec": {"selector": {"app": "b"}, "ports": [{"port": 80}]}},
	  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "labels": {"app": "b", "app.kubernetes.io/name": "b"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}},
	  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "labels": {"app.kubernetes.io/name": "a"}}, "spec": {"containers": [{"name": "c", "image": "x", "env": [{"name": "B", "value": "b:80"}]}]}}
	]}`
	res, err := Discover([]File{{Name: "list.json", Data: []byte("# comment only\n---\n---\n" + list)}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if links, _ := summary(res); !slices.Equal(links, []string{"a -> b 80/TCP"}) {
		t.Errorf("links %q", links)
	}
}

// synthManifests writes a Deployment and a Service for every service of a rules document, each
// caller naming its callees in env vars (svc:port), as a real estate of manifests would. Service
// names must be DNS-1035 labels, so they are s<index>; the identity label keeps the rules' name.
func synthManifests(doc *rules.Document) []File {
	index := map[string]int{}
	for i, s := range doc.Services {
		index[s.Name] = i
	}
	var b strings.Builder
	for i, s := range doc.Services {
		fmt.Fprintf(&b, "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: s%d}\nspec:\n  template:\n    metadata:\n      labels: {sel: s%d, app.kubernetes.io/name: %s}\n", i, i, s.Name)
		fmt.Fprintf(&b, "    spec:\n      containers:\n      - name: main\n        image: x\n        ports: [{name: grpc, containerPort: 8080}]\n        env:\n        - {name: PORT, value: '8080'}\n")
		for j, callee := range s.Calls {
			fmt.Fprintf(&b, "        - {name: CALLEE_%d_ADDR, value: 's%d:80'}\n", j, index[callee])
		}
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Service\nmetadata: {name: s%d}\nspec:\n  selector: {sel: s%d}\n  ports: [{name: grpc, port: 80, targetPort: grpc}]\n", i, i)
	}
	return []File{{Name: "estate.yaml", Data: []byte(b.String())}}
}

// TestDiscoverAtScale: from manifests of Monzo's size, discover finds every link and no other.
func TestDiscoverAtScale(t *testing.T) {
	doc := synth.Generate(synth.Monzo())
	res, err := Discover(synthManifests(doc), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) > 0 {
		t.Errorf("%d findings, first %s", len(res.Findings), res.Findings[0])
	}
	var want, got []string
	for _, s := range doc.Services {
		for _, c := range s.Calls {
			want = append(want, s.Name+" -> "+c)
		}
	}
	for _, l := range res.Links {
		got = append(got, l.Caller+" -> "+l.Callee)
	}
	slices.Sort(want)
	if len(got) != 9300 || !slices.Equal(got, want) {
		t.Errorf("%d links discovered, want the %d of the rules", len(got), len(want))
	}
}

func BenchmarkDiscover(b *testing.B) {
	files := synthManifests(synth.Generate(synth.Monzo()))
	b.SetBytes(int64(len(files[0].Data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Discover(files, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzAddresses(f *testing.F) {
	for _, s := range []string{"b:80", "http://user:pw@b.ns.svc.cluster.local:8080/x?y=z", "dns:///b:80", "--x=b.y", "a b c", "12:30", "[::1]:80", "http://%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range addresses(s) {
			if a.host == "" || a.port < 0 || a.port > 65535 {
				t.Errorf("%q: address %+v", s, a)
			}
			target(a.host, "default")
		}
	})
}

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(deployment("a", "x", []string{"8080"}, "B", "b.other:80") + "---\n" + svc("b", "other", "80>grpc")))
	f.Add([]byte(`{"kind": "List", "items": [{"kind": "Pod"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Discover([]File{{Name: "f.yaml", Data: data}}, DefaultOptions())
		if err == nil && res.Rules == nil {
			t.Error("no rules and no error")
		}
	})
}

// Manifests are decoded by group, version and kind: a Knative Service is not a core Service (its
// selector-less spec would have named no pods anyway, but its name would have become a callee),
// and a Job under apps/v1 is no Job. Each is reported, and nothing of it is read.
func TestDiscoverDecodesByGroupVersionKind(t *testing.T) {
	knative := "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: b}\nspec:\n  template:\n    spec:\n      containers: [{image: x}]\n"
	wrongGroup := "apiVersion: apps/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    metadata: {labels: {app.kubernetes.io/name: a}}\n    spec:\n      containers: [{name: c, image: x, env: [{name: B, value: 'b:80'}]}]\n"
	res, err := Discover(docs(knative, wrongGroup, deployment("a", "", nil)), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	links, findings := summary(res)
	if len(links) != 0 {
		t.Errorf("links %q from kinds discover does not read", links)
	}
	want := []string{"unknown-kind serving.knative.dev/v1 Service", "unknown-kind apps/v1 Job"}
	for _, w := range want {
		if !slices.Contains(findings, w) {
			t.Errorf("findings %q, want %q", findings, w)
		}
	}
	for _, s := range res.Rules.Services {
		if s.Name == "b" {
			t.Errorf("the Knative Service became service b: %+v", s)
		}
	}
}

// TestIdentityLabelByDistinctValues: as in VMware's ACME Fitness manifests, every Service selects
// by app: acmefit (the application) and service: <name>, and one third-party pod template (Jaeger's)
// has the default label. The default label, on a minority, is not kept unless given, and the key
// with the most distinct values is the identity.
func TestIdentityLabelByDistinctValues(t *testing.T) {
	var b strings.Builder
	for _, name := range []string{"cart", "users", "order"} {
		fmt.Fprintf(&b, `---
apiVersion: v1
kind: Service
metadata: {name: %[1]s}
spec: {selector: {app: acmefit, service: %[1]s}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: %[1]s}
spec:
  selector: {matchLabels: {app: acmefit, service: %[1]s}}
  template:
    metadata: {labels: {app: acmefit, service: %[1]s}}
    spec: {containers: [{name: c, image: x, env: [{name: NEXT, value: "%[2]s"}]}]}
`, name, map[string]string{"cart": "users", "users": "order", "order": "cart"}[name])
	}
	b.WriteString(`---
apiVersion: apps/v1
kind: Deployment
metadata: {name: jaeger}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: jaeger}}
  template:
    metadata: {labels: {app.kubernetes.io/name: jaeger}}
    spec: {containers: [{name: c, image: x}]}
`)
	files := []File{{Name: "m.yaml", Data: []byte(b.String())}}
	res, err := Discover(files, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if links, _ := summary(res); res.ServiceLabel != "service" || !slices.Equal(links, []string{"cart -> users 80/TCP", "order -> cart 80/TCP", "users -> order 80/TCP"}) {
		t.Errorf("label %s, links %q", res.ServiceLabel, links)
	}
	given := DefaultOptions()
	given.ServiceLabelGiven = true
	if res, err = Discover(files, given); err != nil || res.ServiceLabel != "app.kubernetes.io/name" || len(written(res)) != 0 {
		t.Errorf("given label: %v, %s, %q: want it kept", err, res.ServiceLabel, written(res))
	}
}
