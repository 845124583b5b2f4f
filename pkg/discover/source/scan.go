package source

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Pos is a place in a tree: the file, relative to the tree's root and slash-separated, and the
// line (from 1).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Literal is a string the code or config holds: a quoted literal, or a config value. Key is the
// name it is given on its line, when there is one: the identifier or quoted key just before it
// (`host: "x"`, `"host": "x"`, `Hostname("x")`, `spring.rabbitmq.host=x`), so that a bare name can be
// told from a host.
type Literal struct {
	Pos
	Text string `json:"text"`
	Key  string `json:"key,omitempty"`
	// Port is the port a setting or URL beside it names for this host (portsBeside).
	Port int `json:"port,omitempty"`
	// Parents are the keys a YAML value is nested under, dotted (spring.rabbitmq for
	// spring: rabbitmq: host: x): they name the protocol its key does not.
	Parents string `json:"parents,omitempty"`
	// Env is the environment variable whose default the literal is (os.getenv("X", "lit"),
	// process.env.X || "lit", cmp.Or(os.Getenv("X"), "lit")): what the code uses unless deployed
	// with X set.
	Env string `json:"env,omitempty"`
	// Weak, when set, says why the file's evidence is weak (a test, documentation, CI, compose).
	Weak string `json:"weak,omitempty"`
}

// EnvRead is an environment variable the code reads (os.Getenv("X"), process.env.X,
// System.getenv("X"), os.environ["X"], Configuration["X"], ${X} in config and scripts).
type EnvRead struct {
	Pos
	Name string `json:"name"`
	// Prefix: every variable whose name starts with Name is read (Spring Boot binds SPRING_X_Y to
	// spring.x.y, so a Spring Boot application reads every SPRING_ variable).
	Prefix bool   `json:"prefix,omitempty"`
	Weak   string `json:"weak,omitempty"`
}

// Stub is a gRPC service named by the code: a client stub it creates, or a server it registers.
// Service is the proto service's short name; Qualifier the dotted prefix written before it, if any
// (a Java or C# package, a Node package object), to tell apart services of the same name.
type Stub struct {
	Pos
	Service   string `json:"service"`
	Qualifier string `json:"qualifier,omitempty"`
	Form      string `json:"form"` // the pattern that matched, e.g. "Go NewXClient"
	Weak      string `json:"weak,omitempty"`
}

// ProtoService is a gRPC service a .proto file declares.
type ProtoService struct {
	Pos
	Package string `json:"package"`
	Name    string `json:"name"`
}

// FullName is the service's fully-qualified proto name.
func (p ProtoService) FullName() string {
	if p.Package == "" {
		return p.Name
	}
	return p.Package + "." + p.Name
}

// Facts are what one file, or one tree, says.
type Facts struct {
	Literals []Literal      `json:"literals,omitempty"`
	EnvReads []EnvRead      `json:"envReads,omitempty"`
	Clients  []Stub         `json:"clients,omitempty"`
	Servers  []Stub         `json:"servers,omitempty"`
	Protos   []ProtoService `json:"protos,omitempty"`
}

func (f *Facts) add(g Facts) {
	f.Literals = append(f.Literals, g.Literals...)
	f.EnvReads = append(f.EnvReads, g.EnvReads...)
	f.Clients = append(f.Clients, g.Clients...)
	f.Servers = append(f.Servers, g.Servers...)
	f.Protos = append(f.Protos, g.Protos...)
}

// maxLiteral bounds a literal's length: an address is short, and a long string (an embedded
// document, a key) is not one.
const maxLiteral = 2048

