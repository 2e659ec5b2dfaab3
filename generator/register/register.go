// Package register turns a practice's own register of digital services,
// kept in Excel or as a CSV file, into service records of the handbook:
//
//	file bytes ──Read──▶ Workbook (sheets of cells) ──Import──▶ Result (files to write, report)
//
// Read takes an Excel workbook (.xlsx, with excelize) or a CSV file (UTF-8,
// comma, semicolon or tab separated), and refuses anything else with an
// *Error that says what to do. Import finds each sheet's header row below
// any title rows, matches its columns to the fields of a service by the
// headings practices use (or by --map), and makes one service record per
// row, with a person record for each owner or deputy and an organisation
// record for each supplier or helpdesk the site does not have yet. Names
// are matched to the records there: the same name written another way, or
// initials that fit one person, are used and reported; a name only close
// to one (a typo, or someone else?) is not used, and reported.
//
// Every record passes handbook check as written: a value the register
// does not give, or gives in a form that cannot be read, is a valid
// placeholder under a comment starting "TO DO:", and a cell that cannot be
// read is reported at its cell (register.xlsx!Services!D7). Import never
// replaces a record the site has: the result names it as kept, so a second
// import of the same register writes nothing.
//
// The package does no I/O: the command reads the file and the site, and
// writes the files.
package register
