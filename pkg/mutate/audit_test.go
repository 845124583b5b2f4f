package mutate

import (
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

func TestAuditValue(t *testing.T) {
	cases := map[string]struct {
		d    Decision
		want string
	}{
		"sorted, comma-separated": {Decision{Allowed: true, Labels: rules.Grant{Keys: []string{"egress.netiso.dev/b", "egress-type.netiso.dev/t", "egress.netiso.dev/a"}}},
			"egress-type.netiso.dev/t,egress.netiso.dev/a,egress.netiso.dev/b"},
		"no labels":  {Decision{Allowed: true}, "none"},
		"a denial":   {Decision{Allowed: false, Labels: rules.Grant{Keys: []string{"egress.netiso.dev/a"}}}, "none"},
		"one callee": {Decision{Allowed: true, Labels: rules.Grant{Keys: []string{"egress.netiso.dev/a"}}}, "egress.netiso.dev/a"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := AuditValue(tc.d); got != tc.want {
				t.Errorf("AuditValue = %q, want %q", got, tc.want)
			}
		})
	}
}
