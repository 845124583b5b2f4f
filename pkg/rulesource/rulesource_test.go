package rulesource

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"github.com/prometheus/client_golang/prometheus/testutil"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	"github.com/netiso/netiso/pkg/rules"
)

const (
	v1Rules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: a
    calls: [b]
  - name: b
`
	v2Rules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: a
    calls: [b, c]
  - name: b
  - name: c
`
	badRules = `apiVersion: netiso.dev/v1alpha1
kind: Rules
services:
  - name: a
    calls: [nobody]
`
)

func newStore() *Store { return NewStore(rules.DefaultOptions(), logr.Discard()) }

func grantOf(t *testing.T, s *Store, service string) []string {
	t.Helper()
	r := s.Rules()
	if r == nil {
		t.Fatal("no rules loaded")
	}
	g, _ := r.Lookup(service, "ns")
	return g.Keys
}

func TestStoreKeepsLastGoodRules(t *testing.T) {
	s := newStore()
	if s.ReadyCheck(nil) == nil {
		t.Error("ready before any rules were loaded")
	}
	if err := s.Apply("v1", []byte(v1Rules)); err != nil {
		t.Fatal(err)
	}
	if err := s.ReadyCheck(nil); err != nil {
		t.Errorf("not ready with rules loaded: %v", err)
	}
	good := s.Rules().Hash()
	if testutil.ToFloat64(version.WithLabelValues(good)) != 1 {
		t.Errorf("netiso_rules_info{version=%q} is not 1", good)
	}

	invalid := reloadErrors.WithLabelValues(FailInvalid)
	before := testutil.ToFloat64(invalid)
	err := s.Apply("v2", []byte(badRules))
	if err == nil || !strings.Contains(err.Error(), `unknown callee "nobody"`) {
		t.Fatalf("want the validation error, got %v", err)
	}
	if got := s.Rules().Hash(); got != good {
		t.Errorf("serving %s after a bad update, want the last good %s", got, good)
	}
	if testutil.ToFloat64(invalid)-before != 1 || testutil.ToFloat64(stale) != 1 {
		t.Errorf("the rejection was not counted: errors +%v, stale %v", testutil.ToFloat64(invalid)-before, testutil.ToFloat64(stale))
	}
	if err := s.ReadyCheck(nil); err != nil {
		t.Errorf("a bad update made the webhook unready: %v", err)
	}

	if err := s.Apply("v2", []byte(v2Rules)); err != nil {
		t.Fatal(err)
	}
	if s.Rules().Hash() == good || testutil.ToFloat64(stale) != 0 {
		t.Error("good new rules were not served")
	}
	if testutil.ToFloat64(version.WithLabelValues(good)) != 0 {
		t.Error("the old version is still reported")
	}
}

func TestFileHotReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	write := func(content string) {
		t.Helper()
		// Write then rename, as a ConfigMap volume or an editor does.
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	write(v1Rules)
	s := newStore()
	f := &File{Path: path, Interval: 20 * time.Millisecond, Store: s}
	if err := f.Load(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = f.Start(t.Context()) }()

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if got := grantOf(t, s, "a"); len(got) != 1 {
		t.Fatalf("v1 grant %v", got)
	}
	write(v2Rules)
	waitFor("the new rules", func() bool { return len(grantOf(t, s, "a")) == 2 })
	good := s.Rules().Hash()

	invalid := reloadErrors.WithLabelValues(FailInvalid)
	before := testutil.ToFloat64(invalid)
	write(badRules)
	waitFor("the rejection", func() bool { return testutil.ToFloat64(invalid) > before })
	if s.Rules().Hash() != good {
		t.Error("an invalid file replaced the last good rules")
	}

	deleted := reloadErrors.WithLabelValues(FailDeleted)
	before = testutil.ToFloat64(deleted)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitFor("the deletion", func() bool { return testutil.ToFloat64(deleted) > before })
	if s.Rules().Hash() != good {
		t.Error("a deleted file dropped the last good rules")
	}
	write(v1Rules)
	waitFor("the restored file", func() bool { return len(grantOf(t, s, "a")) == 1 })
}

func TestFileLoadRejectsInvalidAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte(badRules), 0o644); err != nil {
		t.Fatal(err)
	}
	f := &File{Path: path, Interval: time.Second, Store: newStore()}
	if err := f.Load(); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("want an error naming %s, got %v", path, err)
	}
	missing := &File{Path: filepath.Join(t.TempDir(), "none.yaml"), Interval: time.Second, Store: newStore()}
	if err := missing.Load(); err == nil {
		t.Error("a missing file loaded")
	}
}

