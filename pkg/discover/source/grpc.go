package source

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
)

// A gRPC form: the pattern, which submatch is the service (and, optionally, its qualifier), a
// cheap substring that must be present for the pattern to be tried, and whether the two submatches
// must be equal (C#'s X.XClient and X.XBase).
type form struct {
	name      string
	re        *regexp.Regexp
	service   int // submatch of the service's short name
	qualifier int // submatch of the dotted prefix, 0 for none
	same      int // submatch that must equal service's, 0 for none
	hint      string
	langs     string // the file extensions it applies to, e.g. ".go"
}

// clientForms are the ways the languages gRPC generates code for create a client stub; serverForms
// the ways they register a server. They match the code with comments blanked; a match counts only
// if a .proto declares the service (checked by the caller), which is what keeps HttpClient and
// friends out.
var clientForms = []form{
	{name: "Go NewXClient", re: regexp.MustCompile(`\bNew([A-Z]\w*)Client\s*\(`), service: 1, hint: "Client", langs: ".go"},
	{name: "Java XGrpc.newStub", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)Grpc\s*\.\s*new(?:Blocking|Future)?(?:V2)?Stub\s*\(`), service: 2, qualifier: 1, hint: "Grpc", langs: ".java .kt .scala .groovy"},
	{name: "C# X.XClient", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)\.([A-Z]\w*)Client\b`), service: 2, qualifier: 1, same: 3, hint: "Client", langs: ".cs"},
	{name: "C# new XClient", re: regexp.MustCompile(`\bnew\s+([A-Z]\w*)Client\s*\(`), service: 1, hint: "Client", langs: ".cs"},
	{name: "Node new pkg.X", re: regexp.MustCompile(`\bnew\s+((?:[A-Za-z_$][\w$]*\.)+)([A-Z]\w*)\s*\(`), service: 2, qualifier: 1, hint: "new", langs: ".js .mjs .cjs .ts .jsx .tsx"},
	{name: "Python XStub", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)Stub\s*\(`), service: 2, qualifier: 1, hint: "Stub", langs: ".py"},
	{name: "Kotlin XGrpcKt.XCoroutineStub", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)GrpcKt\s*\.\s*([A-Z]\w*)CoroutineStub\s*\(`), service: 2, qualifier: 1, same: 3, hint: "CoroutineStub", langs: ".kt .kts"},
	{name: "Rust XClient::new", re: regexp.MustCompile(`\b((?:\w+::)*)([A-Z]\w*)Client::(?:new|connect|with_interceptor|with_origin)\b`), service: 2, qualifier: 1, hint: "Client::", langs: ".rs"},
	{name: "C++ X::NewStub", re: regexp.MustCompile(`\b((?:\w+::)*)([A-Z]\w*)::NewStub\s*\(`), service: 2, qualifier: 1, hint: "NewStub", langs: ".cc .cpp .cxx .h .hpp"},
	{name: "Ruby X::Stub.new", re: regexp.MustCompile(`\b((?:[A-Z]\w*::)*)([A-Z]\w*)::Stub\s*\.\s*new\b`), service: 2, qualifier: 1, hint: "::Stub", langs: ".rb"},
}

var serverForms = []form{
	{name: "Go RegisterXServer", re: regexp.MustCompile(`\bRegister([A-Z]\w*)Server\s*\(`), service: 1, hint: "Register", langs: ".go"},
	{name: "Java XImplBase", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)Grpc\s*\.\s*([A-Z]\w*)ImplBase\b`), service: 2, qualifier: 1, same: 3, hint: "ImplBase", langs: ".java .kt .scala .groovy"},
	{name: "Java XImplBase", re: regexp.MustCompile(`\bextends\s+([A-Z]\w*)ImplBase\b`), service: 1, hint: "ImplBase", langs: ".java .kt .scala .groovy"},
	{name: "C# X.XBase", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)\.([A-Z]\w*)Base\b`), service: 2, qualifier: 1, same: 3, hint: "Base", langs: ".cs"},
	{name: "C# : XBase", re: regexp.MustCompile(`:\s*([A-Z]\w*)Base\b`), service: 1, hint: "Base", langs: ".cs"},
	{name: "Node addService(pkg.X.service)", re: regexp.MustCompile(`\baddService\s*\(\s*((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)\s*\.\s*service\b`), service: 2, qualifier: 1, hint: "addService", langs: ".js .mjs .cjs .ts .jsx .tsx"},
	{name: "Python add_XServicer_to_server", re: regexp.MustCompile(`\badd_([A-Za-z]\w*?)Servicer_to_server\s*\(`), service: 1, hint: "_to_server", langs: ".py"},
	{name: "Kotlin XGrpcKt.XCoroutineImplBase", re: regexp.MustCompile(`\b((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)GrpcKt\s*\.\s*([A-Z]\w*)CoroutineImplBase\b`), service: 2, qualifier: 1, same: 3, hint: "CoroutineImplBase", langs: ".kt .kts"},
	{name: "Rust XServer::new", re: regexp.MustCompile(`\b((?:\w+::)*)([A-Z]\w*)Server::(?:new|with_interceptor|from_arc)\b`), service: 2, qualifier: 1, hint: "Server::", langs: ".rs"},
	{name: "C++ public X::Service", re: regexp.MustCompile(`\bpublic\s+((?:\w+::)*)([A-Z]\w*)::(?:Service|AsyncService|CallbackService)\b`), service: 2, qualifier: 1, hint: "public", langs: ".cc .cpp .cxx .h .hpp"},
	{name: "Ruby < X::Service", re: regexp.MustCompile(`<\s*((?:[A-Z]\w*::)*)([A-Z]\w*)::Service\b`), service: 2, qualifier: 1, hint: "::Service", langs: ".rb"},
}

