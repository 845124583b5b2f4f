package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/replica"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/status"
)

func newStatusCmd(s streams, labels *rules.Options) *cobra.Command {
	var k kube
	var namespace, webhookConfiguration string
	output := newFormat("text", "text", "json")
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Say whether netiso is healthy and the cluster isolated: replicas, pods' labels, policies",
		Long: `status reads the cluster (--kubeconfig, --context: kubectl's rules) and judges it against what
netiso serves:

  REPLICAS            each webhook replica's rules version, mode and policy stage, as the replica
                      records it on its own pod (annotation netiso.dev/serving); every replica must
                      serve the version the rules ConfigMap holds
  EXEMPT NAMESPACES   the namespaces the webhook does not see (its configuration's namespaceSelector,
                      netiso's own, kube-system, kube-node-lease, netiso.dev/exempt=true)
  PODS                in the other namespaces, the pods whose managed labels are not their grant
                      under the rules in force (the webhook's own decision), each with why: forged
                      (it carries labels netiso did not give it), stale_rules, relabel_pending,
                      not_labelled, labels_removed; and why its grant is what it is (granted,
                      no_identity_label, unknown_service, namespace_not_allowed,
                      identity_not_proven). Pods whose grant needs an image signature are not
                      judged: only the webhook verifies signatures.
  AUDIT FINDINGS      in audit mode, the same pods are what enforce mode would change: reported,
                      not drift
  NETWORKPOLICIES     in the enforce stage, netiso's policies missing, changed (spec, labels) or
                      extra against what the rules compile to (netiso policies); a gone
                      destination's policy kept closed while its pods run is reported, not drift

The replicas' records give the identity label, the label prefixes, the rules ConfigMap, the webhook
configuration and the policies' options: status needs no flag to match the chart. While a rules
change is moving pods' labels (seconds; the policy owner's label wait at most), pods and policies
show as drift.

Exit codes: 0 healthy; 3 drift (a replica serving other rules or none, a pod whose labels are not
its grant, a policy missing or drifted, the webhook configuration gone); 1 the cluster could not be
read; 2 a command line status does not understand.`,
		Example: `  netiso status --kubeconfig ~/.kube/config
  netiso status --context prod --format json | jq '.pods.differ[] | select(.cause == "forged")'
  netiso status --namespace netiso-system || page-the-platform-team   # 3: drift`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args)}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkLabelFlags(*labels); err != nil {
				return err
			}
			c, err := k.status(cmd.Context(), namespace, webhookConfiguration, *labels)
			if err != nil {
				return err
			}
			report := status.Compute(c)
			var data []byte
			switch output.value {
			case "json":
				if data, err = json.MarshalIndent(report, "", "  "); err != nil {
					return err
				}
				data = append(data, '\n')
			default:
				data = []byte(report.Text())
			}
			if _, err := s.out.Write(data); err != nil {
				return err
			}
			if !report.Healthy {
				return gateError{fmt.Errorf("drift: %s", strings.Join(report.Drift, "; "))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	k.flags(f)
	f.Lookup("rules-configmap").Usage = "the rules ConfigMap, NAMESPACE/NAME (default: the one the replicas read)"
	f.StringVarP(&namespace, "namespace", "n", policy.DefaultNetisoNamespace, "netiso's namespace, where its replicas run")
	f.StringVar(&webhookConfiguration, "webhook-configuration", "", "netiso's MutatingWebhookConfiguration (default: the replicas' --owner-webhook-configuration, else netiso)")
	f.VarP(output, "format", "o", "output format: text or json")
	return cmd
}

// status reads what status.Compute judges. Failing to reach the cluster is an error; rules that
// cannot be read or compiled are a finding.
func (k *kube) status(ctx context.Context, namespace, webhookName string, labels rules.Options) (status.Cluster, error) {
	c, err := k.connect()
	if err != nil {
		return status.Cluster{}, err
	}
	out := status.Cluster{Namespace: namespace}
	nss, err := c.CoreV1().Namespaces().List(ctx, metav1.ListOptions{})
	if err != nil {
		return out, fmt.Errorf("listing namespaces: %w", err)
	}
	for _, ns := range nss.Items {
		out.Namespaces = append(out.Namespaces, status.Namespace{Name: ns.Name, Labels: ns.Labels})
	}

	own, err := c.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return out, fmt.Errorf("listing netiso's pods in %s: %w", namespace, err)
	}
	// The first replica by name is the one status.Compute judges by when they disagree.
	var first *replica.Record
	firstName := ""
	for _, p := range own.Items {
		v, ok := p.Annotations[replica.Annotation]
		if !ok || p.DeletionTimestamp != nil || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			continue
		}
		rep := status.Replica{Pod: p.Name}
		if rec, err := replica.Decode(v); err != nil {
			rep.Problem = err.Error()
		} else {
			rep.Record = &rec
			if first == nil || p.Name < firstName {
				first, firstName = &rec, p.Name
			}
		}
		out.Replicas = append(out.Replicas, rep)
	}

	// The rules and the webhook configuration the replicas name, unless the flags say otherwise.
	if first != nil {
		if k.rulesConfigMap == "" {
			k.rulesConfigMap = first.RulesConfigMap
		}
		if webhookName == "" {
			webhookName = first.WebhookConfiguration
		}
		labels.EgressPrefix, labels.EgressTypePrefix = first.EgressPrefix, first.EgressTypePrefix
	}
	out.WebhookName = webhookName
	if out.WebhookName == "" {
		out.WebhookName = "netiso"
	}
	out.RulesSource = "configmap/" + k.rulesConfigMap
	if k.rulesConfigMap == "" {
		out.RulesSource, out.RulesProblem = "", "no rules ConfigMap: no replica names one (give --rules-configmap)"
	} else if out.Rules, err = k.rules(ctx, labels); err != nil {
		var u usageError
		if errors.As(err, &u) {
			return out, err
		}
		out.RulesProblem = err.Error()
	}

	mwc, err := c.AdmissionregistrationV1().MutatingWebhookConfigurations().Get(ctx, out.WebhookName, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
	case err != nil:
		return out, fmt.Errorf("reading the webhook configuration: %w", err)
	default:
		out.Webhook = mwc
	}

	err = k.eachPod(ctx, "", func(p *corev1.Pod) {
		if p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			return // it runs nothing: its labels open nothing
		}
		out.Pods = append(out.Pods, status.Pod{Namespace: p.Namespace, Name: p.Name, Labels: p.Labels, Annotations: p.Annotations, Spec: &p.Spec})
	})
	if err != nil {
		return out, err
	}

	nps, err := c.NetworkingV1().NetworkPolicies("").List(ctx, metav1.ListOptions{LabelSelector: policy.ManagedByLabel + "=" + policy.ManagedBy})
	if err != nil {
		return out, fmt.Errorf("listing netiso's NetworkPolicies: %w", err)
	}
	for i := range nps.Items {
		out.Policies = append(out.Policies, &nps.Items[i])
	}
	return out, nil
}