// ScanFile reads one file's facts. rel names it (relative to its tree, slash-separated) and
// decides how it is read; skipped says why it was not, when it was not (generated, binary, or
// a kind of file never read). Pure, and safe on any input.
func ScanFile(rel string, data []byte) (facts Facts, skipped string) {
	syn, weak := classify(rel)
	switch {
	case syn == skipFile:
		return Facts{}, "not source or config (or vendored, generated, a lockfile)"
	case binary(data):
		return Facts{}, "binary"
	case syn != prose && generatedHeader(data):
		return Facts{}, "generated"
	}
	if syn == protoFile {
		return Facts{Protos: scanProto(rel, data)}, ""
	}
	lits, code, vars := lex(data, syn)
	if syn == hashLike {
		lits = append(lits, shellDefaults(code)...)
	}
	if ext := path.Ext(rel); ext == ".yaml" || ext == ".yml" {
		parents := yamlParents(code)
		for i := range lits {
			lits[i].Parents = parents[lits[i].Line]
		}
	}
	for i := range lits {
		lits[i].File, lits[i].Weak = rel, weak
	}
	portsBeside(lits, vars, code)
	facts.Literals = lits
	facts.EnvReads = envReads(rel, code, weak, syn == config || syn == hashLike)
	if springConfig(rel) {
		facts.EnvReads = append(facts.EnvReads, propertyReads(rel, code, weak)...)
	}
	if buildFile(rel) {
		if k := bytes.Index(data, springBoot); k >= 0 {
			facts.EnvReads = append(facts.EnvReads, EnvRead{Pos: Pos{File: rel, Line: lineAt(data, k)}, Name: "SPRING_", Prefix: true, Weak: weak})
		}
	}
	if syn == cLike || syn == hashLike {
		facts.Clients, facts.Servers = stubs(rel, code, weak)
	}
	return facts, ""
}

// lex returns the literals of data, the text with its comments blanked (newlines kept, so
// offsets still give lines), and the variables env lookups' defaults are assigned to, by literal
// (catalogueHost for catalogueHost = process.env.X || 'lit').
func lex(data []byte, syn syntax) ([]Literal, []byte, map[int]string) {
	if syn == prose {
		var out []Literal
		for i, line := range bytes.Split(data, []byte("\n")) {
			if t := strings.TrimSpace(string(line)); t != "" && len(t) <= maxLiteral {
				out = append(out, Literal{Pos: Pos{Line: i + 1}, Text: t})
			}
		}
		return out, nil, nil
	}
	code := bytes.Clone(data)
	var lits []Literal
	var vars map[int]string
	line, lineStart := 1, 0
	blank := func(from, to int) {
		for k := from; k < to; k++ {
			if code[k] != '\n' {
				code[k] = ' '
			}
		}
	}
	hash := syn == hashLike || syn == config
	slash := syn == cLike
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\n':
			if syn == config {
				lits = append(lits, configValues(code[lineStart:i], line)...)
			}
			line++
			i++
			lineStart = i
		case slash && c == '/' && i+1 < len(data) && data[i+1] == '/':
			end := indexFrom(data, i, '\n')
			blank(i, end)
			i = end
		case slash && c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := bytes.Index(data[i+2:], []byte("*/"))
			if end < 0 {
				end = len(data)
			} else {
				end += i + 4
			}
			line += bytes.Count(data[i:end], []byte("\n"))
			if nl := bytes.LastIndexByte(data[i:end], '\n'); nl >= 0 {
				lineStart = i + nl + 1
			}
			blank(i, end)
			i = end
		case hash && c == '#' && (i == 0 || isSpace(data[i-1]) || syn == hashLike):
			end := indexFrom(data, i, '\n')
			blank(i, end)
			i = end
		case c == '"' || c == '\'' || c == '`' && syn != config:
			if syn == config && c == '\'' && i > lineStart && isWord(data[i-1]) {
				i++ // an apostrophe in an unquoted value
				continue
			}
			quote := string(c)
			if (syn == hashLike || syn == config) && bytes.HasPrefix(data[i:], []byte{c, c, c}) {
				quote = strings.Repeat(quote, 3)
			}
			end, text := stringEnd(data, i+len(quote), quote, c != '`' && len(quote) == 1)
			if len(text) <= maxLiteral && strings.TrimSpace(text) != "" {
				lit := Literal{Pos: Pos{Line: line}, Text: text, Key: keyBefore(code[lineStart:i]), Env: envDefaultOf(code[lineStart:i])}
				if lit.Env != "" {
					if v := assignedTo(code[lineStart:i]); v != "" {
						if vars == nil {
							vars = map[int]string{}
						}
						vars[len(lits)] = v
					}
				}
				lits = append(lits, lit)
			}
			if n := bytes.Count(data[i:end], []byte("\n")); n > 0 {
				line += n
				lineStart = i + bytes.LastIndexByte(data[i:end], '\n') + 1
			}
			i = end
		default:
			i++
		}
	}
	if syn == config && lineStart < len(data) {
		lits = append(lits, configValues(code[lineStart:], line)...)
	}
	return lits, code, vars
}

