// Command load drives netiso's real webhook over HTTPS on loopback, and beside it a minimal
// endpoint that only decodes the AdmissionReview and answers "allowed", with the same load in the
// same run: the webhook's cost is then a ratio to that floor, not a figure that depends on the
// machine. It measures full-speed throughput, latency at a fixed rate (open loop), the webhook's
// memory, and admissions while the rules are swapped every second. With -soak it runs the webhook
// alone at a fixed rate for minutes instead, reporting each minute: errors, latency, resident
// memory and the Go heap, which must stay flat. See docs/performance.md.
//
//	go run ./test/load -scale monzo -duration 10s -reload-for 60s -report /tmp/load.md
//	go run ./test/load -soak 5m -report /tmp/soak.md
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/netiso/netiso/certs"
	"github.com/netiso/netiso/pkg/mutate/webhook"
	"github.com/netiso/netiso/pkg/synth"
)

type options struct {
	scale             string
	webhookBin        string
	workers           int
	duration          time.Duration
	warmup            time.Duration
	rounds            int
	rate              float64
	reloadEvery       time.Duration
	reloadFor         time.Duration
	rulesPollInterval time.Duration
	report            string
	podSize           int
	keep              bool
	soak              time.Duration
	soakWindow        time.Duration
	soakReloadEvery   time.Duration
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == minimalFlag {
		if err := serveMinimal(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "minimal endpoint:", err)
			os.Exit(1)
		}
		return
	}
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		os.Exit(2) // the flag package has said why
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if o.soak > 0 {
		_, err = runSoak(ctx, o, os.Stdout)
	} else {
		_, err = run(ctx, o, os.Stdout)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&o.scale, "scale", "monzo", "Synthetic rules: monzo (1,500 services, 9,300 links) or tenx (15,000, 100,000).")
	fs.StringVar(&o.webhookBin, "webhook-bin", "", "The webhook binary; empty to build ./cmd/webhook.")
	fs.IntVar(&o.workers, "workers", 16, "Concurrent senders, each with its own keep-alive connection.")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "How long each endpoint is loaded in each mode (full speed, fixed rate).")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "Full-speed load before measuring, not counted: connections, caches, heap.")
	fs.IntVar(&o.rounds, "rounds", 2, "Split each mode's -duration into this many rounds alternating the endpoints, so a burst of noise from elsewhere does not fall on one of them only.")
	fs.Float64Var(&o.rate, "rate", 0, "Fixed rate, requests a second; 0 for half the minimal endpoint's full-speed throughput.")
	fs.DurationVar(&o.reloadEvery, "reload-every", time.Second, "While reloading: how often the rules file is rewritten.")
	fs.DurationVar(&o.reloadFor, "reload-for", time.Minute, "How long the fixed-rate load runs against the webhook while its rules are swapped; 0 to skip.")
	fs.DurationVar(&o.rulesPollInterval, "rules-poll-interval", time.Second, "The webhook's --rules-poll-interval.")
	fs.IntVar(&o.podSize, "pod-size", 10000, "Bytes of JSON of the pod in the review, at least: pkg/mutate/webhook's benchmark pod with more environment variables.")
	fs.BoolVar(&o.keep, "keep", false, "Keep the temporary directory (rules, certificates, the servers' logs) and say where it is.")
	fs.StringVar(&o.report, "report", "", "Also write the results as a Markdown section to this file.")
	fs.DurationVar(&o.soak, "soak", 0, "Soak instead of the comparison: the webhook alone at a fixed rate (-rate; 0 for half its own full-speed throughput, measured for 5 s) for this long, "+
		"reported per -soak-window (latency, memory, Go heap); fails on any failed admission or memory that grows. 0: no soak.")
	fs.DurationVar(&o.soakWindow, "soak-window", time.Minute, "During a soak: the length of each reported window.")
	fs.DurationVar(&o.soakReloadEvery, "soak-reload-every", 10*time.Second, "During a soak: how often the rules file is rewritten (two versions, alternating); 0 never.")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var bad []string
	if _, ok := scales[o.scale]; !ok {
		bad = append(bad, fmt.Sprintf("-scale=%q: want monzo or tenx", o.scale))
	}
	if o.workers < 1 || o.rounds < 1 || o.duration <= 0 || o.rate < 0 || o.reloadFor > 0 && o.reloadEvery <= 0 {
		bad = append(bad, "-workers, -rounds, -duration and -reload-every must be positive, -rate not negative")
	}
	if o.soak < 0 || o.soak > 0 && (o.soakWindow <= 0 || o.soakReloadEvery < 0) {
		bad = append(bad, "-soak and -soak-reload-every must not be negative, -soak-window must be positive")
	}
	if len(bad) > 0 {
		err := errors.New(strings.Join(bad, "; "))
		fmt.Fprintln(fs.Output(), err)
		fs.Usage()
		return o, err
	}
	return o, nil
}

