package rules

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem in the rules, naming where it is so a reviewer can fix it.
type Error struct {
	File    string // the file that holds the problem; empty when it is not in a file
	Service string // the service it concerns; empty for document-level problems
	Problem string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Service != "" {
		b.WriteString("service ")
		b.WriteString(strconv.Quote(e.Service))
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// Errors is every problem found, so that one run of `netiso validate` lists them all.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so that errors.As finds the first *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err returns nil for no problems, and the problems in a stable order otherwise.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Service, b.Service))
	})
	return es
}
