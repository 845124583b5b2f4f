package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func newPoliciesCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var audit bool
	var dns func() error // set with the flags
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

Zones are held by namespace as well as by label: a zone member's policy admits only pods that
carry its label AND run in one of the zone's namespaces (kubernetes.io/metadata.name, which no pod
can forge), and each zone namespace gets netiso-zone-Z, an egress policy that lets its pods reach
only the zone's namespaces and the cluster DNS (--dns-namespace, --dns-pod-label, --dns-port, on
UDP and TCP; --dns-namespace "" lets no DNS through).

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
			if err := dns(); err != nil {
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
	dns = dnsFlags(f, &opts)
	f.BoolVar(&audit, "audit", false, "write Calico policies that log and allow what would be dropped, instead of enforcing")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	f.Var(output, "format", "yaml (a --- separated stream) or json (a v1 List)")
	return cmd
}

// dnsFlags are the flags of the cluster DNS that zone egress policies let through; the function
// returned sets the pod label from its flag, once flags are parsed.
func dnsFlags(f *pflag.FlagSet, o *policy.Options) func() error {
	var podLabel string
	f.StringVar(&o.DNSNamespace, "dns-namespace", policy.DefaultDNSNamespace, `the cluster DNS's namespace, which zone egress policies let through; "" lets no DNS through`)
	f.StringVar(&podLabel, "dns-pod-label", policy.DefaultDNSPodLabel, `the cluster DNS pods' label, key=value; "" for every pod of --dns-namespace`)
	f.Int32Var(&o.DNSPort, "dns-port", policy.DefaultDNSPort, "the cluster DNS pods' port, let through on UDP and TCP")
	return func() error {
		var err error
		if o.DNSPodLabels, err = policy.ParseDNSPodLabel(podLabel); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// encodeList writes objects as a YAML stream, or as a JSON v1 List.
func encodeList[T any](objs []T, format string) ([]byte, error) {
	if format == "json" {
		return policy.JSON(objs)
	}
	return policy.YAML(objs)
}
