package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

const (
	ruleExt = ".rule"
	// serviceFile optionally holds a tree service's other fields (namespaces, zone, type, ports, external...).
	serviceFile = "service.yaml"
	// zonesFile, at the top of a tree, optionally holds the tree's zones.
	zonesFile = "zones.yaml"
	// identityFile, at the top of a tree, optionally holds its builders and identity defaults.
	identityFile = "identity.yaml"
)

// ReadTree reads a Monzo-style rule tree: one file per link, <caller>/egress/<callee>.rule, the file
// itself empty or a comment. <caller>/service.yaml may hold the caller's other fields (identity
// included); at the top, zones.yaml the zones (a list under "zones:", as in a rules document) and
// identity.yaml the builders and identity defaults ("builders:" and "identityDefaults:", likewise).
// dir names the tree in error messages. Anything else in the tree is an error, so that no rule is
// lost to a misnamed file; dotfiles and READMEs are allowed.
func ReadTree(fsys fs.FS, dir string) (*Document, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, &Error{File: dir, Problem: err.Error()}
	}
	services := &Document{}
	parts := []*Document{services} // and each top file's part of the document
	addPart := func(part *Document, file string) {
		part.setSource(file)
		parts = append(parts, part)
	}
	var errs Errors
	for _, e := range entries {
		if ignored(e.Name()) {
			continue
		}
		where := path.Join(dir, e.Name())
		switch {
		case e.Name() == zonesFile && !e.IsDir():
			var part struct {
				Zones []Zone `json:"zones"`
			}
			errs = append(errs, readTopFile(fsys, e.Name(), where, &part)...)
			addPart(&Document{Zones: part.Zones}, where)
		case e.Name() == identityFile && !e.IsDir():
			var part struct {
				Builders         []Builder         `json:"builders"`
				IdentityDefaults []IdentityDefault `json:"identityDefaults"`
			}
			errs = append(errs, readTopFile(fsys, e.Name(), where, &part)...)
			addPart(&Document{Builders: part.Builders, IdentityDefaults: part.IdentityDefaults}, where)
		case !e.IsDir():
			errs = append(errs, &Error{File: where, Problem: "unexpected file in a rule tree: want <caller>/egress/<callee>.rule"})
		default:
			s, serrs := readTreeService(fsys, e.Name(), where)
			errs = append(errs, serrs...)
			services.Services = append(services.Services, s)
		}
	}
	doc := Merge(parts...)
	if len(doc.Services)+len(doc.Zones)+len(doc.Builders)+len(doc.IdentityDefaults) == 0 && len(errs) == 0 {
		errs = append(errs, &Error{File: dir, Problem: "no services: want <caller>/egress/<callee>.rule"})
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return doc, nil
}

func readTreeService(fsys fs.FS, name, where string) (Service, Errors) {
	s := Service{Name: name, Source: where, treeDir: where}
	var errs Errors
	entries, err := fs.ReadDir(fsys, name)
	if err != nil {
		return s, Errors{{File: where, Service: name, Problem: err.Error()}}
	}
	for _, e := range entries {
		file := path.Join(where, e.Name())
		switch {
		case ignored(e.Name()):
		case e.Name() == serviceFile && !e.IsDir():
			data, err := fs.ReadFile(fsys, path.Join(name, serviceFile))
			if err != nil {
				errs = append(errs, &Error{File: file, Service: name, Problem: err.Error()})
				continue
			}
			errs = append(errs, readServiceFile(data, file, &s)...)
		case e.Name() == "egress" && e.IsDir():
			calls, cerrs := readEgress(fsys, path.Join(name, "egress"), path.Join(where, "egress"), name)
			s.Calls = append(s.Calls, calls...)
			errs = append(errs, cerrs...)
		default:
			errs = append(errs, &Error{File: file, Service: name, Problem: "unexpected entry: want egress/<callee>.rule or " + serviceFile})
		}
	}
	return s, errs
}

