// Package names holds the names every part of netiso shares: the managed label prefixes, the
// annotations the webhook writes and the CLI and explain read, the reconciler's marker, the exempt
// namespace label. It imports nothing, so the CLI can name them without linking the webhook's
// server libraries; docs/design.md is their contract.
package names

// The managed label prefixes' defaults (--egress-prefix, --egress-type-prefix): the webhook owns
// every key under them.
const (
	EgressPrefix     = "egress.netiso.dev"
	EgressTypePrefix = "egress-type.netiso.dev"
)

// AnnotationRulesHash records the version of the rules that computed a pod's labels (the webhook
// writes it on pods; `netiso compile` on the rules ConfigMap).
const AnnotationRulesHash = "netiso.dev/rules-hash"

// AnnotationAudit holds, in audit mode, the managed labels enforce mode would leave the pod with.
const AnnotationAudit = "netiso.dev/audit"

// AnnotationServing, on each webhook replica's own pod, records what that replica serves: its rules
// version, its mode and the options that decide labels and policies (pkg/replica; `netiso status`
// reads it).
const AnnotationServing = "netiso.dev/serving"

// ReconcileMarkerPrefix starts the value the reconciler writes to the rules-hash annotation to have
// a pod relabelled. It is never a rules version (those are hex digits).
const ReconcileMarkerPrefix = "reconcile-"

// ExemptLabel on a namespace, with the value "true", takes it out of netiso's hands.
const ExemptLabel = "netiso.dev/exempt"
