"""The sample site in a real browser: navigation, accessibility (axe-core), quizzes, layout, privacy."""
import importlib.util
import os
import pathlib
import subprocess
import urllib.parse

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO

COURSE = "kurse/digitale-medien-ausbildung/"
PAGES = {
    "home": "",
    "course": COURSE,
    "module with image, table and footnote": COURSE + "medien-im-ausbildungsalltag/",
    "module with table": COURSE + "medien-auswaehlen/",
    "module with inline quiz": COURSE + "offene-lizenzen/",
    "module with task list": COURSE + "datenschutz-werkzeuge/",
    "quiz module": COURSE + "abschlussquiz/",
    "not found page": "404.html",
    "credits page": "lizenzen/",
    "click-guide with tool facts": COURSE + "klickanleitung-bildschirmvideo/",
}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def h1(browser):
    return browser.find_element(By.TAG_NAME, "h1").text


def axe_script():
    """axe-core 4.x from axe-playwright-python (script only); axe-selenium-python's own copy is 3.1."""
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None, "run scripts/bootstrap.sh test to install axe-core 4.x"
    return str(pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js")


def axe_violations(browser):
    axe = Axe(browser, script_url=axe_script())
    axe.inject()
    assert browser.execute_script("return axe.version").startswith("4.")
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(r), e => done({error: String(e)}));", WCAG_21_AA)
    assert "error" not in results, results.get("error")
    return results["violations"], axe


def test_navigation_from_home_to_module_and_next(browser, base_url):
    browser.get(base_url)
    assert h1(browser) == "MIKA-Campus"
    browser.find_element(By.LINK_TEXT, "Digitale Medien in der Ausbildung").click()
    assert h1(browser) == "Digitale Medien in der Ausbildung"
    # Links name index.html, so the site also works opened from disk.
    assert browser.current_url == base_url + COURSE + "index.html"
    assert "Auftaktworkshop" in browser.find_element(By.CSS_SELECTOR, ".schedule").text

    browser.find_element(By.PARTIAL_LINK_TEXT, "Kurs beginnen").click()
    assert h1(browser) == "Medien im Ausbildungsalltag"
    assert browser.find_element(By.CSS_SELECTOR, ".module-position").text.startswith("Modul 1 von 13")

    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    assert h1(browser) == "Medien didaktisch auswählen"
    browser.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
    assert h1(browser) == "Medien im Ausbildungsalltag"

    # An internal Markdown link was rewritten to the module page.
    browser.find_element(By.CSS_SELECTOR, ".module-body").find_element(By.LINK_TEXT, "Medien didaktisch auswählen").click()
    assert h1(browser) == "Medien didaktisch auswählen"
    # The breadcrumb leads back up.
    browser.find_element(By.CSS_SELECTOR, ".breadcrumb").find_element(By.LINK_TEXT, "Startseite").click()
    assert browser.current_url == base_url + "index.html"


def test_image_loads_with_alt_text(browser, base_url):
    browser.get(base_url + PAGES["module with image, table and footnote"])
    image = browser.find_element(By.CSS_SELECTOR, ".module-body img")
    assert image.get_attribute("alt").startswith("Kreislauf mit sechs Schritten")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)


@pytest.mark.parametrize("name", PAGES.keys())
def test_no_wcag21_aa_violations(browser, base_url, name):
    browser.get(base_url + PAGES[name])
    violations, axe = axe_violations(browser)
    assert violations == [], axe.report(violations)


def test_no_violations_with_quiz_feedback_shown(browser, base_url):
    browser.get(base_url + PAGES["quiz module"])
    browser.find_element(By.CSS_SELECTOR, ".quiz-actions button[type=submit]").click()
    violations, axe = axe_violations(browser)
    assert violations == [], axe.report(violations)


