package reconcile

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TrimPod is the cache's transform for pods: it keeps what netiso reads of a pod (its name,
// namespace, UID, resource version, labels and deletion timestamp; its ServiceAccount and each
// container's name and image, for identity anchors) and drops the rest: managed fields,
// annotations, owner references, status and the containers' other fields, most of a pod's size.
// Anything but a pod (a deletion tombstone) passes unchanged.
func TrimPod(obj any) (any, error) {
	p, ok := obj.(*corev1.Pod)
	if !ok {
		return obj, nil
	}
	out := &corev1.Pod{
		TypeMeta: p.TypeMeta,
		ObjectMeta: metav1.ObjectMeta{
			Name: p.Name, Namespace: p.Namespace, UID: p.UID, ResourceVersion: p.ResourceVersion,
			Labels: p.Labels, DeletionTimestamp: p.DeletionTimestamp,
		},
		Spec: corev1.PodSpec{ServiceAccountName: p.Spec.ServiceAccountName, DeprecatedServiceAccount: p.Spec.DeprecatedServiceAccount},
	}
	out.Spec.InitContainers = trimContainers(p.Spec.InitContainers)
	out.Spec.Containers = trimContainers(p.Spec.Containers)
	if len(p.Spec.EphemeralContainers) > 0 {
		out.Spec.EphemeralContainers = make([]corev1.EphemeralContainer, len(p.Spec.EphemeralContainers))
		for i, c := range p.Spec.EphemeralContainers {
			out.Spec.EphemeralContainers[i].Name, out.Spec.EphemeralContainers[i].Image = c.Name, c.Image
		}
	}
	return out, nil
}

func trimContainers(cs []corev1.Container) []corev1.Container {
	if len(cs) == 0 {
		return nil
	}
	out := make([]corev1.Container, len(cs))
	for i, c := range cs {
		out[i] = corev1.Container{Name: c.Name, Image: c.Image}
	}
	return out
}
