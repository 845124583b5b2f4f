package rules_test

import (
	"encoding/json"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/netiso/netiso/pkg/rules"
)

const hashBase = `  - name: web
    namespaces: [shop, shop-dr]
    type: edge
    calls: [api, auth]
    callsTypes: [backend]
    ports: [{port: 8080, protocol: TCP}, {port: 8443, protocol: TCP}]
    public: true
  - {name: api, type: backend, calls: [db], ports: [{port: 9090, protocol: TCP}]}
  - {name: auth, type: backend}
  - {name: db, namespaces: [data]}
`

// hashBaseGolden is hashBase's version. The hash is on every running pod; if a release changes
// it for unchanged rules, every pod looks stale at once. Change it only on purpose.
const hashBaseGolden = "d9a1f49fb5879990"

func hashOf(t *testing.T, doc *rules.Document, opts rules.Options) string {
	t.Helper()
	return compile(t, doc, opts).Hash()
}

func TestHash(t *testing.T) {
	opts := rules.DefaultOptions()
	base := hashOf(t, parse(t, "a.yaml", hashBase), opts)

	t.Run("format", func(t *testing.T) {
		if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(base) {
			t.Errorf("Hash() = %q, want 16 hex digits", base)
		}
	})
	t.Run("stable across runs", func(t *testing.T) {
		if again := hashOf(t, parse(t, "a.yaml", hashBase), opts); again != base {
			t.Errorf("compiled twice: %s then %s", base, again)
		}
		if base != hashBaseGolden {
			t.Errorf("Hash() = %s, want %s as in earlier releases", base, hashBaseGolden)
		}
	})

	same := map[string]string{
		"services reordered": `  - {name: db, namespaces: [data]}
  - {name: auth, type: backend}
  - {name: api, type: backend, calls: [db], ports: [{port: 9090, protocol: TCP}]}
  - name: web
    namespaces: [shop, shop-dr]
    type: edge
    calls: [api, auth]
    callsTypes: [backend]
    ports: [{port: 8080, protocol: TCP}, {port: 8443, protocol: TCP}]
    public: true
`,
		"calls, namespaces and ports reordered": `  - name: web
    namespaces: [shop-dr, shop]
    type: edge
    calls: [auth, api]
    callsTypes: [backend]
    ports: [{port: 8443, protocol: TCP}, {port: 8080, protocol: TCP}]
    public: true
  - {name: api, type: backend, calls: [db], ports: [{port: 9090, protocol: TCP}]}
  - {name: auth, type: backend}
  - {name: db, namespaces: [data]}
`,
		"comments, block style and default protocol": `# The shop.
  - name: web # the edge
    public: true
    type: edge
    namespaces:
      - shop
      - shop-dr
    calls:
      - api    # reviewed in PR 12
      - auth
    callsTypes:
      - backend
    ports:
      - port: 8080
      - port: 8443
        protocol: TCP

  - name: api
    type: backend
    calls: [db]
    ports: [{port: 9090}]
  - name: auth
    type: backend
    calls: []
  - name: db
    namespaces: [data]
    public: false
`,
	}
	for name, services := range same {
		t.Run("unchanged by "+name, func(t *testing.T) {
			if got := hashOf(t, parse(t, "other.yaml", services), opts); got != base {
				t.Errorf("hash %s, want %s", got, base)
			}
		})
	}

	t.Run("unchanged by the JSON form", func(t *testing.T) {
		const doc = `{"kind":"Rules","apiVersion":"netiso.dev/v1alpha1","services":[
 {"name":"db","namespaces":["data"]},
 {"name":"web","public":true,"type":"edge","namespaces":["shop-dr","shop"],"calls":["auth","api"],
  "callsTypes":["backend"],"ports":[{"port":8443},{"port":8080,"protocol":"TCP"}]},
 {"name":"auth","type":"backend"},
 {"name":"api","type":"backend","calls":["db"],"ports":[{"port":9090,"protocol":"TCP"}]}]}`
		d, err := rules.Parse("rules.json", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := hashOf(t, d, opts); got != base {
			t.Errorf("hash %s, want %s", got, base)
		}
	})

	t.Run("unchanged by compiling to JSON and back", func(t *testing.T) {
		data, err := json.Marshal(compile(t, parse(t, "a.yaml", hashBase), opts).Document())
		if err != nil {
			t.Fatal(err)
		}
		d, err := rules.Parse("configmap", data)
		if err != nil {
			t.Fatal(err)
		}
		if got := hashOf(t, d, opts); got != base {
			t.Errorf("hash %s, want %s", got, base)
		}
	})

	t.Run("unchanged by splitting into files and a rule tree", func(t *testing.T) {
		tree, err := rules.ReadTree(fstest.MapFS{
			"web/egress/api.rule":  {},
			"web/egress/auth.rule": {Data: []byte("# ticket 7\n")},
			"web/service.yaml": {Data: []byte(`namespaces: [shop, shop-dr]
type: edge
callsTypes: [backend]
ports: [{port: 8080}, {port: 8443}]
public: true
`)},
			"api/egress/db.rule": {},
			"api/service.yaml":   {Data: []byte("type: backend\nports: [{port: 9090, protocol: TCP}]\n")},
		}, "tree")
		if err != nil {
			t.Fatal(err)
		}
		files := parseAll(t,
			source{"auth.yaml", "  - {name: auth, type: backend}\n"},
			source{"db.yaml", "  - {name: db, namespaces: [data]}\n"},
		)
		if got := hashOf(t, rules.Merge(files, tree), opts); got != base {
			t.Errorf("hash %s, want %s", got, base)
		}
	})

	changed := map[string]string{
		"a call added":        `  - {name: db, namespaces: [data], calls: [auth]}`,
		"a namespace changed": `  - {name: db, namespaces: [data-2]}`,
		"a namespace added":   `  - {name: db, namespaces: [data, data-dr]}`,
		"namespaces removed":  `  - {name: db}`,
		"a port added":        `  - {name: db, namespaces: [data], ports: [{port: 5432}]}`,
		"a service added":     "  - {name: db, namespaces: [data]}\n  - {name: cache}",
		"a type added":        `  - {name: db, namespaces: [data], type: backend}`,
		"made public":         `  - {name: db, namespaces: [data], public: true}`,
		"a callsTypes added":  `  - {name: db, namespaces: [data], callsTypes: [edge]}`,
		"db renamed":          "  - {name: database, namespaces: [data]}",
	}
	const rest = `  - name: web
    namespaces: [shop, shop-dr]
    type: edge
    calls: [api, auth]
    callsTypes: [backend]
    ports: [{port: 8080, protocol: TCP}, {port: 8443, protocol: TCP}]
    public: true
  - {name: auth, type: backend}
`
	for name, db := range changed {
		t.Run("changed by "+name, func(t *testing.T) {
			api := "  - {name: api, type: backend, calls: [db], ports: [{port: 9090, protocol: TCP}]}\n"
			if name == "db renamed" {
				api = "  - {name: api, type: backend, calls: [database], ports: [{port: 9090, protocol: TCP}]}\n"
			}
			if got := hashOf(t, parse(t, "a.yaml", rest+api+db+"\n"), opts); got == base {
				t.Errorf("hash unchanged: %s", got)
			}
		})
	}

	portChanges := map[string]string{
		"a port changed":     `  - {name: api, type: backend, calls: [db], ports: [{port: 9091, protocol: TCP}]}`,
		"a protocol changed": `  - {name: api, type: backend, calls: [db], ports: [{port: 9090, protocol: UDP}]}`,
		"a call removed":     `  - {name: api, type: backend, ports: [{port: 9090, protocol: TCP}]}`,
	}
	for name, api := range portChanges {
		t.Run("changed by "+name, func(t *testing.T) {
			if got := hashOf(t, parse(t, "a.yaml", rest+api+"\n  - {name: db, namespaces: [data]}\n"), opts); got == base {
				t.Errorf("hash unchanged: %s", got)
			}
		})
	}

	for name, o := range map[string]rules.Options{
		"the egress prefix":      {EgressPrefix: "may-call.example.com", EgressTypePrefix: rules.DefaultEgressTypePrefix},
		"the egress-type prefix": {EgressPrefix: rules.DefaultEgressPrefix, EgressTypePrefix: "may-call-type.example.com"},
	} {
		t.Run("changed by "+name, func(t *testing.T) {
			if got := hashOf(t, parse(t, "a.yaml", hashBase), o); got == base {
				t.Errorf("hash unchanged: %s", got)
			}
		})
	}
}
