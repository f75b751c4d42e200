// Filters the tool catalogue without reloading: each select narrows the cards to those whose data attribute holds
// its value. The count is a live region, so screen readers hear how many tools are left. Without JavaScript the
// form stays hidden and every card is shown.
(function () {
  "use strict";
  var form = document.querySelector("form.tool-filters");
  var status = document.querySelector(".tool-count");
  if (!form || !status) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".tool-card"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  form.hidden = false;

  function matches(card, select) {
    var wanted = select.value;
    if (!wanted) { return true; }
    return (" " + (card.getAttribute("data-" + select.name) || "") + " ").indexOf(" " + wanted + " ") !== -1;
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = selects.every(function (select) { return matches(card, select); });
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    var template = status.getAttribute("data-text-count") || "{shown} / {total}";
    status.textContent = template.replace("{shown}", shown).replace("{total}", cards.length);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
})();
