package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/serve"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// exampleSite is the repository's own example handbook.
const exampleSite = "../.."

var today = site.NewDate(2026, 11, 21)

// wait bounds every wait for a build: generous, since a loaded machine
// can be slow, while each wait ends as soon as what it waits for happens.
const wait = 20 * time.Second

// copySite copies the example site to a new temporary folder.
func copySite(t testing.TB) string { return sitetest.CopyExample(t, exampleSite) }

// running is a server started by start.
type running struct {
	*serve.Server
	dir    string
	events <-chan event
}

// event is a build event as a page receives it.
type event struct {
	Build   int      `json:"build"`
	Changed []string `json:"changed"`
	Errors  int      `json:"errors"`
	Reload  bool     `json:"reload"`
}

// start serves the site in dir on a free port until the test ends, and
// listens to its events as a page served before the first build would.
func start(t testing.TB, dir string, poll time.Duration) *running {
	t.Helper()
	opt := serve.Options{Build: pipeline.Options{Source: dir, Today: today}, Poll: poll}
	if poll != 0 {
		// Shorter than the second polling waits for by default, which
		// TestPollQuietDefault checks: the scenario saves whole files.
		opt.Quiet = 3 * poll
	}
	if _, ok := t.(*testing.T); ok {
		opt.Log = testLog{t} // benchmarks would print every build
	}
	s, err := serve.Listen(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-stopped:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Error("the server did not stop")
		}
	})
	return &running{Server: s, dir: dir, events: listen(t, ctx, s.URL()+"_handbook/events")}
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// listen reads the event stream at url, sending each build event on the
// channel it returns, until ctx is done.
func listen(t testing.TB, ctx context.Context, url string) <-chan event {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream served as %q", ct)
	}
	ch := make(chan event, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "build":
				var ev event
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err == nil {
					ch <- ev
				}
			}
		}
	}()
	return ch
}

// next waits for the next build event.
func (r *running) next(t testing.TB) event {
	t.Helper()
	select {
	case ev := <-r.events:
		return ev
	case <-time.After(wait):
		t.Fatalf("no build within %v", wait)
	}
	return event{}
}

