package flowlog

import (
	"bufio"
	"bytes"
	"cmp"
	"io"
	"maps"
	"slices"
)

// Stats are one flow's lines: how many, the first and the last.
type Stats struct {
	Count       int
	First, Last Time
}

// Log is what the lines read say, in memory that grows with the number of distinct flows, not of
// lines.
type Log struct {
	// Lines is every line read; Matched those with a flow; Bad those with the prefix but not a
	// LOG line's fields, and lines longer than MaxLine.
	Lines, Matched, Bad int
	// First and Last are the window of the matched lines.
	First, Last Time
	flows       map[Flow]Stats
}

// NewLog returns an empty log, to Read into.
func NewLog() *Log { return &Log{flows: map[Flow]Stats{}} }

// Add counts one matched line.
func (l *Log) Add(e Entry) {
	if l.Matched == 0 {
		l.First, l.Last = e.Time, e.Time
	} else {
		l.First, l.Last = Earliest(l.First, e.Time), Latest(l.Last, e.Time)
	}
	l.Matched++
	s, ok := l.flows[e.Flow]
	if !ok {
		s.First, s.Last = e.Time, e.Time
	} else {
		s.First, s.Last = Earliest(s.First, e.Time), Latest(s.Last, e.Time)
	}
	s.Count++
	l.flows[e.Flow] = s
}

// Read reads lines from r until it ends. Only r's errors are returned: a bad line is counted.
func (l *Log) Read(r io.Reader, o Options) error {
	o = o.withDefaults()
	prefix := []byte(o.Prefix)
	long := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(64<<10, o.MaxLine)), o.MaxLine)
	sc.Split(boundedLines(o.MaxLine, &long))
	for sc.Scan() {
		l.Lines++
		line := sc.Bytes()
		if !bytes.Contains(line, prefix) {
			continue // most of a kernel log: no copy for it
		}
		switch e, res := o.parse(string(line)); res {
		case Matched:
			l.Add(e)
		case Bad:
			l.Bad++
		}
	}
	l.Lines += long
	l.Bad += long
	return sc.Err()
}

// boundedLines is bufio.ScanLines, except that a line of maxLen bytes or more is dropped as it
// streams by and counted in long, where ScanLines would stop the scan with ErrTooLong.
func boundedLines(maxLen int, long *int) bufio.SplitFunc {
	skipping := false
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			if skipping {
				skipping = false
				return i + 1, nil, nil
			}
			return i + 1, bytes.TrimSuffix(data[:i], []byte{'\r'}), nil
		}
		switch {
		case atEOF && len(data) == 0:
			return 0, nil, nil
		case atEOF && skipping:
			skipping = false
			return len(data), nil, nil
		case atEOF:
			return len(data), bytes.TrimSuffix(data, []byte{'\r'}), nil
		case skipping:
			return len(data), nil, nil
		case len(data) >= maxLen:
			skipping = true
			*long++
			return len(data), nil, nil
		}
		return 0, nil, nil
	}
}

// FlowStats is one flow and its lines.
type FlowStats struct {
	Flow
	Stats
}

// Flows lists the distinct flows, by source, destination, protocol and port.
func (l *Log) Flows() []FlowStats {
	out := make([]FlowStats, 0, len(l.flows))
	for _, f := range slices.SortedFunc(maps.Keys(l.flows), compareFlows) {
		out = append(out, FlowStats{f, l.flows[f]})
	}
	return out
}

func compareFlows(a, b Flow) int {
	return cmp.Or(a.Src.Compare(b.Src), a.Dst.Compare(b.Dst), cmp.Compare(a.Proto, b.Proto), cmp.Compare(a.Port, b.Port))
}
