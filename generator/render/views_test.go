package render

import (
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestScenarioRank checks that the home page knows where to put a runbook
// of every scenario, and whether the scenario is broad (broadScenario), so
// that a new one is not ranked first, and taken for the failure of one
// service, unnoticed.
func TestScenarioRank(t *testing.T) {
	for _, s := range site.Scenarios.Values() {
		if _, ok := scenarioRank[s]; !ok {
			t.Errorf("scenario %s has no rank on the home page, nor says whether it is broad (scenarioRank)", s)
		}
	}
}
