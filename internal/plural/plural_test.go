package plural

import "testing"

func TestOf(t *testing.T) {
	for n, want := range map[int]string{0: "files", 1: "file", 2: "files"} {
		if got := Of(n, "file", "files"); got != want {
			t.Errorf("Of(%d) = %q, want %q", n, got, want)
		}
	}
}
