// Package synth generates Monzo-shaped rule sets for tests and benchmarks: many services, a few
// thousand or more links, most callers with a handful of callees, a heavy tail of callers (the
// monitoring-like ones) with hundreds, several service types, some callsTypes, some public edge
// services, and names that exercise the shortened label and policy-name forms. The same Config
// always yields the same document.
package synth

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/netiso/netiso/pkg/rules"
)

// Config is the shape of a generated rule set.
type Config struct {
	Services int // number of services
	Links    int // number of explicit service-to-service calls (rules' calls), exactly
	Seed     uint64

	// HeavyCallers call HeavyFanout services each (Monzo's monitoring and the like).
	HeavyCallers int
	HeavyFanout  int
	// Namespaces is how many team namespaces services are spread over.
	Namespaces int
}

// Monzo is the scale Monzo isolated: 1,500 services and 9,300 links.
func Monzo() Config {
	return Config{Services: 1500, Links: 9300, Seed: 1, HeavyCallers: 4, HeavyFanout: 300, Namespaces: 20}
}

// TenX is docs/design.md's target, ten times Monzo: 15,000 services and 100,000 links.
func TenX() Config {
	return Config{Services: 15000, Links: 100000, Seed: 1, HeavyCallers: 12, HeavyFanout: 800, Namespaces: 120}
}

// Types are the service types generated, with how common each is (out of 100). The last has a
// "/" and so is never a valid label name: its label key takes the shortened, hashed form.
var Types = []struct {
	Name   string
	Weight int
}{
	{"backend", 50}, {"api", 15}, {"consumer", 12}, {"cron", 8}, {"storage", 5}, {"platform/observability", 5},
	// the remaining 5% have no type
}

// edges is how many public edge services there are, right after the heavy callers.
const edges = 3

var words = []string{
	"account", "ledger", "payment", "card", "user", "emoji", "notification", "auth", "risk", "fraud",
	"savings", "loan", "pot", "transaction", "merchant", "feed", "support", "identity", "billing", "statement",
}

// Generate returns a valid rules document of cfg's shape, services sorted by name. It panics on a
// Config that cannot be satisfied (more links than caller-callee pairs): Configs are written in code.
func Generate(cfg Config) *rules.Document {
	n := cfg.Services
	if n < 2 || cfg.Links < 0 || cfg.Links > n*(n-1) || cfg.HeavyCallers >= n || cfg.HeavyFanout >= n {
		panic(fmt.Sprintf("synth: impossible config %+v", cfg))
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x6e657469736f)) // "netiso"
	svcs := make([]rules.Service, n)
	for i := range svcs {
		svcs[i] = rules.Service{Name: name(i, cfg.HeavyCallers), Source: "synth"}
	}
	assignTypes(r, svcs, cfg.HeavyCallers)
	assignNamespaces(r, svcs, cfg.Namespaces)
	assignPorts(r, svcs, cfg.HeavyCallers)

	// Callees are chosen by popularity (a few services, like a ledger, are called by very many),
	// callers' out-degrees by a Pareto law scaled to the link budget: most call a handful.
	pick := popularity(r, n)
	calls := make([][]int, n)
	budget := cfg.Links
	heavy := min(cfg.HeavyCallers, budget/max(cfg.HeavyFanout, 1))
	for i := range heavy {
		calls[i] = callees(r, pick, i, cfg.HeavyFanout, n)
		budget -= cfg.HeavyFanout
	}
	for k, d := range outDegrees(r, n-heavy, budget, n-1) {
		calls[heavy+k] = callees(r, pick, heavy+k, d, n)
	}
	// A few services call every service of a type, as monitoring calls every backend's metrics.
	for i := range svcs {
		if i < heavy || r.IntN(100) == 0 {
			svcs[i].CallsTypes = []string{Types[r.IntN(len(Types))].Name}
		}
	}
	for i, cs := range calls {
		for _, c := range cs {
			svcs[i].Calls = append(svcs[i].Calls, svcs[c].Name)
		}
	}
	ensureTypesUsed(svcs)
	slices.SortFunc(svcs, func(a, b rules.Service) int { return cmp.Compare(a.Name, b.Name) })
	return &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: svcs}
}

