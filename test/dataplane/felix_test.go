//go:build dataplane

package dataplane

import (
	"crypto/sha1" //nolint:gosec // Calico's interface naming, not a security use
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Calico (DATAPLANE_ENFORCER=calico): Felix, built from source by `hack/tools.sh calico`, runs in
// the node namespace as calico-node runs it: iptables mode, the Kubernetes datastore on the
// suite's API server (Calico's CRDs installed by envtest), no Typha. It enforces the same
// NetworkPolicies kube-router does; a pod is one of its workload endpoints when it is on the node
// with an IP, behind a host interface named as Calico's CNI plugin names it.
const (
	// calicoCRDs are Calico's CRDs, as test/calico installs them.
	calicoCRDs = "../calico/testdata/crd"
	// calicoIPv4Annotation is the node address calico-node writes and Felix reads.
	calicoIPv4Annotation = "projectcalico.org/IPv4Address"
	felixHealth          = 9099 // Felix's default health port, on the node's address
)

// calicoInterface is the node's end of a pod's link, as Calico's CNI plugin names it and Felix
// looks for it: "cali" and the first 11 hex digits of sha1("<namespace>.<pod>").
func calicoInterface(namespace, pod string) string {
	sum := sha1.Sum([]byte(namespace + "." + pod)) //nolint:gosec // see the import
	return "cali" + hex.EncodeToString(sum[:])[:11]
}

// startFelix runs Felix with kubeconfig (the node's). Before it, Calico's own client initialises
// the datastore, as calicoctl and calico-node do: the ClusterInformation marked ready, which
// Felix waits for, and the tiers its policy model starts from (calico-apply -init).
func startFelix(kubeconfig string) (*process, error) {
	init := exec.Command(os.Getenv("CALICO_APPLY_BIN"), "-init")
	init.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig)
	if out, err := init.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("calico-apply -init: %w: %s", err, out)
	}
	// The iptables flavour of the machine's own iptables, which the suite reads back (dumpDataplane).
	backend := "legacy"
	if out, err := exec.Command("iptables", "--version").Output(); err == nil && strings.Contains(string(out), "nf_tables") {
		backend = "nft"
	}
	p := &process{name: "felix", log: filepath.Join(tmpDir, "felix.log"),
		// Felix writes under /var/lib/calico and /var/run/calico: in a mount namespace of its own,
		// on tmpfs, nothing of it lands on the machine.
		cmd: []string{"ip", "netns", "exec", nets.node, "unshare", "--mount", "--propagation", "private",
			"sh", "-c", `mount -t tmpfs felix /var/lib && mount -t tmpfs felix /run && exec "$0"`,
			os.Getenv("CALICO_FELIX_BIN")},
		env: []string{
			"FELIX_DATASTORETYPE=kubernetes",
			"KUBECONFIG=" + kubeconfig,
			"FELIX_FELIXHOSTNAME=" + nodeName,
			"FELIX_IPTABLESBACKEND=" + backend,
			"FELIX_NFTABLESMODE=Disabled",
			"FELIX_BPFENABLED=false",
			"FELIX_XDPENABLED=false",
			"FELIX_IPV6SUPPORT=false",
			"FELIX_USAGEREPORTINGENABLED=false",
			"FELIX_LOGFILEPATH=none", // stdout, into the suite's log file
			"FELIX_LOGSEVERITYSCREEN=info",
			"FELIX_HEALTHENABLED=true",
			"FELIX_HEALTHHOST=" + nets.nodeIP,
			fmt.Sprintf("FELIX_HEALTHPORT=%d", felixHealth),
			// Felix drops what it denies (the probes wait out their short timeout for it):
			// FELIX_IPTABLESFILTERDENYACTION=REJECT would refuse like kube-router, but v3.31.0
			// writes that action into the raw table too, where iptables refuses it.
			// Without it the !cgo build panics at start in a BPF clean-up, BPF off or not; Calico's
			// own functional tests set it.
			"FELIX_DebugSkipCTLBCleanup=true",
		}}
	p.ready = func() bool { return httpOK(fmt.Sprintf("http://%s:%d/readiness", nets.nodeIP, felixHealth)) }
	return p, p.start()
}
