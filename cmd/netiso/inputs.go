package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/netiso/netiso/pkg/rules"
)

// Rules inputs. Each argument is one of:
//   - a file: a rules document (YAML or JSON), or a rules ConfigMap manifest (what compile writes,
//     or kubectl get -o yaml), its document as text or gzipped, read as the webhook reads it;
//   - "-": the same, from stdin (once);
//   - a directory: every *.yaml, *.yml and *.json in it, recursively, and rule trees: a
//     subdirectory holding egress/ or service.yaml (or nothing) is one service of a tree, and
//     zones.yaml and identity.yaml beside such subdirectories are the tree's.
// Every problem of every input is reported together, each naming its file.

// ruleDocExts are the files a directory's documents are read from.
var ruleDocExts = []string{".yaml", ".yml", ".json"}

// maxDirDepth bounds the walk, so a symbolic link to a parent cannot loop it.
const maxDirDepth = 32

// stdinName names stdin in messages.
const stdinName = "<stdin>"

// inputs reads rules arguments; stdin is read at most once.
type inputs struct {
	stdin     io.Reader
	stdinUsed bool
}

// load reads every argument and merges them into one document.
func (in *inputs) load(paths []string) (*rules.Document, error) {
	if len(paths) == 0 {
		return nil, usageError{errors.New("no rules given")}
	}
	var docs []*rules.Document
	var errs rules.Errors
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		if p == "-" {
			if in.stdinUsed {
				return nil, usageError{errors.New(`"-" (stdin) given twice`)}
			}
			in.stdinUsed = true
			data, err := io.ReadAll(in.stdin)
			if err != nil {
				return nil, fmt.Errorf("read stdin: %w", err)
			}
			doc, err := parseRulesFile(stdinName, data)
			docs, errs = collect(docs, errs, doc, err, stdinName)
			continue
		}
		if seen[filepath.Clean(p)] {
			continue // the same file twice is not two definitions
		}
		seen[filepath.Clean(p)] = true
		info, err := os.Stat(p)
		if err != nil {
			docs, errs = collect(docs, errs, nil, err, p)
			continue
		}
		if info.IsDir() {
			ds, derrs := loadDir(p, 0)
			docs, errs = append(docs, ds...), append(errs, derrs...)
			continue
		}
		doc, err := loadFile(p)
		docs, errs = collect(docs, errs, doc, err, p)
	}
	if len(errs) > 0 {
		return nil, sortErrors(errs)
	}
	return rules.Merge(docs...), nil
}

func collect(docs []*rules.Document, errs rules.Errors, doc *rules.Document, err error, file string) ([]*rules.Document, rules.Errors) {
	if err != nil {
		return docs, append(errs, asErrors(err, file)...)
	}
	return append(docs, doc), errs
}

func loadFile(p string) (*rules.Document, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return parseRulesFile(p, data)
}

// parseRulesFile reads a rules document or a rules ConfigMap manifest.
func parseRulesFile(name string, data []byte) (*rules.Document, error) {
	if rules.IsConfigMapManifest(data) {
		return rules.ParseManifest(name, data)
	}
	return rules.Parse(name, data)
}

// loadDir reads a directory: its documents, its subdirectories of documents, and the services of
// the rule tree it may be the root of.
func loadDir(dir string, depth int) ([]*rules.Document, rules.Errors) {
	if depth > maxDirDepth {
		return nil, rules.Errors{{File: dir, Problem: fmt.Sprintf("more than %d directories deep (a link to a parent?)", maxDirDepth)}}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, asErrors(err, dir)
	}
	var docs []*rules.Document
	var errs rules.Errors
	tree := map[string]bool{}
	var treeFiles []string // zones.yaml and identity.yaml: the tree's if the directory is one's root
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if ignoredName(name) {
			continue
		}
		info, err := os.Stat(p) // follows links: a mounted ConfigMap's files are links
		if err != nil {
			errs = append(errs, asErrors(err, p)...)
			continue
		}
		switch {
		case info.IsDir() && isTreeService(p):
			tree[name] = true
		case info.IsDir():
			ds, derrs := loadDir(p, depth+1)
			docs, errs = append(docs, ds...), append(errs, derrs...)
		case rules.IsTreeFile(name):
			treeFiles = append(treeFiles, name)
		case slices.Contains(ruleDocExts, strings.ToLower(filepath.Ext(name))):
			doc, err := loadFile(p)
			docs, errs = collect(docs, errs, doc, err, p)
		default:
			errs = append(errs, &rules.Error{File: p, Problem: "not a rules document (*.yaml, *.yml, *.json) nor in a rule tree (<caller>/egress/<callee>.rule)"})
		}
	}
	for _, name := range treeFiles {
		if len(tree) > 0 {
			tree[name] = true
			continue
		}
		doc, err := loadFile(filepath.Join(dir, name)) // no tree here: a rules document of that name
		docs, errs = collect(docs, errs, doc, err, filepath.Join(dir, name))
	}
	if len(tree) > 0 {
		doc, err := rules.ReadTree(onlyEntries{os.DirFS(dir).(fs.ReadDirFS), tree}, dir)
		docs, errs = collect(docs, errs, doc, err, dir)
	}
	if len(docs) == 0 && len(errs) == 0 && depth == 0 {
		errs = append(errs, &rules.Error{File: dir, Problem: "no rules: no *.yaml, *.yml or *.json, and no rule tree (<caller>/egress/<callee>.rule)"})
	}
	return docs, errs
}

// isTreeService: a directory holding egress/ or service.yaml, or nothing (a service of a rule tree
// that calls nothing).
func isTreeService(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true // ReadTree names the error
	}
	empty := true
	for _, e := range entries {
		switch {
		case ignoredName(e.Name()):
		case e.Name() == "egress" || e.Name() == "service.yaml":
			return true
		default:
			empty = false
		}
	}
	return empty
}

// ignoredName is rules.ReadTree's rule: dotfiles, README and README.*, in any case.
func ignoredName(name string) bool {
	upper := strings.ToUpper(name)
	return strings.HasPrefix(name, ".") || upper == "README" || strings.HasPrefix(upper, "README.")
}

// onlyEntries is a directory whose top level shows only some entries: the services of a rule
// tree that shares its directory with rules documents.
type onlyEntries struct {
	fs.ReadDirFS
	keep map[string]bool
}

func (o onlyEntries) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := o.ReadDirFS.ReadDir(name)
	if err != nil || name != "." {
		return entries, err
	}
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return !o.keep[e.Name()] }), nil
}

func (o onlyEntries) ReadFile(name string) ([]byte, error) { return fs.ReadFile(o.ReadDirFS, name) }

// asErrors turns any error into rules problems, naming file when the error does not.
func asErrors(err error, file string) rules.Errors {
	var es rules.Errors
	var e *rules.Error
	var pe *fs.PathError
	switch {
	case errors.As(err, &es):
		return es
	case errors.As(err, &e):
		return rules.Errors{e}
	case errors.As(err, &pe):
		return rules.Errors{{File: file, Problem: pe.Err.Error()}}
	default:
		return rules.Errors{{File: file, Problem: err.Error()}}
	}
}

// sortErrors orders problems by file then service, as rules.Load does.
func sortErrors(es rules.Errors) rules.Errors {
	slices.SortStableFunc(es, func(a, b *rules.Error) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return strings.Compare(a.Service, b.Service)
	})
	return es
}
