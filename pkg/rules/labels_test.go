package rules_test

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/rules"
)

// shop has callees, types, namespaces, a self-call and a cycle (web -> api -> web).
const shop = `  - name: web
    type: edge
    calls: [auth, api]
    callsTypes: [backend]
  - name: api
    type: backend
    calls: [db, web]
  - name: db
    type: backend
    namespaces: [data, data-dr]
  - name: auth
    calls: [auth]
  - name: batch
    namespaces: [jobs]
`

// grantOf builds the grant the rules should give: keys sorted.
func grantOf(keys ...string) rules.Grant {
	return rules.Grant{Keys: slices.Sorted(slices.Values(keys))}
}

func checkGrant(t *testing.T, got, want rules.Grant) {
	t.Helper()
	if !slices.Equal(got.Keys, want.Keys) {
		t.Errorf("Keys %q, want %q", got.Keys, want.Keys)
	}
	if !slices.IsSorted(got.Keys) {
		t.Errorf("Keys %q are not sorted", got.Keys)
	}
	for _, k := range want.Keys {
		if !got.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
	for _, k := range []string{"", "egress.netiso.dev/ghost", "egress-type.netiso.dev/ghost", "zzz"} {
		if got.Has(k) {
			t.Errorf("Has(%q) = true", k)
		}
	}
	labels := got.Labels()
	if len(labels) != len(want.Keys) {
		t.Errorf("Labels() %v, want the %d keys", labels, len(want.Keys))
	}
	for k, v := range labels {
		if v != rules.LabelValue || !got.Has(k) {
			t.Errorf("Labels() has %s=%s", k, v)
		}
	}
}

func TestLookup(t *testing.T) {
	c := compileYAML(t, shop)
	tests := map[string]struct {
		service, namespace string
		wantVerdict        rules.Verdict
		want               rules.Grant
	}{
		"callees and a type": {
			service: "web", namespace: "shop", wantVerdict: rules.Granted,
			want: grantOf("egress.netiso.dev/api", "egress.netiso.dev/auth", "egress-type.netiso.dev/backend"),
		},
		"cycle back to the caller": {
			service: "api", namespace: "shop", wantVerdict: rules.Granted,
			want: grantOf("egress.netiso.dev/db", "egress.netiso.dev/web"),
		},
		"self-call": {
			service: "auth", namespace: "auth", wantVerdict: rules.Granted,
			want: grantOf("egress.netiso.dev/auth"),
		},
		"no namespaces listed: any namespace": {
			service: "web", namespace: "anywhere-else", wantVerdict: rules.Granted,
			want: grantOf("egress.netiso.dev/api", "egress.netiso.dev/auth", "egress-type.netiso.dev/backend"),
		},
		"no namespaces listed: empty namespace": {
			service: "auth", namespace: "", wantVerdict: rules.Granted,
			want: grantOf("egress.netiso.dev/auth"),
		},
		"calls nothing, in a listed namespace": {
			service: "db", namespace: "data", wantVerdict: rules.Granted,
			want: grantOf(),
		},
		"in the second listed namespace": {
			service: "batch", namespace: "jobs", wantVerdict: rules.Granted,
			want: grantOf(),
		},
		"outside its namespaces": {
			service: "db", namespace: "shop", wantVerdict: rules.NamespaceNotAllowed,
		},
		"outside its namespaces: empty namespace": {
			service: "db", namespace: "", wantVerdict: rules.NamespaceNotAllowed,
		},
		"namespace is case-sensitive": {
			service: "db", namespace: "Data", wantVerdict: rules.NamespaceNotAllowed,
		},
		"unknown service": {
			service: "ghost", namespace: "shop", wantVerdict: rules.UnknownService,
		},
		"service name is case-sensitive": {
			service: "Web", namespace: "shop", wantVerdict: rules.UnknownService,
		},
		"empty service": {
			service: "", namespace: "shop", wantVerdict: rules.UnknownService,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, verdict := c.Lookup(tc.service, tc.namespace)
			if verdict != tc.wantVerdict {
				t.Fatalf("verdict %d, want %d", verdict, tc.wantVerdict)
			}
			if tc.wantVerdict != rules.Granted {
				if len(got.Keys) != 0 {
					t.Errorf("got grant %v without the right to it", got)
				}
				return
			}
			checkGrant(t, got, tc.want)
		})
	}
}