func TestConfigMapEvents(t *testing.T) {
	s := newStore()
	c := &ConfigMap{Namespace: "netiso-system", Name: "netiso-rules", Store: s}
	cm := func(data map[string]string, binary map[string][]byte) *corev1.ConfigMap {
		return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: c.Namespace, Name: c.Name}, Data: data, BinaryData: binary}
	}
	c.apply(cm(map[string]string{rules.ConfigMapKey: v1Rules}, nil))
	v1 := s.Rules()
	if v1 == nil {
		t.Fatal("rules from data[rules.yaml] were not loaded")
	}

	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	_, _ = zw.Write([]byte(v2Rules))
	_ = zw.Close()
	c.apply(cm(nil, map[string][]byte{rules.ConfigMapGzipKey: zipped.Bytes()}))
	if got := grantOf(t, s, "a"); len(got) != 2 {
		t.Fatalf("rules from binaryData[rules.yaml.gz] were not loaded: %v", got)
	}
	good := s.Rules().Hash()

	for name, obj := range map[string]*corev1.ConfigMap{
		"emptied":   cm(nil, nil),
		"corrupted": cm(nil, map[string][]byte{rules.ConfigMapGzipKey: []byte("not gzip")}),
		"invalid":   cm(map[string]string{rules.ConfigMapKey: badRules}, nil),
	} {
		c.apply(obj)
		if s.Rules().Hash() != good {
			t.Errorf("%s ConfigMap replaced the last good rules", name)
		}
	}
	other := cm(map[string]string{rules.ConfigMapKey: v1Rules}, nil)
	other.Name = "someone-else"
	c.apply(other)
	if s.Rules().Hash() != good {
		t.Error("another ConfigMap's rules were loaded")
	}
}

// The bytes of the rules in force are not parsed again (an informer's resync, a touched file), but
// after a failure the same bytes are applied again: the source is back.
func TestStoreSkipsUnchangedBytes(t *testing.T) {
	s := newStore()
	if err := s.Apply("v1", []byte(v1Rules)); err != nil {
		t.Fatal(err)
	}
	served := s.Rules()
	if allocs := testing.AllocsPerRun(10, func() { _ = s.Apply("v1", []byte(v1Rules)) }); allocs > 1 {
		t.Errorf("the same bytes again: %.0f allocations, want none (no parse)", allocs)
	}
	if s.Rules() != served {
		t.Error("the same bytes again replaced the rules in force")
	}

	s.Fail(FailDeleted, "v1", errors.New("gone"))
	if testutil.ToFloat64(stale) != 1 {
		t.Fatal("not stale after a failure")
	}
	if err := s.Apply("v1", []byte(v1Rules)); err != nil {
		t.Fatal(err)
	}
	if testutil.ToFloat64(stale) != 0 {
		t.Error("the same bytes after a failure did not clear it")
	}
	if s.Rules().Hash() != served.Hash() {
		t.Error("the rules changed")
	}
}

// Changed signals each new version once, coalesced, and never for the same rules or rejected ones.
func TestStoreChanged(t *testing.T) {
	s := newStore()
	early := s.Changed()
	signalled := func(ch <-chan struct{}) bool {
		select {
		case <-ch:
			return true
		default:
			return false
		}
	}
	steps := []struct {
		name string
		doc  string
		want bool
	}{
		{"first load", v1Rules, true},
		{"same rules again", v1Rules, false},
		{"rejected rules", badRules, false},
		{"a new version", v2Rules, true},
	}
	for _, st := range steps {
		_ = s.Apply("test", []byte(st.doc))
		if got := signalled(early); got != st.want {
			t.Errorf("%s: signalled = %v, want %v", st.name, got, st.want)
		}
	}
	_ = s.Apply("test", []byte(v1Rules))
	_ = s.Apply("test", []byte(v2Rules))
	if !signalled(early) || signalled(early) {
		t.Error("two changes while busy should coalesce into one signal")
	}
	if late := s.Changed(); !signalled(late) {
		t.Error("a subscriber after the first load is not told rules are there")
	}
}

// A File runs on every replica: controller-runtime runs a runnable that does not say otherwise on
// the elected replica alone. (test/e2e's TestEveryReplicaReloads runs two replicas.)
func TestFileRunsOnEveryReplica(t *testing.T) {
	var r any = &File{}
	le, ok := r.(manager.LeaderElectionRunnable)
	if !ok || le.NeedLeaderElection() {
		t.Error("rulesource.File would run on the elected replica alone")
	}
}
