package webtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// phrasings are what staff type when something stops working, by the
// runbook that should come first. A runbook is named by its id, or by a
// concept that each example practice answers with its own runbook.
var phrasings = map[string][]string{
	"clinical-down": {"clinical system down", "clinical system not working", "patient records not loading",
		"can't get into patient records", "computers not working", "the system is down", "appointments system down",
		"clinical sytem down", "records system crashed", "clinical system offline"},
	"clinical-slow": {"clinical system slow", "clinical system freezing", "records slow to load", "clinical system frozen"},
	"documents": {"letters not filing", "documents not arriving", "hospital letters missing", "documents not filing",
		"scanned documents not filing"},
	"eps-down": {"prescriptions not going", "eps down", "electronic prescriptions not working", "can't send prescriptions",
		"pharmacy not getting prescriptions", "prescriptons down", "prescribing down"},
	"hscn-down": {"no internet", "internet down", "network down", "internet not working", "wifi down", "no wifi",
		"broadband down", "can't get online", "hscn down", "no connection", "network is down"},
	"nhsmail-down": {"email down", "email not working", "nhsmail down", "can't send emails", "outlook not working",
		"teams down", "emails not arriving", "emial down"},
	"online-consultation-down": {"online consultation down", "online form not working", "online consultations not working",
		"patients can't submit requests online"},
	"patient-messaging-failed": {"texts not sending", "text messages failed", "accurx down", "sms not working",
		"patient messages failed", "can't text patients"},
	"phones-down": {"phones down", "phones not working", "no dial tone", "can't make calls", "telephones down",
		"phone lines down", "switchboard down", "phnoes down", "phone system down", "patients can't get through"},
	"power-cut": {"power cut", "no power", "electricity off", "blackout", "power outage", "no electricity", "lights out"},
	"smartcard-login-failure": {"smartcard not working", "can't log in with smartcard", "card reader not working",
		"smart card error", "smartcard locked", "smartcards down", "cis2 down"},
	"cyber-incident": {"ransomware", "cyber attack", "hacked", "virus on computer", "clicked a phishing email",
		"phishing email", "files encrypted", "malware"},
	"building-unusable": {"building closed", "fire", "flood", "can't get into the building", "building unusable",
		"evacuate the building", "surgery flooded"},
}

// practiceRunbook is the runbook that answers concept at practice, or
// the concept itself when it is a runbook's id in both.
func practiceRunbook(practice, concept string) string {
	own := map[string]map[string]string{
		"riverside":     {"clinical-down": "emis-web-down", "clinical-slow": "emis-web-slow", "documents": "docman-not-filing"},
		"castlegate":    {"clinical-down": "systmone-down", "clinical-slow": "systmone-contingency-mode", "documents": "documents-not-filing"},
		"hollins-green": {"clinical-down": "emis-web-down", "clinical-slow": "emis-web-slow", "documents": "docman-not-filing"},
	}
	if id, ok := own[practice][concept]; ok {
		return id
	}
	return concept
}

// TestPhrasings searches for every phrasing on each example practice's
// home page, with the page's own search (TestSearchToRunbook types into
// the box), and checks that the first result is the runbook for it; then
// on the top page, which searches every practice, that the first result
// is one of the practices' runbooks for it and says which practice it is
// for. On each, at least 95% must be right; the test prints the scores
// and each miss.
func TestPhrasings(t *testing.T) {
	s, tab := open(t)
	tab.Resize(t, desktop, 900)
	practices := []string{"riverside", "castlegate", "hollins-green"}
	for _, page := range append(slices.Clone(practices), "") {
		total, right := 0, 0
		var misses []string
		where := page
		if page == "" {
			where = "the top page"
			tab.Open(t, s.HTTP("index.html"))
		} else {
			tab.Open(t, s.HTTP(page+"/index.html"))
		}
		var queries []string
		var wants [][]string
		for concept, qs := range phrasings {
			var want []string
			for _, pr := range practices {
				if page == "" || page == pr {
					want = append(want, pr+"/runbooks/"+practiceRunbook(pr, concept)+".html")
				}
			}
			for _, q := range qs {
				queries = append(queries, q)
				wants = append(wants, want)
			}
		}
		list, _ := json.Marshal(queries)
		firsts := Eval[[][3]string](t, tab, `(() => `+string(list)+`.map((q) => {
			const r = window.handbookSearch(q);
			return r.length ? [r[0].url, r[0].title, r[0].kind] : ["", "", ""];
		}))()`)
		for i, q := range queries {
			total++
			url, title, kind := firsts[i][0], firsts[i][1], firsts[i][2]
			switch {
			case !slices.Contains(wants[i], url):
				misses = append(misses, fmt.Sprintf("%s: %q first %q, want %s", where, q, title, strings.Join(wants[i], " or ")))
			case page == "" && !strings.HasSuffix(kind, ", "+practiceNames[strings.SplitN(url, "/", 2)[0]]):
				misses = append(misses, fmt.Sprintf("%s: %q first %q, which says %q, not its practice", where, q, title, kind))
			default:
				right++
			}
		}
		score := float64(right) / float64(total) * 100
		t.Logf("phrasings on %s: %d of %d right first (%.1f%%)", where, right, total, score)
		for _, m := range misses {
			t.Log(m)
		}
		if score < 95 {
			t.Errorf("on %s, %.1f%% of phrasings find their runbook first; the target is 95%%", where, score)
		}
	}
}

// practiceNames are the example practices' names, by folder.
var practiceNames = map[string]string{"riverside": "Riverside Medical Centre", "castlegate": "Castlegate Surgery", "hollins-green": "Hollins Green Surgery"}
