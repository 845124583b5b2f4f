package discover

import (
	"path/filepath"
	"slices"
	"testing"
)

const sockShop = "../../testdata/sock-shop"

// sockShopTruth is Sock Shop's published call graph (its NetworkPolicies, with the policy's `cart`
// read as the carts pods' `carts`) plus front-end -> session-db, which front-end's code needs and
// no policy lists (testdata/sock-shop/NOTICE.md): 15 calls.
func sockShopTruth(t *testing.T) []string {
	t.Helper()
	links, _ := policyGraph(t, filepath.Join(sockShop, "upstream-network-policies"), "name")
	for i, l := range links {
		links[i] = map[string]string{"front-end -> cart": "front-end -> carts", "orders -> cart": "orders -> carts", "cart -> carts-db": "carts -> carts-db"}[l]
		if links[i] == "" {
			links[i] = l
		}
	}
	links = append(links, "front-end -> session-db")
	slices.Sort(links)
	return links
}

// TestSockShop: an application nobody here wrote, in three languages, with its manifests. Every
// call discover writes is in the published graph (precision 1), and the only calls it misses are
// the two docs/cli.md explains: orders calls carts and user at URLs that arrive in its requests.
func TestSockShop(t *testing.T) {
	truth := sockShopTruth(t)
	if len(truth) != 15 {
		t.Fatalf("%d calls in the published graph, want 15: %q", len(truth), truth)
	}
	files := manifestFiles(t, filepath.Join(sockShop, "manifests"))
	res, err := Run(Input{Manifests: files, Trees: sourcesOf(t, filepath.Join(sockShop, "src"))}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.ServiceLabel != "name" {
		t.Errorf("identity label %q, want name (inferred)", res.ServiceLabel)
	}
	got := written(res)
	hits, wrong, missed := score(got, truth)
	if len(wrong) > 0 {
		t.Errorf("written, not in the published graph: %q", wrong)
	}
	if want := []string{"orders -> carts", "orders -> user"}; !slices.Equal(missed, want) {
		t.Errorf("missed %q, want only %q", missed, want)
	}
	t.Logf("precision %d/%d, recall %d/%d; missed %q", len(hits), len(got), len(hits), len(truth), missed)

	// From the manifests alone, what the issue measured: 1 of the 15.
	alone, err := Run(Input{Manifests: files}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := written(alone); !slices.Equal(got, []string{"user -> user-db"}) {
		t.Errorf("from the manifests alone %q, want user -> user-db", got)
	}
}
