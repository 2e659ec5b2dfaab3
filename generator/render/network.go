package render

import (
	"cmp"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// NetworkView is the network view of practices, for the top page and the
// pages of an ICB and of a PCN: each practice with its continuity plan's
// approval, its annual ICB review, its toolkit, its findings, its critical
// services with no runbook exercised and its training, grouped by ICB and
// then PCN; and the two lists an ICB asks for first.
type NetworkView struct {
	Today site.Date
	ICBs  []NetworkICB
	// Awaiting are the practices whose plans await the ICB's approval,
	// and ReviewOverdue those whose annual ICB review is overdue, by name.
	Awaiting, ReviewOverdue []*site.Summary
	Practices               int
	// Level says what the view lists, so that no page lists thousands of
	// practices: "practices" (grouped by ICB and PCN) when there are no
	// more than networkRows; else "pcns" when they are all of one ICB, or
	// "icbs", each linking to its own page's view.
	Level string
	// Across is set on a PCN's page: what its practices share.
	Across *Across
}

// networkRows is the most practices a network view lists one by one: at
// about a kilobyte a row, it keeps the page well under 300 KB.
const networkRows = 150

// NetworkICB is the practices of one ICB, by PCN.
type NetworkICB struct {
	// Org is the ICB's record; ID and Name say which it is.
	Org      *site.Organisation
	ID, Name string
	PCNs     []NetworkPCN
	// Count is the number of its practices; Awaiting and ReviewOverdue
	// count those in each state, and Findings their findings.
	Count, Awaiting, ReviewOverdue int
	Findings                       site.Tally
}

// NetworkPCN is the practices of one PCN, by name.
type NetworkPCN struct {
	Org                            *site.Organisation
	ID, Name                       string
	Practices                      []*site.Summary
	Count, Awaiting, ReviewOverdue int
	Findings                       site.Tally
}

// networkView groups practices by ICB and PCN as of today.
func networkView(practices []*site.Summary, today site.Date) NetworkView {
	v := NetworkView{Today: today, Practices: len(practices)}
	sorted := slices.Clone(practices)
	slices.SortFunc(sorted, func(a, b *site.Summary) int {
		return cmp.Or(cmp.Compare(a.ICBName(), b.ICBName()), cmp.Compare(a.ICB, b.ICB),
			cmp.Compare(a.PCNName(), b.PCNName()), cmp.Compare(a.PCN, b.PCN),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, s := range sorted {
		if n := len(v.ICBs); n == 0 || v.ICBs[n-1].ID != s.ICB {
			v.ICBs = append(v.ICBs, NetworkICB{Org: s.ICBOrg, ID: s.ICB, Name: s.ICBName()})
		}
		icb := &v.ICBs[len(v.ICBs)-1]
		if n := len(icb.PCNs); n == 0 || icb.PCNs[n-1].ID != s.PCN {
			icb.PCNs = append(icb.PCNs, NetworkPCN{Org: s.PCNOrg, ID: s.PCN, Name: s.PCNName()})
		}
		pcn := &icb.PCNs[len(icb.PCNs)-1]
		pcn.Practices = append(pcn.Practices, s)
		pcn.Count++
		icb.Count++
		for i := range icb.Findings {
			icb.Findings[i] += s.Findings[i]
			pcn.Findings[i] += s.Findings[i]
		}
		if s.AwaitingApproval() {
			icb.Awaiting++
			pcn.Awaiting++
			v.Awaiting = append(v.Awaiting, s)
		}
		if s.ICBReviewOverdue(today) {
			icb.ReviewOverdue++
			pcn.ReviewOverdue++
			v.ReviewOverdue = append(v.ReviewOverdue, s)
		}
	}
	switch {
	case len(practices) <= networkRows:
		v.Level = "practices"
	case len(v.ICBs) == 1:
		v.Level = "pcns"
	default:
		v.Level = "icbs"
	}
	return v
}

// Lists reports whether the view lists Awaiting and ReviewOverdue by
// name, as it does but at the level of ICBs.
func (v NetworkView) Lists() bool { return v.Level != "icbs" }

// OrganisationView is an organisation's page: the organisation, and for
// an ICB or PCN the network view of its practices.
type OrganisationView struct {
	Organisation *site.Organisation
	Network      *NetworkView
	// Down is how many practices its outage page lists: 0 when it has
	// none, as no service of a practice rests on it.
	Down int
}

// organisationNetwork is the network view of the practices in the ICB or
// PCN o, or nil for any other organisation, and for the ICB of a site
// with only one, whose top page shows its practices.
func organisationNetwork(h *site.Handbook, o *site.Organisation, today site.Date) *NetworkView {
	if o.Kind != "icb" && o.Kind != "pcn" {
		return nil
	}
	var in []*site.Summary
	for _, s := range h.Practices {
		if s.ICB == o.ID || s.PCN == o.ID {
			in = append(in, s)
		}
	}
	if len(in) == 0 || o.Kind == "icb" && len(in) == len(h.Practices) {
		return nil
	}
	v := networkView(in, today)
	if o.Kind == "pcn" {
		slices.SortFunc(in, func(a, b *site.Summary) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
		v.Across = across(h, in)
	}
	return &v
}

// Across is what a PCN's page finds across its practices: the same
// supplier's contract ending at several, the same person who has left
// still named at several, and which practices name each other as buddy
// and which name a buddy that does not name them back.
type Across struct {
	Contracts []SharedContract
	Leavers   []SharedLeaver
	Buddies   []BuddyPair
}

// SharedContract is one supplier's contracts ending at several practices.
type SharedContract struct {
	Supplier  *site.Organisation
	Practices []*site.Summary
	Services  []string
	// First is the earliest end among them.
	First site.Date
}

// SharedLeaver is someone who has left, still named at several practices.
type SharedLeaver struct {
	Name      string
	Practices []*site.Summary
}

// BuddyPair is a practice and the buddy practice it names; Mutual when the
// buddy names it back.
type BuddyPair struct {
	Practice, Buddy *site.Summary
	Mutual          bool
}

// IsEmpty reports whether a has nothing to show.
func (a *Across) IsEmpty() bool {
	return len(a.Contracts) == 0 && len(a.Leavers) == 0 && len(a.Buddies) == 0
}

// across compares practices, those of one PCN, sorted by name.
func across(h *site.Handbook, practices []*site.Summary) *Across {
	a := &Across{}
	orgs := map[string]*site.Organisation{}
	for _, o := range h.Organisations {
		orgs[o.ID] = o
	}
	contracts := map[string]*SharedContract{}
	leavers := map[string]*SharedLeaver{}
	for _, s := range practices {
		for _, c := range s.Contracts {
			sc := contracts[c.Supplier]
			if sc == nil {
				sc = &SharedContract{Supplier: orgs[c.Supplier], First: c.End}
				contracts[c.Supplier] = sc
			}
			if !slices.Contains(sc.Practices, s) {
				sc.Practices = append(sc.Practices, s)
			}
			sc.Services = appendNew(sc.Services, c.Service)
			if c.End.Before(sc.First) {
				sc.First = c.End
			}
		}
		for _, name := range s.Leavers {
			key := strings.ToLower(name)
			if leavers[key] == nil {
				leavers[key] = &SharedLeaver{Name: name}
			}
			leavers[key].Practices = append(leavers[key].Practices, s)
		}
		if b := s.BuddyPractice; b != nil {
			mutual := b.BuddyPractice == s
			if !mutual || cmp.Compare(s.Name, b.Name) < 0 || !slices.Contains(practices, b) {
				a.Buddies = append(a.Buddies, BuddyPair{Practice: s, Buddy: b, Mutual: mutual})
			}
		}
	}
	for _, sc := range contracts {
		if len(sc.Practices) > 1 && sc.Supplier != nil {
			a.Contracts = append(a.Contracts, *sc)
		}
	}
	slices.SortFunc(a.Contracts, func(x, y SharedContract) int { return cmp.Compare(x.Supplier.Name, y.Supplier.Name) })
	for _, l := range leavers {
		if len(l.Practices) > 1 {
			a.Leavers = append(a.Leavers, *l)
		}
	}
	slices.SortFunc(a.Leavers, func(x, y SharedLeaver) int { return cmp.Compare(x.Name, y.Name) })
	return a
}
