package site

import (
	"cmp"
	"slices"
	"strings"
)

// AccessDue returns when the next access review of s is due: the last
// review plus the review interval. A service never reviewed is due from
// the day it was recorded, returned as the zero Date.
func (s *Service) AccessDue() Date {
	last := s.Access.LastReview()
	if last == nil {
		return Date{}
	}
	return last.Date.AddMonths(s.Access.ReviewMonths)
}

// HandlesPersonalData reports whether s processes personal data of
// patients or staff.
func (s *Service) HandlesPersonalData() bool {
	for _, c := range s.Data.Categories {
		if c != "none" && c != "business" {
			return true
		}
	}
	return false
}

// NeedsRunbook reports whether s is critical or high and no runbook names
// it.
func (s *Service) NeedsRunbook() bool {
	return (s.Criticality == "critical" || s.Criticality == "high") && len(s.Runbooks) == 0
}

// Changing reports whether s is being introduced, piloted or retired.
func (s *Service) Changing() bool {
	return s.Lifecycle == "proposed" || s.Lifecycle == "pilot" || s.Lifecycle == "retiring"
}

// HasDPIA reports whether a DPIA covers s: its own, approved, or the
// ICB's.
func (s *Service) HasDPIA() bool {
	return s.Governance.DPIA == "approved" || s.Governance.DPIA == "icb-covered"
}

// NeedsDPIA reports whether s processes personal data with no DPIA in
// place: neither its own approved DPIA, nor the ICB's, nor a recorded
// decision that none is required.
func (s *Service) NeedsDPIA() bool {
	return s.HandlesPersonalData() && !s.HasDPIA() && s.Governance.DPIA != "not-required"
}

// CriticalityRank orders criticalities, the most critical first: 0 for
// "critical", 3 for "low".
func CriticalityRank(c string) int { return Criticalities.Index(c) }

// RegisterOrder returns services in the order of the register: those in
// use before those retired, the most critical first, then by name.
func RegisterOrder(services []*Service) []*Service {
	out := slices.Clone(services)
	rank := func(s *Service) int {
		if s.Lifecycle == "retired" {
			return len(Criticalities.Choices)
		}
		return CriticalityRank(s.Criticality)
	}
	slices.SortFunc(out, func(a, b *Service) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ClinicalCategory reports whether the services of the register category
// are clinical tools whatever their clinical_safety says: they hold, show
// or act on the patient record.
func ClinicalCategory(category string) bool {
	switch category {
	case "clinical-system", "clinical-decision-support", "ai-scribe", "prescribing", "referrals", "online-consultation":
		return true
	}
	return false
}
