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
//	load        the site folder ─▶ records, every value with its file:line:col; the only reader
//	validate    a record ─▶ the ways it breaks its JSON Schema (schemas/)
//	link        records ─▶ records with their references resolved and back-links filled
//	govern      linked records ─▶ governance findings
//	render      records ─▶ pages, from the theme (themes/) and the site's templates/
//	render/markdown  a page's Markdown body ─▶ HTML
//	export      records ─▶ register.csv, reviews.ics, practice.json, handbook.json
//	pdf         pages in memory ─▶ PDFs, printed by headless Chromium
//	publish     files ─▶ the output folder, swapped in whole; the only writer
//	history     the site folder ─▶ when each file last changed in git
//	par         a loop over indexes on every core
//	pipeline    the one orchestration: the stages, for each practice, then the shared pages
//	serve       the live preview: HTTP, file watching, reloading the open pages
//	cli         the handbook command: subcommands, flags, messages, exit codes
//
// And the tools around them: synth writes synthetic sites of any size;
// bench times whole builds of them against bench/minimal, the least a
// build of Markdown pages can do; webtest checks built pages in a browser;
// sitetest, pdf/pdftest and history/historytest help the tests.
package generator
