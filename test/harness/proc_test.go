package harness

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// The readers agree with what this very process is doing: it burns CPU, holds memory, and its own
// executable is found.
func TestProcReaders(t *testing.T) {
	before, err := CPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Spin until the kernel has counted some of it: on a loaded machine that may take a while, so
	// the bound is generous and only a CPU figure that never moves fails.
	after := before
	for start := time.Now(); after == before && time.Since(start) < 20*time.Second; {
		for i := 0; i < 1e7; i++ {
			_ = i * i
		}
		if after, err = CPU(os.Getpid()); err != nil {
			t.Fatal(err)
		}
	}
	if after <= before {
		t.Errorf("CPU did not rise (%s) over up to 20 s of spinning", after)
	}
	rss, peak, err := Memory(os.Getpid())
	if err != nil || rss <= 0 || peak < rss {
		t.Errorf("Memory = %d, %d, %v", rss, peak, err)
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep(1)")
	}
	child := exec.Command(sleep, "5")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
	if pid, err := FindChild(sleep); err != nil || pid != child.Process.Pid {
		t.Errorf("FindChild(%s) = %d, %v; want %d", sleep, pid, err, child.Process.Pid)
	}
	if _, err := FindChild("/nonexistent"); err == nil {
		t.Error("FindChild found a process for a missing file")
	}
}

func TestSum(t *testing.T) {
	exp := `netiso_admissions_total{operation="UPDATE",reason="granted",result="patched"} 3
netiso_admissions_total{operation="UPDATE",reason="granted",result="allowed"} 2
netiso_admissions_total{operation="CREATE",reason="granted",result="patched"} 7
netiso_reconcile_pods_pending 4
`
	if got := Sum(exp, "netiso_admissions_total", `operation="UPDATE"`); got != 5 {
		t.Errorf("UPDATE admissions %v, want 5", got)
	}
	if got := Sum(exp, "netiso_admissions_total"); got != 12 {
		t.Errorf("all admissions %v, want 12", got)
	}
	if got := Counter(exp, "netiso_reconcile_pods_pending"); got != 4 {
		t.Errorf("pending %v, want 4", got)
	}
}
