package flowlog

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkRead: a million kernel log lines (nine in ten LOG lines of 2,000 flows, the rest other
// messages), parsed and counted. Reported: lines/s and allocations per line.
func BenchmarkRead(b *testing.B) {
	const lines = 1_000_000
	var buf bytes.Buffer
	for i := range lines {
		if i%10 == 9 {
			fmt.Fprintf(&buf, "[%6d.%06d] eth0: renamed from veth%d\n", i/1000, i%1000, i)
			continue
		}
		fmt.Fprintf(&buf, "[%6d.%06d] calico-packet: IN=cali%x OUT=cali%x MAC=5a:80:1d:3b:71:86:2e:7b:06:04:51:47:08:00 "+
			"SRC=10.1.%d.%d DST=10.2.%d.%d LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=%d DF PROTO=TCP SPT=%d DPT=%d WINDOW=64240 RES=0x00 SYN URGP=0 \n",
			i/1000, i%1000, i%50, (i/50)%8, i%50/10, i%10, (i/50)%8, (i/50)%8, i%65536, 30000+i%30000, 8080+(i/400)%5)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var l *Log
	for b.Loop() {
		l = NewLog()
		if err := l.Read(bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if l.Lines != lines || l.Matched != lines*9/10 || l.Bad != 0 {
		b.Fatalf("lines %d, matched %d, bad %d", l.Lines, l.Matched, l.Bad)
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(len(l.Flows())), "flows")
}
