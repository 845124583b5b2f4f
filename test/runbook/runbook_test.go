//go:build runbook

// Package runbook walks docs/install.md, the platform team's runbook, against a real
// kube-apiserver and etcd (envtest, built from source by hack/tools.sh): the chart installed with
// helm, the rules compiled and applied with netiso and kubectl, pods created and read back, audit,
// then enforce, a rules change, a rollback and an uninstall. Each command the test runs is one the
// runbook shows, checked to be there word for word, so the two cannot drift apart.
//
// The control plane has no kubelet and no controller-manager, so the chart's Deployment never
// runs. The test stands in for them: it reads the Deployment back from the API server and runs its
// container's arguments (exactly what helm installed: mode, labels, rules ConfigMap, reconciler)
// with the webhook binary built from this tree, as the chart's ServiceAccount (a token from
// `kubectl create token`, so the chart's RBAC is what it gets), adding only where to listen, the
// certificate and how to reach the API server. The chart is installed with the runbook's
// outside-the-cluster values (webhook.url, webhook.caBundle) pointing the API server at that
// process. After each helm upgrade or rollback the process is restarted with the new arguments, as
// a rollout would.
//
// netiso owns the NetworkPolicies: the test checks that they are the objects `netiso policies`
// prints, written and owned by netiso, that they follow the rules and the mode, that the chart's
// guards hold them (and teams' own) against a namespace team and the cluster administrators, and
// that an uninstall leaves only what the garbage collector deletes (envtest runs none: the test
// checks the ownerReferences and deletes as its identity).
//
// Run it with `make test-runbook` (KUBEBUILDER_ASSETS and HELM_BIN from hack/tools.sh).
package runbook

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	"sigs.k8s.io/yaml"
)

const (
	ns      = "netiso-system"
	appNS   = "shop"
	install = "../../docs/install.md"
	// team is a namespace team's user: edit and view in shop.
	team = "shop-dev"
	// gc is the garbage collector's identity, which the guard lets through.
	gc = "system:serviceaccount:kube-system:generic-garbage-collector"
	// standIn is the pod the stand-in for the Deployment records what it serves on (POD_NAME).
	standIn = "netiso-standin"
)

// runbook is one walk through the runbook: the cluster, the working directory (a clone's layout:
// rules/ and deploy/), the tools on PATH and the stand-in for the Deployment.
type runbook struct {
	t        *testing.T
	doc      string
	env      []string
	work     string
	bin      string
	adminCfg []byte
	server   string
	caData   []byte
	certs    string
	port     int
	webhook  *exec.Cmd
	logFile  string
	metrics  string // the webhook's /metrics, HTTPS as the chart serves it
	// scraper is a bearer token of the ServiceAccount the runbook binds to netiso-metrics-reader.
	scraper string
}

