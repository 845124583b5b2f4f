// Command netiso is netiso's build-time and operator CLI: it validates rules, compiles them into
// the webhook's ConfigMap, writes the destination NetworkPolicies, explains a service, draws the
// call graph and discovers rules from Kubernetes manifests. See docs/cli.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/rules"
)

// Exit codes: 1 for bad input or a failure, 2 for a command line netiso does not understand (and 3
// for a change netiso diff was asked to refuse, a call flows found ungranted, or drift status found).
const (
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		printError(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}

// run executes one command line. Errors are returned, never printed: main prints them once.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := newRootCmd(stdin, stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = usageError{err} // cobra's own, made before any command runs
	}
	return err
}

func exitCode(err error) int {
	var usage usageError
	var gate gateError
	switch {
	case errors.As(err, &usage):
		return exitUsage
	case errors.As(err, &gate):
		return exitGate
	}
	return exitFailure
}

// printError prints rules problems one a line, each naming its file and service, then a count;
// any other error on one line.
func printError(w io.Writer, err error) {
	var problems rules.Errors
	var usage usageError
	if !errors.As(err, &usage) && errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(w, p)
		}
		fmt.Fprintf(w, "netiso: %d %s in the rules\n", len(problems), plural.Of(len(problems), "problem", "problems"))
		return
	}
	fmt.Fprintf(w, "netiso: %v\n", err)
	if errors.As(err, &usage) {
		fmt.Fprintln(w, "Run 'netiso --help' for usage.")
	}
}

// usageError is a command line netiso does not understand (as opposed to bad input it does).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }
