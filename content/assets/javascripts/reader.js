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
/* The header's menu and search buttons are <label>s for the theme's hidden checkboxes
   (they work without JavaScript): a click opens the drawer or the search, but Tab passed
   them by, and a screen reader could not tell a button, nor whether what it opens was
   open. With JavaScript each becomes a <button> (the same classes and `for`, which the
   theme's styles and scripts look for) that names what it opens (aria-controls) and
   says whether it is open (aria-expanded, kept with the theme's checkbox). Focus then
   moves into what opened (the drawer's first link, the search box), and Escape closes
   it, back on its button. */
(function () {
  var header = document.querySelector(".md-header");
  if (!header) { return; }
  var opens = {
    __drawer: {panel: ".md-sidebar--primary", id: "cs-drawer",
               inside: ".md-sidebar--primary .md-nav__list a[href]"},
    __search: {panel: ".md-search", id: "cs-search", inside: ".md-search__input"}
  };
  Array.prototype.forEach.call(header.querySelectorAll(
      "label.md-header__button[for=__drawer], label.md-header__button[for=__search]"),
                               function (label) {
    var id = label.htmlFor, toggle = document.getElementById(id);
    var panel = document.querySelector(opens[id].panel);
    if (!toggle || !panel) { return; }
    if (!panel.id) { panel.id = opens[id].id; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("for", id);
    button.setAttribute("aria-controls", panel.id);
    while (label.firstChild) { button.appendChild(label.firstChild); }
    label.parentNode.replaceChild(button, label);
    function state() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    state();
    toggle.addEventListener("change", state);
    button.addEventListener("click", function () {
      toggle.click();
      window.setTimeout(function () {
        if (!toggle.checked) { return; }
        var shown = Array.prototype.filter.call(document.querySelectorAll(opens[id].inside),
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
      var button = header.querySelector(".md-header__button[for=" + id + "]");
      if (!toggle || !toggle.checked || !button) { return; }
      if (id === "__drawer") { toggle.click(); }
      window.setTimeout(function () {
        if (!toggle.checked && button.offsetParent !== null) { button.focus(); }
      }, 0);
    });
  });
})();
