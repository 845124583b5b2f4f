package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func newPoliciesCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var audit bool
	var out string
	output := newFormat("yaml", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "policies RULES...",
		Short: "Write the destination NetworkPolicies: one per service and namespace",
		Long: `policies writes, for each service S in each namespace it runs in (its namespaces, or
--default-namespace), one networking.k8s.io/v1 NetworkPolicy named netiso-S: S's pods admit
ingress on S's ports only from pods labelled egress.netiso.dev/S or egress-type.netiso.dev/<S's
type>, and only from namespaces the webhook covers (never kube-system, kube-node-lease, the
netiso namespace, or a namespace labelled netiso.dev/exempt=true, where labels are not policed).
A public service admits ingress from anywhere on its ports.

--default-deny adds netiso-default-deny-ingress to each of those namespaces. --audit writes Calico
projectcalico.org/v3 policies instead, which allow the same traffic and log, then allow, the
rest: deploy them first, read the logs, then enforce (see docs/cli.md).`,
		Example: `  netiso policies examples/online-boutique/rules.yaml --service-label app
  netiso policies rules/ --default-deny -o policies.yaml
  netiso policies rules/ --audit | kubectl apply -f -`,
		Args: args(1, "at least one rules file or rule tree"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := checkPolicyFlags(opts); err != nil {
				return err
			}
			c, err := loadRules(s, paths, *labels)
			if err != nil {
				return err
			}
			var data []byte
			if audit {
				ps, err := policy.Audit(c, opts)
				if err != nil {
					return fmt.Errorf("generate policies: %w", err)
				}
				data, err = encodeList(ps, output.value)
				if err != nil {
					return err
				}
			} else {
				ps, err := policy.Generate(c, opts)
				if err != nil {
					return fmt.Errorf("generate policies: %w", err)
				}
				data, err = encodeList(ps, output.value)
				if err != nil {
					return err
				}
			}
			return write(s.out, out, data)
		},
	}
	f := cmd.Flags()
	policyFlags(f, &opts)
	f.BoolVar(&opts.DefaultDeny, "default-deny", false, "also write a default-deny ingress policy per namespace")
	f.BoolVar(&audit, "audit", false, "write Calico policies that log and allow what would be dropped, instead of enforcing")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	f.Var(output, "format", "yaml (a --- separated stream) or json (a v1 List)")
	return cmd
}

// encodeList writes objects as a YAML stream, or as a JSON v1 List.
func encodeList[T any](objs []T, format string) ([]byte, error) {
	if format == "json" {
		return policy.JSON(objs)
	}
	return policy.YAML(objs)
}