// result is everything a run measured.
type result struct {
	Scale       string
	Rules       *ruleSet
	PodBytes    int
	ReviewBytes int
	Workers     int
	Rounds      int
	Duration    time.Duration
	CPUs        int
	Startup     time.Duration // webhook start to ready

	Full  map[string]stats // by endpoint
	Rate  float64
	Fixed map[string]stats

	Reload       *reloadResult
	Mem          map[string]*memReport // by endpoint
	PIDs         []int                 // of the servers started, for tests
	TempDir      string
	TotalElapsed time.Duration
}

type reloadResult struct {
	Every, For time.Duration
	Writes     int
	Stats      stats
}

// memReport is an endpoint's resident memory through the run, in bytes.
type memReport struct {
	Idle       uint64 // ready, before any load
	FullPeak   uint64 // largest VmRSS sampled at full speed
	FixedPeak  uint64 // at the fixed rate
	ReloadPeak uint64 // at the fixed rate, rules swapped
	After      uint64 // a second after the load
	HWM        uint64 // VmHWM: the peak since start, start-up included
}

// Endpoint names.
const (
	webhookName = "webhook"
	minimalName = "minimal"
)

// run measures, writes the report to out (and o.report), and fails if any admission failed or the
// reloads were not seen. Every process and file it made is gone when it returns.
func run(ctx context.Context, o options, out io.Writer) (*result, error) {
	began := time.Now()
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	res := &result{Scale: o.scale, Workers: o.workers, Rounds: o.rounds, Duration: o.duration, CPUs: runtime.NumCPU(),
		Full: map[string]stats{}, Fixed: map[string]stats{}, Mem: map[string]*memReport{webhookName: {}, minimalName: {}}}

	tmp, rs, rulesFile, cleanup, err := prepare(o, "netiso-load-", "the rules, the certificates, webhook.log and minimal.log", say)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	res.TempDir, res.Rules = tmp, rs
	say("rules: %s scale, %d services, %d links, %d bytes of JSON; parse and compile %s, %s of heap kept",
		o.scale, rs.services, rs.links, len(rs.a), fmtDur(rs.compile), mib(rs.retained))
	sv, err := startServers(ctx, o, tmp, rs, rulesFile, res, say)
	defer sv.stop()
	if err != nil {
		return nil, err
	}
	wh, mini, webhookT, minimalT := sv.webhook, sv.minimal, sv.webhookT, sv.minimalT

	pids := map[string]int{webhookName: wh.pid(), minimalName: mini.pid()}
	sctx, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	sampler := sampleRSS(sctx, wh.pid(), mini.pid())
	for name, pid := range pids {
		m, err := readMemory(pid)
		if err != nil {
			return nil, err
		}
		res.Mem[name].Idle = m.RSS
		sampler.take(pid)
	}
	targets := []*target{minimalT, webhookT}
	alive := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		for _, p := range []*process{wh, mini} {
			if err := p.exited(); err != nil {
				return err
			}
		}
		return nil
	}

	// Full speed, after a warm-up of each.
	for _, t := range targets {
		fullSpeed(ctx, t, o.workers, o.warmup)
	}
	slice := o.duration / time.Duration(o.rounds)
	res.Full = alternate(targets, o.rounds, func(t *target) (*recorder, time.Duration) {
		return fullSpeed(ctx, t, o.workers, slice)
	})
	for name, pid := range pids {
		res.Mem[name].FullPeak = sampler.take(pid)
	}
	if err := alive(); err != nil {
		return nil, err
	}
	for _, t := range targets {
		s := res.Full[t.name]
		say("full speed  %-8s %6.0f req/s  p50 %-8s p90 %-8s p99 %-8s max %-8s server CPU/req %-7s errors: %s",
			t.name, s.Throughput, fmtDur(s.P50), fmtDur(s.P90), fmtDur(s.P99), fmtDur(s.Max), fmtDur(s.cpuPerRequest()), s.errorSummary())
	}

	// Fixed rate: half of what the minimal endpoint sustains, unless given.
	res.Rate = o.rate
	if res.Rate == 0 {
		res.Rate = max(1, float64(int(res.Full[minimalName].Throughput/2)))
	}
	res.Fixed = alternate(targets, o.rounds, func(t *target) (*recorder, time.Duration) {
		return fixedRate(ctx, t, o.workers, res.Rate, slice)
	})
	for name, pid := range pids {
		res.Mem[name].FixedPeak = sampler.take(pid)
	}
	if err := alive(); err != nil {
		return nil, err
	}
	for _, t := range targets {
		s := res.Fixed[t.name]
		say("fixed rate  %-8s %6.0f req/s  p50 %-8s p90 %-8s p99 %-8s max %-8s server CPU/req %-7s errors: %s",
			t.name, s.Throughput, fmtDur(s.P50), fmtDur(s.P90), fmtDur(s.P99), fmtDur(s.Max), fmtDur(s.cpuPerRequest()), s.errorSummary())
	}

	// The same rate against the webhook while its rules file is rewritten, alternating two versions.
	if o.reloadFor > 0 {
		say("reloading: the rules swapped every %s for %s at %.0f req/s...", o.reloadEvery, o.reloadFor, res.Rate)
		rr, err := reloadUnderLoad(ctx, webhookT, o, res.Rate, rulesFile, rs)
		if err != nil {
			return nil, err
		}
		res.Reload = rr
		res.Mem[webhookName].ReloadPeak = sampler.take(wh.pid())
		if err := alive(); err != nil {
			return nil, err
		}
		s := rr.Stats
		say("reloading   %-8s %6.0f req/s  p50 %-8s p90 %-8s p99 %-8s max %-8s server CPU/req %-7s errors: %s; %d rewrites, %d rules versions answered",
			webhookName, s.Throughput, fmtDur(s.P50), fmtDur(s.P90), fmtDur(s.P99), fmtDur(s.Max), fmtDur(s.cpuPerRequest()), s.errorSummary(), rr.Writes, len(s.Versions))
	}

	// Idle again.
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
	for name, pid := range pids {
		m, err := readMemory(pid)
		if err != nil {
			return nil, err
		}
		res.Mem[name].After, res.Mem[name].HWM = m.RSS, m.HWM
	}
	if err := alive(); err != nil {
		return nil, err
	}
	res.TotalElapsed = time.Since(began)

	return res, publish(out, o, res)
}

