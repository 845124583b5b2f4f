package rulesview

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netiso/netiso/pkg/policy"
	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/rules"
	"github.com/netiso/netiso/pkg/synth"
)

const (
	boutique = "../../examples/online-boutique/rules.yaml"
	pci      = "../../examples/pci/rules.yaml"
	bank     = "../policy/testdata/bank.rules.yaml"
)

func load(t testing.TB, path string) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return compile(t, doc)
}

func compile(t testing.TB, doc *rules.Document) *rules.Compiled {
	t.Helper()
	c, err := rules.Compile(doc, rules.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// changedBoutique is the Online Boutique after the change docs/cli.md's diff shows, and more:
// checkoutservice stops calling emailservice, recommendationservice starts calling adservice, a
// new service (reviewservice) calls productcatalogservice, and emailservice is removed.
func changedBoutique(t testing.TB) *rules.Compiled {
	t.Helper()
	doc, err := rules.Load(boutique)
	if err != nil {
		t.Fatal(err)
	}
	var out []rules.Service
	for _, s := range doc.Services {
		switch s.Name {
		case "checkoutservice":
			s.Calls = slices.DeleteFunc(slices.Clone(s.Calls), func(c string) bool { return c == "emailservice" })
		case "recommendationservice":
			s.Calls = append(slices.Clone(s.Calls), "adservice")
		case "emailservice":
			continue
		}
		out = append(out, s)
	}
	doc.Services = append(out, rules.Service{Name: "reviewservice", Calls: []string{"productcatalogservice"}})
	return compile(t, doc)
}

func change(t testing.TB, old, next *rules.Compiled) *Change {
	t.Helper()
	r, err := rulediff.Compare(old, next, policy.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return &Change{Old: old, Report: r}
}

// The compact links decode to exactly rulediff.Links, whatever the rules: types, zones, public.
func TestLinksRoundTrip(t *testing.T) {
	cases := map[string]func(t testing.TB) *rules.Compiled{
		"online boutique":          func(t testing.TB) *rules.Compiled { return load(t, boutique) },
		"pci (zones, external)":    func(t testing.TB) *rules.Compiled { return load(t, pci) },
		"bank (types, callsTypes)": func(t testing.TB) *rules.Compiled { return load(t, bank) },
		"1,500 services":           func(t testing.TB) *rules.Compiled { return compile(t, synth.Generate(synth.Monzo())) },
	}
	for name, rulesOf := range cases {
		t.Run(name, func(t *testing.T) {
			c := rulesOf(t)
			d, err := Build(c, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := d.Links(), rulediff.Links(c); !slices.Equal(got, want) {
				t.Errorf("decoded links differ from rulediff.Links: %d vs %d", len(got), len(want))
			}
			if len(d.Names) != c.Len() {
				t.Errorf("%d services, want %d", len(d.Names), c.Len())
			}
		})
	}
}

func TestBuildDiff(t *testing.T) {
	old, next := load(t, boutique), changedBoutique(t)
	ch := change(t, old, next)
	d, err := Build(next, ch, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Links(), rulediff.Links(next); !slices.Equal(got, want) {
		t.Errorf("links of the new rules: got %v, want %v", got, want)
	}
	name := func(i int) string {
		if i == Anywhere {
			return rulediff.Anywhere
		}
		return d.Names[i]
	}
	links := func(ls [][3]int) []rulediff.Link {
		var out []rulediff.Link
		for _, l := range ls {
			out = append(out, rulediff.Link{From: name(l[0]), To: name(l[1]), Via: d.Vias[l[2]]})
		}
		return out
	}
	if got := links(d.Diff.Opened); !slices.Equal(got, ch.Report.LinksOpened) {
		t.Errorf("opened %v, want rulediff's %v", got, ch.Report.LinksOpened)
	}
	if got := links(d.Diff.Closed); !slices.Equal(got, ch.Report.LinksClosed) {
		t.Errorf("closed %v, want rulediff's %v", got, ch.Report.LinksClosed)
	}
	flag := func(n string) int { return d.Flags[slices.Index(d.Names, n)] }
	if flag("emailservice") != FlagRemoved || flag("reviewservice") != FlagAdded || flag("frontend") != FlagPublic {
		t.Errorf("flags: emailservice %b, reviewservice %b, frontend %b", flag("emailservice"), flag("reviewservice"), flag("frontend"))
	}
	if !d.Diff.Opens || !strings.Contains(d.Diff.Summary, "2 links opened, 1 closed") {
		t.Errorf("summary %q (opens %v)", d.Diff.Summary, d.Diff.Opens)
	}
}

func TestBuildUnknownFocus(t *testing.T) {
	if _, err := Build(load(t, boutique), nil, "cartservise"); err == nil || !strings.Contains(err.Error(), "not in the rules") {
		t.Errorf("err = %v", err)
	}
}

var dataRE = regexp.MustCompile(`(?s)<script type="application/json" id="rules-data">(.*?)</script>`)

// Nothing in the data can end its <script> element or start another, whatever the names hold
// (rules refuse such names, but the page must not rely on it), and the data reads back the same.
func TestHTMLEscapesData(t *testing.T) {
	evil := `</script><script>alert(1)</script><!--`
	d := &Data{Version: "v", Names: []string{evil, "b&c"}, Type: []int{-1, -1}, Zone: []int{-1, -1}, NS: [][]int{{}, {}}, Flags: []int{0, 0},
		Ports: []string{"", ""}, External: [][]string{{evil}, {}}, Calls: [][]int{{1}, {}}, CallsTypes: [][]int{{}, {}}, Extra: [][][2]int{{}, {}},
		Types: []string{}, Namespaces: []string{evil}, Zones: []Zone{}, Vias: []string{"calls"}}
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("%d <script elements, want 2 (data and code)", n)
	}
	if strings.Contains(page, "alert(1)</script>") {
		t.Error("the data closes its <script> element")
	}
	m := dataRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data element")
	}
	var back Data
	if err := json.Unmarshal([]byte(m[1]), &back); err != nil {
		t.Fatal(err)
	}
	if back.Names[0] != evil || back.External[0][0] != evil || back.Namespaces[0] != evil {
		t.Errorf("data read back: %q, %q, %q", back.Names[0], back.External[0], back.Namespaces)
	}
}

// The page's Content-Security-Policy allows its own script and style, by hash, and nothing else:
// no network at all.
func TestHTMLContentSecurityPolicy(t *testing.T) {
	d, err := Build(load(t, boutique), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"default-src &#39;none&#39;", strings.ReplaceAll(strings.ReplaceAll(hash(script), "'", "&#39;"), "+", "&#43;"),
		"<script>" + script + "</script>", "<style>" + style + "</style>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %.80q", want)
		}
	}
	for _, bad := range []string{"http://", "https://", "//cdn", "src="} {
		if strings.Contains(strings.ReplaceAll(page, "http://www.w3.org/2000/svg", ""), bad) {
			t.Errorf("page has %q: it must load nothing", bad)
		}
	}
}
