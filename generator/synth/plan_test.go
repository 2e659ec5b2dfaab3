package synth

import (
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestPlanUnique checks, at a scale beyond England's, that every practice
// gets its own id and ODS code, every shared organisation its own id, and
// every PCN 4 to 11 practices.
func TestPlanUnique(t *testing.T) {
	const n = 20_000
	pl := newPlan(n, 3)
	ids, ods := map[string]int{}, map[string]int{}
	for i := range n {
		p := pl.practice(i)
		if j, dup := ids[p.id]; dup {
			t.Fatalf("practices %d and %d are both %s", j, i, p.id)
		}
		if j, dup := ods[p.ods]; dup {
			t.Fatalf("practices %d and %d both have ODS code %s", j, i, p.ods)
		}
		if !site.ValidID(p.id) {
			t.Fatalf("practice %d: %q is not a valid id", i, p.id)
		}
		ids[p.id], ods[p.ods] = i, i
	}
	orgs := map[string]bool{}
	add := func(id string) {
		if orgs[id] {
			t.Fatalf("organisation %s is written twice", id)
		}
		if !site.ValidID(id) {
			t.Fatalf("%q is not a valid id", id)
		}
		orgs[id] = true
	}
	for _, o := range suppliers() {
		add(o.id)
	}
	for _, o := range networkOperators {
		add(o.id)
	}
	for j := range pl.icbs {
		icb := pl.icb(j)
		for _, id := range []string{icb.id, icb.desk, icb.dpo, icb.safety, icb.landlord} {
			add(id)
		}
	}
	for k := range pl.pcns() {
		pcn := pl.pcn(k)
		if size := pcn.end - pcn.first; size < minPCN || size > maxPCN+minPCN-1 {
			t.Errorf("PCN %d has %d practices", k, size)
		}
		add(pcn.id)
		add(pcn.centre)
		for _, id := range pcn.pharmacies {
			add(id)
		}
		if pl.pcnOf(pcn.first) != k || pl.pcnOf(pcn.end-1) != k {
			t.Fatalf("pcnOf disagrees with PCN %d's practices", k)
		}
	}
}
