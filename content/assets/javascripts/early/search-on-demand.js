/* The search index is fetched when the reader first uses search, not on every page.
   The theme requests search/search_index.json at start-up; this (loaded before the
   theme's bundle) holds that one request back until the search box gets focus, or at
   once when the page was opened from a search result (?h=…, to highlight the words).
   Everything else the theme requests goes out unchanged. */
(function () {
  if (!window.XMLHttpRequest || !window.Promise) { return; }
  var wanted = /[?&]h=/.test(location.search) ? Promise.resolve() : new Promise(function (resolve) {
    function go(event) {
      var target = event.target;
      if (target && target.closest && target.closest(".md-search, [for='__search']")) {
        document.removeEventListener("focusin", go, true);
        document.removeEventListener("pointerdown", go, true);
        resolve();
      }
    }
    document.addEventListener("focusin", go, true);
    document.addEventListener("pointerdown", go, true);
  });
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.csSearchIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.csSearchIndex) { return send.apply(request, args); }
    wanted.then(function () { send.apply(request, args); });
  };
})();
