// Package themes embeds the built-in theme, so the handbook binary renders a
// complete site with no other files. A site overrides any theme file by
// putting a file of the same name in its own templates/ folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default/templates default/assets
var embedded embed.FS

// Default returns the built-in theme: templates/ (html/template files) and
// assets/ (copied to the site's assets/ folder).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}
