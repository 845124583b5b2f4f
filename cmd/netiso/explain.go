package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func newExplainCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var namespace string
	output := newFormat("text", "text", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "explain RULES... SERVICE",
		Short: "Explain a service: what it may call, who may call it, its labels and policies",
		Long: `explain shows, for one service: what it may call (by name and by type) with the exact label
keys, shortened forms included; who may call it; the exact managed labels the webhook gives its
pods (in --namespace, or in each namespace it runs in); its own policies; and the policies of
other services that admit its pods.`,
		Example: `  netiso explain examples/online-boutique/rules.yaml checkoutservice --service-label app
  netiso explain rules/ service.ledger --namespace bank -o json`,
		Args: args(2, "rules files or rule trees, then a service name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			paths, service := args[:len(args)-1], args[len(args)-1]
			c, err := loadRules(paths, *labels)
			if err != nil {
				return err
			}
			e, err := policy.Explain(c, service, namespace, opts)
			if err != nil {
				return err
			}
			var data []byte
			switch output.value {
			case "json":
				data, err = json.MarshalIndent(e, "", "  ")
				data = append(data, '\n')
			case "yaml":
				data, err = yaml.Marshal(e)
			default:
				data = []byte(e.Text())
			}
			if err != nil {
				return fmt.Errorf("encode explanation: %w", err)
			}
			_, err = s.out.Write(data)
			return err
		},
	}
	f := cmd.Flags()
	policyFlags(f, &opts)
	f.StringVar(&namespace, "namespace", "", "show the labels of the service's pods in this namespace (default: each namespace it runs in)")
	f.VarP(output, "output", "o", "output format: text, yaml or json")
	return cmd
}
