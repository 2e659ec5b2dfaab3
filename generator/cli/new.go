package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/schemas"
)

// folders are where each record type of a practice lives, under
// content/<practice>/; organisations and courses are shared.
var folders = map[string]string{
	"person": "people", "service": "services", "runbook": "runbooks", "exercise": "exercises",
	"incident": "incidents", "change": "changes", "asset": "assets", "review": "reviews", "page": "pages",
	"organisation": "organisations", "course": "courses",
}

// newKinds are what new writes: a practice, a record of every type kept
// in a folder, a site, and the editor's files of a site. roles.toml and
// training.toml come with new practice, one of each a practice.
func newKinds() []string {
	var kinds []string
	for _, k := range scaffold.Kinds() {
		if _, ok := folders[k]; ok || k == "practice" {
			kinds = append(kinds, k)
		}
	}
	return append(kinds, "site", "schemas")
}

// kindList writes newKinds for a sentence: "one of practice, …, site or
// schemas".
func kindList() string {
	k := newKinds()
	return "one of " + strings.Join(k[:len(k)-1], ", ") + " or " + k[len(k)-1]
}

type newOptions struct {
	source, practice, icb, pcn, id, manager, clinical string
	today                                             site.Date
}

func newFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var o newOptions
	fs.StringVar(&o.source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.StringVar(&o.practice, "practice", "", "the practice `id` (its folder under content/) a new record belongs to; needed when the site has more than one")
	fs.StringVar(&o.id, "id", "", "new practice: the folder `name` under content/ (default: from the practice's name)")
	fs.StringVar(&o.icb, "icb", "", "new practice: the `organisation` id of its ICB (default: the site's only ICB); new site: the ICB's name, such as \"NHS West Yorkshire ICB\"")
	fs.StringVar(&o.pcn, "pcn", "", "new practice: the `organisation` id of its PCN (default: the site's only PCN); new site: the PCN's name")
	fs.StringVar(&o.manager, "manager", "", "new practice: the practice manager's `name`, written as a person of the practice")
	fs.StringVar(&o.clinical, "clinical-system", "emis-web", "new practice: its clinical `system`, emis-web or systmone")
	fs.Var(dateFlag{&o.today}, "today", "date the new records as of this `date`, written YYYY-MM-DD")
	return func(ctx context.Context, env Env) int {
		args, ok := positional(env, fs, "new")
		if !ok {
			return ExitUsage
		}
		if o.today.IsZero() {
			o.today = site.DateOf(env.Now())
		}
		return runNew(env, o, args)
	}
}

