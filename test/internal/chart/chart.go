// Package chart renders deploy/helm/netiso for the suites that run against a real kube-apiserver,
// so what they test is the chart's own webhook configuration and admission policies.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"

	admissionregv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// Render runs `helm template` on the chart in dir with the release's defaults and returns its
// MutatingWebhookConfiguration (envtest points it at the local webhook and fills in the CA) and
// the objects to create once the API server is up: its ValidatingAdmissionPolicies and their
// bindings.
func Render(helm, dir, namespace string) (*admissionregv1.MutatingWebhookConfiguration, []*unstructured.Unstructured, error) {
	if helm == "" {
		return nil, nil, errors.New("HELM_BIN is not set: hack/tools.sh builds helm")
	}
	out, err := exec.Command(helm, "template", "netiso", dir, "--namespace", namespace).Output()
	if err != nil {
		return nil, nil, fmt.Errorf("helm template: %w", err)
	}
	var mwc *admissionregv1.MutatingWebhookConfiguration
	var policies []*unstructured.Unstructured
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(out), 4096)
	for {
		var obj unstructured.Unstructured
		if err := dec.Decode(&obj.Object); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, err
		}
		switch obj.GetKind() {
		case "MutatingWebhookConfiguration":
			mwc = &admissionregv1.MutatingWebhookConfiguration{}
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(obj.Object, mwc); err != nil {
				return nil, nil, err
			}
		case "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding":
			policies = append(policies, &obj)
		}
	}
	if mwc == nil || len(policies) == 0 {
		return nil, nil, errors.New("the chart rendered no webhook configuration or no policies")
	}
	return mwc, policies, nil
}