func TestRunbook(t *testing.T) {
	assets, helm := os.Getenv("KUBEBUILDER_ASSETS"), os.Getenv("HELM_BIN")
	if assets == "" || helm == "" {
		t.Fatal("KUBEBUILDER_ASSETS and HELM_BIN must be set: run `make test-runbook` (hack/tools.sh builds them)")
	}
	start := time.Now()
	r := setUp(t, assets, helm)
	t.Logf("set up in %s", time.Since(start).Round(time.Millisecond))
	step := func(name string) { t.Logf("%s at %s", name, time.Since(start).Round(100*time.Millisecond)) }

	// The README's pipeline line is the runbook's.
	if readme := string(r.read("../../README.md")); !strings.Contains(readme, "netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -") {
		t.Error("README.md lacks the runbook's compile line")
	}

	// 1. Prerequisites and the rules from CI.
	r.run("kubectl create namespace netiso-system")
	r.run("kubectl create namespace " + appNS)
	// A namespace team: edit and view in shop. envtest runs no aggregation controller, so the
	// team is bound to the roles that make up `edit` and `view` (NetworkPolicies included).
	for _, role := range []string{"system:aggregate-to-edit", "system:aggregate-to-view"} {
		r.run0("kubectl", "-n", appNS, "create", "rolebinding", "team-"+strings.TrimPrefix(role, "system:"), "--clusterrole="+role, "--user="+team)
	}
	// The team's own allow-all ingress, from before netiso.
	allowAll := filepath.Join(r.work, "..", "allow-all.yaml")
	r.write(allowAll, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-ingress, namespace: shop}\nspec: {podSelector: {}, ingress: [{}]}\n")
	r.run0("kubectl", "apply", "-f", allowAll, "--as="+team)
	if out := r.run("netiso validate rules/"); !strings.HasPrefix(out, "ok: 12 services, 15 links") {
		t.Fatalf("validate: %s", out)
	}
	r.run("netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -")

	// 3. Install, in audit mode. webhook.url and webhook.caBundle point the API server at the
	// stand-in; the runbook shows them for a webhook outside the cluster.
	step("install")
	bridge := fmt.Sprintf("--set webhook.url=https://127.0.0.1:%d/mutate-v1-pod --set webhook.caBundle=%s", r.port, base64.StdEncoding.EncodeToString(r.read(filepath.Join(r.certs, "ca.crt"))))
	notes := r.runWith("helm install netiso deploy/helm/netiso --namespace netiso-system --set labels.service=app --set mode=audit --set policies.defaultNamespace=shop --set policies.stage=labels", bridge)
	for _, w := range []string{"AUDIT MODE: no label is changed", `grep "audit: enforce mode would change this pod"`} {
		if !strings.Contains(notes, w) {
			t.Errorf("the chart's notes lack %q:\n%s", w, notes)
		}
	}
	r.bridged("kubectl -n netiso-system rollout status deployment/netiso")
	r.run("kubectl -n netiso-system create serviceaccount metrics-scraper")
	r.run("kubectl create clusterrolebinding netiso-metrics-scraper --clusterrole=netiso-metrics-reader --serviceaccount=netiso-system:metrics-scraper")
	r.bridged("kubectl -n netiso-system port-forward deployment/netiso 8443 &")
	r.bridged(`curl -sk -H "Authorization: Bearer $(kubectl -n netiso-system create token metrics-scraper)" https://localhost:8443/metrics | grep ^netiso_`)
	r.scraper = strings.TrimSpace(r.run("kubectl -n netiso-system create token metrics-scraper"))
	// The pod the stand-in records what it serves on, as each of the Deployment's pods does.
	r.run0("kubectl", "-n", ns, "run", standIn, "--image=registry.k8s.io/pause:3.10")
	r.startWebhook("--mode=audit", "--manage-policies=true", "--policy-default-namespace=shop", "--owner-webhook-configuration=netiso", "--policy-stage=labels")
	// In audit mode nothing is enforced: the policy owner has the rules, and holds no policy.
	r.eventually("the policy owner has the rules", func() bool {
		return strings.Contains(r.get(r.metrics, r.scraper), "netiso_policies_rules_changes_total 1")
	})
	r.noPolicies()
	// The metrics are the chart's: HTTPS, for callers the API server authenticates and authorizes.
	// Nobody, and a ServiceAccount not bound to netiso-metrics-reader, are refused.
	unbound := strings.TrimSpace(r.run0("kubectl", "-n", ns, "create", "token", "netiso"))
	for who, tc := range map[string]struct {
		token string
		want  int
	}{"anonymous": {"", http.StatusUnauthorized}, "an unbound ServiceAccount": {unbound, http.StatusForbidden}, "the scraper": {r.scraper, http.StatusOK}} {
		if code, _ := r.scrape(tc.token); code != tc.want {
			t.Errorf("/metrics for %s: %d, want %d", who, code, tc.want)
		}
	}

	// 4. The audit stage: nothing changes, everything is said.
	step("audit")
	out := r.run("kubectl -n shop run audit-check --image=registry.k8s.io/pause:3.10 --labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if !strings.Contains(out, "Warning: netiso is in audit mode and changed no label") || !strings.Contains(out, "enforce mode would remove labels") {
		t.Errorf("audit: kubectl said\n%s", out)
	}
	grant := []string{"egress.netiso.dev/adservice", "egress.netiso.dev/cartservice", "egress.netiso.dev/checkoutservice", "egress.netiso.dev/currencyservice",
		"egress.netiso.dev/productcatalogservice", "egress.netiso.dev/recommendationservice", "egress.netiso.dev/shippingservice"}
	p := r.pod("audit-check")
	if got := managed(p); !slices.Equal(got, []string{"egress.netiso.dev/paymentservice"}) {
		t.Errorf("audit mode changed the labels: %v", got)
	}
	if got := p.Annotations["netiso.dev/audit"]; got != strings.Join(grant, ",") {
		t.Errorf("netiso.dev/audit = %q, want %q", got, strings.Join(grant, ","))
	}
	if m := r.get(r.metrics, r.scraper); !strings.Contains(m, `netiso_admissions_total{operation="CREATE",reason="granted",result="audit"} 1`) {
		t.Errorf("metrics lack the audited admission:\n%s", grep(m, "netiso_admissions_total"))
	}
	// netiso status in audit mode: the pod is what enforcing would change, not drift.
	r.eventually("the stand-in records audit mode", func() bool { return strings.Contains(r.standInRecord(), `"mode":"audit"`) })
	if out := r.run("netiso status"); !strings.HasPrefix(out, "netiso status: healthy") ||
		!strings.Contains(out, "enforce mode would change 1 pod") || !strings.Contains(out, "shop/audit-check (service frontend, granted): forged") {
		t.Errorf("netiso status in audit mode:\n%s", out)
	}
	r.bridged(`kubectl -n netiso-system logs deployment/netiso | grep "audit: enforce mode would change this pod"`)
	if !strings.Contains(string(r.read(r.logFile)), "audit: enforce mode would change this pod") {
		t.Error("the webhook's log lacks the line the runbook says to watch")
	}
	// The policies enforce mode will apply, for review.
	reviewed := parsePolicies(t, r.run("netiso policies rules/ --service-label app --default-namespace shop"))
	if len(reviewed) != 12 {
		t.Errorf("netiso policies printed %d policies, want 12", len(reviewed))
	}

	// Teams' own NetworkPolicies: listed, changed under the warn-only guard, moved into the rules
	// (the Online Boutique's frontend is public already) and deleted; then the guard refuses.
	step("team policies")
	if out := r.run("kubectl get networkpolicy -A -l 'app.kubernetes.io/managed-by!=netiso'"); !strings.Contains(out, "allow-all-ingress") {
		t.Errorf("the team's policy is not listed:\n%s", out)
	}
	if _, err := r.kubectl("-n", appNS, "annotate", "networkpolicy", "allow-all-ingress", "moving=to-the-rules", "--as="+team); err == nil {
		t.Error("with teamValidationActions [Deny], the team changed its NetworkPolicy")
	}
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.guard.teamValidationActions='{Warn,Audit}'")
	r.eventually("the team's change admitted with a warning", func() bool {
		out, err := r.kubectl("-n", appNS, "annotate", "networkpolicy", "allow-all-ingress", "moving=to-the-rules", "--as="+team)
		return err == nil && strings.Contains(out, "Warning:") && strings.Contains(out, "public: true")
	})
	r.run0("kubectl", "-n", appNS, "delete", "networkpolicy", "allow-all-ingress", "--as="+team)
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.guard.teamValidationActions='{Deny}'")

	// 5. Enforce, in three stages. Labels: the reconciler relabels the running pods, new pods get
	// their grant, and still no policy.
	step("labels")
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set mode=enforce")
	r.startWebhook("--mode=enforce", "--manage-policies=true", "--policy-stage=labels")
	out = r.run("kubectl -n shop run enforce-check --image=registry.k8s.io/pause:3.10 --labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if !strings.Contains(out, "netiso removed labels that the rules") {
		t.Errorf("enforce: kubectl said\n%s", out)
	}
	version := strings.TrimSpace(r.run("kubectl -n netiso-system get configmap netiso-rules -o jsonpath='{.metadata.annotations.netiso\\.dev/rules-hash}'"))
	if p := r.pod("enforce-check"); !slices.Equal(managed(p), grant) || p.Annotations["netiso.dev/rules-hash"] != version {
		t.Errorf("enforce: labels %v, rules-hash %q; want %v, %q", managed(p), p.Annotations["netiso.dev/rules-hash"], grant, version)
	}
	// The pod admitted in audit mode is relabelled by the reconciler, not left until replaced.
	r.eventually("the audit-time pod relabelled", func() bool { return slices.Equal(managed(r.pod("audit-check")), grant) })
	r.noPolicies()

	// Audit: Calico's audit policies, where Calico's datastore keeps them (the test's API server has
	// Calico's CRDs), and no NetworkPolicy.
	step("calico audit")
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.stage=audit")
	r.startWebhook("--policy-stage=audit")
	r.eventually("netiso's 12 Calico audit policies", func() bool {
		return strings.Count(r.run("kubectl get networkpolicies.crd.projectcalico.org --all-namespaces -l app.kubernetes.io/managed-by=netiso"), "netiso-audit-") == 12
	})
	r.noPolicies()
	r.reviewFlows()

	// Enforce: the audit policies go, the NetworkPolicies come.
	step("enforce")
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.stage=enforce")
	r.startWebhook("--mode=enforce", "--manage-policies=true", "--policy-stage=enforce")
	enforced := time.Now()
	r.eventually("netiso's policies in shop", func() bool {
		return strings.Count(r.run("kubectl -n shop get networkpolicy"), "netiso-") == 12
	})
	t.Logf("policies applied %s after the enforcing webhook started", time.Since(enforced).Round(10*time.Millisecond))
	r.eventually("the Calico audit policies removed", func() bool {
		out, err := r.kubectl("get", "networkpolicies.crd.projectcalico.org", "--all-namespaces", "-l", "app.kubernetes.io/managed-by=netiso", "-o", "name")
		return err == nil && strings.TrimSpace(out) == ""
	})
	owner := strings.TrimSpace(r.run0("kubectl", "get", "mutatingwebhookconfiguration", "netiso", "-o", "jsonpath={.metadata.uid}"))
	// Exactly what `netiso policies` prints, written by netiso and owned by the webhook configuration.
	r.eventuallyNil("netiso's policies are those netiso policies printed", func() error { return r.policiesAre(reviewed, owner) })
	// The policies select pods by the identity label the webhook reads: the same --service-label.
	if got := r.run0("kubectl", "-n", appNS, "get", "networkpolicy", "netiso-frontend", "-o", "jsonpath={.spec.podSelector.matchLabels}"); got != `{"app":"frontend"}` {
		t.Errorf("netiso-frontend selects %s, want the webhook's identity label app", got)
	}

	// The guards: the namespace team may not open a path of its own nor delete netiso's policy,
	// and cluster administrators may not either; a deletion that gets through (here as the garbage
	// collector, which the guard lets through) is restored.
	if out, err := r.kubectl("apply", "-f", allowAll, "--as="+team); err == nil || !strings.Contains(out, "netiso-team-network-policies") {
		t.Errorf("the team created an allow-all NetworkPolicy in a covered namespace (err %v):\n%s", err, out)
	}
	for _, as := range [][]string{{"--as=" + team}, nil} { // the team, then the platform team (system:masters)
		if out, err := r.kubectl(append([]string{"-n", appNS, "delete", "networkpolicy", "netiso-frontend"}, as...)...); err == nil || !strings.Contains(out, "netiso owns this NetworkPolicy") {
			t.Errorf("kubectl delete %v: netiso's policy deleted (err %v):\n%s", as, err, out)
		}
	}
	uid := r.run0("kubectl", "-n", appNS, "get", "networkpolicy", "netiso-frontend", "-o", "jsonpath={.metadata.uid}")
	r.run0("kubectl", "-n", appNS, "delete", "networkpolicy", "netiso-frontend", "--as="+gc)
	r.eventually("netiso-frontend restored", func() bool {
		got, err := r.kubectl("-n", appNS, "get", "networkpolicy", "netiso-frontend", "-o", "jsonpath={.metadata.uid}")
		return err == nil && got != "" && got != uid
	})
	r.eventually("a PolicyRestored event on netiso-frontend", func() bool {
		out, err := r.kubectl("-n", appNS, "get", "events", "--field-selector", "reason=PolicyRestored,involvedObject.name=netiso-frontend", "-o", "name")
		return err == nil && strings.TrimSpace(out) != ""
	})

	step("status")
	r.checkStatus(owner)

	// The last step of enforcing: a default-deny ingress policy per namespace.
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.defaultDeny=true")
	r.startWebhook("--mode=enforce", "--policy-default-deny=true")
	withDeny := parsePolicies(t, r.run0("netiso", "policies", "rules/", "--service-label", "app", "--default-namespace", appNS, "--default-deny"))
	r.eventuallyNil("netiso-default-deny-ingress applied", func() error { return r.policiesAre(withDeny, owner) })

	// 6. A rules change through CI: review the diff, apply the ConfigMap, and the running pods and
	// the policies follow. frontend loses adservice, loadgenerator goes, reviewservice comes.
	step("rules change")
	rules := filepath.Join(r.work, "rules", "rules.yaml")
	edited := strings.Replace(string(r.read(rules)), "      - adservice\n", "", 1)
	edited = strings.Replace(edited, "  - name: loadgenerator # calls only frontend, which is public\n", "  - name: reviewservice\n    ports: [{port: 8080, protocol: TCP}]\n", 1)
	r.write(rules, edited)
	out = r.run("kubectl -n netiso-system get configmap netiso-rules -o yaml | netiso diff - rules/ --service-label app --default-namespace shop --fail-on-open")
	r.write(filepath.Join(r.work, "..", "live.yaml"), r.run0("kubectl", "-n", ns, "get", "configmap", "netiso-rules", "-o", "yaml"))
	for _, w := range []string{"opens nothing; 0 links opened, 1 closed", "- frontend -> adservice", "+ shop/netiso-reviewservice", "- shop/netiso-loadgenerator"} {
		if !strings.Contains(out, w) {
			t.Errorf("diff lacks %q:\n%s", w, out)
		}
	}
	// With --kubeconfig, the diff counts the running pods each relabelled service has.
	kubeconfig := strings.TrimPrefix(r.env[slices.IndexFunc(r.env, func(e string) bool { return strings.HasPrefix(e, "KUBECONFIG=") })], "KUBECONFIG=")
	type grantOf struct {
		Service string `json:"service"`
		Pods    *int   `json:"pods"`
	}
	var report struct {
		Grants []grantOf `json:"grants"`
	}
	if err := json.Unmarshal([]byte(r.run0("netiso", "diff", "../live.yaml", "rules/", "--kubeconfig", kubeconfig, "--service-label", "app", "-o", "json")), &report); err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(report.Grants, func(g grantOf) bool { return g.Service == "frontend" }); i < 0 || report.Grants[i].Pods == nil || *report.Grants[i].Pods != 2 {
		t.Errorf("diff --kubeconfig: %+v, want frontend with its 2 running pods", report.Grants)
	}
	changed := time.Now()
	r.run("netiso compile rules/ --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -")
	narrower := slices.DeleteFunc(slices.Clone(grant), func(k string) bool { return k == "egress.netiso.dev/adservice" })
	for _, pod := range []string{"audit-check", "enforce-check"} {
		r.eventually(pod+" loses the revoked link", func() bool { return slices.Equal(managed(r.pod(pod)), narrower) })
	}
	after := parsePolicies(t, r.run0("netiso", "policies", "rules/", "--service-label", "app", "--default-namespace", appNS, "--default-deny"))
	r.eventuallyNil("the policies follow the rules", func() error { return r.policiesAre(after, owner) })
	t.Logf("policies followed the rules change in %s", time.Since(changed).Round(10*time.Millisecond))

	// 7. Roll back to the audit revision: netiso removes its policies itself.
	step("rollback")
	r.run("helm rollback netiso 1 --namespace netiso-system")
	r.startWebhook("--mode=audit", "--policy-default-deny=false")
	r.eventually("netiso's policies removed", func() bool {
		return strings.Contains(r.run("kubectl get networkpolicy --all-namespaces -l app.kubernetes.io/managed-by=netiso"), "No resources found")
	})
	r.noPolicies()
	r.run0("kubectl", "-n", appNS, "run", "rollback-check", "--image=registry.k8s.io/pause:3.10", "--labels=app=frontend,egress.netiso.dev/paymentservice=true")
	if got := managed(r.pod("rollback-check")); !slices.Equal(got, []string{"egress.netiso.dev/paymentservice"}) {
		t.Errorf("after the rollback, audit mode changed labels: %v", got)
	}

	// Uninstall, straight from enforce mode so that there are policies to leave behind: enforce
	// again (step 5), then uninstall.
	step("uninstall")
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set mode=enforce")
	r.run("helm upgrade netiso deploy/helm/netiso --namespace netiso-system --reuse-values --set policies.stage=enforce")
	r.startWebhook("--mode=enforce", "--policy-default-deny=false", "--policy-stage=enforce")
	plain := parsePolicies(t, r.run0("netiso", "policies", "rules/", "--service-label", "app", "--default-namespace", appNS))
	r.eventuallyNil("netiso's policies back", func() error { return r.policiesAre(plain, owner) })
	r.run("helm uninstall netiso --namespace netiso-system")
	r.stopWebhook()
	// Nothing of the release is left...
	if out, err := r.kubectl("get", "mutatingwebhookconfigurations,validatingadmissionpolicies,validatingadmissionpolicybindings,clusterroles,clusterrolebindings,priorityclasses",
		"-l", "app.kubernetes.io/instance=netiso", "-o", "name"); err != nil || strings.TrimSpace(out) != "" {
		t.Errorf("left after the uninstall (err %v):\n%s", err, out)
	}
	if out, err := r.kubectl("-n", ns, "get", "all,serviceaccounts,secrets,roles,rolebindings,poddisruptionbudgets", "-l", "app.kubernetes.io/instance=netiso", "-o", "name"); err != nil || strings.TrimSpace(out) != "" {
		t.Errorf("left in %s after the uninstall (err %v):\n%s", ns, err, out)
	}
	// ...and netiso's policies are the garbage collector's: each owned by the webhook
	// configuration that is gone. envtest runs no kube-controller-manager, so the test deletes
	// them as the garbage collector would, as its identity (which the guard let through, had it
	// stayed).
	left := r.policies()
	if len(left) == 0 {
		t.Error("no policies left for the garbage collector: the uninstall from enforce mode checks nothing")
	}
	for _, np := range left {
		if len(np.OwnerReferences) != 1 || string(np.OwnerReferences[0].UID) != owner {
			t.Errorf("%s/%s would outlive the uninstall: ownerReferences %+v, the webhook configuration was %s", np.Namespace, np.Name, np.OwnerReferences, owner)
		}
	}
	r.run0("kubectl", "delete", "networkpolicy", "--all-namespaces", "-l", "app.kubernetes.io/managed-by=netiso", "--as="+gc)
	r.noPolicies()
	// Pod creation no longer goes through netiso.
	r.run0("kubectl", "-n", appNS, "run", "after-check", "--image=registry.k8s.io/pause:3.10", "--labels=app=frontend")
	if p := r.pod("after-check"); len(managed(p)) != 0 {
		t.Errorf("after the uninstall: labels %v", managed(p))
	}
	t.Logf("walked in %s", time.Since(start).Round(time.Millisecond))
}

