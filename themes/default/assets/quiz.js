// Scores MIKA quizzes in the browser: no server, no storage. The page reads well without it (answer key in
// <details>). After checking, every option is marked ✓/✗ in text, wrong answers show the right one, and focus
// moves to the result, which lists each question's verdict. The result is announced as a `mika:quiz-scored`
// event (read by scorm.js and beacon.js).
(function () {
  "use strict";

  function normalise(text) {
    return text.trim().toLowerCase().replace(/\s+/g, " ");
  }

  // UI texts come from the page (data-text-* on the form, in the page's language); {name} is filled in.
  function text(form, name, fallback, values) {
    var template = (form && form.getAttribute("data-text-" + name)) || fallback;
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return values && key in values ? String(values[key]) : match;
    });
  }

  // Points of one question: all or nothing, or (scoring: partial, multiple choice) right ticks minus wrong
  // ticks over the right options, never below 0.
  function scoreQuestion(fieldset, form) {
    var points = parseInt(fieldset.getAttribute("data-points"), 10) || 0;
    var partial = form.getAttribute("data-scoring") === "partial" && fieldset.getAttribute("data-kind") === "multiple";
    var answers = fieldset.getAttribute("data-answers");
    var answered = false, correct, share = 0;
    if (answers !== null) {
      var accepted = JSON.parse(answers).map(normalise);
      var input = fieldset.querySelector("input[type=text]");
      answered = input.value.trim() !== "";
      correct = accepted.indexOf(normalise(input.value)) !== -1;
      share = correct ? 1 : 0;
    } else {
      var rightTicks = 0, wrongTicks = 0, rightOptions = 0;
      correct = true;
      fieldset.querySelectorAll("input").forEach(function (option) {
        var shouldBeChecked = option.getAttribute("data-correct") === "true";
        if (shouldBeChecked) { rightOptions += 1; }
        if (option.checked) {
          answered = true;
          if (shouldBeChecked) { rightTicks += 1; } else { wrongTicks += 1; }
        }
        if (option.checked !== shouldBeChecked) { correct = false; }
        var feedback = fieldset.querySelector('.quiz-option-feedback[data-for="' + option.id + '"]');
        if (feedback) { feedback.hidden = !option.checked; }
        // ✓ marks each right option, ✗ each wrong one: shape and text, not colour alone.
        var mark = fieldset.querySelector('.quiz-mark[data-for="' + option.id + '"]');
        if (mark) {
          var symbol = shouldBeChecked ? "✓" : "✗";
          mark.textContent = symbol;
          mark.className = "quiz-mark" + (symbol ? (shouldBeChecked ? " is-right" : " is-wrong") : "");
          mark.setAttribute("aria-label", symbol ? text(form, shouldBeChecked ? "mark-right" : "mark-wrong",
            shouldBeChecked ? "richtig" : "falsch") : "");
          if (symbol) { mark.setAttribute("role", "img"); } else { mark.removeAttribute("role"); }
        }
      });
      correct = correct && answered;
      share = correct ? 1 : (partial && rightOptions > 0 ? Math.max(0, rightTicks - wrongTicks) / rightOptions : 0);
    }
    var verdict = !answered ? text(form, "unanswered", "Nicht beantwortet.")
      : correct ? text(form, "correct", "Richtig.")
      : share > 0 ? text(form, "partly", "Teilweise richtig.") : text(form, "incorrect", "Nicht richtig.");
    var box = fieldset.querySelector(".quiz-feedback");
    box.hidden = false;
    box.querySelector(".quiz-verdict").textContent = verdict;
    var solution = box.querySelector(".quiz-solution");
    if (solution) { solution.hidden = correct; }
    var good = box.querySelector(".quiz-feedback-correct");
    var bad = box.querySelector(".quiz-feedback-incorrect");
    if (good) { good.hidden = !correct; }
    if (bad) { bad.hidden = correct; }
    fieldset.classList.toggle("is-correct", correct);
    fieldset.classList.toggle("is-incorrect", !correct);
    return { points: Math.round(points * share * 100) / 100, verdict: verdict, correct: correct };
  }

  function reset(form) {
    form.querySelectorAll(".quiz-question").forEach(function (fieldset) {
      fieldset.classList.remove("is-correct", "is-incorrect");
      fieldset.querySelector(".quiz-feedback").hidden = true;
      fieldset.querySelectorAll(".quiz-option-feedback").forEach(function (p) { p.hidden = true; });
      fieldset.querySelectorAll(".quiz-mark").forEach(function (mark) {
        mark.textContent = "";
        mark.className = "quiz-mark";
        mark.removeAttribute("role");
        mark.removeAttribute("aria-label");
      });
    });
    var result = form.querySelector(".quiz-result");
    result.textContent = "";
    result.hidden = true;
  }

  function setUp(form) {
    form.querySelector(".quiz-actions").hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var total = parseInt(form.getAttribute("data-total"), 10) || 0;
      var pass = parseInt(form.getAttribute("data-pass"), 10);
      var reached = 0;
      var verdicts = [];
      var questions = [];
      form.querySelectorAll(".quiz-question").forEach(function (fieldset, index) {
        var scored = scoreQuestion(fieldset, form);
        var input = fieldset.querySelector("input[name]");
        reached += scored.points;
        // The question's id: its inputs' name, `<form id>-q<N>` as in model.json.
        questions.push({ id: input ? input.name : form.id + "-q" + (index + 1), correct: scored.correct,
          points: scored.points });
        verdicts.push(text(form, "question-verdict", "Frage {number}: {verdict}",
          { number: index + 1, verdict: scored.verdict }));
      });
      reached = Math.round(reached * 100) / 100;
      var percent = total > 0 ? Math.round((reached / total) * 100) : 0;
      var values = { reached: reached, total: total, percent: percent, pass: pass };
      var summary = text(form, "result", "Sie haben {reached} von {total} Punkten erreicht ({percent} %).", values);
      if (!isNaN(pass)) {
        // Compared in points, not with the rounded percent: 2 of 3 points do not pass a mark of 67 %.
        summary += " " + (reached * 100 >= pass * total ? text(form, "passed", "Bestanden.", values)
          : text(form, "failed", "Noch nicht bestanden: nötig sind {pass} %.", values));
      }
      var result = form.querySelector(".quiz-result");
      result.textContent = "";
      var heading = document.createElement("p");
      heading.className = "quiz-summary";
      heading.textContent = summary;
      var list = document.createElement("ul");
      verdicts.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        list.appendChild(item);
      });
      result.appendChild(heading);
      result.appendChild(list);
      result.hidden = false;
      result.focus();
      form.dispatchEvent(new CustomEvent("mika:quiz-scored", {
        bubbles: true, detail: { quiz: form.id, points: reached, total: total, percent: percent, questions: questions }
      }));
    });
    form.addEventListener("reset", function () { reset(form); });
  }

  document.querySelectorAll("form.quiz").forEach(setUp);

  // A printout carries the answer key open.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.quiz-key:not([open])").forEach(function (key) {
      key.open = true;
      opened.push(key);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (key) { key.open = false; });
    opened = [];
  });
})();
