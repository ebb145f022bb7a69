/* Sortable tables: tablesort (vendored, MIT) on every plain content table.
   Dates, months and weeks written the Chinese way (2026年8月12日, 2026年8月,
   2026年第32周) sort by time; headers sort from the keyboard too (Enter by
   tablesort, Space here). Without JavaScript the tables simply stay as built.
   Tablesort is fetched only when a page shows a table to sort (most pages have none,
   and on a phone a listing is a stack of cards): this file asks for it each time the
   page's content is (re)placed, so the theme's instant navigation keeps working. */
(function () {
  var CN_TIME = /^\s*(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?|第(\d{1,2})周)/;
  // next to this file: assets/javascripts/vendor/tablesort/
  var SORTER = ["vendor/tablesort/tablesort.min.js", "vendor/tablesort/tablesort.number.min.js"];
  var here = document.currentScript ? document.currentScript.src : "";
  // this file's ?v= (the digest of the site's own scripts) goes on to what it loads, so
  // a phone never runs a cached tablesort older than the page (theme.own_assets_version)
  var version = here ? new URL(here).search : "";
  var waiting = null;  // callbacks until tablesort has loaded; null once loaded

  function cnDate(text) {
    var m = CN_TIME.exec(text);
    if (!m) { return -1; }
    return Number(m[1]) * 10000 + (m[4] ? Number(m[4]) * 7
                                       : Number(m[2]) * 100 + Number(m[3] || 0));
  }

  function withSorter(then) {
    if (typeof Tablesort !== "undefined" && waiting === null) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var next = 0;
    (function load() {
      if (next === SORTER.length) {
        Tablesort.extend("cndate", function (item) {
          return CN_TIME.test(item);
        }, function (a, b) {
          return cnDate(b) - cnDate(a);
        });
        var ready = waiting;
        waiting = null;
        ready.forEach(function (run) { run(); });
        return;
      }
      var script = document.createElement("script");
      script.src = new URL(SORTER[next++] + version, here || document.baseURI).href;
      script.onload = load;  // on error tables stay as built, as without JavaScript
      document.head.appendChild(script);
    })();
  }

  var phone = window.matchMedia("(max-width: 37.49em)");

  function sortable() {
    return Array.prototype.filter.call(document.querySelectorAll("article table:not([class])"),
                                       function (table) {
      // A record's fact sheet (label/value rows, theme.py) is not a listing: never sorted.
      if (table.dataset.sortable || table.dataset.facts || !table.tHead) { return false; }
      // On a phone a listing is a stack of cards: no header row to sort by.
      if (table.dataset.cards && phone.matches) { return false; }
      var header = table.tHead.rows[0];
      if (!header || !table.tBodies[0] || table.tBodies[0].rows.length < 2) { return false; }
      return !Array.prototype.every.call(header.cells, function (th) {
        return !th.textContent.trim();
      });
    });
  }

  function enhance(tables) {
    tables.forEach(function (table) {
      if (table.dataset.sortable || !table.isConnected) { return; }
      table.dataset.sortable = "1";
      new Tablesort(table);  // makes headers focusable and sorts on Enter
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.addEventListener("keydown", function (event) {
          if (event.key === " ") { event.preventDefault(); th.click(); }
        });
      });
    });
  }
  // A table box that scrolls sideways can be scrolled from the keyboard too (WCAG 2.1.1):
  // it takes focus and is named after the table's first column.
  function scrollers() {
    document.querySelectorAll("article .md-typeset__scrollwrap, article table").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var th = box.querySelector("th");
      var table = box.tagName === "TABLE";
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scroller = "1";
        if (!table) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", th ? th.textContent.trim() : "table");
        }
      } else if (!wide && box.dataset.scroller) {
        box.removeAttribute("tabindex");
        delete box.dataset.scroller;
        if (!table) {
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      }
    });
  }
  function start() {
    var tables = sortable();
    if (tables.length) { withSorter(function () { enhance(tables); }); }
    window.requestAnimationFrame(scrollers);
  }
  window.addEventListener("resize", scrollers);
  if (typeof document$ !== "undefined") { document$.subscribe(start); } else { start(); }
})();
