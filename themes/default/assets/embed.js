// Two-click embeds: nothing is requested from the provider until the reader presses the button.
(function () {
  "use strict";
  document.querySelectorAll("figure.two-click").forEach(function (figure) {
    var button = figure.querySelector(".two-click-load");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-embed-src");
      frame.title = figure.getAttribute("data-embed-title") || "Eingebetteter Inhalt";
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.setAttribute("loading", "lazy");
      figure.querySelector(".two-click-notice").replaceWith(frame);
      frame.focus();
    });
  });
})();
