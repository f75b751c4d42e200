// The steps of a click-guide (its top-level numbered list) can be ticked off. Ticks stay in page memory; only
// after the learner agreed to save progress ("Lernfortschritt speichern", which keeps the visited list) are they
// kept in local storage. Each newly ticked step is announced as a `mika:guide-step` event, which the beacon reports.
(function () {
  "use strict";
  var body = document.querySelector(".module-body[data-guide]");
  if (!body) { return; }
  var list = null;
  for (var i = 0; i < body.children.length; i++) {
    if (body.children[i].tagName === "OL") { list = body.children[i]; break; }
  }
  if (!list) { return; }
  var storage = null;
  try { storage = window.localStorage; } catch (error) { storage = null; }
  var key = "mika:schritte:" + window.location.pathname.replace(/index\.html$/, "");
  function consented() {
    try { return !!storage && storage.getItem("mika:besuchte-module") !== null; } catch (error) { return false; }
  }
  var saved = [];
  if (consented()) {
    try { saved = JSON.parse(storage.getItem(key) || "[]"); } catch (error) { saved = []; }
  }
  var label = body.getAttribute("data-text-step-done") || "Schritt {number} erledigt";
  list.classList.add("guide-steps");
  var boxes = [];
  Array.prototype.forEach.call(list.children, function (item, index) {
    if (item.tagName !== "LI") { return; }
    var number = index + 1;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "guide-step-done";
    box.id = "mika-schritt-" + number;
    box.checked = saved.indexOf(number) !== -1;
    var text = document.createElement("label");
    text.htmlFor = box.id;
    text.className = "guide-step-label";
    text.textContent = label.replace("{number}", number);
    var wrapper = document.createElement("p");
    wrapper.className = "guide-step-check";
    wrapper.appendChild(box);
    wrapper.appendChild(document.createTextNode(" "));
    wrapper.appendChild(text);
    item.appendChild(wrapper);
    item.classList.toggle("is-done", box.checked);
    boxes.push({ box: box, number: number });
    box.addEventListener("change", function () {
      item.classList.toggle("is-done", box.checked);
      if (box.checked) {
        document.dispatchEvent(new CustomEvent("mika:guide-step", { detail: { step: number } }));
      }
      if (consented()) {
        var done = boxes.filter(function (entry) { return entry.box.checked; }).map(function (entry) { return entry.number; });
        try { storage.setItem(key, JSON.stringify(done)); } catch (error) { /* full or blocked */ }
      }
    });
  });
})();
