// Package replica holds what one webhook replica serves (Record): the rules version it has loaded,
// its mode and the options that decide labels and policies. Each replica records it on its own pod
// (Publisher), where `netiso status` reads every replica's.
//
// Why on its own pod: a replica is a pod, so the record is listed with the replicas and goes with
// them (no heartbeat, nothing left behind by a replica that died), and the chart's ClusterRole
// already lets netiso patch pods; no new right is needed. The metrics endpoint holds the version
// too (netiso_rules_info), but reading it per replica through the API server's pod proxy needs a
// scraper's token that the proxy does not pass on, and a kubelet.
package replica

import (
	"encoding/json"
	"fmt"

	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
)

// Annotation is where a replica records what it serves, on its own pod.
const Annotation = names.AnnotationServing

// Record is what one replica serves. Its owner's pod can be written by whoever may patch pods in
// netiso's namespace: it reports, it grants nothing.
type Record struct {
	// RulesVersion is the hash of the rules in force; empty before any are loaded.
	RulesVersion string `json:"rulesVersion,omitempty"`
	// RulesConfigMap is the rules' source, NAMESPACE/NAME; empty with a rules file.
	RulesConfigMap string `json:"rulesConfigMap,omitempty"`
	// Mode is enforce or audit (the webhook's --mode).
	Mode string `json:"mode"`
	// Namespace is netiso's own: always exempt.
	Namespace        string `json:"namespace"`
	ServiceLabel     string `json:"serviceLabel"`
	EgressPrefix     string `json:"egressPrefix"`
	EgressTypePrefix string `json:"egressTypePrefix"`
	// ManagePolicies is whether netiso holds policies (its elected replica), PolicyStage which.
	ManagePolicies bool   `json:"managePolicies"`
	PolicyStage    string `json:"policyStage,omitempty"`
	// WebhookConfiguration is the MutatingWebhookConfiguration netiso's policies name as owner:
	// the chart's, whose namespaceSelector says which namespaces are exempt.
	WebhookConfiguration string `json:"webhookConfiguration,omitempty"`
	// The policies' options beyond the identity label and netiso's namespace (policy.Options).
	DefaultNamespace string            `json:"defaultNamespace,omitempty"`
	DefaultDeny      bool              `json:"defaultDeny,omitempty"`
	DNSNamespace     string            `json:"dnsNamespace,omitempty"`
	DNSPodLabels     map[string]string `json:"dnsPodLabels,omitempty"`
	DNSPort          int32             `json:"dnsPort,omitempty"`
}

// PolicyOptions are the options the replica generates policies with.
func (r Record) PolicyOptions() policy.Options {
	return policy.Options{ServiceLabel: r.ServiceLabel, NetisoNamespace: r.Namespace, DefaultNamespace: r.DefaultNamespace,
		DefaultDeny: r.DefaultDeny, DNSNamespace: r.DNSNamespace, DNSPodLabels: r.DNSPodLabels, DNSPort: r.DNSPort}
}

// Configuration is the record without the rules version: what a rollout changes, and what every
// replica of one Deployment should agree on.
func (r Record) Configuration() Record {
	r.RulesVersion = ""
	return r
}

// Encode is the annotation's value.
func (r Record) Encode() string {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // strings, booleans and a string map: cannot fail
	}
	return string(b)
}

// Decode reads an annotation's value.
func Decode(s string) (Record, error) {
	var r Record
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return Record{}, fmt.Errorf("annotation %s: %w", Annotation, err)
	}
	return r, nil
}
