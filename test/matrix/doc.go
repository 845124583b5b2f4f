// Package matrix holds the connectivity-matrix proof, in its tests: for a rule set, the labels the
// webhook gives every pod (mutate.Decide) and the policies `netiso policies` writes
// (policy.Generate) are evaluated for every (source pod, destination pod, port) by an independent
// NetworkPolicy engine, the matcher package of github.com/mattfenwick/cyclonus, and the traffic
// it allows, out of each source (egress) and into each destination (ingress), must be exactly what
// the rules grant, zones included. Nothing here is imported by netiso itself.
package matrix
