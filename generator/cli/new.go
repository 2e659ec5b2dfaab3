package cli

import (
	"bytes"
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
		return usage("say what to make: one of %s, or a site", strings.Join(scaffold.Kinds(), ", "))
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
		if h := site.Suggest(kind, scaffold.Kinds()); h != "" {
			return usage("there is no record type %q (%s)", kind, h)
		}
		return usage("there is no record type %q: choose one of %s", kind, strings.Join(scaffold.Kinds(), ", "))
	}
	if len(args) != 2 {
		return usage("new %s takes one id, the name of the new file without its extension", kind)
	}
	s, err := readSite(o.source)
	if err != nil {
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder, the one holding handbook.toml")
		return ExitError
	}
	id := args[1]
	if code := checkID(env, kind, id); code != ExitOK {
		return code
	}
	var dir, header string
	refs := s.sharedRefs()
	if kind == "organisation" || kind == "course" {
		dir, header = filepath.Join("content", folders[kind]), "../../schemas/"+kind+".schema.json"
	} else {
		pr, code := s.pickPractice(env, o.practice)
		if code != ExitOK {
			return code
		}
		dir, header = filepath.Join("content", pr, folders[kind]), "../../../schemas/"+kind+".schema.json"
		for k, v := range s.practiceRefs(pr) {
			refs[k] = v
		}
	}
	ext := ".toml"
	if kind == "page" {
		ext, header = ".md", ""
	}
	data, err := scaffold.Record(kind, scaffold.Options{Today: o.today, Refs: refs, Header: header})
	if err != nil {
		errorf(env, "%v", err)
		return ExitError
	}
	if kind == "page" {
		data = append(append([]byte("+++\n"), data...), []byte("+++\n\n# TO DO: the page's first heading\n\nWrite the page here, in Markdown.\n")...)
	}
	file := filepath.Join(dir, id+ext)
	if code := writeNew(env, o.source, []newFile{{file, data}}); code != ExitOK {
		return code
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: fill in the lines marked TO DO, then run handbook check.\n", filepath.ToSlash(file))
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
	s, err := readSite(o.source)
	if err != nil {
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder, the one holding handbook.toml")
		return ExitError
	}
	id := cmpOr(o.id, register.IDOf(name))
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
	desk := cmpOr(s.firstOrg("icb-service"), icb)
	clinical := map[string]string{"emis-web": "EMIS Web", "systmone": "SystmOne"}[o.clinical]
	if clinical == "" {
		errorf(env, "--clinical-system %q is not emis-web or systmone", o.clinical)
		return ExitUsage
	}
	manager := cmpOr(o.manager, "TO DO: the practice manager's name")
	managerID := "practice-manager"
	if o.manager != "" {
		managerID = cmpOr(register.IDOf(o.manager), managerID)
	}
	refs := s.sharedRefs()
	refs["person"], refs["service"] = managerID, o.clinical
	opt := func(header string, values map[string]any) scaffold.Options {
		return scaffold.Options{Today: o.today, Refs: refs, Values: values, Header: header}
	}
	dir := filepath.Join("content", id)
	var files []newFile
	add := func(file, kind string, o scaffold.Options) error {
		data, err := scaffold.Record(kind, o)
		files = append(files, newFile{filepath.Join(dir, file), data})
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
		add("practice.toml", "practice", opt("../../schemas/practice.schema.json", map[string]any{
			"ods": ods, "name": name, "icb": icb, "pcn": pcn, "clinical_system": o.clinical,
			"practice_agreement.version": "TO DO: the ICB practice agreement you signed, such as \"ICB Practice Agreement, Version 3 (May 2026)\"",
			"continuity.version":         "0.1 (draft)",
		})),
		add("roles.toml", "roles", opt("../../schemas/roles.schema.json", map[string]any{
			"roles.0.role": "business-continuity-lead", "roles.0.holder": managerID})),
		add("training.toml", "training", opt("../../schemas/training.schema.json", training)),
		add("people/"+managerID+".toml", "person", opt("../../../schemas/person.schema.json", map[string]any{
			"name": manager, "job_title": "Practice manager", "staff_group": "practice-manager", "status": "active"})),
		add("services/"+o.clinical+".toml", "service", opt("../../../schemas/service.schema.json", map[string]any{
			"name": clinical, "plain_name": "The clinical system: patient records and appointments",
			"category": "clinical-system", "criticality": "critical", "provision": "icb-provided", "support.desk": desk,
			"data.categories": []string{"patient-health", "patient-identifiable"}})),
	} {
		if err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
	}
	if code := writeNew(env, o.source, files); code != ExitOK {
		return code
	}
	fmt.Fprintf(env.Stdout, "Wrote %s/ for %s: practice.toml, roles.toml, training.toml, the practice manager and %s.\n",
		filepath.ToSlash(dir), name, clinical)
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
	var files []newFile
	add := func(file string, data []byte) { files = append(files, newFile{filepath.FromSlash(file), data}) }
	record := func(file, kind string, values map[string]any) error {
		header := "../../schemas/" + kind + ".schema.json"
		if kind == "handbook" {
			header = "schemas/handbook.schema.json"
		}
		data, err := scaffold.Record(kind, scaffold.Options{Today: o.today, Values: values, Header: header})
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
	if code := writeNew(env, dir, files); code != ExitOK {
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
func editorFiles() []newFile {
	var files []newFile
	names, _ := fs.Glob(schemas.FS, "*.schema.json")
	for _, n := range names {
		data, _ := schemas.FS.ReadFile(n) // embedded: it is there
		files = append(files, newFile{filepath.Join(pipeline.SchemasDir, n), data})
	}
	return append(files,
		newFile{filepath.FromSlash(schemas.TaploFile), []byte(schemas.TaploConfig())},
		newFile{filepath.FromSlash(schemas.ExtensionsFile), []byte(schemas.Extensions)})
}

// newSchemas writes the editor's files into the site at source, in place
// of those there: after an upgrade of handbook, the site's copies of the
// schemas are the old program's, and an editor would check against them.
// They are handbook's files, not the practice's: nobody writes in them.
func newSchemas(env Env, source string) int {
	if _, err := readSite(source); err != nil {
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder, the one holding handbook.toml")
		return ExitError
	}
	changed := 0
	for _, f := range editorFiles() {
		p := filepath.Join(source, f.path)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.data) {
			continue
		}
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = replaceFile(p, f.data)
		}
		if err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", filepath.ToSlash(f.path))
		changed++
	}
	if changed == 0 {
		fmt.Fprintln(env.Stdout, "The schemas and the editor's settings are this handbook's already: nothing written.")
	}
	return ExitOK
}

type newFile struct {
	path string
	data []byte
}

// writeNew writes files under the site folder, none of which may exist,
// and no file at all when one does.
func writeNew(env Env, source string, files []newFile) int {
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(source, f.path)); !errors.Is(err, fs.ErrNotExist) {
			errorf(env, "%s exists: handbook new never overwrites a file", filepath.ToSlash(f.path))
			hintf(env, "choose another id, or edit the file you have")
			return ExitError
		}
	}
	for _, f := range files {
		p := filepath.Join(source, f.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
		// O_EXCL: a file made since the check above is not overwritten.
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, err = out.Write(f.data)
			err = errors.Join(err, out.Close())
		}
		if err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
	}
	return ExitOK
}

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

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// siteIndex is what new needs to know of a site: the ids of its shared
// records and of each practice's, to write references that resolve.
type siteIndex struct {
	fsys      fs.FS
	orgs      []register.Record
	courses   []register.Record
	practices []string
}

