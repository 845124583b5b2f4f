package main

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"time"
)

// Targets from issue 6 that one load run can judge.
const (
	targetThroughputRatio = 0.7      // webhook/minimal full-speed throughput, at least
	targetP99Ratio        = 1.5      // webhook/minimal p99 at the fixed rate, at most
	targetRSS             = 64 << 20 // webhook RSS under load, at most
	targetRetainedMonzo   = 8 << 20  // compiled rules at 1,500/9,300, at most
	targetReloadP99Ratio  = 1.5      // p99 while reloading / p99 steady, at most: "no slowed admissions"
)

// measured is one row of the results: an endpoint under one load.
type measured struct {
	endpoint, load string
	stats          stats
}

// all lists every measurement in the order they are shown.
func (r *result) all() []measured {
	var rows []measured
	for _, name := range []string{minimalName, webhookName} {
		if s, ok := r.Full[name]; ok {
			rows = append(rows, measured{name, "full speed", s})
		}
	}
	for _, name := range []string{minimalName, webhookName} {
		if s, ok := r.Fixed[name]; ok {
			rows = append(rows, measured{name, fmt.Sprintf("%.0f req/s", r.Rate), s})
		}
	}
	if r.Reload != nil {
		rows = append(rows, measured{webhookName, fmt.Sprintf("%.0f req/s, rules swapped every %s", r.Rate, r.Reload.Every), r.Reload.Stats})
	}
	return rows
}

// verdict is one of the targets, judged.
type verdict struct {
	what, measured, limit string
	met                   bool
	judged                bool // false: shown, not judged (no target at this scale)
}

func (r *result) verdicts() []verdict {
	var v []verdict
	add := func(what, measured, limit string, met bool) {
		v = append(v, verdict{what: what, measured: measured, limit: limit, met: met, judged: limit != ""})
	}
	fw, fm := r.Full[webhookName], r.Full[minimalName]
	if tr := ratio(fw.Throughput, fm.Throughput); !math.IsNaN(tr) {
		add("full-speed throughput, webhook / minimal", fmt.Sprintf("%.2f (%.0f / %.0f req/s)", tr, fw.Throughput, fm.Throughput),
			fmt.Sprintf("≥ %.1f", targetThroughputRatio), tr >= targetThroughputRatio)
	}
	if cr := ratio(float64(fw.cpuPerRequest()), float64(fm.cpuPerRequest())); !math.IsNaN(cr) {
		add("server CPU per request at full speed, webhook / minimal", fmt.Sprintf("%.2f (%s / %s)", cr, fmtDur(fw.cpuPerRequest()), fmtDur(fm.cpuPerRequest())), "", true)
	}
	xw, xm := r.Fixed[webhookName], r.Fixed[minimalName]
	if pr := ratio(float64(xw.P99), float64(xm.P99)); !math.IsNaN(pr) {
		add(fmt.Sprintf("p99 at %.0f req/s, webhook / minimal", r.Rate), fmt.Sprintf("%.2f (%s / %s)", pr, fmtDur(xw.P99), fmtDur(xm.P99)),
			fmt.Sprintf("≤ %.1f", targetP99Ratio), pr <= targetP99Ratio)
	}
	m := r.Mem[webhookName]
	// Judged apart: swapping the rules every second holds two rule sets and a parse at once, which
	// a steady load never does.
	peak := max(m.FullPeak, m.FixedPeak)
	add("webhook RSS under load (peak sampled)", mib(peak), "≤ 64 MiB", peak <= targetRSS)
	if m.ReloadPeak > 0 {
		add("webhook RSS under load, rules swapped every second (peak sampled)", mib(m.ReloadPeak), "≤ 64 MiB", m.ReloadPeak <= targetRSS)
	}
	// Compile time is the benchmarks' to judge: one parse and compile here is only an indication.
	if r.Scale == "monzo" {
		add("compiled rules (heap kept)", mib(r.Rules.retained), "≤ 8 MiB", r.Rules.retained <= targetRetainedMonzo)
	} else {
		add("compiled rules (heap kept)", mib(r.Rules.retained), "", true)
	}
	add("parse + compile, once, in the load generator (the benchmarks judge compile time)", fmtDur(r.Rules.compile), "", true)
	errs := 0
	for _, row := range r.all() {
		errs += row.stats.Errors
	}
	add("failed admissions, all runs", fmt.Sprint(errs), "0", errs == 0)
	if rl := r.Reload; rl != nil {
		add("rules versions in the answers while swapping", fmt.Sprintf("%d (%d rewrites)", len(rl.Stats.Versions), rl.Writes), "> 1", len(rl.Stats.Versions) > 1)
		pr := ratio(float64(rl.Stats.P99), float64(xw.P99))
		add("webhook p99 swapping rules / steady, same rate", fmt.Sprintf("%.2f (%s / %s)", pr, fmtDur(rl.Stats.P99), fmtDur(xw.P99)),
			fmt.Sprintf("≤ %.1f", targetReloadP99Ratio), pr <= targetReloadP99Ratio)
	}
	return v
}

