package export

import (
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// assetColumns are the columns of assets.csv: every field of an asset
// record and of its disposal, then the file it comes from and its page.
var assetColumns = []string{
	"Asset", "Id", "Kind", "Count", "Model", "Asset tag", "Location", "Owner", "Provided by",
	"Services", "Personal data", "Acquired", "Refresh due", "Notes",
	"Disposed", "Disposal method", "Disposed by", "Disposal certificate",
	"File", "Page",
}

// Assets returns assets.csv: the practice's digital asset register (DSPT
// 7.1.1) as a spreadsheet, written as Register writes register.csv, one
// row per asset in the order of the asset register page: those in use,
// then those disposed of.
func (x *Exporter) Assets(pr *site.Practice) []byte {
	b := []byte("\uFEFF")
	b = appendCSVRow(b, assetColumns)
	for _, a := range site.AssetOrder(pr.Assets) {
		b = appendCSVRow(b, assetRow(a))
	}
	return b
}

func assetRow(a *site.Asset) []string {
	services := make([]string, len(a.ServiceRefs))
	for i, s := range a.ServiceRefs {
		services[i] = s.Name
	}
	var d site.Disposal
	var disposedBy string
	if a.Disposal != nil {
		d = *a.Disposal
		disposedBy = orgName(d.ByRef, d.By)
	}
	method := ""
	if d.Method != "" {
		method = site.DisposalMethods.Label(d.Method)
	}
	count := strconv.Itoa(max(a.Count, 1))
	return []string{
		a.Name, a.ID, site.AssetKinds.Label(a.Kind), count, a.Model, a.Tag, a.Location,
		personName(a.OwnerRef), orgName(a.ProvidedByRef, a.ProvidedBy),
		strings.Join(services, "; "), yesNo(a.PersonalData), a.Acquired.String(), a.RefreshDue.String(), a.Notes,
		d.Date.String(), method, disposedBy, d.Certificate,
		a.File, a.URL(),
	}
}
