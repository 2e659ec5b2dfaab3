package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The plan is the shape of the whole site, worked out before any file is
// written: how many ICBs and PCNs, which practices each PCN holds, and the
// functions that name the practice, PCN or ICB at any index. Everything
// else about a record comes from a random stream of its own (see rand),
// so any record can be made on its own, in any order, on any goroutine,
// and still come out the same.

// Practices per ICB and per PCN, roughly as in England (about 6,300
// practices, 42 ICBs, 1,250 PCNs); fewer ICBs than there, so that each
// still has a realistic number of PCNs at small sizes.
const (
	practicesPerICB = 250
	minPCN, maxPCN  = 4, 8 // practices in a PCN: 6 on average
)

// odsLetters start the ODS codes: the letters of English regions' codes.
const odsLetters = "ABCDEFGHJKLMNPY"

// MaxPractices is the most practices Write makes: enough for every
// practice in England many times over, and few enough that every ODS code
// is unique.
const MaxPractices = 100_000

type plan struct {
	seed   uint64
	n      int
	places []string
	// Bijections from an index to a name or code: unique names and codes
	// in a scattered order, with nothing stored per practice.
	practiceName, pcnName, icbName, ods affine
	// pcnStart[k] is the index of the first practice of PCN k;
	// pcnStart[len-1] is n.
	pcnStart []int
	icbs     int
}

func newPlan(n int, seed int64) *plan {
	pl := &plan{seed: uint64(seed), n: n}
	for _, pre := range placePrefixes {
		for _, suf := range placeSuffixes {
			if strings.EqualFold(pre, suf) {
				continue
			}
			pl.places = append(pl.places, pre+suf)
		}
	}
	r := pl.rand(streamPlan, 0)
	pl.practiceName = newAffine(r, len(pl.places)*len(practiceForms))
	pl.pcnName = newAffine(r, len(pl.places))
	pl.icbName = newAffine(r, len(pl.places))
	pl.ods = newAffine(r, len(odsLetters)*100_000)
	// PCNs of 4 to 8 practices; a tail too short to be a PCN joins the
	// last one, and a site of fewer than 4 practices is one PCN.
	for start := 0; start < n; {
		pl.pcnStart = append(pl.pcnStart, start)
		size := minPCN + r.IntN(maxPCN-minPCN+1)
		if n-(start+size) < minPCN {
			size = n - start
		}
		start += size
	}
	pl.pcnStart = append(pl.pcnStart, n)
	pl.icbs = (n + practicesPerICB - 1) / practicesPerICB
	return pl
}

// Random streams: one per kind of record, each indexed by the record's
// number, all derived from the seed.
const (
	streamPlan uint64 = iota + 1
	streamPractice
	streamIdentity
	streamPCN
	streamICB
	streamShared
)

// rand returns the random stream for record i of a kind.
func (pl *plan) rand(stream, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(pl.seed, splitmix(stream<<48^i)))
}

// splitmix scrambles x (SplitMix64's finaliser), so that neighbouring
// streams start far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// affine is the bijection i -> (a*i + b) mod m on [0, m), a coprime to m.
type affine struct{ a, b, m uint64 }

func newAffine(r *rand.Rand, m int) affine {
	f := affine{m: uint64(m), b: r.Uint64N(uint64(m))}
	for {
		f.a = 1 + r.Uint64N(f.m-1)
		if gcd(f.a, f.m) == 1 {
			return f
		}
	}
}

