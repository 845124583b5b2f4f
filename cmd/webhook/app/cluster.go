package app

import (
	"errors"
	"flag"
	"os"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	ctrl "sigs.k8s.io/controller-runtime"
)

// errNoCluster: nothing names a cluster, the normal case of a local run with a rules file.
var errNoCluster = errors.New("no --kubeconfig, $KUBECONFIG, ~/.kube/config nor in-cluster service account")

// clusterConfig is ctrl.GetConfig, except where no source of a config exists at all: there
// controller-runtime would log its in-cluster failure as an ERROR with a stack trace before
// failing anyway, the first thing `make run` printed.
func clusterConfig() (*rest.Config, error) {
	if noClusterConfig(os.Getenv, flag.Lookup("kubeconfig"), clientcmd.RecommendedHomeFile) {
		return nil, errNoCluster
	}
	return ctrl.GetConfig()
}

// noClusterConfig: not in a pod, no --kubeconfig, no $KUBECONFIG, no file at home.
func noClusterConfig(getenv func(string) string, kubeconfig *flag.Flag, home string) bool {
	if getenv("KUBERNETES_SERVICE_HOST") != "" || getenv(clientcmd.RecommendedConfigPathEnvVar) != "" {
		return false
	}
	if kubeconfig != nil && kubeconfig.Value.String() != "" {
		return false
	}
	_, err := os.Stat(home)
	return errors.Is(err, os.ErrNotExist)
}
