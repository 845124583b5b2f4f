package main

import (
	"context"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

const mb = 1 << 20

func TestMedian(t *testing.T) {
	cases := map[string]struct {
		values []uint64
		want   uint64
	}{
		"none":                              {nil, 0},
		"one":                               {[]uint64{7}, 7},
		"odd count, unsorted":               {[]uint64{9, 1, 5}, 5},
		"even count: the middle two's mean": {[]uint64{4, 1, 3, 2}, 2},
		"even count, odd sum rounds down":   {[]uint64{1, 2}, 1},
		"huge values do not overflow":       {[]uint64{math.MaxUint64, math.MaxUint64 - 2}, math.MaxUint64 - 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			in := slices.Clone(tc.values)
			if got := median(tc.values); got != tc.want {
				t.Errorf("median(%v) = %d, want %d", tc.values, got, tc.want)
			}
			if !slices.Equal(in, tc.values) {
				t.Errorf("median sorted its argument: %v", tc.values)
			}
		})
	}
}

func TestJudgeFlat(t *testing.T) {
	cases := map[string]struct {
		values []uint64
		judged bool
		flat   bool
	}{
		"steady":                       {[]uint64{40 * mb, 45 * mb, 46 * mb, 45 * mb, 46 * mb}, true, true},
		"start-up growth is left out":  {[]uint64{10 * mb, 45 * mb, 45 * mb, 45 * mb}, true, true},
		"shrinking":                    {[]uint64{50 * mb, 50 * mb, 48 * mb, 44 * mb}, true, true},
		"a leak of 4 MiB a minute":     {[]uint64{45 * mb, 49 * mb, 53 * mb, 57 * mb, 61 * mb}, true, false},
		"one high window, not the end": {[]uint64{45 * mb, 45 * mb, 60 * mb, 45 * mb, 46 * mb}, true, true},
		// 10% of 45 MiB is 4.5 MiB: 4 MiB more is within it.
		"under 10% is flat": {[]uint64{45 * mb, 45 * mb, 45 * mb, 49 * mb}, true, true},
		// A small heap: 50% more, but only half a MiB.
		"under the floor is flat":                        {[]uint64{mb, mb, mb, mb + mb/2}, true, true},
		"over both, a small heap":                        {[]uint64{5 * mb, 5 * mb, 5 * mb, 5*mb + 3*mb/2}, true, false},
		"one window after the first is too few to judge": {[]uint64{45 * mb, 90 * mb}, false, true},
		"no windows": {nil, false, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := judgeFlat("RSS", tc.values, time.Minute)
			if f.Judged != tc.judged || f.Flat != tc.flat {
				t.Errorf("judged %v, flat %v; want %v, %v (%s)", f.Judged, f.Flat, tc.judged, tc.flat, f.sentence())
			}
		})
	}
	f := judgeFlat("RSS", []uint64{45 * mb, 49 * mb, 53 * mb, 57 * mb, 61 * mb}, time.Minute)
	if f.Median != 55*mb || f.Last != 61*mb || f.Slope != 4*mb {
		t.Errorf("median %d, last %d, slope %.0f; want 55 MiB, 61 MiB, 4 MiB/min", f.Median>>20, f.Last>>20, f.Slope)
	}
	if s := f.sentence(); !strings.Contains(s, "+10.9%") || !strings.Contains(s, "+4.00 MiB/min") || !strings.HasSuffix(s, "**grew**") {
		t.Errorf("sentence: %s", s)
	}
}

