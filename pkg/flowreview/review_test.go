package flowreview

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/flowlog"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

const zonedRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
zones:
  - {name: pci, namespaces: [pci]}
services:
  - {name: web, namespaces: [shop], public: true, ports: [{port: 8080}]}
  - {name: shop, namespaces: [shop], callsTypes: [db]}
  - {name: orders-db, namespaces: [shop], type: db}
  - {name: vault, namespaces: [pci], zone: pci}
`

// TestCompute: the cases the command's test does not reach: a public callee admits any source,
// named or not; a type grants its members; a call across a zone boundary is a decision, never a
// proposal, and the proposed rules still compile.
func TestCompute(t *testing.T) {
	doc, err := rules.Parse("r.yaml", []byte(zonedRules))
	if err != nil {
		t.Fatal(err)
	}
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts := policy.DefaultOptions()
	pod := func(ns, name, service, ip string) Pod {
		return Pod{Namespace: ns, Name: name, Labels: map[string]string{opts.ServiceLabel: service}, IPs: []netip.Addr{netip.MustParseAddr(ip)}}
	}
	pods := []Pod{pod("shop", "web-1", "web", "10.0.0.1"), pod("shop", "shop-1", "shop", "10.0.0.2"),
		pod("shop", "db-0", "orders-db", "10.0.0.3"), pod("pci", "vault-0", "vault", "10.0.9.1")}
	log := flowlog.NewLog()
	lines := []string{
		"203.0.113.7 10.0.0.1 8080", // the internet to the public web: granted
		"10.0.0.2 10.0.0.3 5432",    // shop to orders-db, by type: granted
		"10.0.0.2 10.0.9.1 8200",    // shop to vault, across the zone: not granted, not proposed
		"10.0.0.1 10.0.0.2 9000",    // web to shop: not granted, proposed
	}
	var in strings.Builder
	for i, l := range lines {
		var src, dst string
		var port int
		if _, err := fmt.Sscan(l, &src, &dst, &port); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&in, "[%d.000000] calico-packet: IN=cali1 OUT=cali2 SRC=%s DST=%s LEN=60 PROTO=TCP SPT=40000 DPT=%d SYN\n", 100+i, src, dst, port)
	}
	if err := log.Read(strings.NewReader(in.String()), flowlog.Options{}); err != nil {
		t.Fatal(err)
	}
	r, err := Compute(c, log, pods, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.LoggedAnyway) != 2 || r.LoggedAnyway[0].From != "203.0.113.7" || r.LoggedAnyway[0].Via != "public" ||
		r.LoggedAnyway[1].From != "shop" || r.LoggedAnyway[1].Via != "callsTypes db" {
		t.Errorf("logged anyway %+v", r.LoggedAnyway)
	}
	if len(r.Ungranted) != 2 || r.Ungranted[0].From != "shop" || r.Ungranted[0].To != "vault" || r.Ungranted[0].Proposed ||
		r.Ungranted[1].From != "web" || r.Ungranted[1].To != "shop" || !r.Ungranted[1].Proposed {
		t.Errorf("ungranted %+v", r.Ungranted)
	}
	if len(r.Decisions) != 1 || !strings.Contains(r.Decisions[0].Problem, "across a zone boundary") {
		t.Errorf("decisions %+v", r.Decisions)
	}
	if len(r.Unnamed) != 0 || len(r.Change.LinksOpened) != 1 || r.Change.LinksOpened[0].From != "web" {
		t.Errorf("unnamed %+v, opened %+v", r.Unnamed, r.Change.LinksOpened)
	}
	if r.Log.First.Uptime.Seconds() != 100 || r.Log.Last.Uptime.Seconds() != 103 || len(r.NotSeen) != 0 ||
		!strings.Contains(r.Text(), "seen uptime 100.000000s to uptime 103.000000s") {
		t.Errorf("window %v to %v\n%s", r.Log.First, r.Log.Last, r.Text())
	}
}
