// Command minimal is the floor a build of Markdown pages is measured
// against: the irreducible work of turning a site's Markdown pages into
// HTML pages, and nothing else. For every content/<practice>/pages/*.md of
// a site it reads the file, splits and decodes the TOML front matter with
// hugo's pageparser, converts the body with goldmark, executes one
// html/template layout (a shared page frame with the practice's
// navigation of ten links, breadcrumbs, the title and the body) and
// writes <practice>/pages/<id>.html, on all cores. It makes no other page,
// checks nothing and resolves no link.
//
//	minimal -source DIR -destination DIR
//
// The destination is created; files already there are overwritten.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gohugoio/hugo/parser/pageparser"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("minimal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", "", "the site `folder`, holding content/<practice>/pages/*.md")
	dest := fs.String("destination", "", "the `folder` to write the pages into")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *source == "" || *dest == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "minimal: error: usage: minimal -source DIR -destination DIR")
		return 2
	}
	start := time.Now()
	n, err := build(*source, *dest)
	if err != nil {
		fmt.Fprintf(stderr, "minimal: error: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "minimal: %d pages in %.3fs into %s\n", n, time.Since(start).Seconds(), *dest)
	return 0
}

// page is one Markdown file to convert.
type page struct {
	practice string
	id       string
	src      string
}

// build converts every page of the site at source into dest and returns
// how many it wrote.
func build(source, dest string) (int, error) {
	files, err := filepath.Glob(filepath.Join(source, "content", "*", "pages", "*.md"))
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("%s has no content/*/pages/*.md", source)
	}
	sort.Strings(files)
	pages := make([]page, len(files))
	folders := map[string]bool{}
	for i, f := range files {
		pagesDir := filepath.Dir(f)
		practice := filepath.Base(filepath.Dir(pagesDir))
		pages[i] = page{practice: practice, id: filepath.Base(f[:len(f)-len(".md")]), src: f}
		folders[practice] = true
	}
	for practice := range folders {
		if err := os.MkdirAll(filepath.Join(dest, practice, "pages"), 0o755); err != nil {
			return 0, err
		}
	}

	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  error
		wg     sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w := worker{md: newMarkdown()}
			for !failed.Load() {
				k := int(next.Add(1) - 1)
				if k >= len(pages) {
					return
				}
				if err := w.convert(pages[k], dest); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return len(pages), first
}

// newMarkdown is a converter with the extensions the handbook's pages use.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// worker converts pages one at a time, reusing its buffers.
type worker struct {
	md        goldmark.Markdown
	body, out bytes.Buffer
}

// view is what the layout shows.
type view struct {
	Title, Kind, Practice string
	Owner, Reviewed       any
	Nav                   []navLink
	Body                  template.HTML
}

type navLink struct{ Name, URL string }

// nav is a practice's navigation, the same on each of its pages.
var nav = []navLink{
	{"Home", "../index.html"}, {"Services", "../services/index.html"},
	{"Runbooks", "../runbooks/index.html"}, {"Continuity", "../continuity.html"},
	{"People", "../people/index.html"}, {"Roles", "../roles.html"},
	{"Training", "../training.html"}, {"Reviews", "../reviews/index.html"},
	{"Policies and guides", "index.html"}, {"Findings", "../findings.html"},
}

func (w *worker) convert(p page, dest string) error {
	src, err := os.ReadFile(p.src)
	if err != nil {
		return err
	}
	cf, err := pageparser.ParseFrontMatterAndContent(bytes.NewReader(src))
	if err != nil {
		return fmt.Errorf("%s: %w", p.src, err)
	}
	w.body.Reset()
	if err := w.md.Convert(cf.Content, &w.body); err != nil {
		return fmt.Errorf("%s: %w", p.src, err)
	}
	title, _ := cf.FrontMatter["title"].(string)
	kind, _ := cf.FrontMatter["kind"].(string)
	v := view{
		Title: title, Kind: kind, Practice: p.practice,
		Owner: cf.FrontMatter["owner"], Reviewed: cf.FrontMatter["reviewed"],
		Nav: nav, Body: template.HTML(w.body.String()),
	}
	w.out.Reset()
	if err := layout.Execute(&w.out, v); err != nil {
		return fmt.Errorf("%s: %w", p.src, err)
	}
	return os.WriteFile(filepath.Join(dest, p.practice, "pages", p.id+".html"), w.out.Bytes(), 0o644)
}

var layout = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – {{.Practice}}</title>
<link rel="stylesheet" href="../../assets/handbook.css">
</head>
<body>
<a class="skip-link" href="#maincontent">Skip to main content</a>
<header class="site-header"><div class="width">
<a class="site-title" href="../../index.html">Handbook</a>
<a class="practice-name" href="../index.html">{{.Practice}}</a>
</div></header>
<nav class="practice-nav" aria-label="{{.Practice}}"><ul>
{{- range .Nav}}
<li><a href="{{.URL}}"{{if eq .Name "Policies and guides"}} aria-current="page"{{end}}>{{.Name}}</a></li>
{{- end}}
</ul></nav>
<div class="width">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>
<li><a href="../../index.html">Handbook</a></li>
<li><a href="../index.html">{{.Practice}}</a></li>
<li><a href="index.html">Policies and guides</a></li>
</ol></nav>
<main id="maincontent">
<h1><span class="caption">{{.Kind}}</span> {{.Title}}</h1>
<div class="prose">
{{.Body}}
</div>
<dl class="facts">
<dt>Owner</dt><dd>{{.Owner}}</dd>
<dt>Last reviewed</dt><dd>{{.Reviewed}}</dd>
</dl>
</main>
</div>
</body>
</html>
`))
