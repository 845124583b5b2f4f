package main

import (
	"github.com/netiso/netiso/test/harness"

	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netiso/netiso/pkg/rules"
)

func sorted(d []time.Duration) []time.Duration {
	out := slices.Clone(d)
	slices.Sort(out)
	return out
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

// report pools each mode's samples over the rounds.
type report struct {
	o          options
	rules      *rules.Compiled
	samples    []sample
	load       []string // at the start and the end
	elapsed    time.Duration
	equivalent int // cases on which the MutatingAdmissionPolicy and the webhook agree
	params     int // bytes of the params ConfigMap
}

func (r *report) add(s sample) { r.samples = append(r.samples, s) }

// pooled is one mode and operation over every round.
type pooled struct {
	n, errs                  int
	firstErr                 string
	elapsed                  time.Duration
	lat                      []time.Duration
	apiCPU, etcdCPU, hookCPU time.Duration
	rates                    []float64
	loads                    []string
}

func (p pooled) rate() float64 { return float64(p.n) / p.elapsed.Seconds() }
func (p pooled) per(d time.Duration) time.Duration {
	if p.n == 0 {
		return 0
	}
	return d / time.Duration(p.n)
}

func (r *report) pool(mode, op string) pooled {
	var p pooled
	for _, s := range r.samples {
		if s.mode != mode || s.op != op {
			continue
		}
		p.n += s.n
		p.errs += s.errs
		if p.firstErr == "" {
			p.firstErr = s.firstErr
		}
		p.elapsed += s.elapsed
		p.lat = append(p.lat, s.lat...)
		p.apiCPU += s.apiCPU
		p.etcdCPU += s.etcdCPU
		p.hookCPU += s.hookCPU
		p.rates = append(p.rates, s.rate())
		p.loads = append(p.loads, s.load)
	}
	slices.Sort(p.lat)
	return p
}

func (r *report) markdown(modes []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Rules: %d services, %d links (synthetic, %s scale); %d clients; %d CREATEs and %d status UPDATEs a mode a round; %d rounds, modes in rotated order; %s in all. "+
		"Load average (1 min) %s at the start, %s at the end. The MutatingAdmissionPolicy's params ConfigMap: %d bytes; it set the webhook's labels and annotation on %d/%d cases.\n\n",
		r.rules.Len(), r.rules.Links(), r.o.scale, r.o.clients, r.o.creates, r.o.updates, r.o.rounds, r.elapsed.Round(time.Second),
		r.load[0], r.load[len(r.load)-1], r.params, r.equivalent, r.equivalent)
	if r.o.anchors {
		b.WriteString("Identity anchors on every service (-anchors): ServiceAccount, repository and a cosign signature by the builder, every pod running one signed image (its signature checked once, then warm).\n\n")
	}
	b.WriteString("| mode | request | throughput | × none | p50 | p99 | API server CPU / request | etcd CPU / request | webhook CPU / request | rounds (req/s) | load at each round | errors |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|\n")
	for _, op := range []string{"CREATE", "UPDATE"} {
		base := r.pool("none", op)
		for _, m := range modes {
			p := r.pool(m, op)
			if p.n == 0 {
				continue
			}
			rounds := make([]string, len(p.rates))
			for i, x := range p.rates {
				rounds[i] = fmt.Sprintf("%.0f", x)
			}
			hook := "–"
			if strings.HasPrefix(m, "netiso") {
				hook = ms(p.per(p.hookCPU))
			}
			errs := fmt.Sprint(p.errs)
			if p.errs > 0 {
				errs += " (" + p.firstErr + ")"
			}
			label := op
			if op == "UPDATE" {
				label = "status UPDATE"
			}
			fmt.Fprintf(&b, "| %s | %s | %.0f/s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |\n", m, label, p.rate(), p.rate()/base.rate(),
				ms(harness.Percentile(p.lat, 50)), ms(harness.Percentile(p.lat, 99)), ms(p.per(p.apiCPU)), ms(p.per(p.etcdCPU)), hook,
				strings.Join(rounds, ", "), strings.Join(p.loads, ", "), errs)
		}
	}
	b.WriteString("\nTargets (issue 17):\n\n")
	none, hook, mapc := r.pool("none", "CREATE"), r.pool("netiso", "CREATE"), r.pool("map", "CREATE")
	noneU, hookU := r.pool("none", "UPDATE"), r.pool("netiso", "UPDATE")
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	if noneU.n > 0 && hookU.n > 0 {
		x := hookU.rate() / noneU.rate()
		fmt.Fprintf(&b, "- status UPDATEs through netiso ≥ 0.95× no admission: %.2f×, %s\n", x, verdict(x >= 0.95))
	}
	if none.n > 0 && hook.n > 0 {
		x := hook.rate() / none.rate()
		fmt.Fprintf(&b, "- CREATEs through netiso ≥ 0.7× no admission: %.2f×, %s\n", x, verdict(x >= 0.7))
	}
	if hook.n > 0 && mapc.n > 0 {
		fmt.Fprintf(&b, "- API server CPU per create below the MutatingAdmissionPolicy's: %s against %s, %s\n",
			ms(hook.per(hook.apiCPU)), ms(mapc.per(mapc.apiCPU)), verdict(hook.per(hook.apiCPU) < mapc.per(mapc.apiCPU)))
	}
	return b.String()
}
