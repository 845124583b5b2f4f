package flowlog

import (
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"
)

var (
	client = netip.MustParseAddr("10.99.0.1")
	server = netip.MustParseAddr("10.99.0.2")
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func up(s string) Time {
	d, ok := uptime(s)
	if !ok {
		panic(s)
	}
	return Time{Uptime: d, HasUptime: true}
}

func with(t Time, date string) Time {
	t.At = at(date)
	return t
}

// TestRealLines: the lines a real kernel logged (testdata/README.md), in each reader's form, give
// the same five lines of three flows; each form's first and last stamps are read as what it holds.
func TestRealLines(t *testing.T) {
	cases := map[string]struct{ first, last Time }{
		"dmesg.txt":              {up("21494.838771"), up("21501.267576")},
		"dmesg-T.txt":            {Time{At: at("2026-12-05T19:08:51Z")}, Time{At: at("2026-12-05T19:08:58Z")}},
		"dmesg-iso.txt":          {Time{At: at("2026-12-05T19:08:51.838771Z")}, Time{At: at("2026-12-05T19:08:58.267576Z")}},
		"journal-short.txt":      {Time{At: at("2026-12-05T19:08:51Z")}, Time{At: at("2026-12-05T19:08:58Z")}},
		"journal-short-iso.txt":  {Time{At: at("2026-12-05T19:08:51Z")}, Time{At: at("2026-12-05T19:08:58Z")}},
		"kern.log":               {with(up("21494.838771"), "2026-12-05T19:08:51Z"), with(up("21501.267576"), "2026-12-05T19:08:58Z")},
		"kern-rfc3339.log":       {Time{At: at("2026-12-05T19:08:51.838771Z")}, Time{At: at("2026-12-05T19:08:58.267576Z")}},
		"kubectl-timestamps.txt": {with(up("21494.838771"), "2026-12-05T19:08:51.838771417Z"), with(up("21501.267576"), "2026-12-05T19:08:58.267576417Z")},
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open("testdata/" + file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			l := NewLog()
			if err := l.Read(f, Options{Year: 2026}); err != nil {
				t.Fatal(err)
			}
			if l.Lines != 5 || l.Matched != 5 || l.Bad != 0 {
				t.Errorf("lines %d, matched %d, bad %d; want 5, 5, 0", l.Lines, l.Matched, l.Bad)
			}
			if !equalTime(l.First, want.first) || !equalTime(l.Last, want.last) {
				t.Errorf("window %v to %v (%+v, %+v), want %v to %v", l.First, l.Last, l.First, l.Last, want.first, want.last)
			}
			got := l.Flows()
			wantFlows := []Flow{{client, server, "ICMP", 0}, {client, server, "TCP", 9}, {client, server, "UDP", 9}}
			wantCounts := []int{1, 2, 2}
			if len(got) != len(wantFlows) {
				t.Fatalf("flows %+v", got)
			}
			for i, f := range got {
				if f.Flow != wantFlows[i] || f.Count != wantCounts[i] {
					t.Errorf("flow %d: %+v, want %+v x%d", i, f, wantFlows[i], wantCounts[i])
				}
			}
			if tcp := got[1]; !tcp.First.HasUptime && tcp.First.At.IsZero() {
				t.Errorf("TCP flow has no first stamp: %+v", tcp)
			}
		})
	}
}

func equalTime(a, b Time) bool {
	return a.At.Equal(b.At) && a.HasUptime == b.HasUptime && a.Uptime == b.Uptime
}

func realLine(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/dmesg.txt")
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return line
}

// TestParseLine: what counts as a line, what is another message and what is bad.
func TestParseLine(t *testing.T) {
	real := realLine(t)
	_, msg, _ := strings.Cut(real, "] ") // "calico-packet: IN=..."
	fields := strings.TrimPrefix(msg, "calico-packet: ")
	tcp9 := Flow{client, server, "TCP", 9}
	cases := map[string]struct {
		line   string
		opts   Options
		result Result
		flow   Flow
	}{
		"a real line":              {real, Options{}, Matched, tcp9},
		"another kernel message":   {"[21494.1] eth0: link up", Options{}, Ignored, Flow{}},
		"another LOG prefix":       {"[1.0] calico-drop: " + fields, Options{}, Ignored, Flow{}},
		"policy info after prefix": {"[1.0] calico-packet|default.knp.default.x|pass: " + fields, Options{}, Matched, tcp9},
		"a custom prefix":          {"[1.0] netiso-audit " + fields, Options{Prefix: "netiso-audit"}, Matched, tcp9},
		"the default, not custom":  {real, Options{Prefix: "netiso-audit"}, Ignored, Flow{}},
		"no stamp (dmesg -t)":      {msg, Options{}, Matched, tcp9},
		"the prefix, no IN=":       {"[1.0] calico-packet: configured", Options{}, Bad, Flow{}},
		"IN= before the prefix":    {"[1.0] IN=eth0 calico-packet SRC=1.2.3.4", Options{}, Bad, Flow{}},
		"no SRC":                   {strings.Replace(real, "SRC=", "XRC=", 1), Options{}, Bad, Flow{}},
		"a bad DST":                {strings.Replace(real, "DST=10.99.0.2", "DST=10.99.0.256", 1), Options{}, Bad, Flow{}},
		"no PROTO":                 {strings.Replace(real, "PROTO=", "PROTX=", 1), Options{}, Bad, Flow{}},
		"TCP without DPT":          {strings.Replace(real, "DPT=", "DPX=", 1), Options{}, Bad, Flow{}},
		"a port out of range":      {strings.Replace(real, "DPT=9 ", "DPT=70000 ", 1), Options{}, Bad, Flow{}},
		"IPv6":                     {"[1.0] calico-packet: IN=cali1 OUT=cali2 SRC=fd00::1 DST=fd00::2 LEN=80 PROTO=TCP SPT=1 DPT=443 SYN", Options{}, Matched, Flow{netip.MustParseAddr("fd00::1"), netip.MustParseAddr("fd00::2"), "TCP", 443}},
		"a protocol number":        {"[1.0] calico-packet: IN=a OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=20 PROTO=47", Options{}, Matched, Flow{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2"), "47", 0}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e, res := tc.opts.ParseLine(tc.line)
			if res != tc.result || e.Flow != tc.flow {
				t.Errorf("%v %+v, want %v %+v", res, e.Flow, tc.result, tc.flow)
			}
		})
	}
}

