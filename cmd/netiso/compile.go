package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"

	"github.com/netiso/netiso/pkg/names"
	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rules"
)

// manifestMargin is left free under rules.ConfigMapLimit for what the API server adds to the
// object (uid, timestamps, managedFields), so a manifest that fits here fits there.
const manifestMargin = 16 << 10

// compiled is a rules ConfigMap and what it took to make it.
type compiled struct {
	manifest []byte
	gzipped  bool
	docBytes int // the compact JSON document
	zipBytes int // the gzipped document, when gzipped
}

func newCompileCmd(s streams, labels *rules.Options) *cobra.Command {
	var name, namespace, out string
	output := newFormat("yaml", "yaml", "json")
	cmd := &cobra.Command{
		Use:   "compile RULES... [--name N] [--namespace NS]",
		Short: "Compile rules into the webhook's rules ConfigMap",
		Long: `compile validates the rules as the webhook does and writes one ConfigMap manifest, ready for
kubectl apply --server-side (client-side apply would copy it into an annotation limited to 256 KiB).
data["rules.yaml"] holds the normalized rules as compact JSON; when that would not fit in one
ConfigMap (1 MiB) the document is gzipped into binaryData["rules.yaml.gz"] instead, which the
webhook reads as well. The annotation netiso.dev/rules-hash is the rules version the webhook
will stamp on pods.`,
		Example: `  netiso compile rules/ --name netiso-rules --namespace netiso-system -o rules-configmap.yaml
  netiso compile examples/online-boutique/rules.yaml --name netiso-rules --namespace netiso-system | kubectl apply --server-side -f -`,
		Args: args(1, "at least one rules file or rule tree"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			for _, v := range []struct{ flag, value string }{{"--name", name}, {"--namespace", namespace}} {
				if msgs := validation.IsDNS1123Subdomain(v.value); len(msgs) > 0 {
					return usageError{fmt.Errorf("%s %q: %s", v.flag, v.value, strings.Join(msgs, "; "))}
				}
			}
			c, err := loadRules(s, paths, *labels)
			if err != nil {
				return err
			}
			res, err := compileConfigMap(c, name, namespace, output.value, rules.ConfigMapLimit)
			if err != nil {
				return err
			}
			if res.gzipped {
				fmt.Fprintf(s.errOut, "netiso: rules are %d bytes as JSON, too large for one ConfigMap as text: gzipped to %d bytes in binaryData[%q]\n",
					res.docBytes, res.zipBytes, rules.ConfigMapGzipKey)
			}
			return write(s.out, out, res.manifest)
		},
	}
	cmd.Flags().StringVar(&name, "name", "netiso-rules", "the ConfigMap's name (the webhook's --rules-configmap NAMESPACE/NAME)")
	cmd.Flags().StringVar(&namespace, "namespace", policy.DefaultNetisoNamespace, "the ConfigMap's namespace")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the manifest to this file instead of stdout")
	cmd.Flags().Var(output, "format", "manifest format: yaml or json")
	return cmd
}

// compileConfigMap builds the rules ConfigMap manifest: the document as text when the manifest
// fits in limit (rules.ConfigMapLimit) with margin, gzipped otherwise, an error when even that does
// not fit.
func compileConfigMap(c *rules.Compiled, name, namespace, format string, limit int) (compiled, error) {
	doc, err := json.Marshal(c.Document())
	if err != nil {
		return compiled{}, fmt.Errorf("encode rules: %w", err)
	}
	budget := limit - manifestMargin
	cm := configMap(c, name, namespace)
	cm.Data = map[string]string{rules.ConfigMapKey: string(doc)}
	res := compiled{docBytes: len(doc)}
	if len(doc) < budget { // else no need to encode it to know it is too large
		if res.manifest, err = encode(cm, format); err != nil {
			return compiled{}, err
		}
		if len(res.manifest) <= budget {
			return res, nil
		}
	}
	zipped, err := gzipBytes(doc)
	if err != nil {
		return compiled{}, err
	}
	cm.Data = nil
	cm.BinaryData = map[string][]byte{rules.ConfigMapGzipKey: zipped}
	res.gzipped, res.zipBytes = true, len(zipped)
	if res.manifest, err = encode(cm, format); err != nil {
		return compiled{}, err
	}
	if len(res.manifest) > budget {
		return compiled{}, fmt.Errorf("rules too large for one ConfigMap: %d services and %d links are %d bytes as JSON, %d gzipped, a %d-byte manifest; the limit is %d bytes (%d less %d KiB for metadata)",
			c.Len(), c.Links(), len(doc), len(zipped), len(res.manifest), budget, limit, manifestMargin>>10)
	}
	return res, nil
}

func configMap(c *rules.Compiled, name, namespace string) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Namespace:   namespace,
			Labels:      map[string]string{policy.ManagedByLabel: policy.ManagedBy},
			Annotations: map[string]string{names.AnnotationRulesHash: c.Hash()},
		},
	}
}

func encode(obj any, format string) ([]byte, error) {
	if format == "json" {
		data, err := json.MarshalIndent(obj, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("encode manifest: %w", err)
		}
		return append(data, '\n'), nil
	}
	data, err := yaml.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	return data, nil
}

// gzipBytes compresses deterministically (no name, no time), so the same rules give the same bytes.
func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, fmt.Errorf("gzip rules: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip rules: %w", err)
	}
	return b.Bytes(), nil
}
