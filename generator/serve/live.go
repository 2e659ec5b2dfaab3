package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
)

// livePrefix is where serve's own files are served; no page of a handbook
// can be there, since ids start with a letter or digit.
const livePrefix = "/_handbook/"

//go:embed live
var liveFiles embed.FS

// overlayError is one build error as the overlay shows it.
type overlayError struct {
	// At is file:line:col, the file relative to the site folder.
	At        string
	Msg, Hint string
	// Line is the number of the offending line, and Source its text,
	// with Caret the white space that puts a caret under the column.
	Line          int
	Source, Caret string
}

// maxShown is how many errors the overlay lists; the log has them all.
const maxShown = 20

// overlayErrors turns a build error into what the overlay shows, reading
// each offending line from its file.
func overlayErrors(fsys fs.FS, err error) []overlayError {
	var list site.ErrorList
	if !errors.As(err, &list) {
		return []overlayError{{Msg: err.Error()}}
	}
	lines := map[string][]string{}
	out := make([]overlayError, 0, len(list))
	for _, e := range list {
		oe := overlayError{At: e.Pos.String(), Msg: e.Msg, Hint: e.Hint, Line: e.Pos.Line}
		if e.Pos.File != "" && e.Pos.Line > 0 && !e.Private {
			file, ok := lines[e.Pos.File]
			if !ok {
				data, _ := fs.ReadFile(fsys, e.Pos.File)
				data = bytes.TrimPrefix(data, []byte("\ufeff")) // as the loader reads it
				file = strings.Split(string(data), "\n")
				lines[e.Pos.File] = file
			}
			if e.Pos.Line <= len(file) {
				oe.Source, oe.Caret = sourceLine(file[e.Pos.Line-1], e.Pos.Col)
			}
		}
		out = append(out, oe)
	}
	return out
}

// sourceLine returns line, cut to a readable length, and the white space
// that puts a caret under byte column col (1-based; 0 for none), keeping
// the line's tabs so that the caret lines up.
func sourceLine(line string, col int) (src, caret string) {
	line = strings.TrimRight(line, "\r")
	const maxLen = 160
	if col < 1 || col > len(line)+1 {
		col = 0
	}
	if len(line) > maxLen && col <= maxLen {
		cut := maxLen
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut] + "…"
	}
	if col == 0 {
		return line, ""
	}
	var b strings.Builder
	for _, r := range line[:min(col-1, len(line))] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return line, b.String()
}

var overlay = template.Must(template.New("overlay").Funcs(template.FuncMap{
	"spaces": func(n int) string { return strings.Repeat(" ", n) },
	"minus":  func(a, b int) int { return a - b },
}).Parse(`<div id="handbook-live-errors" class="hb-live" role="alert" aria-labelledby="hb-live-title">
<div class="hb-live-box">
<h2 id="hb-live-title">The handbook could not be rebuilt: {{len .Errors}} {{if eq (len .Errors) 1}}error{{else}}errors{{end}}</h2>
<p>{{if .Site}}You are looking at the last version that built.{{else}}Nothing has built yet.{{end}} Fix {{if eq (len .Errors) 1}}this{{else}}these{{end}} and save: this message goes away by itself.</p>
<ol>{{range .Shown}}
<li>{{with .At}}<p class="hb-live-at"><code>{{.}}</code></p>{{end}}
<p class="hb-live-msg">{{.Msg}}</p>
{{- if .Source}}
<pre class="hb-live-src"><span class="hb-live-ln">{{.Line}} | </span>{{.Source}}{{if .Caret}}
<span class="hb-live-ln">{{printf "%d" .Line | len | spaces}} | </span>{{.Caret}}<span class="hb-live-caret">^</span>{{end}}</pre>{{end}}
{{- with .Hint}}
<p class="hb-live-hint">Hint: {{.}}</p>{{end}}</li>{{end}}
</ol>
{{- if gt (len .Errors) (len .Shown)}}
<p>And {{minus (len .Errors) (len .Shown)}} more: the terminal running handbook serve lists them all.</p>{{end}}
<button type="button" class="hb-live-hide">Hide</button>
</div>
</div>`))

// overlayHTML renders the overlay listing st's errors, or nothing.
func overlayHTML(st *state) []byte {
	if len(st.errs) == 0 {
		return nil
	}
	var b bytes.Buffer
	err := overlay.Execute(&b, map[string]any{
		"Errors": st.errs, "Shown": st.errs[:min(len(st.errs), maxShown)], "Site": st.files != nil,
	})
	if err != nil {
		panic(err) // the template is fixed and its data always fits
	}
	return b.Bytes()
}

