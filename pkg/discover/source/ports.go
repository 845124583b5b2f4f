package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// A host the code reaches often names no port where it is written; the port is beside it: a
// sibling setting (REDIS_HOST and REDIS_PORT, spring.rabbitmq.host and spring.rabbitmq.port, YAML's
// address: and port_value: under one parent), or the URL the host is assembled into at run time
// ('http://' + host + ':8080/', f"http://{host}:8080", '...{cart}:8080...'.format(cart=CART)).
// portsBeside fills in each literal's Port from them (vars: the variable each env default is
// assigned to); discover uses it only when the Service exposes that port.
func portsBeside(lits []Literal, vars map[int]string, code []byte) {
	ports := map[string]int{}
	for _, l := range lits {
		if g, ok := portGroup(l); ok {
			if p, ok := Port(l.Text); ok {
				ports[g] = p
			}
		}
	}
	for i, l := range lits {
		if g, ok := hostGroup(l); ok && ports[g] != 0 {
			lits[i].Port = ports[g]
		}
	}
	assembled(lits, vars, code)
}

// name is what a literal is called: the variable it is the default of, else its key.
func (l Literal) name() string {
	if l.Env != "" {
		return l.Env
	}
	return l.Key
}

// portWords and hostWords end a port setting's name and its host's (REDIS_PORT, port_value;
// REDIS_HOST, address), longest first.
var (
	portWords = []string{"port_value", "portvalue", "port"}
	hostWords = []string{"hostname", "address", "server", "service", "host", "addr"}
)

// portGroup and hostGroup put a port setting and the host it belongs to in one group: the file,
// the YAML parents and the name's stem (REDIS_PORT and REDIS_HOST: "redis"; port_value and
// address under socket_address: "").
func portGroup(l Literal) (string, bool) { return group(l, PortStem) }
func hostGroup(l Literal) (string, bool) { return group(l, HostStem) }

func group(l Literal, stem func(string) (string, bool)) (string, bool) {
	s, ok := stem(l.name())
	if !ok {
		return "", false
	}
	return l.File + "\x00" + l.Parents + "\x00" + s, true
}

// HostStem and PortStem are a host setting's name and its port's without the last word, lower
// case: ORDER_QUEUE_HOSTNAME and ORDER_QUEUE_PORT are both "order_queue", so one names the
// other's port, in code and config here and in a workload's env in discover.
func HostStem(name string) (string, bool) { return stem(name, hostWords) }
func PortStem(name string) (string, bool) { return stem(name, portWords) }

func stem(name string, words []string) (string, bool) {
	if len(name) < 4 {
		return "", false
	}
	lower := strings.ToLower(name)
	for _, w := range words {
		if s, ok := strings.CutSuffix(lower, w); ok {
			return strings.TrimRight(s, "._-"), true
		}
	}
	return "", false
}

// Port is s as a port number, when it is one (1 to 65535).
func Port(s string) (int, bool) {
	p, err := strconv.Atoi(strings.TrimSpace(s))
	return p, err == nil && p > 0 && p < 65536
}

// assembledPort are the places a URL is assembled around a variable: host + ':8080/',
// `${host}:8080`, "#{host}:8080", f"{host}:8080"; and str.format's '{cart}:8080'.format(cart=CART).
var (
	assembledPort = []*regexp.Regexp{
		regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*)\s*\+\s*["'` + "`" + `]:([0-9]{1,5})\b`),
		regexp.MustCompile(`(?:\$\{|#\{|\{)([A-Za-z_][A-Za-z0-9_]*)\}:([0-9]{1,5})\b`),
	}
	formatPort = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}:([0-9]{1,5})\b[^"'\n]*["']\s*\.format\(([^)\n]*)\)`)
	keyword    = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z_][A-Za-z0-9_.]*)`)
)

// assembled sets the port of an env lookup's default (CATALOGUE = os.getenv('CATALOGUE_HOST',
// 'catalogue')) from where the file assembles a URL around the variable it is assigned to. The
// file is searched once, and only when it has such a default.
func assembled(lits []Literal, vars map[int]string, code []byte) {
	if len(vars) == 0 {
		return
	}
	ports := map[string]int{} // variable -> port
	add := func(variable, port []byte) {
		if p, ok := Port(string(port)); ok {
			if _, ok := ports[string(variable)]; !ok {
				ports[string(variable)] = p
			}
		}
	}
	for _, re := range assembledPort {
		for _, m := range re.FindAllSubmatch(code, -1) {
			add(m[1], m[2])
		}
	}
	for _, m := range formatPort.FindAllSubmatch(code, -1) {
		for _, kw := range keyword.FindAllSubmatch(m[3], -1) {
			if bytes.Equal(kw[1], m[1]) { // the slot is given this variable
				add(kw[2], m[2])
			}
		}
	}
	for i, v := range vars {
		if lits[i].Port == 0 {
			lits[i].Port = ports[v]
		}
	}
}
