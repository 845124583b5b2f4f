package scope

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

func TestNamespaceSelector(t *testing.T) {
	sel, err := metav1.LabelSelectorAsSelector(NamespaceSelector("netiso-system"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		labels  map[string]string
		covered bool
	}{
		"an ordinary namespace":       {map[string]string{NamespaceNameLabel: "shop"}, true},
		"exempt=false is covered":     {map[string]string{NamespaceNameLabel: "shop", ExemptLabel: "false"}, true},
		"labelled exempt":             {map[string]string{NamespaceNameLabel: "shop", ExemptLabel: "true"}, false},
		"netiso's own namespace":      {map[string]string{NamespaceNameLabel: "netiso-system"}, false},
		"kube-system":                 {map[string]string{NamespaceNameLabel: "kube-system"}, false},
		"kube-node-lease":             {map[string]string{NamespaceNameLabel: "kube-node-lease"}, false},
		"kube-public is not exempted": {map[string]string{NamespaceNameLabel: "kube-public"}, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := sel.Matches(labels.Set(tc.labels)); got != tc.covered {
				t.Errorf("covered = %v, want %v", got, tc.covered)
			}
		})
	}
}

func TestExemptDeduplicates(t *testing.T) {
	if got := Exempt("kube-system"); len(got) != 2 {
		t.Errorf("Exempt(kube-system) = %v", got)
	}
}
