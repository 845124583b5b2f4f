package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// A soak runs the webhook alone at a fixed rate for minutes, its rules swapped now and then, and
// reports each window (a minute by default) on its own: latency, errors, resident memory and the
// Go heap. It fails on any failed admission and on memory that grows.
const (
	soakProbe   = 5 * time.Second // full speed, to choose the rate when -rate is 0
	rssEvery    = 100 * time.Millisecond
	scrapeEvery = 5 * time.Second // the webhook's /metrics, at most: cheap, but not free
)

// Flat memory: a figure grows when, at the last window, it is more than maxGrowth above the median
// of the windows after the first, and by more than minGrowth. Two figures are judged: the resident
// memory (what the container limit sees) and the live heap (go_gc_heap_live_bytes: what the last
// collection marked, so neither the collector's sawtooth nor memory not yet returned to the system
// moves it). The first window is left out: it holds the start-up growth (connections, buffers, the
// heap finding its size). The median, not the mean, so that one window caught mid-reload does not
// move the baseline; the absolute floor, so that a few pages do not count as a leak. A leak of L a
// minute shows at the end of an n-minute soak as about L·n/2 above the median: at 45 MiB of RSS,
// 10% catches 4 MiB a minute in 5 minutes and 0.3 MiB a minute in an hour; the live heap, about
// 5 MiB at the Monzo scale, is held to the 1 MiB floor. The least-squares slope is reported
// beside it, not judged: with a few points it swings with the collector.
const (
	maxGrowth     = 0.10
	minGrowth     = 1 << 20
	minAfterFirst = 2 // windows after the first, at least, to judge
)

type rssSample struct {
	at  time.Time
	rss uint64
}

// scrape is what one read of the webhook's /metrics says about its memory.
type scrape struct {
	at                  time.Time
	heapInuse, heapLive uint64
	goroutines          int
}

// memWindow is what one window's samples say about the webhook's memory.
type memWindow struct {
	RSS, RSSPeak     uint64 // median and largest VmRSS, sampled every 100 ms
	HeapInuse        uint64 // median go_memstats_heap_inuse_bytes, scraped every 5 s (see startSoakSampler)
	HeapLive         uint64 // median go_gc_heap_live_bytes: marked live by the last collection
	Goroutines       int    // the most go_goroutines seen
	Samples, Scrapes int
}

type soakWindow struct {
	From, To time.Duration // since the schedule's start
	Stats    stats         // the requests due in the window
	Mem      memWindow
}

// soakResult is everything a soak measured.
type soakResult struct {
	Scale                 string
	Rules                 *ruleSet
	Workers, CPUs         int
	ReviewBytes, PodBytes int
	Startup               time.Duration
	Rate                  float64
	Probe                 float64 // full-speed req/s measured to choose the rate; 0 when -rate was given
	Duration, Window      time.Duration
	ReloadEvery           time.Duration
	Writes                int
	Total                 stats
	Windows               []soakWindow
	Idle, After, HWM      uint64 // RSS ready before any load and a second after the soak; VmHWM since start
	Flat                  []flatness
	ScrapeErrors          int
	ScrapeError           string // the first
	PIDs                  []int
	TempDir               string
	TotalElapsed          time.Duration
}

