package discover

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// manifests are the objects discover reads; everything else in the files is skipped.
type manifests struct {
	workloads  []*workload
	services   []*service
	byName     map[string]*service          // namespace/name
	configMaps map[string]map[string]string // namespace/name -> data
	ingresses  []*ingress
	namespaces map[string]bool // every namespace an object is in
}

// workload is anything with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, or a bare Pod.
type workload struct {
	file, kind, name, namespace string
	explicitNS                  bool // the manifest names its namespace
	template                    corev1.PodTemplateSpec
	identity                    string
}

func (w *workload) where() string {
	return fmt.Sprintf("%s: %s %s/%s", w.file, w.kind, w.namespace, w.name)
}

type service struct {
	namespace string
	svc       *corev1.Service
}

type ingress struct {
	namespace string
	ing       *networkingv1.Ingress
}

func (m *manifests) service(namespace, name string) *service { return m.byName[namespace+"/"+name] }

func parse(files []File, defaultNS string) (*manifests, error) {
	m := &manifests{byName: map[string]*service{}, configMaps: map[string]map[string]string{}, namespaces: map[string]bool{}}
	var errs []error
	for _, f := range files {
		r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(f.Data)))
		for i := 1; ; i++ {
			doc, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: document %d: %w", f.Name, i, err))
				break
			}
			if err := m.add(f.Name, doc, defaultNS); err != nil {
				errs = append(errs, fmt.Errorf("%s: document %d: %w", f.Name, i, err))
			}
		}
	}
	return m, errors.Join(errs...)
}

// add decodes one document (a List's items one by one) and keeps what discover reads.
func (m *manifests) add(file string, doc []byte, defaultNS string) error {
	js, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return fmt.Errorf("invalid YAML: %w", err)
	}
	if t := bytes.TrimSpace(js); len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil // empty, or comments only
	}
	var head metav1.PartialObjectMetadata
	if err := json.Unmarshal(js, &head); err != nil {
		return fmt.Errorf("not a Kubernetes object: %w", err)
	}
	if head.Kind == "" {
		return errors.New("not a Kubernetes object: no kind")
	}
	ns := head.Namespace
	explicit := ns != ""
	if !explicit {
		ns = defaultNS
	}
	m.namespaces[ns] = true
	decode := func(into any) error {
		if err := json.Unmarshal(js, into); err != nil {
			return fmt.Errorf("%s %s: %w", head.Kind, head.Name, err)
		}
		return nil
	}
	addWorkload := func(t corev1.PodTemplateSpec) {
		m.workloads = append(m.workloads, &workload{file: file, kind: head.Kind, name: head.Name, namespace: ns, explicitNS: explicit, template: t})
	}
	switch head.Kind {
	case "List":
		var list struct{ Items []json.RawMessage }
		if err := decode(&list); err != nil {
			return err
		}
		var errs []error
		for i, item := range list.Items {
			if err := m.add(file, item, defaultNS); err != nil {
				errs = append(errs, fmt.Errorf("item %d: %w", i, err))
			}
		}
		return errors.Join(errs...)
	case "Deployment":
		var o appsv1.Deployment
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.Template)
	case "StatefulSet":
		var o appsv1.StatefulSet
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.Template)
	case "DaemonSet":
		var o appsv1.DaemonSet
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.Template)
	case "ReplicaSet":
		var o appsv1.ReplicaSet
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.Template)
	case "Job":
		var o batchv1.Job
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.Template)
	case "CronJob":
		var o batchv1.CronJob
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(o.Spec.JobTemplate.Spec.Template)
	case "Pod":
		var o corev1.Pod
		if err := decode(&o); err != nil {
			return err
		}
		addWorkload(corev1.PodTemplateSpec{ObjectMeta: o.ObjectMeta, Spec: o.Spec})
	case "Service":
		var o corev1.Service
		if err := decode(&o); err != nil {
			return err
		}
		s := &service{namespace: ns, svc: &o}
		m.services = append(m.services, s)
		m.byName[ns+"/"+o.Name] = s
	case "ConfigMap":
		var o corev1.ConfigMap
		if err := decode(&o); err != nil {
			return err
		}
		m.configMaps[ns+"/"+o.Name] = o.Data
	case "Ingress":
		var o networkingv1.Ingress
		if err := decode(&o); err != nil {
			return err
		}
		m.ingresses = append(m.ingresses, &ingress{namespace: ns, ing: &o})
	}
	return nil
}
