// The course outline on module pages: open beside the text on wide screens, collapsed on small ones. Visited
// modules are ticked only if the learner agrees ("Lernfortschritt merken"); then, and only then, the browser's
// local storage keeps the list. It never leaves the device; unticking the box deletes it.
(function () {
  "use strict";
  var nav = document.querySelector("nav.course-outline");
  if (!nav) { return; }
  var details = nav.querySelector("details");
  var wide = window.matchMedia("(min-width: 64rem)");
  function fit() { if (details) { details.open = wide.matches; } }
  fit();
  if (wide.addEventListener) { wide.addEventListener("change", fit); }

  var KEY = "mika:besuchte-module";
  var box = nav.querySelector("#mika-fortschritt-merken");
  var storage = null;
  try { storage = window.localStorage; } catch (error) { storage = null; }
  if (!box || !storage) { return; }
  box.closest(".outline-remember").hidden = false;

  function read() {
    try { return JSON.parse(storage.getItem(KEY) || "[]"); } catch (error) { return []; }
  }
  // A page is the same whether opened as …/modul/ or …/modul/index.html.
  function page(path) { return path.replace(/index\.html$/, ""); }
  function show(list) {
    nav.querySelectorAll("li[data-module]").forEach(function (item) {
      var link = item.querySelector("a");
      var visited = link && list.indexOf(page(link.pathname)) !== -1;
      item.classList.toggle("visited", visited);
    });
  }
  function remember() {
    var list = read();
    var here = page(window.location.pathname);
    if (list.indexOf(here) === -1) { list.push(here); }
    try { storage.setItem(KEY, JSON.stringify(list)); } catch (error) { /* full or blocked: nothing to do */ }
    show(list);
  }

  box.checked = storage.getItem(KEY) !== null;
  if (box.checked) { remember(); }
  box.addEventListener("change", function () {
    if (box.checked) {
      remember();
    } else {
      storage.removeItem(KEY);
      show([]);
    }
  });
})();