func TestSlope(t *testing.T) {
	cases := map[string]struct {
		values []uint64
		window time.Duration
		want   float64 // units a minute
	}{
		"flat":                         {[]uint64{5, 5, 5}, time.Minute, 0},
		"one a window of a minute":     {[]uint64{1, 2, 3, 4}, time.Minute, 1},
		"one a window of 30 s":         {[]uint64{1, 2, 3, 4}, 30 * time.Second, 2},
		"falling":                      {[]uint64{9, 6, 3}, time.Minute, -3},
		"noise around a line":          {[]uint64{10, 13, 12, 15}, time.Minute, 1.4},
		"a single value has no slope":  {[]uint64{5}, time.Minute, 0},
		"no window length, no slope":   {[]uint64{1, 2}, 0, 0},
		"no values":                    {nil, time.Minute, 0},
		"two values: their difference": {[]uint64{100, 40}, time.Minute, -60},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := slope(tc.values, tc.window); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("slope(%v, %s) = %v, want %v", tc.values, tc.window, got, tc.want)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return start.Add(time.Duration(s * float64(time.Second))) }
	rss := []rssSample{
		{at(-1), 999 * mb}, // before the start: dropped
		{at(0), 40 * mb}, {at(3), 44 * mb}, {at(9.9), 42 * mb},
		{at(10), 45 * mb}, {at(15), 47 * mb},
		{at(30), 999 * mb}, // after the last window: dropped
	}
	scrapes := []scrape{
		{at: at(1), heapInuse: 10 * mb, heapLive: 5 * mb, goroutines: 40},
		{at: at(6), heapInuse: 14 * mb, heapLive: 6 * mb, goroutines: 44},
		{at: at(8), heapInuse: 12 * mb, heapLive: 7 * mb, goroutines: 41},
		{at: at(12), heapInuse: 11 * mb, heapLive: 5 * mb, goroutines: 42},
	}
	got := aggregate(start, 10*time.Second, 3, rss, scrapes)
	want := []memWindow{
		{RSS: 42 * mb, RSSPeak: 44 * mb, HeapInuse: 12 * mb, HeapLive: 6 * mb, Goroutines: 44, Samples: 3, Scrapes: 3},
		{RSS: 46 * mb, RSSPeak: 47 * mb, HeapInuse: 11 * mb, HeapLive: 5 * mb, Goroutines: 42, Samples: 2, Scrapes: 1},
		{}, // no samples at all
	}
	if !slices.Equal(got, want) {
		t.Errorf("aggregate:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseMetrics(t *testing.T) {
	good := `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 42
go_gc_duration_seconds{quantile="0.5"} 0.000882612
go_gc_heap_live_bytes 5.099616e+06
go_memstats_heap_inuse_bytes 9.87136e+06
go_memstats_heap_inuse_bytes_other 1
netiso_admissions_total{operation="CREATE",result="patched",reason="granted"} 2996
`
	sc, err := parseMetrics([]byte(good))
	if err != nil || sc.goroutines != 42 || sc.heapLive != 5099616 || sc.heapInuse != 9871360 {
		t.Errorf("parseMetrics = %+v, %v", sc, err)
	}
	bad := map[string]string{
		"no live heap":      "go_goroutines 42\ngo_memstats_heap_inuse_bytes 1\n",
		"not a number":      "go_goroutines 42\ngo_gc_heap_live_bytes x\ngo_memstats_heap_inuse_bytes 1\n",
		"a negative figure": "go_goroutines -1\ngo_gc_heap_live_bytes 1\ngo_memstats_heap_inuse_bytes 1\n",
		"empty":             "",
	}
	for name, text := range bad {
		if sc, err := parseMetrics([]byte(text)); err == nil {
			t.Errorf("%s: parsed as %+v", name, sc)
		}
	}
}

// TestOpenLoopWindows: requests are recorded in the window they were due in, whenever they were
// answered, so a stall across a window's end is not cut in two.
func TestOpenLoopWindows(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clk := &fakeClock{now: start}
	// Due every 10 ms for 60 ms, windows of 20 ms. The first request takes 45 ms: those due at 10,
	// 20 and 30 ms wait for it, and answer in the next windows' time, but count in their own.
	s := newSchedule(start, 100, 60*time.Millisecond)
	if got := s.windows(20 * time.Millisecond); got != 3 {
		t.Fatalf("%d windows, want 3", got)
	}
	recs := openLoopWindows(t.Context(), clk, s, []func(context.Context) outcome{clk.serve(ms(45), ms(1))}, 20*time.Millisecond)
	want := [][]time.Duration{{ms(45), ms(36)}, {ms(27), ms(18)}, {ms(9), ms(1)}}
	if len(recs) != len(want) {
		t.Fatalf("%d windows, want %d", len(recs), len(want))
	}
	for i, rec := range recs {
		if !slices.Equal(rec.latencies, want[i]) {
			t.Errorf("window %d: latencies %v, want %v", i, rec.latencies, want[i])
		}
	}
	// Without windows it is openLoop: one recorder for all.
	clk = &fakeClock{now: start}
	one := openLoopWindows(t.Context(), clk, s, []func(context.Context) outcome{clk.serve(ms(1))}, 0)
	if len(one) != 1 || len(one[0].latencies) != 6 {
		t.Errorf("no windows: %d recorders", len(one))
	}
}

func TestScheduleWindows(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		rate   float64
		d      time.Duration
		window time.Duration
		want   int
	}{
		"five minutes in minutes":          {100, 5 * time.Minute, time.Minute, 5},
		"a partial last window":            {100, 150 * time.Second, time.Minute, 3},
		"a window longer than the run":     {100, 10 * time.Second, time.Minute, 1},
		"no window":                        {100, 10 * time.Second, 0, 1},
		"no requests":                      {0.1, time.Second, time.Second, 1},
		"the last request opens no window": {1, 3 * time.Second, time.Second, 3},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := newSchedule(start, tc.rate, tc.d).windows(tc.window); got != tc.want {
				t.Errorf("%v req/s for %s in windows of %s: %d windows, want %d", tc.rate, tc.d, tc.window, got, tc.want)
			}
		})
	}
}

