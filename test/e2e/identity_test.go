//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"maps"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/netiso/netiso/test/harness"
)

// identity is the suite's signed world: a builder key pair (ci) and another (rogue), made by the
// real cosign CLI, and images pushed to the suite's registry, signed by cosign or not.
type identity struct {
	ns    string
	rules []byte
	// The vault service's repository: signed by ci, unsigned, signed by rogue; and an image
	// signed by ci in another repository.
	signed, unsigned, rogue, elsewhere name.Digest
	cosign                             *harness.Cosign
	ciKey                              string
}

var (
	identityOnce sync.Once
	identityErr  error
	world        identity
)

// vaultRules are the suite's rules plus vault, a service whose pods must run as ServiceAccount
// vault, from its repository, signed by ci.
func vaultRules(ns, repo, ciPub string) []byte {
	return append(append([]byte(nil), baseRules...), fmt.Sprintf(`  - name: vault
    namespaces: [%s]
    calls: [paymentservice]
    identity:
      serviceAccounts: [vault]
      repositories: [%s]
      signedBy: [ci]
builders:
  - name: ci
    publicKey: |
%s`, ns, repo, indentLines(ciPub, "      "))...)
}

func indentLines(s, by string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = by + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}

func setupIdentity(t *testing.T) *identity {
	t.Helper()
	identityOnce.Do(func() {
		bin := os.Getenv("COSIGN_BIN")
		if bin == "" {
			identityErr = fmt.Errorf(`COSIGN_BIN is not set: eval "$(hack/tools.sh cosign)" && export COSIGN_BIN (make test-e2e does)`)
			return
		}
		ctx := context.Background()
		dir, err := os.MkdirTemp(binDir, "cosign-")
		if err != nil {
			identityErr = err
			return
		}
		world.cosign = &harness.Cosign{Bin: bin, Dir: dir, Registry: registry}
		var ciPub string
		if world.ciKey, ciPub, err = world.cosign.KeyPair(ctx, "ci"); err != nil {
			identityErr = err
			return
		}
		rogueKey, _, err := world.cosign.KeyPair(ctx, "rogue")
		if err != nil {
			identityErr = err
			return
		}
		push := func(repo, key string) name.Digest {
			if identityErr != nil {
				return name.Digest{}
			}
			d, err := registry.Push(ctx, repo)
			if err == nil && key != "" {
				err = world.cosign.Sign(ctx, d, key)
			}
			identityErr = err
			return d
		}
		world.signed = push("shop/vault", world.ciKey)
		world.unsigned = push("shop/vault", "")
		world.rogue = push("shop/vault", rogueKey)
		world.elsewhere = push("shop/other", world.ciKey)
		world.ns = "vault-" + fmt.Sprint(time.Now().UnixNano()%100000)
		if identityErr == nil {
			identityErr = k8s.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: world.ns}})
		}
		world.rules = vaultRules(world.ns, registry.Host+"/shop/vault", ciPub)
	})
	if identityErr != nil {
		t.Fatal(identityErr)
	}
	setRules(t, world.rules)
	t.Cleanup(func() { setRules(t, baseRules) })
	// The webhook serves the new rules once a right pod, dry-run, gets vault's grant.
	eventually(t, "the webhook to serve vault's rules", func() bool {
		p := world.vaultPod("vault", world.signed.String())
		return k8s.Create(t.Context(), p, client.DryRunAll) == nil && len(managed(p)) > 0
	})
	return &world
}

// vaultPod is a pod that claims vault, running as sa, image in its one container.
func (w *identity) vaultPod(sa, image string) *corev1.Pod {
	p := pod(w.ns, "vault", nil)
	p.Spec.ServiceAccountName = sa
	p.Spec.Containers[0].Image = image
	return p
}

