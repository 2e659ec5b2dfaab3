package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// sharedFiles is what a handbook works out once from its shared records
// and files, for every practice's pages to use.
type sharedFiles struct {
	once sync.Once
	// pages maps the file of every shared record with a page to that
	// page.
	pages map[string]string
	// sum is the SHA-256 of the paths and sums of the shared files.
	sum []byte
}

func (h *Handbook) sharedFiles() *sharedFiles {
	h.files.once.Do(func() {
		m := map[string]string{h.Config.File: IndexURL}
		for _, o := range h.Organisations {
			m[o.File] = o.URL()
		}
		for _, c := range h.Courses {
			m[c.File] = c.URL()
		}
		d := sha256.New()
		sumFiles(d, h.Files)
		h.files.pages, h.files.sum = m, d.Sum(nil)
	})
	return &h.files
}

// RecordPage returns the page of the shared record read from file:
// handbook.toml's is the top page; an organisation's or a course's, its
// own. It says false for any other file. The handbook's records must not
// change once it is asked.
func (h *Handbook) RecordPage(file string) (string, bool) {
	page, ok := h.sharedFiles().pages[file]
	return page, ok
}

// Digest is a short digest of every file the pages of practice p are made
// from: the files of its own folder and every file outside the practices'
// folders (handbook.toml, organisations, courses). It changes when one of
// them does, and only then: two printed copies with the same digest say
// the same. The handbook's Files must not change once it is asked.
func (h *Handbook) Digest(p *Practice) string {
	d := sha256.New()
	d.Write(h.sharedFiles().sum)
	sumFiles(d, p.Files)
	return hex.EncodeToString(d.Sum(nil))[:10]
}

func sumFiles(d hash.Hash, files []FileSum) {
	for _, f := range files {
		fmt.Fprintf(d, "%s\x00%x\n", f.Path, f.Sum)
	}
}