func TestCompiledAccessors(t *testing.T) {
	doc := parse(t, "a.yaml", `  - name: web
    namespaces: [shop-b, shop-a]
    calls: [db, api]
    ports: [{port: 9090, protocol: UDP}, {port: 8080}, {port: 80, protocol: TCP}]
    public: true
  - {name: db}
  - {name: api, calls: [db]}
`)
	c := compile(t, doc, rules.DefaultOptions())

	if c.Len() != 3 || c.Links() != 3 {
		t.Errorf("Len %d Links %d, want 3 3", c.Len(), c.Links())
	}
	if want := []string{"api", "db", "web"}; !slices.Equal(c.Names(), want) {
		t.Errorf("Names %q, want %q", c.Names(), want)
	}
	if c.Options() != rules.DefaultOptions() {
		t.Errorf("Options %+v", c.Options())
	}

	web, ok := c.Service("web")
	if !ok {
		t.Fatal("Service(web) not found")
	}
	if !slices.Equal(web.Namespaces, []string{"shop-a", "shop-b"}) || !slices.Equal(web.Calls, []string{"api", "db"}) ||
		!slices.Equal(web.Ports, []rules.Port{{Port: 80, Protocol: "TCP"}, {Port: 8080, Protocol: "TCP"}, {Port: 9090, Protocol: "UDP"}}) ||
		!web.Public {
		t.Errorf("Service(web) = %+v, want lists sorted and protocols filled in", web)
	}
	if _, ok := c.Service("ghost"); ok {
		t.Error("Service(ghost) found")
	}

	// Compile normalizes a copy: the document it was given is unchanged.
	if in := doc.Services[0]; !slices.Equal(in.Calls, []string{"db", "api"}) || in.Ports[1].Protocol != "" ||
		!slices.Equal(in.Namespaces, []string{"shop-b", "shop-a"}) {
		t.Errorf("Compile modified its input: %+v", in)
	}

	out := c.Document()
	if out.APIVersion != rules.APIVersion || out.Kind != rules.Kind || len(out.Services) != 3 {
		t.Fatalf("Document() = %+v", out)
	}
	for i, name := range []string{"api", "db", "web"} {
		if out.Services[i].Name != name {
			t.Errorf("Document().Services[%d] = %q, want %q", i, out.Services[i].Name, name)
		}
	}
	// The normalized document compiles to the same rules.
	if again := compile(t, out, rules.DefaultOptions()); again.Hash() != c.Hash() {
		t.Errorf("Document() compiles to hash %s, want %s", again.Hash(), c.Hash())
	}
}

func TestCustomPrefixes(t *testing.T) {
	opts := rules.Options{EgressPrefix: "may-call.example.com", EgressTypePrefix: "may-call-type.example.com"}
	c := compile(t, parse(t, "a.yaml", shop), opts)
	if c.Options() != opts {
		t.Errorf("Options %+v, want %+v", c.Options(), opts)
	}
	got, verdict := c.Lookup("web", "shop")
	if verdict != rules.Granted {
		t.Fatalf("verdict %d", verdict)
	}
	checkGrant(t, got, grantOf("may-call.example.com/api", "may-call.example.com/auth", "may-call-type.example.com/backend"))
	for _, k := range got.Keys {
		if strings.Contains(k, "netiso.dev") {
			t.Errorf("key %q uses a default prefix", k)
		}
	}
}

