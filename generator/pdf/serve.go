package pdf

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// contentSecurityPolicy lets a page load only from the server that serves it
// (and from data: and blob: URLs), so a page that links a font or an image
// on another host prints without it at once rather than waiting on a
// network the printer must never reach.
const contentSecurityPolicy = "default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval'"

// server serves the pages to print on a free port of 127.0.0.1, to the
// browser only.
type server struct {
	srv    *http.Server
	base   url.URL
	served chan struct{} // closed when Serve has returned
}

// serve starts a server of h. The caller must call close.
func serve(h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{
		srv: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
			// The browser drops connections when a tab closes; that is
			// not worth a line on stderr.
			ErrorLog: log.New(io.Discard, "", 0),
		},
		base:   url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"},
		served: make(chan struct{}),
	}
	go func() {
		defer close(s.served)
		// Serve returns http.ErrServerClosed after close, and nothing
		// else worth reporting: a failed request shows up as a failed
		// navigation in the browser.
		s.srv.Serve(ln)
	}()
	return s, nil
}

// url returns the address of the file at p, a slash-separated path
// relative to the site root.
func (s *server) url(p string) string {
	u := s.base
	u.Path = "/" + p
	return u.String()
}

// close stops the server and closes its connections.
func (s *server) close() error {
	err := s.srv.Close()
	<-s.served
	return err
}

// siteHandler serves exactly the files of a site, by path, from memory:
// nothing is written to disk.
type siteHandler map[string][]byte

// newSiteHandler returns a handler of files. When two files have the same
// path, the later one is served.
func newSiteHandler(files []site.File) siteHandler {
	h := make(siteHandler, len(files))
	for _, f := range files {
		h[f.Path] = f.Data
	}
	return h
}

func (h siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD are served", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	data, ok := h[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", contentType(name, data))
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", contentSecurityPolicy)
	// A zero time sends no Last-Modified; ServeContent still answers HEAD
	// and ranges.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// contentType returns the media type of the file at p: from the site's
// table (site.MediaType), or else by sniffing data.
func contentType(p string, data []byte) string {
	if t := site.MediaType(p); t != "" {
		return t
	}
	return http.DetectContentType(data)
}
