package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a server the load test started; stop ends it.
type process struct {
	name string
	log  string // its stdout and stderr
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited
	err  error         // why it exited, once done
}

// startProcess runs bin with args, its output to logPath. The child is killed if this process dies
// without stopping it (Linux), so that an interrupted run leaves no server behind.
func startProcess(name, logPath, bin string, args ...string) (*process, error) {
	out, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &process{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		_ = out.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// stop asks the process to end (SIGTERM), and kills it if it has not within 10 s.
func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// exited is an error saying the process ended, with the end of its log, or nil while it runs.
func (p *process) exited() error {
	select {
	case <-p.done:
		status := "exit status 0"
		if p.err != nil {
			status = p.err.Error()
		}
		return fmt.Errorf("%s exited (%s); the end of its log:\n%s", p.name, status, tail(p.log, 20))
	default:
		return nil
	}
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// waitFor polls ready every 50 ms until it returns nil, the process exits, ctx ends or timeout passes.
func (p *process) waitFor(ctx context.Context, timeout time.Duration, ready func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		err := ready(ctx)
		if err == nil {
			return nil
		}
		if perr := p.exited(); perr != nil {
			return perr
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %s: %w; see %s", p.name, timeout, err, p.log)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// httpOK is a readiness check: GET url answers 200.
func httpOK(url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		drain(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", url, resp.Status)
		}
		return nil
	}
}

// freeAddr returns a loopback address with a port nobody listens on right now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// buildWebhook builds cmd/webhook into dir, as `make build` does, and returns its path.
func buildWebhook(ctx context.Context, dir string) (string, error) {
	bin := dir + "/webhook"
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", bin, "github.com/netiso/netiso/cmd/webhook")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/webhook: %w\n%s", err, out)
	}
	return bin, nil
}

// memory is a process's resident set, in bytes, from /proc/PID/status: now (VmRSS) and its peak
// since it started (VmHWM).
type memory struct{ RSS, HWM uint64 }

func readMemory(pid int) (memory, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	return parseStatus(data)
}

// parseStatus reads VmRSS and VmHWM from the text of /proc/PID/status.
func parseStatus(data []byte) (memory, error) {
	var m memory
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || key != "VmRSS" && key != "VmHWM" {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return memory{}, fmt.Errorf("%s: unexpected %q", key, value)
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil {
			return memory{}, fmt.Errorf("%s: %w", key, err)
		}
		if key == "VmRSS" {
			m.RSS = kb << 10
		} else {
			m.HWM = kb << 10
		}
		found++
	}
	if found != 2 {
		return memory{}, errors.New("no VmRSS and VmHWM in /proc/PID/status")
	}
	return m, nil
}

// rssSampler records the largest VmRSS of some processes, sampled every 100 ms, since it was last
// taken: the peak of a phase of the run, which VmHWM (the peak since start, start-up included)
// cannot tell.
type rssSampler struct {
	mu   sync.Mutex
	peak map[int]uint64
}

func sampleRSS(ctx context.Context, pids ...int) *rssSampler {
	s := &rssSampler{peak: map[int]uint64{}}
	go func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			for _, pid := range pids {
				if m, err := readMemory(pid); err == nil {
					s.mu.Lock()
					s.peak[pid] = max(s.peak[pid], m.RSS)
					s.mu.Unlock()
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// take returns the peak RSS of pid since the last take, and starts over.
func (s *rssSampler) take(pid int) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.peak[pid]
	delete(s.peak, pid)
	return p
}

// clockTicks is USER_HZ, the unit of the CPU times in /proc/PID/stat: 100 on every Linux
// architecture Go runs on.
const clockTicks = 100

// cpuTime is the CPU time (user and system) a process has used so far, from /proc/PID/stat.
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStat(data)
}

// parseStat reads utime and stime (fields 14 and 15) from the text of /proc/PID/stat. The command
// name, field 2, is in parentheses and may hold spaces and parentheses: fields count from the last ')'.
func parseStat(data []byte) (time.Duration, error) {
	end := bytes.LastIndexByte(data, ')')
	if end < 0 {
		return 0, errors.New("/proc/PID/stat: no command name")
	}
	fields := strings.Fields(string(data[end+1:])) // from field 3, the state
	if len(fields) < 13 {
		return 0, errors.New("/proc/PID/stat: too few fields")
	}
	var ticks uint64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/PID/stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// cpuMeter measures the CPU time the server of a target and this process use over a stretch.
type cpuMeter struct {
	server, self int
	s0, c0       time.Duration
}

func startCPU(server int) *cpuMeter {
	m := &cpuMeter{server: server, self: os.Getpid()}
	m.s0, _ = cpuTime(m.server)
	m.c0, _ = cpuTime(m.self)
	return m
}

// stop returns the CPU time the server and this process used since start.
func (m *cpuMeter) stop() (server, self time.Duration) {
	s1, _ := cpuTime(m.server)
	c1, _ := cpuTime(m.self)
	return s1 - m.s0, c1 - m.c0
}
