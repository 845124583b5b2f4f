package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/netiso/netiso/test/harness"
)

// requests are the webhook's API requests by HTTP method (client-go's rest_client_requests_total,
// which controller-runtime serves on the metrics endpoint): PATCH is a server-side apply, DELETE a
// removal, GET a get, list or watch, PUT mostly the leader's lease renewal, POST events.
type requests map[string]float64

var methods = []string{"PATCH", "DELETE", "GET", "PUT", "POST"}

func requestsOf(exposition string) requests {
	r := requests{}
	for _, m := range methods {
		r[m] = harness.Sum(exposition, "rest_client_requests_total", `method="`+m+`"`)
	}
	return r
}

func (r requests) minus(o requests) requests {
	out := requests{}
	for _, m := range methods {
		out[m] = r[m] - o[m]
	}
	return out
}

func (r requests) cells() string {
	var c []string
	for _, m := range methods {
		c = append(c, fmt.Sprintf("%.0f", r[m]))
	}
	return strings.Join(c, " | ")
}

type report struct {
	load            string
	services, links int
	podSize         int
	first           []*firstApply
	steady          *steady
	changes         []*change
	deleted, opened []time.Duration
	errors          []string // the webhook's log lines at level ERROR
}

func (r *report) write(w io.Writer) {
	pods := "each with one container and its identity label only"
	if r.podSize > 0 {
		pods = fmt.Sprintf("each pkg/synth's realistic pod of %d bytes of JSON (two containers with env, probes and resources, an owner reference, "+
			"foreign labels and annotations)", r.podSize)
	}
	fmt.Fprintf(w, "Rules: pkg/synth's Monzo shape (%d services, %d links); pods %s; the real kube-apiserver and etcd, the real webhook "+
		"(--manage-policies --leader-elect --reconcile); 2 cores, load average (1 min) at the start: %s.\n\n", r.services, r.links, pods, r.load)
	fmt.Fprintln(w, "First apply: the webhook started with none of netiso's policies in the cluster, until every policy the rules imply exists with its spec.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| pods | policies | from the webhook's start | from the owner's \"rules changed\" | applied | requests: PATCH | DELETE | GET | PUT | POST | webhook CPU | API server CPU | webhook RSS after |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range r.first {
		fmt.Fprintf(w, "| %d | %d | %s | %s | %.0f | %s | %s | %s | %.0f MiB |\n", f.pods, f.policies, round(f.fromStart), round(f.fromChanged),
			f.applied, f.requests.cells(), f.hookCPU.Round(10*time.Millisecond), f.apiCPU.Round(10*time.Millisecond), float64(f.rss)/(1<<20))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The replica's start, from its process's: ready (TLS server up, rules loaded), the rules first served (the ConfigMap read, parsed, compiled, "+
		"and checked to generate valid policies), every cached pod judged (the reconciler's first list, after the pod cache synced and the lease was acquired); "+
		"its memory once settled (the Go heap marked live by the last collection, and resident).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| pods | ready | rules served | every pod judged (pods) | policies applied | live heap | RSS |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, f := range r.first {
		fmt.Fprintf(w, "| %d | %s | %s | %s (%s) | %s | %.1f MiB | %.1f MiB |\n", f.pods, round(f.ready), round(f.rulesServed), round(f.podsJudged), f.judged,
			round(f.fromStart), float64(f.heapLive)/(1<<20), float64(f.rss)/(1<<20))
	}
	if len(r.first) == 2 && r.first[1].pods > 0 {
		a, b := r.first[0], r.first[1]
		n := float64(b.pods - a.pods)
		fmt.Fprintf(w, "\nThe pod cache: %.0f bytes of live heap a pod (%.1f MiB for %d pods), %.0f bytes of resident memory a pod.\n",
			float64(b.heapLive-a.heapLive)/n, float64(b.heapLive-a.heapLive)/(1<<20), b.pods-a.pods, float64(b.rss-a.rss)/n)
	}
	if s := r.steady; s != nil {
		minutes := s.dur.Minutes()
		per := requests{}
		for _, m := range methods {
			per[m] = s.requests[m] / minutes
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Steady state, %d pods, nothing changing for %s: the webhook's API requests (client-go's rest_client_requests_total, "+
			"every request it sends, a watch counted when it opens) a minute by method; pods relabelled %.0f, policies written %.0f; "+
			"live heap %.1f MiB, RSS %.1f MiB (peak since start %.1f MiB).\n\n", s.pods, s.dur, s.relabels, s.applied,
			float64(s.heapLive)/(1<<20), float64(s.rss)/(1<<20), float64(s.peak)/(1<<20))
		fmt.Fprintln(w, "| requests a minute: PATCH | DELETE | GET | PUT | POST |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		var c []string
		for _, m := range methods {
			c = append(c, fmt.Sprintf("%.1f", per[m]))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(c, " | "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "One-service changes, timed from the ConfigMap update: the owner's \"rules changed\" log line, its \"applying the new policies\" (the final set, once pods' labels moved), "+
		"the last event on netiso's policies (watched); writes are the events seen over the change and 3 s after; requests are the webhook's over the same time (the reconciler's and the lease's included).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| pods | change | expected | owner saw it | final set | last policy write | policy writes | requests: PATCH | DELETE | GET | PUT | POST | pods relabelled |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, c := range r.changes {
		last := "none"
		if c.writes > 0 {
			last = round(c.lastWrite)
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %d | %s | %.0f |\n", c.pods, c.what, c.expect, round(c.saw), round(c.final), last, c.writes,
			c.requests.cells(), c.relabelled)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Restore: one of netiso's policies deleted, or patched open (`{\"spec\":{\"ingress\":[{}]}}`), by the garbage collector's identity (the one the guard lets through), until netiso's spec is back (the event of its write).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| policy | times | median | p90 | max |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, s := range []struct {
		what string
		d    []time.Duration
	}{{"deleted", r.deleted}, {"patched open", r.opened}} {
		d := slices.Clone(s.d)
		slices.Sort(d)
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s |\n", s.what, len(d), round(harness.Percentile(d, 50)), round(harness.Percentile(d, 90)), round(harness.Percentile(d, 100)))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Errors in the webhook's log: %d.\n", len(r.errors))
	for _, e := range r.errors[:min(len(r.errors), 10)] {
		fmt.Fprintf(w, "\n    %s\n", e)
	}
}

func round(d time.Duration) string {
	if d >= 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Millisecond).String()
}