// stubs finds the gRPC clients and servers code names. A definition (Go's "func NewXClient") is
// not a use: generated code is skipped before this, and a hand-written one is left out here.
func stubs(rel string, code []byte, weak string) (clients, servers []Stub) {
	ext := strings.ToLower(path.Ext(rel))
	find := func(forms []form) []Stub {
		var out []Stub
		for _, f := range forms {
			if !slices.Contains(strings.Fields(f.langs), ext) {
				continue
			}
			for _, m := range matchesAround(code, f.hint, f.re) {
				service := string(code[m[2*f.service]:m[2*f.service+1]])
				if f.same != 0 && string(code[m[2*f.same]:m[2*f.same+1]]) != service {
					continue
				}
				if lineStart := bytes.LastIndexByte(code[:m[0]], '\n') + 1; bytes.HasPrefix(bytes.TrimLeft(code[lineStart:m[0]], " \t"), []byte("func")) {
					continue
				}
				s := Stub{Pos: Pos{File: rel, Line: lineAt(code, m[0])}, Service: service, Form: f.name, Weak: weak}
				if f.qualifier != 0 && m[2*f.qualifier] >= 0 {
					s.Qualifier = strings.TrimSuffix(strings.TrimSuffix(string(code[m[2*f.qualifier]:m[2*f.qualifier+1]]), "."), "::")
				}
				out = append(out, s)
			}
		}
		return out
	}
	return find(clientForms), find(serverForms)
}

var (
	protoPackage = regexp.MustCompile(`(?m)^\s*package\s+([A-Za-z_][\w.]*)\s*;`)
	protoService = regexp.MustCompile(`\bservice\s+([A-Za-z_]\w*)\s*\{`)
)

// scanProto returns the services a .proto file declares, with its package.
func scanProto(rel string, data []byte) []ProtoService {
	_, code, _ := lex(data, cLike) // proto comments are C-like
	pkg := ""
	if m := protoPackage.FindSubmatch(code); m != nil {
		pkg = string(m[1])
	}
	var out []ProtoService
	for _, m := range protoService.FindAllSubmatchIndex(code, -1) {
		out = append(out, ProtoService{Pos: Pos{File: rel, Line: lineAt(code, m[0])}, Package: pkg, Name: string(code[m[2]:m[3]])})
	}
	return out
}

// window bounds the text around a hint that a pattern is tried on: a pattern's match starts on
// the hint's line and ends within this many bytes of it.
const window = 256

// matchesAround finds re's matches that contain an occurrence of hint, trying re only near the
// occurrences: the patterns have no literal prefix, and run over a whole file they cost far more
// than the lexer. The windows around occurrences are merged into disjoint spans, so no byte is
// searched twice. Matches are in order, with offsets into code.
func matchesAround(code []byte, hint string, re *regexp.Regexp) [][]int {
	var occs []int
	for from := 0; ; {
		k := bytes.Index(code[from:], []byte(hint))
		if k < 0 {
			break
		}
		occs = append(occs, from+k)
		from += k + len(hint)
	}
	var out [][]int
	for i := 0; i < len(occs); {
		start := max(occs[i]-window, bytes.LastIndexByte(code[:occs[i]], '\n')+1)
		end := min(len(code), occs[i]+len(hint)+window)
		j := i + 1
		for j < len(occs) && occs[j] < end {
			end = min(len(code), occs[j]+len(hint)+window)
			j++
		}
		for _, m := range re.FindAllSubmatchIndex(code[start:end], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
			// Keep it if an occurrence lies within it.
			n, _ := slices.BinarySearch(occs[i:j], m[0])
			if n < j-i && occs[i+n]+len(hint) <= m[1] {
				out = append(out, m)
			}
		}
		i = j
	}
	return out
}