// get fetches page p of the site.
func (r *running) get(t testing.TB, p string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.URL() + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func (r *running) write(t testing.TB, name, data string) { sitetest.Write(t, r.dir, name, data) }

// saveByRename saves name as many editors do: the new text goes to a
// temporary file beside it, which is then renamed over it, leaving a
// backup.
func (r *running) saveByRename(t testing.TB, name, data string) {
	t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp")
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+"~", old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func (r *running) read(t testing.TB, name string) string { return sitetest.Read(t, r.dir, name) }

func TestServe(t *testing.T)     { t.Parallel(); scenario(t, 0) }
func TestServePoll(t *testing.T) { t.Parallel(); scenario(t, 100*time.Millisecond) }

// scenario is a practice manager's session: look at a page, edit the
// service, break it, fix it, add a service, move a folder out and back.
func scenario(t *testing.T, poll time.Duration) {
	r := start(t, copySite(t), poll)
	const file = "content/riverside/services/docman.toml"
	const page = "riverside/services/docman.html"

	first := r.next(t)
	if first.Errors != 0 || len(first.Changed) < 200 {
		t.Fatalf("first build: %+v", first)
	}
	code, body := r.get(t, page)
	if code != http.StatusOK || !strings.Contains(body, "Docman 10") {
		t.Fatalf("GET %s: %d, without the service's name", page, code)
	}
	if !strings.Contains(body, `<script src="/_handbook/live.js"`) {
		t.Error("the page has no live reload script")
	}

	// Edit: the event comes once the new page is served, never before.
	src := r.read(t, file)
	r.saveByRename(t, file, strings.Replace(src, `name = "Docman 10"`, `name = "Docman Eleven"`, 1))
	ev := r.next(t)
	if ev.Errors != 0 || !slices.Contains(ev.Changed, page) || slices.Contains(ev.Changed, "castlegate/index.html") {
		t.Fatalf("after the edit: %+v", ev)
	}
	if _, body := r.get(t, page); !strings.Contains(body, "Docman Eleven") {
		t.Fatal("the build event came before the edited page was served")
	}

	// Break: every page shows the error, at its line and column, over the
	// last good site.
	broken := strings.Replace(src, `name = "Docman 10"`, `name = "Docman Eleven`, 1)
	r.write(t, file, broken)
	ev = r.next(t)
	if ev.Errors != 1 || len(ev.Changed) != 0 {
		t.Fatalf("after breaking the file: %+v", ev)
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, `name = "Docman Eleven`)], "\n")
	at := file + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(len(`name = "Docman Eleven`)+1)
	for _, p := range []string{page, "castlegate/index.html"} {
		code, body := r.get(t, p)
		if code != http.StatusOK || !strings.Contains(body, `id="handbook-live-errors"`) {
			t.Fatalf("GET %s while broken: %d, no error overlay", p, code)
		}
		for _, want := range []string{"<code>" + at + "</code>", "strings cannot contain newlines", `name = &#34;Docman Eleven`, "Hint: close the quotes"} {
			if !strings.Contains(body, want) {
				t.Errorf("the overlay on %s lacks %q", p, want)
			}
		}
	}
	// The overlay quotes the broken line, so look for the name where only
	// the page has it: its title.
	if _, body := r.get(t, page); !strings.Contains(body, "<title>Docman Eleven ") {
		t.Error("the last good page is not served beneath the overlay")
	}
	if code, ov := r.get(t, "_handbook/overlay"); code != http.StatusOK || !strings.Contains(ov, at) {
		t.Errorf("GET _handbook/overlay: %d %q", code, ov)
	}

	// Fix: the overlay goes by itself.
	r.write(t, file, src)
	ev = r.next(t)
	if ev.Errors != 0 || !slices.Contains(ev.Changed, page) {
		t.Fatalf("after the fix: %+v", ev)
	}
	if _, body := r.get(t, page); strings.Contains(body, "handbook-live-errors") || !strings.Contains(body, "Docman 10") {
		t.Fatal("after the fix the page still has the overlay, or not its content")
	}

	// A new service file: its page appears.
	added := "content/riverside/services/docman-archive.toml"
	r.write(t, added, strings.Replace(src, `name = "Docman 10"`, `name = "Docman Archive"`, 1))
	ev = r.next(t)
	if !slices.Contains(ev.Changed, "riverside/services/docman-archive.html") {
		t.Fatalf("after adding a service: %+v", ev)
	}
	if code, body := r.get(t, "riverside/services/docman-archive.html"); code != http.StatusOK || !strings.Contains(body, "Docman Archive") {
		t.Fatalf("the new service's page: %d", code)
	}

	// A folder moved out of the site and back: its pages go and return.
	pages := filepath.Join(r.dir, "content/riverside/pages")
	aside := filepath.Join(r.dir, "pages-aside")
	if err := os.Rename(pages, aside); err != nil {
		t.Fatal(err)
	}
	ev = r.next(t)
	gone := "riverside/pages/starters-and-leavers.html"
	if ev.Errors != 0 || !slices.Contains(ev.Changed, gone) {
		t.Fatalf("after removing the pages folder: %+v", ev)
	}
	if code, body := r.get(t, gone); code != http.StatusNotFound || !strings.Contains(body, "/_handbook/live.js") {
		t.Fatalf("GET a removed page: %d, or without the live script", code)
	}
	if err := os.Rename(aside, pages); err != nil {
		t.Fatal(err)
	}
	ev = r.next(t)
	if ev.Errors != 0 || !slices.Contains(ev.Changed, gone) {
		t.Fatalf("after putting the pages folder back: %+v", ev)
	}
	if code, _ := r.get(t, gone); code != http.StatusOK {
		t.Fatalf("GET a page put back: %d", code)
	}
	// A practice folder renamed: the other practice's buddy is gone, which
	// is an error; renamed back, both practices are there again.
	castlegate := filepath.Join(r.dir, "content/castlegate")
	if err := os.Rename(castlegate, castlegate+"-old"); err != nil {
		t.Fatal(err)
	}
	if ev = r.next(t); ev.Errors == 0 {
		t.Fatalf("after renaming a practice folder: %+v", ev)
	}
	if err := os.Rename(castlegate+"-old", castlegate); err != nil {
		t.Fatal(err)
	}
	if ev = r.next(t); ev.Errors != 0 {
		t.Fatalf("after renaming the practice folder back: %+v", ev)
	}
	if code, _ := r.get(t, "castlegate/index.html"); code != http.StatusOK {
		t.Fatalf("GET the practice renamed back: %d", code)
	}
	// A folder made after the server started, which the layout does not
	// allow: an error, gone when the folder is.
	drafts := filepath.Join(r.dir, "content/riverside/pages/drafts")
	if err := os.Mkdir(drafts, 0o755); err != nil {
		t.Fatal(err)
	}
	if ev = r.next(t); ev.Errors == 0 {
		t.Fatalf("after adding content/riverside/pages/drafts: %+v", ev)
	}
	if err := os.Remove(drafts); err != nil {
		t.Fatal(err)
	}
	if ev = r.next(t); ev.Errors != 0 {
		t.Fatalf("after removing the folder again: %+v", ev)
	}
}

