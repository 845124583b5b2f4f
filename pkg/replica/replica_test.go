package replica

import (
	"reflect"
	"testing"

	"github.com/netiso/netiso/pkg/policy"
)

func TestRecordRoundTrip(t *testing.T) {
	r := Record{RulesVersion: "abc123", RulesConfigMap: "netiso-system/netiso-rules", Mode: "enforce", Namespace: "netiso-system",
		ServiceLabel: "app", EgressPrefix: "egress.netiso.dev", EgressTypePrefix: "egress-type.netiso.dev", ManagePolicies: true,
		PolicyStage: "enforce", WebhookConfiguration: "netiso", DefaultNamespace: "shop", DefaultDeny: true,
		DNSNamespace: "kube-system", DNSPodLabels: map[string]string{"k8s-app": "kube-dns"}, DNSPort: 53}
	got, err := Decode(r.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip: %+v, want %+v", got, r)
	}
	// The policy options are what the webhook generates with: they must validate as such.
	if err := got.PolicyOptions().Validate(); err != nil {
		t.Errorf("policy options: %v", err)
	}
	want := policy.Options{ServiceLabel: "app", NetisoNamespace: "netiso-system", DefaultNamespace: "shop", DefaultDeny: true,
		DNSNamespace: "kube-system", DNSPodLabels: map[string]string{"k8s-app": "kube-dns"}, DNSPort: 53}
	if !reflect.DeepEqual(got.PolicyOptions(), want) {
		t.Errorf("policy options %+v, want %+v", got.PolicyOptions(), want)
	}
	if c := r.Configuration(); c.RulesVersion != "" || c.Mode != "enforce" {
		t.Errorf("configuration: %+v", c)
	}
	if _, err := Decode("{not json"); err == nil {
		t.Error("a broken annotation decoded")
	}
}
