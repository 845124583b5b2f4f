package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/flowlog"
	"github.com/netiso/netiso/pkg/flowreview"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

func newFlowsCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts policy.Options
	var k kube
	var podsFile, writeFile string
	var failOnUngranted bool
	logOpts := flowlog.Options{Prefix: flowlog.DefaultPrefix}
	output := newFormat("text", "text", "markdown", "json")
	cmd := &cobra.Command{
		Use:   "flows RULES [LOG ...]",
		Short: "Turn the audit policies' log (what enforcing would drop) into a rules review and a rules change",
		Long: `flows reads the lines Calico's audit policies (netiso policies --audit) log for every flow
that enforcing the rules would drop: iptables LOG lines with Felix's log prefix (--log-prefix,
Felix's logPrefix, default calico-packet), as dmesg (with -T or --time-format iso too),
journalctl -k, /var/log/kern.log or kubectl logs --timestamps print them. LOG is a file, or - (or
nothing) for stdin; lines without the prefix are skipped, lines with it but not a LOG line's fields
are counted as bad. It names each address by the pod that has it, from --pods (kubectl get pods -A
-o yaml, or -o json) or from the cluster (--kubeconfig, --context), and the pod's service by
--service-label. A pod's address may have been another pod's when the line was logged: take the
snapshot while the log is fresh.

It reports, over the log's window:
  NOT GRANTED         caller -> callee calls the rules do not grant, with ports, lines, first
                      and last seen: each is proposed (+) unless it crosses a zone boundary (!)
  NEEDS A DECISION    ports the callee does not admit, and zone boundaries: never proposed
  NOT NAMEABLE        addresses netiso cannot name, and why (no pod, no service label, a service
                      not in the rules, a namespace the service may not run in)
  LOGGED THOUGH GRANTED  granted calls logged anyway: their pods lacked the labels
  GRANTED, NOT SEEN   granted links with no line in the window: a hint to recertify, not proof
and then the proposed change (the rules plus the + calls) exactly as netiso diff reports it.
--write FILE writes the proposed rules, so that netiso diff RULES FILE shows the same change.
--fail-on-ungranted exits 3 after the report when a call is not granted.

Dates: journalctl's and syslog's short stamps have no year (this year is assumed) and, like
dmesg -T's, no zone (UTC is assumed). Plain dmesg has only seconds since boot ("uptime").`,
		Example: `  # on a node (or: kubectl debug node/NODE -it --profile=sysadmin --image=busybox -- chroot /host dmesg --time-format iso)
  dmesg --time-format iso > node-1.log
  kubectl get pods -A -o yaml > pods.yaml
  netiso flows rules/ node-*.log --pods pods.yaml --service-label app

  journalctl -k --since -7d | netiso flows rules/ - --context prod --write rules/proposed.yaml
  netiso diff rules/ rules/proposed.yaml
  netiso flows rules/ node-*.log --pods pods.yaml -o markdown --fail-on-ungranted > review.md`,
		Args: args(1, "RULES, then LOG files (or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPolicyFlags(opts); err != nil {
				return err
			}
			if podsFile != "" && (k.kubeconfig != "" || k.context != "") {
				return usageError{fmt.Errorf("%s: give one of --pods and --kubeconfig/--context", cmd.CommandPath())}
			}
			if logOpts.Prefix == "" {
				return usageError{fmt.Errorf("%s: --log-prefix is empty", cmd.CommandPath())}
			}
			logs := args[1:]
			if len(logs) == 0 {
				logs = []string{"-"}
			}
			if writeFile == "-" {
				return usageError{fmt.Errorf("%s: --write wants a file: the report is on stdout", cmd.CommandPath())}
			}
			if args[0] == "-" && slices.Contains(logs, "-") {
				return usageError{fmt.Errorf("%s: stdin (-) can be the rules or the log, not both", cmd.CommandPath())}
			}
			c, err := loadRules(s, args[:1], *labels)
			if err != nil {
				return err
			}
			var pods []flowreview.Pod
			switch {
			case podsFile != "":
				pods, err = podsFromFile(podsFile)
			default:
				pods, err = k.addressedPods(cmd.Context())
			}
			if err != nil {
				return err
			}
			logOpts.Year = time.Now().Year()
			log := flowlog.NewLog()
			if err := readLogs(s.in, logs, log, logOpts); err != nil {
				return err
			}
			review, err := flowreview.Compute(c, log, pods, opts)
			if err != nil {
				return err
			}
			if writeFile != "" {
				header := fmt.Sprintf("# Proposed by netiso flows: rules %s plus %d %s seen in the audit log. Review before use.\n",
					c.Hash(), len(review.Change.LinksOpened), plural.Of(len(review.Change.LinksOpened), "call", "calls"))
				data, err := rulesYAML(review.Proposed, header, nil)
				if err != nil {
					return err
				}
				if err := write(s.out, writeFile, data); err != nil {
					return err
				}
			}
			var data []byte
			switch output.value {
			case "json":
				if data, err = json.MarshalIndent(review, "", "  "); err != nil {
					return err
				}
				data = append(data, '\n')
			case "markdown":
				data = []byte(review.Markdown())
			default:
				data = []byte(review.Text())
			}
			if _, err := s.out.Write(data); err != nil {
				return err
			}
			if failOnUngranted && len(review.Ungranted) > 0 {
				return gateError{fmt.Errorf("%d %s not granted by the rules (--fail-on-ungranted)", len(review.Ungranted), plural.Of(len(review.Ungranted), "call", "calls"))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	policyFlags(f, &opts)
	f.StringVar(&podsFile, "pods", "", "name addresses by the pods in this file: kubectl get pods -A -o yaml (or -o json)")
	f.StringVar(&k.kubeconfig, "kubeconfig", "", "name addresses by the pods in this cluster (kubeconfig file; default: $KUBECONFIG, then ~/.kube/config)")
	f.StringVar(&k.context, "context", "", "with the current kubeconfig: name addresses by the pods in this context's cluster")
	f.StringVar(&logOpts.Prefix, "log-prefix", flowlog.DefaultPrefix, "the LOG prefix of the audit policies' lines (Felix's logPrefix)")
	f.StringVar(&writeFile, "write", "", "write the proposed rules (the rules plus the calls proposed) to this file")
	f.BoolVar(&failOnUngranted, "fail-on-ungranted", false, "exit 3, after the report, when the log has a call the rules do not grant")
	f.VarP(output, "output", "o", "output format: text, markdown or json")
	return cmd
}

// readLogs reads each log into l; "-" is stdin.
func readLogs(stdin io.Reader, paths []string, l *flowlog.Log, o flowlog.Options) error {
	for _, p := range paths {
		if p == "-" {
			if err := l.Read(stdin, o); err != nil {
				return fmt.Errorf("read stdin: %w", err)
			}
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("read the log: %w", err)
		}
		err = l.Read(f, o)
		f.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
	}
	return nil
}

// podList is what kubectl get pods -o yaml writes: a v1 List (or a PodList) of pods.
type podList struct {
	APIVersion string       `json:"apiVersion"`
	Kind       string       `json:"kind"`
	Items      []corev1.Pod `json:"items"`
}

// podsFromFile reads a pods snapshot.
func podsFromFile(path string) ([]flowreview.Pod, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the pods: %w", err)
	}
	var list podList
	if err := yaml.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s: not a List of pods: %w", path, err)
	}
	if list.Kind != "List" && list.Kind != "PodList" {
		return nil, fmt.Errorf("%s: a %q, not a List of pods (kubectl get pods -A -o yaml writes one)", path, list.Kind)
	}
	var out []flowreview.Pod
	for i, p := range list.Items {
		if p.Kind != "" && p.Kind != "Pod" {
			return nil, fmt.Errorf("%s: item %d is a %q, not a Pod", path, i+1, p.Kind)
		}
		if pod, ok := addressed(&p); ok {
			out = append(out, pod)
		}
	}
	return out, nil
}

