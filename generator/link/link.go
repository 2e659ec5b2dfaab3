// Package link resolves the references between records and builds the
// back-links. It consumes the records the load stage read and completes
// them in place: every id a practice manager wrote (an owner, a supplier, a
// depends-on, a course) gains a pointer to its record, and every record
// gains the list of what points at it. A reference to something that does
// not exist is an error at the position of the bad id. Link does no I/O.
//
// A Linker links in steps (the shared records, each practice, then what
// crosses practices) so that a practice read again after a change can be
// linked again on its own.
package link

import (
	"maps"
	"slices"
	"strconv"

	"github.com/handbook-nhs/handbook/generator/site"
)

// A Linker links the records of one handbook in steps, so that a practice
// read again after a change can be linked on its own: Shared, then
// Practice for each practice, then Across. It indexes the handbook's
// organisations, courses and practices once, when it is made.
type Linker struct {
	h         *site.Handbook
	orgs      map[string]*site.Organisation
	courses   map[string]*site.Course
	practices map[string]*site.Practice
	// orgAt and courseAt are the places of the shared records in the
	// handbook's lists.
	orgAt    map[*site.Organisation]int
	courseAt map[*site.Course]int
}

// New returns a linker of h.
func New(h *site.Handbook) *Linker {
	l := &Linker{
		h:         h,
		orgs:      index(h.Organisations, func(o *site.Organisation) string { return o.ID }),
		courses:   index(h.Courses, func(c *site.Course) string { return c.ID }),
		practices: index(h.Practices, func(p *site.Practice) string { return p.ID }),
		orgAt:     map[*site.Organisation]int{},
		courseAt:  map[*site.Course]int{},
	}
	for i, o := range h.Organisations {
		l.orgAt[o] = i
	}
	for i, c := range h.Courses {
		l.courseAt[c] = i
	}
	return l
}

func (l *Linker) resolver() *resolver {
	return &resolver{orgs: l.orgs, courses: l.courses, practices: l.practices}
}

// Shared links the shared records among themselves: each course to its
// provider. The returned error, when not nil, is a site.ErrorList.
func (l *Linker) Shared() error {
	r := l.resolver()
	for _, o := range l.h.Organisations {
		o.Courses = nil
	}
	for _, c := range l.h.Courses {
		c.ProviderOrg = r.org(&c.Source, "provider", c.Provider)
		if c.ProviderOrg != nil {
			c.ProviderOrg.Courses = append(c.ProviderOrg.Courses, c)
		}
	}
	return r.errs.Err()
}

// Practice links the records of p, a practice of the handbook read afresh,
// among themselves and to the shared records. What crosses from one
// practice to another is left to Across, which must run after. The
// returned error, when not nil, is a site.ErrorList of the mistakes in p's
// own files.
func (l *Linker) Practice(p *site.Practice) error {
	r := l.resolver()
	r.practice(p)
	return r.errs.Err()
}

// Across links what crosses practices: the lists on each organisation and
// course of the practices and records that use it, each practice's buddy,
// and the check that no two practices share an ODS code. It starts those
// lists afresh, so it can run again after Practice has linked a practice
// read again. The returned error, when not nil, is a site.ErrorList.
//
// Across is Buddies then BackLinks. A build that reads one practice at a
// time, and lets each go once its pages are made, runs Buddies once every
// practice.toml is read, Practice and Uses on each practice as it is read,
// and BackLinks at the end, on what it kept of the practices.
func (l *Linker) Across() error {
	err := l.Buddies()
	backLinks(l.h)
	return err
}

// Buddies links each practice's buddy (a practice or an organisation) and
// checks that no two practices share an ODS code. It needs only what each
// practice's practice.toml says. The returned error, when not nil, is a
// site.ErrorList.
func (l *Linker) Buddies() error {
	r := l.resolver()
	r.buddies(l.h)
	return r.errs.Err()
}

