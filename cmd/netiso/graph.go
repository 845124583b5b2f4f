package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netiso/netiso/pkg/graph"
	"github.com/netiso/netiso/pkg/rules"
)

func newGraphCmd(s streams, labels *rules.Options) *cobra.Command {
	var opts graph.Options
	var out string
	output := newFormat("dot", "dot", "svg", "png")
	cmd := &cobra.Command{
		Use:   "graph RULES...",
		Short: "Draw the call graph (DOT, or SVG/PNG through Graphviz)",
		Long: fmt.Sprintf(`graph draws who may call whom: services grouped by type, each zone a red cluster around its
members, public services with a double red border (and an edge from "anywhere"), calls granted
through callsTypes dashed. With more than
%d services (--summary-above) it draws a summary instead: types as nodes, link counts on the
edges, the %d heaviest callers on their own. --service draws one service's neighbourhood, the
services within --depth calls of it either way. --format svg or png needs Graphviz's dot.`, graph.DefaultSummaryAbove, graph.DefaultTopCallers),
		Example: `  netiso graph examples/online-boutique/rules.yaml --format svg -o boutique.svg
  netiso graph rules/ --service service.ledger --depth 2 | dot -Tpng > ledger.png`,
		Args: args(1, "at least one rules file or rule tree"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			c, err := loadRules(s, paths, *labels)
			if err != nil {
				return err
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
	f.Var(output, "format", "dot, svg or png (svg and png need Graphviz's dot on PATH)")
	f.StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	return cmd
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
