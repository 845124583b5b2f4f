package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netiso/netiso/pkg/graph"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/rulesview"
)

func newGraphCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts graph.Options
	var out, diffOld string
	output := newFormat("dot", "dot", "svg", "png", "html")
	cmd := &cobra.Command{
		Use:   "graph RULES...",
		Short: "Draw the call graph (DOT, or SVG/PNG through Graphviz)",
		Long: fmt.Sprintf(`graph draws who may call whom: services grouped by type, each zone a red cluster around its
members, public services with a double red border (and an edge from "anywhere"), calls granted
through callsTypes dashed. With more than
%d services (--summary-above) it draws a summary instead: types as nodes, link counts on the
edges, the %d heaviest callers on their own. --service draws one service's neighbourhood, the
services within --depth calls of it either way. --format svg or png needs Graphviz's dot.

--format html writes one self-contained page, for any number of services: search a service, see
its callers and callees (with their types, namespaces and zones) and go from one to the next; the
services grouped by namespace, zone or type. With --diff OLD it also marks the links the change
from OLD opens and closes (those of netiso diff OLD RULES) and lists them. --service opens the page
on that service. The page loads nothing from anywhere: it works offline.`, graph.DefaultSummaryAbove, graph.DefaultTopCallers),
		Example: `  netiso graph examples/online-boutique/rules.yaml --format svg -o boutique.svg
  netiso graph rules/ --service service.ledger --depth 2 | dot -Tpng > ledger.png
  netiso graph rules/ --format html -o rules.html
  git show origin/main:rules/rules.yaml | netiso graph rules/ --format html --diff - -o change.html`,
		Args: args(1, "at least one rules file or rule tree"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if diffOld != "" && output.value != "html" {
				return usageError{fmt.Errorf("%s: --diff needs --format html", cmd.CommandPath())}
			}
			if diffOld == "-" && slices.Contains(paths, "-") {
				return usageError{fmt.Errorf("%s: stdin (-) can be RULES or --diff, not both", cmd.CommandPath())}
			}
			c, err := loadRules(s, paths, *labels)
			if err != nil {
				return err
			}
			if output.value == "html" {
				return writeView(s, c, diffOld, opts.Focus, out, *labels)
			}
			dot, kind, err := graph.DOT(c, opts)
			if err != nil {
				return notInRules(err, c, opts.Focus)
			}
			if kind == graph.Summary {
				fmt.Fprintf(s.errOut, "netiso: %d services: drawing a summary (use --service S for one neighbourhood, or --summary-above %d for everything)\n", c.Len(), c.Len())
			}
			data := []byte(dot)
			if output.value != "dot" {
				if data, err = render(cmd.Context(), dot, output.value); err != nil {
					return err
				}
			}
			return write(s.out, out, data)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Focus, "service", "", "draw this service's neighbourhood only")
	f.IntVar(&opts.Depth, "depth", 1, "with --service: how many calls away, either way")
	f.IntVar(&opts.SummaryAbove, "summary-above", graph.DefaultSummaryAbove, "draw a summary when there are more services than this (without --service)")
	f.Var(output, "format", "dot, svg, png (svg and png need Graphviz's dot on PATH) or html (an interactive page)")
	f.StringVar(&diffOld, "diff", "", "with --format html: mark the links opened and closed since these rules (a file, a directory, a compiled ConfigMap or -)")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

// writeView writes the HTML view of c, with the change from the rules at oldPath when it is set.
func writeView(s streams, c *rules.Compiled, oldPath, focus, out string, labels rules.Options) error {
	var change *rulesview.Change
	if oldPath != "" {
		old, err := loadRules(s, []string{oldPath}, labels)
		if err != nil {
			return err
		}
		report, err := rulediff.Compare(old, c, policy.DefaultOptions())
		if err != nil {
			return err
		}
		change = &rulesview.Change{Old: old, Report: report}
	}
	d, err := rulesview.Build(c, change, focus)
	if err != nil {
		return notInRules(err, c, focus)
	}
	var b bytes.Buffer
	if err := rulesview.HTML(&b, d); err != nil {
		return err
	}
	return write(s.out, out, b.Bytes())
}

// render runs Graphviz's dot to turn DOT into an image.
func render(ctx context.Context, dot, format string) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, fmt.Errorf("--format %s needs Graphviz's dot on PATH (Debian: apt-get install graphviz), or use --format dot and render it elsewhere: %w", format, err)
	}
	var stdout, stderr bytes.Buffer
	run := exec.CommandContext(ctx, path, "-T"+format)
	run.Stdin, run.Stdout, run.Stderr = strings.NewReader(dot), &stdout, &stderr
	if err := run.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("dot -T%s: %w: %s", format, err, strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("dot -T%s: %w", format, err)
	}
	return stdout.Bytes(), nil
}
