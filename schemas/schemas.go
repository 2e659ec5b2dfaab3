// Package schemas holds the JSON Schemas (draft-07) of the content records,
// one file per record type: handbook, practice, roles, training, person,
// service, runbook, exercise, incident, change, asset, review, organisation,
// course and page.
//
// The same files serve two readers. Editors with Taplo ("Even Better TOML")
// use them through each content file's #:schema line and the repository's
// .taplo.toml, for completion, hover help and checking as you type. The
// generator embeds them and validates every record against them at build
// time, after turning TOML dates into "2006-01-02" strings and local
// date-times into "2006-01-02T15:04:05".
//
// The schemas are written by hand and kept in step with the Go model in
// generator/site by the tests in this package: every toml key, required key,
// type and closed list of choices must agree.
package schemas

import "embed"

// FS holds the schema files, named <record>.schema.json.
//
//go:embed *.schema.json
var FS embed.FS
