//go:build dataplane

package dataplane

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

const (
	shopNS   = "default" // the Online Boutique's manifests name no namespace
	legacyNS = "legacy"  // labelled netiso.dev/exempt=true
	// closed is a port every destination listens on and no rule opens (but a service's without
	// ports): a refused connect there is the policy's port list at work, not a missing listener.
	closed = 65000
)

// pod is one pod of the test cluster: an API object and a network namespace with listeners.
type pod struct {
	name, namespace string
	// service is the identity label's value ("" for none); policed is false for a pod in an
	// exempt namespace, which the webhook never sees: it keeps the labels it was made with.
	service string
	policed bool
	ports   []int // listened on and probed; none for a pod that is only a source
	shop    bool  // one of the Online Boutique's own pods
	// forgesAll: the pod bypassed the webhook in a policed namespace, carrying every managed label;
	// dns: the pod is the cluster DNS that zones' egress policies let through.
	forgesAll, dns bool
	net            *podNS
}

func (p *pod) String() string { return p.namespace + "/" + p.name }

// world is the cluster the matrix runs on: the rules in force, and every pod.
type world struct {
	doc  *rules.Document
	pods []*pod
}

// baseDoc is the rules of the whole suite: the Online Boutique's example rules and the synthetic
// set's services, one document.
func baseDoc() (*rules.Document, error) {
	shop, err := rules.Load("../../examples/online-boutique/rules.yaml")
	if err != nil {
		return nil, err
	}
	synthetic, err := rules.Load("testdata/synthetic-rules.yaml")
	if err != nil {
		return nil, err
	}
	doc := &rules.Document{APIVersion: rules.APIVersion, Kind: rules.Kind, Services: slices.Concat(shop.Services, synthetic.Services)}
	_, err = rules.Compile(doc, rules.DefaultOptions())
	return doc, err
}

func docJSON(doc *rules.Document) []byte {
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err) // plain structs
	}
	return b
}

// setRules writes the rules ConfigMap, as `netiso compile` output would be applied.
func setRules(ctx context.Context, data []byte) error {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: netisoNamespace, Name: rulesConfigMap},
		Data: map[string]string{rules.ConfigMapKey: string(data)}}
	err := k8s.Update(ctx, cm)
	if apierrors.IsNotFound(err) {
		err = k8s.Create(ctx, cm)
	}
	return err
}

// policyOptions are `netiso policies`' options for this cluster: its identity label and namespaces,
// and the default cluster DNS (kube-system, k8s-app=kube-dns, 53) for zones' egress policies.
func policyOptions() policy.Options {
	o := policy.DefaultOptions()
	o.ServiceLabel, o.NetisoNamespace, o.DefaultNamespace = serviceLabel, netisoNamespace, shopNS
	return o
}

// generatePolicies is what `netiso policies` writes for doc.
func generatePolicies(doc *rules.Document) ([]*networkingv1.NetworkPolicy, error) {
	r, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		return nil, err
	}
	return policy.Generate(r, policyOptions())
}

// ensureNamespaces creates every namespace doc's policies live in. netiso applies policies, it
// does not make namespaces: in a cluster they exist where the services run.
func ensureNamespaces(ctx context.Context, doc *rules.Document) error {
	policies, err := generatePolicies(doc)
	if err != nil {
		return err
	}
	for _, np := range policies {
		if err := createNamespace(ctx, np.Namespace, nil); err != nil {
			return err
		}
	}
	return nil
}

// heldPolicies are netiso's policies in the cluster now (labelled as netiso's), by key.
func heldPolicies(ctx context.Context) (map[types.NamespacedName]*networkingv1.NetworkPolicy, error) {
	var list networkingv1.NetworkPolicyList
	if err := k8s.List(ctx, &list, client.MatchingLabels{policy.ManagedByLabel: policy.ManagedBy}); err != nil {
		return nil, err
	}
	out := map[types.NamespacedName]*networkingv1.NetworkPolicy{}
	for i := range list.Items {
		out[policy.Key(&list.Items[i])] = &list.Items[i]
	}
	return out, nil
}