func TestSoakFailures(t *testing.T) {
	okWindow := soakWindow{Mem: memWindow{Scrapes: 12}}
	good := func() *soakResult {
		return &soakResult{
			Total:   stats{Versions: map[string]int{"a": 1, "b": 1}},
			Windows: []soakWindow{okWindow, okWindow, okWindow},
			Writes:  30,
			Flat:    []flatness{{What: "RSS", Judged: true, Flat: true}, {What: "live heap", Judged: false, Flat: true}},
		}
	}
	if err := good().failures(); err != nil {
		t.Fatalf("a good soak: %v", err)
	}
	cases := map[string]struct {
		edit func(*soakResult)
		want string
	}{
		"a failed admission": {func(r *soakResult) {
			r.Total.Errors, r.Total.ErrorKinds, r.Total.Examples = 1, map[string]int{errStatus: 1}, map[string]string{errStatus: "HTTP 500"}
		}, "1 failed admissions (http status: 1 (HTTP 500))"},
		"memory that grew": {func(r *soakResult) {
			r.Flat[1] = flatness{What: "live heap", Judged: true, Flat: false, Median: 5 * mb, Last: 7 * mb}
		}, "live heap grew: 7.0 MiB in the last window, +40.0% over the median 5.0 MiB"},
		"a window without heap figures": {func(r *soakResult) {
			r.Windows[1].Mem.Scrapes = 0
			r.ScrapeErrors, r.ScrapeError = 12, "connection refused"
		}, "window 2: no heap figures (12 failed scrapes; the first: connection refused)"},
		"swaps never seen": {func(r *soakResult) { r.Total.Versions = map[string]int{"a": 2} }, "1 rules versions while the rules were rewritten 30 times"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := good()
			tc.edit(r)
			err := r.failures()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("failures() = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestFmtClock(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59 * time.Second: "0:59", time.Minute: "1:00", 61*time.Minute + 500*time.Millisecond: "61:01"} {
		if got := fmtClock(d); got != want {
			t.Errorf("fmtClock(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestSoakFlags(t *testing.T) {
	o, err := parseFlags([]string{"-soak", "5m"})
	if err != nil || o.soak != 5*time.Minute || o.soakWindow != time.Minute || o.soakReloadEvery != 10*time.Second || o.rate != 0 {
		t.Errorf("-soak 5m: %+v, %v", o, err)
	}
	for _, args := range [][]string{{"-soak", "-1s"}, {"-soak", "1m", "-soak-window", "0"}, {"-soak", "1m", "-soak-reload-every", "-1s"}} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

// TestSoakSmoke runs a soak of 4 s against the real webhook: two windows of 2 s at 100 req/s, the
// rules swapped twice a second. It checks the plumbing (every window has requests, resident memory
// and heap figures scraped from the webhook's metrics, both rules versions answer, nothing is left
// behind), not the figures: two windows are too few to judge flatness, and nothing is timed.
func TestSoakSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the webhook")
	}
	o := options{
		scale: "monzo", workers: 4, warmup: 100 * time.Millisecond, rate: 100, rulesPollInterval: 100 * time.Millisecond,
		podSize: 10000, soak: 4 * time.Second, soakWindow: 2 * time.Second, soakReloadEvery: 500 * time.Millisecond,
		report: t.TempDir() + "/soak.md",
	}
	var out strings.Builder
	res, err := runSoak(t.Context(), o, &out)
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
	if res.Total.Requests != 400 || res.Total.Errors != 0 || len(res.Windows) != 2 {
		t.Errorf("%d requests, %d errors, %d windows; want 400, 0, 2", res.Total.Requests, res.Total.Errors, len(res.Windows))
	}
	for i, w := range res.Windows {
		m := w.Mem
		if w.Stats.Requests != 200 || m.RSS == 0 || m.RSSPeak < m.RSS || m.HeapInuse == 0 || m.HeapLive == 0 || m.HeapLive > m.HeapInuse || m.Goroutines == 0 {
			t.Errorf("window %d: %d requests, memory %+v", i, w.Stats.Requests, m)
		}
	}
	if len(res.Total.Versions) != 2 {
		t.Errorf("versions answered %v, want both", res.Total.Versions)
	}
	for _, f := range res.Flat {
		if f.Judged {
			t.Errorf("%s judged on two windows", f.What)
		}
	}
	report, err := os.ReadFile(o.report)
	if err != nil || !strings.Contains(string(report), "| 0:02–0:04 | 200 | 0 |") {
		t.Errorf("report: %v\n%s", err, report)
	}
	checkTornDown(t, res.PIDs, res.TempDir)
}
