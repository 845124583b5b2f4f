package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

// streams are where a command reads and writes; tests run commands in-process with buffers.
type streams struct {
	in          io.Reader
	out, errOut io.Writer
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	s := streams{in: stdin, out: stdout, errOut: stderr}
	labels := rules.DefaultOptions()
	root := &cobra.Command{
		Use:   "netiso",
		Short: "Zero-trust pod networking from a callee allow-list",
		Long: `netiso turns rules (what each service may call, kept with the callers and reviewed like code)
into the webhook's rules ConfigMap and the destination NetworkPolicies, and explains, draws and
discovers them. RULES are rules documents (YAML or JSON) or rule trees (<caller>/egress/<callee>.rule).`,
		SilenceErrors: true, // main prints the error, once
		SilenceUsage:  true, // bad input is not a usage problem: do not bury the error under help
		CompletionOptions: cobra.CompletionOptions{
			DisableDefaultCmd: true,
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&labels.EgressPrefix, "egress-prefix", rules.DefaultEgressPrefix, "prefix of the per-callee labels (the webhook's --egress-prefix)")
	pf.StringVar(&labels.EgressTypePrefix, "egress-type-prefix", rules.DefaultEgressTypePrefix, "prefix of the per-type labels (the webhook's --egress-type-prefix)")

	root.AddCommand(
		newValidateCmd(s, &labels),
		newCompileCmd(s, &labels),
		newPoliciesCmd(s, &labels),
		newExplainCmd(s, &labels),
		newGraphCmd(s, &labels),
		newDiscoverCmd(s),
	)
	return root
}

// loadRules reads and compiles rules as the webhook does: every problem at once.
func loadRules(paths []string, labels rules.Options) (*rules.Compiled, error) {
	doc, err := rules.Load(paths...)
	if err != nil {
		return nil, err
	}
	return rules.Compile(doc, labels)
}

// args checks positional arguments; a wrong count is a usage error.
func args(atLeast int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < atLeast {
			return usageError{fmt.Errorf("%s: want %s", cmd.CommandPath(), what)}
		}
		return nil
	}
}

// policyFlags are the flags of the commands that write or name policies.
func policyFlags(fs *pflag.FlagSet, o *policy.Options) {
	*o = policy.DefaultOptions()
	fs.StringVar(&o.ServiceLabel, "service-label", o.ServiceLabel, "the identity label: its value names a pod's service (the webhook's --service-label)")
	fs.StringVar(&o.NetisoNamespace, "netiso-namespace", o.NetisoNamespace, "the webhook's namespace: exempt like kube-system, so never admitted as a source")
	fs.StringVar(&o.DefaultNamespace, "default-namespace", o.DefaultNamespace, "where the policy of a service with no namespaces goes")
}

// format is an output format flag limited to some values.
type format struct {
	value   string
	allowed []string
}

func (f *format) String() string { return f.value }
func (f *format) Type() string   { return "format" }
func (f *format) Set(v string) error {
	if !slices.Contains(f.allowed, v) {
		return fmt.Errorf("%q: want one of %s", v, strings.Join(f.allowed, ", "))
	}
	f.value = v
	return nil
}

func newFormat(def string, allowed ...string) *format { return &format{value: def, allowed: allowed} }

// write writes data to path, or to out when path is empty or "-".
func write(out io.Writer, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := out.Write(data)
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