// report is what a run or a soak measured, as text, as Markdown, and as what failed.
type report interface {
	text() string
	markdown() string
	failures() error
}

// publish writes r to out and, with -report, as Markdown to that file; then returns r's failures.
func publish(out io.Writer, o options, r report) error {
	fmt.Fprint(out, "\n"+r.text())
	if o.report != "" {
		if err := os.WriteFile(o.report, []byte(r.markdown()), 0o644); err != nil {
			return err
		}
	}
	return r.failures()
}

// prepare makes a run's temporary directory (named from prefix; holds says what it will hold),
// the synthetic rules of o.scale, and the rules file the webhook starts on. cleanup removes the
// directory, or with -keep says where it is.
func prepare(o options, prefix, holds string, say func(string, ...any)) (tmp string, rs *ruleSet, rulesFile string, cleanup func(), err error) {
	if tmp, err = os.MkdirTemp("", prefix); err != nil {
		return "", nil, "", nil, err
	}
	cleanup = func() { _ = os.RemoveAll(tmp) }
	if o.keep {
		cleanup = func() { say("kept %s: %s", tmp, holds) }
	}
	rulesFile = filepath.Join(tmp, "rules.json")
	if rs, err = newRuleSet(scales[o.scale]()); err == nil {
		err = os.WriteFile(rulesFile, rs.a, 0o644)
	}
	if err != nil {
		cleanup()
		return "", nil, "", nil, err
	}
	return tmp, rs, rulesFile, cleanup, nil
}

// servers are the webhook and the minimal endpoint, running, and the targets that load them. A
// soak runs the webhook alone, with its metrics served.
type servers struct {
	webhook, minimal   *process
	webhookT, minimalT *target
	metricsURL         string // the webhook's /metrics, in a soak
}

