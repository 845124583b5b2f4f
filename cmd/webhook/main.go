// Command webhook is netiso's mutating admission webhook: it gives each pod the egress labels its
// service's rules grant, and removes every managed label they do not. The server is package app.
package main

import (
	"flag"
	"os"

	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/netiso/netiso/cmd/webhook/app"
)

func main() {
	o := app.NewOptions()
	o.AddFlags(flag.CommandLine) // beside controller-runtime's --kubeconfig
	flag.Parse()
	os.Exit(app.Main(ctrl.SetupSignalHandler(), o))
}