func (v verdict) mark() string {
	switch {
	case !v.judged:
		return ""
	case v.met:
		return "met"
	}
	return "**missed**"
}

func (r *result) setting() string {
	rounds := ""
	if r.Rounds > 1 {
		rounds = fmt.Sprintf(", in %d rounds alternating the endpoints", r.Rounds)
	}
	return fmt.Sprintf("%d services, %d links; the webhook and the minimal endpoint on loopback, %d workers on keep-alive HTTP/1.1 over TLS, "+
		"the load generator on the same %d CPUs; a CREATE AdmissionReview of %d bytes (its pod %d) for a service with 6 callees; "+
		"each load %s per endpoint%s",
		r.Rules.services, r.Rules.links, r.Workers, r.CPUs, r.ReviewBytes, r.PodBytes, r.Duration, rounds)
}

// text is the human-readable summary.
func (r *result) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "netiso load test, %s scale: %s.\n\n", r.Scale, r.setting())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "endpoint\tload\trequests\terrors\treq/s\tp50\tp90\tp99\tmax\tserver CPU/req\tgenerator CPU/req\t")
	for _, row := range r.all() {
		s := row.stats
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t\n", row.endpoint, row.load, s.Requests, s.Errors, s.Throughput,
			fmtDur(s.P50), fmtDur(s.P90), fmtDur(s.P99), fmtDur(s.Max), fmtDur(s.cpuPerRequest()), fmtDur(s.loadCPUPerRequest()))
	}
	_ = tw.Flush()
	b.WriteString("\nresident memory (VmRSS):\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "process\tidle after start\tpeak, full speed\tpeak, fixed rate\tpeak, swapping rules\tidle after\tVmHWM\t")
	for _, name := range []string{webhookName, minimalName} {
		m := r.Mem[name]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, mib(m.Idle), mib(m.FullPeak), mib(m.FixedPeak), orDash(m.ReloadPeak), mib(m.After), mib(m.HWM))
	}
	_ = tw.Flush()
	b.WriteString("\ntargets:\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, v := range r.verdicts() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", v.what, v.measured, v.limit, strings.Trim(v.mark(), "*"))
	}
	_ = tw.Flush()
	fmt.Fprintf(&b, "\nwebhook start to ready %s; whole run %s\n", fmtDur(r.Startup), r.TotalElapsed.Round(time.Second))
	return b.String()
}

// markdown is the section hack/bench.sh puts into docs/performance.md.
func (r *result) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Load: %s scale\n\n%s.\n\n", r.Scale, capitalize(r.setting()))
	b.WriteString("| endpoint | load | requests | errors | req/s | p50 | p90 | p99 | max | server CPU/req | generator CPU/req |\n" +
		"|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, row := range r.all() {
		s := row.stats
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %.0f | %s | %s | %s | %s | %s | %s |\n", row.endpoint, row.load, s.Requests, s.Errors, s.Throughput,
			fmtDur(s.P50), fmtDur(s.P90), fmtDur(s.P99), fmtDur(s.Max), fmtDur(s.cpuPerRequest()), fmtDur(s.loadCPUPerRequest()))
	}
	b.WriteString("\nResident memory (VmRSS from /proc; the peaks sampled every 100 ms):\n\n")
	b.WriteString("| process | idle after start | peak, full speed | peak, fixed rate | peak, swapping rules | idle after | VmHWM (since start) |\n|---|--:|--:|--:|--:|--:|--:|\n")
	for _, name := range []string{webhookName, minimalName} {
		m := r.Mem[name]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", name, mib(m.Idle), mib(m.FullPeak), mib(m.FixedPeak), orDash(m.ReloadPeak), mib(m.After), mib(m.HWM))
	}
	b.WriteString("\n| target | measured | limit | |\n|---|---|---|---|\n")
	for _, v := range r.verdicts() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", v.what, v.measured, v.limit, v.mark())
	}
	if rl := r.Reload; rl != nil {
		fmt.Fprintf(&b, "\nWhile swapping, the rules file was rewritten %d times in %s (atomically, alternating the rules with and without the link %s) "+
			"and the webhook polled it every second; the answers carried these versions: %s.\n",
			rl.Writes, rl.For, r.Rules.extraLink, versions(rl.Stats.Versions))
	}
	fmt.Fprintf(&b, "\nThe webhook was ready %s after it started. Rules: %d bytes of JSON; parsed and compiled in %s in the load generator, keeping %s of heap.\n",
		fmtDur(r.Startup), len(r.Rules.a), fmtDur(r.Rules.compile), mib(r.Rules.retained))
	return b.String()
}

func versions(v map[string]int) string {
	var parts []string
	for _, h := range sortedKeys(v) {
		parts = append(parts, fmt.Sprintf("`%s` %d answers", h, v[h]))
	}
	return strings.Join(parts, ", ")
}

func orDash(b uint64) string {
	if b == 0 {
		return "-"
	}
	return mib(b)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
