//go:build dataplane

package dataplane

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// The network the suite builds, all of it in network namespaces of its own:
//
//	root namespace  --veth (linkNet)--  node namespace  --veth, /32 route--  pod namespaces
//
// The node namespace is a Kubernetes node: kube-router runs in it and polices the traffic it
// routes between pods (its FORWARD chain), with iptables and ipsets that exist only there. The
// kube-apiserver listens on the root side of the link, so kube-router reaches it; pods have no
// route but to the pod network (podNet), so no probe can leave the addresses made here.
const (
	podNet = "10.244.0.0/16"
	// gateway is every pod's next hop, an address of the node's. Through a gateway a pod needs one
	// ARP entry, not one per peer: the kernel's ARP table is shared by every network namespace
	// (gc_thresh3, 1024 by default), and 200 pods each talking to many peers overflowed it.
	gateway = "169.254.1.1"
	// linkNet's /30: the root end is .1 (the API server's address), the node end .2 (its InternalIP).
	linkNetPrefix = "10.253."
)

// network is the node namespace and the pods' namespaces of one run. Names carry the test
// process's pid, so a later run can tell leftovers of a run that died (sweepStale).
type network struct {
	prefix         string // "ndp<pid>-"
	node           string // the node namespace
	link           string // the root end of the link
	rootIP, nodeIP string

	mu   sync.Mutex
	pods []*podNS
}

// podNS is one pod's network namespace: an address, and listeners on its ports.
type podNS struct {
	name string
	ip   string
	fd   *os.File // /run/netns/<name>, for setns
	mu   sync.Mutex
	ls   []net.Listener
}

const netnsPrefix = "ndp"

func newNetwork() (*network, error) {
	pid := os.Getpid()
	n := &network{prefix: fmt.Sprintf("%s%d-", netnsPrefix, pid), link: fmt.Sprintf("%s%d", netnsPrefix, pid)}
	n.node = n.prefix + "node"
	// A /30 of 10.253.0.0/16 from the pid: two runs at once (different pids) rarely collide, and
	// a collision fails at `ip addr add`, before anything is sent.
	base := (pid % 16384) * 4
	n.rootIP = fmt.Sprintf("%s%d.%d", linkNetPrefix, base/256, base%256+1)
	n.nodeIP = fmt.Sprintf("%s%d.%d", linkNetPrefix, base/256, base%256+2)
	steps := [][]string{
		{"netns", "add", n.node},
		{"link", "add", n.link, "type", "veth", "peer", "name", "uplink", "netns", n.node},
		{"addr", "add", n.rootIP + "/30", "dev", n.link},
		{"link", "set", n.link, "up"},
		{"-n", n.node, "addr", "add", n.nodeIP + "/30", "dev", "uplink"},
		{"-n", n.node, "link", "set", "uplink", "up"},
		{"-n", n.node, "link", "set", "lo", "up"},
	}
	for _, s := range steps {
		if err := ip(s...); err != nil {
			n.destroy()
			return nil, err
		}
	}
	// The node routes between pods; each pod's gateway is an address of the node's, which the node
	// answers ARP for on every veth.
	if err := ip("-n", n.node, "addr", "add", gateway+"/32", "dev", "lo"); err != nil {
		n.destroy()
		return nil, err
	}
	// kube-router refuses with an ICMP port unreachable, which the kernel rate-limits, per source
	// (about one a second) and in all (1,000 a second): unlimited here, a refused connect fails at
	// once instead of waiting out its timeout.
	if err := run("ip", "netns", "exec", n.node, "sysctl", "-qw", "net.ipv4.ip_forward=1",
		"net.ipv4.icmp_ratelimit=0", "net.ipv4.icmp_msgs_per_sec=1000000", "net.ipv4.icmp_msgs_burst=1000000"); err != nil {
		n.destroy()
		return nil, err
	}
	return n, nil
}

