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

func TestCovered(t *testing.T) {
	cases := map[string]struct {
		ns     string
		labels map[string]string
		want   bool
	}{
		"an ordinary namespace":             {"shop", nil, true},
		"exempt=false":                      {"shop", map[string]string{ExemptLabel: "false"}, true},
		"labelled exempt":                   {"shop", map[string]string{ExemptLabel: "true"}, false},
		"netiso's own":                      {"netiso-system", nil, false},
		"kube-system":                       {"kube-system", nil, false},
		"a name label that lies is ignored": {"kube-system", map[string]string{NamespaceNameLabel: "shop"}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := Covered(tc.ns, tc.labels, "netiso-system"); got != tc.want {
				t.Errorf("Covered = %v, want %v", got, tc.want)
			}
		})
	}
}