func indexFrom(data []byte, from int, c byte) int {
	if k := bytes.IndexByte(data[from:], c); k >= 0 {
		return from + k
	}
	return len(data)
}

// stringEnd finds the end of a string literal whose content starts at from: the index after its
// closing quote, and its content (escapes left as written). A one-line string ends at the end of
// its line if unclosed.
func stringEnd(data []byte, from int, quote string, oneLine bool) (int, string) {
	for k := from; k < len(data); k++ {
		switch {
		case data[k] == '\\':
			k++
		case oneLine && data[k] == '\n':
			return k, string(data[from:k])
		case bytes.HasPrefix(data[k:], []byte(quote)):
			return k + len(quote), string(data[from:k])
		}
	}
	return len(data), string(data[from:])
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// keyBefore is the name given to a literal on its line: after dropping one assignment or call
// token (":", "=", ":=", "=>", "(", "[", "{"), the identifier (dots and dashes allowed:
// spring.rabbitmq.host) or quoted key that ends what precedes it. "" when there is none, e.g.
// for a second argument (`getenv("A", "b")`).
func keyBefore(prefix []byte) string {
	p := strings.TrimRight(string(prefix), " \t")
	for _, op := range []string{":=", "=>", "=", ":", "(", "[", "{"} {
		if strings.HasSuffix(p, op) {
			p = strings.TrimRight(strings.TrimSuffix(p, op), " \t")
			break
		}
	}
	if p == "" {
		return ""
	}
	if q := p[len(p)-1]; q == '"' || q == '\'' {
		if open := strings.LastIndexByte(p[:len(p)-1], q); open >= 0 {
			return p[open+1 : len(p)-1]
		}
		return ""
	}
	end := len(p)
	start := end
	for start > 0 && (isWord(p[start-1]) || p[start-1] == '.' || p[start-1] == '-') {
		start--
	}
	return strings.Trim(p[start:end], ".-")
}

// envDefaultBefore ends the code before a literal that is an env lookup's default, in each
// language's idiom: a call's second argument (Python os.getenv/os.environ.get, Ruby ENV.fetch, Go
// cmp.Or(os.Getenv(..), ..)), or the right side of ||, ??, or, ?: (Node, PHP, Python).
var envDefaultBefore = []*regexp.Regexp{
	regexp.MustCompile(`(?:getenv|environ\.get|environ\.setdefault|env\.get|ENV\.fetch|Getenv|GetEnvironmentVariable|getEnv)\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\)?\s*(?:,\s*(?:default\s*=)?|\|\||\?\?|\bor|\?:)\s*$`),
	// Ruby's ENV['X'] || 'lit', PHP's $_ENV['X'] ?? 'lit', Python's os.environ['X'] if ... else: the
	// indexing forms.
	regexp.MustCompile(`(?:ENV|_ENV|_SERVER|[Cc]onfiguration)\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]\s*(?:\|\||\?\?|\?:|\bor)\s*$`),
	// Rust's env::var("X").unwrap_or("lit") and .unwrap_or_else(|_| "lit".into()).
	regexp.MustCompile(`env::var\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)\s*\.unwrap_or(?:_else)?\s*\(\s*(?:\|_\|)?\s*$`),
	// Java's System.getenv("X") == null ? "lit" : ...
	regexp.MustCompile(`getenv\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)\s*==\s*null\s*\?\s*$`),
	regexp.MustCompile(`process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\])\s*(?:\|\||\?\?)\s*$`),
}

// assignment is the variable a line assigns to: var x =, x :=, self.x =, $x =, let x: T =.
var assignTarget = regexp.MustCompile(`(?:^|[\s;(])(?:(?:var|let|const|val|final|private|public|static|String|string)\s+)*(?:self\.|this\.|\$|@)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z_][\w<>\[\]]*\s*)?:?=[^=]`)

// assignedTo is the variable the code before a literal (its line, so far) assigns to, if any.
func assignedTo(prefix []byte) string {
	if m := assignTarget.FindSubmatch(prefix); m != nil {
		return string(m[1])
	}
	return ""
}

// envDefaultOf is the variable whose default a literal after prefix (its line, so far) is.
func envDefaultOf(prefix []byte) string {
	t := bytes.TrimRight(prefix, " \t")
	if len(t) == 0 || !bytes.ContainsAny(t[len(t)-1:], ",|?r:") && !bytes.HasSuffix(t, []byte("default=")) && !bytes.HasSuffix(t, []byte("unwrap_or(")) {
		return "" // every form ends so: the regexps run on few literals
	}
	for _, re := range envDefaultBefore {
		if m := re.FindSubmatch(prefix); m != nil {
			return string(bytes.Join(m[1:], nil))
		}
	}
	return ""
}

// shellDefault is the shell's ${X:-default} (or ${X-default}, ${X:=default}) outside quotes, as in
// an entrypoint's HOST=${REDIS_HOST:-redis}: read as a literal, its variable's default.
var shellDefault = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]([^}\s"']+)\}`)

func shellDefaults(code []byte) []Literal {
	var out []Literal
	for _, m := range matchesAround(code, "${", shellDefault) {
		out = append(out, Literal{Pos: Pos{Line: lineAt(code, m[0])}, Text: string(code[m[4]:m[5]]), Env: string(code[m[2]:m[3]])})
	}
	return out
}

// yamlKey is a YAML mapping line: its indentation, a list item's dash, and its key.
var yamlKey = regexp.MustCompile(`^( *)(- +)?([A-Za-z0-9_.\-]+|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$`)

// yamlParents gives each line of a YAML file the dotted keys it is nested under.
func yamlParents(code []byte) map[int]string {
	out := map[int]string{}
	yamlKeys(code, func(line int, parents, _ string) {
		if parents != "" {
			out[line] = parents
		}
	})
	return out
}

// yamlKeys calls f with each mapping key of a YAML file, its line and the dotted keys it is nested
// under, by indentation alone: it holds on templates (${X}, {{ .Values.x }}) that a YAML parser
// refuses, and a line it does not understand changes nothing.
func yamlKeys(code []byte, f func(line int, parents, key string)) {
	type level struct {
		indent int
		key    string
	}
	var stack []level
	for i, line := range bytes.Split(code, []byte("\n")) {
		m := yamlKey.FindSubmatch(bytes.TrimRight(line, " \t\r"))
		if m == nil {
			continue
		}
		indent := len(m[1]) + len(m[2])
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		keys := make([]string, len(stack))
		for k, l := range stack {
			keys[k] = l.key
		}
		key := strings.Trim(string(m[3]), `"'`)
		f(i+1, strings.Join(keys, "."), key)
		if v := bytes.TrimSpace(m[4]); len(v) == 0 || v[0] == '&' {
			stack = append(stack, level{indent, key})
		}
	}
}

// springConfig is a Spring Boot (or Micronaut) configuration file: every property it sets, the
// application reads, from the environment first (retail.orders.persistence.endpoint from
// RETAIL_ORDERS_PERSISTENCE_ENDPOINT).
func springConfig(rel string) bool {
	name := path.Base(rel)
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	return (ext == ".yml" || ext == ".yaml" || ext == ".properties") &&
		(base == "application" || base == "bootstrap" || strings.HasPrefix(base, "application-") || strings.HasPrefix(base, "bootstrap-"))
}

// propertyReads are the properties a Spring configuration file sets, as the env vars they are read from.
func propertyReads(rel string, code []byte, weak string) []EnvRead {
	var out []EnvRead
	read := func(line int, property string) {
		out = append(out, EnvRead{Pos: Pos{File: rel, Line: line}, Name: springEnv(property), Weak: weak})
	}
	if path.Ext(rel) == ".properties" {
		for i, line := range bytes.Split(code, []byte("\n")) {
			if m := configLine.FindSubmatch(line); m != nil && bytes.ContainsAny(m[1], ".-") {
				read(i+1, string(m[1]))
			}
		}
		return out
	}
	yamlKeys(code, func(line int, parents, key string) {
		if parents != "" {
			key = parents + "." + key
		}
		if strings.ContainsAny(key, ".-") {
			read(line, key)
		}
	})
	return out
}

// configLine is an unquoted config value: key=value, key: value, KEY value after ENV, or a YAML
// list item.
var configLine = regexp.MustCompile(`^\s*(?:-\s+)?(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z0-9_.\-\[\]]+)\s*(?:[:=]|\s)\s*(\S.*?)\s*$`)
var listItem = regexp.MustCompile(`^\s*-\s+(\S.*?)\s*$`)

// assignments is a line of only KEY=value pairs, as Dockerfile's ENV A=x B=y and its
// continuation lines write them (the trailing backslash dropped first).
var (
	assignments = regexp.MustCompile(`^\s*(?:ENV\s+|export\s+)?(?:[A-Za-z_][A-Za-z0-9_.]*=\S*\s+)+[A-Za-z_][A-Za-z0-9_.]*=\S*\s*$`)
	assignment  = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.]*)=(\S*)`)
)

// configValues are the unquoted values of one config line: one, or each of several assignments.
func configValues(line []byte, n int) []Literal {
	s := strings.TrimSuffix(strings.TrimRight(string(line), " \t\r"), "\\")
	if len(s) <= maxLiteral && assignments.MatchString(s) {
		var out []Literal
		for _, m := range assignment.FindAllStringSubmatch(s, -1) {
			if m[2] != "" && m[2][0] != '"' && m[2][0] != '\'' {
				out = append(out, Literal{Pos: Pos{Line: n}, Text: m[2], Key: m[1]})
			}
		}
		return out
	}
	if l, ok := configValue(s, n); ok {
		return []Literal{l}
	}
	return nil
}

func configValue(s string, n int) (Literal, bool) {
	if len(s) > maxLiteral {
		return Literal{}, false
	}
	key, value := "", ""
	if m := configLine.FindStringSubmatch(s); m != nil {
		key, value = m[1], m[2]
	} else if m := listItem.FindStringSubmatch(s); m != nil {
		value = m[1]
	}
	if value == "" || value[0] == '"' || value[0] == '\'' || value[0] == '|' || value[0] == '>' {
		return Literal{}, false // quoted (read as a literal) or a block scalar
	}
	return Literal{Pos: Pos{Line: n}, Text: value, Key: key}, true
}

// envForms find environment variables read by name, in every language: each a hint (a literal
// the match contains) and the pattern.
var envForms = []struct {
	hint string
	re   *regexp.Regexp
}{
	{"env", regexp.MustCompile(`(?:Getenv|getenv|environ\.get|environ|process\.env|env\.get)\s*[\[(]\s*["']([A-Za-z_][A-Za-z0-9_]*)["']`)},
	{"env::var", regexp.MustCompile(`env::var(?:_os)?\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"`)}, // Rust
	{"Env", regexp.MustCompile(`(?:LookupEnv|GetEnvironmentVariable)\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']`)},
	{"ENV", regexp.MustCompile(`ENV(?:\.fetch)?\s*[\[(]\s*["']([A-Za-z_][A-Za-z0-9_]*)["']`)},
	{"Configuration", regexp.MustCompile(`Configuration\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']`)},
	{"process.env.", regexp.MustCompile(`process\.env\.([A-Za-z_][A-Za-z0-9_]*)`)},
	// Spring: @Value("${X}") and @Value("http://${X}/path"), Environment.getProperty("X"); a
	// property (a.b-c) is read from the environment as A_BC (springEnv).
	{"@Value", regexp.MustCompile(`@Value\s*\(\s*"[^"\n]*?\$\{([A-Za-z_][A-Za-z0-9_.\-]*)[}:]`)},
	{"getProperty", regexp.MustCompile(`getProperty\s*\(\s*"([A-Za-z_][A-Za-z0-9_.\-]*)"`)},
	// PHP's $_ENV['X'] and $_SERVER['X'].
	{"$_", regexp.MustCompile(`\$_(?:ENV|SERVER)\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']`)},
	// .NET: GetValue<T>("X").
	{"GetValue", regexp.MustCompile(`GetValue\s*<[^>]*>\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"`)},
}

// springBoot is a build file's mention of Spring Boot, whose relaxed binding reads every SPRING_
// variable as a property.
var springBoot = []byte("spring-boot")

func buildFile(rel string) bool {
	_, name := path.Split(rel)
	return name == "pom.xml" || name == "build.gradle" || name == "build.gradle.kts"
}

// placeholderEnv is ${X} or ${X:default}: Spring, shell and compose read X from the environment.
// In code it is a template's variable, not read here.
var placeholderEnv = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_.\-]*)[}:]`)

// configurationProperties is Spring Boot's @ConfigurationProperties("a.b"), or (prefix = X.PREFIX)
// naming a constant: the class binds every property under the prefix, so every A_B_ variable.
var (
	configurationProperties = regexp.MustCompile(`@ConfigurationProperties\s*\(\s*(?:(?:prefix|value)\s*=\s*)?(?:"([A-Za-z0-9_.\-]+)"|(?:[A-Za-z_][A-Za-z0-9_]*\.)*([A-Za-z_][A-Za-z0-9_]*))\s*\)`)
	constantString          = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([A-Za-z0-9_.\-]+)"`)
)

