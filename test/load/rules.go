package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// scales are the synthetic rule sets the load test can serve.
var scales = map[string]func() synth.Config{"monzo": synth.Monzo, "tenx": synth.TenX}

// ruleSet is the synthetic rules at one scale, in two versions that differ by one link (the reload
// test alternates them), and what the webhook must answer for the test's pod under either.
type ruleSet struct {
	a, b      []byte // the two versions, as JSON
	services  int
	links     int
	service   string // the pod's service: 6 callees, no types
	namespace string // the pod's namespace, where the service may run
	labels    map[string]string
	hashA     string
	hashB     string
	compile   time.Duration // parse and compile of version a, as the webhook does on each reload
	retained  uint64        // heap the compiled rules keep once the document is gone
	extraLink string        // the link b adds
}

// newRuleSet generates the rules at cfg's scale and compiles both versions as the webhook will.
func newRuleSet(cfg synth.Config) (*ruleSet, error) {
	doc := synth.Generate(cfg)
	rs := &ruleSet{services: len(doc.Services)}
	var six *rules.Service
	for i := range doc.Services {
		s := &doc.Services[i]
		rs.links += len(s.Calls)
		if six == nil && len(s.Calls) == 6 && len(s.CallsTypes) == 0 {
			six = s
		}
	}
	if six == nil {
		return nil, errors.New("no service with 6 callees and no types in the synthetic rules")
	}
	rs.service, rs.namespace = six.Name, "bank"
	if len(six.Namespaces) > 0 {
		rs.namespace = six.Namespaces[0]
	}
	var err error
	if rs.a, err = json.Marshal(doc); err != nil {
		return nil, err
	}

	// Version b: one more link, from a service other than the pod's, so the pod's labels stay and
	// only the rules hash tells the versions apart.
	other := &doc.Services[0]
	if other.Name == rs.service {
		other = &doc.Services[1]
	}
	for _, s := range doc.Services {
		if s.Name != other.Name && !slices.Contains(other.Calls, s.Name) {
			rs.extraLink = other.Name + " → " + s.Name
			other.Calls = append(other.Calls, s.Name)
			break
		}
	}
	if rs.b, err = json.Marshal(doc); err != nil {
		return nil, err
	}

	ca, dur, retained, err := compileLikeTheWebhook(rs.a)
	if err != nil {
		return nil, fmt.Errorf("the synthetic rules do not compile: %w", err)
	}
	rs.compile, rs.retained, rs.hashA = dur, retained, ca.Hash()
	grant, verdict := ca.Lookup(rs.service, rs.namespace)
	if verdict != rules.Granted || len(grant.Keys) != 6 {
		return nil, fmt.Errorf("%s in %s: verdict %d, %d labels", rs.service, rs.namespace, verdict, len(grant.Keys))
	}
	rs.labels = grant.Labels()
	cb, _, _, err := compileLikeTheWebhook(rs.b)
	if err != nil {
		return nil, fmt.Errorf("the synthetic rules with %s do not compile: %w", rs.extraLink, err)
	}
	rs.hashB = cb.Hash()
	if rs.hashA == rs.hashB {
		return nil, errors.New("the two versions of the rules have the same hash")
	}
	return rs, nil
}

// compileLikeTheWebhook parses and compiles a rules file as the webhook does (rulesource.Store),
// and says how long that took and how much heap the result keeps once the document is dropped.
func compileLikeTheWebhook(data []byte) (*rules.Compiled, time.Duration, uint64, error) {
	start := time.Now()
	c, err := parseCompile(data)
	if err != nil {
		return nil, 0, 0, err
	}
	dur := time.Since(start)
	// The heap with a second copy less the heap once it is dropped: measured from before the
	// compile, whatever else died meanwhile (the generated document) would be subtracted.
	var with, without runtime.MemStats
	again, _ := parseCompile(data)
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(again)
	runtime.GC()
	runtime.ReadMemStats(&without)
	var retained uint64
	if with.HeapAlloc > without.HeapAlloc {
		retained = with.HeapAlloc - without.HeapAlloc
	}
	return c, dur, retained, nil
}

func parseCompile(data []byte) (*rules.Compiled, error) {
	doc, err := rules.Parse("rules.json", data)
	if err != nil {
		return nil, err
	}
	return rules.Compile(doc, rules.DefaultOptions())
}

func (rs *ruleSet) expectation() expectation {
	return expectation{patched: true, labels: rs.labels, hashes: map[string]bool{rs.hashA: true, rs.hashB: true}}
}

// writeAtomic replaces path with data through a temporary file in the same directory and a rename,
// as a ConfigMap volume is updated: the webhook reads the old file or the new one, never half.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".rules-*.json")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
