package build

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"sync"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/link"
	"github.com/handbook-nhs/handbook/generator/load"
	"github.com/handbook-nhs/handbook/generator/par"
	"github.com/handbook-nhs/handbook/generator/publish"
	"github.com/handbook-nhs/handbook/generator/render"
	"github.com/handbook-nhs/handbook/generator/site"
)

// runStreamed builds the site for Run one practice at a time, and writes
// it to dest as it goes. It reads every practice.toml first (what a
// practice's pages show of another practice, its buddy), links the
// buddies and checks the ODS codes. Then, on every core, each practice is
// read in full, linked, checked against the governance rules and
// rendered; its files are written, and all that is kept of it is what the
// shared pages show (slim). Last come the top pages and the organisations'
// and courses' pages, with the lists on them of what uses them.
//
// Memory holds the shared records, what is kept of each practice, and the
// practices being rendered: not every practice's records at once. The
// files written are those Render makes, byte for byte, and the errors
// those it reports; with one difference. When a practice has a mistake,
// practices rendered before it was read may add mistakes in their pages
// (a broken template) that Render, which reads every practice before
// rendering any, would not have got to.
func (b *Builder) runStreamed(ctx context.Context, dest string) (Result, error) {
	opt := b.opt
	b.today = opt.Today
	if opt.GCHeadroom > 0 {
		// From the start: reading the shared records and every
		// practice.toml and parsing the templates allocate several times
		// the few megabytes live then, and would be collected again and
		// again.
		defer keepHeadroom(opt.GCHeadroom, streamGOGC)()
	}
	parse := b.parseAhead()
	joinHistory := b.readHistory()
	defer joinHistory()
	if err := b.readShared(); err != nil {
		return Result{}, err
	}
	headers, errs := readHeaders(b.fsys, b.ids)
	errs = append(slices.Clone(b.sharedErrs), errs...)
	h := *b.shared
	h.Practices = nil
	for _, p := range headers {
		if p != nil {
			h.Practices = append(h.Practices, p)
		}
	}
	if len(h.Practices) == len(b.ids) {
		errs.Append(asList(link.New(&h).Buddies()))
	}
	// A practice's pages show of its buddy practice only its name, ODS
	// code and sites: point it at a new record of just those, so that it
	// keeps none of the buddy's records, and the buddy's own linking does
	// not touch what the practice's pages read.
	for _, p := range h.Practices {
		if bp := p.BuddyPractice; bp != nil {
			p.BuddyPractice = &site.Practice{Source: site.Source{File: bp.File}, ID: bp.ID, ODS: bp.ODS,
				Name: bp.Name, ICB: bp.ICB, PCN: bp.PCN, Sites: bp.Sites}
		}
	}
	joinHistory()
	h.LastChanged = b.lastChanged
	if err := errs.Err(); err != nil {
		// Read and link every practice all the same, to report every
		// mistake in one go, as Render does.
		errs.Append(checkRest(b.fsys, &h))
		return Result{}, errs.Err()
	}
	if err := parse(&h); err != nil {
		return Result{}, err
	}
	// Links within a practice need only the shared records to hand.
	linker := link.New(&site.Handbook{Organisations: h.Organisations, Courses: h.Courses})
	sharedFindings := govern.Shared(&h, b.today)
	// Where each practice is in h.Practices, by id: not by pointer, which
	// would keep every practice's records to the end.
	place := make(map[string]int, len(h.Practices))
	for i, p := range h.Practices {
		place[p.ID] = i
	}
	var mu sync.Mutex // guards findings, h.Practices and kept
	findings := site.TallyOf(sharedFindings)
	kept := make([]keptRecords, len(h.Practices))
	feed := &render.Feed{
		Open: func(p *site.Practice) error {
			var errs site.ErrorList
			errs.Append(asList(load.Rest(b.fsys, p)))
			errs.Append(asList(linker.Practice(p)))
			if err := errs.Err(); err != nil {
				return err
			}
			linker.Uses(p)
			govern.Practice(&h, p, b.today, sharedFindings)
			return nil
		},
		Close: func(p *site.Practice) {
			s, k, own := slim(p)
			mu.Lock()
			i := place[p.ID]
			h.Practices[i], kept[i] = s, k
			for sev, n := range own {
				findings[sev] += n
			}
			mu.Unlock()
		},
		Shared: func() error {
			for i, p := range h.Practices {
				kept[i].restore(p)
			}
			kept = nil
			link.New(&h).BackLinks()
			h.Findings = sharedFindings
			return nil
		},
	}

	res := Result{Practices: len(h.Practices), Destination: dest, Shallow: b.shallow, HistoryErr: b.historyErr}
	done := 0
	err := publish.Stream(ctx, publish.Options{Destination: dest, Source: opt.Source}, func(w *publish.Writer) error {
		return b.renderer.Stream(ctx, &h, nil, feed, func(batch render.Batch) error {
			var size int64
			for _, f := range batch.Files {
				if err := w.Write(f); err != nil {
					return err
				}
				size += int64(len(f.Data))
			}
			mu.Lock()
			defer mu.Unlock()
			res.Files += len(batch.Files)
			res.Pages += batch.Pages
			res.Bytes += size
			if batch.Practice != nil {
				done++
			}
			if opt.Progress != nil {
				opt.Progress(Progress{Practices: done, Total: res.Practices, Pages: res.Pages})
			}
			return nil
		}, w.Read)
	})
	if err != nil {
		return Result{}, err
	}
	res.Findings = findings
	return res, nil
}

