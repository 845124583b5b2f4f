package app

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// parse is main's parsing on a FlagSet of its own.
func parse(t *testing.T, args ...string) Options {
	t.Helper()
	o := NewOptions()
	fs := flag.NewFlagSet("webhook", flag.ContinueOnError)
	o.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestFlags(t *testing.T) {
	if o := parse(t); o.ReconcileSet || o.Reconcile {
		t.Errorf("no --reconcile: %+v, want it unset", o)
	}
	if o := parse(t, "--reconcile=false"); !o.ReconcileSet || o.Reconcile {
		t.Errorf("--reconcile=false: set %v, value %v", o.ReconcileSet, o.Reconcile)
	}
	if o := parse(t, "--reconcile"); !o.ReconcileSet || !o.Reconcile {
		t.Errorf("--reconcile: set %v, value %v", o.ReconcileSet, o.Reconcile)
	}
	// The defaults a FlagSet shows are NewOptions'.
	o := NewOptions()
	fs := flag.NewFlagSet("webhook", flag.ContinueOnError)
	o.AddFlags(fs)
	for name, want := range map[string]string{"webhook-port": "9443", "service-label": "app.kubernetes.io/name", "reconcile-resync": "10m0s", "mode": "enforce"} {
		if got := fs.Lookup(name).DefValue; got != want {
			t.Errorf("--%s defaults to %q, want %q", name, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := []string{"--rules-file=x"}
	if err := ptr(parse(t, ok...)).Validate(); err != nil {
		t.Fatalf("valid options: %v", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "exactly one of --rules-file and --rules-configmap"},
		{[]string{"--rules-file=x", "--rules-configmap=a/b"}, "exactly one"},
		{[]string{"--rules-configmap=ab"}, "want NAMESPACE/NAME"},
		{append([]string{"--mode=loud"}, ok...), "--mode"},
		{append([]string{"--unknown-service=maybe"}, ok...), "--unknown-service"},
		{append([]string{"--service-label="}, ok...), "--service-label"},
		{append([]string{"--reconcile-qps=0"}, ok...), "--reconcile-qps"},
		{append([]string{"--reconcile-resync=10s"}, ok...), "--reconcile-resync"},
		{append([]string{"--policy-label-wait=0s"}, ok...), "--policy-label-wait"},
		{append([]string{"--policy-dns-pod-label=nolabel"}, ok...), "--policy-dns-pod-label"},
		{append([]string{"--log-format=xml"}, ok...), "--log-format"},
		{append([]string{"--log-level=loud"}, ok...), "--log-level"},
		{append([]string{"--log-level=-1"}, ok...), "--log-level"},
	} {
		err := ptr(parse(t, tc.args...)).Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error about %s", tc.args, err, tc.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestLogLevels: info hides V(1), debug shows it and hides V(2), a number N shows V(N).
func TestLogLevels(t *testing.T) {
	for _, tc := range []struct {
		level string
		shown int // the highest V shown
	}{{"info", 0}, {"debug", 1}, {"3", 3}} {
		for _, format := range []string{logJSON, logConsole} {
			var buf bytes.Buffer
			l, err := newLogger(format, tc.level, &buf)
			if err != nil {
				t.Fatal(err)
			}
			for v := range 5 {
				l.V(v).Info("line", "v", v)
			}
			if got := strings.Count(buf.String(), "line"); got != tc.shown+1 {
				t.Errorf("%s, --log-level=%s: %d lines shown, want V(0) to V(%d)\n%s", format, tc.level, got, tc.shown, buf.String())
			}
		}
	}
}

// TestLogNeverSamples: a burst of one message is logged in full. controller-runtime's production
// logger would keep the first 100 of each second and 1 in 100 after.
func TestLogNeverSamples(t *testing.T) {
	var buf bytes.Buffer
	l, err := newLogger(logJSON, "info", &buf)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	for range n {
		l.Info("pod denied: forged label")
	}
	if got := strings.Count(buf.String(), "pod denied"); got != n {
		t.Errorf("%d of %d lines logged", got, n)
	}
	if !strings.HasPrefix(buf.String(), "{") {
		t.Errorf("--log-format=json wrote %.80q", buf.String())
	}
}
