package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
)

// exitGate is the exit code of a diff that a --fail-on flag refuses: not bad input (1), not a
// usage error (2), so that CI can tell "the change is refused" from "the job is broken".
const exitGate = 3

// gateError is a change a --fail-on flag refuses; the report is already on stdout.
type gateError struct{ err error }

func (e gateError) Error() string { return e.err.Error() }

func newDiffCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var failOnOpen, failOnChange bool
	var k kube
	output := newFormat("text", "text", "markdown", "json")
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what a rules change opens and closes, relabels and re-policies",
		Long: `diff compares two versions of the rules (each a rules file, a directory, a compiled rules
ConfigMap, or - for stdin) and shows what the change does: the links (caller -> callee, by name,
through a type, or from anywhere to a public service) it opens and closes; the services whose
pods get other managed labels, key by key (the same diff the reconciler uses to relabel running
pods); namespaces and ports that change; and the destination NetworkPolicies that netiso policies
would add, change or remove. -o markdown writes a pull-request comment.

Identity anchors are shown first, as zones are: the services whose own identity changes, the
identity defaults that change (by namespace), and the builders added, removed or given another
key (KEY CHANGED, with both fingerprints and what trusts it). Each anchor change is marked loosened
(+: a pod that could not claim the service now can: an anchor removed, a serviceAccount or a
repository added, a wildcard widened, digests or signatures no longer required, a builder added
to signedBy) or tightened (-), judged in each namespace the service runs in, with the identity
defaults where it sets none.

With --kubeconfig (or --context) it also counts, per relabelled service, the running pods the
reconciler will update. It exits 0 whatever changed, unless --fail-on-open (the change opens a
link, a public service, a namespace or a port, loosens an identity anchor or changes a builder's
key) or --fail-on-change (it changes anything) refuses it: then it exits 3, after the report.`,
		Example: `  git show origin/main:rules/rules.yaml | netiso diff - rules/rules.yaml --fail-on-open
  git archive origin/main rules | tar -x -C /tmp/base && netiso diff /tmp/base/rules rules/ -o markdown > comment.md
  netiso diff rules-configmap.yaml rules/ --kubeconfig ~/.kube/config --service-label app`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError{fmt.Errorf("%s: want OLD and NEW rules, got %d %s", cmd.CommandPath(), len(args), plural.Of(len(args), "argument", "arguments"))}
			}
			if args[0] == "-" && args[1] == "-" {
				return usageError{fmt.Errorf("%s: stdin (-) can be OLD or NEW, not both", cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPolicyFlags(opts); err != nil {
				return err
			}
			old, err := loadRules(s, args[:1], *labels)
			if err != nil {
				return err
			}
			next, err := loadRules(s, args[1:], *labels)
			if err != nil {
				return err
			}
			report, err := rulediff.Compare(old, next, opts)
			if err != nil {
				return err
			}
			if k.kubeconfig != "" || k.context != "" {
				pods, err := k.servicePods(cmd.Context(), opts.ServiceLabel)
				if err != nil {
					return err
				}
				report.CountPods(pods)
			}
			var data []byte
			switch output.value {
			case "json":
				if data, err = json.MarshalIndent(report, "", "  "); err != nil {
					return err
				}
				data = append(data, '\n')
			case "markdown":
				data = []byte(report.Markdown())
			default:
				data = []byte(report.Text())
			}
			if _, err := s.out.Write(data); err != nil {
				return err
			}
			switch {
			case failOnOpen && report.Opens:
				return gateError{fmt.Errorf("the change %s (--fail-on-open)", report.Opening())}
			case failOnChange && !report.Empty():
				return gateError{errors.New("the change changes links, labels, policies or identities (--fail-on-change)")}
			}
			return nil
		},
	}
	f := cmd.Flags()
	policyFlags(f, &opts)
	f.BoolVar(&failOnOpen, "fail-on-open", false, "exit 3 when the change opens a link, a public service, a namespace or a port, loosens an identity anchor or changes a builder's key")
	f.BoolVar(&failOnChange, "fail-on-change", false, "exit 3 when the change changes any link, label or policy")
	f.StringVar(&k.kubeconfig, "kubeconfig", "", "count the running pods each relabelled service has in this cluster")
	f.StringVar(&k.context, "context", "", "with the current kubeconfig: count the running pods in this context's cluster")
	f.VarP(output, "output", "o", "output format: text, markdown or json")
	return cmd
}

// servicePods lists the pods that carry the identity label.
func (k *kube) servicePods(ctx context.Context, serviceLabel string) ([]rulediff.Pod, error) {
	var out []rulediff.Pod
	err := k.eachPod(ctx, serviceLabel, func(p *corev1.Pod) {
		if p.DeletionTimestamp == nil && p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
			out = append(out, rulediff.Pod{Namespace: p.Namespace, Service: p.Labels[serviceLabel]})
		}
	})
	return out, err
}
