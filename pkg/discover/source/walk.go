// Package source reads services' source trees for what they say about whom they call, in any
// language, without building them: the string literals and config values (which may hold
// addresses), the environment variables the code reads, the gRPC client stubs it creates and the
// servers it registers, and the services its .proto files declare. Token patterns, not a type
// checker: a tree need not compile, or even be complete, to be read (see docs/cli.md, discover).
//
// ScanFile is pure; Read walks directories, bounded in what it reads.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// Tree is one service's source tree: the directory holding the code of the service Name.
type Tree struct {
	Name string `json:"name"`
	Dir  string `json:"dir"`
}

// Limits bound what Read reads.
type Limits struct {
	FileBytes  int64 // a larger file is not read (reported)
	TotalBytes int64 // over all trees: once read, the rest is not (reported)
}

// DefaultLimits: no source or config file worth reading is over 1 MiB, and 1 GiB is 1,500 trees of
// a good size.
func DefaultLimits() Limits { return Limits{FileBytes: 1 << 20, TotalBytes: 1 << 30} }

// Problem is a file or directory that could not be read as it should: reported, never fatal.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// Scanned is what one tree says.
type Scanned struct {
	Tree Tree `json:"tree"`
	Facts
	Problems []Problem      `json:"problems,omitempty"`
	Skipped  map[string]int `json:"skipped,omitempty"` // why -> how many files
	Files    int            `json:"files"`             // files read
	Bytes    int64          `json:"bytes"`             // bytes read
}

// Read scans the trees, in parallel, each file at most once. Symbolic links are not followed
// (a link can leave the tree or loop); special files are not opened. The result is in the order
// of trees.
func Read(trees []Tree, lim Limits) []Scanned {
	if lim.FileBytes <= 0 {
		lim.FileBytes = DefaultLimits().FileBytes
	}
	if lim.TotalBytes <= 0 {
		lim.TotalBytes = DefaultLimits().TotalBytes
	}
	out := make([]Scanned, len(trees))
	var budget atomic.Int64
	budget.Store(lim.TotalBytes)
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(trees))) {
		wg.Go(func() {
			for i := range work {
				out[i] = readTree(trees[i], lim.FileBytes, &budget)
			}
		})
	}
	for i := range trees {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

func readTree(t Tree, fileBytes int64, budget *atomic.Int64) Scanned {
	s := Scanned{Tree: t, Skipped: map[string]int{}}
	info, err := os.Stat(t.Dir)
	switch {
	case err != nil:
		s.Problems = append(s.Problems, Problem{Path: t.Dir, Message: fmt.Sprintf("cannot read the source tree: %v", err)})
	case !info.IsDir():
		s.Problems = append(s.Problems, Problem{Path: t.Dir, Message: "not a directory"})
	default:
		readFS(&s, os.DirFS(t.Dir), fileBytes, budget)
	}
	return s
}

// readFS reads the tree s.Tree from fsys, its root: every file at most once, none over fileBytes,
// and none once budget is spent. Problems name files by their path under the tree's directory.
func readFS(s *Scanned, fsys fs.FS, fileBytes int64, budget *atomic.Int64) {
	problem := func(rel, format string, args ...any) {
		s.Problems = append(s.Problems, Problem{Path: filepath.Join(s.Tree.Dir, filepath.FromSlash(rel)), Message: fmt.Sprintf(format, args...)})
	}
	exhausted := false
	err := fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			problem(rel, "cannot read: %v", unwrapPath(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			if rel != "." && skipDir(d.Name()) {
				s.Skipped["vendored, generated or build output directory"]++
				return fs.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			s.Skipped["symbolic link (not followed)"]++
			return nil
		case !d.Type().IsRegular():
			s.Skipped["not a regular file"]++
			return nil
		}
		if syn, _ := classify(rel); syn == skipFile {
			s.Skipped["not source or config (or vendored, generated, a lockfile)"]++
			return nil
		}
		if exhausted {
			s.Skipped["over the total read budget"]++
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			problem(rel, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if fi.Size() > fileBytes {
			problem(rel, "%d bytes, over the %d-byte limit for one file: not read", fi.Size(), fileBytes)
			return nil
		}
		if budget.Add(-fi.Size()) < 0 {
			exhausted = true
			problem(rel, "the total read budget is spent: this file and the rest of the tree not read")
			return nil
		}
		data, err := readFile(fsys, rel, fileBytes)
		if err != nil {
			problem(rel, "cannot read: %v", err)
			return nil
		}
		facts, why := ScanFile(rel, data)
		if why != "" {
			s.Skipped[why]++
			return nil
		}
		s.Files++
		s.Bytes += int64(len(data))
		s.add(facts)
		return nil
	})
	if err != nil {
		problem(".", "walk: %v", err)
	}
	sort.Slice(s.Problems, func(i, j int) bool { return s.Problems[i].Path < s.Problems[j].Path })
}

// readFile reads at most limit bytes: a file that grew since it was listed is refused, not read
// without end.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("over the %d-byte limit for one file", limit)
	}
	return data, nil
}

// unwrapPath drops the path an *fs.PathError repeats: reports name the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
