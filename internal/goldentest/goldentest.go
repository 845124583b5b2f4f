// Package goldentest holds what the golden-file tests share: the check that no golden file is
// left without the case that writes it, since UPDATE_GOLDEN=1 only ever writes files, never
// removes one, and a stale file would go on looking like a tested expectation.
package goldentest

import (
	"path/filepath"
	"slices"
	"testing"
)

// NoStale fails t for every file matching glob that is not in want (paths as the glob returns them).
func NoStale(t testing.TB, glob string, want []string) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !slices.Contains(want, f) {
			t.Errorf("%s is a golden file without a case: remove it, or add its case", f)
		}
	}
}
