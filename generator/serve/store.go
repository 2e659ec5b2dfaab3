package serve

import (
	"sync"

	"github.com/handbook-nhs/handbook/generator/pipeline"
)

// store is the sink of serve's runs of the pipeline: it keeps the parts a
// run puts until the run is over, then merges them into the site it
// serves, or drops them when the run failed.
type store struct {
	mu    sync.Mutex
	parts []*pipeline.Part
}

func (s *store) Put(part *pipeline.Part) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.parts = append(s.parts, part)
	return nil
}

// take returns the parts put, and forgets them.
func (s *store) take() []*pipeline.Part {
	s.mu.Lock()
	defer s.mu.Unlock()
	parts := s.parts
	s.parts = nil
	return parts
}
