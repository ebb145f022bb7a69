/* A printed page carries the day it was printed next to the day it was built.
   Without JavaScript the printout still names the site, the issuing body, the page's
   address and the build date (print CSS in site.css). */
(function () {
  function stamp() {
    var now = new Date();
    var day = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
    Array.prototype.forEach.call(document.querySelectorAll(".cs-print-date"), function (el) {
      el.textContent = "　" + el.getAttribute("data-label") + "：" + day;
    });
  }
  window.addEventListener("beforeprint", stamp);
})();
/* The header's menu and search buttons are <label>s for the theme's hidden checkboxes:
   a click opens the drawer or the search, but Tab passed them by, so on a phone (where
   the navigation and the search box are behind them) a keyboard or switch user reached
   neither. They take focus and open on Enter (the theme clicks a focused label) or
   Space; focus then moves into what opened (the drawer's first link, the search box),
   and Escape closes it, back on its button. */
(function () {
  var header = document.querySelector(".md-header");
  if (!header) { return; }
  var inside = {
    __drawer: ".md-sidebar--primary .md-nav__list a[href]",
    __search: ".md-search__input"
  };
  Array.prototype.forEach.call(header.querySelectorAll(
      "label.md-header__button[for=__drawer], label.md-header__button[for=__search]"),
                               function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || label.hasAttribute("tabindex")) { return; }
    // (no role: ARIA allows none on a <label>; its name, 栏目导航 or 站内搜索, says it)
    label.setAttribute("tabindex", "0");
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      if (event.key === " ") { event.preventDefault(); label.click(); }
      window.setTimeout(function () {
        if (!toggle.checked) { return; }
        var shown = Array.prototype.filter.call(document.querySelectorAll(inside[label.htmlFor]),
                                                function (el) { return el.getClientRects().length; });
        if (shown.length) { shown[0].focus(); }
      }, 0);
    });
  });
  // Escape closes the drawer (the theme closes search itself): focus goes back to the
  // button that opened it, not to the top of the page.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      var button = header.querySelector("label.md-header__button[for=" + id + "]");
      if (!toggle || !toggle.checked || !button) { return; }
      if (id === "__drawer") { toggle.click(); }
      window.setTimeout(function () {
        if (!toggle.checked && button.offsetParent !== null) { button.focus(); }
      }, 0);
    });
  });
})();
