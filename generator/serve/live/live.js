// handbook serve: live reload. Added to every page by handbook serve, never
// to built output. It listens for builds over Server-Sent Events and, when
// this page or a stylesheet it uses has changed, brings it up to date:
// swapping in the new body (keeping the scroll position) rather than
// reloading, where the page has no scripts of its own. While the last build
// failed it shows the errors over the page; a good build removes them.
(function () {
  "use strict";
  var me = document.currentScript;
  var since = me ? me.getAttribute("data-since") : "";
  var here = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (here === "" || here.charAt(here.length - 1) === "/") {
    here += "index.html";
  }
  var queue = Promise.resolve();

  function sitePath(url) {
    var u = new URL(url, location.href);
    if (u.origin !== location.origin) {
      return "";
    }
    return decodeURIComponent(u.pathname).replace(/^\/+/, "");
  }

  // hasOwnScripts reports whether doc runs scripts other than this one that
  // swapping the body would not run again. Scripts marked data-swap-safe
  // (the search) keep working across a swap.
  function hasOwnScripts(doc) {
    var scripts = doc.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) {
      var s = scripts[i];
      if (sitePath(s.getAttribute("src") || "") !== "_handbook/live.js" && !s.hasAttribute("data-swap-safe")) {
        return true;
      }
    }
    return false;
  }

  // rerunScripts brings this page's changed scripts up to date. A script
  // marked data-swap-safe="rerun" (data, such as the search index) runs
  // again; any other changed script needs a reload, which it reports.
  function rerunScripts(changed, build) {
    var scripts = document.querySelectorAll("script[src]");
    var reload = false;
    for (var i = 0; i < scripts.length; i++) {
      var old = scripts[i];
      var src = old.getAttribute("src");
      if (changed.indexOf(sitePath(src)) < 0) {
        continue;
      }
      if (old.getAttribute("data-swap-safe") !== "rerun") {
        reload = true;
        continue;
      }
      var fresh = document.createElement("script");
      fresh.setAttribute("data-swap-safe", "rerun");
      fresh.src = src.replace(/\?.*$/, "") + "?build=" + build;
      old.replaceWith(fresh);
    }
    return reload;
  }

  function refresh() {
    if (hasOwnScripts(document)) {
      location.reload();
      return Promise.resolve();
    }
    return fetch(location.href, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (hasOwnScripts(doc)) {
          location.reload();
          return;
        }
        var x = window.scrollX, y = window.scrollY;
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        window.scrollTo(x, y);
      })
      .catch(function () { location.reload(); });
  }

  function restyle(changed, build) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (changed.indexOf(sitePath(href)) >= 0) {
        links[i].setAttribute("href", href.replace(/\?.*$/, "") + "?build=" + build);
      }
    }
  }

  function showErrors(count) {
    var old = document.getElementById("handbook-live-errors");
    if (count === 0) {
      if (old) {
        old.remove();
      }
      return Promise.resolve();
    }
    return fetch("/_handbook/overlay", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var box = document.createElement("div");
        box.innerHTML = html;
        var overlay = box.firstElementChild;
        var now = document.getElementById("handbook-live-errors");
        if (!overlay) {
          return;
        }
        if (now) {
          now.replaceWith(overlay);
        } else {
          document.body.appendChild(overlay);
        }
      });
  }

  function onBuild(ev) {
    var changed = ev.changed || [];
    if (rerunScripts(changed, ev.build)) {
      location.reload();
      return Promise.resolve();
    }
    if (ev.reload || changed.indexOf(here) >= 0) {
      // The new page carries the overlay when the build failed.
      return refresh().then(function () { return ev.errors ? showErrors(ev.errors) : null; });
    }
    restyle(changed, ev.build);
    return showErrors(ev.errors);
  }

  document.addEventListener("click", function (e) {
    if (e.target && e.target.classList && e.target.classList.contains("hb-live-hide")) {
      var overlay = document.getElementById("handbook-live-errors");
      if (overlay) {
        overlay.hidden = true;
      }
    }
  });

  if (!window.EventSource) {
    return;
  }
  var events = new EventSource("/_handbook/events?since=" + encodeURIComponent(since));
  events.addEventListener("build", function (e) {
    var ev = JSON.parse(e.data);
    queue = queue.then(function () { return onBuild(ev); }).then(function () {
      document.documentElement.setAttribute("data-handbook-build", String(ev.build));
    });
  });
})();
