// Scores MIKA quizzes in the browser: no server, no storage. The page reads well without it.
(function () {
  "use strict";

  function normalise(text) {
    return text.trim().toLowerCase().replace(/\s+/g, " ");
  }

  function scoreQuestion(fieldset) {
    var points = parseInt(fieldset.getAttribute("data-points"), 10) || 0;
    var answers = fieldset.getAttribute("data-answers");
    var correct;
    var answered;
    if (answers !== null) {
      var accepted = JSON.parse(answers).map(normalise);
      var input = fieldset.querySelector("input[type=text]");
      answered = input.value.trim() !== "";
      correct = accepted.indexOf(normalise(input.value)) !== -1;
    } else {
      var inputs = fieldset.querySelectorAll("input");
      correct = true;
      answered = false;
      inputs.forEach(function (option) {
        var shouldBeChecked = option.getAttribute("data-correct") === "true";
        if (option.checked) { answered = true; }
        if (option.checked !== shouldBeChecked) { correct = false; }
        var feedback = fieldset.querySelector('.quiz-option-feedback[data-for="' + option.id + '"]');
        if (feedback) { feedback.hidden = !option.checked; }
      });
      correct = correct && answered;
    }
    var box = fieldset.querySelector(".quiz-feedback");
    box.hidden = false;
    var form = fieldset.closest("form");
    box.querySelector(".quiz-verdict").textContent = !answered
      ? text(form, "unanswered", "Nicht beantwortet.")
      : correct ? text(form, "correct", "Richtig.") : text(form, "incorrect", "Nicht richtig.");
    var good = box.querySelector(".quiz-feedback-correct");
    var bad = box.querySelector(".quiz-feedback-incorrect");
    if (good) { good.hidden = !correct; }
    if (bad) { bad.hidden = correct; }
    fieldset.classList.toggle("is-correct", correct);
    fieldset.classList.toggle("is-incorrect", !correct);
    return correct ? points : 0;
  }

  // UI texts come from the page (data-text-* on the form, in the page's language); {name} is filled in.
  function text(form, name, fallback, values) {
    var template = (form && form.getAttribute("data-text-" + name)) || fallback;
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return values && key in values ? String(values[key]) : match;
    });
  }

  function reset(form) {
    form.querySelectorAll(".quiz-question").forEach(function (fieldset) {
      fieldset.classList.remove("is-correct", "is-incorrect");
      fieldset.querySelector(".quiz-feedback").hidden = true;
      fieldset.querySelectorAll(".quiz-option-feedback").forEach(function (p) { p.hidden = true; });
    });
    form.querySelector(".quiz-result").textContent = "";
  }

  function setUp(form) {
    form.querySelector(".quiz-actions").hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var total = parseInt(form.getAttribute("data-total"), 10) || 0;
      var pass = parseInt(form.getAttribute("data-pass"), 10);
      var reached = 0;
      form.querySelectorAll(".quiz-question").forEach(function (fieldset) {
        reached += scoreQuestion(fieldset);
      });
      var percent = total > 0 ? Math.round((reached / total) * 100) : 0;
      var values = { reached: reached, total: total, percent: percent, pass: pass };
      var message = text(form, "result", "Sie haben {reached} von {total} Punkten erreicht ({percent} %).", values);
      if (!isNaN(pass)) {
        // Compared in points, not with the rounded percent: 2 of 3 points do not pass a mark of 67 %.
        message += " " + (reached * 100 >= pass * total ? text(form, "passed", "Bestanden.", values)
          : text(form, "failed", "Noch nicht bestanden: nötig sind {pass} %.", values));
      }
      form.querySelector(".quiz-result").textContent = message;
      form.dispatchEvent(new CustomEvent("mika:quiz-scored", {
        bubbles: true, detail: { quiz: form.id, points: reached, total: total, percent: percent }
      }));
    });
    form.addEventListener("reset", function () { reset(form); });
  }

  document.querySelectorAll("form.quiz").forEach(setUp);
})();
