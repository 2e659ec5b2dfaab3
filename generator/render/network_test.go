package render

import (
	"fmt"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestNetworkLevels checks that a network view lists practices one by one
// only up to networkRows, and beyond that its PCNs (one ICB) or its ICBs,
// listing by name the plans awaiting approval and the reviews overdue
// except at the level of ICBs; and that it counts them at every level.
func TestNetworkLevels(t *testing.T) {
	today := site.NewDate(2026, 11, 21)
	for _, c := range []struct {
		practices, icbs int
		level           string
	}{
		{1, 1, "practices"}, {networkRows, 2, "practices"}, {networkRows + 1, 1, "pcns"}, {networkRows + 1, 3, "icbs"},
	} {
		var list []*site.Summary
		for i := range c.practices {
			s := &site.Summary{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Practice ", i),
				ICB: fmt.Sprint("icb", i%c.icbs), PCN: fmt.Sprint("pcn", i%(c.icbs*5)),
				LastICBReview: today.AddMonths(-6), NextICBReview: today.AddMonths(6)}
			if i%3 == 0 {
				s.Approval.Status = "submitted"
			}
			if i%4 == 0 {
				s.NextICBReview = today.AddDays(-1)
			}
			list = append(list, s)
		}
		v := networkView(list, today)
		if v.Level != c.level || v.Lists != (c.level != "icbs") {
			t.Errorf("%d practices in %d ICBs: level %q, lists %v; want %q", c.practices, c.icbs, v.Level, v.Lists, c.level)
		}
		awaiting, overdue, count := 0, 0, 0
		for _, icb := range v.ICBs {
			awaiting += icb.Awaiting
			overdue += icb.ReviewOverdue
			count += icb.Count
		}
		if want := (c.practices + 2) / 3; awaiting != want || len(v.Awaiting) != want {
			t.Errorf("%d practices: %d (%d listed) awaiting approval, want %d", c.practices, awaiting, len(v.Awaiting), want)
		}
		if want := (c.practices + 3) / 4; overdue != want || len(v.ReviewOverdue) != want {
			t.Errorf("%d practices: %d (%d listed) reviews overdue, want %d", c.practices, overdue, len(v.ReviewOverdue), want)
		}
		if count != c.practices || len(v.ICBs) != c.icbs {
			t.Errorf("%d practices in %d ICBs: counted %d in %d", c.practices, c.icbs, count, len(v.ICBs))
		}
	}
}