// holdsExactly says how netiso's policies in the cluster differ from what doc implies ("" for
// not at all): each implied one there, spec for spec, with netiso's labels, owned by the chart's
// webhook configuration; none else, but the deny netiso keeps for a destination gone from the
// rules (policy.Deny): while its pods run, it closes them to everyone; once they are gone it
// selects nothing, and netiso removes it at its next check (every 30 s), which the suite does not
// wait for.
func holdsExactly(ctx context.Context, doc *rules.Document) (string, error) {
	nps, err := generatePolicies(doc)
	if err != nil {
		return "", err
	}
	want := policy.ByKey(nps)
	got, err := heldPolicies(ctx)
	if err != nil {
		return "", err
	}
	var mwc admissionregv1.MutatingWebhookConfiguration
	if err := k8s.Get(ctx, keyOf(webhookConfiguration), &mwc); err != nil {
		return "", err
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			return fmt.Sprintf("%s missing", k), nil
		case !apiequality.Semantic.DeepEqual(g.Spec, w.Spec):
			return fmt.Sprintf("%s differs from what the rules imply", k), nil
		case len(g.OwnerReferences) != 1 || g.OwnerReferences[0].UID != mwc.UID:
			return fmt.Sprintf("%s: owner references %v, want the webhook configuration %s", k, g.OwnerReferences, mwc.UID), nil
		}
		for l, v := range w.Labels {
			if g.Labels[l] != v {
				return fmt.Sprintf("%s: label %s=%q, want %q", k, l, g.Labels[l], v), nil
			}
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && !isDeny(g) {
			return fmt.Sprintf("%s not implied by the rules", k), nil
		}
	}
	return "", nil
}

// isDeny: np is netiso's deny for a destination gone from the rules: a service's policy that
// admits nothing.
func isDeny(np *networkingv1.NetworkPolicy) bool {
	return policy.IsDestination(np) && len(np.Spec.Ingress) == 0 &&
		slices.Equal(np.Spec.PolicyTypes, []networkingv1.PolicyType{networkingv1.PolicyTypeIngress})
}

// awaitHeld waits until netiso holds exactly what doc implies (holdsExactly).
func awaitHeld(ctx context.Context, doc *rules.Document, timeout time.Duration) error {
	return await("netiso does not hold what the rules imply", timeout, func() (string, error) { return holdsExactly(ctx, doc) })
}

