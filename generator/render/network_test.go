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
		if v.Level != c.level || v.Lists() != (c.level != "icbs") {
			t.Errorf("%d practices in %d ICBs: level %q, lists %v; want %q", c.practices, c.icbs, v.Level, v.Lists(), c.level)
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

// TestAcross checks what a PCN's page finds across its practices: a
// supplier's contracts ending at two practices (not one), someone who has
// left still named at two (their name in any case), and buddies named
// both ways (listed once) or one way only.
func TestAcross(t *testing.T) {
	sup := &site.Organisation{ID: "sup", Name: "Supplier"}
	solo := &site.Organisation{ID: "solo", Name: "Solo"}
	h := &site.Handbook{Organisations: []*site.Organisation{sup, solo}}
	end := site.NewDate(2027, 1, 31)
	a := &site.Summary{ID: "a", Name: "A", Leavers: []string{"Lee Leaver"},
		Contracts: []site.ContractEnd{{Supplier: "sup", Service: "Scribe", End: end}, {Supplier: "solo", Service: "X", End: end}}}
	b := &site.Summary{ID: "b", Name: "B", Leavers: []string{"LEE LEAVER", "Only B"},
		Contracts: []site.ContractEnd{{Supplier: "sup", Service: "Scribe", End: end.AddDays(-10)}}}
	c := &site.Summary{ID: "c", Name: "C"}
	a.BuddyPractice, b.BuddyPractice, c.BuddyPractice = b, a, a
	got := across(h, []*site.Summary{a, b, c})
	if len(got.Contracts) != 1 || got.Contracts[0].Supplier != sup || len(got.Contracts[0].Practices) != 2 || got.Contracts[0].First != end.AddDays(-10) {
		t.Errorf("contracts: %+v, want the supplier's at A and B, the first ending %s", got.Contracts, end.AddDays(-10))
	}
	if len(got.Leavers) != 1 || len(got.Leavers[0].Practices) != 2 {
		t.Errorf("leavers: %+v, want Lee Leaver at A and B", got.Leavers)
	}
	want := "[{A B true} {C A false}]"
	var pairs []string
	for _, p := range got.Buddies {
		pairs = append(pairs, fmt.Sprintf("{%s %s %v}", p.Practice.Name, p.Buddy.Name, p.Mutual))
	}
	if fmt.Sprint(pairs) != want {
		t.Errorf("buddies %v, want %s", pairs, want)
	}
}
