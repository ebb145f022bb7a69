/* Sortable tables: tablesort (vendored, MIT) on every plain content table.
   Dates, months and weeks written the Chinese way (2026年8月12日, 2026年8月,
   2026年第32周) sort by time; headers sort from the keyboard too (Enter by
   tablesort, Space here). Without JavaScript the tables simply stay as built. */
(function () {
  var CN_TIME = /^\s*(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?|第(\d{1,2})周)/;
  function cnDate(text) {
    var m = CN_TIME.exec(text);
    if (!m) { return -1; }
    return Number(m[1]) * 10000 + (m[4] ? Number(m[4]) * 7
                                       : Number(m[2]) * 100 + Number(m[3] || 0));
  }
  Tablesort.extend("cndate", function (item) {
    return CN_TIME.test(item);
  }, function (a, b) {
    return cnDate(b) - cnDate(a);
  });

  var phone = window.matchMedia("(max-width: 37.49em)");

  function enhance() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      // A record's fact sheet (label/value rows, theme.py) is not a listing: never sorted.
      if (table.dataset.sortable || table.dataset.facts || !table.tHead) { return; }
      // On a phone a listing is a stack of cards: no header row to sort by.
      if (table.dataset.cards && phone.matches) { return; }
      var header = table.tHead.rows[0];
      if (!header || table.tBodies[0].rows.length < 2) { return; }
      if (Array.prototype.every.call(header.cells, function (th) { return !th.textContent.trim(); })) {
        return;
      }
      table.dataset.sortable = "1";
      new Tablesort(table);  // makes headers focusable and sorts on Enter
      Array.prototype.forEach.call(header.cells, function (th) {
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
    enhance();
    window.requestAnimationFrame(scrollers);
  }
  window.addEventListener("resize", scrollers);
  if (typeof document$ !== "undefined") { document$.subscribe(start); } else { start(); }
})();
