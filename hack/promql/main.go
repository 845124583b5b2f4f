// Command promql parses PromQL expressions with Prometheus' own parser and names the metrics each
// selects: the chart's tests (deploy/helm) check that every alert and dashboard query parses and
// names only metrics netiso really exports.
//
// Input (stdin): a JSON array of expressions. Output (stdout): a JSON array, one object per
// expression, in order: {"metrics": [...]} or {"error": "..."}. A module of its own (see go.mod).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

type result struct {
	Metrics []string `json:"metrics,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func main() {
	var exprs []string
	if err := json.NewDecoder(os.Stdin).Decode(&exprs); err != nil {
		fmt.Fprintln(os.Stderr, "promql: reading a JSON array of expressions:", err)
		os.Exit(2)
	}
	p := parser.NewParser(parser.Options{})
	out := make([]result, 0, len(exprs))
	for _, e := range exprs {
		out = append(out, parse(p, e))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "promql:", err)
		os.Exit(1)
	}
}

// parse names the metrics expr selects. A selector that names none (only label matchers, or a
// regular expression on __name__) is an error: no one could check what it reads.
func parse(p parser.Parser, expr string) result {
	ast, err := p.ParseExpr(expr)
	if err != nil {
		return result{Error: err.Error()}
	}
	var names []string
	var bad error
	parser.Inspect(ast, func(node parser.Node, _ []parser.Node) error {
		vs, ok := node.(*parser.VectorSelector)
		if !ok {
			return nil
		}
		name := vs.Name
		for _, m := range vs.LabelMatchers {
			if m.Name == model.MetricNameLabel && m.Type != labels.MatchEqual {
				bad = fmt.Errorf("%s: the metric name is matched by %s, not named", vs, m.Type)
			}
			if m.Name == model.MetricNameLabel && m.Type == labels.MatchEqual {
				name = m.Value
			}
		}
		if name == "" && bad == nil {
			bad = fmt.Errorf("%s names no metric", vs)
		}
		names = append(names, name)
		return nil
	})
	if bad != nil {
		return result{Error: bad.Error()}
	}
	slices.Sort(names)
	return result{Metrics: slices.Compact(names)}
}
