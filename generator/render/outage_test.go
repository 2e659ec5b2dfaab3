package render

import (
	"fmt"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestOutage checks what stops when an organisation is down: the services
// it supplies or supports and, at any depth, those that depend on them,
// but not a service that depends on something else; the runbooks of the
// services it serves; and, past networkRows practices, a part per ICB.
func TestOutage(t *testing.T) {
	net := &site.Organisation{ID: "net", Name: "Net Ltd"}
	practice := func(i int) *site.Summary {
		return &site.Summary{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Practice ", i), ICB: fmt.Sprint("icb", i%2),
			InUse: []site.ServiceNeeds{
				{ID: "hscn", Name: "HSCN", Orgs: []string{"net"}, Runbooks: []site.RunbookLink{{Title: "Network down", Path: "p/runbooks/hscn-down.html"}}},
				{ID: "clinical", Name: "Clinical system", DependsOn: []string{"hscn"}, Runbooks: []site.RunbookLink{{Title: "Clinical down", Path: "p/runbooks/clinical-down.html"}}},
				{ID: "eps", Name: "EPS", DependsOn: []string{"clinical"}},
				{ID: "phones", Name: "Phones", DependsOn: []string{"power"}},
				{ID: "power", Name: "Power"},
			}}
	}
	net.Practices = []*site.Summary{practice(0), {ID: "other", Name: "Other", InUse: []site.ServiceNeeds{{ID: "x", Name: "X"}}}}
	v := outage(net)
	if v.Count != 1 || len(v.Practices) != 1 {
		t.Fatalf("%d practices affected, want the one that uses net", v.Count)
	}
	p := v.Practices[0]
	if fmt.Sprint(p.Direct, p.Dependent) != "[HSCN] [Clinical system EPS]" {
		t.Errorf("stops %v and then %v; want HSCN, then the clinical system and EPS, which depends on it", p.Direct, p.Dependent)
	}
	if len(p.Runbooks) != 1 || p.Runbooks[0].Title != "Network down" {
		t.Errorf("runbooks %v, want the network's", p.Runbooks)
	}

	net.Practices = nil
	for i := range networkRows + 1 {
		net.Practices = append(net.Practices, practice(i))
	}
	v = outage(net)
	if v.Count != networkRows+1 || len(v.Practices) != 0 || len(v.ICBs) != 2 {
		t.Fatalf("%d practices: %d listed, %d ICB parts; want none listed and a part for each of 2 ICBs", v.Count, len(v.Practices), len(v.ICBs))
	}
	for _, part := range v.ICBs {
		if part.URL != net.OutageICBURL(part.ID) || part.Count != len(part.Practices) || part.ServicesAffected != 3*part.Count {
			t.Errorf("ICB %s: %s, %d practices (%d listed), %d services", part.ID, part.URL, part.Count, len(part.Practices), part.ServicesAffected)
		}
	}
}
