package app

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/go-logr/logr"
)

// cgroupMemoryMax is the container's memory limit under cgroup v2, as the process sees it.
const cgroupMemoryMax = "/sys/fs/cgroup/memory.max"

// setMemoryLimit gives the Go heap a soft limit of 90% of the container's memory limit, unless
// GOMEMLIMIT says otherwise. Without one the collector lets the heap double before it runs, and a
// burst (two rule sets alive during a reload, a rules document near its 64 MiB cap) could pass the
// container's limit and get the replica killed; with one it collects harder first. The other 10%
// is for what is not heap: stacks, the runtime, the binary.
func setMemoryLimit(log logr.Logger) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return // the runtime has read it
	}
	data, err := os.ReadFile(cgroupMemoryMax)
	if err != nil {
		return // no cgroup v2 limit to read: outside a container, or cgroup v1
	}
	if limit, ok := softLimit(string(data)); ok {
		debug.SetMemoryLimit(limit)
		log.Info("Go heap soft limit set from the container's memory limit", "bytes", limit, "containerLimit", strings.TrimSpace(string(data)))
	}
}

// softLimit is 90% of a cgroup v2 memory.max value; false for "max" (no limit) or anything unreadable.
func softLimit(memoryMax string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(memoryMax), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n / 10 * 9, true
}
