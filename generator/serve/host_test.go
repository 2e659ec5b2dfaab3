package serve

import (
	"os"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/pipeline"
)

func TestAllowedHost(t *testing.T) {
	name, _ := os.Hostname()
	for _, tt := range []struct {
		bind, host string
		want       bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", true},
		{"127.0.0.1", "localhost:1313", true},
		{"127.0.0.1", "192.0.2.10:1313", false},
		{"127.0.0.1", name, false},
		{"127.0.0.1", "attacker.example", false},
		{"0.0.0.0", "192.0.2.10:1313", true},
		{"0.0.0.0", "[2001:db8::1]:1313", true},
		{"0.0.0.0", name + ":1313", true},
		{"0.0.0.0", "attacker.example:1313", false},
		{"192.0.2.10", "192.0.2.10:1313", true},
		{"192.0.2.10", "198.51.100.1:1313", false},
		{"reception-pc.example.nhs.uk", "reception-pc.example.nhs.uk:1313", true},
		{"::", "[::1]:1313", true},
	} {
		if got := allowedHost(tt.bind, tt.host); got != tt.want {
			t.Errorf("bound to %s, Host %q: allowed = %v, want %v", tt.bind, tt.host, got, tt.want)
		}
	}
}

// TestPollQuietDefault checks how long a polled change must stay still
// before it is built: the poll interval, and at least a second.
func TestPollQuietDefault(t *testing.T) {
	for _, tt := range []struct{ poll, want time.Duration }{
		{0, 50 * time.Millisecond},
		{100 * time.Millisecond, time.Second},
		{2 * time.Second, 2 * time.Second},
	} {
		s, err := Listen(Options{Build: pipeline.Options{Source: t.TempDir()}, Port: 0, Poll: tt.poll})
		if err != nil {
			t.Fatal(err)
		}
		s.ln.Close()
		if s.opt.Quiet != tt.want {
			t.Errorf("--poll %v: quiet %v, want %v", tt.poll, s.opt.Quiet, tt.want)
		}
	}
}
