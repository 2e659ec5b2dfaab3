package site

import "strings"

// Placeholder begins the text handbook new and handbook import write for a
// value only the practice can give ("TO DO: job title"). The record is
// valid with it, so that it builds at once; the load stage notes each such
// value in Source.Placeholders, and the placeholder rule reports them.
const Placeholder = "TO DO"

// IsPlaceholder reports whether s is text still to fill in: it begins
// with Placeholder.
func IsPlaceholder(s string) bool { return strings.HasPrefix(s, Placeholder) }

// IsPlaceholder reports whether pe is no one yet: a record whose name is
// still to fill in, such as the to-do-owner handbook import writes for
// the services its register names no owner for, or the practice manager
// handbook new practice writes without --manager. It is not counted as
// staff (Practice.Active) until it is named.
func (pe *Person) IsPlaceholder() bool { return IsPlaceholder(pe.Name) }

// IsPlaceholder reports whether o is no organisation yet: a record whose
// name is still to fill in, such as the to-do-support-desk handbook
// import writes for the services its register names no helpdesk for.
func (o *Organisation) IsPlaceholder() bool { return IsPlaceholder(o.Name) }
