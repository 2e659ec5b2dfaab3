// Package generator holds the packages of the handbook command. A build
// is one pipeline, which package pipeline wires:
//
//	content/, handbook.toml ──▶ load ──▶ link ──▶ govern ──▶ render ──▶ a sink
//	                             │                             export ──┘
//	                  validate ──┘ (each record against its schema)
//
// The stages import only site, and libraries of their own; none imports
// another, and none calls back into the pipeline (deps_test.go holds the
// rule for every package). For each practice, on every core, the pipeline
// reads its folder (load, checking each record with validate), resolves
// its references (link), applies the governance rules (govern), renders
// its pages (render) and its exports (export), and puts them to the sink,
// keeping a summary of the practice (site.Summary). From the summaries it
// then renders the pages outside every practice's folder. The commands
// differ only in the sink: publish writes the files (build), Chromium
// prints the documents made for paper before they are written (pdf),
// nothing is kept but the findings (check), or serve keeps the site in
// memory and answers from it.
//
// The packages:
//
//	site        the domain types: records, summaries, positions, errors, output files; no I/O
//	load        the site folder ─▶ records, every value with its file:line:col; the build's only reader
//	validate    a record ─▶ the ways it breaks its JSON Schema (schemas/)
//	link        records ─▶ records with their references resolved and back-links filled
//	govern      linked records ─▶ governance findings
//	render      records ─▶ pages, from the theme (themes/) and the site's templates/
//	render/markdown  a page's Markdown body ─▶ HTML
//	export      records ─▶ register.csv, reviews.ics, practice.json, handbook.json
//	pdf         pages in memory ─▶ PDFs, printed by headless Chromium
//	publish     files ─▶ the output folder, swapped in whole; the build's only writer
//	history     the site folder ─▶ when each file last changed in git
//	scaffold    a record type's schema ─▶ a new record to fill in (handbook new)
//	register    a spreadsheet register (.xlsx, .csv) ─▶ service records to write (handbook import);
//	            ReadRecords, a shallow list of a folder's records that new and import
//	            match against, as the site need not build for them to run; a service
//	            as scaffold wrote it, unedited, is replaced by its row
//	par         a loop over indexes on every core
//	pipeline    the one orchestration: the stages, for each practice, then the shared pages
//	serve       the live preview: HTTP, file watching, reloading the open pages
//	cli         the handbook command: subcommands, flags, messages, exit codes; it writes
//	            the new records of new and import into content/, never over a file
//	            someone has written in, and a new site with the schemas' editor files
//
// And the tools around them: synth writes synthetic sites of any size;
// bench times whole builds of them against bench/minimal, the least a
// build of Markdown pages can do; webtest checks built pages in a browser;
// sitetest, pdf/pdftest and history/historytest help the tests.
//
// # Tests
//
// go test ./... runs them all. Those that need Chromium (pdf, webtest,
// serve's browser test, the printed documents in pipeline) or
// poppler-utils skip when it is missing, and fail when the CI variable is
// set; so do those that need git (history, the dates of last change), in
// webtest, axe-core (npm ci --prefix generator/webtest) and, in schemas,
// Taplo's command line (npm install --global @taplo/cli@0.7.0). Tests that
// write many files keep their temporary folders on /dev/shm when there is
// one (sitetest.Main).
//
//   - pipeline/testdata/golden/*.txtar: a site and the files it builds,
//     side by side, unminified. After a deliberate change, run go test
//     ./generator/pipeline -run Golden -update and review the diff.
//   - pipeline/testdata/bad/*.txtar: the bad-input corpus, one broken
//     input each (syntax, types, dates, choices, unknown and missing keys,
//     references, duplicates, loops, binary and empty files, Markdown
//     pages, templates) as a change to the golden site, with the errors
//     expected, each at its file:line:col. Add a case as a file; -update
//     writes its want section, which you then read and check.
//   - pipeline's incremental tests edit a copy of the example step by step
//     and check that a run told what changed makes, with the site before,
//     what a full build makes, byte for byte, rendering only what it must.
//   - cli/testdata/script/*.txtar: the commands end to end (testscript).
//   - register/testdata: sample registers (register.xlsx, written by
//     TestSampleXLSX with -update; register.csv), and golden/*.txtar,
//     the report and records of importing each into a practice, checked
//     valid with the pipeline. go test ./generator/register -update
//     rewrites them.
//   - schemas/schemas_test.go keeps the schemas and the Go model in step.
//   - load's fuzz tests (go test ./generator/load -run '^$' -fuzz
//     FuzzRecord) check that every error of a random file is inside it;
//     register's FuzzImport, that a random register never panics, names
//     its file in every error and note, and yields records that are TOML.
//   - webtest opens one page of every page type over HTTP and from
//     file://, and checks it with axe-core (WCAG 2.2 AA) at 1280 and 320
//     pixels, its structure, focus styles, reflow and requests; its
//     screenshots go to $HANDBOOK_ARTEFACTS/webtest when that is set (go
//     test ./generator/webtest -run Screenshots -update-screenshots
//     rewrites the home page's).
//   - serve's tests start the server on a free port and play a practice
//     manager's session, with fsnotify and with polling, and in Chromium.
package generator
