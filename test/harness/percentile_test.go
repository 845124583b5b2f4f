package harness

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = ms(float64(i + 1)) // 1 ms ... 100 ms
	}
	cases := map[string]struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		"none":                   {nil, 99, 0},
		"one value, p50":         {[]time.Duration{ms(7)}, 50, ms(7)},
		"one value, p99":         {[]time.Duration{ms(7)}, 99, ms(7)},
		"p50 of 1..100":          {hundred, 50, ms(50)},
		"p90 of 1..100":          {hundred, 90, ms(90)},
		"p99 of 1..100":          {hundred, 99, ms(99)},
		"max is p100":            {hundred, 100, ms(100)},
		"nearest rank rounds up": {[]time.Duration{ms(1), ms(2), ms(3)}, 50, ms(2)},
		"p99 of 3 is the max":    {[]time.Duration{ms(1), ms(2), ms(3)}, 99, ms(3)},
		"tiny p is the min":      {hundred, 0.001, ms(1)},
		"p99 of 1000 skips the top 10": {func() []time.Duration {
			s := make([]time.Duration, 1000)
			for i := range s {
				s[i] = time.Duration(i + 1)
			}
			return s
		}(), 99, 990},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := Percentile(tc.sorted, tc.p); got != tc.want {
				t.Errorf("Percentile(%d values, %v) = %v, want %v", len(tc.sorted), tc.p, got, tc.want)
			}
		})
	}
}
func ms(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }
