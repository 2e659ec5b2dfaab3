package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Hugo on the Markdown sites. Given a Hugo binary, bench builds each
// Markdown site with it as well, in turn with handbook and the minimal
// pipeline, from a Hugo project of the same pages made to write what the
// minimal pipeline writes: the same layout, the same goldmark extensions,
// the pages alone. So the three are compared on the same machine at the
// same moment, and Hugo on the same work as the floor.

// hugoConfig is the project's hugo.toml: only the pages are made (no home
// page, lists, feeds or sitemap), at <practice>/pages/<id>.html, with the
// goldmark extensions handbook and the minimal pipeline use and no others
// (Hugo's default adds definition lists, footnotes, linkify and the
// typographer).
const hugoConfig = `baseURL = "https://handbook.example.nhs.uk/"
title = "Handbook"
disableKinds = ["home", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
uglyURLs = true

[markup.goldmark.extensions]
definitionList = false
footnote = false
linkify = false
strikethrough = true
table = true
taskList = true

[markup.goldmark.extensions.typographer]
disable = true
`

// hugoLayout is the minimal pipeline's layout (generator/bench/minimal) in
// Hugo's terms: a page's practice is its top section, its kind, owner and
// date of review are front matter parameters. bench compares the pages
// Hugo makes with the minimal pipeline's at the first run of each site,
// and says in its notes whether they differ.
const hugoLayout = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – {{.Section}}</title>
<link rel="stylesheet" href="../../assets/handbook.css">
</head>
<body>
<a class="skip-link" href="#maincontent">Skip to main content</a>
<header class="site-header"><div class="width">
<a class="site-title" href="../../index.html">Handbook</a>
<a class="practice-name" href="../index.html">{{.Section}}</a>
</div></header>
<nav class="practice-nav" aria-label="{{.Section}}"><ul>
<li><a href="../index.html">Home</a></li>
<li><a href="../services/index.html">Services</a></li>
<li><a href="../runbooks/index.html">Runbooks</a></li>
<li><a href="../continuity.html">Continuity</a></li>
<li><a href="../people/index.html">People</a></li>
<li><a href="../roles.html">Roles</a></li>
<li><a href="../training.html">Training</a></li>
<li><a href="../reviews/index.html">Reviews</a></li>
<li><a href="index.html" aria-current="page">Policies and guides</a></li>
<li><a href="../findings.html">Findings</a></li>
</ul></nav>
<div class="width">
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>
<li><a href="../../index.html">Handbook</a></li>
<li><a href="../index.html">{{.Section}}</a></li>
<li><a href="index.html">Policies and guides</a></li>
</ol></nav>
<main id="maincontent">
<h1><span class="caption">{{.Params.kind}}</span> {{.Title}}</h1>
<div class="prose">
{{.Content}}
</div>
<dl class="facts">
<dt>Owner</dt><dd>{{.Params.owner}}</dd>
<dt>Last reviewed</dt><dd>{{.Params.reviewed}}</dd>
</dl>
</main>
</div>
</body>
</html>
`

// hugoProject writes into dir, afresh, a Hugo project of the Markdown
// pages of the synthetic site src (content/<practice>/pages/*.md): the
// configuration, the layout, and the pages, linked to the site's files
// where the file system allows, else copied. It returns how many pages it
// holds.
func hugoProject(src, dir string) (int, error) {
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	layouts := filepath.Join(dir, "layouts", "_default")
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(hugoConfig), 0o644); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(layouts, "single.html"), []byte(hugoLayout), 0o644); err != nil {
		return 0, err
	}
	pages, err := filepath.Glob(filepath.Join(src, "content", "*", "pages", "*.md"))
	if err != nil {
		return 0, err
	}
	for _, p := range pages {
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return 0, err
		}
		to := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return 0, err
		}
		if os.Link(p, to) == nil {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			return 0, err
		}
	}
	return len(pages), nil
}

// findHugo returns the Hugo binary to run and the version it reports:
// name when it is a path, else the program of that name on the PATH,
// which must be found. "none" returns "", and so does "" when there is
// no hugo on the PATH.
func findHugo(ctx context.Context, name string) (bin, version string, err error) {
	if name == "none" {
		return "", "", nil
	}
	bin, err = exec.LookPath(cmp.Or(name, "hugo"))
	if err != nil {
		if name == "" {
			return "", "", nil
		}
		return "", "", hinted{fmt.Errorf("-hugo %s: %v", name, err),
			"install Hugo v0.165.0 with 'go install github.com/gohugoio/hugo@v0.165.0' and give -hugo $(go env GOPATH)/bin/hugo, or -hugo none"}
	}
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return "", "", fmt.Errorf("%s version: %v", bin, err)
	}
	// "hugo v0.165.0 linux/amd64 BuildDate=unknown"
	f := strings.Fields(string(out))
	if len(f) < 2 || !strings.HasPrefix(f[1], "v") {
		return "", "", fmt.Errorf("%s version says %q, not a Hugo version", bin, bytes.TrimSpace(out))
	}
	return bin, f[1], nil
}

// samePages compares the HTML pages under dir with those of the same paths
// under ref, whitespace aside (Hugo lays tables out with indentation). It
// returns how many pages differ, and one that does.
func samePages(dir, ref string) (differ int, example string, err error) {
	err = filepath.WalkDir(ref, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		rel, err := filepath.Rel(ref, p)
		if err != nil {
			return err
		}
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if !equalFields(got, want) {
			differ++
			if example == "" {
				example = filepath.ToSlash(rel)
			}
		}
		return nil
	})
	return differ, example, err
}

// equalFields says whether a and b hold the same text between their runs
// of white space.
func equalFields(a, b []byte) bool {
	fa, fb := bytes.Fields(a), bytes.Fields(b)
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if !bytes.Equal(fa[i], fb[i]) {
			return false
		}
	}
	return true
}
