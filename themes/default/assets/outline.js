// The course outline on module pages: open beside the text on wide screens, collapsed on small ones. Under it,
// "Lernfortschritt speichern": one consent for the visited modules ticked in the outline and, where the page sends
// learning events (docs/beacon-protocol.md), for a random learner pseudonym that beacon.js sends along. Only with it
// does the browser's local storage keep anything; turning it off or "Kennung löschen" deletes all of it.
(function () {
  "use strict";
  var nav = document.querySelector("nav.course-outline");
  if (!nav) { return; }
  var details = nav.querySelector("details");
  var wide = window.matchMedia("(min-width: 64rem)");
  function fit() { if (details) { details.open = wide.matches; } }
  fit();
  if (wide.addEventListener) { wide.addEventListener("change", fit); }

  var KEY = "mika:besuchte-module", ID_KEY = "mika:lernkennung";
  // Crockford's base32: digits and capitals without I, L, O, U; 16 of them in four groups.
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ", ID_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
  var panel = nav.querySelector(".progress-panel");
  var box = panel && panel.querySelector("#mika-fortschritt-merken");
  var storage = null;
  try { storage = window.localStorage; } catch (error) { storage = null; }
  if (!box || !storage) { return; }
  panel.hidden = false;

  var status = panel.querySelector(".progress-status");
  var learner = panel.querySelector(".progress-learner");
  var output = panel.querySelector("#mika-kennung");
  var field = panel.querySelector("#mika-kennung-neu");
  var wrong = panel.querySelector("#mika-kennung-fehler");
  var random = window.crypto && window.crypto.getRandomValues ? window.crypto : null;
  // The pseudonym only where the page sends learning events and the browser may (no Do-Not-Track or GPC).
  var withId = !!(learner && output && field && wrong && random && document.querySelector('meta[name="mika:beacon"]')
    && navigator.doNotTrack !== "1" && window.doNotTrack !== "1" && navigator.globalPrivacyControl !== true);
  if (withId) {
    var about = panel.querySelector("#mika-fortschritt-kennung-info");
    about.hidden = false;
    box.setAttribute("aria-describedby", box.getAttribute("aria-describedby") + " " + about.id);
  }

  function say(name) {
    status.textContent = "";
    // A new text in the live region, a moment later, is announced even when it repeats the last one.
    window.setTimeout(function () { status.textContent = panel.getAttribute("data-text-" + name) || ""; }, 50);
  }
  function read() {
    try { return JSON.parse(storage.getItem(KEY) || "[]"); } catch (error) { return []; }
  }
  function id() {
    var value = storage.getItem(ID_KEY);
    return value && ID_FORMAT.test(value) ? value : null;
  }
  function save(key, value) {
    try { storage.setItem(key, value); } catch (error) { /* full or blocked: nothing to do */ }
  }
  // A page is the same whether opened as …/modul/ or …/modul/index.html.
  function page(path) { return path.replace(/index\.html$/, ""); }
  // A visited entry gets its class and, for screen readers, a hidden "(besucht)" after the link.
  var visitedText = nav.getAttribute("data-text-visited") || "";
  function show(list) {
    nav.querySelectorAll(".outline-list > li").forEach(function (item) {
      var link = item.querySelector("a");
      var visited = !!link && list.indexOf(page(link.pathname)) !== -1;
      item.classList.toggle("visited", visited);
      var note = item.querySelector(".outline-visited");
      if (visited && !note) {
        note = document.createElement("span");
        note.className = "outline-visited visually-hidden";
        note.textContent = visitedText;
        item.appendChild(note);
      } else if (!visited && note) {
        item.removeChild(note);
      }
    });
    if (withId) {
      var current = id();
      output.textContent = current || "";
      learner.hidden = !current;
    }
  }
  function remember() {
    var list = read();
    var here = page(window.location.pathname);
    if (list.indexOf(here) === -1) { list.push(here); }
    save(KEY, JSON.stringify(list));
    show(list);
  }
  function makeId() {
    var bytes = random.getRandomValues(new Uint8Array(16)), text = "";
    for (var i = 0; i < bytes.length; i++) {
      text += (i && i % 4 === 0 ? "-" : "") + ALPHABET.charAt(bytes[i] & 31);
    }
    return text;
  }
  // What a learner types or pastes: any case, with or without hyphens and spaces; O, I and L read as 0, 1, 1.
  function normalise(text) {
    var plain = text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
    return plain.length === 16 ? plain.replace(/(.{4})(?!$)/g, "$1-") : plain;
  }
  // Withdrawing the consent deletes all the site keeps under it: visited modules, pseudonym, ticked guide steps.
  function forget() {
    for (var i = storage.length - 1; i >= 0; i--) {
      var key = storage.key(i);
      if (key && key.indexOf("mika:") === 0) { storage.removeItem(key); }
    }
    box.checked = false;
    show([]);
  }

  box.checked = storage.getItem(KEY) !== null || id() !== null;
  if (box.checked) { remember(); } else { show([]); }
  box.addEventListener("change", function () {
    if (box.checked) {
      if (withId && !id()) { save(ID_KEY, makeId()); }
      remember();
    } else {
      forget();
      say(withId ? "deleted" : "forgotten");
    }
  });
  if (!withId) { return; }

  panel.querySelector(".progress-copy").addEventListener("click", function () {
    var value = output.textContent;
    function select() {
      var range = document.createRange(), selection = window.getSelection();
      range.selectNodeContents(output);
      selection.removeAllRanges();
      selection.addRange(range);
      say("selected");
    }
    try {
      navigator.clipboard.writeText(value).then(function () { say("copied"); }, select);
    } catch (error) {
      select();
    }
  });
  panel.querySelector(".progress-take").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = normalise(field.value);
    if (!ID_FORMAT.test(value)) {
      // Marked and named beside the field (an alert); the field keeps what was typed, for correcting.
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", "mika-kennung-format " + wrong.id);
      wrong.textContent = wrong.getAttribute("data-text");
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    field.setAttribute("aria-describedby", "mika-kennung-format");
    wrong.textContent = "";
    field.value = "";
    save(ID_KEY, value);
    remember();
    say("taken");
  });
  panel.querySelector(".progress-delete").addEventListener("click", function () {
    forget();
    box.focus();
    say("deleted");
  });
})();