func setUp(t *testing.T, assets, helm string) *runbook {
	doc, err := os.ReadFile(install)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	r := &runbook{t: t, doc: string(doc), work: filepath.Join(tmp, "work"), bin: filepath.Join(tmp, "bin"), certs: filepath.Join(tmp, "certs"), logFile: filepath.Join(tmp, "webhook.log")}
	// A clone's layout: the rules in rules/ (a directory, as the runbook has it), the chart in deploy/.
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{r.bin, filepath.Join(r.work, "rules"), filepath.Join(r.work, "deploy")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repo, "deploy", "helm"), filepath.Join(r.work, "deploy", "helm")); err != nil {
		t.Fatal(err)
	}
	r.write(filepath.Join(r.work, "rules", "rules.yaml"), string(r.read(filepath.Join(repo, "examples", "online-boutique", "rules.yaml"))))
	build := exec.Command("go", "build", "-o", r.bin+"/", "github.com/netiso/netiso/cmd/netiso", "github.com/netiso/netiso/cmd/webhook")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("building netiso and the webhook: %v", err)
	}
	gen := exec.Command("go", "run", "github.com/netiso/netiso/certs/gen", "-dir", r.certs)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("certs: %v\n%s", err, out)
	}
	for name, path := range map[string]string{"kubectl": filepath.Join(assets, "kubectl"), "helm": helm} {
		if err := os.Symlink(path, filepath.Join(r.bin, name)); err != nil {
			t.Fatal(err)
		}
	}

	// With Calico's CRDs, where the audit stage keeps Calico's policies.
	env := &envtest.Environment{ControlPlaneStartTimeout: time.Minute, ControlPlaneStopTimeout: time.Minute,
		CRDInstallOptions: envtest.CRDInstallOptions{Paths: []string{"../calico/testdata/crd"}, ErrorIfPathMissing: true}}
	if _, err := env.Start(); err != nil {
		t.Fatalf("starting kube-apiserver and etcd: %v", err)
	}
	t.Cleanup(func() { _ = env.Stop() })
	admin, err := env.AddUser(envtest.User{Name: "platform-team", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.adminCfg, err = admin.KubeConfig(); err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(tmp, "admin.kubeconfig")
	r.write(kubeconfig, string(r.adminCfg))
	r.server, r.caData = env.Config.Host, env.Config.CAData
	r.env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "PATH="+r.bin+":"+os.Getenv("PATH"),
		"HELM_CACHE_HOME="+filepath.Join(tmp, "helm", "cache"), "HELM_CONFIG_HOME="+filepath.Join(tmp, "helm", "config"), "HELM_DATA_HOME="+filepath.Join(tmp, "helm", "data"))
	r.port = freePort(t)
	t.Cleanup(r.stopWebhook)
	return r
}

