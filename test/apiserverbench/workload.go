package main

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/test/harness"
)

// probeNamespace holds the pod whose status updates tell whether the webhook is called for them.
const probeNamespace = "bench-probe"

const forgedKey = "egress.netiso.dev/bench-forged" // granted to no service

// settle waits until the API server applies m: a dry-run pod's forged label is removed when m
// mutates and kept when not, and a status update reaches the webhook exactly when m says so. The
// policies created with it are given a second more (their informers are the same kind).
func (b *bench) settle(m *mode) error {
	probe := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "probe", Namespace: probeNamespace, Labels: map[string]string{serviceLabel: b.services[0]}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "pause"}}}}
	if err := b.admin.Get(b.ctx, client.ObjectKeyFromObject(probe), &corev1.Pod{}); apierrors.IsNotFound(err) {
		if err := b.admin.Create(b.ctx, probe.DeepCopy()); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for i := 0; ; i++ {
		dry := b.podFor(0, "dry")
		dry.Labels[forgedKey] = "true"
		// A refusal is the previous mode's create policy, not yet seen gone: try again.
		err := b.admin.Create(b.ctx, dry, client.DryRunAll)
		mutated := dry.Labels[forgedKey] == ""
		called := false
		if err == nil {
			called, err = b.statusReachesWebhook(probe, i)
		}
		if err == nil && mutated == m.mutates && called == m.statusCalls {
			break
		}
		if time.Now().After(deadline) {
			if err != nil {
				return fmt.Errorf("mode %s not in force after 30s: %w", m.name, err)
			}
			return fmt.Errorf("mode %s not in force after 30s (mutates %v, status updates reach the webhook %v)", m.name, mutated, called)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second)
	return nil
}

func (b *bench) statusReachesWebhook(p *corev1.Pod, i int) (bool, error) {
	count := func() (float64, error) {
		m, err := b.webhook.Metrics()
		return harness.Sum(m, "netiso_admissions_total", `operation="UPDATE"`), err
	}
	before, err := count()
	if err != nil {
		return false, err
	}
	body := fmt.Sprintf(`{"status":{"message":"probe %d"}}`, i)
	if err := b.admin.Status().Patch(b.ctx, p.DeepCopy(), client.RawPatch(types.MergePatchType, []byte(body))); err != nil {
		return false, err
	}
	after, err := count()
	return after > before, err
}

// sample is one phase of one mode in one round.
type sample struct {
	mode, op string
	round, n int
	errs     int
	firstErr string
	elapsed  time.Duration
	lat      []time.Duration
	// CPU used meanwhile by the API server, etcd and the webhook process.
	apiCPU, etcdCPU, hookCPU time.Duration
	load                     string // the 1-minute load average as the phase started
}

func (s sample) rate() float64 { return float64(s.n) / s.elapsed.Seconds() }

func (s sample) p(q float64) time.Duration { return harness.Percentile(sorted(s.lat), q) }

// measure runs n requests through the bench's clients, timing each, with the CPU of the processes
// involved read around the whole phase.
func (b *bench) measure(m *mode, op string, round, n int, do func(i int) error) (sample, error) {
	s := sample{mode: m.name, op: op, round: round, n: n, lat: make([]time.Duration, n), load: harness.LoadAverage()}
	cpu := func() (api, etcd, hook time.Duration, err error) {
		if api, err = harness.CPU(b.apiPID); err != nil {
			return
		}
		if etcd, err = harness.CPU(b.etcdPID); err != nil {
			return
		}
		hook, err = harness.CPU(b.webhook.PID())
		return
	}
	a0, e0, h0, err := cpu()
	if err != nil {
		return s, err
	}
	work := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range b.o.clients {
		wg.Go(func() {
			for i := range work {
				t := time.Now()
				err := do(i)
				s.lat[i] = time.Since(t)
				if err != nil {
					mu.Lock()
					if s.errs++; s.firstErr == "" {
						s.firstErr = err.Error()
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	s.elapsed = time.Since(start)
	a1, e1, h1, err := cpu()
	s.apiCPU, s.etcdCPU, s.hookCPU = a1-a0, e1-e0, h1-h0
	return s, err
}

// creates creates the round's pods, one of each service in turn, each as a Deployment would make it.
func (b *bench) creates(m *mode, round int) (sample, error) {
	prefix := fmt.Sprintf("r%d-%s", round, strings.ReplaceAll(m.name, "+", "-"))
	return b.measure(m, "CREATE", round, b.o.creates, func(i int) error {
		p := b.podFor(i, prefix)
		_, err := b.cs.CoreV1().Pods(p.Namespace).Create(b.ctx, p, metav1.CreateOptions{})
		return err
	})
}

// statusUpdates sends the status reports a kubelet sends (a strategic merge patch of a condition, on
// pods/status) to the round's pods in turn: a real change each time, no label touched.
func (b *bench) statusUpdates(m *mode, round int) (sample, error) {
	prefix := fmt.Sprintf("r%d-%s", round, strings.ReplaceAll(m.name, "+", "-"))
	pods := min(b.o.creates, b.o.updates)
	return b.measure(m, "UPDATE", round, b.o.updates, func(i int) error {
		p := b.podFor(i%pods, prefix)
		ready := [2]string{"True", "False"}[i/pods%2]
		body := fmt.Sprintf(`{"status":{"conditions":[{"type":"Ready","status":%q,"lastTransitionTime":%q}]}}`,
			ready, time.Now().UTC().Format(time.RFC3339))
		_, err := b.cs.CoreV1().Pods(p.Namespace).Patch(b.ctx, p.Name, types.StrategicMergePatchType, []byte(body), metav1.PatchOptions{}, "status")
		return err
	})
}

// equivalence checks that the MutatingAdmissionPolicy gives the labels and annotation the webhook
// gives, by dry-run creates of the same pods through each: a sample of services in their own
// namespaces with a forged label, one outside its namespaces, an unknown service, no identity.
func (b *bench) equivalence() (int, error) {
	var cases []*corev1.Pod
	for i := range 30 {
		p := b.podFor(i*len(b.services)/30, "eq")
		p.Labels[forgedKey] = "true"
		p.Labels["egress-type.netiso.dev/forged"] = "true"
		cases = append(cases, p)
	}
	for _, name := range b.services {
		if s, _ := b.rules.Service(name); len(s.Namespaces) > 0 {
			p := b.podFor(0, "eq-elsewhere")
			p.Labels[serviceLabel], p.Namespace = name, unboundNamespace
			cases = append(cases, p)
			break
		}
	}
	unknown := b.podFor(0, "eq-unknown")
	unknown.Labels[serviceLabel] = "no-such-service"
	unknown.Labels[forgedKey] = "true"
	anonymous := b.podFor(0, "eq-anonymous")
	delete(anonymous.Labels, serviceLabel)
	anonymous.Labels[forgedKey] = "true"
	cases = append(cases, unknown, anonymous)

	answers := func(m *mode) ([]string, error) {
		if err := b.install(m); err != nil {
			return nil, err
		}
		out := make([]string, len(cases))
		for i, c := range cases {
			p := c.DeepCopy()
			if err := b.admin.Create(b.ctx, p, client.DryRunAll); err != nil {
				return nil, fmt.Errorf("mode %s, case %d: %w", m.name, i, err)
			}
			out[i] = fmt.Sprint(managed(p.Labels), " ", p.Annotations["netiso.dev/rules-hash"])
		}
		return out, nil
	}
	hook, err := answers(b.modes["netiso"])
	if err != nil {
		return 0, err
	}
	policy, err := answers(b.modes["map"])
	if err != nil {
		return 0, err
	}
	for i := range cases {
		if hook[i] != policy[i] {
			return 0, fmt.Errorf("case %d (%s in %s): the webhook gives %s, the MutatingAdmissionPolicy %s",
				i, cases[i].Labels[serviceLabel], cases[i].Namespace, hook[i], policy[i])
		}
	}
	return len(cases), nil
}

func managed(labels map[string]string) map[string]string {
	out := maps.Clone(labels)
	maps.DeleteFunc(out, func(k, _ string) bool {
		return !rules.DefaultOptions().IsManaged(k)
	})
	return out
}
