// handbook: search as you type, offline and from a copy on a shared drive
// (file://). The page loads its search index as a classic script before
// this one (window.handbookSearchIndex: [title, url, kind, desc, words,
// text, boost] for each entry); nothing is fetched. Without JavaScript the
// search form opens the A to Z index instead.
//
// Matching: the query's words (less the little words) must each match a
// word of the entry exactly, as the start of a word, or with a typo or two
// (one for words of 4 to 7 letters, two for longer). A match in the title
// counts most, then other names (product, plain name, scenario words, the
// everyday words for the kind of service), then the description, then the
// text. A word that only says something failed ("down", "slow") counts a
// third as much; two words of the query in a row among the names ("clinical
// system", "not working") add to the score. Runbooks and services rank
// first among equal matches. When no entry matches every word, entries
// matching some are shown. Enter opens the first result only when it
// clearly leads; otherwise the results stay, the first focused.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.getAttribute("data-root") || "" : "";
  var MAX = 10;
  var STOP = {};
  ("a an and are at be can cant do does doesnt dont for from has have how i in is isnt it its " +
    "me my no not of on or our the to too up we what when where who why will with wont work working s t").split(" ")
    .forEach(function (w) { STOP[w] = true; });
  // How far the first result must score above the second for Enter to
  // open it; otherwise Enter moves to the results, for the reader to pick.
  var LEAD = 1.25;
  // Field weights: title, words, description, text.
  var WEIGHT = [3, 2, 1.5, 1];
  // Words that say something has failed, not what: they count for little
  // on their own, so that "smartcards down" finds the Smartcard runbook
  // before every runbook titled "... down".
  var FAILED = {};
  ("down slow failed failure failing broken offline frozen freezing crashed crash outage error stopped dead " +
    "unavailable lagging hanging intermittent").split(" ").forEach(function (w) { FAILED[w] = true; });

  var prepared = null;
  var preparedFrom = null;

  function fold(s) {
    s = String(s || "").toLowerCase();
    if (s.normalize) {
      s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    return s.replace(/[^a-z0-9]+/g, " ").trim();
  }

  function words(s) {
    s = fold(s);
    return s ? s.split(" ") : [];
  }

  // entries turns the index into searchable entries, once per index (serve
  // may load a new one).
  function entries() {
    var index = window.handbookSearchIndex;
    if (!index) {
      return [];
    }
    if (preparedFrom !== index) {
      prepared = index.map(function (row) {
        return {
          title: row[0], url: row[1], kind: row[2], desc: row[3], boost: row[6] || 1,
          fields: [words(row[0]), words(row[4]), words(row[3]), words(row[5])],
          phrase: " " + fold(row[0] + " " + row[4]) + " ",
          name: fold(row[0])
        };
      });
      preparedFrom = index;
    }
    return prepared;
  }

  // distance is the Damerau-Levenshtein (optimal string alignment)
  // distance between a and b, or max+1 once it is certain to exceed max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) {
      return max + 1;
    }
    var prev2 = [], prev = [], cur = [];
    var i, j;
    for (j = 0; j <= b.length; j++) {
      prev[j] = j;
    }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        if (v < best) {
          best = v;
        }
      }
      if (best > max) {
        return max + 1;
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // match scores how well query word q matches word w: 1 the same, 0.8 the
  // start of it, 0.6 with typos, 0 not at all.
  function match(q, w) {
    if (q === w) {
      return 1;
    }
    if (q.length >= 2 && w.lastIndexOf(q, 0) === 0) {
      return 0.8;
    }
    if (q.length < 4) {
      return 0;
    }
    var max = q.length >= 8 ? 2 : 1;
    if (distance(q, w, max) <= max) {
      return 0.6;
    }
    // A typo in a word still being typed: compare with the start of w.
    if (w.length > q.length && distance(q, w.slice(0, q.length), max) <= max) {
      return 0.5;
    }
    return 0;
  }

  function scoreWord(q, e) {
    var best = 0;
    for (var f = 0; f < e.fields.length; f++) {
      var ws = e.fields[f];
      for (var i = 0; i < ws.length; i++) {
        var s = match(q, ws[i]) * WEIGHT[f];
        if (s > best) {
          best = s;
        }
      }
    }
    return best;
  }

  // search returns the entries matching query, best first.
  function search(query) {
    var all = words(query);
    var qs = all.filter(function (w) { return !STOP[w]; });
    if (qs.length === 0) {
      qs = all;
    }
    if (qs.length === 0) {
      return [];
    }
    var phrase = " " + all.join(" ") + " ";
    var every = [], some = [];
    entries().forEach(function (e, order) {
      var total = 0, matched = 0;
      qs.forEach(function (q) {
        var s = scoreWord(q, e);
        if (s > 0) {
          matched++;
          total += FAILED[q] ? s / 3 : s;
        }
      });
      if (matched === 0) {
        return;
      }
      // Bonuses for the whole query as typed: the title itself, the
      // start of the title, or words in a row.
      var typed = all.join(" ");
      if (e.name === typed) {
        total += 5;
      } else if (e.name.lastIndexOf(typed, 0) === 0) {
        total += 3.5;
      } else if (all.length > 1 && e.phrase.indexOf(phrase) >= 0) {
        total += 2.5;
      } else {
        // Two words in a row of the query, such as "clinical system" or
        // "not working", found together among the names.
        for (var i = 1; i < all.length; i++) {
          if (e.phrase.indexOf(" " + all[i - 1] + " " + all[i] + " ") >= 0) {
            total += 1.5;
          }
        }
      }
      var r = { e: e, score: total * e.boost, order: order };
      (matched === qs.length ? every : some).push(r);
    });
    var found = every.length ? every : some;
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var out = found.map(function (r) { return r.e; });
    // The first result clearly leads when it matches every word and
    // scores well above the next: Enter then opens it.
    out.clear = every.length > 0 && (found.length === 1 || found[0].score >= LEAD * found[1].score);
    return out;
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) {
      n.className = cls;
    }
    if (text) {
      n.textContent = text;
    }
    return n;
  }

  function byId(id) { return document.getElementById(id); }

  function show(query) {
    var box = byId("search-results");
    var status = byId("search-status");
    if (!box) {
      return;
    }
    box.textContent = "";
    query = query.trim();
    if (!query) {
      box.hidden = true;
      if (status) {
        status.textContent = "";
      }
      return;
    }
    var found = search(query);
    var shown = found.slice(0, MAX);
    var said;
    if (found.length === 0) {
      said = "No results for \u201c" + query + "\u201d.";
    } else if (found.length > MAX) {
      said = found.length + " results for \u201c" + query + "\u201d; showing the best " + MAX + ".";
    } else {
      said = (found.length === 1 ? "1 result" : found.length + " results") + " for \u201c" + query + "\u201d.";
    }
    var heading = el("h2", "search-results-title", said);
    heading.id = "search-results-title";
    box.appendChild(heading);
    if (shown.length) {
      var list = el("ol", "search-results-list");
      list.setAttribute("aria-labelledby", "search-results-title");
      shown.forEach(function (e) {
        var li = el("li");
        var a = el("a", "search-result-link", e.title);
        a.href = root + e.url;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "search-result-kind", e.kind));
        if (e.desc) {
          li.appendChild(el("p", "search-result-desc", e.desc));
        }
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    var az = document.querySelector("form.search");
    if (az) {
      var p = el("p", "search-results-az");
      var link = el("a", "", "See every page from A to Z");
      link.href = az.getAttribute("action");
      p.appendChild(link);
      box.appendChild(p);
    }
    box.hidden = false;
    if (status) {
      status.textContent = said;
    }
  }

  function resultLinks() {
    var box = byId("search-results");
    return box ? Array.prototype.slice.call(box.querySelectorAll("a.search-result-link")) : [];
  }

  // The listeners sit on the document, so that they keep working when
  // handbook serve swaps in a new body.
  var timer = 0;
  document.addEventListener("input", function (ev) {
    if (ev.target && ev.target.id === "search") {
      clearTimeout(timer);
      var q = ev.target.value;
      timer = setTimeout(function () { show(q); }, 60);
    }
  });

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var input = byId("search");
    if (!form || !form.classList || !form.classList.contains("search") || !input || !window.handbookSearchIndex) {
      return;
    }
    ev.preventDefault();
    clearTimeout(timer);
    show(input.value);
    var links = resultLinks();
    if (links.length && search(input.value.trim()).clear) {
      location.href = links[0].href;
    } else if (links.length) {
      // No result clearly leads: the list stays, and the first is focused.
      links[0].focus();
      var status = byId("search-status");
      if (status) {
        status.textContent = "No one result clearly fits “" + input.value.trim() + "”: choose one of the " + links.length + " results.";
      }
    }
  });

  document.addEventListener("keydown", function (ev) {
    var links = resultLinks();
    var input = byId("search");
    var t = ev.target;
    var i = links.indexOf(t);
    if (ev.key === "Escape" && (t === input || i >= 0)) {
      input.value = "";
      show("");
      input.focus();
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") {
      return;
    }
    if (t === input && ev.key === "ArrowDown" && links.length) {
      ev.preventDefault();
      links[0].focus();
    } else if (i >= 0) {
      ev.preventDefault();
      if (ev.key === "ArrowDown" && i + 1 < links.length) {
        links[i + 1].focus();
      } else if (ev.key === "ArrowUp") {
        (i > 0 ? links[i - 1] : input).focus();
      }
    }
  });

  function start() {
    var hint = byId("search-hint");
    if (hint) {
      hint.textContent = "Results appear below as you type. Press the down arrow to move to them, Escape to clear.";
    }
    // The A to Z index opened from the search form (as it is without
    // JavaScript, or before this script ran) searches for what was typed.
    var m = /[?&]q=([^&]*)/.exec(location.search);
    var input = byId("search");
    if (m && input) {
      var q = m[1].replace(/\+/g, " ");
      try {
        q = decodeURIComponent(q);
      } catch (e) {
        // Leave a malformed escape as it was typed.
      }
      input.value = q;
      show(q);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  window.handbookSearch = search;
}());
