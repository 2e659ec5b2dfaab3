package site

// Due returns when the record is next due for review: the next date
// written, or else the last review plus defaultMonths
// (Thresholds.ReviewMonths).
func (r Review) Due(defaultMonths int) Date {
	if !r.Next.IsZero() {
		return r.Next
	}
	return r.Last.AddMonths(defaultMonths)
}

// ReviewDue returns when the page is next due for review, as Review.Due.
func (pg *Page) ReviewDue(defaultMonths int) Date {
	return Review{Last: pg.Reviewed, Next: pg.NextReview}.Due(defaultMonths)
}

// Counts reports whether e counts as an exercise of the runbooks it names.
// A real incident counts only when its lessons and an action plan are
// recorded: findings and actions (DOMAIN.md §3).
func (e *Exercise) Counts() bool {
	return e.Type != "incident" || len(e.Findings) > 0 && len(e.Actions) > 0
}
