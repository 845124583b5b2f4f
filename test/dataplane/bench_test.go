//go:build dataplane

package dataplane

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// The link the benchmark revokes and grants again: the shop's checkout calling its payments.
const (
	benchCaller, benchCallee, benchPort = "checkoutservice", "paymentservice", 50051
)

// BenchmarkChangeToPacket: a link revoked in the rules ConfigMap, and the time until a real
// connection from the caller's running pod is refused; granted again, until one connects. The
// whole way a change takes: ConfigMap, the webhook's reload, the reconciler's UPDATE, the
// webhook's labels, kube-router's sync, the packet. label-ms is the part until the API server
// has the caller's new labels. First with the suite's own pods, then with
// DATAPLANE_BENCH_PODS (200 unless set; 0 skips) more pods of a Monzo-shaped synthetic rule set,
// one pod namespace each, with their policies. Run with `make bench-dataplane`.
func BenchmarkChangeToPacket(b *testing.B) {
	extra := 200
	if v := os.Getenv("DATAPLANE_BENCH_PODS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("DATAPLANE_BENCH_PODS=%q: %v", v, err)
		}
		extra = n
	}
	b.Run(fmt.Sprintf("pods=%d", len(shared.pods)), func(b *testing.B) { changeToPacket(b, base) })
	if extra == 0 {
		return
	}
	doc, pods := addSynthetic(b, extra)
	b.Run(fmt.Sprintf("pods=%d", len(shared.pods)+len(pods)), func(b *testing.B) { changeToPacket(b, doc) })
}

func changeToPacket(b *testing.B, doc *rules.Document) {
	ctx := context.Background()
	caller, callee := shared.find(b, shopNS, benchCaller), shared.find(b, shopNS, benchCallee)
	revoked := withoutLink(doc, benchCaller, benchCallee)
	key := rules.DefaultOptions().CalleeKey(benchCallee)
	if err := caller.net.connect(callee.net.ip, benchPort, sure); err != nil {
		b.Fatalf("%s cannot reach %s before the benchmark: %v", caller, callee, err)
	}
	var revoke, grant, labelRevoke, labelGrant []time.Duration
	for b.Loop() {
		for _, step := range []struct {
			doc            *rules.Document
			open           bool
			times, labelTs *[]time.Duration
		}{{revoked, false, &revoke, &labelRevoke}, {doc, true, &grant, &labelGrant}} {
			if err := setRules(ctx, docJSON(step.doc)); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			labelled := make(chan time.Duration, 1)
			go func() { labelled <- untilLabel(caller, key, step.open, start) }()
			var d time.Duration
			var err error
			if step.open {
				d, err = untilConnects(caller, callee.net.ip, benchPort, start)
			} else {
				d, err = untilRefused(caller, callee.net.ip, benchPort, start)
			}
			if err != nil {
				b.Fatal(err)
			}
			*step.times = append(*step.times, d)
			*step.labelTs = append(*step.labelTs, <-labelled)
		}
	}
	report(b, "revoke", revoke)
	report(b, "grant", grant)
	report(b, "label-revoke", labelRevoke)
	report(b, "label-grant", labelGrant)
}

// report gives the mean as the metric, and logs median and max.
func report(b *testing.B, what string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	b.ReportMetric(float64(sum.Milliseconds())/float64(len(ds)), what+"-ms")
	b.Logf("%s: %d changes, median %s, max %s", what, len(ds), sorted[len(sorted)/2].Round(time.Millisecond), sorted[len(sorted)-1].Round(time.Millisecond))
}

