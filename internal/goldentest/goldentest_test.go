package goldentest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// recorder is a testing.TB that keeps the errors NoStale reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatal(a ...any) { r.errs = append(r.errs, fmt.Sprint(a...)) }

func TestNoStale(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.dot", "b.dot", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	glob := filepath.Join(dir, "*.dot")
	a, b := filepath.Join(dir, "a.dot"), filepath.Join(dir, "b.dot")
	for name, tc := range map[string]struct {
		want  []string
		stale []string
	}{
		"every file has its case": {want: []string{a, b}},
		"b.dot has none":          {want: []string{a}, stale: []string{b}},
		"a case without a file":   {want: []string{a, b, filepath.Join(dir, "d.dot")}},
	} {
		t.Run(name, func(t *testing.T) {
			r := &recorder{}
			NoStale(r, glob, tc.want)
			if len(r.errs) != len(tc.stale) {
				t.Fatalf("errors %q, want one for each of %q", r.errs, tc.stale)
			}
			for i, f := range tc.stale {
				if !slices.ContainsFunc(r.errs[i:i+1], func(e string) bool { return len(e) > len(f) && e[:len(f)] == f }) {
					t.Errorf("error %q does not name %s", r.errs[i], f)
				}
			}
		})
	}
}