// readServiceFile fills in a tree service's fields other than its name and calls, which are the
// tree's: its directory's name and its egress/ files.
func readServiceFile(data []byte, file string, s *Service) Errors {
	if blank(data) {
		return nil
	}
	var meta Service
	if err := decode(file, s.Name, data, &meta); err != nil {
		return asErrors(err, file)
	}
	var errs Errors
	for _, f := range []struct {
		field string
		set   bool
	}{{"name", meta.Name != ""}, {"calls", meta.Calls != nil}} {
		if f.set {
			errs = append(errs, &Error{File: file, Service: s.Name, Problem: fmt.Sprintf(
				"unknown field %q: in a rule tree a service's name is its directory's, its calls are egress/<callee>%s files", f.field, ruleExt)})
		}
	}
	meta.Name, meta.Calls, meta.Source, meta.treeDir = s.Name, s.Calls, s.Source, s.treeDir
	*s = meta
	return errs
}

// IsTreeFile reports whether name is a file a rule tree holds at its top besides its services:
// zones.yaml or identity.yaml, each a part of a rules document rather than a whole one.
func IsTreeFile(name string) bool { return name == zonesFile || name == identityFile }

// readTopFile decodes a file at the top of a tree, name (in fsys; file in messages), into part:
// strictly, as a rules document, so that an unknown field is reported with its path.
func readTopFile(fsys fs.FS, name, file string, part any) Errors {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Errors{{File: file, Problem: err.Error()}}
	}
	if blank(data) {
		return nil
	}
	if err := decode(file, "", data, part); err != nil {
		return asErrors(err, file)
	}
	return nil
}

// blank: a file of nothing but whitespace, comments and document markers holds no fields.
func blank(data []byte) bool {
	return len(bytes.TrimSpace(stripComments(data))) == 0
}

func readEgress(fsys fs.FS, dir, where, caller string) ([]string, Errors) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, Errors{{File: where, Service: caller, Problem: err.Error()}}
	}
	var calls []string
	var errs Errors
	for _, e := range entries {
		if ignored(e.Name()) {
			continue
		}
		callee, ok := strings.CutSuffix(e.Name(), ruleExt)
		if !ok || e.IsDir() || callee == "" {
			errs = append(errs, &Error{File: path.Join(where, e.Name()), Service: caller, Problem: "unexpected entry: want <callee>" + ruleExt})
			continue
		}
		calls = append(calls, callee)
	}
	return calls, errs
}

// ignored: dotfiles, README and README.*, in any case; never a service that merely starts "readme".
func ignored(name string) bool {
	upper := strings.ToUpper(name)
	return strings.HasPrefix(name, ".") || upper == "README" || strings.HasPrefix(upper, "README.")
}

// Load reads rules from files and rule trees (directories) and merges them into one document.
// Every file's problems are reported together.
func Load(paths ...string) (*Document, error) {
	if len(paths) == 0 {
		return nil, &Error{Problem: "no rules given"}
	}
	var docs []*Document
	var errs Errors
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		if seen[filepath.Clean(p)] {
			continue // the same file twice is not two definitions
		}
		seen[filepath.Clean(p)] = true
		doc, err := loadOne(p)
		if err != nil {
			errs = append(errs, asErrors(err, p)...)
			continue
		}
		docs = append(docs, doc)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return Merge(docs...), nil
}

func loadOne(p string) (*Document, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return ReadTree(os.DirFS(p), p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(p, data)
}

// asErrors turns any error into Errors, naming file when the error does not.
func asErrors(err error, file string) Errors {
	var (
		es Errors
		e  *Error
		pe *fs.PathError
	)
	switch {
	case errors.As(err, &es):
		return es
	case errors.As(err, &e):
		return Errors{e}
	case errors.As(err, &pe):
		return Errors{{File: file, Problem: pe.Err.Error()}}
	default:
		return Errors{{File: file, Problem: fmt.Sprint(err)}}
	}
}
