package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/explain"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func newExplainCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var namespace, pod, podFile string
	var asked []string
	var k kube
	var dns func() error // set with the flags
	output := newFormat("text", "text", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "explain [RULES...] (SERVICE | --pod NAMESPACE/NAME | --pod-file FILE)",
		Short: "Explain a service, or why a live pod has or lacks each managed label",
		Long: `explain shows, for one service: what it may call (by name and by type) with the exact label
keys, shortened forms included; who may call it; the exact managed labels the webhook gives its
pods (in --namespace, or in each namespace it runs in); its own policies; and the policies of
other services that admit its pods.

With --pod (read from the cluster) or --pod-file (a pod as YAML or JSON, - for stdin), it explains a
running pod instead: which rules version labelled it and whether that is the one in force, and for
each managed label it carries or is granted (and each --label asked about) whether the rules grant
it, by which rule, and why the pod has it or lacks it. When identity anchors apply to its service
(its own identity:, or its namespace's identityDefaults), it shows each and whether the pod meets
it: its ServiceAccount, each container's image repository and digest; signatures are not checked
by explain (the webhook verifies them against the registry). A pod that fails an anchor gets no
egress label: its state is identity-not-proven. --rules-configmap reads the rules the webhook
serves, instead of files.`,
		Example: `  netiso explain examples/online-boutique/rules.yaml checkoutservice --service-label app
  netiso explain rules/ service.ledger --namespace bank -o json
  netiso explain --rules-configmap netiso-system/netiso-rules --pod shop/frontend-7c9b5d8f4-x2x9z --service-label app
  kubectl get pod -n shop frontend-7c9b5d8f4-x2x9z -o yaml | netiso explain rules.yaml --pod-file - --label egress.netiso.dev/paymentservice`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := dns(); err != nil {
				return err
			}
			live := pod != "" || podFile != ""
			if pod != "" && podFile != "" {
				return usageError{fmt.Errorf("%s: give one of --pod and --pod-file", cmd.CommandPath())}
			}
			paths := args
			var service string
			if !live {
				if len(args) < 2 && (len(args) == 0 || k.rulesConfigMap == "") {
					return usageError{fmt.Errorf("%s: want rules files or rule trees, then a service name", cmd.CommandPath())}
				}
				paths, service = args[:len(args)-1], args[len(args)-1]
			}
			if err := checkPolicyFlags(opts); err != nil {
				return err
			}
			if podFile == "-" && slices.Contains(paths, "-") {
				return usageError{fmt.Errorf("%s: stdin (-) given both for the rules and for --pod-file", cmd.CommandPath())}
			}
			if len(asked) > 0 && !live {
				return usageError{fmt.Errorf("%s: --label asks about a pod: give --pod or --pod-file", cmd.CommandPath())}
			}
			c, err := explainRules(s, cmd, paths, &k, *labels)
			if err != nil {
				return err
			}
			var e interface{ Text() string }
			if live {
				var p explain.Pod
				if pod != "" {
					p, err = k.pod(cmd.Context(), pod)
				} else {
					p, err = podFromFile(s.in, podFile)
				}
				if err != nil {
					return err
				}
				e, err = explain.ExplainPod(c, p, asked, opts)
			} else {
				e, err = explain.Explain(c, service, namespace, opts)
				err = notInRules(err, c, service)
			}
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
	dns = dnsFlags(f, &opts)
	f.StringVar(&namespace, "namespace", "", "show the labels of the service's pods in this namespace (default: each namespace it runs in)")
	f.StringVar(&pod, "pod", "", "explain this pod's labels, NAMESPACE/NAME, read from the cluster")
	f.StringVar(&podFile, "pod-file", "", "explain the labels of the pod in this file (YAML or JSON, as kubectl get -o yaml writes it; - for stdin)")
	f.StringArrayVar(&asked, "label", nil, "with --pod or --pod-file: also explain this managed label key, which the pod may lack (repeatable)")
	k.flags(f)
	f.VarP(output, "output", "o", "output format: text, yaml or json")
	return cmd
}

// explainRules reads the rules from files, or from the cluster's ConfigMap: one of the two.
func explainRules(s streams, cmd *cobra.Command, paths []string, k *kube, labels rules.Options) (*rules.Compiled, error) {
	switch {
	case k.rulesConfigMap != "" && len(paths) > 0:
		return nil, usageError{fmt.Errorf("%s: give rules files or --rules-configmap, not both", cmd.CommandPath())}
	case k.rulesConfigMap != "":
		return k.rules(cmd.Context(), labels)
	case len(paths) == 0:
		return nil, usageError{fmt.Errorf("%s: want rules files or rule trees, or --rules-configmap", cmd.CommandPath())}
	default:
		return loadRules(s, paths, labels)
	}
}

// podFromFile reads a pod manifest; its namespace's labels are unknown.
func podFromFile(stdin io.Reader, path string) (explain.Pod, error) {
	data, err := readInput(stdin, path, "the pod")
	if err != nil {
		return explain.Pod{}, err
	}
	var obj corev1.Pod
	if err := yaml.Unmarshal(data, &obj); err != nil {
		return explain.Pod{}, fmt.Errorf("%s: not a pod manifest: %w", path, err)
	}
	if obj.Kind != "Pod" {
		return explain.Pod{}, fmt.Errorf("%s: a %q, not a Pod (kubectl get pod NAME -o yaml writes one)", path, obj.Kind)
	}
	if obj.Namespace == "" {
		return explain.Pod{}, fmt.Errorf("%s: the pod has no metadata.namespace, and its labels depend on it", path)
	}
	return explain.Pod{Namespace: obj.Namespace, Name: obj.Name, Labels: obj.Labels, Annotations: obj.Annotations, Spec: &obj.Spec}, nil
}