// name is service i's name: heavy callers are monitoring-like, the first few after them are public
// edges, and about one in a hundred has a name that needs the shortened policy-name form (upper
// case, underscores, or so long that "netiso-" pushes it over 63 characters).
func name(i, heavy int) string {
	w := words[i%len(words)]
	switch {
	case i < heavy:
		return fmt.Sprintf("service.monitoring-%d", i)
	case i < heavy+edges:
		return fmt.Sprintf("service.edge-%d", i)
	case i%97 == 1:
		return fmt.Sprintf("service.%s_Core-%05d", w, i)
	case i%97 == 2:
		return fmt.Sprintf("service.%s-reconciliation-and-settlement-worker-%05d", w, i) // 59-63 characters
	}
	return fmt.Sprintf("service.%s-%05d", w, i)
}

func assignTypes(r *rand.Rand, svcs []rules.Service, heavy int) {
	for i := range svcs {
		if i < heavy {
			svcs[i].Type = "platform/observability"
			continue
		}
		roll := r.IntN(100)
		for _, t := range Types {
			if roll < t.Weight {
				svcs[i].Type = t.Name
				break
			}
			roll -= t.Weight
		}
	}
}

// assignNamespaces: most services run in one team namespace, some in two, some have none (they
// may run anywhere; policies go to the default namespace).
func assignNamespaces(r *rand.Rand, svcs []rules.Service, namespaces int) {
	if namespaces < 1 {
		return
	}
	for i := range svcs {
		switch roll := r.IntN(100); {
		case roll < 5:
		case roll < 10 && namespaces > 1:
			a := r.IntN(namespaces)
			b := (a + 1 + r.IntN(namespaces-1)) % namespaces
			svcs[i].Namespaces = []string{team(a), team(b)}
		default:
			svcs[i].Namespaces = []string{team(r.IntN(namespaces))}
		}
	}
}

func team(i int) string { return fmt.Sprintf("team-%03d", i) }

// assignPorts: mostly one gRPC port, some with a metrics port too, a few UDP, a few with no ports
// (all ports open to their callers); public edges serve 8443.
func assignPorts(r *rand.Rand, svcs []rules.Service, heavy int) {
	for i := range svcs {
		s := &svcs[i]
		if i >= heavy && i < heavy+edges {
			s.Public = true
			s.Ports = []rules.Port{{Port: 8443, Protocol: "TCP"}}
			continue
		}
		switch roll := r.IntN(100); {
		case roll < 5:
		case roll < 8:
			s.Ports = []rules.Port{{Port: 5353, Protocol: "UDP"}, {Port: 8080, Protocol: "TCP"}}
		case roll < 30:
			s.Ports = []rules.Port{{Port: 8080, Protocol: "TCP"}, {Port: 9090, Protocol: "TCP"}}
		default:
			s.Ports = []rules.Port{{Port: 8080, Protocol: "TCP"}}
		}
	}
}

// popularity returns a sampler of callee indexes, Zipf-like over a random ranking of services.
func popularity(r *rand.Rand, n int) func() int {
	rank := r.Perm(n)
	cum := make([]float64, n)
	total := 0.0
	for i := range n {
		total += 1 / math.Pow(float64(rank[i]+10), 0.9)
		cum[i] = total
	}
	return func() int {
		x := r.Float64() * total
		return sort.SearchFloat64s(cum, x)
	}
}

// callees picks d distinct services other than self, by popularity, falling back to uniform
// choice once the popular ones are taken.
func callees(r *rand.Rand, pick func() int, self, d, n int) []int {
	seen := map[int]bool{self: true}
	out := make([]int, 0, d)
	for tries := 0; len(out) < d; tries++ {
		c := pick()
		if tries > 20*d {
			c = r.IntN(n)
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// outDegrees splits total links over n callers with a Pareto-distributed share each, every degree
// at most limit; the sum is exactly total.
func outDegrees(r *rand.Rand, n, total, limit int) []int {
	if n == 0 {
		return nil
	}
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = 1 / math.Pow(1-r.Float64(), 1/1.6) // Pareto, alpha 1.6: a long tail
		sum += w[i]
	}
	d := make([]int, n)
	given := 0
	for i := range d {
		d[i] = min(int(float64(total)*w[i]/sum), limit)
		given += d[i]
	}
	for i := 0; given < total; i = (i + 1) % n { // hand out the remainder one by one
		if d[i] < limit {
			d[i]++
			given++
		}
	}
	return d
}

// ensureTypesUsed drops callsTypes naming a type no service has (possible in tiny configs), which
// validation would refuse.
func ensureTypesUsed(svcs []rules.Service) {
	have := map[string]bool{}
	for _, s := range svcs {
		have[s.Type] = true
	}
	for i := range svcs {
		svcs[i].CallsTypes = slices.DeleteFunc(svcs[i].CallsTypes, func(t string) bool { return !have[t] })
	}
}
