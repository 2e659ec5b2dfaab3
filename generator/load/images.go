package load

import (
	"crypto/sha256"
	"net/http"
	"path"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// MaxImageSize is the largest picture a page may show: a screenshot or a
// diagram is a few hundred kilobytes.
const MaxImageSize = 2 << 20

// imageTypes are the kinds of picture a page may show, by extension, with
// the type the file's first bytes must have. SVG is not among them: a
// drawing can hold a script, which would run when the file is opened.
var imageTypes = map[string]string{
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
}

// images reads the pictures in dir, the images/ folder of practice pr.
func (l *loader) images(dir string, pr *site.Practice) []*site.Image {
	entries, ok := l.readDir(dir)
	if !ok {
		return nil
	}
	var out []*site.Image
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		ext := strings.ToLower(path.Ext(e.Name()))
		want, known := imageTypes[ext]
		switch {
		case Ignored(e.Name()):
			continue
		case e.IsDir() || !known:
			l.unexpected(p, "this folder holds the pictures pages show: .png, .jpg, .gif or .webp files")
			continue
		case !site.ValidID(strings.TrimSuffix(e.Name(), path.Ext(e.Name()))) || ext != path.Ext(e.Name()):
			l.errs.Add(site.Pos{File: p}, "use lower-case letters, digits and single hyphens, such as network-diagram.png",
				"%q cannot be the name of a picture", e.Name())
			continue
		}
		data, size, err := readLimited(l.fsys, p, MaxImageSize)
		switch {
		case err != nil:
			l.errs.Add(site.Pos{File: p}, site.ReadHint(err), "cannot read the picture: %v", site.PathCause(err))
			continue
		case size > MaxImageSize:
			l.errs.Add(site.Pos{File: p}, "save it smaller: a screenshot or a diagram is a few hundred kilobytes",
				"the picture is %s bytes, more than the %s bytes (2 MB) a page may show", bytesCount.Sprint(size), bytesCount.Sprint(MaxImageSize))
			continue
		}
		if got := http.DetectContentType(data); got != want {
			l.errs.Add(site.Pos{File: p}, "save the picture again as "+strings.TrimPrefix(want, "image/")+", or give the file the extension of what it is",
				"this file is named %s but is not a %s picture (it reads as %s)", ext, strings.TrimPrefix(want, "image/"), got)
			continue
		}
		l.files = append(l.files, site.FileSum{Path: p, Sum: sha256.Sum256(data)})
		out = append(out, &site.Image{Name: e.Name(), File: p, Data: data, Practice: pr})
	}
	return out
}
