package discover

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// address is one token in a string that may name a Service: a URL, host:port, or (only as a whole
// value) a bare host. It is a reference only if it resolves to a Service in the manifests.
type address struct {
	text   string // as written, with any URL password removed, for reports
	host   string // lower case, no trailing dot
	port   int    // 0: none written
	scheme string // for URLs
	bare   bool   // no port and no scheme: only counted when it is the whole value
	driver bool   // a driver's URL (jdbc:…)
}

// separators split a value into tokens: whitespace, quotes, brackets, shell and list punctuation,
// and "=" so that --flag=host:port yields host:port.
const separators = " \t\r\n,;\"'`()[]{}<>|&="

// hostPort is a DNS name with an optional numeric port; upper case is never a Service name, and
// not matching it keeps environment-variable names and prose out.
var hostPort = regexp.MustCompile(`^([a-z0-9][a-z0-9.-]*?)\.?(?::([0-9]{1,5}))?/?$`)

// addresses returns the tokens of value that look like addresses. A bare host counts only when it
// is the whole (trimmed) value: inside prose or a script a lone word is far more often not one.
func addresses(value string) []address {
	whole := strings.TrimSpace(value)
	var out []address
	for _, tok := range strings.FieldsFunc(value, func(r rune) bool { return strings.ContainsRune(separators, r) }) {
		tok = strings.TrimRight(tok, ".,:")
		if tok == "" {
			continue
		}
		a, ok := parseAddress(tok)
		if !ok || (a.bare && tok != whole && !isClusterName(a.host)) {
			continue
		}
		out = append(out, a)
	}
	return out
}

func parseAddress(tok string) (address, bool) {
	if strings.Contains(tok, "://") {
		// A driver's prefix hides the URL from url.Parse (jdbc:postgresql://h/db has scheme jdbc
		// and no host). A replica set's list (mongodb://a,b/db) is cut at its commas by the
		// separators: its first host is read.
		stripped := stripDriverPrefix(tok)
		u, err := url.Parse(stripped)
		if err != nil {
			return address{}, false
		}
		a := address{scheme: strings.ToLower(u.Scheme), driver: stripped != tok}
		host, port := u.Hostname(), u.Port()
		if a.scheme == "dns" && host == "" { // gRPC's dns:///host:port
			m := hostPort.FindStringSubmatch(strings.TrimPrefix(u.Path, "/"))
			if m == nil {
				return address{}, false
			}
			host, port = m[1], m[2]
		}
		if u.User != nil { // never repeat a password in a report
			name := u.User.Username()
			u.User = nil
			if name != "" {
				u.User = url.User(name)
			}
		}
		a.text, a.host = u.String(), strings.TrimSuffix(host, ".")
		if port != "" {
			p, err := strconv.Atoi(port)
			if err != nil || p < 1 || p > 65535 {
				return address{}, false
			}
			a.port = p
		}
		return a, a.host != ""
	}
	m := hostPort.FindStringSubmatch(tok)
	if m == nil {
		return address{}, false
	}
	a := address{text: tok, host: m[1], bare: m[2] == ""}
	if m[2] != "" {
		p, _ := strconv.Atoi(m[2])
		if p < 1 || p > 65535 {
			return address{}, false
		}
		a.port = p
	}
	return a, true
}

// driverPrefixes come before a URL in connection strings: JDBC's, and R2DBC's.
var driverPrefixes = []string{"jdbc:", "r2dbc:"}

func stripDriverPrefix(tok string) string {
	for _, p := range driverPrefixes {
		if len(tok) > len(p) && strings.EqualFold(tok[:len(p)], p) {
			return tok[len(p):]
		}
	}
	return tok
}

// isClusterName: an explicit in-cluster name (…​.svc or …​.svc.cluster.local) counts anywhere.
func isClusterName(host string) bool {
	return strings.HasSuffix(host, ".svc") || strings.HasSuffix(host, ".svc.cluster.local")
}

// target is the Service an address names, when it is written in one of the in-cluster forms:
// svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, and pod.svc.ns.svc[.cluster.local] (a
// StatefulSet pod behind a headless Service). ok is false for anything else (IPs, external
// names, localhost).
func target(host, callerNamespace string) (namespace, name string, ok bool) {
	host = strings.TrimSuffix(host, ".cluster.local")
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if len(validation.IsDNS1123Label(l)) > 0 {
			return "", "", false
		}
	}
	switch {
	case len(labels) == 1:
		namespace, name = callerNamespace, labels[0]
	case len(labels) == 2 && labels[1] != "svc":
		namespace, name = labels[1], labels[0]
	case len(labels) == 3 && labels[2] == "svc":
		namespace, name = labels[1], labels[0]
	case len(labels) == 4 && labels[3] == "svc":
		namespace, name = labels[2], labels[1]
	default:
		return "", "", false
	}
	// A Service name is a DNS-1035 label: it starts with a letter ("12:30" is not an address).
	if len(validation.IsDNS1035Label(name)) > 0 || name == "localhost" {
		return "", "", false
	}
	return namespace, name, true
}

// schemePorts are the ports a URL means when it names none.
var schemePorts = map[string]int{
	"http": 80, "https": 443, "ws": 80, "wss": 443,
	"redis": 6379, "rediss": 6379, "amqp": 5672, "amqps": 5671, "postgres": 5432, "postgresql": 5432,
	"mysql": 3306, "mongodb": 27017, "nats": 4222, "kafka": 9092, "memcached": 11211,
}