// TestIdentity: a pod that claims a service and fails one of its anchors ends with no managed label,
// whatever the anchor; the right pod gets exactly its grant. The signatures are the real cosign
// CLI's, in the suite's own registry.
func TestIdentity(t *testing.T) {
	w := setupIdentity(t)
	grant := grantOf(t, compiled(t, w.rules), "vault", w.ns)

	right := w.vaultPod("vault", w.signed.String())
	create(t, right)
	if got := managed(get(t, right)); !maps.Equal(got, grant) {
		t.Fatalf("the right pod: managed labels %v, want exactly %v", got, grant)
	}

	for _, tc := range []struct {
		name, sa, image, warning string
	}{
		{"another ServiceAccount", "intruder", w.signed.String(), "serviceAccount anchor"},
		{"an image from another repository", "vault", w.elsewhere.String(), "repository anchor"},
		{"an unsigned image", "vault", w.unsigned.String(), "signature anchor"},
		{"an image signed by another key", "vault", w.rogue.String(), "signature anchor"},
		{"a tag instead of a digest", "vault", registry.Host + "/shop/vault:latest", "digest anchor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := w.vaultPod(tc.sa, tc.image)
			// Every forged key the pod could want, on top: none may survive.
			p.Labels = maps.Clone(grant)
			p.Labels[serviceLabel] = "vault"
			seen := warnings.count()
			create(t, p)
			if got := managed(get(t, p)); len(got) != 0 {
				t.Errorf("managed labels %v, want none", got)
			}
			if ws := strings.Join(warnings.since(seen), "\n"); !strings.Contains(ws, tc.warning) {
				t.Errorf("warnings %q, want one naming the %s", ws, tc.warning)
			}
			// The reconciler agrees: nothing relabels it (judged twice by then).
			time.Sleep(500 * time.Millisecond)
			if got := managed(get(t, p)); len(got) != 0 {
				t.Errorf("after the reconciler: managed labels %v, want none", got)
			}
		})
	}

	t.Run("an ephemeral container with a foreign image", func(t *testing.T) {
		p := w.vaultPod("vault", w.signed.String())
		create(t, p)
		if len(managed(get(t, p))) == 0 {
			t.Fatal("the right pod got no grant")
		}
		cur := get(t, p)
		cur.Spec.EphemeralContainers = append(cur.Spec.EphemeralContainers, corev1.EphemeralContainer{
			EphemeralContainerCommon: corev1.EphemeralContainerCommon{Name: "debugger", Image: "busybox:1.36", ImagePullPolicy: corev1.PullIfNotPresent,
				TerminationMessagePolicy: corev1.TerminationMessageReadFile}})
		start := time.Now()
		if err := k8s.SubResource("ephemeralcontainers").Update(t.Context(), cur); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the pod to lose its grant", func() bool { return len(managed(get(t, p))) == 0 })
		t.Logf("grant removed %s after the ephemeral container was added", time.Since(start).Round(time.Millisecond))
	})

	t.Run("an image changed", func(t *testing.T) {
		p := w.vaultPod("vault", w.signed.String())
		create(t, p)
		setImage := func(image string) *corev1.Pod {
			body := fmt.Sprintf(`{"spec":{"containers":[{"name":"main","image":%q}]}}`, image)
			out := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: p.Namespace, Name: p.Name}}
			if err := k8s.Patch(t.Context(), out, client.RawPatch(types.StrategicMergePatchType, []byte(body))); err != nil {
				t.Fatal(err)
			}
			return out
		}
		// To an unsigned image: the update itself leaves no managed label.
		if got := managed(setImage(w.unsigned.String())); len(got) != 0 {
			t.Fatalf("after the change to an unsigned image: %v, want none", got)
		}
		time.Sleep(500 * time.Millisecond)
		if got := managed(get(t, p)); len(got) != 0 {
			t.Fatalf("the reconciler granted %v to an unsigned image", got)
		}
		// Back to the signed one: the update leaves none either, and netiso restores the grant.
		if got := managed(setImage(w.signed.String())); len(got) != 0 {
			t.Fatalf("the user's own update kept %v", got)
		}
		start := time.Now()
		eventually(t, "the reconciler to restore the grant", func() bool { return maps.Equal(managed(get(t, p)), grant) })
		t.Logf("grant restored %s after the change back to the signed image", time.Since(start).Round(time.Millisecond))
	})

	t.Run("an image changed while the webhook is bypassed", func(t *testing.T) {
		p := w.vaultPod("vault", w.signed.String())
		create(t, p)
		restore := deleteWebhookConfiguration(t)
		defer restore()
		body := fmt.Sprintf(`{"spec":{"containers":[{"name":"main","image":%q}]}}`, w.unsigned.String())
		err := k8s.Patch(t.Context(), &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: p.Namespace, Name: p.Name}},
			client.RawPatch(types.StrategicMergePatchType, []byte(body)))
		if err == nil || !strings.Contains(err.Error(), "must leave the pod without managed labels") {
			t.Fatalf("the image change kept its labels past the policy: %v", err)
		}
	})
}

// TestIdentityRegistryFaults: with the registry down, slow or answering garbage, a pod whose image
// was never checked is created at once with no rights and a warning, and gets them within seconds
// of the registry's return.
func TestIdentityRegistryFaults(t *testing.T) {
	w := setupIdentity(t)
	grant := grantOf(t, compiled(t, w.rules), "vault", w.ns)
	for _, tc := range []struct {
		name string
		mode harness.RegistryMode
	}{
		{"down", harness.RegistryDown},
		{"slow", harness.RegistrySlow},
		{"garbage", harness.RegistryGarbage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A fresh image, signed while the registry is up: the webhook has never checked it.
			d, err := registry.Push(t.Context(), "shop/vault")
			if err == nil {
				err = w.cosign.Sign(t.Context(), d, w.ciKey)
			}
			if err != nil {
				t.Fatal(err)
			}
			registry.SetMode(tc.mode)
			defer registry.SetMode(harness.RegistryUp)
			p := w.vaultPod("vault", d.String())
			seen := warnings.count()
			start := time.Now()
			create(t, p)
			took := time.Since(start)
			if got := managed(get(t, p)); len(got) != 0 {
				t.Fatalf("registry %s: managed labels %v, want none", tc.name, got)
			}
			if ws := strings.Join(warnings.since(seen), "\n"); !strings.Contains(ws, "signature") {
				b, _ := os.ReadFile(webhook.Log)
				var lines []string
				for _, l := range strings.Split(string(b), "\n") {
					if strings.Contains(l, p.Name) || strings.Contains(l, p.GenerateName) {
						lines = append(lines, l)
					}
				}
				t.Errorf("warnings %q, want one about the signature; the webhook's log of the pod:\n%s", ws, strings.Join(lines, "\n"))
			}
			t.Logf("registry %s: pod created in %s with no rights", tc.name, took.Round(time.Millisecond))
			time.Sleep(2 * time.Second) // checks fail meanwhile, and are retried
			if got := managed(get(t, p)); len(got) != 0 {
				t.Fatalf("registry %s: granted %v while it was %s", tc.name, got, tc.name)
			}
			registry.SetMode(harness.RegistryUp)
			back := time.Now()
			eventually(t, "the grant after the registry's return", func() bool { return maps.Equal(managed(get(t, p)), grant) })
			t.Logf("registry %s: grant %s after the registry's return", tc.name, time.Since(back).Round(time.Millisecond))
		})
	}
}
