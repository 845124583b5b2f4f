// calico-apply applies Calico resources the way `calicoctl apply -f` does, with calicoctl's own
// code: its resource loader parses the file (strictly, as calicoctl does), and each resource is
// created, or updated if it exists, through Calico's clientv3 on the Kubernetes datastore that
// KUBECONFIG names. So a resource it accepts is one Calico itself accepts, name and tier rules
// included, not only one the CRD schema admits.
//
// Usage: calico-apply [-f FILE]   (FILE "-", the default, is stdin)
//
//	calico-apply -init      only initialise the datastore, as calicoctl apply does first
//	calico-apply --version
//
// It prints a line per resource, "accepted KIND NAMESPACE/NAME" or "refused KIND NAMESPACE/NAME:
// Calico's error", and exits 1 when any resource is refused, 2 when the input or the datastore
// fails.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	log "github.com/sirupsen/logrus"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/projectcalico/calico/calicoctl/calicoctl/resourcemgr"
	"github.com/projectcalico/calico/libcalico-go/lib/apiconfig"
	client "github.com/projectcalico/calico/libcalico-go/lib/clientv3"
	"github.com/projectcalico/calico/pkg/buildinfo"
)

func main() {
	file := flag.String("f", "-", "the resources to apply, YAML or JSON, several documents allowed; - for stdin")
	version := flag.Bool("version", false, "print Calico's version and exit")
	// calicoctl keeps client-go's 5 requests a second: two per resource (its tier, then the write)
	// made hundreds take minutes. The rate changes nothing about what Calico accepts.
	qps := flag.Float64("qps", 100, "requests per second to the API server")
	// What a node needs before Felix starts, made by Calico's own code rather than written out.
	initOnly := flag.Bool("init", false, "only initialise the datastore (the default ClusterInformation, datastoreReady, and the default, adminnetworkpolicy and baselineadminnetworkpolicy tiers), failing if that fails")
	flag.Parse()
	if *version {
		fmt.Println("calico-apply, Calico", buildinfo.Version)
		return
	}
	// calicoctl's packages log at info; only their warnings are worth a line here.
	log.SetLevel(log.WarnLevel)
	var refused int
	var err error
	if *initOnly {
		err = initialise(float32(*qps))
	} else {
		refused, err = run(*file, float32(*qps))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "calico-apply:", err)
		os.Exit(2)
	}
	if refused > 0 {
		os.Exit(1)
	}
}

func run(file string, qps float32) (refused int, err error) {
	objs, err := resourcemgr.CreateResourcesFromFile(file)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", file, err)
	}
	resources, err := flatten(objs)
	if err != nil {
		return 0, err
	}
	if len(resources) == 0 {
		return 0, fmt.Errorf("no resources in %s", file)
	}

	c, err := newClient(qps)
	if err != nil {
		return 0, err
	}
	ctx := context.Background()
	// What calicoctl apply does first: create the default ClusterInformation and tiers if missing;
	// a policy in a tier that does not exist is refused. Like calicoctl, not fatal.
	if err := c.EnsureInitialized(ctx, "", ""); err != nil {
		fmt.Fprintln(os.Stderr, "calico-apply: initialising the datastore:", err)
	}

	for _, r := range resources {
		rm := resourcemgr.GetResourceManager(r) // the loader refused kinds Calico does not know
		om := r.GetObjectMeta()
		// calicoctl's default when neither the resource nor -n names a namespace.
		if rm.IsNamespaced() && om.GetNamespace() == "" {
			om.SetNamespace("default")
		}
		id := r.GetObjectKind().GroupVersionKind().Kind + " " + om.GetName()
		if rm.IsNamespaced() {
			id = r.GetObjectKind().GroupVersionKind().Kind + " " + om.GetNamespace() + "/" + om.GetName()
		}
		if _, err := rm.Apply(ctx, c, r); err != nil {
			fmt.Printf("refused %s: %v\n", id, err)
			refused++
			continue
		}
		fmt.Printf("accepted %s\n", id)
	}
	return refused, nil
}

// newClient is Calico's client on the Kubernetes datastore, configured as calicoctl configures it
// from the environment (KUBECONFIG).
func newClient(qps float32) (client.Interface, error) {
	cfg, err := apiconfig.LoadClientConfigFromEnvironment()
	if err != nil {
		return nil, err
	}
	if cfg.Spec.DatastoreType != apiconfig.Kubernetes {
		return nil, fmt.Errorf("datastore %q: only the Kubernetes datastore is supported", cfg.Spec.DatastoreType)
	}
	cfg.Spec.K8sClientQPS = qps
	return client.New(*cfg)
}

func initialise(qps float32) error {
	c, err := newClient(qps)
	if err != nil {
		return err
	}
	if err := c.EnsureInitialized(context.Background(), "", ""); err != nil {
		return fmt.Errorf("initialising the datastore: %w", err)
	}
	fmt.Println("initialised")
	return nil
}

// flatten turns the loader's results (single resources, and lists of them) into resources, as
// calicoctl's convertToSliceOfResources does.
func flatten(objs []runtime.Object) ([]resourcemgr.ResourceObject, error) {
	var out []resourcemgr.ResourceObject
	for _, o := range objs {
		switch o := o.(type) {
		case resourcemgr.ResourceObject:
			out = append(out, o)
		case resourcemgr.ResourceListObject:
			items, err := meta.ExtractList(o)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				out = append(out, it.(resourcemgr.ResourceObject))
			}
		default:
			return nil, fmt.Errorf("unexpected object %T", o)
		}
	}
	return out, nil
}
