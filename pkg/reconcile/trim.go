package reconcile

import (
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TrimPod returns the cache's transform for pods: it keeps what netiso reads of a pod and drops the
// rest, most of a pod's size. Kept: its name, namespace, UID, resource version and deletion
// timestamp; of its labels, the identity label (serviceLabel) and the managed keys (isManaged) only,
// the ones the reconciler and the policy owner judge and select by; its ServiceAccount and each
// container's name and image, for identity anchors. Dropped: managed fields, annotations, foreign
// labels, owner references, finalizers, status and the containers' other fields. The strings every
// pod repeats (namespace, label keys and values, ServiceAccount, container names, images) are
// interned, so 45,000 pods of a few thousand services share one copy of each.
//
// Anything but a pod (a deletion tombstone) passes unchanged.
func TrimPod(serviceLabel string, isManaged func(string) bool) func(any) (any, error) {
	in := &interner{m: map[string]string{}}
	intern := in.intern
	trimLabels := func(labels map[string]string) map[string]string {
		n := 0
		for k := range labels {
			if k == serviceLabel || isManaged(k) {
				n++
			}
		}
		if n == 0 {
			return nil
		}
		out := make(map[string]string, n)
		for k, v := range labels {
			if k == serviceLabel || isManaged(k) {
				out[intern(k)] = intern(v)
			}
		}
		return out
	}
	return func(obj any) (any, error) {
		p, ok := obj.(*corev1.Pod)
		if !ok {
			return obj, nil
		}
		out := &corev1.Pod{
			TypeMeta: metav1.TypeMeta{APIVersion: intern(p.APIVersion), Kind: intern(p.Kind)},
			ObjectMeta: metav1.ObjectMeta{
				Name: p.Name, Namespace: intern(p.Namespace), UID: p.UID, ResourceVersion: p.ResourceVersion,
				Labels: trimLabels(p.Labels), DeletionTimestamp: p.DeletionTimestamp,
			},
			Spec: corev1.PodSpec{ServiceAccountName: intern(p.Spec.ServiceAccountName), DeprecatedServiceAccount: intern(p.Spec.DeprecatedServiceAccount)},
		}
		out.Spec.InitContainers = trimContainers(p.Spec.InitContainers, intern)
		out.Spec.Containers = trimContainers(p.Spec.Containers, intern)
		if len(p.Spec.EphemeralContainers) > 0 {
			out.Spec.EphemeralContainers = make([]corev1.EphemeralContainer, len(p.Spec.EphemeralContainers))
			for i, c := range p.Spec.EphemeralContainers {
				out.Spec.EphemeralContainers[i].Name, out.Spec.EphemeralContainers[i].Image = intern(c.Name), intern(c.Image)
			}
		}
		return out, nil
	}
}

func trimContainers(cs []corev1.Container, intern func(string) string) []corev1.Container {
	if len(cs) == 0 {
		return nil
	}
	out := make([]corev1.Container, len(cs))
	for i, c := range cs {
		out[i] = corev1.Container{Name: intern(c.Name), Image: intern(c.Image)}
	}
	return out
}

// maxInterned bounds the interner: past it the table starts again (images change with every
// deployment, and a table that only grew would keep every one ever seen).
const maxInterned = 1 << 16

// interner keeps one copy of each string it is given, so the copies decoded from each watch event
// become garbage.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func (in *interner) intern(s string) string {
	if s == "" {
		return ""
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if v, ok := in.m[s]; ok {
		return v
	}
	if len(in.m) >= maxInterned {
		clear(in.m)
	}
	s = strings.Clone(s)
	in.m[s] = s
	return s
}
