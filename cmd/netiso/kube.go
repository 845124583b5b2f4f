package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/pager"

	"github.com/netiso/netiso/pkg/explain"
	"github.com/netiso/netiso/pkg/rules"
)

// kube reads what explain needs from a cluster, with kubectl's kubeconfig rules.
type kube struct {
	kubeconfig, context string
	rulesConfigMap      string
	client              kubernetes.Interface
}

func (k *kube) flags(f *pflag.FlagSet) {
	f.StringVar(&k.rulesConfigMap, "rules-configmap", "", "read the rules from this ConfigMap in the cluster, NAMESPACE/NAME (the webhook's --rules-configmap)")
	f.StringVar(&k.kubeconfig, "kubeconfig", "", "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
	f.StringVar(&k.context, "context", "", "kubeconfig context (default: the current one)")
}

func (k *kube) connect() (kubernetes.Interface, error) {
	if k.client != nil {
		return k.client, nil
	}
	loading := clientcmd.NewDefaultClientConfigLoadingRules()
	loading.ExplicitPath = k.kubeconfig
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(loading, &clientcmd.ConfigOverrides{CurrentContext: k.context}).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("connecting to the cluster: %w", err)
	}
	cfg.UserAgent = "netiso"
	if k.client, err = kubernetes.NewForConfig(cfg); err != nil {
		return nil, fmt.Errorf("connecting to the cluster: %w", err)
	}
	return k.client, nil
}

// rules compiles the rules held in the ConfigMap, exactly as the webhook reads them.
// eachPod calls fn with every pod of the cluster that selector (a label selector, "" for all)
// selects, listed a page at a time by client-go's pager.
func (k *kube) eachPod(ctx context.Context, selector string, fn func(*corev1.Pod)) error {
	c, err := k.connect()
	if err != nil {
		return err
	}
	list := pager.New(func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
		return c.CoreV1().Pods("").List(ctx, opts)
	})
	err = list.EachListItem(ctx, metav1.ListOptions{LabelSelector: selector}, func(obj runtime.Object) error {
		fn(obj.(*corev1.Pod))
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing pods: %w", err)
	}
	return nil
}

func (k *kube) rules(ctx context.Context, labels rules.Options) (*rules.Compiled, error) {
	ns, name, err := namespacedName("--rules-configmap", k.rulesConfigMap)
	if err != nil {
		return nil, err
	}
	c, err := k.connect()
	if err != nil {
		return nil, err
	}
	cm, err := c.CoreV1().ConfigMaps(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return nil, fmt.Errorf("reading the rules: %w", err)
	}
	data, key, err := rules.FromConfigMap(cm.Data, cm.BinaryData)
	if err != nil {
		return nil, fmt.Errorf("configmap %s/%s: %w", ns, name, err)
	}
	doc, err := rules.Parse("configmap/"+ns+"/"+name+":"+key, data)
	if err != nil {
		return nil, err
	}
	return rules.Compile(doc, labels)
}

// pod reads a pod and its namespace's labels; a namespace it may not read leaves them unknown.
func (k *kube) pod(ctx context.Context, ref string) (explain.Pod, error) {
	ns, name, err := namespacedName("--pod", ref)
	if err != nil {
		return explain.Pod{}, err
	}
	c, err := k.connect()
	if err != nil {
		return explain.Pod{}, err
	}
	p, err := c.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return explain.Pod{}, fmt.Errorf("reading the pod: %w", err)
	}
	out := explain.Pod{Namespace: ns, Name: name, Labels: p.Labels, Annotations: p.Annotations, Spec: &p.Spec}
	switch n, err := c.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{}); {
	case err == nil:
		out.NamespaceLabels = n.Labels
		if out.NamespaceLabels == nil {
			out.NamespaceLabels = map[string]string{}
		}
	case !apierrors.IsForbidden(err):
		return explain.Pod{}, fmt.Errorf("reading the pod's namespace: %w", err)
	}
	return out, nil
}

func namespacedName(flag, v string) (string, string, error) {
	ns, name, ok := strings.Cut(v, "/")
	if !ok || ns == "" || name == "" || strings.Contains(name, "/") {
		return "", "", usageError{fmt.Errorf("%s=%q: want NAMESPACE/NAME", flag, v)}
	}
	return ns, name, nil
}