// runSoak runs a soak, writes the report to out (and o.report), and fails if any admission failed,
// memory grew, the heap could not be read, or swapped rules never showed in the answers. Every
// process and file it made is gone when it returns.
func runSoak(ctx context.Context, o options, out io.Writer) (*soakResult, error) {
	began := time.Now()
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	res := &soakResult{Scale: o.scale, Workers: o.workers, CPUs: runtime.NumCPU(), Duration: o.soak, Window: o.soakWindow, ReloadEvery: o.soakReloadEvery}

	tmp, rs, rulesFile, cleanup, err := prepare(o, "netiso-soak-", "the rules, the certificates and webhook.log", say)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	res.TempDir, res.Rules = tmp, rs
	say("rules: %s scale, %d services, %d links, %d bytes of JSON", o.scale, rs.services, rs.links, len(rs.a))
	start := &result{} // startServers records the start-up here
	sv, err := startServers(ctx, o, tmp, rs, rulesFile, start, say)
	defer sv.stop()
	if err != nil {
		return nil, err
	}
	res.PIDs, res.Startup, res.ReviewBytes, res.PodBytes = start.PIDs, start.Startup, start.ReviewBytes, start.PodBytes
	wh, t := sv.webhook, sv.webhookT
	alive := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return wh.exited()
	}
	m, err := readMemory(wh.pid())
	if err != nil {
		return nil, err
	}
	res.Idle = m.RSS

	fullSpeed(ctx, t, o.workers, o.warmup)
	res.Rate = o.rate
	if res.Rate == 0 {
		rec, d := fullSpeed(ctx, t, o.workers, soakProbe)
		s := summarize(rec, d)
		if s.Errors > 0 {
			return nil, fmt.Errorf("at full speed, to choose the rate: %d errors (%s)", s.Errors, s.errorSummary())
		}
		res.Probe = s.Throughput
		res.Rate = max(1, float64(int(s.Throughput/2)))
	}
	if err := alive(); err != nil {
		return nil, err
	}
	swaps := "the rules never swapped"
	if o.soakReloadEvery > 0 {
		swaps = "the rules swapped every " + o.soakReloadEvery.String()
	}
	say("soak: %.0f req/s for %s, %s; a line every %s", res.Rate, o.soak, swaps, o.soakWindow)

	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// At least four scrapes a window, so that a short window (a test's) has heap figures too.
	sampler := startSoakSampler(sctx, wh.pid(), sv.metricsURL, max(rssEvery, min(scrapeEvery, o.soakWindow/4)))
	var swapErr <-chan error
	if o.soakReloadEvery > 0 {
		swapErr = swapRules(sctx, cancel, o.soakReloadEvery, rulesFile, rs, &res.Writes)
	}
	var answered, failed atomic.Int64
	send := make([]func(context.Context) outcome, o.workers)
	for i := range send {
		w := t.newWorker()
		send[i] = func(ctx context.Context) outcome {
			oc := w.send(ctx)
			answered.Add(1)
			if oc.kind != "" {
				failed.Add(1)
			}
			return oc
		}
	}
	sched := newSchedule(time.Now().Add(20*time.Millisecond), res.Rate, o.soak)
	progress := make(chan struct{})
	go func() { // a line a window, to watch a long soak
		defer close(progress)
		tick := time.NewTicker(o.soakWindow)
		defer tick.Stop()
		for {
			select {
			case <-sctx.Done():
				return
			case now := <-tick.C:
				rss, sc := sampler.latest()
				say("[%s] %d answered, %d failed; RSS %s, heap in use %s, live heap %s, %d goroutines",
					fmtClock(now.Sub(sched.start)), answered.Load(), failed.Load(), mib(rss), mib(sc.heapInuse), mib(sc.heapLive), sc.goroutines)
			}
		}
	}()
	cpu := startCPU(wh.pid())
	recs := openLoopWindows(sctx, realClock{}, sched, send, o.soakWindow)
	elapsed := time.Since(sched.start)
	server, self := cpu.stop()
	cancel()
	<-progress
	if swapErr != nil {
		if err := <-swapErr; err != nil {
			return nil, fmt.Errorf("rewriting the rules: %w", err)
		}
	}
	rss, scrapes := sampler.wait()
	res.ScrapeErrors, res.ScrapeError = sampler.errors, sampler.firstErr
	if err := alive(); err != nil {
		return nil, err
	}

	mem := aggregate(sched.start, o.soakWindow, len(recs), rss, scrapes)
	all := newRecorder()
	for i, rec := range recs {
		all.merge(rec)
		from := time.Duration(i) * o.soakWindow
		to := min(from+o.soakWindow, o.soak)
		res.Windows = append(res.Windows, soakWindow{From: from, To: to, Stats: summarize(rec, to-from), Mem: mem[i]})
	}
	res.Total = summarize(all, elapsed)
	res.Total.ServerCPU, res.Total.LoadCPU = server, self
	res.Flat = res.judge()

	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	}
	if m, err = readMemory(wh.pid()); err != nil {
		return nil, err
	}
	res.After, res.HWM = m.RSS, m.HWM
	res.TotalElapsed = time.Since(began)

	return res, publish(out, o, res)
}

