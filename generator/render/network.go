package render

import (
	"cmp"
	"slices"

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
	// "icbs", each linking to its own page's view. Lists says whether it
	// lists Awaiting and ReviewOverdue by name, as it does but at "icbs".
	Level string
	Lists bool
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
	name := func(o *site.Organisation, id string) string {
		if o != nil {
			return o.Name
		}
		return id
	}
	slices.SortFunc(sorted, func(a, b *site.Summary) int {
		return cmp.Or(cmp.Compare(name(a.ICBOrg, a.ICB), name(b.ICBOrg, b.ICB)), cmp.Compare(a.ICB, b.ICB),
			cmp.Compare(name(a.PCNOrg, a.PCN), name(b.PCNOrg, b.PCN)), cmp.Compare(a.PCN, b.PCN),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, s := range sorted {
		if n := len(v.ICBs); n == 0 || v.ICBs[n-1].ID != s.ICB {
			v.ICBs = append(v.ICBs, NetworkICB{Org: s.ICBOrg, ID: s.ICB, Name: name(s.ICBOrg, s.ICB)})
		}
		icb := &v.ICBs[len(v.ICBs)-1]
		if n := len(icb.PCNs); n == 0 || icb.PCNs[n-1].ID != s.PCN {
			icb.PCNs = append(icb.PCNs, NetworkPCN{Org: s.PCNOrg, ID: s.PCN, Name: name(s.PCNOrg, s.PCN)})
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
	v.Lists = v.Level != "icbs"
	return v
}

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
	return &v
}
