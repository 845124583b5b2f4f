package names

import (
	"os/exec"
	"strings"
	"testing"
)

// The package is a leaf: the CLI imports it for the names alone, so it must pull in nothing.
func TestImportsNothing(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) != 1 || deps[0] != "github.com/netiso/netiso/pkg/names" {
		t.Errorf("pkg/names depends on %v, want nothing", deps[:len(deps)-1])
	}
}
