package policy

import (
	"testing"

	"github.com/netiso/netiso/pkg/mutate"
	"github.com/netiso/netiso/pkg/reconcile"
)

// ExplainPod reads what the webhook and the reconciler write, kept here as text so that the
// policy package does not depend on theirs: the copies must stay the same.
func TestAnnotationsAreTheWebhooks(t *testing.T) {
	for _, c := range []struct{ here, there string }{
		{annotationRulesHash, mutate.AnnotationRulesHash},
		{annotationAudit, mutate.AnnotationAudit},
		{reconcileMarker, reconcile.MarkerPrefix},
	} {
		if c.here != c.there {
			t.Errorf("policy reads %q, the webhook writes %q", c.here, c.there)
		}
	}
}