func TestOptionsKeys(t *testing.T) {
	o := rules.DefaultOptions()
	if o.EgressPrefix != "egress.netiso.dev" || o.EgressTypePrefix != "egress-type.netiso.dev" {
		t.Fatalf("DefaultOptions() = %+v", o)
	}
	if got := o.CalleeKey("service.ledger"); got != "egress.netiso.dev/service.ledger" {
		t.Errorf("CalleeKey = %q", got)
	}
	if got := o.TypeKey("backend"); got != "egress-type.netiso.dev/backend" {
		t.Errorf("TypeKey = %q", got)
	}
	if got, want := o.CalleeKey("team/api"), "egress.netiso.dev/"+rules.LabelName("team/api"); got != want {
		t.Errorf("CalleeKey(team/api) = %q, want %q", got, want)
	}

	managed := map[string]bool{
		"egress.netiso.dev/web":       true,
		"egress-type.netiso.dev/edge": true,
		"egress.netiso.dev":           false, // the prefix alone is no key under it
		"egress.netiso.devx/web":      false,
		"xegress.netiso.dev/web":      false,
		"sub.egress.netiso.dev/web":   false,
		"app":                         false,
		"app.kubernetes.io/name":      false,
		"netiso.dev/rules-hash":       false,
	}
	for key, want := range managed {
		if got := o.IsManaged(key); got != want {
			t.Errorf("IsManaged(%q) = %v, want %v", key, got, want)
		}
	}
}

var hashSuffix = regexp.MustCompile(`(^|-)[0-9a-f]{10}$`)

func TestLabelName(t *testing.T) {
	t.Run("valid names are unchanged", func(t *testing.T) {
		for _, name := range []string{"frontend", "Frontend", "service.emoji", "a", "a_b", "x-1", "9", name63} {
			if got := rules.LabelName(name); got != name {
				t.Errorf("LabelName(%q) = %q, want it unchanged", name, got)
			}
		}
	})

	tests := map[string]struct {
		name     string
		wantStem string // what the result starts with, before its hash
	}{
		"64 characters":             {name: name64, wantStem: strings.Repeat("a", 52) + "-"},
		"200 characters":            {name: strings.Repeat("svc.", 50), wantStem: "svc.svc."},
		"with a slash":              {name: "team/api", wantStem: "team-api-"},
		"with two slashes":          {name: "a/b/c", wantStem: "a-b-c-"},
		"a qualified-name prefix":   {name: "example.com/api", wantStem: "example.com-api-"},
		"with spaces":               {name: "my api", wantStem: "my-api-"},
		"with unicode":              {name: "café", wantStem: "caf-"},
		"all unicode":               {name: "日本語"},
		"starting with a dash":      {name: "-api", wantStem: "api-"},
		"ending with a dash":        {name: "api-", wantStem: "api-"},
		"starting with a dot":       {name: ".api", wantStem: "api-"},
		"empty":                     {name: ""},
		"only punctuation":          {name: "--"},
		"cut at a non-alphanumeric": {name: strings.Repeat("a", 51) + "." + strings.Repeat("b", 20), wantStem: strings.Repeat("a", 51) + "-"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := rules.LabelName(tc.name)
			if got == tc.name {
				t.Fatalf("LabelName(%q) returned the name unchanged", tc.name)
			}
			key := rules.DefaultEgressPrefix + "/" + got
			if msgs := validation.IsQualifiedName(key); len(msgs) > 0 {
				t.Errorf("key %q is not a valid label key: %v", key, msgs)
			}
			if len(got) > 63 {
				t.Errorf("LabelName(%q) = %q: %d characters", tc.name, got, len(got))
			}
			if again := rules.LabelName(tc.name); again != got {
				t.Errorf("not deterministic: %q then %q", got, again)
			}
			if !hashSuffix.MatchString(got) {
				t.Errorf("LabelName(%q) = %q does not end in a 10-hex hash", tc.name, got)
			}
			if want := sha10(tc.name); !strings.HasSuffix(got, want) {
				t.Errorf("LabelName(%q) = %q, want it to end in the hash of the whole name %s", tc.name, got, want)
			}
			if !strings.HasPrefix(got, tc.wantStem) {
				t.Errorf("LabelName(%q) = %q, want it to start with %q", tc.name, got, tc.wantStem)
			}
		})
	}

	t.Run("long names sharing 60 characters", func(t *testing.T) {
		common := strings.Repeat("x", 60)
		a, b := rules.LabelName(common+"-alpha"), rules.LabelName(common+"-beta")
		if a == b {
			t.Errorf("%q and %q share the label name %q", common+"-alpha", common+"-beta", a)
		}
	})

	t.Run("names that sanitize alike", func(t *testing.T) {
		seen := map[string]string{}
		for _, name := range []string{"team/api", "team api", "team:api", "team--api", "team/api/"} {
			got := rules.LabelName(name)
			if prev, ok := seen[got]; ok {
				t.Errorf("%q and %q share the label name %q", prev, name, got)
			}
			seen[got] = name
		}
	})

	// Label names are on running pods: the same name must give the same label in every release.
	t.Run("stable across releases", func(t *testing.T) {
		for name, want := range map[string]string{
			"team/api": "team-api-0c8d32151f",
			name64:     strings.Repeat("a", 52) + "-ffe054fe7a",
		} {
			if got := rules.LabelName(name); got != want {
				t.Errorf("LabelName(%q) = %q, want %q", name, got, want)
			}
		}
	})
}