// readHeaders reads the practice.toml of the practices ids, on every core,
// with the mistakes in them. A practice that could not be read is nil.
func readHeaders(fsys fs.FS, ids []string) ([]*site.Practice, site.ErrorList) {
	headers := make([]*site.Practice, len(ids))
	errs := make([]site.ErrorList, len(ids))
	par.Each(len(ids), func(i int) {
		p, err := load.Header(fsys, ids[i])
		headers[i], errs[i] = p, asList(err)
	})
	var all site.ErrorList
	for _, e := range errs {
		all.Append(e)
	}
	return headers, all
}

// checkRest reads and links the rest of the practices of h, for their
// mistakes.
func checkRest(fsys fs.FS, h *site.Handbook) site.ErrorList {
	linker := link.New(&site.Handbook{Organisations: h.Organisations, Courses: h.Courses})
	errs := make([]site.ErrorList, len(h.Practices))
	par.Each(len(h.Practices), func(i int) {
		p := h.Practices[i]
		errs[i].Append(asList(load.Rest(fsys, p)))
		errs[i].Append(asList(linker.Practice(p)))
	})
	var all site.ErrorList
	for _, e := range errs {
		all.Append(e)
	}
	return all
}

// asList is err as a site.ErrorList: empty for nil, and for an error of
// another kind, one error naming no file.
func asList(err error) site.ErrorList {
	var list site.ErrorList
	if err == nil || errors.As(err, &list) {
		return list
	}
	list.Add(site.Pos{}, "", "%v", err)
	return list
}

