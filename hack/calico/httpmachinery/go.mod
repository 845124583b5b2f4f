// A stand-in for github.com/projectcalico/calico/lib/httpmachinery: Calico's go.mod requires it at
// a version only Calico's own replace resolves (./lib/httpmachinery, not in the module zip), and
// the module proxy does not serve it. Only Calico's whisker-backend imports it; Felix and the
// client do not, so an empty module is enough for the build graph.
module github.com/projectcalico/calico/lib/httpmachinery

go 1.24
