package explain

import (
	"strings"
	"testing"

	"github.com/netiso/netiso/internal/rulestest"
	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

const podRules = `  - name: web
    calls: [cart]
    callsTypes: [db]
  - name: cart
    calls: [redis]
  - name: redis
    type: db
  - name: ledger
    namespaces: [bank]
`

func TestExplainPod(t *testing.T) {
	c := rulestest.Services(t, podRules, rules.DefaultOptions())
	opts := policy.DefaultOptions()
	opts.ServiceLabel = "app"
	cartKey, dbKey, redisKey := "egress.netiso.dev/cart", "egress-type.netiso.dev/db", "egress.netiso.dev/redis"
	shop := map[string]string{"kubernetes.io/metadata.name": "shop"}
	labels := func(app string, keys ...string) map[string]string {
		l := map[string]string{"app": app}
		for _, k := range keys {
			l[k] = "true"
		}
		return l
	}
	hash := func(v string) map[string]string { return map[string]string{names.AnnotationRulesHash: v} }
	type label struct {
		key           string
		onPod, grants bool
		why           string // a substring
	}
	cases := []struct {
		name   string
		pod    Pod
		also   []string
		state  string
		labels []label
	}{
		{"current: every label granted and carried", Pod{Namespace: "shop", Labels: labels("web", cartKey, dbKey), Annotations: hash(c.Hash()), NamespaceLabels: shop},
			nil, StateCurrent, []label{
				{dbKey, true, true, "granted: web callsTypes db"},
				{cartKey, true, true, "granted: web calls cart"},
			}},
		{"current under an older annotation: the labels decide", Pod{Namespace: "shop", Labels: labels("web", cartKey, dbKey), Annotations: hash("0123456789abcdef"), NamespaceLabels: shop},
			nil, StateCurrent, []label{
				{dbKey, true, true, "granted: web callsTypes db"},
				{cartKey, true, true, "granted: web calls cart"},
			}},
		{"asked about a label it lacks", Pod{Namespace: "shop", Labels: labels("web", cartKey, dbKey), Annotations: hash(c.Hash()), NamespaceLabels: shop},
			[]string{redisKey}, StateCurrent, []label{
				{dbKey, true, true, "granted"},
				{cartKey, true, true, "granted"},
				{redisKey, false, false, "not granted: the rules do not let web call service redis (service redis is called by: cart)"},
			}},
		{"stale: a revoked label carried, a new one missing", Pod{Namespace: "shop", Labels: labels("cart", cartKey), Annotations: hash("0123456789abcdef"), NamespaceLabels: shop},
			nil, StateStale, []label{
				{cartKey, true, false, "carried, not granted: the rules do not let cart call service cart (service cart is called by: web). The reconciler removes it"},
				{redisKey, false, true, "granted, absent: cart calls redis. The reconciler adds it"},
			}},
		{"unlabelled: admitted without netiso", Pod{Namespace: "shop", Labels: labels("cart", "egress.netiso.dev/payments"), NamespaceLabels: shop},
			nil, StateUnlabelled, []label{
				{"egress.netiso.dev/payments", true, false, "it names no service or type in the rules"},
				{redisKey, false, true, "a user's update removed it"},
			}},
		{"short of its grant, whatever its annotation says", Pod{Namespace: "shop", Labels: labels("web", cartKey), Annotations: hash(c.Hash()), NamespaceLabels: shop},
			nil, StateStale, []label{
				{dbKey, false, true, "The reconciler adds it"},
				{cartKey, true, true, "granted"},
			}},
		{"no identity", Pod{Namespace: "shop", Labels: map[string]string{cartKey: "true"}, NamespaceLabels: shop},
			nil, StatePlaceless, []label{{cartKey, true, false, "the pod belongs to no service"}}},
		{"namespace not allowed", Pod{Namespace: "shop", Labels: labels("ledger"), NamespaceLabels: shop}, nil, StatePlaceless, nil},
		{"exempt namespace", Pod{Namespace: "dev", Labels: labels("web", redisKey), NamespaceLabels: map[string]string{"netiso.dev/exempt": "true"}},
			nil, StateExempt, []label{
				{dbKey, false, true, "absent: the namespace is exempt"},
				{cartKey, false, true, "absent: the namespace is exempt"},
				{redisKey, true, false, "carried, but not policed"},
			}},
		{"always exempt namespace", Pod{Namespace: "netiso-system", Labels: labels("cart")}, nil, StateExempt, []label{{redisKey, false, true, "exempt"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.pod.Name = "p"
			e, err := ExplainPod(c, tc.pod, tc.also, opts)
			if err != nil {
				t.Fatal(err)
			}
			if e.State != tc.state {
				t.Errorf("state %s (%s), want %s", e.State, e.Summary, tc.state)
			}
			if len(e.Labels) != len(tc.labels) {
				t.Fatalf("labels %+v, want %d", e.Labels, len(tc.labels))
			}
			for i, want := range tc.labels {
				got := e.Labels[i]
				if got.Key != want.key || got.OnPod != want.onPod || got.Granted != want.grants || !strings.Contains(got.Why, want.why) {
					t.Errorf("label %d: %+v\nwant %+v", i, got, want)
				}
			}
			if text := e.Text(); !strings.Contains(text, "pod "+tc.pod.Namespace+"/p") || !strings.Contains(text, e.Summary) {
				t.Errorf("text lacks the pod or the summary:\n%s", text)
			}
		})
	}
}

func TestExplainPodRefusesForeignLabels(t *testing.T) {
	c := rulestest.Services(t, podRules, rules.DefaultOptions())
	_, err := ExplainPod(c, Pod{Namespace: "shop", Name: "p"}, []string{"app"}, policy.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), `label "app" is not netiso's`) {
		t.Errorf("err = %v", err)
	}
}