// inject adds the live script and style to an HTML page of build st, and
// the overlay when st failed.
func (s *Server) inject(page []byte, st *state) []byte {
	head := fmt.Sprintf(`<link rel="stylesheet" href="%slive.css"><script src="%slive.js" data-since="%s-%d" defer></script>`,
		livePrefix, livePrefix, s.token, st.build)
	out := make([]byte, 0, len(page)+len(head)+4096)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = 0
	}
	out = append(out, page[:i]...)
	out = append(out, head...)
	rest := page[i:]
	if ov := overlayHTML(st); ov != nil {
		j := bytes.LastIndex(rest, []byte("</body>"))
		if j < 0 {
			j = len(rest)
		}
		out = append(out, rest[:j]...)
		out = append(out, ov...)
		rest = rest[j:]
	}
	return append(out, rest...)
}

// ServeHTTP serves the last good site, serve's own files and the event
// stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "handbook serve only answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !allowedHost(s.opt.Bind, r.Host) {
		// A page elsewhere that makes its own name point at this machine
		// (DNS rebinding) would otherwise read the handbook through it.
		http.Error(w, "handbook serve answers only requests for this machine by its own name or address, "+
			"not for "+strconv.Quote(r.Host), http.StatusMisdirectedRequest)
		return
	}
	if own, ok := strings.CutPrefix(r.URL.Path, livePrefix); ok {
		s.serveLive(w, r, own)
		return
	}
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	st := s.state.Load()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	f, ok := find(st.files, name)
	switch {
	case !ok && st.files == nil:
		s.servePage(w, r, st, http.StatusServiceUnavailable, "Not built yet",
			"<p>The handbook has not built yet: see the errors below.</p>")
		return
	case !ok:
		if _, dir := find(st.files, path.Join(name, "index.html")); dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusFound)
			return
		}
		s.servePage(w, r, st, http.StatusNotFound, "No such page",
			`<p>There is no page `+template.HTMLEscapeString(name)+` in the handbook: it may have been renamed or removed. This page reloads by itself if it appears.</p><p><a href="/">Go to the top page</a></p>`)
		return
	}
	data := f.Data
	if path.Ext(name) == ".html" {
		data = s.inject(data, st)
	}
	w.Header().Set("Content-Type", contentType(name, data))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// servePage serves a page of serve's own, with status code.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, st *state, code int, title, body string) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>` +
		title + ` – handbook serve</title></head><body><main><h1>` + title + `</h1>` + body + `</main></body></html>`
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(s.inject([]byte(page), st))
	}
}

func (s *Server) serveLive(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.events(w, r)
	case "overlay":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(overlayHTML(s.state.Load()))
	default:
		data, err := liveFiles.ReadFile(path.Join("live", name))
		if err != nil || strings.Contains(name, "/") {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	}
}

// events streams an event to the page after every build, from the build
// the page was served from (its since parameter, or Last-Event-ID when
// the browser reconnects; neither, for a client that has seen no build).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	seen := r.Header.Get("Last-Event-ID")
	if seen == "" {
		seen = r.URL.Query().Get("since")
	}
	if seen == "" {
		seen = s.token + "-0" // a client that has seen nothing: every build
	}
	ch := s.subscribe()
	defer s.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-s.ready:
			for _, ev := range s.since(seen) {
				data, _ := json.Marshal(ev)
				seen = fmt.Sprintf("%s-%d", s.token, ev.Build)
				fmt.Fprintf(w, "id: %s\nevent: build\ndata: %s\n\n", seen, data)
			}
			flusher.Flush()
		default:
		}
		select {
		case <-ch:
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// find returns the file at p of files, sorted by path.
func find(files []site.File, p string) (site.File, bool) {
	i, ok := slices.BinarySearchFunc(files, p, func(f site.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return site.File{}, false
	}
	return files[i], true
}

// contentType returns the media type of the file at p: from the site's
// table (site.MediaType), or else by sniffing data.
func contentType(p string, data []byte) string {
	if t := site.MediaType(p); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// allowedHost reports whether a request whose Host header is host is for
// a server bound to bind: a loopback name or address, the bound address,
// any address of the machine when bound to all of them, or the machine's
// own name when it listens beyond loopback. Browsers send a page's own
// name, so a name that merely points here is refused.
func allowedHost(bind, host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == strings.ToLower(bind) {
		return true
	}
	bound := net.ParseIP(bind)
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || bound != nil && (bound.Equal(ip) || bound.IsUnspecified())
	}
	if bound != nil && bound.IsLoopback() {
		return false
	}
	name, err := os.Hostname()
	name = strings.ToLower(name)
	short, _, _ := strings.Cut(name, ".")
	return err == nil && name != "" && (host == name || host == short)
}