// addPod makes a pod namespace with the next pod address, routed through the node. veth names
// the node's end of its link ("" for one of the suite's own); a name in use already is a deleted
// pod's, and is taken over, as a CNI plugin does.
func (n *network) addPod(veth string) (*podNS, error) {
	n.mu.Lock()
	i := len(n.pods)
	p := &podNS{name: fmt.Sprintf("%sp%d", n.prefix, i), ip: fmt.Sprintf("10.244.%d.%d", (i+2)/256, (i+2)%256)}
	n.pods = append(n.pods, p)
	n.mu.Unlock()
	if veth == "" {
		veth = fmt.Sprintf("v%d", i)
	} else {
		_ = ip("-n", n.node, "link", "del", veth) // a deleted pod's, if any
	}
	steps := [][]string{
		{"netns", "add", p.name},
		{"-n", n.node, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", p.name},
		{"-n", n.node, "link", "set", veth, "up"},
		{"-n", n.node, "route", "add", p.ip + "/32", "dev", veth},
		{"-n", p.name, "addr", "add", p.ip + "/32", "dev", "eth0"},
		{"-n", p.name, "link", "set", "lo", "up"},
		{"-n", p.name, "link", "set", "eth0", "up"},
		{"-n", p.name, "route", "add", gateway, "dev", "eth0", "scope", "link"},
		{"-n", p.name, "route", "add", podNet, "via", gateway, "dev", "eth0"},
	}
	for _, s := range steps {
		if err := ip(s...); err != nil {
			return nil, err
		}
	}
	fd, err := os.Open("/run/netns/" + p.name)
	if err != nil {
		return nil, err
	}
	p.fd = fd
	return p, nil
}

// listen opens a TCP listener on the pod's address and port, inside its namespace; it accepts and
// closes every connection (a completed handshake is the answer).
func (p *podNS) listen(port int) error {
	var l net.Listener
	err := p.do(func() (err error) {
		l, err = net.Listen("tcp4", net.JoinHostPort(p.ip, strconv.Itoa(port)))
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: listen on %d: %w", p.name, port, err)
	}
	p.mu.Lock()
	p.ls = append(p.ls, l)
	p.mu.Unlock()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			_ = c.Close()
		}
	}()
	return nil
}

// connect makes a real TCP connection from inside the pod's namespace, within timeout.
func (p *podNS) connect(ip string, port int, timeout time.Duration) error {
	return p.do(func() error {
		c, err := net.DialTimeout("tcp4", net.JoinHostPort(ip, strconv.Itoa(port)), timeout)
		if err == nil {
			_ = c.Close()
		}
		return err
	})
}

// do runs fn on an OS thread that has entered the pod's namespace. Sockets belong to the namespace
// they were made in, so a listener made here keeps serving there. The thread is never unlocked:
// it ends with the goroutine instead of returning to Go's pool in the wrong namespace.
func (p *podNS) do(fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(int(p.fd.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", p.name, err)
			return
		}
		errc <- fn()
	}()
	return <-errc
}

// destroy removes every namespace of the run; with them go their veths (the link's root end too),
// iptables rules and ipsets. It is safe to call twice and on a half-built network.
func (n *network) destroy() {
	n.mu.Lock()
	pods := n.pods
	n.pods = nil
	n.mu.Unlock()
	for _, p := range pods {
		p.mu.Lock()
		for _, l := range p.ls {
			_ = l.Close()
		}
		p.ls = nil
		p.mu.Unlock()
		if p.fd != nil {
			_ = p.fd.Close()
		}
		_ = ip("netns", "del", p.name)
	}
	killNetnsProcesses(n.node)
	_ = ip("netns", "del", n.node)
	_ = ip("link", "del", n.link) // gone with the node namespace already, unless that failed
}

// sweepStale removes what a run that died without cleaning up (SIGKILL, a test timeout's panic)
// left: the namespaces of pids that no longer run, and the processes inside them.
func sweepStale() {
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(out), "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest, ok := strings.CutPrefix(name, netnsPrefix)
		if !ok {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		killNetnsProcesses(name)
		_ = ip("netns", "del", name)
		_ = ip("link", "del", fmt.Sprintf("%s%d", netnsPrefix, pid))
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// killNetnsProcesses kills what still runs in a namespace of the suite's (kube-router, if it
// outlived its parent).
func killNetnsProcesses(ns string) {
	out, err := exec.Command("ip", "netns", "pids", ns).Output()
	if err != nil {
		return
	}
	for _, f := range strings.Fields(string(out)) {
		if pid, err := strconv.Atoi(f); err == nil && pid != os.Getpid() {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

func ip(args ...string) error { return run("ip", args...) }

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
