package discover

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/discover/source"
)

func TestCodeAddresses(t *testing.T) {
	cases := []struct {
		text, key string
		want      []string // "kind host port"
	}{
		{"http://catalogue%s", "", []string{"url catalogue 0"}},
		{"http://user%s/customers", "customersUrl", []string{"url user 0"}},
		{"http://carts${domain}/carts", "", []string{"url carts 0"}},
		{"mongodb://${db:carts-db}:27017/data", "spring.data.mongodb.uri", []string{"url carts-db 27017"}},
		{"http://${zipkin_host:zipkin}:9411/", "", []string{"url zipkin 9411"}},
		{"catalogue_user:default_password@tcp(catalogue-db:3306)/socksdb", "", []string{"dsn catalogue-db 3306"}},
		{"redis-cart:6379", "REDIS_ADDR", []string{"host-port redis-cart 6379"}},
		{"session-db", "host", []string{"host-key session-db 0"}},
		{"rabbitmq", "spring.rabbitmq.host", []string{"host-key rabbitmq 0"}},
		{"payment", "Hostname", []string{"host-key payment 0"}},
		{"orders-db", "", []string{"bare-name orders-db 0"}},
		{"orders-db", "HealthCheck", []string{"bare-name orders-db 0"}},
		{"b.shop.svc.cluster.local", "", []string{"cluster-name b.shop.svc.cluster.local 0"}},
		{"mongo:3", "FROM", nil}, // an image tag, not host:port
		{"redis:7", "image", nil},
		{"calling %s for %d", "", nil},
		{"user b said hi", "", nil},
		{"${SERVICE_NAME} user", "", nil},
		{"${spring.application.name:orders}", "", []string{"bare-name orders 0"}},
		{"redis://:hunter2@cache:6379/0", "", []string{"url cache 6379"}},
		// Driver strings no testdata application writes (ADO.NET, libpq, a replica set).
		{"Server=sqldata,1433;Database=Catalog;User Id=sa", "ConnectionString", []string{"dsn sqldata 1433"}},
		{"host=orders-db port=5432 dbname=orders", "", []string{"dsn orders-db 5432"}},
		{"mongodb://mongo-0.mongo,mongo-1.mongo/db?replicaSet=rs0", "", []string{"url mongo-0.mongo 0"}},
		{"jdbc:mysql://mysql/cities?useSSL=false", "", []string{"dsn mysql 0"}},
		{"the host=name of it", "", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, ca := range codeAddresses(source.Literal{Text: tc.text, Key: tc.key}) {
			got = append(got, strings.Join([]string{string(ca.kind), ca.addr.host, itoa(ca.addr.port)}, " "))
			if strings.Contains(ca.addr.text, "hunter2") {
				t.Errorf("%q: the evidence repeats a password: %s", tc.text, ca.addr.text)
			}
			if (ca.kind == BareName) != (ca.weak != "") {
				t.Errorf("%q: kind %s, weak %q: only a bare name is weak by its shape", tc.text, ca.kind, ca.weak)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q (key %q): %q, want %q", tc.text, tc.key, got, tc.want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// tree writes a source tree of files (path -> content) and returns it named name.
func tree(t *testing.T, name string, files map[string]string) source.Tree {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	for p, data := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return source.Tree{Name: name, Dir: dir}
}

const protoAB = "package shop;\nservice AService {}\nservice BService {}\n"

func TestCodeLinks(t *testing.T) {
	b := tree(t, "b", map[string]string{"main.go": "pb.RegisterBServiceServer(s, srv)\n", "b.proto": protoAB})
	cases := []struct {
		name        string
		trees       []source.Tree
		includeWeak bool
		links       []string // written
		weak        []string // reported, not written
		findings    []FindingKind
	}{
		{"a gRPC stub matched to the server's tree", []source.Tree{tree(t, "a", map[string]string{"main.go": "c := pb.NewBServiceClient(conn)\n"}), b},
			false, []string{"a -> b"}, nil, nil},
		{"a URL in config", []source.Tree{tree(t, "a", map[string]string{"config.yaml": "upstream: http://b:8080/api\n"}), b},
			false, []string{"a -> b"}, nil, nil},
		{"a bare name is weak: reported, not written", []source.Tree{tree(t, "a", map[string]string{"a.go": "check(\"b\")\n"}), b},
			false, nil, []string{"a -> b"}, []FindingKind{WeakOnly}},
		{"--include-weak writes it", []source.Tree{tree(t, "a", map[string]string{"a.go": "check(\"b\")\n"}), b},
			true, []string{"a -> b"}, []string{"a -> b"}, []FindingKind{WeakOnly}},
		{"a test's address is weak", []source.Tree{tree(t, "a", map[string]string{"a_test.go": "var u = \"http://b:80\"\n"}), b},
			false, nil, []string{"a -> b"}, []FindingKind{WeakOnly}},
		{"a test's fake server does not make its tree the server", []source.Tree{
			tree(t, "a", map[string]string{"main.go": "pb.NewBServiceClient(c)\n", "fake_test.go": "pb.RegisterBServiceServer(s, fake)\n"}), b},
			false, []string{"a -> b"}, nil, nil},
		{"own name and own stub: not a call", []source.Tree{tree(t, "b2", map[string]string{"main.go": "pb.RegisterAServiceServer(s, x)\nc := pb.NewAServiceClient(conn)\nu := \"http://b2:80\"\n", "a.proto": protoAB})},
			false, nil, nil, nil},
		{"a stub of a service nobody registers", []source.Tree{tree(t, "a", map[string]string{"main.go": "pb.NewAServiceClient(c)\n", "a.proto": protoAB}), b},
			false, nil, nil, []FindingKind{GRPCUnmatched}},
		{"a stub of a service two trees register", []source.Tree{tree(t, "a", map[string]string{"main.go": "pb.NewBServiceClient(c)\n"}), b,
			tree(t, "c", map[string]string{"main.go": "pb.RegisterBServiceServer(s, srv)\n"})},
			false, nil, nil, []FindingKind{GRPCUnmatched}},
		{"two packages declare the service: the qualifier picks one", []source.Tree{
			tree(t, "a", map[string]string{"A.java": "s = shop.v2.BServiceGrpc.newBlockingStub(ch);\n", "v1.proto": "package shop.v1;\nservice BService {}\n", "v2.proto": "package shop.v2;\nservice BService {}\n"}),
			tree(t, "b", map[string]string{"B.java": "class I extends shop.v2.BServiceGrpc.BServiceImplBase {}\n"}),
			tree(t, "c", map[string]string{"C.java": "class I extends shop.v1.BServiceGrpc.BServiceImplBase {}\n"})},
			false, []string{"a -> b"}, nil, nil},
		{"two packages declare the service, and nothing says which", []source.Tree{
			tree(t, "a", map[string]string{"main.go": "pb.NewBServiceClient(c)\n", "v1.proto": "package shop.v1;\nservice BService {}\n", "v2.proto": "package shop.v2;\nservice BService {}\n"}), b},
			false, nil, nil, []FindingKind{GRPCUnmatched}},
		{"a stub of no .proto's service is not gRPC", []source.Tree{tree(t, "a", map[string]string{"main.go": "x := NewHTTPClient(c)\nNewBClient(c)\n"}), b},
			false, nil, nil, nil},
		{"name.ns is not a tree without manifests", []source.Tree{tree(t, "a", map[string]string{"a.go": "var k = \"b.name\"\n"}), b},
			false, nil, nil, nil},
		{"an unknown host is not reported", []source.Tree{tree(t, "a", map[string]string{"a.go": "var k = \"http://zipkin:9411\"\n"}), b},
			false, nil, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.IncludeWeak = tc.includeWeak
			res, err := Run(Input{Trees: tc.trees}, opts)
			if err != nil {
				t.Fatal(err)
			}
			var weak []string
			var kinds []FindingKind
			for _, l := range res.Links {
				if l.Weak {
					weak = append(weak, l.Caller+" -> "+l.Callee)
				}
			}
			for _, f := range res.Findings {
				kinds = append(kinds, f.Kind)
			}
			if got := written(res); !slices.Equal(got, tc.links) || !slices.Equal(weak, tc.weak) || !slices.Equal(kinds, tc.findings) {
				t.Errorf("written %q, weak %q, findings %v\nwant %q, %q, %v", got, weak, res.Findings, tc.links, tc.weak, tc.findings)
			}
		})
	}
}

// TestCodeWithManifests: with manifests, code names callees by their Services (any Service
// name, not only a tree's), on the port it names when the Service exposes it; a gRPC-only link
// takes the callee's Service ports; a tree the manifests do not run is reported.
func TestCodeWithManifests(t *testing.T) {
	files := docs(deployment("a", "", []string{"8080"}), svc("a", "", "80>8080"),
		deployment("b", "", []string{"9000"}), svc("b", "", "80>9000"),
		deployment("db", "", []string{"5432", "9187"}), svc("db", "", "5432", "9187"))
	trees := []source.Tree{
		tree(t, "a", map[string]string{"main.go": "c := pb.NewBServiceClient(conn)\nvar dsn = \"postgres://app@db:5432/x\"\n", "b.proto": protoAB}),
		tree(t, "b", map[string]string{"main.go": "pb.RegisterBServiceServer(s, srv)\n"}),
		tree(t, "ghost", map[string]string{"main.go": "var u = \"http://a:80\"\n"}),
	}
	res, err := Run(Input{Manifests: files, Trees: trees}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	links, _ := summary(res)
	if want := []string{"a -> b 9000/TCP", "a -> db 5432/TCP"}; !slices.Equal(links, want) {
		t.Errorf("links %q, want %q", links, want)
	}
	if !slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Kind == UnknownTree && f.Reference == "ghost" }) {
		t.Errorf("findings %v: want the ghost tree reported", res.Findings)
	}
}

func TestIdentityLabel(t *testing.T) {
	pod := func(labels string) string {
		return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {" + labels + "}}\nspec: {containers: [{name: c, image: x}]}\n"
	}
	service := "apiVersion: v1\nkind: Service\nmetadata: {name: p}\nspec: {selector: {name: p}, ports: [{port: 80}]}\n"
	t.Run("inferred from the Services' selectors, and said", func(t *testing.T) {
		res, err := Discover(docs(pod("name: p, tier: web"), service), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if res.ServiceLabel != "name" || len(res.Rules.Services) != 1 || res.Rules.Services[0].Name != "p" || len(res.Findings) != 1 || res.Findings[0].Kind != InferredLabel {
			t.Errorf("label %q, services %v, findings %v", res.ServiceLabel, res.Rules.Services, res.Findings)
		}
	})
	t.Run("kept when a pod template has it", func(t *testing.T) {
		opts := DefaultOptions()
		opts.ServiceLabel = "tier"
		res, err := Discover(docs(pod("name: p, tier: web"), service), opts)
		if err != nil || res.ServiceLabel != "tier" || res.Rules.Services[0].Name != "web" {
			t.Errorf("err %v, result %+v", err, res)
		}
	})
	t.Run("neither: an error naming the labels found", func(t *testing.T) {
		_, err := Discover(docs(pod("tier: web, team: x")), DefaultOptions())
		if err == nil || !strings.Contains(err.Error(), "labels on the pod templates: team, tier") {
			t.Errorf("error %v", err)
		}
	})
}

func FuzzCodeAddresses(f *testing.F) {
	for _, s := range []string{"mongodb://${db:carts-db}:27017/data", "http://catalogue%s", "x@tcp(a:1)/d", "${a:${b:c}}", "%%%s{{.x}}#{y}"} {
		f.Add(s, "host")
	}
	f.Fuzz(func(t *testing.T, text, key string) {
		for _, ca := range codeAddresses(source.Literal{Text: text, Key: key}) {
			if ca.addr.host == "" || ca.addr.port < 0 || ca.addr.port > 65535 || ca.kind == "" {
				t.Errorf("%q: %+v", text, ca)
			}
			treeTarget(ca.addr.host)
		}
	})
}

// TestSharedConfigMapAndTreeMatching: a ConfigMap of addresses that two workloads take whole.
// a's tree, named like its image rather than its identity, reads one key: a calls that one. d has
// no tree: its calls stay, and that is said, as is each workload with no tree.
func TestSharedConfigMapAndTreeMatching(t *testing.T) {
	withEnvFrom := func(name string) string {
		d := deployment(name, "", []string{"8080"})
		d = strings.Replace(d, "      - name: main\n        image: x\n", "      - name: "+name+"-api\n        image: reg.io/team/"+name+"-img:v1@sha256:0123\n        envFrom: [{configMapRef: {name: addrs}}]\n", 1)
		return d
	}
	files := docs(withEnvFrom("a"), withEnvFrom("d"),
		deployment("b", "", []string{"80"}), svc("b", "", "80"), deployment("c", "", []string{"80"}), svc("c", "", "80"),
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: addrs}\ndata: {B_ADDR: \"b:80\", C_ADDR: \"c:80\"}\n")
	trees := []source.Tree{tree(t, "a-img", map[string]string{"app.py": "b = os.environ.get('B_ADDR')\n"})}
	res, err := Run(Input{Manifests: files, Trees: trees}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := written(res), []string{"a -> b", "d -> b", "d -> c"}; !slices.Equal(got, want) {
		t.Errorf("written %q, want %q", got, want)
	}
	_, findings := summary(res)
	for _, want := range []string{"tree-matched a-img", "unread-key c:80", "no-tree d", "no-tree b"} {
		kind, ref, _ := strings.Cut(want, " ")
		if !slices.ContainsFunc(res.Findings, func(f Finding) bool {
			return string(f.Kind) == kind && (f.Reference == ref || f.Where == ref)
		}) {
			t.Errorf("no finding %q in %q", want, findings)
		}
	}
	if !slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Kind == UnverifiedKey && f.Where == "d -> c" }) {
		t.Errorf("d -> c kept without saying no code shows the read: %q", findings)
	}
}

// TestProtocolFromYAMLParents: in YAML the key is host and the protocol is a parent
// (spring: rabbitmq: host:), which names the port a bare host is reached on.
func TestProtocolFromYAMLParents(t *testing.T) {
	f, _ := source.ScanFile("src/main/resources/application.yml", []byte("spring:\n  rabbitmq:\n    host: rabbitmq # the broker\n  data:\n    redis:\n      host: \"cache\"\nother:\n  host: plain\n"))
	var got []string
	for _, lit := range f.Literals {
		for _, ca := range codeAddresses(lit) {
			got = append(got, fmt.Sprintf("%d %s %s %q", lit.Line, ca.kind, ca.addr.host, ca.addr.scheme))
		}
	}
	if want := []string{`3 host-key rabbitmq "amqp"`, `6 host-key cache "redis"`, `8 host-key plain ""`}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