// TestBuiltOutputHasNoLiveScript checks that only serve adds its script:
// a build of the example has none of it.
func TestBuiltOutputHasNoLiveScript(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: exampleSite, Destination: dest, Today: today}); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dest, "*", "*.html"))
	if err != nil || len(files) < 10 {
		t.Fatalf("built %d pages: %v", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "_handbook/") {
			t.Errorf("%s names _handbook/", f)
		}
	}
}

// TestPortInUse checks that a taken port is an error of its own, before
// anything is built.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = serve.Listen(serve.Options{Build: pipeline.Options{Source: exampleSite}, Port: port})
	var inUse *serve.PortInUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), strconv.Itoa(port)) {
		t.Fatalf("Listen on a port in use: %v", err)
	}
}

// TestPagesFallBehind checks what a page is told when it connects after
// builds it has not seen: what changed in each, or, when served by another
// server, to reload.
func TestPagesFallBehind(t *testing.T) {
	r := start(t, copySite(t), 0)
	r.next(t)
	const file = "content/castlegate/practice.toml"
	src := r.read(t, file)
	r.write(t, file, strings.Replace(src, "list_size = ", "list_size = 1", 1))
	r.next(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A page served by build 1 hears of build 2 only.
	_, body := r.get(t, "index.html")
	i := strings.Index(body, `data-since="`)
	since := body[i+len(`data-since="`) : i+strings.Index(body[i:], `" `)]
	if !strings.HasSuffix(since, "-2") {
		t.Fatalf("a page served after build 2 has since %q", since)
	}
	other := listen(t, ctx, r.URL()+"_handbook/events?since="+strings.TrimSuffix(since, "2")+"1")
	select {
	case ev := <-other:
		if ev.Build != 2 || ev.Reload || !slices.Contains(ev.Changed, "castlegate/index.html") {
			t.Errorf("a page of build 1 was told %+v", ev)
		}
	case <-time.After(wait):
		t.Fatal("a page of build 1 was not told of build 2")
	}
	stranger := listen(t, ctx, r.URL()+"_handbook/events?since=0123456789ab-2")
	select {
	case ev := <-stranger:
		if !ev.Reload {
			t.Errorf("a page of another server was told %+v", ev)
		}
	case <-time.After(wait):
		t.Fatal("a page of another server was told nothing")
	}
}

// TestContentTypes checks the types the exports are served with: Outlook
// subscribes only to a calendar served as text/calendar, and Excel reads a
// spreadsheet's text as UTF-8 when told so. The types must not depend on
// the system's table, which here is made wrong for the test.
func TestContentTypes(t *testing.T) {
	for _, ext := range []string{".ics", ".csv", ".json"} {
		if err := mime.AddExtensionType(ext, "application/octet-stream"); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		mime.AddExtensionType(".ics", "text/calendar; charset=utf-8")
		mime.AddExtensionType(".csv", "text/csv; charset=utf-8")
		mime.AddExtensionType(".json", "application/json")
	})
	r := start(t, copySite(t), 0)
	r.next(t)
	for p, want := range map[string]string{
		"riverside/reviews.ics":     "text/calendar; charset=utf-8",
		"riverside/register.csv":    "text/csv; charset=utf-8",
		"riverside/practice.json":   "application/json",
		"riverside/search-index.js": "text/javascript; charset=utf-8",
		"riverside/index.html":      "text/html; charset=utf-8",
		"assets/handbook.css":       "text/css; charset=utf-8",
		"riverside/register.html":   "text/html; charset=utf-8",
		"riverside/continuity.html": "text/html; charset=utf-8",
	} {
		resp, err := http.Get(r.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || got != want {
			t.Errorf("GET %s: %d, Content-Type %q; want 200, %q", p, resp.StatusCode, got, want)
		}
	}
}

// TestRefusesOtherHosts checks that serve answers only requests for this
// machine: a page whose name was made to point here gets nothing.
func TestRefusesOtherHosts(t *testing.T) {
	r := start(t, copySite(t), 0)
	r.next(t)
	for host, want := range map[string]int{
		"":                    http.StatusOK, // the listener's own address
		"localhost":           http.StatusOK,
		"LOCALHOST.:8080":     http.StatusOK,
		"handbook.localhost":  http.StatusOK,
		"[::1]:1313":          http.StatusOK,
		"127.0.0.2":           http.StatusOK,
		"evil.example":        http.StatusMisdirectedRequest,
		"evil.example:1313":   http.StatusMisdirectedRequest,
		"localhost.evil.com":  http.StatusMisdirectedRequest,
		"192.0.2.10":          http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:80": http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", r.URL()+"riverside/continuity-pack.html", nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
		if want != http.StatusOK && strings.Contains(string(body), "<html") {
			t.Errorf("Host %q: a page was served", host)
		}
	}
}
