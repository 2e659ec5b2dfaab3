// Package serve is the handbook's live preview: it builds a site into
// memory, serves it over HTTP on this machine, watches the site's files
// and builds again after every save, then tells the open pages to reload.
//
// The pages it serves are those of handbook build, with two additions made
// as they are served (never in built output): a script, /_handbook/live.js,
// that listens for builds over Server-Sent Events and refreshes the page
// when it changed, and, while the last build failed, an overlay listing
// each error at its file:line:col with the offending line. The last good
// site stays browsable beneath the overlay; the next good build clears it.
//
// Nothing is written to the site folder or the output folder.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/site"
)

// DefaultPort is the port serve listens on unless told otherwise.
const DefaultPort = 1313

// pollQuiet is how long a file must stay as it is, when polling, before
// it is built, unless Options.Quiet says otherwise: an editor saving over
// a network drive can pause for a few hundred milliseconds between
// writes, which a look 50 ms later would take for the end of the save.
const pollQuiet = time.Second

// Options configure a server.
type Options struct {
	// Build says what to build. Build.Today, when zero, is the date of
	// each build, so a server left running turns reviews due on the day.
	// Build.History, when nil, asks git, as pipeline.Build does.
	// Build.Destination is not used: nothing is written.
	Build pipeline.Options
	// Bind is the address to listen on; empty means 127.0.0.1, this
	// machine only.
	Bind string
	// Port is the port to listen on; 0 picks a free one.
	Port int
	// Poll, when not zero, watches the site by looking at its files this
	// often instead of asking the system to report changes, for shared and
	// network drives where reports do not arrive.
	Poll time.Duration
	// Quiet is how long to wait after a change for others before building:
	// a save is often several changes. Zero means 50 ms, or when polling
	// Poll and at least a second (pollQuiet). Polling looks again this
	// long after it sees a change, and builds once nothing more has
	// changed.
	Quiet time.Duration
	// Log receives a line for each build, and its errors. Nil discards.
	Log io.Writer
}

// Server serves a site and rebuilds it as it changes. Make one with
// Listen, then call Run.
type Server struct {
	opt   Options
	ln    net.Listener
	url   string
	token string // tells this server's builds from another's

	pipeline *pipeline.Pipeline
	fsys     fs.FS // the site folder, as pipeline.Dir reads it
	store    store
	state    atomic.Pointer[state]
	ready    chan struct{} // closed after the first build
	done     chan struct{} // closed when the server stops

	mu      sync.Mutex
	history []event // the last builds, oldest first
	subs    map[chan struct{}]bool
}

// state is the outcome of the last build: what is served.
type state struct {
	build int
	// files are the last good site, sorted by path; nil before the first
	// good build.
	files []site.File
	// errs are the errors of the last build, nil when it succeeded.
	errs []overlayError
}

// maxHistory is how many builds a page may fall behind and still be told
// what changed in each, rather than simply to reload.
const maxHistory = 64

// PortInUseError is the error of Listen when the port is taken.
type PortInUseError struct {
	Addr string
	Err  error
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("cannot serve on %s: another program is using that port", e.Addr)
}

func (e *PortInUseError) Unwrap() error { return e.Err }

// Listen opens the port the server will serve on, so that a port in use is
// reported before anything is built. The error is a *PortInUseError when
// the port is taken.
func Listen(opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	switch {
	case opt.Quiet != 0:
	case opt.Poll != 0:
		opt.Quiet = max(opt.Poll, pollQuiet)
	default:
		opt.Quiet = 50 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Build.History == nil {
		opt.Build.History = pipeline.GitHistory(context.Background(), opt.Build.Source)
	}
	info, err := os.Stat(opt.Build.Source)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", opt.Build.Source)
	}
	addr := net.JoinHostPort(opt.Bind, strconv.Itoa(opt.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Addr: addr, Err: err}
		}
		return nil, err
	}
	host := opt.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	port := ln.Addr().(*net.TCPAddr).Port
	var token [6]byte
	rand.Read(token[:])
	s := &Server{
		opt:   opt,
		ln:    ln,
		url:   "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/",
		token: hex.EncodeToString(token[:]),
		ready: make(chan struct{}),
		done:  make(chan struct{}),
		subs:  map[chan struct{}]bool{},
	}
	s.state.Store(&state{})
	fsys, err := pipeline.Dir(opt.Build.Source)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.fsys = fsys
	s.pipeline = pipeline.New(fsys, opt.Build)
	if opt.Build.Today.IsZero() {
		s.pipeline.Clock = func() site.Date { return site.DateOf(time.Now()) }
	}
	return s, nil
}