// at maps i to a value in [0, m) and the round i is in: indexes beyond m
// reuse the values, and the round tells the names apart.
func (f affine) at(i int) (v, round int) {
	u := uint64(i)
	return int((f.a*(u%f.m) + f.b) % f.m), int(u / f.m)
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// place is place name v, numbered after the first round.
func (pl *plan) place(v, round int) string {
	if round == 0 {
		return pl.places[v]
	}
	return pl.places[v] + " " + strconv.Itoa(round+1)
}

// pcns is the number of PCNs.
func (pl *plan) pcns() int { return len(pl.pcnStart) - 1 }

// pcnOf returns the PCN of practice i.
func (pl *plan) pcnOf(i int) int {
	lo, hi := 0, pl.pcns()
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if pl.pcnStart[mid] <= i {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// icbOf returns the ICB of PCN k: the PCNs are shared out in runs.
func (pl *plan) icbOf(k int) int { return k * pl.icbs / pl.pcns() }

// ident is what other records need to know of a practice: enough to name
// it as a buddy without making the whole practice.
type ident struct {
	index    int
	id, name string
	ods      string
	street   string // the main surgery's address, without the town
	postcode string
	phone    string
	town     string // its PCN's town
}

func (pl *plan) practice(i int) ident {
	v, round := pl.practiceName.at(i)
	place := pl.place(v/len(practiceForms), round)
	name := fmt.Sprintf(practiceForms[v%len(practiceForms)], place)
	code, _ := pl.ods.at(i)
	r := pl.rand(streamIdentity, uint64(i))
	pcn := pl.pcn(pl.pcnOf(i))
	return ident{
		index:    i,
		id:       slug(name),
		name:     name,
		ods:      fmt.Sprintf("%c%05d", odsLetters[code/100_000], code%100_000),
		street:   fmt.Sprintf("%d %s", 1+r.IntN(120), pick(r, streets)),
		postcode: postcode(r, pcn.place),
		phone:    landline(r),
		town:     pcn.place,
	}
}

// pcnInfo is a primary care network and the organisations that go with
// it: the community pharmacies and the community centre its practices
// use as other premises.
type pcnInfo struct {
	index       int
	id, name    string
	place       string
	icb         int
	first, end  int // its practices
	pharmacies  []string
	pharmacyAt  []string // the street of each pharmacy
	centre      string
	clinicalLed int // which practice's GP is clinical director
}

func (pl *plan) pcn(k int) pcnInfo {
	v, round := pl.pcnName.at(k)
	place := pl.place(v, round)
	r := pl.rand(streamPCN, uint64(k))
	p := pcnInfo{
		index: k,
		id:    slug(place) + "-pcn",
		name:  place + " Primary Care Network",
		place: place,
		icb:   pl.icbOf(k),
		first: pl.pcnStart[k],
		end:   pl.pcnStart[k+1],
	}
	p.clinicalLed = p.first + r.IntN(p.end-p.first)
	for _, j := range r.Perm(len(streets))[:2+r.IntN(2)] {
		p.pharmacies = append(p.pharmacies, slug(place+" "+streets[j])+"-pharmacy")
		p.pharmacyAt = append(p.pharmacyAt, streets[j])
	}
	p.centre = slug(place) + "-community-centre"
	return p
}

// icbInfo is an integrated care board and its services to practices.
type icbInfo struct {
	index     int
	region    string
	id, name  string
	short     string // for references, such as "EICB"
	desk      string
	dpo       string
	safety    string
	landlord  string
	dno       string // the electricity network operator of the region
	hscn      string // its HSCN supplier
	dpoName   string // the named DPO
	reviewer  string // its GPIT engagement manager, for review records
	agreement string // the version of its practice agreement
}

func (pl *plan) icb(j int) icbInfo {
	v, round := pl.icbName.at(j)
	region := pl.place(v, round)
	r := pl.rand(streamICB, uint64(j))
	base := slug(region)
	return icbInfo{
		index:     j,
		region:    region,
		id:        "nhs-" + base + "-icb",
		name:      "NHS " + region + " Integrated Care Board",
		short:     strings.ToUpper(region[:1]) + "ICB",
		desk:      base + "-gpit-service-desk",
		dpo:       base + "-icb-dpo",
		safety:    base + "-icb-clinical-safety",
		landlord:  base + "-health-properties",
		dno:       networkOperators[j%len(networkOperators)].id,
		hscn:      hscnSuppliers[j%len(hscnSuppliers)],
		dpoName:   pick(r, firstNames) + " " + pick(r, surnames),
		reviewer:  pick(r, firstNames) + " " + pick(r, surnames),
		agreement: fmt.Sprintf("ICB Practice Agreement 2026/27 v1.%d", r.IntN(3)),
	}
}

// slug makes an id of a name: lower-case letters and digits, words joined
// by single hyphens ("The Ash Practice" -> "the-ash-practice").
func slug(s string) string {
	var b strings.Builder
	gap := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(c)
		case c == '\'':
			// O'Brien -> obrien
		default:
			gap = true
		}
	}
	return b.String()
}

// Phone numbers come only from Ofcom's ranges for drama, which are never
// allocated to anyone.

func landline(r *rand.Rand) string { return fmt.Sprintf("01632 960%03d", r.IntN(1000)) }
func mobile(r *rand.Rand) string   { return fmt.Sprintf("07700 900%03d", r.IntN(1000)) }

// postcode makes a postcode-like code in a town: its area is the town's
// first two letters.
func postcode(r *rand.Rand, town string) string {
	area := strings.ToUpper(slug(town)[:2])
	return fmt.Sprintf("%s%d %d%c%c", area, 1+r.IntN(9), r.IntN(10), 'A'+r.IntN(26), 'A'+r.IntN(26))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