// untilRefused tries connections one after another (5 ms apart, to leave the CPU to the parts
// being measured) until one fails, and confirms the refusal with a long one. The time is when the
// first refused attempt started: its SYN already met the new rule.
func untilRefused(src *pod, ip string, port int, since time.Time) (time.Duration, error) {
	for time.Since(since) < time.Minute {
		at := time.Now()
		if src.net.connect(ip, port, quick) != nil && src.net.connect(ip, port, sure) != nil {
			return at.Sub(since), nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s still reaches %s:%d a minute after the link was revoked", src, ip, port)
}

// untilConnects starts an attempt every 10 ms, each waiting up to a second (a refused one can take
// that long), until one connects; the time is when it connected.
func untilConnects(src *pod, ip string, port int, since time.Time) (time.Duration, error) {
	done := make(chan time.Duration, 1)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	for time.Since(since) < time.Minute {
		select {
		case d := <-done:
			return d, nil
		case <-tick.C:
			wg.Go(func() {
				if src.net.connect(ip, port, time.Second) == nil {
					select {
					case done <- time.Since(since):
					default:
					}
				}
			})
		}
	}
	return 0, fmt.Errorf("%s cannot reach %s:%d a minute after the link was granted", src, ip, port)
}

// untilLabel polls the caller's labels (every 20 ms) until the callee's label is there or gone.
func untilLabel(p *pod, key string, present bool, since time.Time) time.Duration {
	for time.Since(since) < time.Minute {
		if l, err := labelsOf(context.Background(), p); err == nil {
			if _, ok := l[key]; ok == present {
				return time.Since(since)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Minute
}

func withoutLink(doc *rules.Document, caller, callee string) *rules.Document {
	out := *doc
	out.Services = slices.Clone(doc.Services)
	for i := range out.Services {
		if out.Services[i].Name == caller {
			out.Services[i].Calls = slices.DeleteFunc(slices.Clone(out.Services[i].Calls), func(c string) bool { return c == callee })
		}
	}
	return &out
}

// addSynthetic puts n more services in force, from synth's Monzo shape (6.2 links a service, a
// few monitoring-like callers of many, types, team namespaces), netiso applying their policies, and one pod
// each, and waits until a sample of their paths is as the rules say.
func addSynthetic(b *testing.B, n int) (*rules.Document, []*pod) {
	ctx := context.Background()
	sd := synth.Generate(synth.Config{Services: n, Links: n * 62 / 10, Seed: 1, HeavyCallers: 2, HeavyFanout: n / 4, Namespaces: 10})
	doc := *base
	doc.Services = slices.Concat(base.Services, sd.Services)
	start := time.Now()
	if err := ensureNamespaces(ctx, &doc); err != nil {
		b.Fatal(err)
	}
	if err := setRules(ctx, docJSON(&doc)); err != nil {
		b.Fatal(err)
	}
	held(b, &doc) // netiso applies their policies
	pods := make([]*pod, len(sd.Services))
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, s := range sd.Services {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			p := &pod{name: fmt.Sprintf("synth-%03d", i), namespace: policy.Namespaces(s, shopNS)[0], service: s.Name, policed: true}
			for _, sp := range s.Ports {
				if sp.Protocol == "" || sp.Protocol == "TCP" {
					p.ports = append(p.ports, int(sp.Port))
				}
			}
			if len(s.Ports) == 0 {
				p.ports = []int{8080}
			}
			if err := createPod(ctx, p, map[string]string{serviceLabel: s.Name}, corev1.PodSpec{}); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
				mu.Unlock()
			}
			pods[i] = p
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
	created := time.Since(start)
	// The whole matrix at this size, on packets and in cyclonus, against the rules.
	w := &world{doc: &doc, pods: slices.Concat(shared.pods, pods)}
	want := granted(&doc)
	qs := w.questions(nil)
	got, rounds, took := converge(qs, want, 2*time.Minute)
	m := newModel(ctx, b, w)
	var tl tally
	for i, q := range qs {
		tl.questions++
		if got[i] {
			tl.allowed++
		}
		tl.add(q, got[i], want(q), "packets")
		tl.add(q, m.allowed(q), want(q), "cyclonus")
	}
	r, err := rules.Compile(&doc, rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d more pods: %d services, %d links in force, %d pods in %d namespaces; created in %s; packets settled after %d rounds, %s: %s",
		n, r.Len(), r.Links(), len(w.pods), countNamespaces(w), created.Round(time.Millisecond), rounds, took.Round(time.Millisecond), &tl)
	if len(tl.wrong) > 0 {
		b.Errorf("first disagreements:\n%s", strings.Join(tl.wrong[:min(len(tl.wrong), 20)], "\n"))
		dumpDataplane(b.Logf)
		b.FailNow()
	}
	return &doc, pods
}
