package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzServiceJSON: the rules' hash is on every running pod, so appendServiceJSON must write exactly
// what encoding/json writes for the normalized service, whatever the free-text type holds.
func FuzzServiceJSON(f *testing.F) {
	for _, typ := range []string{"backend", "team/backend", "Types Are Free Text", "<a&b>", "café", "\u2028", "\xff", `a"b\c`, "tab\there", "\x7f"} {
		f.Add(typ, int32(8080), "UDP", true)
	}
	f.Add("backend", int32(53), "", false)
	f.Fuzz(func(t *testing.T, typ string, port int32, protocol string, public bool) {
		doc := &Document{Services: []Service{
			{Name: "web", Namespaces: []string{"shop-b", "shop"}, Type: typ, Calls: []string{"web", "db"}, CallsTypes: []string{typ},
				Ports: []Port{{Port: port, Protocol: protocol}, {Port: 1}}, Public: public},
			{Name: "db", Type: typ},
			{Name: "api"},
		}}
		c, err := Compile(doc, DefaultOptions())
		if err != nil {
			return // an empty type, an invalid port or protocol
		}
		checkServiceJSON(t, c)
	})
}

// checkServiceJSON: for each service, appendServiceJSON writes what encoding/json writes.
func checkServiceJSON(t *testing.T, c *Compiled) {
	t.Helper()
	for i := range c.names {
		want, err := json.Marshal(c.service(int32(i)))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.appendServiceJSON(nil, int32(i)); string(got) != string(want)+"\n" {
			t.Fatalf("service %s:\n got %s\nwant %s", c.names[i], got, want)
		}
	}
}

// TestServiceJSONZone: a member's zone is written as encoding/json writes it, in its place.
func TestServiceJSONZone(t *testing.T) {
	doc := &Document{
		Zones: []Zone{{Name: "pci", Namespaces: []string{"pci"}}},
		Services: []Service{
			{Name: "card", Zone: "pci", Namespaces: []string{"pci"}, Type: "t", Calls: []string{"vault"}, Ports: []Port{{Port: 1}}},
			{Name: "vault", Zone: "pci", Namespaces: []string{"pci"}},
		},
	}
	c, err := Compile(doc, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkServiceJSON(t, c)
	if !strings.Contains(string(c.appendServiceJSON(nil, 0)), `"zone":"pci"`) {
		t.Error("no zone written")
	}
}

// TestServiceJSONExternal: a member's external destinations are written as encoding/json writes
// them, in their place, normalized.
func TestServiceJSONExternal(t *testing.T) {
	doc := &Document{
		Zones: []Zone{{Name: "pci", Namespaces: []string{"pci"}}},
		Services: []Service{
			{Name: "gw", Zone: "pci", Namespaces: []string{"pci"}, Ports: []Port{{Port: 1}}, External: []External{
				{CIDR: "2001:db8::/32", Ports: []Port{{Port: 443, Protocol: "UDP"}, {Port: 443}}},
				{CIDR: "203.0.113.0/24", Except: []string{"203.0.113.192/26", "203.0.113.0/26"}},
				{CIDR: "0.0.0.0/0"},
			}},
			{Name: "vault", Zone: "pci", Namespaces: []string{"pci"}},
		},
	}
	c, err := Compile(doc, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkServiceJSON(t, c)
	want := `"ports":[{"port":1,"protocol":"TCP"}],"external":[{"cidr":"0.0.0.0/0"},{"cidr":"203.0.113.0/24","except":["203.0.113.0/26","203.0.113.192/26"]},` +
		`{"cidr":"2001:db8::/32","ports":[{"port":443,"protocol":"TCP"},{"port":443,"protocol":"UDP"}]}]}`
	if got := string(c.appendServiceJSON(nil, 0)); !strings.Contains(got, want) {
		t.Errorf("got  %s\nwant ...%s", got, want)
	}
}
