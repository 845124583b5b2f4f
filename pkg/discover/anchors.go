package discover

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/google/go-containerregistry/pkg/name"
	yamlv3 "go.yaml.in/yaml/v3"

	"github.com/netiso/netiso/pkg/rules"
)

// Evidence of identity anchors, from manifests.
const (
	ImageRef       EvidenceKind = "image"           // a container's image: its repository
	ServiceAccount EvidenceKind = "service-account" // the ServiceAccount a pod template runs as
)

// NoAnchor is a note: an identity anchor discover could have proposed and did not, and why.
const NoAnchor FindingKind = "no-anchor"

// Anchor is an identity anchor discover proposes for a service, as a value of its identity's field
// (serviceAccounts or repositories), with the places in the manifests that show it. Signatures are
// never proposed: the manifests do not say who builds the images.
type Anchor struct {
	Service  string     `json:"service"`
	Field    string     `json:"field"`
	Value    string     `json:"value"`
	Evidence []Evidence `json:"evidence"`
}

// positions are where, in a manifest file, a document names its containers' images and its pods'
// ServiceAccounts: each the first line that does, for the evidence of identity anchors. In a List
// a container is found by name, so two items' containers of one name share the first's line.
type positions struct {
	doc     int            // the document's first line
	image   map[string]int // container name → the line of its image
	account map[string]int // ServiceAccount → the line that names it
}

// locate finds the positions in doc, which starts on line start of its file; a document that does
// not parse points at its start (decoding it reports the error).
func locate(doc []byte, start int) *positions {
	p := &positions{doc: start, image: map[string]int{}, account: map[string]int{}}
	var root yamlv3.Node
	if yamlv3.Unmarshal(doc, &root) != nil {
		return p
	}
	var walk func(n *yamlv3.Node)
	walk = func(n *yamlv3.Node) {
		if n.Kind == yamlv3.MappingNode {
			fields := map[string]*yamlv3.Node{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				fields[n.Content[i].Value] = n.Content[i+1]
			}
			if img, c := fields["image"], fields["name"]; img != nil && c != nil && img.Kind == yamlv3.ScalarNode {
				setFirst(p.image, c.Value, start+img.Line-1)
			}
			for _, key := range []string{"serviceAccountName", "serviceAccount"} {
				if sa := fields[key]; sa != nil && sa.Kind == yamlv3.ScalarNode {
					setFirst(p.account, sa.Value, start+sa.Line-1)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	return p
}

func setFirst(m map[string]int, k string, v int) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// anchors proposes, for each identity, the repositories of its workloads' images and the
// ServiceAccount they run as, in the manifests' order; a finding says why one is not proposed.
func (a *analysis) anchors() []Anchor {
	var out []Anchor
	index := map[[3]string]int{} // service, field and value → the anchor's place in out
	add := func(service, field, value string, ev Evidence) {
		k := [3]string{service, field, value}
		i, ok := index[k]
		if !ok {
			i, index[k] = len(out), len(out)
			out = append(out, Anchor{Service: service, Field: field, Value: value})
		}
		out[i].Evidence = append(out[i].Evidence, ev)
	}
	unreadable := map[string]bool{}  // identity → an image that names no repository
	defaultSA := map[string]string{} // identity → a workload that runs as the namespace's default
	for _, w := range a.m.workloads {
		if w.identity == "" {
			continue
		}
		spec := w.template.Spec
		if sa := cmp.Or(spec.ServiceAccountName, spec.DeprecatedServiceAccount); sa == "" || sa == "default" {
			defaultSA[w.identity] = w.where()
		} else {
			add(w.identity, "serviceAccounts", sa, Evidence{Kind: ServiceAccount, Where: w.at(w.pos.account[sa]), Text: sa})
		}
		for _, c := range slices.Concat(spec.InitContainers, spec.Containers) {
			ref, err := name.ParseReference(c.Image)
			var repo string
			if err == nil {
				repo, err = rules.NormalizeRepository(ref.Context().Name())
			}
			if err != nil {
				unreadable[w.identity] = true
				a.note(NoAnchor, w.where()+", container "+c.Name, c.Image, "no repository in the image (%v): no repositories anchor proposed for %s", err, w.identity)
				continue
			}
			add(w.identity, "repositories", repo, Evidence{Kind: ImageRef, Where: w.at(w.pos.image[c.Name]), Text: c.Image})
		}
	}
	// An anchor that one workload of the service would fail is none at all.
	noted := map[string]bool{}
	return slices.DeleteFunc(out, func(x Anchor) bool {
		if x.Field == "repositories" {
			return unreadable[x.Service]
		}
		where, mixed := defaultSA[x.Service]
		if mixed && !noted[x.Service] {
			noted[x.Service] = true
			a.note(NoAnchor, where, "", "runs as the default ServiceAccount while another workload of %s runs as %s: no serviceAccounts anchor proposed", x.Service, x.Value)
		}
		return mixed
	})
}

// identities are the anchors proposed, as each service's identity.
func identities(anchors []Anchor) map[string]*rules.Identity {
	out := map[string]*rules.Identity{}
	for _, x := range anchors {
		id := out[x.Service]
		if id == nil {
			id = &rules.Identity{}
			out[x.Service] = id
		}
		if x.Field == "serviceAccounts" {
			id.ServiceAccounts = append(id.ServiceAccounts, x.Value)
		} else {
			id.Repositories = append(id.Repositories, x.Value)
		}
	}
	for _, id := range out {
		slices.Sort(id.ServiceAccounts)
		slices.Sort(id.Repositories)
	}
	return out
}

// at is file:line of a line in the workload's file; 0, unknown, stands for the document's start.
func (w *workload) at(line int) string {
	return fmt.Sprintf("%s:%d", w.file, cmp.Or(line, w.pos.doc))
}
