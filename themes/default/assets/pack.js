// pack.js lays the continuity pack out on A4 pages, so that the cover and
// the contents can say which page each part starts on.
//
// Browsers cannot print a page number for a link target (CSS
// target-counter is not in Chromium), and their own page breaks are not
// known to the page. So the pack decides every break itself: it is shown
// on screen at exactly the width it prints (pack.css), each part starts a
// new page, and the script measures the blocks that must not be split (a
// step, a table row, a heading with what follows it) and puts a forced
// break before the first block that would not fit. Each page then holds
// what was measured, with room to spare, and the browser's own layout
// never needs to break anywhere else.
//
// Markup: the parts are the children of .pack with class "part". Inside a
// part, a child is one block unless it has a data-split attribute, in
// which case its children are blocks (recursively). h2, h3, h4 and
// .keep-next stay with the block after them. A split table's rows are
// blocks, and its header row repeats at the top of each page.
//
// Where a card runs on to another page, the page starts with a line naming
// the card and, among a role's steps, the role (see continuation).
//
// Without JavaScript the pack still prints: every part starts a page and
// no step is split; only the page numbers on the cover and the contents,
// and the lines that head a card's later pages, are missing, and the
// cards are found by their numbers.
(function () {
  "use strict";
  var root = document.documentElement;
  var pack = document.querySelector(".pack");
  if (!pack) {
    return;
  }

  // Room left free at the foot of each page for differences between the
  // screen and print layouts, in CSS pixels (about 4 mm).
  var SLACK = 16;

  function pageHeight() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;width:1px;height:var(--page-height)";
    pack.appendChild(probe);
    var h = probe.getBoundingClientRect().height;
    pack.removeChild(probe);
    return h;
  }

  function isHeading(el) {
    return /^H[2-6]$/.test(el.tagName) || el.classList.contains("keep-next");
  }

  // blocks lists the unsplittable blocks of el in document order, each as
  // {el, top, bottom, header}: el is where a break would go, header the
  // height of a table header that repeats above it on a new page.
  function blocks(el, out, header) {
    var pending = null;
    for (var i = 0; i < el.children.length; i++) {
      var child = el.children[i];
      var r = child.getBoundingClientRect();
      if (r.height === 0 && r.width === 0) {
        continue;
      }
      if (child.tagName === "TABLE" && child.hasAttribute("data-split")) {
        tableBlocks(child, out, pending);
        pending = null;
        continue;
      }
      if (child.hasAttribute("data-split")) {
        var from = out.length;
        blocks(child, out, header);
        if (pending && out.length > from) {
          out[from].el = pending.el;
          out[from].top = pending.top;
          pending = null;
        }
        continue;
      }
      var b = { el: child, top: r.top - marginTop(child), bottom: r.bottom, header: header };
      if (pending) {
        b.el = pending.el;
        b.top = pending.top;
        pending = null;
      }
      if (isHeading(child)) {
        pending = b;
        continue;
      }
      out.push(b);
    }
    if (pending) {
      out.push(pending);
    }
  }

  function tableBlocks(table, out, pending) {
    var head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
    var first = true;
    for (var t = 0; t < table.tBodies.length; t++) {
      var rows = table.tBodies[t].rows;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i].getBoundingClientRect();
        var b = { el: rows[i], top: r.top, bottom: r.bottom, header: head };
        if (first) {
          // The caption and header stay with the first row.
          var top = table.getBoundingClientRect().top - marginTop(table);
          b = { el: pending ? pending.el : table, top: pending ? pending.top : top, bottom: r.bottom, header: 0 };
          first = false;
        }
        out.push(b);
      }
    }
    if (first) {
      var tr = table.getBoundingClientRect();
      out.push({ el: pending ? pending.el : table, top: pending ? pending.top : tr.top, bottom: tr.bottom, header: 0 });
    }
  }

  // continuation puts a line before el, where a page break is to go, that
  // says which card the page continues and, among a role's steps, which
  // role: "Card 3, Phones down · Reception, continued". So a sheet that
  // has come loose from the pack says whose steps it holds. It returns the
  // line, or null outside a card.
  function continuation(el) {
    var card = el.closest(".card");
    if (!card || el === card) {
      return null;
    }
    var text = card.getAttribute("data-card");
    var role = el.closest(".role");
    if (role && el !== role && el !== role.firstElementChild) {
      text += " · " + role.getAttribute("data-role");
    }
    text += ", continued";
    var line = document.createElement("p");
    line.className = "continued";
    line.textContent = text;
    var whole = el.tagName === "TR" ? el.closest("table") : el.tagName === "LI" ? el.parentNode : null;
    if (!whole) {
      el.parentNode.insertBefore(line, el);
      return line;
    }
    // A list or table is split in two at the item or row, with the line
    // between them: the rest of a list keeps its numbers, the rest of a
    // table its header row.
    var rest = whole.cloneNode(false);
    var into = rest;
    if (el.tagName === "TR") {
      if (whole.caption) {
        rest.appendChild(whole.caption.cloneNode(true)).textContent += ", continued";
      }
      if (whole.tHead) {
        rest.appendChild(whole.tHead.cloneNode(true));
      }
      into = rest.appendChild(document.createElement("tbody"));
    } else if (whole.tagName === "OL") {
      var before = 0;
      for (var s = el.previousElementSibling; s; s = s.previousElementSibling) {
        before++;
      }
      rest.start = whole.start + before;
    }
    var move = [];
    for (var r = el; r; r = r.nextElementSibling) {
      move.push(r);
    }
    // Any later bodies of the table go with the rest.
    for (var b = el.tagName === "TR" ? el.parentNode.nextElementSibling : null; b; b = b.nextElementSibling) {
      move.push(b);
    }
    for (var i = 0; i < move.length; i++) {
      (move[i].tagName === "TBODY" ? rest : into).appendChild(move[i]);
    }
    whole.parentNode.insertBefore(rest, whole.nextSibling);
    whole.parentNode.insertBefore(line, rest);
    return line;
  }

  function marginTop(el) {
    return parseFloat(getComputedStyle(el).marginTop) || 0;
  }

  function layout() {
    var height = pageHeight();
    if (!(height > 100)) {
      throw new Error("the page height --page-height is not set in pack.css");
    }
    var limit = height - SLACK;
    var starts = {};
    var page = 0;
    var parts = pack.querySelectorAll(".pack > .part");
    for (var p = 0; p < parts.length; p++) {
      var part = parts[p];
      page++;
      starts[part.id] = page;
      part.setAttribute("data-page", page);
      var list = [];
      blocks(part, list, 0);
      var start = part.getBoundingClientRect().top - marginTop(part);
      // How far the lines put in so far have moved the blocks down.
      var shift = 0;
      for (var i = 0; i < list.length; i++) {
        var b = list[i];
        var top = b.top + shift, bottom = b.bottom + shift;
        if (bottom - start > limit && top > start) {
          page++;
          var at = b.el;
          var before = at.getBoundingClientRect().top;
          var line = continuation(at);
          if (line) {
            var moved = at.getBoundingClientRect().top - before;
            shift += moved;
            bottom += moved;
            top = line.getBoundingClientRect().top - marginTop(line);
            at = line;
          }
          at.classList.add("page-start");
          at.setAttribute("data-page", page);
          // A table's header row repeats above the rest of it, unless the
          // line has split the table and it is there already.
          start = top - (line ? 0 : b.header);
        }
        // A block taller than a page is split by the browser wherever it
        // must; count the pages it runs onto.
        while (bottom - start > height) {
          page++;
          start += height;
        }
      }
    }
    var refs = document.querySelectorAll("[data-page-of]");
    for (var j = 0; j < refs.length; j++) {
      var n = starts[refs[j].getAttribute("data-page-of")];
      if (n === undefined) {
        throw new Error("the pack refers to a part that is not in it: " + refs[j].getAttribute("data-page-of"));
      }
      refs[j].textContent = String(n);
    }
    pack.setAttribute("data-pages", page);
    var total = document.querySelectorAll("[data-pages-total]");
    for (var k = 0; k < total.length; k++) {
      total[k].textContent = String(page);
    }
  }

  // Measure at the printed width, whatever the width of the window
  // (pack.css reflows the pack on a narrow screen).
  root.classList.add("pack-measuring");
  try {
    layout();
  } catch (e) {
    root.setAttribute("data-print-error", "continuity pack layout: " + e.message);
  } finally {
    root.classList.remove("pack-measuring");
  }
})();
