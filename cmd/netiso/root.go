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
	rules       *inputs // reads rules arguments from files, directories and in
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	s := streams{in: stdin, out: stdout, errOut: stderr, rules: &inputs{stdin: stdin}}
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
		newDiffCmd(s, &labels),
		newDiscoverCmd(s, &labels),
		newFlowsCmd(s, &labels),
		newStatusCmd(s, &labels),
	)
	return root
}

// loadRules reads and compiles rules as the webhook does: every problem at once. Bad label
// prefixes are a usage error, checked first: every label key would be wrong.
func loadRules(s streams, paths []string, labels rules.Options) (*rules.Compiled, error) {
	if err := checkLabelFlags(labels); err != nil {
		return nil, err
	}
	doc, err := s.rules.load(paths)
	if err != nil {
		return nil, err
	}
	return rules.Compile(doc, labels)
}

// checkLabelFlags refuses --egress-prefix and --egress-type-prefix values that rules.Compile would
// refuse (the one place that knows), as a usage error naming the flag.
func checkLabelFlags(labels rules.Options) error {
	compiles := func(o rules.Options) error {
		_, err := rules.Compile(&rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}, o)
		return err
	}
	return checkFlags(labels, rules.DefaultOptions(), compiles, []flagField[rules.Options]{
		{"--egress-prefix", func(o *rules.Options) *string { return &o.EgressPrefix }},
		{"--egress-type-prefix", func(o *rules.Options) *string { return &o.EgressTypePrefix }},
	})
}

// flagField is one flag's field in an options struct.
type flagField[O any] struct {
	flag  string
	field func(*O) *string
}

// checkFlags finds the flag to blame when check refuses opts: each flag's value alone on the
// defaults, then (for a problem of two flags together, such as equal prefixes) all of them.
func checkFlags[O any](opts, defaults O, check func(O) error, fields []flagField[O]) error {
	if check(opts) == nil {
		return nil
	}
	var names []string
	for _, f := range fields {
		one := defaults
		*f.field(&one) = *f.field(&opts)
		if err := check(one); err != nil {
			return usageError{fmt.Errorf("%s %q: %w", f.flag, *f.field(&opts), err)}
		}
		names = append(names, f.flag)
	}
	return usageError{fmt.Errorf("%s: %w", strings.Join(names, ", "), check(opts))}
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

// checkPolicyFlags refuses --service-label, --netiso-namespace and --default-namespace values that
// policy.Generate would refuse (the one place that knows), as a usage error naming the flag.
func checkPolicyFlags(o policy.Options) error {
	empty, err := rules.Compile(&rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind}, rules.DefaultOptions())
	if err != nil {
		return err
	}
	generates := func(o policy.Options) error {
		_, err := policy.Generate(empty, o)
		return err
	}
	return checkFlags(o, policy.DefaultOptions(), generates, []flagField[policy.Options]{
		{"--service-label", func(o *policy.Options) *string { return &o.ServiceLabel }},
		{"--netiso-namespace", func(o *policy.Options) *string { return &o.NetisoNamespace }},
		{"--default-namespace", func(o *policy.Options) *string { return &o.DefaultNamespace }},
	})
}

// notInRules adds "did you mean" to the error for a service the rules do not have.
func notInRules(err error, c *rules.Compiled, service string) error {
	if _, ok := c.Service(service); ok || err == nil || service == "" {
		return err
	}
	if s := rules.Suggest(service, c.Names()); len(s) > 0 {
		return fmt.Errorf("%w; did you mean %s?", err, quoteOr(s))
	}
	return err
}

// quoteOr writes "a", "b" or "c".
func quoteOr(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
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
