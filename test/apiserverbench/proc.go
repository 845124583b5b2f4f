package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// childProcess is the pid of this process's one child running exe: envtest's kube-apiserver and
// etcd, which envtest does not expose. harness.FindProcess wants the only one on the machine; on a
// machine shared with other suites there may be several, and only our child is ours to measure.
func childProcess(exe string) (int, error) {
	want, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return 0, err
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, err
	}
	self := os.Getpid()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if got, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err != nil || got != want {
			continue
		}
		if parent(pid) == self {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no child of ours runs %s", exe)
}

// parent is a process's parent pid, from /proc/<pid>/stat (the field after the state), 0 if unknown.
func parent(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}