// addressed is a pod that an address names: running (or about to), not on the host's network.
func addressed(p *corev1.Pod) (flowreview.Pod, bool) {
	if p.Spec.HostNetwork || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		return flowreview.Pod{}, false
	}
	var ips []netip.Addr
	for _, s := range append([]corev1.PodIP{{IP: p.Status.PodIP}}, p.Status.PodIPs...) {
		if a, err := netip.ParseAddr(s.IP); err == nil {
			ips = append(ips, a)
		}
	}
	if len(ips) == 0 {
		return flowreview.Pod{}, false
	}
	return flowreview.Pod{Namespace: p.Namespace, Name: p.Name, Labels: p.Labels, IPs: ips}, true
}

// addressedPods lists the cluster's pods that an address names.
func (k *kube) addressedPods(ctx context.Context) ([]flowreview.Pod, error) {
	if k.kubeconfig == "" && k.context == "" && os.Getenv("KUBECONFIG") == "" {
		if _, err := os.Stat(clientcmd.RecommendedHomeFile); err != nil {
			return nil, usageError{errors.New("no pods to name addresses by: give --pods FILE, or --kubeconfig/--context")}
		}
	}
	var out []flowreview.Pod
	err := k.eachPod(ctx, "", func(p *corev1.Pod) {
		if pod, ok := addressed(p); ok {
			out = append(out, pod)
		}
	})
	return out, err
}
