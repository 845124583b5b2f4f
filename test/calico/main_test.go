//go:build calico

// Package calico holds netiso's Calico objects (`netiso policies --audit`) to Calico's own word:
// each is applied through Calico's client (calico-apply, built by `hack/tools.sh calico` from
// hack/calico: calicoctl's loader and clientv3, the path `calicoctl apply` and Calico's API server
// take, name and tier rules included) to a real kube-apiserver with Calico's CRDs
// (testdata/crd), on the Kubernetes datastore. Run it with `make test-calico`.
package calico

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/netiso/netiso/test/harness"
)

var (
	k8s        client.Client
	kubeconfig string // an admin's, for calico-apply
	netisoBin  string // the CLI, built from this checkout
	applyBin   string // calico-apply
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	// Fail, never skip: run under its tag, the suite has nothing to say without these.
	for _, v := range []string{"KUBEBUILDER_ASSETS", "CALICO_APPLY_BIN"} {
		if os.Getenv(v) == "" {
			return fail(fmt.Errorf("%s is not set: run `make test-calico` (hack/tools.sh builds kube-apiserver, etcd and Calico)", v))
		}
	}
	applyBin = os.Getenv("CALICO_APPLY_BIN")
	if out, err := exec.Command(applyBin, "--version").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("%s --version: %w: %s", applyBin, err, out))
	}
	tmp, err := os.MkdirTemp("", "netiso-calico-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)

	start := time.Now()
	env := &envtest.Environment{
		ControlPlaneStartTimeout: 90 * time.Second,
		ControlPlaneStopTimeout:  60 * time.Second,
		CRDInstallOptions:        envtest.CRDInstallOptions{Paths: []string{"testdata/crd"}, ErrorIfPathMissing: true},
	}
	if _, err := env.Start(); err != nil {
		return fail(fmt.Errorf("starting kube-apiserver and etcd: %w", err))
	}
	defer func() { _ = env.Stop() }()
	fmt.Fprintf(os.Stderr, "calico: control plane with Calico's CRDs up in %s\n", time.Since(start).Round(time.Millisecond))

	admin, err := env.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		return fail(err)
	}
	if k8s, err = client.New(admin.Config(), client.Options{}); err != nil {
		return fail(err)
	}
	if kubeconfig, err = harness.WriteKubeconfig(admin, filepath.Join(tmp, "admin.kubeconfig")); err != nil {
		return fail(err)
	}
	netisoBin = filepath.Join(tmp, "netiso")
	build := exec.Command("go", "build", "-o", netisoBin, "github.com/netiso/netiso/cmd/netiso")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fail(fmt.Errorf("building the netiso CLI: %w", err))
	}
	return m.Run()
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "calico:", err)
	return 1
}