// soakSampler reads the webhook's VmRSS every 100 ms and its /metrics every scrapeEvery (or as
// given), until its context ends.
type soakSampler struct {
	done     chan struct{}
	mu       sync.Mutex
	rss      []rssSample
	scrapes  []scrape
	errors   int
	firstErr string
}

func startSoakSampler(ctx context.Context, pid int, metricsURL string, every time.Duration) *soakSampler {
	s := &soakSampler{done: make(chan struct{})}
	client := &http.Client{Timeout: 2 * time.Second}
	go func() {
		defer close(s.done)
		rt, st := time.NewTicker(rssEvery), time.NewTicker(every)
		defer rt.Stop()
		defer st.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-rt.C:
				if m, err := readMemory(pid); err == nil {
					s.mu.Lock()
					s.rss = append(s.rss, rssSample{at: now, rss: m.RSS})
					s.mu.Unlock()
				}
			case now := <-st.C:
				sc, err := scrapeMetrics(ctx, client, metricsURL)
				s.mu.Lock()
				if err == nil {
					sc.at = now
					s.scrapes = append(s.scrapes, sc)
				} else if ctx.Err() == nil {
					if s.errors == 0 {
						s.firstErr = err.Error()
					}
					s.errors++
				}
				s.mu.Unlock()
			}
		}
	}()
	return s
}

// latest is the last RSS and the last scrape, for the progress lines.
func (s *soakSampler) latest() (uint64, scrape) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rss uint64
	var sc scrape
	if n := len(s.rss); n > 0 {
		rss = s.rss[n-1].rss
	}
	if n := len(s.scrapes); n > 0 {
		sc = s.scrapes[n-1]
	}
	return rss, sc
}

// wait returns the samples once the sampler has stopped.
func (s *soakSampler) wait() ([]rssSample, []scrape) {
	<-s.done
	return s.rss, s.scrapes
}

func scrapeMetrics(ctx context.Context, client *http.Client, url string) (scrape, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return scrape{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return scrape{}, err
	}
	defer drain(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return scrape{}, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return scrape{}, err
	}
	return parseMetrics(body)
}

// parseMetrics reads the heap in use, the live heap and the goroutines from the Prometheus text
// exposition (client_golang's Go collector; none of the three has labels).
func parseMetrics(text []byte) (scrape, error) {
	var sc scrape
	found := map[string]bool{}
	lines := bufio.NewScanner(bytes.NewReader(text))
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		name, value, ok := strings.Cut(lines.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		switch name {
		case "go_memstats_heap_inuse_bytes", "go_gc_heap_live_bytes", "go_goroutines":
		default:
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || v < 0 {
			return scrape{}, fmt.Errorf("%s: %q is not a count", name, value)
		}
		switch name {
		case "go_memstats_heap_inuse_bytes":
			sc.heapInuse = uint64(v)
		case "go_gc_heap_live_bytes":
			sc.heapLive = uint64(v)
		case "go_goroutines":
			sc.goroutines = int(v)
		}
		found[name] = true
	}
	if err := lines.Err(); err != nil {
		return scrape{}, err
	}
	if len(found) != 3 {
		return scrape{}, errors.New("no go_memstats_heap_inuse_bytes, go_gc_heap_live_bytes and go_goroutines in the metrics")
	}
	return sc, nil
}

// aggregate sorts the samples into n windows of length window from start (those outside are
// dropped) and sums each window up.
func aggregate(start time.Time, window time.Duration, n int, rss []rssSample, scrapes []scrape) []memWindow {
	index := func(at time.Time) int {
		d := at.Sub(start)
		if d < 0 || window <= 0 {
			return -1
		}
		if i := int(d / window); i < n {
			return i
		}
		return -1
	}
	rssBy := make([][]uint64, n)
	for _, s := range rss {
		if i := index(s.at); i >= 0 {
			rssBy[i] = append(rssBy[i], s.rss)
		}
	}
	inuseBy, liveBy := make([][]uint64, n), make([][]uint64, n)
	out := make([]memWindow, n)
	for _, s := range scrapes {
		if i := index(s.at); i >= 0 {
			inuseBy[i] = append(inuseBy[i], s.heapInuse)
			liveBy[i] = append(liveBy[i], s.heapLive)
			out[i].Goroutines = max(out[i].Goroutines, s.goroutines)
		}
	}
	for i := range out {
		out[i].Samples, out[i].Scrapes = len(rssBy[i]), len(inuseBy[i])
		out[i].RSS, out[i].HeapInuse, out[i].HeapLive = median(rssBy[i]), median(inuseBy[i]), median(liveBy[i])
		if len(rssBy[i]) > 0 {
			out[i].RSSPeak = slices.Max(rssBy[i])
		}
	}
	return out
}

// median of the values (the mean of the middle two for an even count); 0 for none.
func median(values []uint64) uint64 {
	if len(values) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(values))
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return s[mid-1]/2 + s[mid]/2 + (s[mid-1]%2+s[mid]%2)/2
}