// TestBadLines: bad and over-long lines are counted and skipped; the lines after them still count.
func TestBadLines(t *testing.T) {
	real := realLine(t)
	huge := "[1.0] calico-packet: IN=x " + strings.Repeat("A", 100_000) + " SRC=1.1.1.1 DST=2.2.2.2 PROTO=TCP DPT=1"
	input := strings.Join([]string{
		real,
		"[21494.9] calico-packet: IN=cali1 garbage",
		huge,
		"[21495.0] eth0: link up",
		strings.Replace(real, "21494.838771", "21499.000001", 1),
	}, "\r\n") // CRLF too: a log copied through Windows
	l := NewLog()
	if err := l.Read(strings.NewReader(input), Options{MaxLine: 4096}); err != nil {
		t.Fatal(err)
	}
	if l.Lines != 5 || l.Matched != 2 || l.Bad != 2 {
		t.Errorf("lines %d, matched %d, bad %d; want 5, 2, 2", l.Lines, l.Matched, l.Bad)
	}
	flows := l.Flows()
	if len(flows) != 1 || flows[0].Count != 2 || flows[0].First != up("21494.838771") || flows[0].Last != up("21499.000001") {
		t.Errorf("flows %+v", flows)
	}
	// A huge line last, without a newline, is counted too.
	l = NewLog()
	if err := l.Read(strings.NewReader(real+"\n"+huge), Options{MaxLine: 4096}); err != nil || l.Lines != 2 || l.Bad != 1 || l.Matched != 1 {
		t.Errorf("huge last line: %v, lines %d, bad %d, matched %d", err, l.Lines, l.Bad, l.Matched)
	}
}

// TestAggregate: lines add up by (source, destination, protocol, port), with each flow's own
// window and the log's.
func TestAggregate(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "2026-12-05T10:%02d:%02dZ calico-packet: IN=cali1 OUT=cali2 SRC=10.0.0.%d DST=10.0.1.1 PROTO=TCP SPT=%d DPT=%d\n",
			i/60%60, i%60, i%3+1, 30000+i, 8080+i%2)
	}
	l := NewLog()
	if err := l.Read(strings.NewReader(b.String()), Options{}); err != nil {
		t.Fatal(err)
	}
	flows := l.Flows()
	if l.Matched != 1000 || len(flows) != 6 {
		t.Fatalf("matched %d, %d flows", l.Matched, len(flows))
	}
	total := 0
	for _, f := range flows {
		total += f.Count
		if f.Count < 166 || f.Count > 167 {
			t.Errorf("%+v: count", f)
		}
	}
	// 10.0.0.1 on 8080 is i = 0, 6, 12, ...: first at second 0, last at i = 996.
	if f := flows[0]; f.Src != netip.MustParseAddr("10.0.0.1") || f.Port != 8080 || !f.First.At.Equal(at("2026-12-05T10:00:00Z")) || !f.Last.At.Equal(at("2026-12-05T10:16:36Z")) {
		t.Errorf("first flow %+v", f)
	}
	if total != 1000 || !l.First.At.Equal(at("2026-12-05T10:00:00Z")) || !l.Last.At.Equal(at("2026-12-05T10:16:39Z")) {
		t.Errorf("total %d, window %v to %v", total, l.First, l.Last)
	}
}

// FuzzParseLine: no line from outside makes the parser panic, and a match names both addresses.
func FuzzParseLine(f *testing.F) {
	for _, file := range []string{"dmesg.txt", "dmesg-T.txt", "journal-short.txt", "kern.log", "kubectl-timestamps.txt"} {
		data, err := os.ReadFile("testdata/" + file)
		if err != nil {
			f.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		if e, res := (Options{}).ParseLine(line); res == Matched && (!e.Flow.Src.IsValid() || !e.Flow.Dst.IsValid()) {
			t.Errorf("matched without addresses: %+v", e)
		}
	})
}
