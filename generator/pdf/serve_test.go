package pdf

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

func TestSiteHandler(t *testing.T) {
	h := newSiteHandler([]site.File{
		{Path: "index.html", Data: []byte("<!doctype html><title>x</title>")},
		{Path: "assets/print.css", Data: []byte("body{}")},
		{Path: "riverside/img/logo.png", Data: []byte("\x89PNG\r\n\x1a\n")},
		{Path: "riverside/plan v2.html", Data: []byte("first")},
		{Path: "riverside/plan v2.html", Data: []byte("second")},
		{Path: "notes", Data: []byte("plain words")},
	})
	for _, tc := range []struct {
		method, target string
		status         int
		contentType    string
		body           string
	}{
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "<!doctype html><title>x</title>"},
		{"GET", "/assets/print.css?v=1", 200, "text/css; charset=utf-8", "body{}"},
		{"GET", "/riverside/img/logo.png", 200, "image/png", "\x89PNG\r\n\x1a\n"},
		{"GET", "/riverside/plan%20v2.html", 200, "text/html; charset=utf-8", "second"},
		{"GET", "/notes", 200, "text/plain; charset=utf-8", "plain words"},
		{"HEAD", "/index.html", 200, "text/html; charset=utf-8", ""},
		{"GET", "/", 404, "", ""},
		{"GET", "/riverside/", 404, "", ""},
		{"GET", "/missing.html", 404, "", ""},
		{"GET", "/index.html/", 404, "", ""},
		{"POST", "/index.html", 405, "", ""},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tc.method, tc.target, nil))
		res := w.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, res.StatusCode, tc.status)
			continue
		}
		if tc.status != 200 {
			continue
		}
		if got := res.Header.Get("Content-Type"); got != tc.contentType {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.target, got, tc.contentType)
		}
		if string(body) != tc.body {
			t.Errorf("%s %s: body %q, want %q", tc.method, tc.target, body, tc.body)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: no Content-Security-Policy", tc.method, tc.target)
		}
	}
}

func TestServeLoopback(t *testing.T) {
	s, err := serve(newSiteHandler([]site.File{{Path: "a b/index.html", Data: []byte("hello")}}))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(s.url("a b/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if host, _, _ := net.SplitHostPort(u.Host); host != "127.0.0.1" {
		t.Errorf("serving on %s, want 127.0.0.1 only", u.Host)
	}
	res, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != "hello" {
		t.Errorf("GET %s = %d %q, want 200 \"hello\"", u, res.StatusCode, body)
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(u.String()); err == nil {
		t.Errorf("GET %s after close succeeded", u)
	}
}