// BackLinks fills the lists on each organisation and course of the
// practices and records that use them, and each practice's Organisations
// and Courses, as Across does: after Buddies and Practice.
func (l *Linker) BackLinks() { backLinks(l.h) }

// Uses sets p.Organisations and p.Courses, the shared records p uses, in
// the handbook's order, as BackLinks would, for a practice linked by
// Practice; it changes nothing on the shared records.
func (l *Linker) Uses(p *site.Practice) { l.uses(p) }

type resolver struct {
	errs      site.ErrorList
	orgs      map[string]*site.Organisation
	courses   map[string]*site.Course
	practices map[string]*site.Practice

	// Per practice.
	people   map[string]*site.Person
	services map[string]*site.Service
	runbooks map[string]*site.Runbook
}

func index[T any](recs []*T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(recs))
	for _, r := range recs {
		m[id(r)] = r
	}
	return m
}

// lookup finds id in m, or reports at the key path that it names no record
// of the kind what, suggesting a near miss. An empty id is no reference.
func lookup[T any](r *resolver, m map[string]*T, src *site.Source, path, id, what, where string) *T {
	if id == "" {
		return nil
	}
	if v, ok := m[id]; ok {
		return v
	}
	hint := site.Suggest(id, slices.Sorted(maps.Keys(m)))
	switch {
	case hint != "":
	case !site.ValidID(id):
		hint = "an id is the name of a record's file without .toml: lower-case letters, digits and hyphens, such as kdavies"
	default:
		hint = "check the spelling, or add " + where
	}
	r.errs.Add(src.At(path), hint, "%s %q is not %s", keyName(path), id, what)
	return nil
}

// keyName is the last key of a path, as written in the file.
func keyName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			if isDigits(path[i+1:]) {
				return keyName(path[:i])
			}
			return path[i+1:]
		}
	}
	return path
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func (r *resolver) org(src *site.Source, path, id string) *site.Organisation {
	return lookup(r, r.orgs, src, path, id, "an organisation", "content/organisations/"+id+".toml")
}

func (r *resolver) course(src *site.Source, path, id string) *site.Course {
	return lookup(r, r.courses, src, path, id, "a course", "content/courses/"+id+".toml")
}

func (r *resolver) person(p *site.Practice, src *site.Source, path, id string) *site.Person {
	return lookup(r, r.people, src, path, id, "a person of "+p.Name, "content/"+p.ID+"/people/"+id+".toml")
}

func (r *resolver) service(p *site.Practice, src *site.Source, path, id string) *site.Service {
	return lookup(r, r.services, src, path, id, "a service of "+p.Name, "content/"+p.ID+"/services/"+id+".toml")
}

func (r *resolver) runbook(p *site.Practice, src *site.Source, path, id string) *site.Runbook {
	return lookup(r, r.runbooks, src, path, id, "a runbook of "+p.Name, "content/"+p.ID+"/runbooks/"+id+".toml")
}

// list resolves ids, the values at path.0, path.1, ..., with one, which
// looks up a single id, keeping those found.
func list[T any](path string, ids []string, one func(path, id string) *T) []*T {
	var out []*T
	for i, id := range ids {
		if v := one(itemPath(path, i), id); v != nil {
			out = append(out, v)
		}
	}
	return out
}

func (r *resolver) peopleList(p *site.Practice, src *site.Source, path string, ids []string) []*site.Person {
	return list(path, ids, func(path, id string) *site.Person { return r.person(p, src, path, id) })
}

func (r *resolver) serviceList(p *site.Practice, src *site.Source, path string, ids []string) []*site.Service {
	return list(path, ids, func(path, id string) *site.Service { return r.service(p, src, path, id) })
}

func itemPath(path string, i int) string {
	return path + "." + strconv.Itoa(i)
}

// addOnce appends v to *list unless it is already there.
func addOnce[T comparable](list *[]T, v T) {
	if !slices.Contains(*list, v) {
		*list = append(*list, v)
	}
}
