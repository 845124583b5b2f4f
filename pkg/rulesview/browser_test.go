package rulesview

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/netiso/netiso/pkg/rulediff"
	"github.com/netiso/netiso/pkg/synth"
)

// The page in a real browser: Debian's chromium-headless-shell, which `make test` installs through
// hack/browser.sh (CHROME_BIN). Without one the test skips, saying why.
//
// UPDATE_SCREENSHOT=1 rewrites docs/rules-view.png, the README's picture, from the diff case.

// browser starts one headless Chromium for the test, and returns a function that opens a tab.
func browser(t *testing.T) func(t *testing.T) context.Context {
	t.Helper()
	bin := os.Getenv("CHROME_BIN")
	if bin == "" {
		for _, name := range []string{"chromium-headless-shell", "chromium", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		why := os.Getenv("BROWSER_SKIP")
		if why == "" {
			why = "no Chromium on PATH and CHROME_BIN unset: run `eval \"$(hack/browser.sh)\"` (Debian's chromium-headless-shell), as `make test` does"
		}
		t.Skip("no browser: " + why)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(1280, 900),
		chromedp.NoSandbox) // as root, Chromium refuses to start with its sandbox
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	first, cancelFirst := chromedp.NewContext(alloc)
	t.Cleanup(cancelFirst)
	if err := chromedp.Do(first); err != nil { // starts the browser, which lives as long as first
		t.Fatalf("start %s: %v", bin, err)
	}
	return func(t *testing.T) context.Context {
		ctx, cancel := chromedp.NewContext(first)
		t.Cleanup(cancel)
		ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
		t.Cleanup(cancelTimeout)
		return ctx
	}
}

// page is one loaded view, and the errors its console reported.
type page struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	// timing is what the page measured itself (window.netisoView), wall the time from the
	// navigation's start to the page being ready, and size the file's.
	timing viewTiming
	wall   time.Duration
	size   int
}

type viewTiming struct {
	Services int     `json:"services"`
	Links    int     `json:"links"`
	ParseMs  float64 `json:"parseMs"`
	IndexMs  float64 `json:"indexMs"`
	RenderMs float64 `json:"renderMs"`
	TotalMs  float64 `json:"totalMs"`
}

// open writes the view of d to a file and loads it from there, offline, as a reader would.
func open(t *testing.T, tab func(*testing.T) context.Context, d *Data) *page {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rules.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &page{t: t, ctx: tab(t), size: b.Len()}
	if err := chromedp.Listen(p.ctx, p.listen); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.do(chromedp.Navigate("file://"+path), chromedp.WaitReady(`body[data-ready="1"]`))
	p.wall = time.Since(start)
	p.timing = run(p, chromedp.Evaluate[viewTiming](`window.netisoView`))
	p.noErrors()
	t.Logf("%d services, %d links: file %.1f KiB; loaded and ready in %v (the page's own figures: JSON parse %.0f ms, index %.0f ms, first render %.0f ms, script %.0f ms)",
		p.timing.Services, p.timing.Links, float64(p.size)/(1<<10), p.wall.Round(time.Millisecond), p.timing.ParseMs, p.timing.IndexMs, p.timing.RenderMs, p.timing.TotalMs)
	return p
}

// listen keeps what the console reports as an error: an exception, console.error, a browser log
// entry of level error (a refused load, a Content-Security-Policy violation).
func (p *page) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		msg = "console." + string(ev.Type) + ":"
		for _, a := range ev.Args {
			msg += " " + string(a.Value) + a.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = "log (" + string(ev.Entry.Source) + "): " + ev.Entry.Text
	default:
		return
	}
	p.mu.Lock()
	p.errors = append(p.errors, msg)
	p.mu.Unlock()
}

func (p *page) noErrors() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errors {
		p.t.Errorf("console: %s", e)
	}
	p.errors = nil
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func run[T any](p *page, a chromedp.Action[T]) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, a)
	if err != nil {
		p.t.Fatal(err)
	}
	return v
}

// attrs is the attribute name of every element sel matches, in document order.
func (p *page) attrs(sel, name string) []string {
	p.t.Helper()
	return run(p, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll(%q), e => e.getAttribute(%q))`, sel, name)))
}

func (p *page) text(sel string) string {
	p.t.Helper()
	return run(p, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel)))
}

// search types q in the search box, as a reader would, and returns the services found, in order.
func (p *page) search(q string) []string {
	p.t.Helper()
	// Focus and key events: chromedp.SendKeys waits for the input's visibility through a node id
	// that, on a file:// page in chromium-headless-shell 156, it never resolves.
	run(p, chromedp.Evaluate[chromedp.Void](`(q => { q.value = ''; q.focus(); })(document.querySelector('#q'))`))
	p.do(chromedp.KeyEvent(q), chromedp.WaitReady(`#results li`))
	return p.attrs(`#results li[data-s]`, "data-s")
}

