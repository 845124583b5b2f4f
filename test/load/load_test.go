package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// TestMain lets the test binary be the minimal endpoint too, as the load test runs itself as one.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == minimalFlag {
		if err := serveMinimal(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "minimal endpoint:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func ms(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }

func TestSummarize(t *testing.T) {
	r := newRecorder()
	for _, l := range []float64{5, 1, 3, 2, 4} {
		r.add(ms(l), outcome{hash: "h1"})
	}
	r.add(ms(10), outcome{kind: errStatus, err: errors.New("HTTP 500")})
	s := summarize(r, 2*time.Second)
	if s.Requests != 6 || s.Errors != 1 || s.Throughput != 3 || s.P50 != ms(3) || s.Max != ms(10) || s.Versions["h1"] != 5 {
		t.Errorf("summarize = %+v", s)
	}
	if got := s.errorSummary(); got != "http status: 1 (HTTP 500)" {
		t.Errorf("errorSummary = %q", got)
	}
}

func TestSchedule(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		rate  float64
		d     time.Duration
		wantN int64
		i     int64
		want  time.Duration // after start
	}{
		"first request at the start": {100, time.Second, 100, 0, 0},
		"every 10 ms at 100/s":       {100, time.Second, 100, 7, 70 * time.Millisecond},
		"a third of a second, exact": {3, 10 * time.Second, 30, 1, time.Second / 3},
		"no drift over a long run":   {3, time.Hour, 10800, 9000, 3000 * time.Second},
		"fractional rate":            {0.5, 10 * time.Second, 5, 4, 8 * time.Second},
		"a rate below one per run":   {0.5, time.Second, 0, 0, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := newSchedule(start, tc.rate, tc.d)
			if s.n != tc.wantN {
				t.Errorf("%v req/s for %s: %d requests, want %d", tc.rate, tc.d, s.n, tc.wantN)
			}
			if got := s.at(tc.i).Sub(start); got != tc.want {
				t.Errorf("request %d due at +%v, want +%v", tc.i, got, tc.want)
			}
		})
	}
}

// fakeClock is time that moves only when told: sleeping jumps to the wake-up time, a request
// advances it by how long the server takes. With one worker, the run is deterministic.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) SleepUntil(ctx context.Context, t time.Time) error {
	if t.After(c.now) {
		c.now = t
	}
	return ctx.Err()
}

// serve returns a sender whose n-th request takes service[n] (the last value after the list ends).
func (c *fakeClock) serve(service ...time.Duration) func(context.Context) outcome {
	n := 0
	return func(context.Context) outcome {
		c.now = c.now.Add(service[min(n, len(service)-1)])
		n++
		return outcome{hash: "h"}
	}
}

func TestOpenLoop(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		rate    float64
		d       time.Duration
		service []time.Duration
		want    []time.Duration // latencies in order, from each request's due time
		behind  int
	}{
		"a fast server: latency is service time": {
			rate: 100, d: 50 * time.Millisecond, service: []time.Duration{ms(1)},
			want: []time.Duration{ms(1), ms(1), ms(1), ms(1), ms(1)},
		},
		// Requests due every 10 ms; the first takes 45 ms. The ones due meanwhile wait for it, and
		// that wait is latency: a closed-loop generator would have reported 1 ms for each.
		"a stall delays the requests due during it": {
			rate: 100, d: 60 * time.Millisecond, service: []time.Duration{ms(45), ms(1)},
			want: []time.Duration{ms(45), ms(36), ms(27), ms(18), ms(9), ms(1)},
		},
		// A 7 s stall: the requests due more than 5 s before their turn came are not sent.
		"requests whose turn comes too late are not sent": {
			rate: 1, d: 9 * time.Second, service: []time.Duration{7 * time.Second, ms(1)},
			// Due at 0..8 s; the first answers at 7 s. The one due at 1 s would go out 6 s late: not
			// sent. The one due at 2 s goes out exactly 5 s late; the backlog then drains 1 ms a
			// request, until the one due at 8 s goes out on time.
			want: []time.Duration{7 * time.Second, 5*time.Second + ms(1), 4*time.Second + ms(2), 3*time.Second + ms(3),
				2*time.Second + ms(4), time.Second + ms(5), ms(6), ms(1)},
			behind: 1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			clk := &fakeClock{now: start}
			rec := openLoop(t.Context(), clk, newSchedule(start, tc.rate, tc.d), []func(context.Context) outcome{clk.serve(tc.service...)})
			if !slices.Equal(rec.latencies, tc.want) {
				t.Errorf("latencies %v, want %v", rec.latencies, tc.want)
			}
			if rec.errors[errBehind] != tc.behind {
				t.Errorf("%d not sent, want %d", rec.errors[errBehind], tc.behind)
			}
		})
	}
}

