package rulesource

import (
	"context"
	"fmt"
	"os"
	"time"
)

// File keeps a Store current from a rules file. It polls the file's size and modification time
// rather than using inotify, because a ConfigMap mounted as a volume is updated by swapping a
// symlink, which watches on the file itself miss.
type File struct {
	Path     string
	Interval time.Duration
	Store    *Store

	lastSize int64
	lastMod  time.Time
}

// Load reads the file once. At start-up an invalid file is an error: there are no last good rules.
func (f *File) Load() error {
	info, err := os.Stat(f.Path)
	if err != nil {
		return fmt.Errorf("rules file: %w", err)
	}
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return fmt.Errorf("rules file: %w", err)
	}
	f.lastSize, f.lastMod = info.Size(), info.ModTime()
	return f.Store.Apply(f.Path, data)
}

// NeedLeaderElection is false: every replica serves the webhook, so every replica keeps its rules
// current, elected or not (a controller-runtime LeaderElectionRunnable; without it the manager runs
// the poller on the elected replica alone). The ConfigMap source needs no such answer: its informer
// is the manager's cache, which every replica runs.
func (f *File) NeedLeaderElection() bool { return false }

// Start polls the file until ctx ends (a controller-runtime Runnable).
func (f *File) Start(ctx context.Context) error {
	t := time.NewTicker(f.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			f.poll()
		}
	}
}

func (f *File) poll() {
	info, err := os.Stat(f.Path)
	if err != nil {
		if f.lastSize >= 0 { // report a missing file once, not every tick
			f.Store.Fail(FailDeleted, f.Path, err)
			f.lastSize = -1
		}
		return
	}
	if info.Size() == f.lastSize && info.ModTime().Equal(f.lastMod) {
		return
	}
	f.lastSize, f.lastMod = info.Size(), info.ModTime()
	data, err := os.ReadFile(f.Path)
	if err != nil {
		f.Store.Fail(FailUnreadable, f.Path, err)
		return
	}
	_ = f.Store.Apply(f.Path, data) // logged and counted by the store
}
