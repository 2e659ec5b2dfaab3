// Package link resolves the references between records and builds the
// back-links. It consumes the records the load stage read and completes
// them in place: every id a practice manager wrote (an owner, a supplier, a
// depends-on, a course) gains a pointer to its record, and every record
// gains the list of what points at it. A reference to something that does
// not exist is an error at the position of the bad id. Link does no I/O.
//
// It links in steps, as a build reads the site: the shared records
// (Shared), then the buddies and ODS codes of every practice from their
// practice.toml alone (Buddies), then each practice's own records
// (Practice), which change nothing outside the practice, and last the
// lists on the shared records of what the practices' summaries say uses
// them (BackLinks).
package link

import (
	"maps"
	"slices"
	"strconv"

	"github.com/handbook-nhs/handbook/generator/site"
)

// A Linker links the records of one handbook. It indexes the handbook's
// organisations and courses once, when it is made. Practice may be called
// from several goroutines at once; the other methods may not run beside
// it.
type Linker struct {
	h       *site.Handbook
	orgs    map[string]*site.Organisation
	courses map[string]*site.Course
	// practices are the practices' summaries by id, once Buddies has
	// run.
	practices map[string]*site.Summary
	// orgAt and courseAt are the places of the shared records in the
	// handbook's lists.
	orgAt    map[*site.Organisation]int
	courseAt map[*site.Course]int
}

// New returns a linker of h.
func New(h *site.Handbook) *Linker {
	l := &Linker{
		h:        h,
		orgs:     index(h.Organisations, func(o *site.Organisation) string { return o.ID }),
		courses:  index(h.Courses, func(c *site.Course) string { return c.ID }),
		orgAt:    map[*site.Organisation]int{},
		courseAt: map[*site.Course]int{},
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
	return &resolver{orgs: l.orgs, courses: l.courses}
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

// Buddies links each practice's buddy, another practice or an
// organisation, and checks that no two practices share an ODS code. It
// needs only what each practice's practice.toml says: practices are the
// summaries of every practice of the handbook, in order (site.NewSummary).
// Practice then links the buddy of each practice read in full to the
// same. The returned error, when not nil, is a site.ErrorList.
func (l *Linker) Buddies(practices []*site.Summary) error {
	l.practices = index(practices, func(s *site.Summary) string { return s.ID })
	var errs site.ErrorList
	ods := map[string]*site.Summary{}
	for _, s := range practices {
		if other, dup := ods[s.ODS]; dup && s.ODS != "" {
			errs.Add(s.ODSAt, "each practice has its own ODS code: check it on the ODS portal",
				"ODS code %s is also the code of %s (%s)", s.ODS, other.Name, other.ODSAt.File)
		}
		ods[s.ODS] = s
		s.BuddyPractice, s.BuddyOrg = l.buddy(s.ID, s.Buddy)
		if s.Buddy != "" && s.BuddyPractice == nil && s.BuddyOrg == nil {
			errs.Add(s.BuddyAt, hint(s.Buddy, slices.Sorted(maps.Keys(l.orgs)), "content/organisations/"+s.Buddy+".toml"),
				"buddy %q is not a practice or organisation", s.Buddy)
		}
	}
	return errs.Err()
}

// buddy is the buddy named id of the practice self: another practice, or
// an organisation; nil and nil when it is neither.
func (l *Linker) buddy(self, id string) (*site.Summary, *site.Organisation) {
	if id == "" {
		return nil, nil
	}
	if s, ok := l.practices[id]; ok && id != self {
		return s, nil
	}
	return nil, l.orgs[id]
}

// Practice links the records of p, a practice read in full, among
// themselves and to the shared records, and to its buddy as Buddies found
// it, and sets p.Organisations and p.Courses, the shared records it uses.
// It changes nothing outside p: the shared records' lists of what uses
// them are BackLinks' to fill. The returned error, when not nil, is a
// site.ErrorList of the mistakes in p's own files.
func (l *Linker) Practice(p *site.Practice) error {
	r := l.resolver()
	r.practice(p)
	p.BuddyPractice, p.BuddyOrg = l.buddy(p.ID, p.Buddy)
	l.uses(p)
	return r.errs.Err()
}

// BackLinks fills the lists on each organisation and course of the
// practices that use them, and of their records that do, from the
// practices' summaries (h.Practices). It starts the lists afresh.
func BackLinks(h *site.Handbook) { backLinks(h) }

type resolver struct {
	errs    site.ErrorList
	orgs    map[string]*site.Organisation
	courses map[string]*site.Course

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
	r.errs.Add(src.At(path), hint(id, slices.Sorted(maps.Keys(m)), where), "%s %q is not %s", keyName(path), id, what)
	return nil
}

// hint says what to do about id, which names none of the records whose ids
// are known: the nearest of them, or how to write an id, or where the
// record it names would be.
func hint(id string, known []string, where string) string {
	switch h := site.Suggest(id, known); {
	case h != "":
		return h
	case !site.ValidID(id):
		return "an id is the name of a record's file without .toml: lower-case letters, digits and hyphens, such as kdavies"
	default:
		return "check the spelling, or add " + where
	}
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
