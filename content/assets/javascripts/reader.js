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