// run runs a command line of the runbook, which must appear in it as written.
func (r *runbook) run(line string) string { return r.runWith(line, "") }

// runWith runs a runbook line with extra arguments the test needs (appended after the line).
func (r *runbook) runWith(line, extra string) string {
	r.t.Helper()
	r.inDoc(line)
	cmd := exec.Command("bash", "-o", "pipefail", "-c", strings.TrimSpace(line+" "+extra))
	cmd.Dir, cmd.Env = r.work, r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("%s: %v\n%s", line, err, out)
	}
	return string(out)
}

// bridged is a runbook line the test cannot run (it needs a kubelet): it is still checked to be in
// the runbook, and the test checks its equivalent.
func (r *runbook) bridged(line string) { r.t.Helper(); r.inDoc(line) }

func (r *runbook) inDoc(line string) {
	r.t.Helper()
	if !strings.Contains(r.doc, line) {
		r.t.Errorf("docs/install.md does not show this command, which the test runs:\n  %s", line)
	}
}

// startWebhook (re)starts the stand-in for the Deployment's pods with the Deployment's own
// arguments, as the ServiceAccount the chart made; wantArgs are some they must hold.
func (r *runbook) startWebhook(wantArgs ...string) {
	r.t.Helper()
	r.stopWebhook()
	var args []string
	raw := r.run0("kubectl", "-n", ns, "get", "deployment", "netiso", "-o", "jsonpath={.spec.template.spec.containers[0].args}")
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		r.t.Fatalf("the Deployment's args %q: %v", raw, err)
	}
	for _, a := range wantArgs {
		if !slices.Contains(args, a) {
			r.t.Fatalf("the Deployment's args %v lack %s", args, a)
		}
	}
	token := strings.TrimSpace(r.run0("kubectl", "-n", ns, "create", "token", "netiso"))
	kc := filepath.Join(filepath.Dir(r.logFile), "netiso.kubeconfig")
	r.write(kc, fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: %q, certificate-authority-data: %s}}]
