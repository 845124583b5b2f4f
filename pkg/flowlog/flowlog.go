// Package flowlog reads the iptables LOG lines that Calico's audit policies (netiso policies
// --audit) write for every flow enforcement would drop, from a node's kernel log as dmesg,
// journalctl, syslog and kubectl logs print it, and counts them by flow. It is pure: no client,
// no clock; the caller says which year a year-less stamp is in.
package flowlog

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

const (
	// DefaultPrefix is Felix's default LogPrefix: Calico's Log action writes it before "IN=".
	DefaultPrefix = "calico-packet"
	// DefaultMaxLine bounds one line. A LOG line is about 300 bytes; a longer line is something else
	// and is counted bad rather than buffered.
	DefaultMaxLine = 16 << 10
)

// Options say how to read lines.
type Options struct {
	// Prefix is the LOG prefix (Felix's LogPrefix); "" is DefaultPrefix. It is matched as a
	// substring before "IN=", since Felix may append the policy's name to it.
	Prefix string
	// MaxLine is the longest line read; 0 is DefaultMaxLine.
	MaxLine int
	// Year is the year of the stamps that have none (syslog's and journalctl's "Dec  5 19:08:51").
	Year int
	// Location is the zone of the stamps that have none (those and dmesg -T's): the node's. nil is UTC.
	Location *time.Location
}

