package site

import (
	"path"
	"strings"
)

// contentTypes maps the extensions of the files a built site holds to
// their media types. It is fixed rather than read from the system's
// mime.types, so that a browser (and Outlook, which subscribes only to a
// calendar served as text/calendar) sees the same types from every
// server of ours, on every machine.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".csv":   "text/csv; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".xml":   "application/xml",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/vnd.microsoft.icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".pdf":   "application/pdf",
}

// MediaType returns the media type of the built file at p, by its
// extension, or "" for an extension the table does not hold (the server
// then sniffs the content).
func MediaType(p string) string {
	return contentTypes[strings.ToLower(path.Ext(p))]
}
