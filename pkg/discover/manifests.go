package discover

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
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
	notes      []Finding       // kinds no scheme knows
}

// workload is anything with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, or a bare Pod.
type workload struct {
	file, kind, name, namespace string
	explicitNS                  bool // the manifest names its namespace
	template                    corev1.PodTemplateSpec
	identity                    string
	pos                         *positions // of its document
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
		if loc := templateAction.FindIndex(f.Data); loc != nil && !validYAML(f.Data) {
			m.notes = append(m.notes, Finding{Kind: Template, Where: fmt.Sprintf("%s:%d", f.Name, 1+bytes.Count(f.Data[:loc[0]], []byte("\n"))),
				Reference: string(bytes.TrimSpace(f.Data[loc[0]:loc[1]])), Message: "a Helm or Go template, not a manifest: not read (render it with helm template or kustomize build, and give discover the output)"})
			continue
		}
		r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(f.Data)))
		line := 1 // where the next document starts: the reader drops only the separator that ends one
		for i := 1; ; i++ {
			doc, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: document %d: %w", f.Name, i, err))
				break
			}
			if err := m.add(f.Name, doc, defaultNS, locate(doc, line)); err != nil {
				errs = append(errs, fmt.Errorf("%s: document %d: %w", f.Name, i, err))
			}
			line += bytes.Count(doc, []byte("\n")) + 1
		}
	}
	return m, errors.Join(errs...)
}

// templateAction is a Go template's action as charts write them: {{ .Values.x }}, {{- if ... }},
// {{ include ... }}.
var templateAction = regexp.MustCompile(`(?m)(?:^|[\s:\-\[])\{\{-?\s*(?:\.|\$|include\b|template\b|if\b|range\b|with\b|end\b|define\b|toYaml\b|tpl\b|default\b|required\b|/\*)`)

// validYAML: every document of data is YAML. A rendered manifest can hold template actions in its
// values (an alert's {{ $labels.pod }}) and is still YAML; a chart's template is not.
func validYAML(data []byte) bool {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
		if _, err := yaml.YAMLToJSON(doc); err != nil {
			return false
		}
	}
}

// deserializer decodes by apiVersion and kind into client-go's types: the kinds discover reads
// are those of their own group and version, so a Knative Service is not taken for a core one.
var deserializer = scheme.Codecs.UniversalDeserializer()

// add decodes one document (a List's items one by one) and keeps what discover reads; pos is where
// the document names images and ServiceAccounts. A kind no scheme knows (a custom resource) is
// noted; the built-in kinds discover does not read are skipped.
func (m *manifests) add(file string, doc []byte, defaultNS string, pos *positions) error {
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
		// A directory of manifests holds other YAML too: kustomization.yml, a chart's values.yaml
		// and Chart.yaml. Said, not fatal; an object with a kind and no apiVersion still is.
		m.notes = append(m.notes, Finding{Kind: NotAnObject, Where: fmt.Sprintf("%s:%d", file, pos.doc),
			Message: "YAML with no kind, not a Kubernetes object (a kustomization, a chart's values?): skipped"})
		return nil
	}
	if head.APIVersion == "" {
		return fmt.Errorf("%s %s: no apiVersion", head.Kind, head.Name)
	}
	ns := head.Namespace
	explicit := ns != ""
	if !explicit {
		ns = defaultNS
	}
	m.namespaces[ns] = true
	obj, gvk, err := deserializer.Decode(js, nil, nil)
	switch {
	case runtime.IsNotRegisteredError(err):
		m.notes = append(m.notes, Finding{Kind: UnknownKind, Where: fmt.Sprintf("%s: %s %s/%s", file, head.Kind, ns, head.Name),
			Reference: head.APIVersion + " " + head.Kind, Message: "not a kind discover reads: its pods, if it makes any, are not seen"})
		return nil
	case err != nil:
		return fmt.Errorf("%s %s: %w", head.Kind, head.Name, err)
	}
	if hook := head.Annotations["helm.sh/hook"]; slices.ContainsFunc(strings.Split(hook, ","), isHelmTest) {
		// helm template prints a chart's test pods beside its workloads, with the same labels:
		// `helm test` runs them, the application never does.
		m.notes = append(m.notes, Finding{Kind: HelmTest, Where: fmt.Sprintf("%s: %s %s/%s", file, head.Kind, ns, head.Name),
			Reference: "helm.sh/hook: " + hook, Message: "a Helm test hook, not a workload of the application: not read"})
		return nil
	}
	addWorkload := func(t corev1.PodTemplateSpec) {
		m.workloads = append(m.workloads, &workload{file: file, kind: gvk.Kind, name: head.Name, namespace: ns, explicitNS: explicit, template: t, pos: pos})
	}
	switch o := obj.(type) {
	case *corev1.List:
		var errs []error
		for i, item := range o.Items {
			if err := m.add(file, item.Raw, defaultNS, pos); err != nil {
				errs = append(errs, fmt.Errorf("item %d: %w", i, err))
			}
		}
		return errors.Join(errs...)
	case *appsv1.Deployment:
		addWorkload(o.Spec.Template)
	case *appsv1.StatefulSet:
		addWorkload(o.Spec.Template)
	case *appsv1.DaemonSet:
		addWorkload(o.Spec.Template)
	case *appsv1.ReplicaSet:
		addWorkload(o.Spec.Template)
	case *batchv1.Job:
		addWorkload(o.Spec.Template)
	case *batchv1.CronJob:
		addWorkload(o.Spec.JobTemplate.Spec.Template)
	case *corev1.Pod:
		addWorkload(corev1.PodTemplateSpec{ObjectMeta: o.ObjectMeta, Spec: o.Spec})
	case *corev1.Service:
		s := &service{namespace: ns, svc: o}
		m.services = append(m.services, s)
		m.byName[ns+"/"+o.Name] = s
	case *corev1.ConfigMap:
		m.configMaps[ns+"/"+o.Name] = o.Data
	case *networkingv1.Ingress:
		m.ingresses = append(m.ingresses, &ingress{namespace: ns, ing: o})
	}
	return nil
}

// isHelmTest is a helm.sh/hook value that makes an object a chart's test (Helm 3's test, and
// Helm 2's test-success and test-failure).
func isHelmTest(hook string) bool {
	return strings.HasPrefix(strings.TrimSpace(hook), "test")
}
