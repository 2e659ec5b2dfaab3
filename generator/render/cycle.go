package render

import (
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// incidentsView is the incident log: the practice's incidents, the latest
// first.
func incidentsView(pr *site.Practice) []*site.Incident {
	out := slices.Clone(pr.Incidents)
	slices.SortStableFunc(out, func(a, b *site.Incident) int {
		switch {
		case a.Aware.After(b.Aware):
			return -1
		case b.Aware.After(a.Aware):
			return 1
		}
		return 0
	})
	return out
}

// ChangeRow is a change as its page and the list of changes show it.
type ChangeRow struct {
	*site.Change
	// Live says it has gone live; Missing are its checks not done or
	// ruled out; ReviewDue is when the review after go-live falls due.
	Live      bool
	Missing   []site.Check
	ReviewDue site.Date
}

func changeRow(ch *site.Change, today site.Date, weeks int) ChangeRow {
	return ChangeRow{Change: ch, Live: ch.Live(today), Missing: ch.Missing(), ReviewDue: ch.ReviewDue(weeks)}
}

// ChangesView is the list of changes: those to come, soonest first, then
// those live, the latest first.
type ChangesView struct {
	Planned, Live []ChangeRow
}

func changesView(pr *site.Practice, today site.Date, weeks int) ChangesView {
	var v ChangesView
	for _, ch := range pr.Changes {
		row := changeRow(ch, today, weeks)
		if row.Live {
			v.Live = append(v.Live, row)
		} else {
			v.Planned = append(v.Planned, row)
		}
	}
	slices.SortStableFunc(v.Planned, func(a, b ChangeRow) int { return a.GoLive.Compare(b.GoLive) })
	slices.SortStableFunc(v.Live, func(a, b ChangeRow) int { return b.GoLive.Compare(a.GoLive) })
	return v
}

// AssetsView is the asset register: assets in use and those disposed of,
// each in the order of site.AssetOrder.
type AssetsView struct {
	InUse, Disposed []*site.Asset
	CSV             string
}

func assetsView(pr *site.Practice) AssetsView {
	v := AssetsView{CSV: pr.AssetsCSVURL()}
	for _, a := range site.AssetOrder(pr.Assets) {
		if a.Disposed() {
			v.Disposed = append(v.Disposed, a)
		} else {
			v.InUse = append(v.InUse, a)
		}
	}
	return v
}
