package webtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// The checks below look at the page in the tab and fail the test with
// where (the page and the width it was seen at) and what is wrong. Each
// one's JavaScript returns a list of problems, empty when there are none.

// focusBackground and focusText are the colours of a focused link or
// control, as NHS.UK draws them: black text on yellow.
const (
	focusBackground = "rgb(255, 235, 59)" // #ffeb3b
	focusText       = "rgb(33, 43, 50)"   // #212b32
	nhsBlue         = "rgb(0, 94, 184)"   // #005eb8
)

// describeJS defines describe(el): a short CSS-like name of an element for
// messages, such as "table.register" or "a[href=riverside/index.html]".
const describeJS = `function describe(el) {
	let s = el.localName;
	if (el.id) s += "#" + el.id;
	else if (el.classList.length) s += "." + [...el.classList].join(".");
	if (el.getAttribute("href")) s += "[href=" + el.getAttribute("href") + "]";
	const text = (el.textContent || "").trim().replace(/\s+/g, " ");
	if (text) s += " “" + text.slice(0, 40) + (text.length > 40 ? "…" : "") + "”";
	return s;
}
`

func report(t *testing.T, where, what string, problems []string) {
	t.Helper()
	for _, p := range problems {
		t.Errorf("%s: %s: %s", where, what, p)
	}
}

// checkStructure: one h1, one main landmark, and every table with a
// caption and header cells.
func checkStructure(t *testing.T, tab *Tab, where string) {
	t.Helper()
	report(t, where, "structure", Eval[[]string](t, tab, describeJS+`(() => {
		const problems = [];
		const h1 = document.querySelectorAll("h1").length;
		if (h1 !== 1) problems.push(h1 + " h1 headings, want exactly one");
		const main = document.querySelectorAll("main, [role=main]").length;
		if (main !== 1) problems.push(main + " main landmarks, want exactly one");
		for (const table of document.querySelectorAll("table")) {
			if (!table.caption || !table.caption.textContent.trim()) problems.push(describe(table) + " has no caption");
			if (!table.querySelector("th")) problems.push(describe(table) + " has no header cells (th)");
			for (const th of table.querySelectorAll("th")) {
				const inHead = th.parentElement.parentElement.localName === "thead";
				if (!inHead && !th.hasAttribute("scope")) problems.push(describe(th) + " in " + describe(table) + " is a header cell outside thead with no scope");
			}
		}
		return problems;
	})()`))
}

// checkSkipLink: the first Tab from the top of the page reaches a link to
// the main content, which is then on screen, and following it moves there.
func checkSkipLink(t *testing.T, tab *Tab, where string) {
	t.Helper()
	if got := Eval[string](t, tab, `document.activeElement ? document.activeElement.localName : ""`); got != "body" {
		t.Fatalf("%s: the page starts with focus on %s, not on the page itself", where, got)
	}
	tab.Press(t, kb.Tab)
	problems := Eval[[]string](t, tab, describeJS+`(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return ["the first Tab focuses nothing"];
		const target = (el.getAttribute("href") || "").startsWith("#") && document.getElementById(el.getAttribute("href").slice(1));
		const main = document.querySelector("main");
		if (!target || !(target === main || target.contains(main) && !target.matches("body"))) {
			return ["the first Tab focuses " + describe(el) + ", not a link to the main content"];
		}
		const problems = [];
		const r = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		if (r.width < 2 || r.height < 2 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight ||
			style.visibility !== "visible" || style.opacity === "0" || style.clipPath !== "none") {
			problems.push(describe(el) + " is not on screen when focused: " + JSON.stringify({left: r.left, top: r.top, width: r.width, height: r.height, visibility: style.visibility, clip: style.clipPath}));
		}
		if (style.backgroundColor !== "`+focusBackground+`" || style.color !== "`+focusText+`") {
			problems.push(describe(el) + " is " + style.color + " on " + style.backgroundColor + " when focused, want the focus colours");
		}
		return problems;
	})()`)
	report(t, where, "skip link", problems)
	if len(problems) > 0 {
		return // Enter might follow some other link
	}
	tab.Press(t, kb.Enter)
	if got := Eval[string](t, tab, `location.hash`); got != "#maincontent" {
		t.Errorf("%s: skip link: Enter on it leads to %q, want #maincontent", where, got)
	}
}

// checkFocus: every link and every other focusable element shows the focus
// colours when focused (or a thick outline, or a yellow and black frame).
func checkFocus(t *testing.T, tab *Tab, where string) {
	t.Helper()
	report(t, where, "focus style", Eval[[]string](t, tab, describeJS+`(() => {
		const problems = [];
		const els = document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])");
		for (const el of els) {
			if (el.closest("[hidden]") || getComputedStyle(el).display === "none") continue;
			el.focus();
			if (document.activeElement !== el) {
				problems.push(describe(el) + " cannot be focused");
				continue;
			}
			const style = getComputedStyle(el);
			const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== "rgba(0, 0, 0, 0)";
			const yellow = style.backgroundColor === "`+focusBackground+`" && style.color === "`+focusText+`";
			// A yellow and black frame, for a region whose own background
			// would be hidden behind what it holds.
			const frame = style.boxShadow.includes("`+focusBackground+`") && style.boxShadow.includes("`+focusText+`");
			if (!yellow && !outline && !frame) {
				problems.push(describe(el) + " has no focus style: " + style.color + " on " + style.backgroundColor + ", outline " + style.outlineStyle + " " + style.outlineWidth);
			}
			el.blur();
			if (problems.length >= 5) { problems.push("…"); break; }
		}
		scrollTo(0, 0);
		return problems;
	})()`))
}