// TestOpenLoopWorkers: with several workers on the real clock, every request is sent exactly once,
// and a run lasts its schedule.
func TestOpenLoopWorkers(t *testing.T) {
	var sent atomic.Int64
	send := make([]func(context.Context) outcome, 4)
	for i := range send {
		send[i] = func(context.Context) outcome { sent.Add(1); return outcome{} }
	}
	start := time.Now()
	rec := openLoop(t.Context(), realClock{}, newSchedule(start, 500, 100*time.Millisecond), send)
	if len(rec.latencies) != 50 || sent.Load() != 50 {
		t.Errorf("%d latencies, %d sent; want 50", len(rec.latencies), sent.Load())
	}
	// The last request is due at 98 ms.
	if d := time.Since(start); d < 98*time.Millisecond {
		t.Errorf("50 requests at 500/s took %s", d)
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\twebhook\nVmPeak:\t 1300000 kB\nVmHWM:\t   46000 kB\nVmRSS:\t   44000 kB\nThreads:\t9\n"
	m, err := parseStatus([]byte(status))
	if err != nil || m.RSS != 44000<<10 || m.HWM != 46000<<10 {
		t.Errorf("parseStatus = %+v, %v", m, err)
	}
	if _, err := parseStatus([]byte("Name:\tkthreadd\n")); err == nil {
		t.Error("no VmRSS (a kernel thread): no error")
	}
	if m, err := readMemory(os.Getpid()); err != nil || m.RSS == 0 || m.HWM < m.RSS {
		t.Errorf("readMemory(self) = %+v, %v", m, err)
	}
}

func TestParseStat(t *testing.T) {
	// The command name may hold spaces and parentheses.
	stat := "4242 (we (b) hook) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 130 0 0 20 0 9 0 1000 1300000 11000 18446744073709551615"
	got, err := parseStat([]byte(stat))
	if want := 3800 * time.Millisecond; err != nil || got != want {
		t.Errorf("parseStat = %v, %v; want %v (380 ticks)", got, err, want)
	}
	if _, err := cpuTime(os.Getpid()); err != nil {
		t.Error(err)
	}
}

func TestNewUID(t *testing.T) {
	seen := map[string]bool{}
	buf := make([]byte, len(uidTemplate))
	for _, n := range []uint64{0, 1, 15, 16, 1 << 40, 1<<48 - 1} {
		newUID(buf, n)
		if len(buf) != 36 || string(buf[:24]) != uidTemplate[:24] || seen[string(buf)] {
			t.Errorf("newUID(%d) = %s", n, buf)
		}
		seen[string(buf)] = true
	}
	newUID(buf, 0xabc)
	if string(buf) != "00000000-0000-4000-8000-000000000abc" {
		t.Errorf("newUID(0xabc) = %s", buf)
	}
}

func TestReviewTemplate(t *testing.T) {
	pod := synth.Pod("service.emoji", identityLabel, 10000)
	if len(pod) < 10000 || len(pod) > 10300 {
		t.Errorf("pod of %d bytes, want about 10,000", len(pod))
	}
	if n := len(synth.Pod("service.emoji", identityLabel, 0)); n < 5000 {
		t.Errorf("the benchmark's pod: %d bytes", n)
	}
	body, at, err := reviewTemplate(pod, "bank")
	if err != nil {
		t.Fatal(err)
	}
	newUID(body[at:at+len(uidTemplate)], 7)
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal(body, &review); err != nil {
		t.Fatal(err)
	}
	r := review.Request
	if r.UID != "00000000-0000-4000-8000-000000000007" || r.Operation != admissionv1.Create || r.Namespace != "bank" ||
		r.Kind.Kind != "Pod" || !bytes.Equal(r.Object.Raw, pod) {
		t.Errorf("review request %+v", r)
	}
}

// TestVerifyPatch checks the load test's patch check against the webhook's own patch for its pod.
func TestVerifyPatch(t *testing.T) {
	doc := synth.Generate(synth.Config{Services: 30, Links: 60, Seed: 1, Namespaces: 0})
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var svc rules.Service
	for _, s := range doc.Services {
		if len(s.Calls) > 1 && len(s.CallsTypes) == 0 {
			svc = s
			break
		}
	}
	var obj struct{ Metadata mutate.Meta }
	if err := json.Unmarshal(synth.Pod(svc.Name, identityLabel, 0), &obj); err != nil {
		t.Fatal(err)
	}
	d := mutate.Decide(mutate.Input{Operation: admissionv1.Create, Namespace: "bank", Pod: obj.Metadata}, c,
		mutate.Config{ServiceLabel: identityLabel, UnknownService: mutate.UnknownAllow})
	patch, err := json.Marshal(webhook.Patch(obj.Metadata, d, c.Options().IsManaged))
	if err != nil {
		t.Fatal(err)
	}
	grant, _ := c.Lookup(svc.Name, "bank")
	exp := expectation{patched: true, labels: grant.Labels(), hashes: map[string]bool{c.Hash(): true}}

	if hash, err := verifyPatch(patch, exp); err != nil || hash != c.Hash() {
		t.Fatalf("the webhook's patch: %q, %v\n%s", hash, err, patch)
	}
	fewer := grant.Labels()
	delete(fewer, grant.Keys[0])
	wrong := map[string][]byte{
		"a label missing":     []byte(strings.Replace(string(patch), `{"op":"add","path":"/metadata/labels/`+escapePointer(grant.Keys[0])+`","value":"true"},`, "", 1)),
		"another rules hash":  []byte(strings.Replace(string(patch), c.Hash(), "0123456789abcdef", 1)),
		"a remove":            []byte(`[{"op":"remove","path":"/metadata/labels/team"}]`),
		"an unmanaged change": []byte(strings.Replace(string(patch), "]", `,{"op":"add","path":"/spec/nodeName","value":"n1"}]`, 1)),
		"not a patch":         []byte(`{}`),
	}
	for name, p := range wrong {
		if bytes.Equal(p, patch) {
			t.Fatalf("%s: the edit did not apply", name)
		}
		if _, err := verifyPatch(p, exp); err == nil {
			t.Errorf("%s: accepted %s", name, p)
		}
	}
	if _, err := verifyPatch(patch, expectation{patched: true, labels: fewer, hashes: exp.hashes}); err == nil {
		t.Error("a label more than expected: accepted")
	}
}

// TestSmoke runs the whole load test briefly and gently: the real webhook and the minimal endpoint,
// every mode, the rules swapped under load. Nothing may fail, the webhook's answers must carry the
// labels the rules give, both rules versions must be seen, and nothing may be left behind.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the webhook")
	}
	o := options{
		scale: "monzo", workers: 4, duration: 600 * time.Millisecond, warmup: 100 * time.Millisecond, rounds: 1, rate: 100,
		reloadEvery: 300 * time.Millisecond, reloadFor: 2 * time.Second, rulesPollInterval: 100 * time.Millisecond,
		podSize: 10000, report: t.TempDir() + "/load.md",
	}
	var out bytes.Buffer
	res, err := run(t.Context(), o, &out)
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range res.all() {
		if row.stats.Errors > 0 || row.stats.Requests == 0 {
			t.Errorf("%s %s: %d requests, %d errors", row.endpoint, row.load, row.stats.Requests, row.stats.Errors)
		}
	}
	// The labels every answer was checked against are the service's callees, as the rules say.
	doc := synth.Generate(synth.Monzo())
	var want []string
	for _, s := range doc.Services {
		if s.Name == res.Rules.service {
			for _, callee := range s.Calls {
				want = append(want, rules.DefaultOptions().CalleeKey(callee))
			}
		}
	}
	if got := sortedKeys(res.Rules.labels); len(want) != 6 || !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("answers checked for labels %v, want %v", got, want)
	}
	if v := res.Fixed[webhookName].Versions; v[res.Rules.hashA] != res.Fixed[webhookName].Requests {
		t.Errorf("steady load: versions %v, want all %s", v, res.Rules.hashA)
	}
	if len(res.Reload.Stats.Versions) != 2 {
		t.Errorf("while swapping rules: versions %v, want both", res.Reload.Stats.Versions)
	}
	if m := res.Mem[webhookName]; m.Idle == 0 || m.HWM < m.Idle {
		t.Errorf("webhook memory %+v", m)
	}
	report, err := os.ReadFile(o.report)
	if err != nil || !strings.Contains(string(report), "| webhook | full speed |") {
		t.Errorf("report: %v\n%s", err, report)
	}
	checkTornDown(t, res.PIDs, res.TempDir)
}

// checkTornDown checks that a run left nothing behind: its servers are gone, and so is its
// temporary directory.
func checkTornDown(t *testing.T, pids []int, tempDir string) {
	t.Helper()
	for _, pid := range pids {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			t.Errorf("process %d still runs", pid)
		}
	}
	if _, err := os.Stat(tempDir); err == nil {
		t.Errorf("%s left behind", tempDir)
	}
}