func (o Options) withDefaults() Options {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.MaxLine <= 0 {
		o.MaxLine = DefaultMaxLine
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return o
}

// Time is when a line was logged. At is a date, when the line has one (any form but plain dmesg);
// Uptime is dmesg's "[21494.838771]", seconds since the node booted, when the line has that. Both
// may be set (syslog keeps the kernel's uptime; kubectl logs of dmesg -w adds a date). Uptimes
// of different nodes, or across a reboot, do not compare.
type Time struct {
	At        time.Time
	Uptime    time.Duration
	HasUptime bool
}

// IsZero: the line had no stamp at all (dmesg -t).
func (t Time) IsZero() bool { return t.At.IsZero() && !t.HasUptime }

// String is the date in RFC 3339 when there is one, otherwise the uptime.
func (t Time) String() string {
	switch {
	case !t.At.IsZero():
		return t.At.Format(time.RFC3339)
	case t.HasUptime:
		return "uptime " + strconv.FormatFloat(t.Uptime.Seconds(), 'f', 6, 64) + "s"
	}
	return "unknown"
}

// Earliest and Latest work on each part apart, so that a window over lines of both kinds keeps
// both: the dates' and the uptimes'.
func Earliest(a, b Time) Time { return pick(a, b, true) }
func Latest(a, b Time) Time   { return pick(a, b, false) }

// MarshalJSON writes {"at": RFC 3339, "uptimeSeconds": 21494.838771}, each only when known.
func (t Time) MarshalJSON() ([]byte, error) {
	var v struct {
		At     *time.Time `json:"at,omitempty"`
		Uptime *float64   `json:"uptimeSeconds,omitempty"`
	}
	if !t.At.IsZero() {
		v.At = &t.At
	}
	if t.HasUptime {
		s := t.Uptime.Seconds()
		v.Uptime = &s
	}
	return json.Marshal(v)
}

func pick(a, b Time, first bool) Time {
	if !b.At.IsZero() && (a.At.IsZero() || b.At.Before(a.At) == first && !b.At.Equal(a.At)) {
		a.At = b.At
	}
	if b.HasUptime && (!a.HasUptime || (b.Uptime < a.Uptime) == first && b.Uptime != a.Uptime) {
		a.Uptime, a.HasUptime = b.Uptime, true
	}
	return a
}

// Flow is what one line says was sent: from Src to Dst, by Proto (as the kernel writes it: TCP,
// UDP, SCTP, ICMP, ICMPv6, or a number) to Port (0 for a protocol without ports).
type Flow struct {
	Src, Dst netip.Addr
	Proto    string
	Port     uint16
}

// PortName is "8080/TCP", or the protocol alone for one without ports.
func (f Flow) PortName() string {
	if hasPorts(f.Proto) {
		return strconv.Itoa(int(f.Port)) + "/" + f.Proto
	}
	return f.Proto
}

// Entry is one line read.
type Entry struct {
	Time Time
	Flow Flow
}

// Result is what a line was.
type Result uint8

const (
	Ignored Result = iota // no prefix: another kernel message
	Matched               // a flow
	Bad                   // the prefix, but not the fields of a LOG line
)

// ParseLine reads one line.
func (o Options) ParseLine(line string) (Entry, Result) {
	o = o.withDefaults()
	return o.parse(line)
}

func (o Options) parse(line string) (Entry, Result) {
	at := strings.Index(line, o.Prefix)
	if at < 0 {
		return Entry{}, Ignored
	}
	in := strings.Index(line[at+len(o.Prefix):], "IN=")
	if in < 0 {
		return Entry{}, Bad
	}
	fields := line[at+len(o.Prefix)+in:]
	var e Entry
	var ok bool
	if e.Flow.Src, ok = addr(fields, " SRC="); !ok {
		return Entry{}, Bad
	}
	if e.Flow.Dst, ok = addr(fields, " DST="); !ok {
		return Entry{}, Bad
	}
	proto, ok := field(fields, " PROTO=")
	if !ok || proto == "" {
		return Entry{}, Bad
	}
	e.Flow.Proto = intern(proto)
	if hasPorts(e.Flow.Proto) {
		// A fragment after the first has no ports: nothing to say which service it was for.
		dpt, ok := field(fields, " DPT=")
		port, err := strconv.ParseUint(dpt, 10, 16)
		if !ok || err != nil {
			return Entry{}, Bad
		}
		e.Flow.Port = uint16(port)
	}
	e.Time = o.stamp(line[:at])
	return e, Matched
}

// field is the value of key (" KEY=") in a LOG line's fields, up to the next space.
func field(fields, key string) (string, bool) {
	i := strings.Index(fields, key)
	if i < 0 {
		return "", false
	}
	v := fields[i+len(key):]
	if j := strings.IndexByte(v, ' '); j >= 0 {
		v = v[:j]
	}
	return v, true
}

func addr(fields, key string) (netip.Addr, bool) {
	v, ok := field(fields, key)
	if !ok {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(v)
	return a, err == nil
}

// intern returns the kernel's usual protocol names as constants, so that a flow kept in a map does
// not hold the line it was read from.
func intern(proto string) string {
	for _, p := range []string{"TCP", "UDP", "SCTP", "ICMP", "ICMPv6", "UDPLITE"} {
		if proto == p {
			return p
		}
	}
	return strings.Clone(proto)
}

func hasPorts(proto string) bool {
	return proto == "TCP" || proto == "UDP" || proto == "SCTP" || proto == "UDPLITE"
}

// stamp reads the time from what comes before the prefix. The forms, each optionally after
// kubectl logs --timestamps' RFC 3339 stamp: dmesg "[21494.838771]", dmesg -T "[Sat Dec  5
// 19:08:51 2026]", dmesg --time-format iso "2026-12-05T19:08:51,838771+00:00", journalctl -k
// "Dec 05 19:08:51 host kernel:" (and -o short-iso, short-precise, short-monotonic), syslog
// "Dec  5 19:08:51 host kernel: [21494.838771]" or rsyslog's RFC 3339. The first date wins; words
// it does not know (host names, "kernel:") are skipped, so a header it cannot read is no time,
// not a bad line.
func (o Options) stamp(h string) Time {
	var t Time
	for {
		h = strings.TrimLeft(h, " \t")
		if h == "" {
			return t
		}
		if h[0] == '[' {
			end := strings.IndexByte(h, ']')
			if end < 0 {
				return t
			}
			inner := strings.TrimSpace(h[1:end])
			h = h[end+1:]
			if up, ok := uptime(inner); ok {
				t.Uptime, t.HasUptime = up, true
			} else if d, err := time.ParseInLocation("Mon Jan _2 15:04:05 2006", inner, o.Location); err == nil && t.At.IsZero() {
				t.At = d
			}
			continue
		}
		tok, rest, _ := strings.Cut(h, " ")
		h = rest
		if !t.At.IsZero() {
			continue
		}
		switch {
		case tok[0] >= '0' && tok[0] <= '9' && strings.IndexByte(tok, 'T') > 0:
			t.At = isoDate(tok)
		case len(tok) == 3 && month(tok):
			day, rest, _ := strings.Cut(strings.TrimLeft(h, " "), " ")
			clock, rest, _ := strings.Cut(rest, " ")
			d, err := time.ParseInLocation("Jan 2 15:04:05", tok+" "+day+" "+clock, o.Location)
			if err == nil {
				h = rest
				t.At = time.Date(o.Year, d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), d.Nanosecond(), o.Location)
			}
		}
	}
}

// isoDate reads RFC 3339 (kubectl, rsyslog, dmesg's comma too) or journalctl's short-iso "+0000".
func isoDate(s string) time.Time {
	if d, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return d
	}
	if d, err := time.Parse("2006-01-02T15:04:05.999999999-0700", s); err == nil {
		return d
	}
	return time.Time{}
}

func month(s string) bool {
	switch s {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// uptime reads "21494.838771" exactly (no float rounding).
func uptime(s string) (time.Duration, bool) {
	sec, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseUint(sec, 10, 32)
	if err != nil || len(frac) > 9 {
		return 0, false
	}
	ns := uint64(0)
	if frac != "" {
		f, err := strconv.ParseUint(frac, 10, 32)
		if err != nil {
			return 0, false
		}
		ns = f
		for range 9 - len(frac) {
			ns *= 10
		}
	}
	return time.Duration(n)*time.Second + time.Duration(ns), true
}