func sha10(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:10]
}

func TestLongTypeNames(t *testing.T) {
	long := "platform.observability." + strings.Repeat("metrics-scrape-target.", 5) + "v1"
	tests := map[string]string{
		"long type":         long,
		"type with a slash": "team/backend",
		"type with spaces":  "payments backend",
	}
	for name, typ := range tests {
		t.Run(name, func(t *testing.T) {
			doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: []rules.Service{
				{Name: "exporter", Type: typ, Source: "a.yaml"},
				{Name: "prometheus", CallsTypes: []string{typ}, Source: "a.yaml"},
			}}
			c := compile(t, doc, rules.DefaultOptions())
			got, verdict := c.Lookup("prometheus", "monitoring")
			if verdict != rules.Granted {
				t.Fatalf("verdict %d", verdict)
			}
			if len(got.Keys) != 1 {
				t.Fatalf("Keys %q, want one type key", got.Keys)
			}
			key := got.Keys[0]
			if want := rules.DefaultEgressTypePrefix + "/" + rules.LabelName(typ); key != want {
				t.Errorf("key %q, want %q", key, want)
			}
			if key == rules.DefaultEgressTypePrefix+"/"+typ {
				t.Errorf("key %q was not shortened", key)
			}
			if msgs := validation.IsQualifiedName(key); len(msgs) > 0 {
				t.Errorf("key %q is not a valid label key: %v", key, msgs)
			}
			if !got.Has(key) {
				t.Errorf("Has(%q) = false", key)
			}
		})
	}
}

// TestGrantKeysAreValid checks every key of a larger, varied rule set against Kubernetes' rules.
func TestGrantKeysAreValid(t *testing.T) {
	doc := parse(t, "a.yaml", `  - {name: a, type: "x/y", calls: [b, `+name63+`], callsTypes: ["x/y", "Types Are Free Text"]}
  - {name: b, type: "Types Are Free Text"}
  - {name: `+name63+`, calls: [a]}
`)
	c := compile(t, doc, rules.DefaultOptions())
	for _, name := range c.Names() {
		g, _ := c.Lookup(name, "default")
		for _, k := range g.Keys {
			if msgs := validation.IsQualifiedName(k); len(msgs) > 0 {
				t.Errorf("%s: key %q: %v", name, k, msgs)
			}
			if v := g.Labels()[k]; len(validation.IsValidLabelValue(v)) > 0 || v != rules.LabelValue {
				t.Errorf("%s: value %q", name, v)
			}
		}
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	c := compileYAML(t, shop)
	allocs := testing.AllocsPerRun(100, func() {
		c.Lookup("web", "shop")
		c.Lookup("db", "shop")
		c.Lookup("ghost", "shop")
	})
	if allocs != 0 {
		t.Errorf("Lookup allocates %v times", allocs)
	}
}
