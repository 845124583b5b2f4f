package rules_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netiso/netiso/pkg/rules"
)

var (
	name63 = strings.Repeat("a", 63)
	name64 = strings.Repeat("a", 64)
)

// TestValidateEachError has one case for every problem Validate reports. Each input has exactly
// that one problem, so a spurious extra error fails the case too.
func TestValidateEachError(t *testing.T) {
	tests := map[string]struct {
		files []source
		tree  fstest.MapFS // read as the rule tree "tree", after files
		opts  *rules.Options

		wantFile, wantService, wantProblem string
	}{
		"empty name": {
			files:       []source{{"a.yaml", "  - {name: \"\"}\n"}},
			wantFile:    "a.yaml",
			wantProblem: "name is required",
		},
		"name starting with a dash": {
			files:       []source{{"a.yaml", "  - {name: -web}\n"}},
			wantFile:    "a.yaml",
			wantService: "-web",
			wantProblem: "invalid name",
		},
		"name ending with a dot": {
			files:       []source{{"a.yaml", "  - {name: web.}\n"}},
			wantFile:    "a.yaml",
			wantService: "web.",
			wantProblem: "invalid name",
		},
		"name with a slash": {
			files:       []source{{"a.yaml", "  - {name: team/web}\n"}},
			wantFile:    "a.yaml",
			wantService: "team/web",
			wantProblem: "invalid name",
		},
		"name with a space": {
			files:       []source{{"a.yaml", "  - {name: my web}\n"}},
			wantFile:    "a.yaml",
			wantService: "my web",
			wantProblem: "invalid name",
		},
		"name of 64 characters": {
			files:       []source{{"a.yaml", "  - {name: " + name64 + "}\n"}},
			wantFile:    "a.yaml",
			wantService: name64,
			wantProblem: "must be no more than 63",
		},
		"duplicate service in two files": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}, {"b.yaml", "  - {name: web}\n"}},
			wantFile:    "b.yaml",
			wantService: "web",
			wantProblem: "duplicate service, first defined in a.yaml",
		},
		"duplicate service in one file": {
			files:       []source{{"a.yaml", "  - {name: web, calls: [web]}\n  - {name: web}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "duplicate service, first defined in a.yaml",
		},
		"duplicate service in a tree and a file": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}},
			tree:        fstest.MapFS{"web/egress/web.rule": {}},
			wantFile:    "tree/web",
			wantService: "web",
			wantProblem: "duplicate service, first defined in a.yaml",
		},
		"unknown callee": {
			files:       []source{{"a.yaml", "  - {name: web, calls: [ghost]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `unknown callee "ghost"`,
		},
		"unknown callee in a rule tree": {
			files:       []source{{"a.yaml", "  - {name: api}\n"}},
			tree:        fstest.MapFS{"web/egress/api.rule": {}, "web/egress/ghost.rule": {Data: []byte("# ticket 42\n")}},
			wantFile:    "tree/web/egress/ghost.rule",
			wantService: "web",
			wantProblem: `unknown callee "ghost"`,
		},
		"duplicate callee": {
			files:       []source{{"a.yaml", "  - {name: web, calls: [api, api]}\n  - {name: api}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `callee "api" listed twice`,
		},
		"unknown type in callsTypes": {
			files:       []source{{"a.yaml", "  - {name: web, callsTypes: [backend]}\n  - {name: api, type: backnd}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `unknown type "backend" in callsTypes`,
		},
		"duplicate callsType": {
			files:       []source{{"a.yaml", "  - {name: web, callsTypes: [backend, backend]}\n  - {name: api, type: backend}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `type "backend" listed twice in callsTypes`,
		},
		"namespace with uppercase": {
			files:       []source{{"a.yaml", "  - {name: web, namespaces: [Shop]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `invalid namespace "Shop"`,
		},
		"namespace with a dot": {
			files:       []source{{"a.yaml", "  - {name: web, namespaces: [shop.prod]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `invalid namespace "shop.prod"`,
		},
		"empty namespace": {
			files:       []source{{"a.yaml", "  - {name: web, namespaces: [\"\"]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `invalid namespace ""`,
		},
		"duplicate namespace": {
			files:       []source{{"a.yaml", "  - {name: web, namespaces: [shop, staging, shop]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `namespace "shop" listed twice`,
		},
		"port zero": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 0}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "port 0 out of range 1-65535",
		},
		"port above 65535": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 65536, protocol: TCP}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "port 65536 out of range 1-65535",
		},
		"negative port": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: -80}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "port -80 out of range",
		},
		"lowercase protocol": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 80, protocol: tcp}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `protocol "tcp": want TCP, UDP or SCTP`,
		},
		"unknown protocol": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 80, protocol: HTTP}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: `protocol "HTTP"`,
		},
		"duplicate port": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 80, protocol: UDP}, {port: 80, protocol: UDP}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "port 80/UDP listed twice",
		},
		"duplicate port, protocol TCP by default": {
			files:       []source{{"a.yaml", "  - {name: web, ports: [{port: 80}, {port: 80, protocol: TCP}]}\n"}},
			wantFile:    "a.yaml",
			wantService: "web",
			wantProblem: "port 80/TCP listed twice",
		},
		"two types sharing one label": {
			// The shortened label of the type "team/backend" is itself a valid type name.
			files: []source{{"a.yaml", "  - {name: api, type: team/backend}\n  - {name: db, type: " +
				rules.LabelName("team/backend") + "}\n"}},
			wantFile:    "a.yaml",
			wantService: "db",
			wantProblem: "stands for both",
		},
		"egress prefix over 253 characters": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}},
			opts:        &rules.Options{EgressPrefix: strings.Repeat("a", 300), EgressTypePrefix: rules.DefaultEgressTypePrefix},
			wantProblem: "must be no more than 253 characters",
		},
		"egress prefix with uppercase": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}},
			opts:        &rules.Options{EgressPrefix: "Egress.example.com", EgressTypePrefix: rules.DefaultEgressTypePrefix},
			wantProblem: `egress prefix "Egress.example.com"`,
		},
		"egress-type prefix with a slash": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}},
			opts:        &rules.Options{EgressPrefix: rules.DefaultEgressPrefix, EgressTypePrefix: "example.com/type"},
			wantProblem: `egress-type prefix "example.com/type"`,
		},
		"equal prefixes": {
			files:       []source{{"a.yaml", "  - {name: web}\n"}},
			opts:        &rules.Options{EgressPrefix: "may-call.example.com", EgressTypePrefix: "may-call.example.com"},
			wantProblem: `prefixes are both "may-call.example.com"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			doc := parseAll(t, tc.files...)
			if tc.tree != nil {
				tree, err := rules.ReadTree(tc.tree, "tree")
				if err != nil {
					t.Fatalf("ReadTree: %v", err)
				}
				doc = rules.Merge(doc, tree)
			}
			opts := rules.DefaultOptions()
			if tc.opts != nil {
				opts = *tc.opts
			}

			checkOneError(t, doc, opts, tc.wantFile, tc.wantService, tc.wantProblem)
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := map[string]string{
		"uppercase name (a valid label value)": "  - {name: Frontend, calls: [Frontend]}\n",
		"name of 63 characters":                "  - {name: " + name63 + "}\n",
		"dots, dashes and underscores":         "  - {name: service.emoji_v2-beta}\n",
		"self-call":                            "  - {name: web, calls: [web]}\n",
		"cycle":                                "  - {name: a, calls: [b]}\n  - {name: b, calls: [c]}\n  - {name: c, calls: [a]}\n",
		"call to a type of its own":            "  - {name: a, type: backend, callsTypes: [backend]}\n",
		"same port, two protocols":             "  - {name: dns, ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}, {port: 53, protocol: SCTP}]}\n",
		"port limits":                          "  - {name: web, ports: [{port: 1}, {port: 65535}]}\n",
		"several services of one type":         "  - {name: a, type: backend}\n  - {name: b, type: backend}\n  - {name: c, callsTypes: [backend]}\n",
		"type of invalid label characters":     "  - {name: a, type: team/backend}\n  - {name: c, callsTypes: [team/backend]}\n",
		"namespace of 63 characters":           "  - {name: web, namespaces: [" + name63 + "]}\n",
		"no services":                          "  []\n",
	}
	for name, services := range tests {
		t.Run(name, func(t *testing.T) {
			doc := parse(t, "a.yaml", services)
			if err := rules.Validate(doc, rules.DefaultOptions()); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	doc := parseAll(t,
		source{"b.yaml", `  - {name: zeta, calls: [ghost]}
  - {name: alpha, namespaces: [Bad], ports: [{port: 0}]}
  - {name: mid}
`},
		source{"a.yaml", `  - {name: mid, calls: [nobody]}
  - {name: beta, callsTypes: [nothing]}
`},
	)
	es := asErrors(t, rules.Validate(doc, rules.DefaultOptions()))
	type where struct{ file, service, problem string }
	want := []where{
		{"a.yaml", "beta", `unknown type "nothing"`},
		{"a.yaml", "mid", "duplicate service, first defined in b.yaml"},
		{"b.yaml", "alpha", `invalid namespace "Bad"`},
		{"b.yaml", "alpha", "port 0 out of range"},
		{"b.yaml", "zeta", `unknown callee "ghost"`},
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(es), len(want), es)
	}
	for i, w := range want {
		if es[i].File != w.file || es[i].Service != w.service || !strings.Contains(es[i].Problem, w.problem) {
			t.Errorf("error %d = %v, want %s: service %q: ...%s...", i, es[i], w.file, w.service, w.problem)
		}
	}
	if lines := strings.Split(es.Error(), "\n"); len(lines) != len(want) {
		t.Errorf("Error() has %d lines, want %d: %q", len(lines), len(want), es.Error())
	}
}

func TestValidateOptionsStopEarly(t *testing.T) {
	// With unusable prefixes, every label key would be wrong: only the options are reported.
	doc := parse(t, "a.yaml", "  - {name: web, calls: [ghost]}\n")
	es := asErrors(t, rules.Validate(doc, rules.Options{}))
	for _, e := range es {
		if e.File != "" || e.Service != "" {
			t.Errorf("error %v concerns a file or service, want only options errors", e)
		}
	}
	// Both prefixes are empty (two errors) and so equal (a third).
	if len(es) != 3 {
		t.Errorf("got %d errors, want 3:\n%v", len(es), es)
	}
}
