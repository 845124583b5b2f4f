package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/discover"
	"github.com/netiso/netiso/pkg/discover/source"
	"github.com/netiso/netiso/pkg/rules"
)

func newDiscoverCmd(s streams, labels *rules.Options) *cobra.Command {
	opts := discover.DefaultOptions()
	opts.Limits = source.DefaultLimits()
	var out string
	var strict bool
	var zones string
	var sourceFlags, sourcesDirs, protoDirs []string
	output := newFormat("yaml", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "discover [MANIFESTS...] [--source NAME=DIR]... [--sources DIR]...",
		Short: "Write rules from the calls Kubernetes manifests and the services' code show",
		Long: `discover reads Kubernetes manifests (files, directories of *.yaml, *.yml and *.json, or "-"
for stdin) and the services' own source trees, and writes the rules they imply.

From the manifests, for each workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
CronJob, Pod): the Services its containers name in env values, args, command and the ConfigMaps
they read: svc, svc:port, svc.ns, svc.ns.svc[.cluster.local], and URLs. A bare svc counts only as
a whole value.

From a service's source tree (--source NAME=DIR, or --sources DIR: each subdirectory is the tree
of the service named like it), in any language: addresses in string literals and config values
(URLs, svc:port, DSNs such as tcp(svc:3306), ${var:svc} defaults, host-like keys such as
host: "svc" or Hostname("svc")), the env vars the manifests bind to an address and the code
reads, and gRPC client stubs (Go NewXClient, Java XGrpc.newBlockingStub, C# X.XClient, Node
new pkg.X, Python XStub, and Kotlin's, Rust's, C++'s and Ruby's) matched to the tree that
registers X's server, X being a service of the .proto files found (in the trees and --protos).
Tests, docs, CI and compose files, and bare names, are weak evidence: reported, written only
with --include-weak. Vendored and generated code is not read.

From the manifests too, each service's identity anchors (its identity: in the rules): the
repositories of its containers' images (normalized as the webhook reads them: nginx is
index.docker.io/library/nginx) and the ServiceAccount its pods run as (when set and not default),
each with the file:line that shows it. An anchor one of the service's workloads would fail (an
image with no repository, or one workload on the default ServiceAccount) is not proposed, and
said. signedBy never is: the manifests do not say who builds the images.

Callers and callees are named by --service-label on pod templates; when no pod template has it,
it is inferred from the Services' selectors (said on stderr). Without manifests, services are the
trees. Findings go to stderr. --format yaml writes the rules, each call and anchor with a comment
naming its evidence; --format json the report: rules, links and anchors with all their evidence,
findings.`,
		Example: `  netiso discover testdata/online-boutique/kubernetes-manifests.yaml --sources testdata/online-boutique/src --protos testdata/online-boutique/protos
  netiso discover --sources testdata/online-boutique/src --protos testdata/online-boutique/protos --format json
  netiso discover testdata/sock-shop/manifests --sources testdata/sock-shop/src --include-weak
  helm template shop ./chart | netiso discover - --source web=./web`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			opts.ServiceLabelGiven = cmd.Flags().Changed("service-label")
			trees, err := sourceTrees(s.errOut, sourceFlags, sourcesDirs, protoDirs)
			if err != nil {
				return err
			}
			if len(paths) == 0 && len(sourceFlags) == 0 && len(sourcesDirs) == 0 {
				return usageError{errors.New("discover: want manifests (files, directories or -), --source or --sources")}
			}
			var files []discover.File
			for _, p := range paths {
				fs, err := readManifests(s.in, p)
				if err != nil {
					return err
				}
				files = append(files, fs...)
			}
			res, err := discover.Run(discover.Input{Manifests: files, Trees: trees}, opts)
			if err != nil {
				return err
			}
			if zones != "" {
				reviewed, err := loadRules(s, []string{zones}, *labels)
				if err != nil {
					return fmt.Errorf("--zones: %w", err)
				}
				res.ApplyZones(reviewed)
			}
			problems := 0
			for _, f := range res.Findings {
				fmt.Fprintf(s.errOut, "netiso: discover: %s\n", f)
				if f.Kind.IsProblem() {
					problems++
				}
			}
			if line := res.SourceSummary(); line != "" {
				fmt.Fprintf(s.errOut, "netiso: discover: %s\n", line)
			}
			var data []byte
			if output.value == "json" {
				if data, err = json.MarshalIndent(res, "", "  "); err != nil {
					return fmt.Errorf("encode report: %w", err)
				}
				data = append(data, '\n')
			} else {
				from := slices.Concat(paths, sourcesDirs)
				for _, v := range sourceFlags {
					_, dir, _ := strings.Cut(v, "=")
					from = append(from, dir)
				}
				if len(from) > 6 {
					from = append(from[:5], fmt.Sprintf("and %d more", len(from)-5))
				}
				header := "# Discovered by netiso discover from " + strings.Join(from, ", ") + ": review before use.\n"
				if data, err = rulesYAML(res.Rules, header, evidenceComments(res)); err != nil {
					return err
				}
			}
			if err := write(s.out, out, data); err != nil {
				return err
			}
			written := 0
			for _, svc := range res.Rules.Services {
				written += len(svc.Calls)
			}
			switch {
			case strict && problems > 0:
				return fmt.Errorf("%d %s in the manifests (--strict)", problems, plural.Of(problems, "reference names something that is not there", "references name something that is not there"))
			case strict && written == 0:
				return fmt.Errorf("no call discovered among %d %s (--strict): check --service-label, the manifests and the source trees", len(res.Rules.Services), plural.Of(len(res.Rules.Services), "service", "services"))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ServiceLabel, "service-label", opts.ServiceLabel, "the pod-template label whose value names a service (inferred from the Services' selectors when no pod template has it)")
	f.StringVar(&opts.DefaultNamespace, "default-namespace", opts.DefaultNamespace, "the namespace of objects that name none")
	f.StringArrayVar(&sourceFlags, "source", nil, "NAME=DIR: the source tree of service NAME (repeatable)")
	f.StringArrayVar(&sourcesDirs, "sources", nil, "DIR: each subdirectory is the source tree of the service named like it (repeatable)")
	f.StringArrayVar(&protoDirs, "protos", nil, "DIR: more .proto files, shared by the services (repeatable)")
	f.BoolVar(&opts.IncludeWeak, "include-weak", false, "also write calls seen only in weak evidence (bare names, tests, docs, CI and compose files)")
	f.Int64Var(&opts.Limits.FileBytes, "max-file-bytes", opts.Limits.FileBytes, "a source file larger than this is not read (reported)")
	f.Int64Var(&opts.Limits.TotalBytes, "max-total-bytes", opts.Limits.TotalBytes, "read at most this many bytes of source in all (the rest is reported)")
	f.StringVar(&zones, "zones", "", "RULES: reviewed rules whose zones apply: members get their zone and namespaces, and a discovered call across a zone's boundary is reported, not written")
	f.BoolVar(&strict, "strict", false, "exit 1 when a reference names a missing Service or port, or when no call is discovered")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	f.Var(output, "format", "yaml (the rules, with evidence comments) or json (a report: rules, links and their evidence, findings)")
	return cmd
}

// sourceTrees are the trees the flags name: --source NAME=DIR, every subdirectory of each
// --sources DIR (hidden ones and names that cannot be an identity skipped, with a warning), and
// each --protos DIR as a tree without a service.
func sourceTrees(errOut io.Writer, sourceFlags, sourcesDirs, protoDirs []string) ([]source.Tree, error) {
	var trees []source.Tree
	seen := map[string]string{}
	add := func(name, dir, flag string) error {
		if prev, ok := seen[name]; ok {
			return fmt.Errorf("%s: service %s has two source trees: %s and %s", flag, name, prev, dir)
		}
		seen[name] = dir
		trees = append(trees, source.Tree{Name: name, Dir: dir})
		return nil
	}
	for _, v := range sourceFlags {
		name, dir, ok := strings.Cut(v, "=")
		if !ok || name == "" || dir == "" {
			return nil, usageError{fmt.Errorf("--source %q: want NAME=DIR", v)}
		}
		if msgs := validation.IsValidLabelValue(name); len(msgs) > 0 {
			return nil, fmt.Errorf("--source %s: %q cannot be a service's identity: %s", v, name, strings.Join(msgs, "; "))
		}
		if err := isDir(dir); err != nil {
			return nil, fmt.Errorf("--source %s: %w", v, err)
		}
		if err := add(name, dir, "--source"); err != nil {
			return nil, err
		}
	}
	for _, root := range sourcesDirs {
		entries, err := os.ReadDir(root)
		if err != nil {
			return nil, fmt.Errorf("--sources %s: %w", root, unwrapPathError(err))
		}
		before := len(trees)
		for _, e := range entries {
			dir := filepath.Join(root, e.Name())
			if strings.HasPrefix(e.Name(), ".") || isDir(dir) != nil { // a link to a directory counts
				continue
			}
			if msgs := validation.IsValidLabelValue(e.Name()); len(msgs) > 0 {
				fmt.Fprintf(errOut, "netiso: discover: --sources %s: %q cannot be a service's identity (%s): skipped\n", root, e.Name(), strings.Join(msgs, "; "))
				continue
			}
			if prev, ok := seen[e.Name()]; ok {
				// A nested layout repeats names (src/a/components, src/b/components): when no
				// workload runs such a service the run need not stop; the first tree is read.
				fmt.Fprintf(errOut, "netiso: discover: --sources %s: %s is also %s: the second tree skipped\n", root, dir, prev)
				continue
			}
			if err := add(e.Name(), dir, "--sources "+root); err != nil {
				return nil, err
			}
		}
		if len(trees) == before {
			fmt.Fprintf(errOut, "netiso: discover: --sources %s: no subdirectory, so no source tree\n", root)
		}
	}
	for _, dir := range protoDirs {
		if err := isDir(dir); err != nil {
			return nil, fmt.Errorf("--protos %s: %w", dir, err)
		}
		trees = append(trees, source.Tree{Dir: dir})
	}
	return trees, nil
}

func isDir(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return unwrapPathError(err)
	}
	if !fi.IsDir() {
		return errors.New("not a directory")
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readManifests reads one manifests argument: "-" (stdin), a file, or a directory, whose *.yaml,
// *.yml and *.json files are read, recursively, in lexical order (symbolic links not followed).
func readManifests(stdin io.Reader, path string) ([]discover.File, error) {
	fi, err := os.Stat(path)
	if path == "-" || err != nil || !fi.IsDir() {
		data, err := readInput(stdin, path, "manifests")
		if err != nil {
			return nil, err
		}
		return []discover.File{{Name: path, Data: data}}, nil
	}
	var files []discover.File
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read manifests: %s: %w", p, unwrapPathError(err))
		}
		switch ext := strings.ToLower(filepath.Ext(p)); {
		case d.IsDir() && p != path && strings.HasPrefix(d.Name(), "."):
			return fs.SkipDir
		case !d.Type().IsRegular() || ext != ".yaml" && ext != ".yml" && ext != ".json":
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read manifests: %s: %w", p, unwrapPathError(err))
		}
		files = append(files, discover.File{Name: p, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read manifests: %s: no *.yaml, *.yml or *.json file in the directory", path)
	}
	return files, nil
}

// evidenceComments gives, for each written call and identity anchor, the comment that names its
// evidence: the strongest piece, and how many more there are.
func evidenceComments(res *discover.Result) func(service, field, value string) string {
	comments := map[[3]string]string{}
	for _, l := range res.Links {
		comments[[3]string{l.Caller, "calls", l.Callee}] = evidenceComment(l.Evidence)
	}
	for _, a := range res.Anchors {
		comments[[3]string{a.Service, a.Field, a.Value}] = evidenceComment(a.Evidence)
	}
	return func(service, field, value string) string { return comments[[3]string{service, field, value}] }
}

func evidenceComment(evidence []discover.Evidence) string {
	evs := slices.Clone(evidence)
	slices.SortStableFunc(evs, func(a, b discover.Evidence) int { return strengthOrder(a) - strengthOrder(b) })
	c := string(evs[0].Kind) + " " + evs[0].Where + ": " + evs[0].Text
	if evs[0].Weak != "" {
		c += " (weak: " + evs[0].Weak + ")"
	}
	if len(evs) > 1 {
		c += fmt.Sprintf(" (+%d more)", len(evs)-1)
	}
	return c
}

// strengthOrder puts strong evidence first, and among it code before manifests, gRPC first: the
// comment names what a reviewer can check fastest.
func strengthOrder(e discover.Evidence) int {
	n := slices.Index([]discover.EvidenceKind{discover.GRPC, discover.URL, discover.DSN, discover.HostPort, discover.ClusterName, discover.HostKey, discover.EnvDefault, discover.Manifest, discover.EnvRead}, e.Kind)
	if n < 0 {
		n = 10
	}
	if e.Weak != "" {
		n += 20
	}
	return n
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
