package synth

import (
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Pod is a realistic pod of service, as the API server sends it to admission, with as many
// environment variables as it takes for its JSON to reach size bytes (24 at least): the input of
// the admission benchmarks and the load test.
func Pod(service, identityLabel string, size int) []byte {
	for vars := 24; ; vars++ {
		if pod := realisticPod(service, identityLabel, vars); len(pod) >= size || vars > 10000 {
			return pod
		}
	}
}

// realisticPod is a Deployment's pod: two containers with env, probes, resources and mounts, an
// owner reference, and the managed fields of its creator (5.8 KB of JSON with 24 variables).
func realisticPod(service, identityLabel string, envVars int) []byte {
	env := make([]corev1.EnvVar, 0, envVars)
	for i := range envVars {
		env = append(env, corev1.EnvVar{Name: fmt.Sprintf("SERVICE_%02d_ADDR", i), Value: fmt.Sprintf("service-%02d.platform.svc.cluster.local:8080", i)})
	}
	probe := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/ready", Port: intstr.FromInt32(8080)}}, PeriodSeconds: 10}
	container := func(name string) corev1.Container {
		return corev1.Container{
			Name: name, Image: "registry.example.com/bank/" + service + ":3f9c2a1", Env: env,
			Ports:          []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
			ReadinessProbe: probe, LivenessProbe: probe,
			Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m"), corev1.ResourceMemory: resource.MustParse("128Mi")},
				Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("256Mi")},
			},
			VolumeMounts: []corev1.VolumeMount{{Name: "config", MountPath: "/etc/config", ReadOnly: true}},
		}
	}
	fields := `{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"6f1c3f0e\"}":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:env":{},"f:image":{},"f:name":{},"f:ports":{},"f:readinessProbe":{},"f:resources":{}}},"f:volumes":{}}}`
	pod := corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			GenerateName:    service + "-7c9b5d8f4-",
			Labels:          map[string]string{identityLabel: service, "pod-template-hash": "7c9b5d8f4", "team": "payments"},
			Annotations:     map[string]string{"prometheus.io/scrape": "true", "prometheus.io/port": "8080"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: service + "-7c9b5d8f4", UID: "6f1c3f0e"}},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kube-controller-manager", Operation: metav1.ManagedFieldsOperationUpdate,
				APIVersion: "v1", FieldsType: "FieldsV1", FieldsV1: metav1.NewFieldsV1(fields)}},
		},
		Spec: corev1.PodSpec{
			Containers:         []corev1.Container{container("app"), container("sidecar")},
			ServiceAccountName: service,
			Volumes:            []corev1.Volume{{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: service + "-config"}}}}},
		},
	}
	b, err := json.Marshal(pod)
	if err != nil {
		panic(err) // a fixed, valid pod
	}
	return b
}
