package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// The params say, for every service, what Lookup says: its namespaces, and its grant there. (What
// the API server makes of them is checked by the benchmark itself, against the webhook, before it
// measures anything.)
func TestGrantParams(t *testing.T) {
	for name, cfg := range map[string]synth.Config{"monzo": synth.Monzo(), "tenx": synth.TenX()} {
		t.Run(name, func(t *testing.T) {
			r, err := rules.Compile(synth.Generate(cfg), rules.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			cm, err := GrantParams(r, "netiso-system")
			if err != nil {
				t.Fatal(err)
			}
			if len(cm.Data) != r.Len() {
				t.Fatalf("%d entries for %d services", len(cm.Data), r.Len())
			}
			for _, svc := range r.Names() {
				nss, keys, ok := strings.Cut(cm.Data[svc], "|")
				if !ok {
					t.Fatalf("%s: entry %q has no |", svc, cm.Data[svc])
				}
				s, _ := r.Service(svc)
				if got := split(nss); !slices.Equal(got, s.Namespaces) {
					t.Errorf("%s: namespaces %v, want %v", svc, got, s.Namespaces)
				}
				for _, ns := range append(slices.Clone(s.Namespaces), "elsewhere") {
					grant, v := r.Lookup(svc, ns)
					want := grant.Keys
					if v != rules.Granted {
						want = nil
					}
					got := split(keys)
					if len(s.Namespaces) > 0 && !slices.Contains(s.Namespaces, ns) {
						got = nil // the policy's placed variable: not one of its namespaces
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s in %s: keys %v, want %v", svc, ns, got, want)
					}
				}
			}
			t.Logf("%s: %d services, params %d bytes (a ConfigMap holds 1,048,576)", name, r.Len(), ParamsSize(cm))
		})
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
