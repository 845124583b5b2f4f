package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/netiso/netiso/internal/plural"
	"github.com/netiso/netiso/pkg/rules"
)

type validateReport struct {
	Valid        bool      `json:"valid"`
	Services     int       `json:"services"`
	Links        int       `json:"links"`
	RulesVersion string    `json:"rulesVersion,omitempty"`
	Problems     []problem `json:"problems"`
}

type problem struct {
	File    string `json:"file,omitempty"`
	Service string `json:"service,omitempty"`
	Problem string `json:"problem"`
}

func newValidateCmd(s streams, labels *rules.Options) *cobra.Command {
	output := newFormat("text", "text", "json")
	cmd := &cobra.Command{
		Use:   "validate RULES...",
		Short: "Check rules exactly as the webhook does, listing every problem at once",
		Long: `validate reads and compiles the rules as the webhook does (same parser, same validation, same
label prefixes) and lists every problem, each naming its file and service; rules that would not
fit in one ConfigMap, even gzipped, are a problem too. It exits 1 when there is any.`,
		Example: `  netiso validate examples/online-boutique/rules.yaml
  netiso validate rules/ --egress-prefix=egress.example.com -o json`,
		Args: args(1, "at least one rules file or rule tree"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			c, err := loadRules(s, paths, *labels)
			var fit compiled
			if err == nil {
				// docs/design.md counts rules too large for the ConfigMap as invalid: compile would refuse them.
				if fit, err = compileConfigMap(c, "netiso-rules", "netiso-system", "yaml", rules.ConfigMapLimit); err != nil {
					err = rules.Errors{{Problem: err.Error()}}
				}
			}
			if output.value == "text" {
				if err != nil {
					return err
				}
				form := "as text"
				if fit.gzipped {
					form = "gzipped"
				}
				fmt.Fprintf(s.out, "ok: %d services, %d links, rules version %s; fits one ConfigMap %s\n", c.Len(), c.Links(), c.Hash(), form)
				return nil
			}
			report := validateReport{Valid: err == nil, Problems: problems(err)}
			if c != nil {
				report.Services, report.Links, report.RulesVersion = c.Len(), c.Links(), c.Hash()
			}
			data, jerr := json.MarshalIndent(report, "", "  ")
			if jerr != nil {
				return jerr
			}
			fmt.Fprintf(s.out, "%s\n", data)
			if err != nil {
				// The report has them; stderr gets a count rather than the same lines again.
				return fmt.Errorf("%d %s in the rules", len(report.Problems), plural.Of(len(report.Problems), "problem", "problems"))
			}
			return nil
		},
	}
	cmd.Flags().VarP(output, "output", "o", "output format: text or json")
	return cmd
}

func problems(err error) []problem {
	out := []problem{}
	var es rules.Errors
	var e *rules.Error
	switch {
	case err == nil:
	case errors.As(err, &es):
		for _, e := range es {
			out = append(out, problem{File: e.File, Service: e.Service, Problem: e.Problem})
		}
	case errors.As(err, &e):
		out = append(out, problem{File: e.File, Service: e.Service, Problem: e.Problem})
	default:
		out = append(out, problem{Problem: err.Error()})
	}
	return out
}
