package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/rules"
)

// header opens every YAML rules document in these tests; cases write only their services.
const header = "apiVersion: netiso.dev/v1alpha1\nkind: Rules\nservices:\n"

// source is one rules file of a test case: its name and its services, in YAML under header.
type source struct {
	file     string
	services string
}

// parse reads one YAML rules document made of header and services, failing the test on error.
func parse(t testing.TB, file, services string) *rules.Document {
	t.Helper()
	doc, err := rules.Parse(file, []byte(header+services))
	if err != nil {
		t.Fatalf("Parse(%s): %v", file, err)
	}
	return doc
}

// parseAll parses every source and merges them, in order.
func parseAll(t testing.TB, srcs ...source) *rules.Document {
	t.Helper()
	docs := make([]*rules.Document, 0, len(srcs))
	for _, s := range srcs {
		docs = append(docs, parse(t, s.file, s.services))
	}
	return rules.Merge(docs...)
}

// compile compiles doc, failing the test on error.
func compile(t testing.TB, doc *rules.Document, opts rules.Options) *rules.Compiled {
	t.Helper()
	c, err := rules.Compile(doc, opts)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	if c == nil {
		t.Fatal("Compile returned nil rules and no error")
	}
	return c
}

// compileYAML parses and compiles one document with the default options.
func compileYAML(t testing.TB, services string) *rules.Compiled {
	t.Helper()
	return compile(t, parse(t, "rules.yaml", services), rules.DefaultOptions())
}

// asErrors returns the Errors inside err, failing the test when err is nil or of another type.
func asErrors(t testing.TB, err error) rules.Errors {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want rules.Errors")
	}
	var es rules.Errors
	if !errors.As(err, &es) {
		t.Fatalf("got error %T (%v), want rules.Errors", err, err)
	}
	if len(es) == 0 {
		t.Fatal("got empty rules.Errors as a non-nil error")
	}
	return es
}

// asError returns the *Error inside err, failing the test when err is nil or of another type.
func asError(t testing.TB, err error) *rules.Error {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want *rules.Error")
	}
	var e *rules.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %T (%v), want *rules.Error", err, err)
	}
	return e
}

// checkOneError: doc has exactly one problem, in file and service, its Problem containing problem;
// and Compile refuses doc with the same error.
func checkOneError(t *testing.T, doc *rules.Document, opts rules.Options, file, service, problem string) {
	t.Helper()
	err := rules.Validate(doc, opts)
	es := asErrors(t, err)
	if len(es) != 1 {
		t.Fatalf("got %d errors, want 1:\n%v", len(es), err)
	}
	e := es[0]
	if e.File != file || e.Service != service || !strings.Contains(e.Problem, problem) {
		t.Errorf("got File %q Service %q Problem %q\nwant File %q Service %q Problem containing %q",
			e.File, e.Service, e.Problem, file, service, problem)
	}
	c, cerr := rules.Compile(doc, opts)
	if c != nil {
		t.Error("Compile returned rules for an invalid document")
	}
	if cerr == nil || cerr.Error() != err.Error() {
		t.Errorf("Compile error %v, want the Validate error %v", cerr, err)
	}
}