// slim is what the shared pages show of practice p, once its own pages
// are made: what practice.toml says and how many findings it has, with
// its services and runbooks by name in k, to be put back by k.restore
// once every practice is rendered. It holds nothing of p's people, pages,
// reviews or exercises, so that p's records can go. own counts p's own
// findings, not those on shared records among them.
//
// What is kept is kept small, as the garbage collector goes over all of
// it each time it runs while the practices are rendered:
//   - The shared pages and the handbook's JSON only count a practice's
//     findings by severity, so each of its own findings is kept as one of
//     three shared records that say only a severity (severityOnly). The
//     findings on shared records are kept as they are.
//   - Services and runbooks are kept as keptRecords, not as records: a
//     record has every field of its file.
func slim(p *site.Practice) (s *site.Practice, k keptRecords, own site.Tally) {
	s = &site.Practice{
		Source: site.Source{File: p.File}, ID: p.ID, ODS: p.ODS, Name: p.Name, ICB: p.ICB, PCN: p.PCN,
		ListSize: p.ListSize, ClinicalSystem: p.ClinicalSystem, Buddy: p.Buddy,
		Agreement: p.Agreement, DSPT: p.DSPT, Sites: p.Sites,
		ICBOrg: p.ICBOrg, PCNOrg: p.PCNOrg, BuddyOrg: p.BuddyOrg, Suppliers: p.Suppliers,
		Findings: make([]*site.Finding, len(p.Findings)),
	}
	for i, f := range p.Findings {
		if f.Practice == nil {
			s.Findings[i] = f
		} else {
			s.Findings[i] = &severityOnly[f.Severity]
			own[f.Severity]++
		}
	}
	c := p.Continuity
	s.Continuity = site.ContinuityPlan{Version: c.Version, Owner: c.Owner, Reviewed: c.Reviewed,
		NextReview: c.NextReview, Approval: c.Approval, KeyContacts: c.KeyContacts,
		KeyContactOrgs: c.KeyContactOrgs, Premises: c.Premises}
	k.services = make([]keptService, len(p.Services))
	for i, sv := range p.Services {
		k.services[i] = keptService{id: sv.ID, name: sv.Name, plainName: sv.PlainName, category: sv.Category,
			supplier: sv.Support.SupplierOrg, desk: sv.Support.DeskOrg}
	}
	k.runbooks = make([]keptRunbook, len(p.Runbooks))
	for i, rb := range p.Runbooks {
		r := keptRunbook{id: rb.ID, title: rb.Title, scenario: rb.Scenario}
		for _, e := range rb.Escalation {
			if e.ContactOrg != nil {
				r.contacts = append(r.contacts, keptContact{e.Contact, e.ContactOrg})
			}
		}
		k.runbooks[i] = r
	}
	if p.Roles != nil {
		s.Roles = &site.RoleList{Source: site.Source{File: p.Roles.File}}
		for _, ra := range p.Roles.Roles {
			if ra.OrgRef != nil {
				s.Roles.Roles = append(s.Roles.Roles, &site.RoleAssignment{Role: ra.Role,
					Organisation: ra.Organisation, Contact: ra.Contact, OrgRef: ra.OrgRef})
			}
		}
	}
	if p.Training != nil {
		s.Training = &site.Training{Source: site.Source{File: p.Training.File}}
		for _, req := range p.Training.Requirements {
			if req.CourseRef != nil {
				s.Training.Requirements = append(s.Training.Requirements, site.Requirement{Course: req.Course, CourseRef: req.CourseRef})
			}
		}
	}
	return s, k, own
}

// severityOnly are the findings slim keeps of a practice: one for each
// severity, saying nothing else.
var severityOnly = [...]site.Finding{site.Info: {Severity: site.Info},
	site.Warning: {Severity: site.Warning}, site.Critical: {Severity: site.Critical}}

// keptRecords are a practice's services and runbooks as slim keeps them:
// what the shared pages show of them, and what links them to the
// organisations they use.
type keptRecords struct {
	services []keptService
	runbooks []keptRunbook
}

type keptService struct {
	id, name, plainName, category string
	supplier, desk                *site.Organisation
}

type keptRunbook struct {
	id, title, scenario string
	contacts            []keptContact // the escalation steps that ring an organisation
}

type keptContact struct {
	name string
	org  *site.Organisation
}

// restore gives p, as slim made it, its services and runbooks back as
// records.
func (k keptRecords) restore(p *site.Practice) {
	services := make([]site.Service, len(k.services))
	p.Services = make([]*site.Service, len(k.services))
	for i, sv := range k.services {
		services[i] = site.Service{ID: sv.id, Name: sv.name, PlainName: sv.plainName, Category: sv.category,
			Practice: p, Support: site.Support{SupplierOrg: sv.supplier, DeskOrg: sv.desk}}
		p.Services[i] = &services[i]
	}
	runbooks := make([]site.Runbook, len(k.runbooks))
	p.Runbooks = make([]*site.Runbook, len(k.runbooks))
	for i, rb := range k.runbooks {
		r := &runbooks[i]
		*r = site.Runbook{ID: rb.id, Title: rb.title, Scenario: rb.scenario, Practice: p}
		for _, c := range rb.contacts {
			r.Escalation = append(r.Escalation, site.Escalation{Contact: c.name, ContactOrg: c.org})
		}
		p.Runbooks[i] = r
	}
}
