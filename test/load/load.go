package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// target is an endpoint under load, with the client that keeps its connections alive.
type target struct {
	name   string
	pid    int // of the server
	url    string
	client *http.Client
	exp    expectation
	review []byte // the AdmissionReview template
	uidAt  int    // where its UID starts
	uids   atomic.Uint64
}

// newTarget's client speaks HTTP/1.1 with keep-alive, one connection a worker, and trusts only the
// dev CA. The 10 s timeout is the API server's default for a webhook.
func newTarget(name string, pid int, url string, caPEM []byte, workers int, review []byte, uidAt int, exp expectation) (*target, error) {
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("%s: no CA certificate", name)
	}
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		MaxIdleConnsPerHost: workers,
		MaxConnsPerHost:     workers,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
		IdleConnTimeout:     time.Minute,
	}
	return &target{
		name: name, pid: pid, url: url, exp: exp, review: review, uidAt: uidAt,
		client: &http.Client{Transport: tr, Timeout: 10 * time.Second},
	}, nil
}

func (t *target) close() { t.client.CloseIdleConnections() }

// worker sends requests to a target, one at a time, reusing its buffers.
type worker struct {
	t     *target
	body  []byte
	resp  bytes.Buffer
	check checker
}

func (t *target) newWorker() *worker {
	return &worker{t: t, body: bytes.Clone(t.review), check: checker{exp: t.exp}}
}

// send posts the review with a fresh UID and checks the answer.
func (w *worker) send(ctx context.Context) outcome {
	uid := w.body[w.t.uidAt : w.t.uidAt+len(uidTemplate)]
	newUID(uid, w.t.uids.Add(1))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.t.url, bytes.NewReader(w.body))
	if err != nil {
		return outcome{kind: errTransport, err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.t.client.Do(req)
	if err != nil {
		return outcome{kind: errTransport, err: err}
	}
	w.resp.Reset()
	_, err = w.resp.ReadFrom(resp.Body)
	_ = resp.Body.Close()
	switch {
	case err != nil:
		return outcome{kind: errTransport, err: err}
	case resp.StatusCode != http.StatusOK:
		return outcome{kind: errStatus, err: fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, w.resp.Bytes())}
	}
	hash, kind, err := w.check.check(w.resp.Bytes(), string(uid))
	return outcome{hash: hash, kind: kind, err: err}
}

// fullSpeed runs workers that each send as fast as answers come back, for d, and returns what they
// recorded and how long that took. Requests cut short by ctx (an interrupt) are not counted.
func fullSpeed(ctx context.Context, t *target, workers int, d time.Duration) (*recorder, time.Duration) {
	recs := make([]*recorder, workers)
	start := time.Now()
	end := start.Add(d)
	var wg sync.WaitGroup
	for i := range recs {
		recs[i] = newRecorder()
		w := t.newWorker()
		wg.Go(func() {
			for now := time.Now(); now.Before(end) && ctx.Err() == nil; {
				o := w.send(ctx)
				done := time.Now()
				if ctx.Err() != nil {
					return
				}
				recs[i].add(done.Sub(now), o)
				now = done
			}
		})
	}
	wg.Wait()
	return merge(recs), time.Since(start)
}

func merge(recs []*recorder) *recorder {
	all := newRecorder()
	for _, r := range recs {
		all.merge(r)
	}
	return all
}

// schedule is an open-loop plan: request i is due at start + i/rate, whenever earlier ones answer.
type schedule struct {
	start time.Time
	rate  float64 // requests a second
	n     int64   // requests in all
}

func newSchedule(start time.Time, rate float64, d time.Duration) schedule {
	return schedule{start: start, rate: rate, n: int64(rate * d.Seconds())}
}

// at is when request i is due. Computed from i, not by adding intervals, so rounding never drifts.
func (s schedule) at(i int64) time.Time {
	return s.start.Add(time.Duration(float64(i) * float64(time.Second) / s.rate))
}

// clock is time as the fixed-rate loop sees it; tests give it a fake one.
type clock interface {
	Now() time.Time
	// SleepUntil returns at t, or with ctx's error if ctx ends first.
	SleepUntil(ctx context.Context, t time.Time) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) SleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// maxLate bounds a fixed-rate run when the server cannot keep up: a request whose turn comes this
// late is not sent, and counted as failed. With the client's 10 s timeout, a run lasts at most its
// duration and 15 s.
const maxLate = 5 * time.Second

// openLoop sends the schedule's requests with workers senders, each taking the next request due.
// Latency counts from when a request was due, not from when it was sent: when the server stalls,
// the requests that should have gone out meanwhile wait, and their wait is part of what a client
// at that rate would see (no coordinated omission). workers bounds the requests in flight; at a
// rate the server sustains it is never the limit.
func openLoop(ctx context.Context, clk clock, s schedule, send []func(context.Context) outcome) *recorder {
	return openLoopWindows(ctx, clk, s, send, 0)[0]
}

// openLoopWindows is openLoop with the requests recorded by when they were due: the recorder of
// window w holds those due in [start + w·window, start + (w+1)·window), so a soak reports each
// minute on its own without ever pausing the schedule. A window of 0 is one window for the run.
func openLoopWindows(ctx context.Context, clk clock, s schedule, send []func(context.Context) outcome, window time.Duration) []*recorder {
	windows := s.windows(window)
	recs := make([][]*recorder, len(send)) // by worker, then window
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range send {
		recs[w] = make([]*recorder, windows)
		for i := range recs[w] {
			recs[w][i] = newRecorder()
		}
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= s.n {
					return
				}
				due := s.at(i)
				rec := recs[w][s.window(i, window)]
				if clk.SleepUntil(ctx, due) != nil {
					return
				}
				sent := clk.Now()
				if sent.Sub(due) > maxLate {
					rec.errors[errBehind]++
					rec.example[errBehind] = fmt.Sprintf("request %d due at +%s, its turn came %s late", i, due.Sub(s.start), sent.Sub(due))
					continue
				}
				o := send[w](ctx)
				done := clk.Now()
				if ctx.Err() != nil {
					return
				}
				rec.add(done.Sub(due), o)
				rec.maxLag = max(rec.maxLag, sent.Sub(due))
			}
		})
	}
	wg.Wait()
	out := make([]*recorder, windows)
	for i := range out {
		byWorker := make([]*recorder, len(send))
		for w := range send {
			byWorker[w] = recs[w][i]
		}
		out[i] = merge(byWorker)
	}
	return out
}

// windows is how many windows of length window the schedule spans (the last may be partial);
// 1 for a window of 0.
func (s schedule) windows(window time.Duration) int {
	if window <= 0 || s.n == 0 {
		return 1
	}
	return s.window(s.n-1, window) + 1
}

// window is the window request i is due in.
func (s schedule) window(i int64, window time.Duration) int {
	if window <= 0 {
		return 0
	}
	return int(s.at(i).Sub(s.start) / window)
}

// fixedRate runs openLoop against t at rate for d.
func fixedRate(ctx context.Context, t *target, workers int, rate float64, d time.Duration) (*recorder, time.Duration) {
	send := make([]func(context.Context) outcome, workers)
	for i := range send {
		send[i] = t.newWorker().send
	}
	// A short lead so that every worker is waiting when the first request is due.
	s := newSchedule(time.Now().Add(20*time.Millisecond), rate, d)
	rec := openLoop(ctx, realClock{}, s, send)
	return rec, time.Since(s.start)
}

// drain discards a response body so that the connection can be reused.
func drain(r io.ReadCloser) {
	_, _ = io.Copy(io.Discard, r)
	_ = r.Close()
}