// URL is the address of the site's top page.
func (s *Server) URL() string { return s.url }

// Run builds the site, serves it and rebuilds it after each change until
// ctx is done, then stops serving and returns nil. It returns an error
// only when the site cannot be watched or served at all: errors in the
// content are shown on the pages and logged.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan batch, 1)
	var err error
	if s.opt.Poll > 0 {
		err = watchPoll(ctx, s.opt.Build.Source, s.opt.Poll, s.opt.Quiet, changes)
	} else {
		err = watchNotify(ctx, s.opt.Build.Source, s.opt.Quiet, changes)
	}
	if err != nil {
		s.ln.Close()
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	s.build(nil)
	close(s.ready)
	for {
		select {
		case b := <-changes:
			// Take every batch already waiting: one build for them all.
			for more := true; more; {
				select {
				case next := <-changes:
					if b != nil && next != nil {
						b = append(b, next...)
					} else {
						b = nil
					}
				default:
					more = false
				}
			}
			if b == nil || len(b) > 0 {
				s.build(b)
			}
		case err := <-served:
			return fmt.Errorf("serving: %w", err)
		case <-ctx.Done():
			close(s.done) // ends the event streams, which would hold Shutdown
			stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.Shutdown(stop)
			return nil
		}
	}
}

// build builds the site after the changes in b, swaps in what is served
// and tells the open pages. A build that fails keeps the last good site.
func (s *Server) build(b batch) {
	start := time.Now()
	res, err := s.pipeline.Run(context.Background(), b, &s.store)
	parts := s.store.take()
	took := time.Since(start).Round(time.Millisecond)
	old := s.state.Load()
	next := &state{build: old.build + 1, files: old.files}
	ev := event{Build: next.build}
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		next.errs = overlayErrors(s.fsys, err)
		ev.Errors = len(next.errs)
		fmt.Fprintf(s.opt.Log, "%s build failed in %v: %s; the last good version is still served\n",
			stamp, took, plural(len(next.errs), "error", "errors"))
		for _, e := range next.errs {
			fmt.Fprintf(s.opt.Log, "  %s: %s\n", site.OneLine(e.At), site.OneLine(e.Msg))
			if e.Hint != "" {
				fmt.Fprintf(s.opt.Log, "  \thint: %s\n", site.OneLine(e.Hint))
			}
		}
	} else {
		next.files, ev.Changed = pipeline.Merge(old.files, parts, res.Whole)
		what := plural(len(res.Rendered), "practice", "practices")
		if len(res.Rendered) == 1 {
			what = res.Rendered[0]
		}
		fmt.Fprintf(s.opt.Log, "%s built %s in %v: %s rendered, %s changed\n",
			stamp, what, took, plural(res.Pages, "page", "pages"), plural(len(ev.Changed), "file", "files"))
	}
	if ev.Changed == nil {
		ev.Changed = []string{}
	}
	s.state.Store(next)
	s.publish(ev)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// event is what the open pages are told after a build.
type event struct {
	Build int `json:"build"`
	// Changed are the files added, changed or removed by the build.
	Changed []string `json:"changed"`
	// Errors counts the errors of the build; 0 when it succeeded.
	Errors int `json:"errors"`
	// Reload asks the page to reload whatever changed: it has missed
	// builds, or was served by another server.
	Reload bool `json:"reload,omitempty"`
}

// publish records ev and wakes the event streams.
func (s *Server) publish(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.history = append(s.history, ev)
	if len(s.history) > maxHistory {
		s.history = s.history[len(s.history)-maxHistory:]
	}
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // already woken
		}
	}
}

// since returns the events after the build a page last saw, named by
// id ("<token>-<build>"). A page of another server, or one that has
// missed more builds than are kept, gets a single event asking it to
// reload.
func (s *Server) since(id string) []event {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.history) == 0 {
		return nil
	}
	last := s.history[len(s.history)-1]
	token, n, _ := strings.Cut(id, "-")
	seen, err := strconv.Atoi(n)
	switch {
	case token != s.token || err != nil || seen > last.Build:
		return []event{{Build: last.Build, Changed: []string{}, Errors: last.Errors, Reload: true}}
	case seen == last.Build:
		return nil
	case seen < s.history[0].Build-1:
		return []event{{Build: last.Build, Changed: []string{}, Errors: last.Errors, Reload: true}}
	}
	return append([]event(nil), s.history[seen-s.history[0].Build+1:]...)
}

func (s *Server) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan struct{}) {
	s.mu.Lock()
	delete(s.subs, ch)
	s.mu.Unlock()
}