// readSite lists the records of the site at source (register.ReadRecords),
// which need not build.
func readSite(source string) (*siteIndex, error) {
	if _, err := os.Stat(filepath.Join(source, "handbook.toml")); err != nil {
		return nil, fmt.Errorf("%s is not a handbook site: it has no handbook.toml", source)
	}
	fsys, err := pipeline.Dir(source)
	if err != nil {
		return nil, err
	}
	s := &siteIndex{fsys: fsys, orgs: register.ReadRecords(fsys, "content/organisations"),
		courses: register.ReadRecords(fsys, "content/courses")}
	entries, _ := fs.ReadDir(fsys, "content")
	for _, e := range entries {
		if e.IsDir() && e.Name() != "organisations" && e.Name() != "courses" && site.ValidID(e.Name()) {
			s.practices = append(s.practices, e.Name())
		}
	}
	return s, nil
}

// sharedRefs are the organisation and course a new record refers to when
// it must: the ICB's service desk (or the ICB), and the data security
// course (or the first).
func (s *siteIndex) sharedRefs() map[string]string {
	refs := map[string]string{}
	if o := cmpOr(s.firstOrg("icb-service"), s.firstOrg("icb")); o != "" {
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

// pickPractice is the practice a new record belongs to: the one named, or
// the site's only one.
func (s *siteIndex) pickPractice(env Env, named string) (string, int) {
	switch {
	case named != "" && slices.Contains(s.practices, named):
		return named, ExitOK
	case named != "":
		errorf(env, "the site has no practice %q", named)
		hintf(env, "%s", cmpOr(site.Suggest(named, s.practices), "the practices are "+strings.Join(s.practices, ", ")))
		return "", ExitUsage
	case len(s.practices) == 1:
		return s.practices[0], ExitOK
	case len(s.practices) == 0:
		errorf(env, "the site has no practice yet")
		hintf(env, `make one first with handbook new practice ODS-CODE "Name"`)
		return "", ExitError
	}
	errorf(env, "say which practice the new record belongs to")
	hintf(env, "add --practice, one of %s", strings.Join(s.practices, ", "))
	return "", ExitUsage
}

// pickOrg is the organisation of kind a new practice names: the one given
// with flag, or the site's only one.
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