// await polls check until it reports no difference and no error; after timeout it returns the
// last error, or the last difference after what.
func await(what string, timeout time.Duration, check func() (diff string, err error)) error {
	deadline := time.Now().Add(timeout)
	for {
		diff, err := check()
		if err == nil && diff == "" {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return err
			}
			return fmt.Errorf("after %s %s: %s", timeout, what, diff)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// held is awaitHeld in a test: the rules' policies in force before anything is probed.
func held(t testing.TB, doc *rules.Document) time.Duration {
	t.Helper()
	start := time.Now()
	if err := awaitHeld(t.Context(), doc, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// buildWorld creates the suite's pods, through the API and the webhook, in namespaces that exist
// already, netiso holding the rules' policies (testMain):
//   - the Online Boutique's 12 pods, from its manifests (labels, containers, ports);
//   - one pod of every synthetic service in every namespace it may run in, each created with every
//     managed label there is (the webhook must strip what the rules do not grant);
//   - pods the rules give nothing, with every managed label too: of an unknown service, with no
//     identity, and of a namespace-bound service outside its namespaces;
//   - forgers in kube-system, netiso's namespace and a namespace labelled exempt, where the webhook
//     never runs: they keep every managed label, and the policies must not trust them.
func buildWorld(ctx context.Context, doc *rules.Document) (*world, error) {
	forged := func(identity string) map[string]string { return forgedLabels(doc, identity) }

	var todos []todo
	deployments, err := shopDeployments()
	if err != nil {
		return nil, err
	}
	for _, d := range deployments {
		p := &pod{name: d.Name, namespace: shopNS, service: d.Spec.Template.Labels[serviceLabel], policed: true, shop: true}
		for _, c := range d.Spec.Template.Spec.Containers {
			for _, cp := range c.Ports {
				p.ports = append(p.ports, int(cp.ContainerPort))
			}
		}
		p.ports = append(p.ports, closed)
		todos = append(todos, todo{p, d.Spec.Template.Labels, *d.Spec.Template.Spec.DeepCopy()})
	}
	synthetic, err := rules.Load("testdata/synthetic-rules.yaml")
	if err != nil {
		return nil, err
	}
	todos = append(todos, serviceTodos(synthetic.Services, forged)...)
	for _, o := range []struct {
		name, ns, service string
		policed           bool
	}{
		{"unknown-service", shopNS, "no-such-service", true},
		{"no-identity", shopNS, "", true},
		{"ledger-outside", shopNS, "ledger", true}, // ledger may run only in bank
		{"forger", legacyNS, "accounts", false},
		{"forger", "kube-system", "accounts", false},
		{"forger", netisoNamespace, "accounts", false},
	} {
		todos = append(todos, todo{p: &pod{name: o.name, namespace: o.ns, service: o.service, policed: o.policed}, labels: forged(o.service)})
	}

	pods, err := createPods(ctx, todos)
	if err != nil {
		return nil, err
	}
	return &world{doc: doc, pods: pods}, nil
}

// forgedLabels are every managed label doc has, and identity as the service label (none if
// empty): what a pod that the webhook never saw could carry.
func forgedLabels(doc *rules.Document, identity string) map[string]string {
	lo := rules.DefaultOptions()
	l := map[string]string{}
	for _, s := range doc.Services {
		l[lo.CalleeKey(s.Name)] = rules.LabelValue
		if s.Type != "" {
			l[lo.TypeKey(s.Type)] = rules.LabelValue
		}
	}
	if identity != "" {
		l[serviceLabel] = identity
	}
	return l
}

// serviceTodos are one pod of each service in every namespace it may run in, listening on its
// ports (8080 for one without) and on closed, created with forged(its name) for labels.
func serviceTodos(services []rules.Service, forged func(identity string) map[string]string) []todo {
	var todos []todo
	for _, s := range services {
		ports := []int{closed}
		for _, sp := range s.Ports {
			ports = append(ports, int(sp.Port))
		}
		if len(s.Ports) == 0 {
			ports = append(ports, 8080)
		}
		for _, ns := range policy.Namespaces(s, shopNS) {
			todos = append(todos, todo{p: &pod{name: s.Name, namespace: ns, service: s.Name, policed: true, ports: ports}, labels: forged(s.Name)})
		}
	}
	return todos
}

// todo is a pod to create: created with labels, and spec's containers (or one listening on its
// ports).
type todo struct {
	p      *pod
	labels map[string]string
	spec   corev1.PodSpec
}

// createPods creates the pods, eight at a time, sorted by namespace and name.
func createPods(ctx context.Context, todos []todo) ([]*pod, error) {
	var pods []*pod
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, td := range todos {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			err := createPod(ctx, td.p, td.labels, td.spec)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", td.p, err))
				return
			}
			pods = append(pods, td.p)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(pods, func(a, b *pod) int { return strings.Compare(a.String(), b.String()) })
	return pods, nil
}

// createPod gives the pod a network namespace with listeners on its ports, creates it through the
// API on the node (the webhook labels it), and reports it running at its address, as a kubelet
// would: kube-router polices a pod only once it has an IP and the node's address as its hostIP,
// Felix once it is on its node with an IP, behind the interface Calico's CNI plugin would name.
func createPod(ctx context.Context, p *pod, labels map[string]string, spec corev1.PodSpec) error {
	veth := ""
	if enforcer == "calico" {
		veth = calicoInterface(p.namespace, p.name)
	}
	ns, err := nets.addPod(veth)
	if err != nil {
		return err
	}
	p.net = ns
	for _, port := range p.ports {
		if err := ns.listen(port); err != nil {
			return err
		}
	}
	if len(spec.Containers) == 0 {
		c := corev1.Container{Name: "app", Image: "registry.invalid/netiso-dataplane:test"}
		for _, port := range p.ports {
			c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: int32(port), Protocol: corev1.ProtocolTCP})
		}
		spec.Containers = []corev1.Container{c}
	}
	spec.NodeName = nodeName
	obj := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: p.name, Namespace: p.namespace, Labels: labels}, Spec: spec}
	if err := k8s.Create(ctx, obj); err != nil {
		return err
	}
	now := metav1.Now()
	obj.Status = corev1.PodStatus{
		Phase:     corev1.PodRunning,
		HostIP:    nets.nodeIP,
		HostIPs:   []corev1.HostIP{{IP: nets.nodeIP}},
		PodIP:     ns.ip,
		PodIPs:    []corev1.PodIP{{IP: ns.ip}},
		StartTime: &now,
		Conditions: []corev1.PodCondition{
			{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: now},
		},
	}
	return k8s.Status().Update(ctx, obj)
}

// labelsOf reads the pod's labels as the API server has them now.
func labelsOf(ctx context.Context, p *pod) (map[string]string, error) {
	var obj corev1.Pod
	if err := k8s.Get(ctx, client.ObjectKey{Namespace: p.namespace, Name: p.name}, &obj); err != nil {
		return nil, err
	}
	return obj.Labels, nil
}

func shopDeployments() ([]*appsv1.Deployment, error) {
	data, err := os.ReadFile("../../testdata/online-boutique/kubernetes-manifests.yaml")
	if err != nil {
		return nil, err
	}
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out []*appsv1.Deployment
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		var head struct{ Kind string }
		if err := yaml.Unmarshal(doc, &head); err != nil {
			return nil, err
		}
		if head.Kind != "Deployment" {
			continue
		}
		var d appsv1.Deployment
		if err := yaml.Unmarshal(doc, &d); err != nil {
			return nil, err
		}
		out = append(out, &d)
	}
	if len(out) != 12 {
		return nil, fmt.Errorf("%d Deployments in the shop's manifests, want 12", len(out))
	}
	return out, nil
}