users: [{name: netiso, user: {token: %q}}]
contexts: [{name: c, context: {cluster: c, user: netiso}}]
current-context: c
`, r.server, base64.StdEncoding.EncodeToString(r.caData), token))
	probes, metrics := freePort(r.t), freePort(r.t)
	r.metrics = fmt.Sprintf("https://127.0.0.1:%d/metrics", metrics)
	args = append(args, "--kubeconfig="+kc, "--webhook-host=127.0.0.1", fmt.Sprintf("--webhook-port=%d", r.port),
		"--webhook-cert-path="+r.certs, fmt.Sprintf("--metrics-bind-address=127.0.0.1:%d", metrics),
		fmt.Sprintf("--health-probe-bind-address=127.0.0.1:%d", probes), "--shutdown-delay=0s", "--log-format=console")
	log, err := os.OpenFile(r.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		r.t.Fatal(err)
	}
	// POD_NAME as the Deployment's downward API gives it: the stand-in's pod.
	var env []corev1.EnvVar
	if err := json.Unmarshal([]byte(r.run0("kubectl", "-n", ns, "get", "deployment", "netiso", "-o", "jsonpath={.spec.template.spec.containers[0].env}")), &env); err != nil ||
		!slices.ContainsFunc(env, func(e corev1.EnvVar) bool {
			return e.Name == "POD_NAME" && e.ValueFrom != nil && e.ValueFrom.FieldRef != nil && e.ValueFrom.FieldRef.FieldPath == "metadata.name"
		}) {
		r.t.Fatalf("the Deployment does not give its pods POD_NAME (err %v): %+v", err, env)
	}
	r.webhook = exec.Command(filepath.Join(r.bin, "webhook"), args...)
	r.webhook.Env = append(os.Environ(), "POD_NAME="+standIn)
	r.webhook.Stdout, r.webhook.Stderr = log, log
	if err := r.webhook.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.eventually("the webhook ready", func() bool {
		conn, err := tls.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port), &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // a liveness probe
		if err != nil {
			return false
		}
		_ = conn.Close()
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/readyz", probes))
		if err != nil {
			return false
		}
		_ = resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func (r *runbook) stopWebhook() {
	if r.webhook == nil || r.webhook.Process == nil {
		return
	}
	_ = r.webhook.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = r.webhook.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = r.webhook.Process.Kill()
		<-done
	}
	r.webhook = nil
	if r.t.Failed() {
		r.t.Logf("--- webhook log (last 4 KiB) ---\n%s", tail(r.read(r.logFile), 4<<10))
	}
}

// run0 runs a tool the test itself needs (not a runbook line).
func (r *runbook) run0(name string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command(filepath.Join(r.bin, name), args...)
	cmd.Dir, cmd.Env = r.work, r.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		r.t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

// kubectl runs kubectl for the test, expecting it may fail: its combined output and error.
func (r *runbook) kubectl(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(r.bin, "kubectl"), args...)
	cmd.Dir, cmd.Env = r.work, r.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// policies are the NetworkPolicies labelled as netiso's, in every namespace.
func (r *runbook) policies() []networkingv1.NetworkPolicy {
	r.t.Helper()
	var list networkingv1.NetworkPolicyList
	if err := json.Unmarshal([]byte(r.run0("kubectl", "get", "networkpolicy", "--all-namespaces", "-l", "app.kubernetes.io/managed-by=netiso", "-o", "json", "--show-managed-fields")), &list); err != nil {
		r.t.Fatal(err)
	}
	return list.Items
}

// noPolicies checks, with the runbook's own line, that netiso holds no policy.
func (r *runbook) noPolicies() {
	r.t.Helper()
	if out := r.run("kubectl get networkpolicy --all-namespaces -l app.kubernetes.io/managed-by=netiso"); !strings.Contains(out, "No resources found") {
		r.t.Errorf("netiso's policies where none should be:\n%s", out)
	}
}

// policiesAre says how netiso's policies in the cluster differ from want (what `netiso policies`
// printed): the same objects (names, netiso's labels, specs), each written by netiso alone (the
// only field manager, "netiso", by server-side apply) and owned by the webhook configuration
// whose UID is owner. nil when they do not.
func (r *runbook) policiesAre(want []networkingv1.NetworkPolicy, owner string) error {
	byKey := map[string]networkingv1.NetworkPolicy{}
	for _, np := range want {
		byKey[np.Namespace+"/"+np.Name] = np
	}
	var problems []string
	got := r.policies()
	for _, np := range got {
		key := np.Namespace + "/" + np.Name
		w, ok := byKey[key]
		if !ok {
			problems = append(problems, key+": not printed by netiso policies")
			continue
		}
		delete(byKey, key)
		for k, v := range w.Labels {
			if np.Labels[k] != v {
				problems = append(problems, fmt.Sprintf("%s: label %s=%q, want %q", key, k, np.Labels[k], v))
			}
		}
		if !apiequality.Semantic.DeepEqual(np.Spec, w.Spec) {
			a, _ := yaml.Marshal(np.Spec)
			b, _ := yaml.Marshal(w.Spec)
			problems = append(problems, fmt.Sprintf("%s: spec\n%s\nwant\n%s", key, a, b))
		}
		for _, m := range np.ManagedFields {
			if m.Manager != "netiso" || m.Operation != metav1.ManagedFieldsOperationApply {
				problems = append(problems, fmt.Sprintf("%s: field manager %q (%s), want netiso's server-side apply alone", key, m.Manager, m.Operation))
			}
		}
		if len(np.ManagedFields) == 0 {
			problems = append(problems, key+": no managedFields")
		}
		wantRef := metav1.OwnerReference{APIVersion: "admissionregistration.k8s.io/v1", Kind: "MutatingWebhookConfiguration", Name: "netiso", UID: types.UID(owner)}
		if len(np.OwnerReferences) != 1 || !apiequality.Semantic.DeepEqual(np.OwnerReferences[0], wantRef) {
			problems = append(problems, fmt.Sprintf("%s: ownerReferences %+v, want the webhook configuration %+v", key, np.OwnerReferences, wantRef))
		}
	}
	for key := range byKey {
		problems = append(problems, key+": missing")
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return fmt.Errorf("%d policies in the cluster, %d printed:\n%s", len(got), len(want), strings.Join(problems, "\n"))
	}
	return nil
}

// parsePolicies reads the NetworkPolicies `netiso policies` prints.
func parsePolicies(t *testing.T, out string) []networkingv1.NetworkPolicy {
	t.Helper()
	var nps []networkingv1.NetworkPolicy
	dec := utilyaml.NewYAMLOrJSONDecoder(strings.NewReader(out), 4096)
	for {
		var np networkingv1.NetworkPolicy
		if err := dec.Decode(&np); errors.Is(err, io.EOF) {
			return nps
		} else if err != nil {
			t.Fatalf("netiso policies: %v", err)
		}
		if np.Kind != "" {
			nps = append(nps, np)
		}
	}
}

func (r *runbook) pod(name string) corev1.Pod {
	r.t.Helper()
	var p corev1.Pod
	if err := yaml.Unmarshal([]byte(r.run0("kubectl", "-n", appNS, "get", "pod", name, "-o", "yaml")), &p); err != nil {
		r.t.Fatal(err)
	}
	return p
}

// managed are a pod's labels under the managed prefixes, sorted.
func managed(p corev1.Pod) []string {
	var out []string
	for k := range p.Labels {
		if strings.HasPrefix(k, "egress.netiso.dev/") || strings.HasPrefix(k, "egress-type.netiso.dev/") {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (r *runbook) eventually(what string, cond func() bool) {
	r.t.Helper()
	r.eventuallyNil(what, func() error {
		if cond() {
			return nil
		}
		return errors.New("no")
	})
}

// eventuallyNil waits up to 30 s for check to return nil, and fails with its last error.
func (r *runbook) eventuallyNil(what string, check func() error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		err := check()
		if err == nil {
			return
		}
		select {
		case <-ctx.Done():
			r.t.Fatalf("%s: not after 30s: %v", what, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// get reads url, which the webhook serves with the dev certificate, as the holder of token.
func (r *runbook) get(url, token string) string {
	r.t.Helper()
	_, body := r.fetch(url, token)
	return body
}

// scrape is a read of the webhook's /metrics with token ("" for none): the status and the body.
func (r *runbook) scrape(token string) (int, string) { r.t.Helper(); return r.fetch(r.metrics, token) }

func (r *runbook) fetch(url, token string) (int, string) {
	r.t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(r.read(filepath.Join(r.certs, "ca.crt")))
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

func (r *runbook) read(path string) []byte {
	r.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *runbook) write(path, content string) {
	r.t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func grep(text, word string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// reviewFlows is the audit stage's review, with the test standing in for the kubelet (pod
// addresses) and for Felix (a kernel log line as Felix's Log rule writes it, test/dataplane
// checks that on real packets): frontend's pod reached paymentservice's on 50051, which the rules
// do not grant. `netiso flows` proposes that link, in a rules file `netiso diff` reads.
func (r *runbook) reviewFlows() {
	r.t.Helper()
	r.run0("kubectl", "-n", appNS, "run", "payments-check", "--image=registry.k8s.io/pause:3.10", "--labels=app=paymentservice")
	for pod, ip := range map[string]string{"enforce-check": "10.1.0.1", "payments-check": "10.1.0.2"} {
		r.run0("kubectl", "-n", appNS, "patch", "pod", pod, "--subresource=status", "--type=merge",
			"-p", fmt.Sprintf(`{"status":{"podIP":%q,"podIPs":[{"ip":%q}]}}`, ip, ip))
	}
	r.write(filepath.Join(r.work, "kern.log"), "[ 5021.113402] calico-packet: IN=cali1d4a0c2f0e1 OUT=cali5b3e9d7a2c4 MAC=ee:ee:ee:ee:ee:ee:2a:5b:3c:11:07:9e:08:00 "+
		"SRC=10.1.0.1 DST=10.1.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=40213 DF PROTO=TCP SPT=43120 DPT=50051 WINDOW=64240 RES=0x00 SYN URGP=0 \n")
	r.run("kubectl get pods --all-namespaces -o yaml > pods.yaml")
	out := r.run("netiso flows rules/ kern.log --pods pods.yaml --service-label app --write proposed.yaml")
	if !strings.Contains(out, "frontend") || !strings.Contains(out, "paymentservice") {
		r.t.Errorf("netiso flows does not name frontend -> paymentservice:\n%s", out)
	}
	// The same review with the pods listed from the cluster ($KUBECONFIG) instead of a snapshot.
	if live := r.run0("netiso", "flows", "rules/", "kern.log", "--service-label", "app"); live != out {
		r.t.Errorf("netiso flows on the cluster's pods differs from the snapshot's:\n%s\nsnapshot:\n%s", live, out)
	}
	diff := r.run0("netiso", "diff", "rules/", "proposed.yaml", "--service-label", "app", "--default-namespace", appNS)
	if !strings.Contains(diff, "+ frontend -> paymentservice") || !strings.Contains(diff, "1 link opened") {
		r.t.Errorf("the proposed rules are not the rules plus frontend -> paymentservice:\n%s", diff)
	}
	r.run0("kubectl", "-n", appNS, "delete", "pod", "payments-check")
}

// standInRecord is what the stand-in records it serves, on its pod.
func (r *runbook) standInRecord() string {
	r.t.Helper()
	return r.run0("kubectl", "-n", ns, "get", "pod", standIn, "-o", `jsonpath={.metadata.annotations.netiso\.dev/serving}`)
}

// checkStatus runs the runbook's netiso status: healthy once enforcing; then, with the webhook
// bypassed (stopped, its configuration failing open), a pod created with a label its grant does
// not give and a policy deleted (as the garbage collector, which the guard lets through) are each
// reported, exit 3. The webhook comes back, netiso restores the policy, the pod goes.
func (r *runbook) checkStatus(owner string) {
	r.t.Helper()
	version := strings.TrimSpace(r.run0("kubectl", "-n", ns, "get", "configmap", "netiso-rules", "-o", `jsonpath={.metadata.annotations.netiso\.dev/rules-hash}`))
	r.eventually("the stand-in records enforce mode", func() bool {
		return strings.Contains(r.standInRecord(), `"mode":"enforce"`) && strings.Contains(r.standInRecord(), version)
	})
	out := r.run("netiso status")
	for _, w := range []string{"netiso status: healthy", standIn + "  rules " + version, "policies: enforce", "NetworkPolicies: 12 expected, 0 not"} {
		if !strings.Contains(out, w) {
			r.t.Errorf("netiso status lacks %q:\n%s", w, out)
		}
	}
	r.stopWebhook()
	r.run0("helm", "upgrade", "netiso", "deploy/helm/netiso", "--namespace", ns, "--reuse-values", "--set", "webhook.failurePolicy=Ignore")
	r.run0("kubectl", "-n", appNS, "run", "forged", "--image=registry.k8s.io/pause:3.10", "--labels=app=cartservice,egress.netiso.dev/paymentservice=true", "--as="+team)
	r.run0("kubectl", "-n", appNS, "delete", "networkpolicy", "netiso-frontend", "--as="+gc)
	line := "netiso status --format json"
	r.inDoc(line)
	cmd := exec.Command("bash", "-c", line)
	cmd.Dir, cmd.Env = r.work, r.env
	js, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		r.t.Errorf("%s with a forged pod and a deleted policy: %v, want exit 3", line, err)
	}
	var report struct {
		Pods struct {
			Differ []struct{ Namespace, Name, Cause string } `json:"differ"`
		} `json:"pods"`
		Policies struct {
			Findings []struct{ Namespace, Name, Problem string } `json:"findings"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(js, &report); err != nil {
		r.t.Fatalf("%s: %v\n%s", line, err, js)
	}
	if d := report.Pods.Differ; len(d) != 1 || d[0].Name != "forged" || d[0].Cause != "forged" {
		r.t.Errorf("netiso status: pods %+v, want shop/forged, forged", d)
	}
	if f := report.Policies.Findings; len(f) != 1 || f[0].Name != "netiso-frontend" || f[0].Problem != "missing" {
		r.t.Errorf("netiso status: policies %+v, want shop/netiso-frontend missing", f)
	}
	r.run0("kubectl", "-n", appNS, "delete", "pod", "forged")
	r.run0("helm", "upgrade", "netiso", "deploy/helm/netiso", "--namespace", ns, "--reuse-values", "--set", "webhook.failurePolicy=Fail")
	r.startWebhook("--mode=enforce")
	r.eventuallyNil("netiso-frontend restored", func() error {
		return r.policiesAre(parsePolicies(r.t, r.run0("netiso", "policies", "rules/", "--service-label", "app", "--default-namespace", appNS)), owner)
	})
}
