package app

import (
	"flag"
	"path/filepath"
	"testing"
)

// TestNoClusterConfig: only where controller-runtime would find no config at all (and log an
// ERROR with a stack trace on the way) does the webhook skip asking it.
func TestNoClusterConfig(t *testing.T) {
	dir := t.TempDir()
	missing, present := filepath.Join(dir, "none"), writeTemp(t, dir)
	set := func(v string) *flag.Flag {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.String("kubeconfig", v, "")
		return fs.Lookup("kubeconfig")
	}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name string
		env  func(string) string
		flag *flag.Flag
		home string
		want bool
	}{
		{"a laptop with nothing", env(), set(""), missing, true},
		{"no flag registered", env(), nil, missing, true},
		{"in a pod", env("KUBERNETES_SERVICE_HOST", "10.0.0.1"), set(""), missing, false},
		{"$KUBECONFIG", env("KUBECONFIG", "/x"), set(""), missing, false},
		{"--kubeconfig", env(), set("/x"), missing, false},
		{"~/.kube/config", env(), set(""), present, false},
	} {
		if got := noClusterConfig(tc.env, tc.flag, tc.home); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func writeTemp(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "config")
	writeRules(t, p, []byte("apiVersion: v1\nkind: Config\n"))
	return p
}