// stop ends whatever was started.
func (sv *servers) stop() {
	for _, t := range []*target{sv.webhookT, sv.minimalT} {
		if t != nil {
			t.close()
		}
	}
	for _, p := range []*process{sv.webhook, sv.minimal} {
		if p != nil {
			p.stop()
		}
	}
}

// startServers generates dev certificates, builds the webhook unless given, starts it on the rules
// file and the minimal endpoint beside it (not in a soak), and waits until they answer the review
// correctly. The servers returned must be stopped, also with an error.
func startServers(ctx context.Context, o options, tmp string, rs *ruleSet, rulesFile string, res *result, say func(string, ...any)) (*servers, error) {
	sv := &servers{}
	certDir := filepath.Join(tmp, "certs")
	bundle, err := certs.Generate(certs.Options{Hosts: certs.DefaultHosts("", "")})
	if err != nil {
		return sv, err
	}
	if err := bundle.WriteDir(certDir); err != nil {
		return sv, err
	}
	bin := o.webhookBin
	if bin == "" {
		start := time.Now()
		if bin, err = buildWebhook(ctx, tmp); err != nil {
			return sv, err
		}
		say("built the webhook in %s", fmtDur(time.Since(start)))
	}
	self, err := os.Executable()
	if err != nil {
		return sv, err
	}

	addrs := make([]string, 4)
	for i := range addrs {
		if addrs[i], err = freeAddr(); err != nil {
			return sv, err
		}
	}
	webhookAddr, probeAddr, minimalAddr, metricsAddr := addrs[0], addrs[1], addrs[2], addrs[3]
	soak := o.soak > 0
	if !soak {
		metricsAddr = "0" // the comparison keeps both servers alike: neither serves metrics
	}
	_, webhookPort, _ := strings.Cut(webhookAddr, ":")
	start := time.Now()
	wh, err := startProcess(webhookName, filepath.Join(tmp, "webhook.log"), bin,
		"--rules-file="+rulesFile, "--rules-poll-interval="+o.rulesPollInterval.String(),
		"--webhook-host=127.0.0.1", "--webhook-port="+webhookPort, "--webhook-cert-path="+certDir,
		"--metrics-bind-address="+metricsAddr, "--metrics-secure=false", "--health-probe-bind-address="+probeAddr, "--shutdown-delay=0s",
		"--log-format=json", "--log-level=info", "--service-label="+identityLabel)
	if err != nil {
		return sv, err
	}
	sv.webhook = wh
	res.PIDs = append(res.PIDs, wh.pid())
	if soak {
		sv.metricsURL = "http://" + metricsAddr + "/metrics"
	} else {
		mini, err := startProcess(minimalName, filepath.Join(tmp, "minimal.log"), self, minimalArgs(minimalAddr, certDir)...)
		if err != nil {
			return sv, err
		}
		sv.minimal = mini
		res.PIDs = append(res.PIDs, mini.pid())
	}
	if err := wh.waitFor(ctx, 3*time.Minute, httpOK("http://"+probeAddr+"/readyz")); err != nil {
		return sv, err
	}
	res.Startup = time.Since(start)

	pod := synth.Pod(rs.service, identityLabel, o.podSize)
	review, uidAt, err := reviewTemplate(pod, rs.namespace)
	if err != nil {
		return sv, err
	}
	res.PodBytes, res.ReviewBytes = len(pod), len(review)
	webhookT, err := newTarget(webhookName, wh.pid(), "https://"+webhookAddr+webhook.Path, bundle.CACert, o.workers, review, uidAt, rs.expectation())
	if err != nil {
		return sv, err
	}
	sv.webhookT = webhookT
	if !soak {
		minimalT, err := newTarget(minimalName, sv.minimal.pid(), "https://"+minimalAddr+"/", bundle.CACert, o.workers, review, uidAt, expectation{})
		if err != nil {
			return sv, err
		}
		sv.minimalT = minimalT
		if err := sv.minimal.waitFor(ctx, time.Minute, probe(minimalT, "")); err != nil {
			return sv, err
		}
	}
	if err := wh.waitFor(ctx, 10*time.Second, probe(webhookT, rs.hashA)); err != nil {
		return sv, err
	}
	if soak {
		say("webhook ready in %s (pid %d, metrics on %s); the review: %d bytes, its pod %d bytes, service %s (6 callees) in %s",
			fmtDur(res.Startup), wh.pid(), sv.metricsURL, len(review), len(pod), rs.service, rs.namespace)
	} else {
		say("webhook ready in %s (pid %d), minimal endpoint pid %d; the review: %d bytes, its pod %d bytes, service %s (6 callees) in %s",
			fmtDur(res.Startup), wh.pid(), sv.minimal.pid(), len(review), len(pod), rs.service, rs.namespace)
	}
	return sv, nil
}