// flatness is one memory figure judged across a soak's windows.
type flatness struct {
	What   string
	Values []uint64 // one a window
	// Median of the windows after the first, and the last window's value.
	Median, Last uint64
	Slope        float64 // bytes a minute, least squares over the windows after the first
	Judged, Flat bool
}

// judgeFlat says whether values, one per window of length window, stayed flat (see maxGrowth).
// With fewer than minAfterFirst windows after the first, it does not judge.
func judgeFlat(what string, values []uint64, window time.Duration) flatness {
	f := flatness{What: what, Values: values, Flat: true}
	if len(values) < 1+minAfterFirst {
		return f
	}
	after := values[1:]
	f.Judged = true
	f.Median, f.Last = median(after), after[len(after)-1]
	f.Slope = slope(after, window)
	f.Flat = !(float64(f.Last) > float64(f.Median)*(1+maxGrowth) && f.Last-f.Median > minGrowth)
	return f
}

// growth is the last window's value relative to the median: 0.05 for 5% above.
func (f flatness) growth() float64 { return ratio(float64(f.Last), float64(f.Median)) - 1 }

// slope is the least-squares slope of values, one per window of length window, in units a minute.
func slope(values []uint64, window time.Duration) float64 {
	n := float64(len(values))
	if n < 2 || window <= 0 {
		return 0
	}
	var mx, my float64
	for i, v := range values {
		mx += float64(i)
		my += float64(v)
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for i, v := range values {
		dx := float64(i) - mx
		sxy += dx * (float64(v) - my)
		sxx += dx * dx
	}
	return sxy / sxx / window.Minutes()
}

// judge applies judgeFlat to the resident memory and the live heap.
func (r *soakResult) judge() []flatness {
	var rss, live []uint64
	for _, w := range r.Windows {
		rss = append(rss, w.Mem.RSS)
		live = append(live, w.Mem.HeapLive)
	}
	return []flatness{judgeFlat("RSS (median of the window)", rss, r.Window), judgeFlat("live heap (median of the window)", live, r.Window)}
}

// failures is an error when any admission failed, memory grew, a window has no heap figures, or the
// rules were swapped but the answers never showed it.
func (r *soakResult) failures() error {
	var problems []string
	if r.Total.Errors > 0 {
		problems = append(problems, fmt.Sprintf("%d failed admissions (%s)", r.Total.Errors, r.Total.errorSummary()))
	}
	for _, f := range r.Flat {
		if f.Judged && !f.Flat {
			problems = append(problems, fmt.Sprintf("%s grew: %s in the last window, %+.1f%% over the median %s of the windows after the first",
				f.What, mib(f.Last), 100*f.growth(), mib(f.Median)))
		}
	}
	for i, w := range r.Windows {
		if w.Mem.Scrapes == 0 {
			problems = append(problems, fmt.Sprintf("window %d: no heap figures (%d failed scrapes; the first: %s)", i+1, r.ScrapeErrors, r.ScrapeError))
			break
		}
	}
	if r.Writes >= 2 && len(r.Total.Versions) < 2 {
		problems = append(problems, fmt.Sprintf("the answers saw %d rules versions while the rules were rewritten %d times", len(r.Total.Versions), r.Writes))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func (r *soakResult) setting() string {
	rate := fmt.Sprintf("%.0f req/s", r.Rate)
	if r.Probe > 0 {
		rate += fmt.Sprintf(" (half the webhook's full-speed throughput, %.0f req/s, measured for %s first)", r.Probe, soakProbe)
	}
	swaps := "the rules never swapped"
	if r.ReloadEvery > 0 {
		swaps = fmt.Sprintf("the rules file rewritten every %s, alternating two versions (%d rewrites, %d versions answered)", r.ReloadEvery, r.Writes, len(r.Total.Versions))
	}
	return fmt.Sprintf("%d services, %d links; the webhook alone on loopback, %d workers on keep-alive HTTP/1.1 over TLS, the load generator on the same %d CPUs; "+
		"a CREATE AdmissionReview of %d bytes (its pod %d), every answer checked; %s for %s, open loop; %s",
		r.Rules.services, r.Rules.links, r.Workers, r.CPUs, r.ReviewBytes, r.PodBytes, rate, r.Duration, swaps)
}

func (r *soakResult) rows() [][]string {
	row := func(label string, s stats, m *memWindow) []string {
		cells := []string{label, fmt.Sprint(s.Requests), fmt.Sprint(s.Errors), fmtDur(s.P50), fmtDur(s.P99), fmtDur(s.Max)}
		if m == nil {
			return append(cells, "", "", "", "", "")
		}
		return append(cells, mib(m.RSS), mib(m.RSSPeak), mib(m.HeapInuse), mib(m.HeapLive), fmt.Sprint(m.Goroutines))
	}
	var rows [][]string
	for _, w := range r.Windows {
		rows = append(rows, row(fmtClock(w.From)+"–"+fmtClock(w.To), w.Stats, &w.Mem))
	}
	return append(rows, row("all", r.Total, nil))
}

var soakColumns = []string{"window", "requests", "errors", "p50", "p99", "max", "RSS, median", "RSS, peak", "heap in use, median", "live heap, median", "goroutines, max"}

func (f flatness) sentence() string {
	if !f.Judged {
		return fmt.Sprintf("%s: not judged (fewer than %d windows after the first)", f.What, minAfterFirst)
	}
	verdict := "flat"
	if !f.Flat {
		verdict = "**grew**"
	}
	return fmt.Sprintf("%s: last window %s, %+.1f%% against the median %s of the windows after the first (limit +%.0f%% and %s); slope %+.2f MiB/min: %s",
		f.What, mib(f.Last), 100*f.growth(), mib(f.Median), 100*maxGrowth, mib(minGrowth), f.Slope/(1<<20), verdict)
}

// text is the human-readable summary.
func (r *soakResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "netiso soak, %s scale: %s.\n\n", r.Scale, r.setting())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(soakColumns, "\t")+"\t")
	for _, row := range r.rows() {
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	_ = tw.Flush()
	fmt.Fprintf(&b, "\nserver CPU/request %s, generator CPU/request %s; RSS %s ready, %s a second after, VmHWM %s\n",
		fmtDur(r.Total.cpuPerRequest()), fmtDur(r.Total.loadCPUPerRequest()), mib(r.Idle), mib(r.After), mib(r.HWM))
	for _, f := range r.Flat {
		fmt.Fprintln(&b, strings.ReplaceAll(f.sentence(), "**", ""))
	}
	if r.Total.Errors > 0 {
		fmt.Fprintf(&b, "errors: %s\n", r.Total.errorSummary())
	}
	fmt.Fprintf(&b, "whole run %s\n", r.TotalElapsed.Round(time.Second))
	return b.String()
}

// markdown is the soak's section for docs/performance.md.
func (r *soakResult) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Soak: %s scale\n\n%s.\n\n", r.Scale, capitalize(r.setting()))
	b.WriteString("| " + strings.Join(soakColumns, " | ") + " |\n|---" + strings.Repeat("|--:", len(soakColumns)-1) + "|\n")
	for _, row := range r.rows() {
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	fmt.Fprintf(&b, "\nServer CPU per request %s, the load generator's %s. Resident memory %s when ready, %s a second after the soak, %s at most since start (VmHWM).\n\n",
		fmtDur(r.Total.cpuPerRequest()), fmtDur(r.Total.loadCPUPerRequest()), mib(r.Idle), mib(r.After), mib(r.HWM))
	for _, f := range r.Flat {
		fmt.Fprintf(&b, "- %s.\n", f.sentence())
	}
	fmt.Fprintf(&b, "- Failed admissions: %d.\n", r.Total.Errors)
	return b.String()
}

// fmtClock prints a time into the soak as m:ss.
func fmtClock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
