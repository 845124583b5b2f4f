package rulesource

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"

	"github.com/netiso/netiso/pkg/rules"
)

// ConfigMap keeps a Store current from one ConfigMap, through an informer that watches only that
// ConfigMap: nothing is read from the API server per request.
type ConfigMap struct {
	Namespace, Name string
	Store           *Store
}

// CacheOptions restricts the manager's ConfigMap informer to this one ConfigMap, so that netiso
// needs RBAC for it alone and caches nothing else.
func (c *ConfigMap) CacheOptions() cache.ByObject {
	return cache.ByObject{
		Namespaces: map[string]cache.Config{c.Namespace: {}},
		Field:      fields.OneTermEqualSelector("metadata.name", c.Name),
	}
}

// Watch registers the event handlers on the manager's cache; rules load once the cache starts.
func (c *ConfigMap) Watch(ctx context.Context, ca cache.Cache) error {
	inf, err := ca.GetInformer(ctx, &corev1.ConfigMap{})
	if err != nil {
		return fmt.Errorf("configmap informer: %w", err)
	}
	_, err = inf.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    c.apply,
		UpdateFunc: func(_, obj any) { c.apply(obj) },
		DeleteFunc: func(any) {
			c.Store.Fail(FailDeleted, c.source(""), fmt.Errorf("configmap %s/%s was deleted", c.Namespace, c.Name))
		},
	})
	return err
}

func (c *ConfigMap) apply(obj any) {
	cm, ok := obj.(*corev1.ConfigMap)
	if !ok || cm.Namespace != c.Namespace || cm.Name != c.Name {
		return // the informer is scoped to the one ConfigMap; be sure anyway
	}
	data, key, err := rules.FromConfigMap(cm.Data, cm.BinaryData)
	if err != nil {
		c.Store.Fail(FailUnreadable, c.source(key), err)
		return
	}
	_ = c.Store.Apply(c.source(key), data) // logged and counted by the store
}

func (c *ConfigMap) source(key string) string {
	s := "configmap/" + c.Namespace + "/" + c.Name
	if key != "" {
		s += ":" + key
	}
	return s
}
