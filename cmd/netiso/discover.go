package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netiso/netiso/pkg/discover"
)

func newDiscoverCmd(s streams) *cobra.Command {
	opts := discover.DefaultOptions()
	var out string
	var strict bool
	output := newFormat("yaml", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "discover MANIFESTS...",
		Short: "Write rules from the calls Kubernetes manifests show",
		Long: `discover reads Kubernetes manifests (multi-document YAML; "-" reads stdin) and, for each
workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod), finds the Services
its containers name in env values, args, command and the ConfigMaps they read through envFrom or
valueFrom: svc, svc:port, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, and URLs
(http://svc:port/path, grpc://..., redis://...). A bare svc counts only as a whole value.

Each reference to a Service in the manifests becomes a call to the workloads it selects, named
by --service-label, on the pod port the Service port targets. References to Services that are not
there, or to ports they do not expose, are reported on stderr, never written as rules. Workloads
behind a LoadBalancer or NodePort Service or an Ingress are public.

--format yaml writes the rules document; --format json a report: the rules, every link with where
it was found, and every finding.`,
		Example: `  netiso discover testdata/online-boutique/kubernetes-manifests.yaml --service-label app -o rules.yaml
  helm template shop ./chart | netiso discover - --format json`,
		Args: args(1, "at least one manifest file (or - for stdin)"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			var files []discover.File
			for _, p := range paths {
				data, err := readInput(s.in, p, "manifests")
				if err != nil {
					return err
				}
				files = append(files, discover.File{Name: p, Data: data})
			}
			res, err := discover.Discover(files, opts)
			if err != nil {
				return err
			}
			problems := 0
			for _, f := range res.Findings {
				fmt.Fprintf(s.errOut, "netiso: discover: %s\n", f)
				if f.Kind.IsProblem() {
					problems++
				}
			}
			var data []byte
			if output.value == "json" {
				if data, err = json.MarshalIndent(res, "", "  "); err != nil {
					return fmt.Errorf("encode report: %w", err)
				}
				data = append(data, '\n')
			} else if data, err = rulesYAML(res.Rules, "# Discovered by netiso discover from "+strings.Join(paths, ", ")+": review before use.\n"); err != nil {
				return err
			}
			if err := write(s.out, out, data); err != nil {
				return err
			}
			if strict && problems > 0 {
				return fmt.Errorf("%d %s in the manifests (--strict)", problems, plural(problems, "reference names something that is not there", "references name something that is not there"))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ServiceLabel, "service-label", opts.ServiceLabel, "the pod-template label whose value names a service")
	f.StringVar(&opts.DefaultNamespace, "default-namespace", opts.DefaultNamespace, "the namespace of objects that name none")
	f.BoolVar(&strict, "strict", false, "exit 1 when a reference names a missing Service or port")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	f.Var(output, "format", "yaml (the rules) or json (a report: rules, links, findings)")
	return cmd
}

// readInput reads path, or stdin for "-"; what names the input in an error.
func readInput(stdin io.Reader, path, what string) ([]byte, error) {
	if path == "-" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	return data, nil
}
