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
    box.querySelector(".quiz-verdict").textContent = !answered
      ? "Nicht beantwortet."
      : correct ? "Richtig." : "Nicht richtig.";
    var good = box.querySelector(".quiz-feedback-correct");
    var bad = box.querySelector(".quiz-feedback-incorrect");
    if (good) { good.hidden = !correct; }
    if (bad) { bad.hidden = correct; }
    fieldset.classList.toggle("is-correct", correct);
    fieldset.classList.toggle("is-incorrect", !correct);
    return correct ? points : 0;
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
      var message = "Sie haben " + reached + " von " + total + " Punkten erreicht (" + percent + " %).";
      if (!isNaN(pass)) {
        message += percent >= pass ? " Bestanden." : " Noch nicht bestanden: nötig sind " + pass + " %.";
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
