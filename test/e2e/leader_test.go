//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netiso/netiso/test/harness"
)

// Every replica keeps its rules current, elected or not: with --leader-elect, two replicas of the
// real binary share a Lease; the rules change and both serve the new version. Only the reconciler
// and the policy owner are elected. (A rules file polled by a runnable that needed the election
// reloaded on the leader alone: the others served the old rules until restarted, and the
// reconciler retried "answered with rules X, not Y" without end.)
func TestEveryReplicaReloads(t *testing.T) {
	for _, source := range []string{"rules-file", "rules-configmap"} {
		t.Run(source, func(t *testing.T) {
			ns := newNamespace(t, nil) // the Lease's, apart from the suite's webhook's
			changed := append(append([]byte(nil), baseRules...), "  - name: newcomer\n    calls: [redis-cart]\n"...)
			var args []string
			var update func()
			switch source {
			case "rules-file":
				path := filepath.Join(t.TempDir(), "rules.yaml")
				write := func(doc []byte) {
					if err := os.WriteFile(path+".tmp", doc, 0o644); err != nil {
						t.Fatal(err)
					}
					if err := os.Rename(path+".tmp", path); err != nil {
						t.Fatal(err)
					}
				}
				write(baseRules)
				args = []string{"--rules-file=" + path, "--rules-poll-interval=100ms", "--namespace=" + ns}
				update = func() { write(changed) }
			case "rules-configmap":
				cm := rulesCM(baseRules)
				cm.Namespace = ns
				if err := k8s.Create(t.Context(), cm); err != nil {
					t.Fatal(err)
				}
				args = []string{"--rules-configmap=" + ns + "/" + cm.Name}
				update = func() {
					cm.Data = rulesCM(changed).Data
					if err := k8s.Update(t.Context(), cm); err != nil {
						t.Fatal(err)
					}
				}
			}
			leader := replica(t, source+"-a", args)
			eventually(t, "the first replica to lead", func() bool { return leads(t, leader) })
			follower := replica(t, source+"-b", args)
			if leads(t, follower) {
				t.Fatal("both replicas lead")
			}
			before, after := compiled(t, baseRules).Hash(), compiled(t, changed).Hash()
			for _, w := range []*harness.Webhook{leader, follower} {
				if v := rulesVersion(t, w); v != before {
					t.Fatalf("%s serves rules %s, want %s", w.Log, v, before)
				}
			}
			update()
			for name, w := range map[string]*harness.Webhook{"the leader": leader, "the follower": follower} {
				eventually(t, name+" to load the new rules", func() bool { return rulesVersion(t, w) == after })
			}
			if leads(t, follower) {
				t.Error("the follower leads")
			}
		})
	}
}

// replica runs another webhook process with args, as netiso, electing a leader in its namespace;
// it serves TLS where no API server calls it, and reconciles nothing (the suite's webhook does).
func replica(t *testing.T, name string, args []string) *harness.Webhook {
	t.Helper()
	wo := env.WebhookInstallOptions
	port := harness.FreePort()
	w := &harness.Webhook{
		Bin: filepath.Join(binDir, "webhook"), Addr: "127.0.0.1:" + port, Log: filepath.Join(binDir, name+".log"),
		Args: append(append([]string{
			"--kubeconfig=" + netisoKubeconfig,
			"--service-label=" + serviceLabel,
			"--leader-elect",
			"--reconcile=false",
		}, args...), append(harness.WebhookArgs(wo), "--webhook-host=127.0.0.1", "--webhook-port="+port)...),
	}
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		w.Stop()
		if t.Failed() {
			if b, err := os.ReadFile(w.Log); err == nil {
				t.Logf("--- %s (last 4 KiB) ---\n%s", w.Log, tail(b, 4<<10))
			}
		}
	})
	return w
}

func leads(t *testing.T, w *harness.Webhook) bool {
	return counter(must(t, w.Metrics), `leader_election_master_status{name="netiso-reconciler"}`) == 1
}

// rulesVersion is the version netiso_rules_info reports.
func rulesVersion(t *testing.T, w *harness.Webhook) string {
	for _, line := range strings.Split(must(t, w.Metrics), "\n") {
		if rest, ok := strings.CutPrefix(line, `netiso_rules_info{version="`); ok {
			v, _, _ := strings.Cut(rest, `"`)
			return v
		}
	}
	return "none"
}
