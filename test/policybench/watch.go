package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"

	"github.com/netiso/netiso/pkg/policyowner"
)

// tracker watches netiso's policies (an informer: one watch, no polling) and notes when each event
// arrived, so that a change is timed to the write that completed it, not to when it was checked.
type tracker struct {
	store  cache.Store
	mu     sync.Mutex
	events int
	last   time.Time
	at     map[string]time.Time // the last event at each key
}

func watchPolicies(ctx context.Context, cfg *rest.Config) (*tracker, error) {
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	lw := cache.NewFilteredListWatchFromClient(cs.NetworkingV1().RESTClient(), "networkpolicies", metav1.NamespaceAll,
		func(o *metav1.ListOptions) { o.LabelSelector = policyowner.Selector().String() })
	inf := cache.NewSharedIndexInformer(lw, &networkingv1.NetworkPolicy{}, 0, cache.Indexers{})
	t := &tracker{store: inf.GetStore(), at: map[string]time.Time{}}
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    t.saw,
		UpdateFunc: func(_, obj any) { t.saw(obj) },
		DeleteFunc: t.saw,
	}); err != nil {
		return nil, err
	}
	go inf.Run(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
		return nil, fmt.Errorf("watching NetworkPolicies: not synced")
	}
	return t, nil
}

func (t *tracker) saw(obj any) {
	key, _ := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.events++
	t.last = now
	t.at[key] = now
}

// count is the number of events seen so far.
func (t *tracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.events
}

// since is the number of events after the first n, and when the last arrived.
func (t *tracker) since(n int) (int, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.events - n, t.last
}

func (t *tracker) get(k types.NamespacedName) (*networkingv1.NetworkPolicy, bool) {
	obj, ok, _ := t.store.GetByKey(k.String())
	if !ok {
		return nil, false
	}
	return obj.(*networkingv1.NetworkPolicy), true
}

// diff says how the policies held differ from want ("" for not at all): each wanted one present,
// with its spec and one owner (the webhook configuration), and no other.
func (t *tracker) diff(want map[types.NamespacedName]*networkingv1.NetworkPolicy) string {
	for k, w := range want {
		np, ok := t.get(k)
		switch {
		case !ok:
			return k.String() + " missing"
		case !sameSpec(np, w):
			return k.String() + " differs"
		case len(np.OwnerReferences) != 1:
			return fmt.Sprintf("%s has owner references %v", k, np.OwnerReferences)
		}
	}
	for _, obj := range t.store.List() {
		np := obj.(*networkingv1.NetworkPolicy)
		if _, ok := want[types.NamespacedName{Namespace: np.Namespace, Name: np.Name}]; !ok {
			return fmt.Sprintf("%s/%s is not implied", np.Namespace, np.Name)
		}
	}
	return ""
}

// await waits until netiso holds exactly want and returns when the last event before that arrived.
func (t *tracker) await(want map[types.NamespacedName]*networkingv1.NetworkPolicy, timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		d := t.diff(want)
		if d == "" {
			t.mu.Lock()
			defer t.mu.Unlock()
			return t.last, nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("the policies did not converge in %s: %s", timeout, d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// awaitKey waits until the policy at k satisfies ok and returns when its last event arrived.
func (t *tracker) awaitKey(k types.NamespacedName, timeout time.Duration, ok func(*networkingv1.NetworkPolicy) bool) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		if np, found := t.get(k); found && ok(np) {
			t.mu.Lock()
			defer t.mu.Unlock()
			return t.at[k.String()], nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("not after %s", timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func sameSpec(a, b *networkingv1.NetworkPolicy) bool {
	return apiequality.Semantic.DeepEqual(a.Spec, b.Spec)
}

// logTimes are the times of the webhook's log lines (console format: time, level, logger, caller,
// message, fields, tab-separated) of the logger whose message holds msg, from after (to the
// millisecond, the log's precision) on.
func logTimes(path, logger, msg string, after time.Time) ([]time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []time.Time
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l, ok := parseLine(sc.Text())
		if !ok || l.logger != logger || !strings.Contains(l.msg, msg) {
			continue
		}
		at, precision, err := logTime(l.stamp)
		if err != nil {
			return nil, err
		}
		if !at.Before(after.Truncate(precision)) {
			out = append(out, at)
		}
	}
	return out, sc.Err()
}

// awaitLog waits for a log line of logger holding msg from after on, and returns its time.
func awaitLog(path, logger, msg string, after time.Time) (time.Time, error) {
	deadline := time.Now().Add(3 * time.Minute) // more than the owner's label wait, 2 minutes
	for {
		times, err := logTimes(path, logger, msg, after)
		if err != nil {
			return time.Time{}, err
		}
		if len(times) > 0 {
			return times[0], nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("no %q of %s in the webhook's log after 3 minutes", msg, logger)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// logTime parses a console log line's time: milliseconds ("2006-01-02T15:04:05.000Z0700"), or
// seconds, as controller-runtime's zap logger writes them by default (RFC 3339); with the
// precision it has.
func logTime(stamp string) (time.Time, time.Duration, error) {
	if at, err := time.Parse("2006-01-02T15:04:05.000Z0700", stamp); err == nil {
		return at, time.Millisecond, nil
	}
	at, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("a log line's time %q: %w", stamp, err)
	}
	return at, time.Second, nil
}

// logLine is a console log line: time, level, logger, (caller,) message, and the fields as JSON.
type logLine struct{ stamp, logger, msg, fields string }

func parseLine(line string) (logLine, bool) {
	f := strings.Split(line, "\t")
	if len(f) < 4 {
		return logLine{}, false
	}
	l := logLine{stamp: f[0], logger: f[2], msg: f[3]}
	if last := f[len(f)-1]; strings.HasPrefix(last, "{") {
		l.fields = last
		f = f[:len(f)-1]
	}
	// With the caller (file:line) logged, the message comes after it.
	l.msg = f[len(f)-1]
	return l, true
}