func (p *page) waitSelected(name string) {
	p.t.Helper()
	p.do(chromedp.WaitReady(fmt.Sprintf(`#selected[data-s=%q]`, name)))
}

// neighbours are a service's callers and callees in the rules: rulediff.Links, which the page
// must show exactly.
func neighbours(links []rulediff.Link, name string) (callers, callees []string) {
	for _, l := range links {
		if l.To == name && l.From != rulediff.Anywhere {
			callers = append(callers, l.From)
		}
		if l.From == name {
			callees = append(callees, l.To)
		}
	}
	slices.Sort(callers)
	slices.Sort(callees)
	return callers, callees
}

// shown is the neighbours a table lists (every row, not only those on screen), sorted.
func (p *page) shown(table string) []string {
	p.t.Helper()
	for {
		more := p.attrs("#"+table+" li.more button", "type")
		if len(more) == 0 {
			break
		}
		p.do(chromedp.Click("#" + table + " li.more button"))
	}
	got := p.attrs("#"+table+" tbody tr[data-s]:not(.closed)", "data-s")
	slices.Sort(got)
	return got
}

func TestBrowser(t *testing.T) {
	tab := browser(t)

	t.Run("online boutique: search, neighbours, navigation", func(t *testing.T) {
		c := load(t, boutique)
		d, err := Build(c, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		p := open(t, tab, d)
		links := rulediff.Links(c)
		if got := p.search("cart"); len(got) != 2 || got[0] != "cartservice" || got[1] != "redis-cart" {
			t.Errorf("search cart: %v, want cartservice (a prefix) then redis-cart", got)
		}
		p.do(chromedp.KeyEvent("\r"))
		p.waitSelected("cartservice")
		// Each next one a neighbour of the one before, reached by clicking it.
		for i, name := range []string{"cartservice", "redis-cart", "cartservice", "checkoutservice", "frontend"} {
			if i > 0 {
				p.do(chromedp.Click(fmt.Sprintf(`#callers a[data-s=%q], #callees a[data-s=%q]`, name, name)))
				p.waitSelected(name)
			}
			wantCallers, wantCallees := neighbours(links, name)
			if got := p.shown("callers"); !slices.Equal(got, wantCallers) {
				t.Errorf("%s: callers %v, want %v", name, got, wantCallers)
			}
			if got := p.shown("callees"); !slices.Equal(got, wantCallees) {
				t.Errorf("%s: callees %v, want %v", name, got, wantCallees)
			}
		}
		if got := p.text("#selected"); !strings.Contains(got, "public") {
			t.Errorf("frontend: %q, want it marked public", got)
		}
		// The picture's nodes navigate too.
		p.do(chromedp.Click(`#picture g[data-s="adservice"]`))
		p.waitSelected("adservice")
		p.do(chromedp.Click(`#tab-namespace`), chromedp.WaitReady(`#groups li`))
		if got := p.text(`#groups li`); !strings.Contains(got, "(any namespace) 12 services") {
			t.Errorf("namespaces: %q", got)
		}
		p.noErrors()
	})

	t.Run("zones: members, boundary, external", func(t *testing.T) {
		c := load(t, pci)
		d, err := Build(c, nil, "card.api")
		if err != nil {
			t.Fatal(err)
		}
		p := open(t, tab, d)
		p.waitSelected("card.api") // the focus the CLI's --service gives
		wantCallers, wantCallees := neighbours(rulediff.Links(c), "card.api")
		if got := p.shown("callers"); !slices.Equal(got, wantCallers) {
			t.Errorf("callers %v, want %v", got, wantCallers)
		}
		if got := p.shown("callees"); !slices.Equal(got, wantCallees) {
			t.Errorf("callees %v, want %v", got, wantCallees)
		}
		s, _ := c.Service("card.api")
		if got := p.text("#selected"); !strings.Contains(got, "zone "+s.Zone) {
			t.Errorf("selected: %q lacks its zone %s", got, s.Zone)
		}
		p.do(chromedp.Click(`#tab-zone`), chromedp.WaitReady(`#groups li.zone`))
		members := 0
		for _, n := range c.Names() {
			if m, _ := c.Service(n); m.Zone == s.Zone {
				members++
			}
		}
		if got := p.text(fmt.Sprintf(`#groups li[data-group=%q]`, s.Zone)); !strings.Contains(got, fmt.Sprintf("%d services", members)) || !strings.Contains(got, "0 out · 0 in") {
			t.Errorf("zone %s: %q, want %d services and no link across its boundary", s.Zone, got, members)
		}
		p.noErrors()
	})

	t.Run("a rules change: links opened and closed", func(t *testing.T) {
		old, next := load(t, boutique), changedBoutique(t)
		ch := change(t, old, next)
		d, err := Build(next, ch, "checkoutservice")
		if err != nil {
			t.Fatal(err)
		}
		p := open(t, tab, d)
		if got := p.text("#change"); !strings.Contains(got, ch.Report.Summary()) {
			t.Errorf("header %q lacks the summary %q", got, ch.Report.Summary())
		}
		p.waitSelected("checkoutservice")
		if got := p.attrs(`#callees tr.closed`, "data-s"); !slices.Equal(got, []string{"emailservice"}) {
			t.Errorf("checkoutservice's closed callees %v, want emailservice", got)
		}
		if n := len(p.attrs(`#picture path.edge.closed`, "d")); n != 1 {
			t.Errorf("%d closed edges drawn, want 1", n)
		}
		p.do(chromedp.Click(`#show-changes`), chromedp.WaitReady(`#opened li`))
		if os.Getenv("UPDATE_SCREENSHOT") != "" {
			screenshot(t, p)
		}
		listed := func(id string) []string {
			var out []string
			for _, li := range run(p, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll('#%s li'), li => li.textContent)`, id))) {
				out = append(out, strings.Join(strings.Fields(li), " "))
			}
			return out
		}
		var wantOpened, wantClosed []string
		for _, l := range ch.Report.LinksOpened {
			wantOpened = append(wantOpened, "+ "+l.From+" → "+l.To+" "+l.Via)
		}
		for _, l := range ch.Report.LinksClosed {
			wantClosed = append(wantClosed, "− "+l.From+" → "+l.To+" "+l.Via)
		}
		if got := listed("opened"); !slices.Equal(got, wantOpened) {
			t.Errorf("opened %q, want %q", got, wantOpened)
		}
		if got := listed("closed"); !slices.Equal(got, wantClosed) {
			t.Errorf("closed %q, want %q", got, wantClosed)
		}
		p.do(chromedp.Click(`#opened a[data-s="recommendationservice"]`))
		p.waitSelected("recommendationservice")
		if got := p.attrs(`#callees tr.opened`, "data-s"); !slices.Equal(got, []string{"adservice"}) {
			t.Errorf("recommendationservice's opened callees %v, want adservice", got)
		}
		p.do(chromedp.Click(`#closed a[data-s="emailservice"]`))
		p.waitSelected("emailservice")
		if got := p.text("#selected"); !strings.Contains(got, "removed service") {
			t.Errorf("emailservice: %q, want it marked removed", got)
		}
		p.noErrors()
	})

	scales := []struct {
		name string
		cfg  synth.Config
	}{{"1,500 services", synth.Monzo()}, {"15,000 services", synth.TenX()}}
	for _, sc := range scales {
		t.Run(sc.name, func(t *testing.T) {
			if testing.Short() && sc.cfg.Services > 2000 {
				t.Skip("-short: ten times Monzo's rules take a few seconds to build")
			}
			c := compile(t, synth.Generate(sc.cfg))
			d, err := Build(c, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			p := open(t, tab, d)
			links := rulediff.Links(c)
			nonPublic := 0
			for _, l := range links {
				if l.From != rulediff.Anywhere {
					nonPublic++
				}
			}
			if p.timing.Services != c.Len() || p.timing.Links != nonPublic {
				t.Errorf("the page indexed %d services and %d links, want %d and %d", p.timing.Services, p.timing.Links, c.Len(), nonPublic)
			}
			// The heaviest caller: its callees in full, past the rows shown at first.
			heaviest, most := "", 0
			count := map[string]int{}
			for _, l := range links {
				if count[l.From]++; l.From != rulediff.Anywhere && count[l.From] > most {
					heaviest, most = l.From, count[l.From]
				}
			}
			got := p.search(heaviest)
			if len(got) == 0 || got[0] != heaviest {
				t.Fatalf("search %s: %v", heaviest, got[:min(len(got), 5)])
			}
			p.do(chromedp.Click(fmt.Sprintf(`#results a[data-s=%q]`, heaviest)))
			p.waitSelected(heaviest)
			wantCallers, wantCallees := neighbours(links, heaviest)
			if got := p.shown("callees"); !slices.Equal(got, wantCallees) {
				t.Errorf("%s: %d callees, want %d", heaviest, len(got), len(wantCallees))
			}
			if got := p.shown("callers"); !slices.Equal(got, wantCallers) {
				t.Errorf("%s: callers %v, want %v", heaviest, got, wantCallers)
			}
			p.noErrors()
		})
	}
}

// screenshot writes docs/rules-view.png from the page as it is.
func screenshot(t *testing.T, p *page) {
	t.Helper()
	png := run(p, chromedp.FullScreenshot(100))
	path := "../../docs/rules-view.png"
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", path, len(png))
}