func runNew(env Env, o newOptions, args []string) int {
	usage := func(format string, a ...any) int {
		errorf(env, format, a...)
		hintf(env, `write handbook new KIND ID, such as handbook new service docman, or handbook new practice Y90001 "Oakfield Surgery"`)
		return ExitUsage
	}
	if len(args) == 0 {
		return usage("say what to make: %s", kindList())
	}
	kind := args[0]
	if kind == "site" {
		if len(args) != 3 {
			return usage(`new site takes a folder and the handbook's title, such as handbook new site oakfield-handbook "Oakfield Surgery digital handbook"`)
		}
		return newSite(env, o, args[1], args[2])
	}
	if kind == "schemas" {
		if len(args) != 1 {
			return usage("new schemas takes no id: it writes the schemas and the editor's settings into the site folder")
		}
		return newSchemas(env, o.source)
	}
	if kind == "practice" {
		if len(args) != 3 {
			return usage(`new practice takes the ODS code and the name, such as handbook new practice Y90001 "Oakfield Surgery"`)
		}
		return newPractice(env, o, args[1], args[2])
	}
	if _, ok := folders[kind]; !ok {
		if h := site.Suggest(kind, newKinds()); h != "" {
			return usage("there is no record type %q (%s)", kind, h)
		}
		return usage("there is no record type %q: choose %s", kind, kindList())
	}
	if len(args) != 2 {
		return usage("new %s takes one id, the name of the new file without its extension", kind)
	}
	s, code := openSite(env, o.source)
	if code != ExitOK {
		return code
	}
	id := args[1]
	if code := checkID(env, kind, id); code != ExitOK {
		return code
	}
	var dir string
	refs := s.sharedRefs()
	if kind == "organisation" || kind == "course" {
		dir = path.Join("content", folders[kind])
	} else {
		pr, code := s.choosePractice(env, o.practice, "the new record belongs to")
		if code != ExitOK {
			return code
		}
		dir = path.Join("content", pr, folders[kind])
		for k, v := range s.practiceRefs(pr) {
			refs[k] = v
		}
	}
	file, header := path.Join(dir, id+".toml"), ""
	if kind == "page" {
		file = path.Join(dir, id+".md") // front matter has no #:schema line
	} else {
		header = site.SchemaHeader(file, kind)
	}
	data, err := scaffold.Record(kind, scaffold.Options{Today: o.today, Refs: refs, Header: header})
	if err != nil {
		errorf(env, "%v", err)
		return ExitError
	}
	if kind == "page" {
		data = append(append([]byte("+++\n"), data...), []byte("+++\n\n# TO DO: the page's first heading\n\nWrite the page here, in Markdown.\n")...)
	}
	if code := writeFiles(env, o.source, "new", newHint, []register.File{{Path: file, Data: data}}); code != ExitOK {
		return code
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: fill in the lines marked TO DO, then run handbook check.\n", file)
	return ExitOK
}

// newPractice writes a practice that builds at once: its practice.toml,
// roles.toml and training.toml, its practice manager and its clinical
// system.
func newPractice(env Env, o newOptions, ods, name string) int {
	if !odsCode(ods) {
		errorf(env, "%q is not an ODS code", ods)
		hintf(env, `an ODS code is a capital letter and five digits, such as Y90001: the practice's code in the NHS directory`)
		return ExitUsage
	}
	if strings.TrimSpace(name) == "" {
		errorf(env, "the practice's name is empty")
		return ExitUsage
	}
	s, code := openSite(env, o.source)
	if code != ExitOK {
		return code
	}
	id := cmp.Or(o.id, register.IDOf(name))
	if code := checkID(env, "practice", id); code != ExitOK {
		return code
	}
	icb, code := s.pickOrg(env, "icb", o.icb, "--icb")
	if code != ExitOK {
		return code
	}
	pcn, code := s.pickOrg(env, "pcn", o.pcn, "--pcn")
	if code != ExitOK {
		return code
	}
	desk := cmp.Or(s.firstOrg("icb-service"), icb)
	clinical := map[string]string{"emis-web": "EMIS Web", "systmone": "SystmOne"}[o.clinical]
	if clinical == "" {
		errorf(env, "--clinical-system %q is not emis-web or systmone", o.clinical)
		return ExitUsage
	}
	manager := cmp.Or(o.manager, "TO DO: the practice manager's name")
	managerID := "practice-manager"
	if o.manager != "" {
		managerID = cmp.Or(register.IDOf(o.manager), managerID)
	}
	refs := s.sharedRefs()
	refs["person"], refs["service"] = managerID, o.clinical
	dir := path.Join("content", id)
	var files []register.File
	add := func(file, kind string, values map[string]any) error {
		file = path.Join(dir, file)
		data, err := scaffold.Record(kind, scaffold.Options{Today: o.today, Refs: refs, Values: values, Header: site.SchemaHeader(file, kind)})
		files = append(files, register.File{Path: file, Data: data})
		return err
	}
	course := s.firstCourse()
	training := map[string]any{"needs_analysis.by": managerID, "requirements.0.everyone": true}
	if course == "" {
		errorf(env, "the site has no training course in content/courses/, which training.toml must require")
		hintf(env, "add one with handbook new course data-security-awareness, then run this again")
		return ExitError
	}
	training["requirements.0.course"] = course
	for _, err := range []error{
		add("practice.toml", "practice", map[string]any{
			"ods": ods, "name": name, "icb": icb, "pcn": pcn, "clinical_system": o.clinical,
			"practice_agreement.version": "TO DO: the ICB practice agreement you signed, such as \"ICB Practice Agreement, Version 3 (May 2026)\"",
			"continuity.version":         "0.1 (draft)",
		}),
		add("roles.toml", "roles", map[string]any{
			"roles.0.role": "business-continuity-lead", "roles.0.holder": managerID}),
		add("training.toml", "training", training),
		add("people/"+managerID+".toml", "person", map[string]any{
			"name": manager, "job_title": "Practice manager", "staff_group": "practice-manager", "status": "active"}),
		add("services/"+o.clinical+".toml", "service", map[string]any{
			"name": clinical, "plain_name": "The clinical system: patient records and appointments",
			"category": "clinical-system", "criticality": "critical", "provision": "icb-provided", "support.desk": desk,
			"data.categories": []string{"patient-health", "patient-identifiable"}}),
	} {
		if err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
	}
	if code := writeFiles(env, o.source, "new", newHint, files); code != ExitOK {
		return code
	}
	fmt.Fprintf(env.Stdout, "Wrote %s/ for %s: practice.toml, roles.toml, training.toml, the practice manager and %s.\n",
		dir, name, clinical)
	fmt.Fprintf(env.Stdout, "Next: fill in the lines marked TO DO, run handbook check and work down its findings, most serious first;\n"+
		"add the register from a spreadsheet with handbook import, or one service at a time with handbook new service ID --practice %s.\n", id)
	return ExitOK
}

// newSite writes a site of its own into the folder dir: handbook.toml,
// the schemas and the editor's settings, the ICB and PCN named by --icb
// and --pcn, and the national data security course every practice's
// training requires, with its provider. It holds no practice yet: that
// is handbook new practice, run in dir.
func newSite(env Env, o newOptions, dir, title string) int {
	if strings.TrimSpace(title) == "" {
		errorf(env, "the handbook's title is empty")
		hintf(env, `write handbook new site FOLDER "Title", such as handbook new site oakfield-handbook "Oakfield Surgery digital handbook"`)
		return ExitUsage
	}
	if _, err := os.Stat(filepath.Join(dir, "handbook.toml")); err == nil {
		errorf(env, "%s is a handbook site already: it has a handbook.toml", filepath.ToSlash(dir))
		hintf(env, `add a practice to it with handbook new practice ODS-CODE "Name" --source %s`, filepath.ToSlash(dir))
		return ExitError
	}
	var files []register.File
	add := func(file string, data []byte) { files = append(files, register.File{Path: file, Data: data}) }
	record := func(file, kind string, values map[string]any) error {
		data, err := scaffold.Record(kind, scaffold.Options{Today: o.today, Values: values, Header: site.SchemaHeader(file, kind)})
		add(file, data)
		return err
	}
	files = append(files, editorFiles()...)
	add(".gitignore", []byte("# The built handbook: handbook build writes it again from content/.\n/public/\n"))
	errs := []error{
		record("handbook.toml", "handbook", map[string]any{"title": title}),
		record("content/organisations/nhse-elfh.toml", "organisation", map[string]any{
			"name": "NHS England e-Learning for Healthcare", "kind": "national",
			"description": "The national e-learning platform for NHS staff (e-LfH), with Data Security Awareness Level 1."}),
		record("content/courses/data-security-awareness.toml", "course", map[string]any{
			"title": "Data Security Awareness Level 1", "provider": "nhse-elfh",
			"delivery": "e-learning, with assessment", "validity_months": 12,
			"description": "Annual training for every member of staff, locums included. Counts towards the DSPT's target of 95% of staff trained."}),
	}
	for _, org := range []struct{ kind, name string }{{"icb", o.icb}, {"pcn", o.pcn}} {
		if org.name == "" {
			continue
		}
		id := register.IDOf(org.name)
		if id == "" {
			errorf(env, "--%s %q has no letters or digits to make an id of", org.kind, org.name)
			return ExitUsage
		}
		errs = append(errs, record("content/organisations/"+id+".toml", "organisation", map[string]any{"name": org.name, "kind": org.kind}))
	}
	if err := errors.Join(errs...); err != nil {
		errorf(env, "%v", err)
		return ExitError
	}
	if code := writeFiles(env, dir, "new", newHint, files); code != ExitOK {
		return code
	}
	fmt.Fprintf(env.Stdout, "Wrote %s/ for %s: handbook.toml, the schemas and editor settings, and content/ with the data security course", filepath.ToSlash(dir), title)
	if o.icb != "" || o.pcn != "" {
		fmt.Fprint(env.Stdout, ", the ICB and the PCN")
	}
	fmt.Fprintf(env.Stdout, ".\nNext: cd %s, then handbook new practice ODS-CODE \"Name\"", filepath.ToSlash(dir))
	if o.icb == "" || o.pcn == "" {
		fmt.Fprint(env.Stdout, " (first add the ICB and PCN: handbook new organisation ID, with kind = \"icb\" or \"pcn\")")
	}
	fmt.Fprintln(env.Stdout, ".")
	return ExitOK
}

// editorFiles are the files that let an editor check the records as they
// are typed: this handbook's schemas, Taplo's settings, and VS Code's
// recommendation of the extension that reads them.
func editorFiles() []register.File {
	var files []register.File
	names, _ := fs.Glob(schemas.FS, "*.schema.json")
	for _, n := range names {
		data, _ := schemas.FS.ReadFile(n) // embedded: it is there
		files = append(files, register.File{Path: path.Join(pipeline.SchemasDir, n), Data: data})
	}
	return append(files,
		register.File{Path: schemas.TaploFile, Data: []byte(schemas.TaploConfig())},
		register.File{Path: schemas.ExtensionsFile, Data: []byte(schemas.Extensions)})
}

// newSchemas writes the editor's files into the site at source, in place
// of those there: after an upgrade of handbook, the site's copies of the
// schemas are the old program's, and an editor would check against them.
// They are handbook's files, not the practice's: nobody writes in them.
func newSchemas(env Env, source string) int {
	if _, code := openSite(env, source); code != ExitOK {
		return code
	}
	changed := 0
	for _, f := range editorFiles() {
		p := filepath.Join(source, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = replaceFile(p, f.Data)
		}
		if err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", f.Path)
		changed++
	}
	if changed == 0 {
		fmt.Fprintln(env.Stdout, "The schemas and the editor's settings are this handbook's already: nothing written.")
	}
	return ExitOK
}

// newHint is what to do when a file new would write exists.
const newHint = "choose another id, or edit the file you have"

func checkID(env Env, kind, id string) int {
	if !site.ValidID(id) {
		errorf(env, "%q is not an id", id)
		hintf(env, "an id is a file name without its extension: lower-case letters, digits and single hyphens, such as docman or kdavies")
		return ExitUsage
	}
	if page := site.ReservedID(kind, id); page != "" {
		errorf(env, "the id %q is taken by %s", id, page)
		hintf(env, "choose another id")
		return ExitUsage
	}
	return ExitOK
}

// odsCode reports whether s is written as an ODS code of a GP practice.
func odsCode(s string) bool {
	if len(s) != 6 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// sharedRefs are the organisation and course a new record refers to when
// it must: the ICB's service desk (or the ICB), and the data security
// course (or the first).
func (s *siteIndex) sharedRefs() map[string]string {
	refs := map[string]string{}
	if o := cmp.Or(s.firstOrg("icb-service"), s.firstOrg("icb")); o != "" {
		refs["organisation"] = o
	} else if len(s.orgs) > 0 {
		refs["organisation"] = s.orgs[0].ID
	}
	if c := s.firstCourse(); c != "" {
		refs["course"] = c
	}
	return refs
}

func (s *siteIndex) firstOrg(kind string) string {
	for _, o := range s.orgs {
		if o.Kind == kind {
			return o.ID
		}
	}
	return ""
}

func (s *siteIndex) firstCourse() string {
	for _, c := range s.courses {
		if strings.Contains(c.ID, "data-security") {
			return c.ID
		}
	}
	if len(s.courses) > 0 {
		return s.courses[0].ID
	}
	return ""
}

// practiceRefs are the records of practice pr a new record refers to when
// it must: its practice manager (or its first active person), its
// clinical system (or its first service), its first runbook.
func (s *siteIndex) practiceRefs(pr string) map[string]string {
	refs := map[string]string{}
	dir := path.Join("content", pr)
	for _, pe := range register.ReadRecords(s.fsys, path.Join(dir, "people")) {
		if pe.Leaver {
			continue
		}
		if refs["person"] == "" || pe.StaffGroup == "practice-manager" {
			refs["person"] = pe.ID
		}
		if pe.StaffGroup == "practice-manager" {
			break
		}
	}
	var practice struct {
		ClinicalSystem string `toml:"clinical_system"`
	}
	if data, err := fs.ReadFile(s.fsys, path.Join(dir, "practice.toml")); err == nil {
		toml.Decode(string(data), &practice) // what it can: the site need not build
	}
	services := register.ReadRecords(s.fsys, path.Join(dir, "services"))
	switch {
	case slices.ContainsFunc(services, func(r register.Record) bool { return r.ID == practice.ClinicalSystem }):
		refs["service"] = practice.ClinicalSystem
	case len(services) > 0:
		refs["service"] = services[0].ID
	}
	if rbs := register.ReadRecords(s.fsys, path.Join(dir, "runbooks")); len(rbs) > 0 {
		refs["runbook"] = rbs[0].ID
	}
	return refs
}

func (s *siteIndex) pickOrg(env Env, kind, named, flag string) (string, int) {
	var ids []string
	for _, o := range s.orgs {
		if o.Kind == kind {
			ids = append(ids, o.ID)
		}
	}
	switch {
	case named != "" && slices.Contains(ids, named):
		return named, ExitOK
	case named != "":
		errorf(env, "%s %q is not an organisation of kind %s in content/organisations/", flag, named, kind)
	case len(ids) == 1:
		return ids[0], ExitOK
	case len(ids) == 0:
		errorf(env, "the site has no organisation of kind %s for the new practice's %s", kind, strings.ToUpper(kind))
		hintf(env, "add it first with handbook new organisation ID, and set kind = %q in it", kind)
		return "", ExitError
	default:
		errorf(env, "the site has %d organisations of kind %s: say which is the new practice's", len(ids), kind)
	}
	hintf(env, "add %s with one of %s", flag, strings.Join(ids, ", "))
	return "", ExitUsage
}
