package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Publisher records on its replica's own pod what the replica serves: once it starts, and again
// after each rules change. A manager runnable of every replica, elected or not.
type Publisher struct {
	// Client patches the pod, as netiso's own identity.
	Client         client.Client
	Namespace, Pod string
	// Record is what the replica serves now.
	Record func() Record
	// Changed signals a new rules version (rulesource.Store.Changed).
	Changed <-chan struct{}
	Log     logr.Logger
}

// maxBackoff bounds the wait before a failed write is tried again.
const maxBackoff = time.Minute

// NeedLeaderElection is false: every replica records what it serves.
func (p *Publisher) NeedLeaderElection() bool { return false }

// Start writes the record until ctx ends; a failed write is retried with backoff, and a record
// already written is not written again.
func (p *Publisher) Start(ctx context.Context) error {
	var written string
	backoff := time.Second
	var retry <-chan time.Time
	publish := func() {
		v := p.Record().Encode()
		if v == written {
			return
		}
		if err := p.write(ctx, v); err != nil {
			if ctx.Err() == nil {
				p.Log.Error(err, "recording what this replica serves on its pod; retrying", "pod", p.Namespace+"/"+p.Pod, "in", backoff.String())
			}
			retry = time.After(backoff)
			backoff = min(2*backoff, maxBackoff)
			return
		}
		written, retry, backoff = v, nil, time.Second
		p.Log.V(1).Info("recorded what this replica serves", "pod", p.Namespace+"/"+p.Pod, "record", v)
	}
	publish()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-p.Changed:
			publish()
		case <-retry:
			publish()
		}
	}
}

// write merge-patches the annotation alone: nothing else of the pod is touched.
func (p *Publisher) write(ctx context.Context, value string) error {
	body, err := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]string{Annotation: value}}})
	if err != nil {
		return err
	}
	pod := &metav1.PartialObjectMetadata{}
	pod.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Pod"))
	pod.SetNamespace(p.Namespace)
	pod.SetName(p.Pod)
	if err := p.Client.Patch(ctx, pod, client.RawPatch(types.MergePatchType, body)); err != nil {
		return fmt.Errorf("patching pod %s/%s: %w", p.Namespace, p.Pod, err)
	}
	return nil
}