func envReads(rel string, code []byte, weak string, placeholders bool) []EnvRead {
	var out []EnvRead
	read := func(at int, name string, prefix bool) {
		out = append(out, EnvRead{Pos: Pos{File: rel, Line: lineAt(code, at)}, Name: springEnv(name), Prefix: prefix, Weak: weak})
	}
	add := func(hint string, re *regexp.Regexp) {
		for _, m := range matchesAround(code, hint, re) {
			read(m[0], string(code[m[2]:m[3]]), false)
		}
	}
	for _, f := range envForms {
		add(f.hint, f.re)
	}
	if placeholders {
		add("${", placeholderEnv)
	}
	for _, m := range matchesAround(code, "@ConfigurationProperties", configurationProperties) {
		prefix := ""
		if m[2] >= 0 {
			prefix = string(code[m[2]:m[3]])
		} else {
			constant := string(code[m[4]:m[5]])
			for _, c := range constantString.FindAllSubmatch(code, -1) {
				if string(c[1]) == constant {
					prefix = string(c[2])
				}
			}
		}
		if prefix != "" {
			read(m[0], prefix+".", true)
		}
	}
	return out
}

// springEnv is the environment variable Spring reads a property from: a.b-c is A_BC (its
// SystemEnvironmentPropertySource and Spring Boot's relaxed binding). A name without dots or
// dashes (an env var named as such) is itself.
func springEnv(name string) string {
	if !strings.ContainsAny(name, ".-") {
		return name
	}
	return strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(name, "-", ""), ".", "_"))
}

func lineAt(data []byte, offset int) int { return 1 + bytes.Count(data[:offset], []byte("\n")) }
