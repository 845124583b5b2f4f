package main

import (
	"github.com/netiso/netiso/test/harness"

	"fmt"
	"maps"
	"math"
	"slices"
	"time"
)

// recorder collects one worker's outcomes; recorders are merged once the workers are done.
type recorder struct {
	latencies []time.Duration // of every answered request, failed or not
	errors    map[string]int  // by kind
	example   map[string]string
	versions  map[string]int // rules hash → answers carrying it
	maxLag    time.Duration  // longest a fixed-rate request was sent after its time
}

func newRecorder() *recorder {
	return &recorder{errors: map[string]int{}, example: map[string]string{}, versions: map[string]int{}}
}

// add records one request: its latency, and the hash of the rules that answered or why it failed.
func (r *recorder) add(latency time.Duration, o outcome) {
	r.latencies = append(r.latencies, latency)
	if o.kind != "" {
		r.errors[o.kind]++
		if _, ok := r.example[o.kind]; !ok && o.err != nil {
			r.example[o.kind] = o.err.Error()
		}
		return
	}
	if o.hash != "" {
		r.versions[o.hash]++
	}
}

func (r *recorder) merge(o *recorder) {
	r.latencies = append(r.latencies, o.latencies...)
	for k, n := range o.errors {
		r.errors[k] += n
	}
	for k, v := range o.example {
		if _, ok := r.example[k]; !ok {
			r.example[k] = v
		}
	}
	for k, n := range o.versions {
		r.versions[k] += n
	}
	r.maxLag = max(r.maxLag, o.maxLag)
}

// outcome is one request's result: the rules hash in its patch, or the kind of failure.
type outcome struct {
	hash string
	kind string
	err  error
}

// stats summarises a run against one endpoint.
type stats struct {
	Requests   int
	Errors     int
	ErrorKinds map[string]int
	Examples   map[string]string
	Versions   map[string]int
	Elapsed    time.Duration
	Throughput float64 // answered requests a second
	P50, P90   time.Duration
	P99, Max   time.Duration
	MaxLag     time.Duration // fixed rate: the generator's own worst delay in sending
	// ServerCPU and LoadCPU are the CPU time the endpoint's process and the load generator used:
	// per request, the server's is its cost, and far less disturbed by other processes than
	// throughput.
	ServerCPU, LoadCPU time.Duration
}

// cpuPerRequest is the server's CPU time per answered request.
func (s stats) cpuPerRequest() time.Duration {
	if s.Requests == 0 {
		return 0
	}
	return s.ServerCPU / time.Duration(s.Requests)
}

func (s stats) loadCPUPerRequest() time.Duration {
	if s.Requests == 0 {
		return 0
	}
	return s.LoadCPU / time.Duration(s.Requests)
}

func summarize(r *recorder, elapsed time.Duration) stats {
	slices.Sort(r.latencies)
	s := stats{
		Requests: len(r.latencies), ErrorKinds: r.errors, Examples: r.example, Versions: r.versions, Elapsed: elapsed,
		P50: harness.Percentile(r.latencies, 50), P90: harness.Percentile(r.latencies, 90), P99: harness.Percentile(r.latencies, 99),
		Max: harness.Percentile(r.latencies, 100), MaxLag: r.maxLag,
	}
	for _, n := range r.errors {
		s.Errors += n
	}
	if elapsed > 0 {
		s.Throughput = float64(len(r.latencies)) / elapsed.Seconds()
	}
	return s
}

// errorSummary is "none" or the counts by kind, with an example of each.
func (s stats) errorSummary() string {
	if s.Errors == 0 {
		return "none"
	}
	out := ""
	for _, k := range slices.Sorted(maps.Keys(s.ErrorKinds)) {
		out += fmt.Sprintf("%s: %d (%s); ", k, s.ErrorKinds[k], s.Examples[k])
	}
	return out[:len(out)-2]
}

// fmtDur prints a latency with three significant figures in a unit that suits it.
func fmtDur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
