// Command gen writes a development CA and a serving certificate for the
// webhook into a directory:
//
//	go run ./certs/gen -dir DIR [-service netiso-webhook] [-namespace netiso-system] [-hosts extra1,extra2] [-validity 8760h] [-force]
//
// Point the webhook's --webhook-cert-path at DIR; DIR/ca.crt is the caBundle
// for the MutatingWebhookConfiguration. Certificates already in DIR are kept
// while they cover the requested hosts and stay valid for another day, so
// running it before every `make run` does not churn them; -force regenerates.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/netiso/netiso/certs"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	// Parse errors come back to main, which prints them once; only -h prints usage.
	flags.SetOutput(io.Discard)
	dir := flags.String("dir", "", "Directory to write ca.crt, tls.crt and tls.key into (required; created 0700 if missing).")
	service := flags.String("service", "netiso-webhook", "Name of the webhook's Service, for the in-cluster DNS names.")
	namespace := flags.String("namespace", "netiso-system", "Namespace of the webhook's Service.")
	extra := flags.String("hosts", "", "Comma-separated extra DNS names or IP addresses, on top of the service names, localhost, 127.0.0.1 and ::1.")
	validity := flags.Duration("validity", 365*24*time.Hour, "How long the certificates are valid.")
	force := flags.Bool("force", false, "Regenerate even if DIR holds certificates that are still good.")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			flags.SetOutput(stderr)
			flags.Usage()
			return nil
		}
		return err
	}
	switch {
	case flags.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", flags.Args())
	case *dir == "":
		return errors.New("-dir is required")
	case *validity <= 0:
		return fmt.Errorf("-validity must be positive, got %s", *validity)
	}

	hosts := certs.DefaultHosts(*service, *namespace)
	for h := range strings.SplitSeq(*extra, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}

	reason := "-force"
	if !*force {
		// Keep certificates with a day left; short-lived ones (under two
		// days) are kept for half their validity instead, so they are not
		// replaced on every run.
		renewBefore := min(24*time.Hour, *validity/2)
		var err error
		reason, err = certs.NeedsRenewal(*dir, hosts, renewBefore)
		if err != nil {
			return fmt.Errorf("check existing certificates: %w", err)
		}
		if reason == "" {
			fmt.Fprintf(stderr, "gen: kept %s: it covers %s and is valid for more than %s (-force to regenerate)\n",
				*dir, strings.Join(hosts, ", "), renewBefore)
			return nil
		}
	}

	bundle, err := certs.Generate(certs.Options{Hosts: hosts, Validity: *validity})
	if err != nil {
		return fmt.Errorf("generate certificates: %w", err)
	}
	if err := bundle.WriteDir(*dir); err != nil {
		return fmt.Errorf("write certificates: %w", err)
	}
	fmt.Fprintf(stderr, "gen: %s: wrote %s, %s, %s for %s, valid for %s\n",
		reason, filepath.Join(*dir, certs.CAFile), filepath.Join(*dir, certs.CertFile), filepath.Join(*dir, certs.KeyFile),
		strings.Join(hosts, ", "), *validity)
	return nil
}