def test_skip_link_is_first_and_moves_focus_to_main(browser, base_url):
    browser.get(base_url + PAGES["course"])
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.text == "Zum Inhalt springen"
    active.send_keys(Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "mika_inhalt"


def answer_final_quiz(browser, right):
    """Answers the final quiz with the keyboard only."""
    form = browser.find_element(By.CSS_SELECTOR, "form.quiz")
    questions = form.find_elements(By.CSS_SELECTOR, "fieldset.quiz-question")

    def choose(question, labels):
        for option in question.find_elements(By.CSS_SELECTOR, "li"):
            if option.find_element(By.TAG_NAME, "label").text in labels:
                option.find_element(By.TAG_NAME, "input").send_keys(Keys.SPACE)

    choose(questions[0], ["Mit dem Lernziel"] if right else ["Mit dem Budget"])
    choose(questions[1], ["CC0", "CC BY-SA", "CC BY"] if right else ["CC0", "CC BY-NC-ND"])
    questions[2].find_element(By.CSS_SELECTOR, "input[type=text]").send_keys("  dsgvo " if right else "BDSG")
    choose(questions[3], ["Kontrollieren"] if right else ["Entscheiden"])
    submit = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    submit.send_keys(Keys.ENTER)
    return form, questions


def test_quiz_scores_right_answers_in_the_browser(browser, base_url):
    browser.get(base_url + PAGES["quiz module"])
    form, questions = answer_final_quiz(browser, right=True)
    result = form.find_element(By.CSS_SELECTOR, ".quiz-result")
    assert result.get_attribute("role") == "status"
    assert result.find_element(By.CSS_SELECTOR, ".quiz-summary").text == "Sie haben 5 von 5 Punkten erreicht (100 %). Bestanden."
    assert [li.text for li in result.find_elements(By.CSS_SELECTOR, "li")] == [f"Frage {n}: Richtig." for n in range(1, 5)]
    # Focus moves to the result, so keyboard and screen reader users hear it at once.
    assert browser.switch_to.active_element == result
    for question in questions:
        assert question.find_element(By.CSS_SELECTOR, ".quiz-verdict").text == "Richtig."
    assert "Datenschutz-Grundverordnung" in questions[2].find_element(By.CSS_SELECTOR, ".quiz-feedback-correct").text


def test_quiz_scores_wrong_answers_with_feedback(browser, base_url):
    browser.get(base_url + PAGES["quiz module"])
    form, questions = answer_final_quiz(browser, right=False)
    result = form.find_element(By.CSS_SELECTOR, ".quiz-summary").text
    assert result == "Sie haben 0 von 5 Punkten erreicht (0 %). Noch nicht bestanden: nötig sind 70 %."
    # Options are marked by symbol and text, not by colour alone; the right answer is shown.
    marks = [m.text for m in questions[0].find_elements(By.CSS_SELECTOR, ".quiz-mark") if m.text]
    assert "✓" in marks and "✗" in marks
    solution = questions[0].find_element(By.CSS_SELECTOR, ".quiz-solution")
    assert solution.is_displayed() and solution.text.startswith("Richtig ist:")
    assert questions[0].find_element(By.CSS_SELECTOR, ".quiz-verdict").text == "Nicht richtig."
    option_feedback = questions[1].find_elements(By.CSS_SELECTOR, ".quiz-option-feedback")
    assert [p.text for p in option_feedback if p.is_displayed()] == ["NC und ND schränken die Nachnutzung ein."]
    assert questions[1].find_element(By.CSS_SELECTOR, ".quiz-feedback-incorrect").is_displayed()
    # Reset clears the result.
    form.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    assert form.find_element(By.CSS_SELECTOR, ".quiz-result").text == ""


def test_quiz_reads_well_without_javascript(browser_without_js, base_url):
    browser_without_js.get(base_url + PAGES["quiz module"])
    legends = [legend.text for legend in browser_without_js.find_elements(By.CSS_SELECTOR, "legend")]
    assert len(legends) == 4 and legends[0].startswith("Frage 1: Womit beginnt")
    assert not browser_without_js.find_element(By.CSS_SELECTOR, ".quiz-actions").is_displayed()
    assert all(not p.is_displayed() for p in browser_without_js.find_elements(By.CSS_SELECTOR, ".quiz-feedback"))
    assert "wertet diese Seite Ihre Antworten nicht aus" in browser_without_js.find_element(By.CSS_SELECTOR, "form.quiz").text
    # The answer key works without JavaScript.
    key = browser_without_js.find_element(By.CSS_SELECTOR, "details.quiz-key")
    key.find_element(By.TAG_NAME, "summary").click()
    assert "Richtig ist:" in key.text


@pytest.mark.parametrize("name", ["home", "course", "module with image, table and footnote", "quiz module"])
def test_no_horizontal_scrolling_at_320_px(browser, base_url, name):
    browser.set_window_size(320, 800)
    try:
        browser.get(base_url + PAGES[name])
        width = browser.execute_script("return window.innerWidth")
        scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"page is {scroll_width}px wide in a {width}px window"
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.parametrize("name", PAGES.keys())
def test_nothing_is_requested_from_another_host(browser, base_url, name):
    browser.get(base_url + PAGES[name])
    origin = urllib.parse.urlsplit(base_url).netloc
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources, "the page loads its stylesheet at least"
    assert [url for url in resources if urllib.parse.urlsplit(url).netloc != origin] == []
    assert browser.execute_script("return document.cookie") == ""


PARTIAL_SITE = {
    "site.yml": "title: Teilpunkte\nlicense: CC0-1.0\nauthors: [Test]\nimpressum: https://example.org/i\n"
                "datenschutz: https://example.org/d\nbarrierefreiheit: https://example.org/b\n",
    "courses/kurs/course.yml": "title: Kurs\n",
    "courses/kurs/01-quiz.md": """---
title: Quiz mit Teilpunkten
type: quiz
---
```quiz
scoring: partial
pass: 50
questions:
  - type: multiple
    question: Welche sind offene Lizenzen?
    points: 2
    options:
      - {text: CC0, correct: true}
      - {text: CC BY, correct: true}
      - {text: CC BY-NC-ND}
```
""",
}


@pytest.fixture(scope="module")
def partial_quiz_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("partial")
    for path, text in PARTIAL_SITE.items():
        (root / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / path).write_text(text, encoding="utf-8")
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    subprocess.run([binary, "build", "--quiet", "--no-packages", "--content", str(root / "content"),
                    "--out", str(root / "site"), "--theme", str(REPO / "themes" / "default")], check=True)
    return (root / "site" / "kurse" / "kurs" / "quiz" / "index.html").as_uri()


@pytest.mark.parametrize("ticked, points, verdict", [
    (["CC0"], "1", "Teilweise richtig."),              # one of two right options: half the points
    (["CC0", "CC BY"], "2", "Richtig."),
    (["CC0", "CC BY-NC-ND"], "0", "Nicht richtig."),  # a wrong tick cancels a right one
])
def test_partial_credit_for_multiple_choice(browser, partial_quiz_page, ticked, points, verdict):
    browser.get(partial_quiz_page)
    form = browser.find_element(By.CSS_SELECTOR, "form.quiz")
    for label in form.find_elements(By.CSS_SELECTOR, ".quiz-options label"):
        if label.text in ticked:
            label.click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    summary = form.find_element(By.CSS_SELECTOR, ".quiz-summary").text
    assert summary.startswith(f"Sie haben {points} von 2 Punkten erreicht"), summary
    assert form.find_element(By.CSS_SELECTOR, ".quiz-verdict").text == verdict
