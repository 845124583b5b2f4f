package mutate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

// benchRules is a Monzo-shaped rule set (1,500 services, 9,300 links) plus one caller of 200 services.
func benchRules(b *testing.B) (*rules.Compiled, string) {
	b.Helper()
	doc := synth.Generate(synth.Monzo())
	six := ""
	wide := rules.Service{Name: "bench-wide-caller"}
	for _, s := range doc.Services {
		if six == "" && len(s.Calls) == 6 && len(s.CallsTypes) == 0 && len(s.Namespaces) == 0 {
			six = s.Name
		}
		if len(wide.Calls) < 200 {
			wide.Calls = append(wide.Calls, s.Name)
		}
	}
	if six == "" {
		b.Fatal("no 6-callee service without namespaces in the synthetic rules")
	}
	doc.Services = append(doc.Services, wide)
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	return c, six
}

// realisticPod is a Deployment's pod as the API server sends it to admission: two containers with
// env, probes, resources and mounts, owner reference, and the managed fields of its creator. About
// 10 KB of JSON.
func realisticPod(service string) []byte {
	env := make([]corev1.EnvVar, 0, 24)
	for i := range 24 {
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
			Labels:          map[string]string{"app.kubernetes.io/name": service, "pod-template-hash": "7c9b5d8f4", "team": "payments"},
			Annotations:     map[string]string{"prometheus.io/scrape": "true", "prometheus.io/port": "8080"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: service + "-7c9b5d8f4", UID: "6f1c3f0e"}},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kube-controller-manager", Operation: metav1.ManagedFieldsOperationUpdate,
				APIVersion: "v1", FieldsType: "FieldsV1", FieldsV1: &metav1.FieldsV1{Raw: []byte(fields)}}},
		},
		Spec: corev1.PodSpec{
			Containers:         []corev1.Container{container("app"), container("sidecar")},
			ServiceAccountName: service,
			Volumes:            []corev1.Volume{{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: service + "-config"}}}}},
		},
	}
	b, _ := json.Marshal(pod)
	return b
}

func benchReview(b *testing.B, service string) []byte {
	b.Helper()
	body, _ := json.Marshal(admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{
			UID: "705ab4f5-6393-11e8-b7cc-42010a800002", Kind: metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Operation: admissionv1.Create,
			Namespace: "bank",
		},
	})
	// Splice the pod in as raw JSON, as the API server sends it.
	pod := realisticPod(service)
	return bytes.Replace(body, []byte(`"operation":"CREATE"`), append([]byte(`"object":`+string(pod)+`,`), []byte(`"operation":"CREATE"`)...), 1)
}

// serveBench is one admission over the real controller-runtime HTTP adapter: decode the
// AdmissionReview, handle, encode the response.
func serveBench(b *testing.B, h admission.Handler, body []byte) {
	wh := &admission.Webhook{Handler: h}
	req := httptest.NewRequest(http.MethodPost, Path, nil)
	req.Header.Set("Content-Type", "application/json")
	rd := bytes.NewReader(body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rd.Reset(body)
		req.Body = http.NoBody
		req.Body = readCloser{rd}
		rec := httptest.NewRecorder()
		wh.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("HTTP %d", rec.Code)
		}
	}
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

type allowAll struct{}

func (allowAll) Handle(context.Context, admission.Request) admission.Response {
	return admission.Allowed("")
}

// BenchmarkAdmission compares the handler with the floor: the same review, decoded and answered
// "allowed" by a handler that does nothing.
func BenchmarkAdmission(b *testing.B) {
	r, six := benchRules(b)
	h := &Handler{Rules: func() *rules.Compiled { return r }, Config: Config{ServiceLabel: "app.kubernetes.io/name", UnknownService: UnknownAllow}}
	for _, bc := range []struct{ name, service string }{{"callees=6", six}, {"callees=200", "bench-wide-caller"}} {
		body := benchReview(b, bc.service)
		b.Run("floor/"+bc.name, func(b *testing.B) { serveBench(b, allowAll{}, body) })
		b.Run("handler/"+bc.name, func(b *testing.B) { serveBench(b, h, body) })
	}
}

// BenchmarkDecide is the pure decision alone.
func BenchmarkDecide(b *testing.B) {
	r, six := benchRules(b)
	in := Input{Operation: admissionv1.Create, Namespace: "bank", Pod: Meta{Labels: map[string]string{"app.kubernetes.io/name": six}}}
	cfg := Config{ServiceLabel: "app.kubernetes.io/name"}
	b.ReportAllocs()
	for b.Loop() {
		d := Decide(in, r, cfg)
		_ = Patch(in.Pod, d, r.Options().IsManaged)
	}
}