// checkReflow: at the width of the viewport, the page does not scroll
// sideways; anything wider scrolls inside a region of its own, which must
// be reachable by keyboard and named.
func checkReflow(t *testing.T, tab *Tab, where string) {
	t.Helper()
	report(t, where, "reflow", Eval[[]string](t, tab, describeJS+`(() => {
		const problems = [];
		const doc = document.documentElement;
		const scrolls = (el) => {
			const s = getComputedStyle(el);
			return (s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth;
		};
		if (doc.scrollWidth > innerWidth) {
			problems.push("the page is " + doc.scrollWidth + " px wide in a " + innerWidth + " px window");
			// Name the outermost elements that stick out, unless a
			// scrolling region holds them.
			for (const el of document.body.querySelectorAll("*")) {
				if (el.getBoundingClientRect().right <= innerWidth + 0.5) continue;
				let a = el.parentElement, held = false;
				for (; a && a !== document.body; a = a.parentElement) {
					if (scrolls(a) || a.getBoundingClientRect().right > innerWidth + 0.5) { held = true; break; }
				}
				if (!held) problems.push(describe(el) + " reaches " + Math.round(el.getBoundingClientRect().right) + " px");
				if (problems.length >= 6) break;
			}
			// Text too long for its box overflows it without widening it.
			for (const el of document.body.querySelectorAll("*")) {
				if (problems.length >= 6) break;
				const r = el.getBoundingClientRect();
				if (r.right <= innerWidth + 0.5 && r.left + el.scrollWidth > innerWidth + 0.5 && getComputedStyle(el).overflowX === "visible" &&
					![...el.children].some((c) => c.getBoundingClientRect().right > innerWidth + 0.5)) {
					problems.push("the text of " + describe(el) + " reaches " + Math.round(r.left + el.scrollWidth) + " px");
				}
			}
		}
		for (const el of document.body.querySelectorAll("*")) {
			if (!scrolls(el)) continue;
			// A row of links, such as the menu on a phone, is reached by
			// keyboard through its links, which the browser scrolls to, in
			// a named landmark.
			const links = el.querySelector("a[href]") && el.closest("nav[aria-label]");
			if (el.tabIndex < 0 && !links) problems.push(describe(el) + " scrolls sideways but cannot be reached by keyboard (tabindex=0)");
			if (!links && (!el.getAttribute("role") || !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))) {
				problems.push(describe(el) + " scrolls sideways but is not a named region");
			}
		}
		return problems;
	})()`))
}

// checkLinks: every link into the handbook names a file that exists (so
// that from file:// it never opens a folder's listing), and no link leaves
// the handbook's folder or sub-path for another place on the same disk or
// server.
func checkLinks(t *testing.T, s *Site, tab *Tab, where string) {
	t.Helper()
	// A link to a part of the same page (href="#...") is left out: over
	// HTTP, index.html is served as its folder's address.
	hrefs := Eval[[]string](t, tab, `[...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
		.filter((el) => !(el.getAttribute("href") || "").startsWith("#")).map((el) => el.href || el.src)`)
	seen := map[string]bool{}
	for _, h := range hrefs {
		if seen[h] {
			continue
		}
		seen[h] = true
		p, ok := s.Path(h)
		if !ok {
			if strings.HasPrefix(h, "file:") || strings.HasPrefix(h, s.server.URL+"/") {
				t.Errorf("%s: link %s leaves the handbook", where, h)
			}
			continue
		}
		fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(p)))
		switch {
		case err != nil:
			t.Errorf("%s: link %s: no such file in the handbook", where, h)
		case fi.IsDir():
			t.Errorf("%s: link %s names a folder, which opens a listing from file://: name the file", where, h)
		}
	}
}

// checkRequests: every request the page made stayed inside the handbook,
// nothing failed, and nothing was reported as an error (including any
// Content-Security-Policy violation).
//
// A browser asks for /favicon.ico at the root of a server of its own
// accord when a page names no icon, and logs the 404: that request is the
// browser's, not the page's, and is left out.
func checkRequests(t *testing.T, s *Site, tab *Tab, where string) {
	t.Helper()
	favicon := s.server.URL + "/favicon.ico"
	for _, u := range tab.Requests() {
		if !s.Within(u) && u != favicon {
			t.Errorf("%s: a request leaves the handbook: %s", where, u)
		}
	}
	for _, p := range tab.Problems() {
		if !strings.HasSuffix(p, "("+favicon+")") {
			t.Errorf("%s: the page reports: %s", where, p)
		}
	}
	for _, e := range s.Errors() {
		if e != "404 /favicon.ico" {
			t.Errorf("%s: the server answered %s", where, e)
		}
	}
}

// checkStyled: the page's stylesheet is applied (the header is NHS blue),
// and it is a page of the handbook, not a folder listing or an error page.
func checkStyled(t *testing.T, tab *Tab, where string) {
	t.Helper()
	got := Eval[[]string](t, tab, `[
		document.title,
		document.querySelector("main") ? "main" : "no main",
		(() => { const h = document.querySelector(".site-header, .pack-banner"); return h ? getComputedStyle(h).backgroundColor + " " + getComputedStyle(h).borderLeftColor : "no header"; })(),
	]`)
	if strings.HasPrefix(got[0], "Index of") || got[1] != "main" {
		t.Errorf("%s: not a page of the handbook: title %q, %s", where, got[0], got[1])
	}
	if !strings.Contains(got[2], nhsBlue) {
		t.Errorf("%s: the stylesheet is not applied: the header is %s, want %s", where, got[2], nhsBlue)
	}
}

func at(path string, width int) string { return fmt.Sprintf("%s at %d px", path, width) }
