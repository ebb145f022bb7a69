/* The search index is fetched when the reader first uses search, not on every page.
   The theme requests search/search_index.json at start-up; this (loaded before the
   theme's bundle) holds that one request back until the search box gets focus, or at
   once when the page was opened from a search result (?h=…, to highlight the words).
   The theme also starts its search worker at start-up (40 KB of script, 12 KB gzipped,
   that a phone downloads and compiles for a search the reader may never make): the
   worker it asks for first is a stand-in that starts the real one at the same moment,
   passing on what the theme sent it meanwhile. The index is asked for with
   Cache-Control: max-age=0, so a phone checks its copy with the server (a 304 when
   unchanged) instead of searching an old one that still holds a case taken down since.
   Everything else goes out unchanged. */
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
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!isSearchWorker(url)) { return new RealWorker(url, options); }
      window.Worker = RealWorker;  // only the theme's first search worker (at start-up) waits
      var real = null, queue = [], listeners = [], ended = false;
      wanted.then(function () {
        if (ended) { return; }
        real = new RealWorker(url, options);
        listeners.forEach(function (args) { real.addEventListener.apply(real, args); });
        queue.forEach(function (message) { real.postMessage(message); });
        listeners = queue = null;
      });
      return {
        postMessage: function (message) { if (real) { real.postMessage(message); } else { queue.push(message); } },
        addEventListener: function () {
          if (real) { real.addEventListener.apply(real, arguments); } else { listeners.push(arguments); }
        },
        removeEventListener: function (type, listener) {
          if (real) { real.removeEventListener.apply(real, arguments); return; }
          listeners = listeners.filter(function (args) { return args[0] !== type || args[1] !== listener; });
        },
        terminate: function () { ended = true; if (real) { real.terminate(); } }
      };
    };
  }
  function isSearchWorker(url) {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(String(url), location.href).href === new URL(config.search, location.href).href;
    } catch (error) {
      return false;  // no theme configuration: start it as asked
    }
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.csSearchIndex = /\/search\/search_index\.json(?:[?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.csSearchIndex) { return send.apply(request, args); }
    request.setRequestHeader("Cache-Control", "max-age=0");
    wanted.then(function () { send.apply(request, args); });
  };
})();
