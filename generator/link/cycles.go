package link

import (
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// cycles reports every loop in the services' depends_on: a service that
// depends, through others, on itself. A loop makes "what fails with this"
// endless and is always a mistake. Each loop is reported once, at the
// depends_on entry of its first service by id, so the report is the same
// whichever service the search starts from. Self-dependency is reported
// when linking the service.
func (r *resolver) cycles(services []*site.Service) {
	const (
		unseen = iota
		active
		done
	)
	state := map[*site.Service]int{}
	var stack []*site.Service
	seen := map[string]bool{}
	var visit func(s *site.Service)
	visit = func(s *site.Service) {
		state[s] = active
		stack = append(stack, s)
		for _, d := range s.Depends {
			switch {
			case d == s:
			case state[d] == active:
				r.loop(stack[slices.Index(stack, d):], seen)
			case state[d] == unseen:
				visit(d)
			}
		}
		stack = stack[:len(stack)-1]
		state[s] = done
	}
	for _, s := range services {
		if state[s] == unseen {
			visit(s)
		}
	}
}

// loop reports the cycle of services in loop (each depends on the next, the
// last on the first), unless it has been reported already.
func (r *resolver) loop(loop []*site.Service, seen map[string]bool) {
	first := 0
	for i, s := range loop {
		if s.ID < loop[first].ID {
			first = i
		}
	}
	rotated := append(slices.Clone(loop[first:]), loop[:first]...)
	ids := make([]string, 0, len(rotated)+1)
	for _, s := range rotated {
		ids = append(ids, s.ID)
	}
	ids = append(ids, rotated[0].ID)
	key := strings.Join(ids, " → ")
	if seen[key] {
		return
	}
	seen[key] = true
	from, to := rotated[0], rotated[1%len(rotated)]
	at := from.At("depends_on")
	if i := slices.Index(from.DependsOn, to.ID); i >= 0 {
		at = from.At(itemPath("depends_on", i))
	}
	r.errs.Add(at, "a service cannot depend on itself through others: remove one of these depends_on entries",
		"depends_on goes round in a loop: %s", key)
}
