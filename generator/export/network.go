package export

import (
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// networkColumns are the columns of network.csv.
var networkColumns = []string{
	"ICB", "PCN", "Practice", "ODS code",
	"Plan version", "Plan approval", "Plan submitted", "Plan approved", "Approval expires",
	"Last ICB review", "Next ICB review", "ICB review overdue",
	"DSPT status", "DSPT year",
	"Errors", "Warnings", "For information",
	"Critical services not exercised",
	"Training up to date", "Training required", "Training per cent",
	"Page",
}

// Network returns network.csv: the top page's network view as a
// spreadsheet, a row per practice in the handbook's order, written as
// Register writes the register (see there).
func (x *Exporter) Network() []byte {
	b := []byte("\uFEFF")
	b = appendCSVRow(b, networkColumns)
	for _, s := range x.h.Practices {
		a := s.Approval
		b = appendCSVRow(b, []string{
			s.ICBName(), s.PCNName(), s.Name, s.ODS,
			s.PlanVersion, site.ApprovalStatuses.Label(a.Status), a.Submitted.String(), a.Approved.String(), a.Expires.String(),
			s.LastICBReview.String(), s.NextICBReview.String(), yesNo(s.ICBReviewOverdue(x.today)),
			site.DSPTStatuses.Label(s.DSPT.Status), s.DSPT.Year,
			strconv.Itoa(s.Findings[site.Critical]), strconv.Itoa(s.Findings[site.Warning]), strconv.Itoa(s.Findings[site.Info]),
			strings.Join(s.Unexercised, "; "),
			strconv.Itoa(s.TrainingCurrent), strconv.Itoa(s.TrainingRequired), strconv.Itoa(s.TrainingPercent()),
			s.URL(),
		})
	}
	return b
}
