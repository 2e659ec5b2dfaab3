// handbook: sorting the register by a column. Each column heading marked
// data-sort becomes a button; pressing it sorts the services within each
// group (criticality) by that column, pressing again reverses the order.
// Without JavaScript the register stays sorted by name within each group.
(function () {
  "use strict";
  var table = document.getElementById("register");
  if (!table) {
    return;
  }
  var heads = table.tHead.rows[0].cells;
  var original = [];
  Array.prototype.forEach.call(table.tBodies, function (body) {
    original.push(Array.prototype.slice.call(body.rows, 1));
  });

  function key(row, col, kind) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-value") || cell.textContent.trim().toLowerCase();
    if (kind === "state") {
      // Most errors first, then most warnings.
      var n = v.split(".");
      return -(Number(n[0]) * 1000 + Number(n[1]));
    }
    return v;
  }

  function sortBy(col, kind, descending) {
    Array.prototype.forEach.call(table.tBodies, function (body, i) {
      var rows = original[i].slice();
      rows.sort(function (a, b) {
        var ka = key(a, col, kind), kb = key(b, col, kind);
        // A date never set sorts first: it is the most overdue.
        var c = ka < kb ? -1 : ka > kb ? 1 : 0;
        return descending ? -c : c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  }

  Array.prototype.forEach.call(heads, function (th, col) {
    var kind = th.getAttribute("data-sort");
    if (!kind) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortBy(col, kind, descending);
    });
  });
})();