// alternate runs measure on each target rounds times, switching which goes first every round, and
// sums up each target's rounds.
func alternate(targets []*target, rounds int, measure func(*target) (*recorder, time.Duration)) map[string]stats {
	recs := map[string]*recorder{}
	var elapsed, server, self = map[string]time.Duration{}, map[string]time.Duration{}, map[string]time.Duration{}
	for r := range rounds {
		for i := range targets {
			t := targets[i]
			if r%2 == 1 {
				t = targets[len(targets)-1-i]
			}
			cpu := startCPU(t.pid)
			rec, d := measure(t)
			s, c := cpu.stop()
			if recs[t.name] == nil {
				recs[t.name] = newRecorder()
			}
			recs[t.name].merge(rec)
			elapsed[t.name] += d
			server[t.name] += s
			self[t.name] += c
		}
	}
	out := map[string]stats{}
	for name, rec := range recs {
		s := summarize(rec, elapsed[name])
		s.ServerCPU, s.LoadCPU = server[name], self[name]
		out[name] = s
	}
	return out
}

// probe is a readiness check that sends one review and wants a correct answer, from rules with
// hash if it is not empty.
func probe(t *target, hash string) func(context.Context) error {
	w := t.newWorker()
	return func(ctx context.Context) error {
		o := w.send(ctx)
		switch {
		case o.kind != "":
			return fmt.Errorf("%s: %s: %w", t.name, o.kind, o.err)
		case hash != "" && o.hash != hash:
			return fmt.Errorf("%s answers with rules %q, want %q: does it read the rules as this test does?", t.name, o.hash, hash)
		}
		return nil
	}
}

// reloadUnderLoad runs the fixed-rate load against t while the rules file is rewritten every
// o.reloadEvery, alternating the rules with and without one extra link.
func reloadUnderLoad(ctx context.Context, t *target, o options, rate float64, path string, rs *ruleSet) (*reloadResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rr := &reloadResult{Every: o.reloadEvery, For: o.reloadFor}
	errc := swapRules(ctx, cancel, o.reloadEvery, path, rs, &rr.Writes)
	cpu := startCPU(t.pid)
	rec, elapsed := fixedRate(ctx, t, o.workers, rate, o.reloadFor)
	server, self := cpu.stop()
	cancel()
	if err := <-errc; err != nil {
		return nil, fmt.Errorf("rewriting the rules: %w", err)
	}
	rr.Stats = summarize(rec, elapsed)
	rr.Stats.ServerCPU, rr.Stats.LoadCPU = server, self
	return rr, nil
}

// swapRules rewrites the rules file every interval until ctx ends, alternating the versions b and a
// (the file starts as a), and counts the writes in *writes. The channel returned gives nil once ctx
// has ended, or the write error, after which it calls cancel. Read *writes only after that.
func swapRules(ctx context.Context, cancel context.CancelFunc, every time.Duration, path string, rs *ruleSet, writes *int) <-chan error {
	errc := make(chan error, 1)
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				errc <- nil
				return
			case <-tick.C:
			}
			data := rs.b
			if *writes%2 == 1 {
				data = rs.a
			}
			if err := writeAtomic(path, data); err != nil {
				errc <- err
				cancel()
				return
			}
			*writes++
		}
	}()
	return errc
}

// failures is an error when any admission failed or the reload test saw fewer than two versions.
func (r *result) failures() error {
	var problems []string
	for _, s := range r.all() {
		if s.stats.Errors > 0 {
			problems = append(problems, fmt.Sprintf("%s %s: %d errors (%s)", s.endpoint, s.load, s.stats.Errors, s.stats.errorSummary()))
		}
	}
	if r.Reload != nil && len(r.Reload.Stats.Versions) < 2 {
		problems = append(problems, fmt.Sprintf("the answers saw %d rules versions while the rules were rewritten %d times: the reloads did not happen",
			len(r.Reload.Stats.Versions), r.Reload.Writes))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
