"""The learning beacon (themes/default/assets/beacon.js, docs/beacon-protocol.md) and the opt-in "Lernfortschritt
speichern" (outline.js) in headless Chromium.

The sample site is built with a base URL on a local port and served there by nginx from Debian; every request the
beacon makes is read back from nginx's real access log (time, method, status, query, Cookie and Referer headers).
LMS packages of the same build are opened in the recording stand-in LMS of scorm_lms.py, served from another
origin, so their beacon requests cross origins to the absolute beacon URL as on a real LMS.

Timing: the beacon's own intervals are used as they are (1 s ticks, 15 s batches); the visit test takes about 45 s.
"""
import hashlib
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, make_driver
from scorm_lms import VERSIONS, Package, Server, Session, page_errors, prepare, severe_logs, unpack, write_harness
from test_browser import axe_violations
from test_scorm_runtime import assert_clean_session, launch_pages

BEACON_JS = REPO / "themes" / "default" / "assets" / "beacon.js"
EXAMPLES = REPO / "Tests" / "Fixtures" / "beacon-examples.json"
SUB_PATH = "campus"
SALT = "salz-fuer-den-test"  # analytics.salt of the test build: package pseudonyms use it, not the site key
COURSE = "kurse/digitale-medien-ausbildung/"
QUIZ_PAGE = COURSE + "abschlussquiz/"
FIRST_PAGE = COURSE + "medien-im-ausbildungsalltag/"
SECOND_PAGE = COURSE + "medien-auswaehlen/"
TOOL_PAGE = COURSE + "klickanleitung-bildschirmvideo/"
PACKAGE_LINK = "pakete/digitale-medien-ausbildung-scorm12.zip"
ID_FORMAT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
CONSENT = "#mika-fortschritt-merken"
CONSENT_LABEL = "Lernfortschritt speichern"
LEARNER_OUTPUT = "#mika-kennung"
TAKE_OVER_FIELD = "#mika-kennung-neu"
COPY_BUTTON = ".progress-copy"
DELETE_BUTTON = ".progress-delete"
STATUS = ".progress-status"
ORDER = ["v", "k", "s", "n", "p", "l", "c", "e"]
TIMEOUT = 20


# --- The web server and its access log ------------------------------------------------------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(content, out, *arguments):
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    subprocess.run([binary, "build", "--quiet", "--content", str(content), "--out", str(out),
                    "--theme", str(REPO / "themes" / "default"), *arguments], check=True)


class Hit:
    """One beacon request as nginx logged it, its query decoded as the protocol says."""

    def __init__(self, line):
        stamp, self.method, status, self.uri, self.cookie, self.referer = line.split("\t")
        self.time, self.status = float(stamp), int(status)
        self.path, _, self.query = self.uri.partition("?")
        self.params = {}
        for pair in self.query.split("&"):
            name, _, value = pair.partition("=")
            self.params[name] = value if name == "e" else urllib.parse.unquote(value)
        self.events = [[urllib.parse.unquote(part) for part in event.split(":")]
                       for event in self.params.get("e", "").split(";") if event]
        self.params["e"] = urllib.parse.unquote(self.params.get("e", ""))

    def names(self):
        return [event[0] for event in self.events]

    def __repr__(self):
        return f"<{self.method} {self.status} {self.uri} at {self.time:.1f}>"


class AccessLog:
    def __init__(self, path, beacon_path):
        self.path = path
        self.beacon_path = beacon_path

    def mark(self):
        return self.path.stat().st_size if self.path.exists() else 0

    def hits(self, since=0):
        if not self.path.exists():
            return []
        with open(self.path, "rb") as log:
            log.seek(since)
            lines = log.read().decode("utf-8").splitlines()
        hits = [hit for hit in map(Hit, lines) if hit.path == self.beacon_path]
        # Requests of one page session may reach the server out of order: by session (first seen first), then n.
        first = {}
        for hit in hits:
            first.setdefault(hit.params.get("s"), len(first))
        return sorted(hits, key=lambda hit: (first[hit.params.get("s")], int(hit.params.get("n") or 0)))

    def wait(self, predicate, since, what, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while True:
            hits = self.hits(since)
            if predicate(hits):
                return hits
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {what}; beacon requests: {hits}")
            time.sleep(0.2)


class Campus:
    def __init__(self, url, folder, log, work):
        self.url, self.folder, self.log, self.work = url, folder, log, work

    def beacon_url(self):
        return self.url + "_mika/b.gif"


@pytest.fixture(scope="module")
def campus():
    """The sample site with a base URL on a free local port and analytics.salt set, served by nginx there."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="mika-beacon-"))
    work.chmod(0o755)  # nginx's workers may run as another user
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SUB_PATH}/"
    content = work / "content"
    shutil.copytree(REPO / "content", content)
    with open(content / "site.yml", "a", encoding="utf-8") as site:
        site.write(f"\nanalytics:\n  salt: {SALT}\n")
    build(content, work / "www" / SUB_PATH, "--base-url", url)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(f"  {name}_temp_path {work / name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n"
        f"  log_format beacon '$msec\\t$request_method\\t$status\\t$request_uri\\t$http_cookie\\t$http_referer';\n"
        f"  access_log {work / 'access.log'} beacon;\n{temp_paths}"
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {work / 'www'};\n"
        f"    location / {{ try_files $uri $uri/ =404; }}\n  }}\n}}\n", encoding="utf-8")
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(work / "nginx.conf"), "-p", str(work)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx exited with {process.returncode}: {process.stdout.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start listening")
                time.sleep(0.05)
        yield Campus(url, work / "www" / SUB_PATH, AccessLog(work / "access.log", f"/{SUB_PATH}/_mika/b.gif"), work)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def model(campus):
    return json.loads((campus.folder / "_mika" / "model.json").read_text(encoding="utf-8"))


@pytest.fixture
def driver():
    """A new Chromium per test (empty storage), recording its requests, with the page-error catcher."""
    chromium = make_driver(log_requests=True)
    prepare(chromium)
    yield chromium
    chromium.quit()


# --- Helpers --------------------------------------------------------------------------------------------------

def meta(driver, name):
    return driver.execute_script(
        "var m = document.querySelector('meta[name=\"' + arguments[0] + '\"]'); return m && m.content", name)


def beacon_requests(driver):
    """URLs of the beacon requests the browser made (from the performance log, across page loads)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent" and "/_mika/b.gif" in message["params"]["request"]["url"]:
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_no_errors(driver, where):
    assert page_errors(driver) == [], f"{where}: script errors {page_errors(driver)}"
    assert severe_logs(driver) == [], f"{where}: console errors"


def scroll_to(driver, fraction):
    driver.execute_script(
        "window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * arguments[0])", fraction)


def wait_until(driver, script, what, timeout=10):
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script), what)


def tab_to(driver, selector, limit=300):
    """Presses Tab until the element matching selector has focus."""
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.matches(arguments[0])", selector):
            return driver.switch_to.active_element
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def answer_quiz(driver, choices):
    """Answers the final quiz with the keyboard: option labels to tick, or a text, per question; then Enter."""
    form = driver.find_element(By.CSS_SELECTOR, "form.quiz")
    for question, choice in zip(form.find_elements(By.CSS_SELECTOR, "fieldset.quiz-question"), choices):
        if isinstance(choice, str):
            question.find_element(By.CSS_SELECTOR, "input[type=text]").send_keys(choice)
            continue
        for option in question.find_elements(By.CSS_SELECTOR, "li"):
            if option.find_element(By.TAG_NAME, "label").text in choice:
                option.find_element(By.TAG_NAME, "input").send_keys(Keys.SPACE)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: form.find_element(By.CSS_SELECTOR, ".quiz-result").text.strip())
    return form


def session_of(hits, session):
    return [hit for hit in hits if hit.params.get("s") == session]


def events_named(hits, name):
    return [event for hit in hits for event in hit.events if event[0] == name]


def storage_state(driver):
    return driver.execute_script(
        "return {cookie: document.cookie, local: localStorage.length, session: sessionStorage.length}")


def indexed_databases(driver):
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "indexedDB.databases().then(function (list) { done(list.map(function (d) { return d.name; })); },"
        " function (e) { done(['error: ' + e]); });")


# --- The protocol: encoding and size -------------------------------------------------------------------------

def test_encode_gives_each_valid_example_its_query(campus, driver):
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    assert examples["protocol"] == 1 and examples["valid"]
    driver.get(campus.url + "index.html")
    problems = []
    for example in examples["valid"]:
        query = driver.execute_script(
            "return window.mikaBeacon.encode(arguments[0], arguments[1])", example["request"], example["events"])
        if query != example["query"]:
            problems.append(f"{example['name']}:\n  got      {query}\n  expected {example['query']}")
    assert problems == [], "\n".join(problems)


def test_beacon_js_is_at_most_2_kb_gzipped():
    size = len(subprocess.run(["gzip", "-9c", str(BEACON_JS)], check=True, capture_output=True).stdout)
    assert size <= 2048, f"beacon.js is {size} bytes gzipped (gzip -9), more than 2048"


# --- A visit: view, reading, the end, the quiz, a hidden tab, leaving ------------------------------------------

def test_a_visit_to_a_quiz_module(campus, driver, model):
    mark = campus.log.mark()
    driver.get(campus.url + QUIZ_PAGE + "index.html?kohorte=2026-04")
    hits = campus.log.wait(lambda hits: hits, mark, "the view")
    view = hits[0]
    session = view.params["s"]
    assert view.method == "GET" and view.status == 200
    assert view.names() == ["view"], view
    assert list(view.params) == [name for name in ORDER if name in view.params], f"parameter order: {view.query}"
    assert view.params["v"] == "1" and view.params["n"] == "1"
    assert view.params["k"] == meta(driver, "mika:site-key") and re.fullmatch(r"[0-9a-f]{8}", view.params["k"])
    assert re.fullmatch(r"[0-9a-z]{6,16}", session), session
    assert view.params["p"] == QUIZ_PAGE == meta(driver, "mika:page")
    assert view.params["c"] == "2026-04"
    assert "l" not in view.params, "a pseudonym without opt-in"
    opened = view.time

    # Reading: the quarters of the module text, then its end (urgent: what waits goes with it).
    for fraction in (0.2, 0.45, 0.7):
        scroll_to(driver, fraction)
        time.sleep(1.3)
    scroll_to(driver, 1)
    hits = campus.log.wait(lambda hits: events_named(hits, "complete"), mark, "complete")
    progress = [int(event[1]) for event in events_named(hits, "progress")]
    assert progress == [25, 50, 75, 100], f"progress events {progress}"
    complete_hit = next(hit for hit in hits if "complete" in hit.names())
    assert complete_hit.names() == ["progress"] * 4 + ["complete"], "the waiting progress events go with complete"
    assert len(events_named(hits, "complete")) == 1

    # The quiz: one event per question, its id from model.json, right or wrong, points.
    module = next(m for c in model["courses"] for m in c["modules"] if m["path"] == QUIZ_PAGE)
    questions = module["quizzes"][0]["questions"]
    before = campus.log.mark()
    form = answer_quiz(driver, [["Mit dem Lernziel"], ["CC0", "CC BY-SA", "CC BY"], "BDSG", ["Entscheiden"]])
    assert "3 von 5 Punkten" in form.find_element(By.CSS_SELECTOR, ".quiz-summary").text
    hits = campus.log.wait(lambda hits: events_named(hits, "quiz"), before, "the quiz events")
    quiz = events_named(hits, "quiz")
    assert quiz == [["quiz", questions[0]["id"], "1", "1"], ["quiz", questions[1]["id"], "1", "2"],
                    ["quiz", questions[2]["id"], "0", "0"], ["quiz", questions[3]["id"], "0", "0"]], quiz
    assert [q["id"] for q in questions] == [f"{form.get_attribute('id')}-q{n}" for n in range(1, 5)]

    # Active time while visible; then another tab in front: what waits goes out, and nothing while hidden.
    time.sleep(max(0, opened + 18 - time.time()))
    hidden_at = time.time()
    tab = driver.execute_cdp_cmd("Target.createTarget", {"url": "about:blank"})["targetId"]
    wait_until(driver, "return document.hidden", "the page to be hidden")
    hits = campus.log.wait(lambda hits: any(hit.time >= hidden_at - 0.5 for hit in hits), mark, "the flush on hiding")
    flushed = [hit for hit in hits if hit.time >= hidden_at - 0.5]
    assert "active" in [name for hit in flushed for name in hit.names()], f"no active time sent on hiding: {flushed}"
    active_before = sum(int(event[1]) for event in events_named(hits, "active"))
    visible_before = hidden_at - opened
    assert visible_before - 3 <= active_before <= visible_before + 1.5, (
        f"{active_before} active seconds sent for {visible_before:.1f} visible seconds")
    time.sleep(1)
    quiet_from = campus.log.mark()
    time.sleep(16)
    assert driver.execute_script("return document.hidden"), "the page became visible again by itself"
    assert campus.log.hits(quiet_from) == [], "requests while the page was hidden"
    driver.execute_cdp_cmd("Target.closeTarget", {"targetId": tab})
    wait_until(driver, "return !document.hidden", "the page to be visible again")
    shown_at = time.time()
    time.sleep(4)
    assert_no_errors(driver, QUIZ_PAGE)

    # Leaving: the rest of the active time and the exit with the total.
    left_at = time.time()
    driver.get(campus.url + "index.html")
    hits = campus.log.wait(lambda hits: events_named(session_of(hits, session), "exit"), mark, "the exit")
    mine = session_of(hits, session)
    exits = events_named(mine, "exit")
    active = [int(event[1]) for event in events_named(mine, "active")]
    assert len(exits) == 1 and exits[0][1] == str(sum(active)), f"exit {exits} for active {active}"
    visible = visible_before + (left_at - shown_at)
    assert visible - 4 <= sum(active) <= visible + 1.5, f"{sum(active)} active seconds for {visible:.1f} visible"
    assert all(1 <= seconds <= 16 for seconds in active), active
    assert not [hit for hit in mine if hidden_at + 1.5 < hit.time < shown_at], "sent while hidden"
    # The whole page session: numbered from 1, one page, one cohort, GET, no cookie, no referrer.
    assert [hit.params["n"] for hit in mine] == [str(n) for n in range(1, len(mine) + 1)]
    for hit in mine:
        assert (hit.params["k"], hit.params["p"], hit.params.get("c"), hit.params.get("l")) == (
            view.params["k"], QUIZ_PAGE, "2026-04", None), hit
        assert (hit.method, hit.status, hit.cookie, hit.referer) == ("GET", 200, "-", "-"), hit
        assert len(hit.events) <= 20 and len(campus.url) + len(hit.uri) < 2000
    assert [hit.names()[0] for hit in mine][:1] == ["view"]
    assert_no_errors(driver, "the home page")


# --- Limits, transports, prerendering ---------------------------------------------------------------------------

def quiz_event(driver, questions):
    """Announces a scored quiz as quiz.js does (the beacon's public input), with these (id, correct, points)."""
    driver.execute_script(
        "document.querySelector('main').dispatchEvent(new CustomEvent('mika:quiz-scored', {bubbles: true, detail:"
        " {quiz: 'q', points: 0, total: 0, percent: 0, questions: arguments[0].map(function (q) {"
        " return {id: q[0], correct: q[1], points: q[2]}; })}}))", questions)


def test_requests_keep_the_protocol_limits(campus, driver):
    """At most 20 events and 2,000 characters a request, 60 requests a page session; events in order."""
    mark = campus.log.mark()
    driver.get(campus.url + FIRST_PAGE + "index.html")
    campus.log.wait(lambda hits: hits, mark, "the view")
    long_ids = [[f"frage-{n:02d}-" + "x" * 80, n % 2 == 0, n / 2] for n in range(45)]
    quiz_event(driver, long_ids)
    hits = campus.log.wait(lambda hits: len(events_named(hits, "quiz")) == 45, mark, "45 quiz events")
    assert events_named(hits, "quiz") == [["quiz", q[0], "1" if q[1] else "0", format(q[2], "g")] for q in long_ids]
    for hit in hits:
        assert len(hit.events) <= 20 and len(campus.url) + len(hit.uri) - len(f"/{SUB_PATH}/") <= 2000, hit
    assert max(len(hit.events) for hit in hits) < 20, "the 2,000 characters, not the 20 events, split these"
    for n in range(70):
        quiz_event(driver, [[f"einzeln-{n}", True, 1]])
    time.sleep(2)
    hits = campus.log.hits(mark)
    assert [hit.params["n"] for hit in hits] == [str(n) for n in range(1, 61)], "not 60 requests numbered 1 to 60"
    assert len({hit.params["s"] for hit in hits}) == 1
    driver.get(campus.url + "index.html")
    time.sleep(1)
    assert len(session_of(campus.log.hits(mark), hits[0].params["s"])) == 60, "more than 60 requests"


@pytest.mark.parametrize("missing, method", [("fetch with keepalive", "POST"), ("sendBeacon", "GET")])
def test_transport_fallbacks(campus, driver, missing, method):
    """Without fetch's keepalive, navigator.sendBeacon (a POST with the same query, which a static server may
    refuse with 405: logged all the same); without that too, an image request."""
    script = "delete Request.prototype.keepalive;"
    if missing == "sendBeacon":
        script += "delete Navigator.prototype.sendBeacon;"
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    mark = campus.log.mark()
    driver.get(campus.url + QUIZ_PAGE + "index.html")
    assert not driver.execute_script("return 'keepalive' in Request.prototype")
    hits = campus.log.wait(lambda hits: hits, mark, "the view")
    assert (hits[0].method, hits[0].names()) == (method, ["view"])
    assert hits[0].status in ((200, 405) if method == "POST" else (200,))
    driver.get(campus.url + "index.html")
    hits = campus.log.wait(lambda hits: events_named(hits, "exit"), mark, "the exit")
    assert {hit.method for hit in hits} == {method}
    assert page_errors(driver) == []


def test_guide_steps_are_reported(campus, driver):
    """A click-guide step ticked off (guide.js announces it as mika:guide-step) waits, and goes with the exit."""
    mark = campus.log.mark()
    driver.get(campus.url + TOOL_PAGE + "index.html")
    campus.log.wait(lambda hits: hits, mark, "the view")
    for step in (1, 3):
        driver.execute_script(
            "document.dispatchEvent(new CustomEvent('mika:guide-step', {detail: {step: arguments[0]}}))", step)
    time.sleep(1)
    assert events_named(campus.log.hits(mark), "guide-step") == [], "guide steps are not sent at once"
    driver.get(campus.url + "index.html")
    hits = campus.log.wait(lambda hits: events_named(hits, "exit"), mark, "the exit")
    assert events_named(hits, "guide-step") == [["guide-step", "1"], ["guide-step", "3"]]
    names = [name for hit in hits for name in hit.names()]
    assert names.index("guide-step") < names.index("exit")


PRERENDERING = """
(function () {
  var prerendering = true;
  Object.defineProperty(Document.prototype, "prerendering",
                        {get: function () { return prerendering; }, configurable: true});
  window.activatePrerenderedPage = function () {
    prerendering = false;
    document.dispatchEvent(new Event("prerenderingchange"));
  };
})();
"""


def test_nothing_is_sent_while_prerendering(campus, driver):
    """document.prerendering as Chromium reports it for a prerendered page, and its activation."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PRERENDERING})
    mark = campus.log.mark()
    driver.get(campus.url + QUIZ_PAGE + "index.html")
    assert driver.execute_script("return document.prerendering") is True
    scroll_to(driver, 1)
    time.sleep(3)
    assert campus.log.hits(mark) == [], "sent while prerendering"
    driver.execute_script("activatePrerenderedPage()")
    hits = campus.log.wait(lambda hits: hits, mark, "the view after activation")
    assert hits[0].names() == ["view"] and hits[0].params["n"] == "1"
    assert_no_errors(driver, QUIZ_PAGE)


# --- Nothing with Do-Not-Track or Global Privacy Control, nothing from file: pages ------------------------------

SIGNALS = {
    "navigator.doNotTrack": 'Object.defineProperty(Navigator.prototype, "doNotTrack", '
                            '{get: function () { return "1"; }, configurable: true});',
    "window.doNotTrack": 'Object.defineProperty(window, "doNotTrack", {value: "1", configurable: true});',
    "navigator.globalPrivacyControl": 'Object.defineProperty(Navigator.prototype, "globalPrivacyControl", '
                                      '{get: function () { return true; }, configurable: true});',
}


@pytest.mark.parametrize("signal", SIGNALS)
def test_nothing_is_sent_with_do_not_track_or_gpc(campus, driver, signal):
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SIGNALS[signal]})
    mark = campus.log.mark()
    driver.get(campus.url + QUIZ_PAGE + "index.html")
    assert str(driver.execute_script(f"return {signal}")) in ("1", "True", "true")
    scroll_to(driver, 1)
    answer_quiz(driver, [["Mit dem Lernziel"], ["CC0"], "DSGVO", ["Kontrollieren"]])
    # The opt-in then only remembers visited modules: no pseudonym is made.
    box = driver.find_element(By.CSS_SELECTOR, CONSENT)
    driver.execute_script("arguments[0].click()", box)
    assert driver.execute_script("return localStorage.getItem('mika:lernkennung')") is None
    assert not driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).is_displayed()
    time.sleep(2)
    driver.get(campus.url + SECOND_PAGE + "index.html")
    time.sleep(2)
    driver.get(campus.url + "index.html")
    time.sleep(1)
    assert campus.log.hits(mark) == [], f"sent with {signal}"
    assert beacon_requests(driver) == []
    assert_no_errors(driver, signal)


def test_file_page_sends_nothing_and_has_no_errors(campus, driver):
    page = (campus.folder / QUIZ_PAGE / "index.html").resolve().as_uri()
    driver.get(page)
    assert meta(driver, "mika:beacon"), "the page has no beacon meta"
    assert driver.execute_script("return typeof window.mikaBeacon.encode") == "function"
    scroll_to(driver, 1)
    answer_quiz(driver, [["Mit dem Lernziel"], ["CC0"], "DSGVO", ["Kontrollieren"]])
    time.sleep(2)
    assert_no_errors(driver, page)
    driver.get((campus.folder / SECOND_PAGE / "index.html").resolve().as_uri())
    time.sleep(1)
    assert beacon_requests(driver) == []
    assert_no_errors(driver, "the next page from disk")


# --- Nothing stored before opt-in; the opt-in by keyboard, the pseudonym, taking one over, deleting it ----------

def test_nothing_is_stored_before_opt_in(campus, driver):
    origin = campus.url.split(f"/{SUB_PATH}/")[0]
    mark = campus.log.mark()
    for page in ("index.html", COURSE + "index.html", FIRST_PAGE + "index.html", TOOL_PAGE + "index.html",
                 QUIZ_PAGE + "index.html"):
        driver.get(campus.url + page)
        scroll_to(driver, 1)
        time.sleep(1.2)
        assert storage_state(driver) == {"cookie": "", "local": 0, "session": 0}, page
        assert indexed_databases(driver) == [], page
    answer_quiz(driver, [["Mit dem Lernziel"], ["CC0"], "DSGVO", ["Kontrollieren"]])
    driver.get(campus.url + "index.html")
    assert storage_state(driver) == {"cookie": "", "local": 0, "session": 0}
    assert driver.execute_cdp_cmd("Storage.getCookies", {})["cookies"] == []
    usage = driver.execute_cdp_cmd("Storage.getUsageAndQuota", {"origin": origin})
    assert usage["usage"] == 0, usage
    hits = campus.log.hits(mark)
    assert len({hit.params["s"] for hit in hits}) == 6, "every page load is a page session of its own"
    assert [hit for hit in hits if "l" in hit.params or hit.cookie != "-"] == []


def test_opt_in_by_keyboard_take_over_and_delete(campus, driver):
    driver.get(campus.url + FIRST_PAGE + "index.html")
    box = driver.find_element(By.CSS_SELECTOR, CONSENT)
    label = driver.execute_script("return Array.from(arguments[0].labels, l => l.textContent.trim())", box)
    assert label == [CONSENT_LABEL]
    assert box.is_displayed() and not box.is_selected()
    assert not driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).is_displayed()

    tab_to(driver, CONSENT).send_keys(Keys.SPACE)
    assert box.is_selected(), "Space on the consent did not tick it"
    learner = driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).text
    assert ID_FORMAT.match(learner), f"pseudonym {learner!r}"
    stored = driver.execute_script("return [localStorage.getItem('mika:lernkennung'), "
                                   "JSON.parse(localStorage.getItem('mika:besuchte-module'))]")
    assert stored[0] == learner and stored[1] == [urllib.parse.urlsplit(campus.url).path + FIRST_PAGE]

    # The pseudonym goes with every request from now on: the exit of this page and the next page's view.
    mark = campus.log.mark()
    driver.get(campus.url + SECOND_PAGE + "index.html")
    hits = campus.log.wait(lambda hits: len({hit.params["p"] for hit in hits}) == 2, mark, "exit and view")
    assert {hit.params["p"]: hit.params.get("l") for hit in hits} == {FIRST_PAGE: learner, SECOND_PAGE: learner}
    assert list(hits[-1].params) == [name for name in ORDER if name in hits[-1].params]
    assert driver.find_element(By.CSS_SELECTOR, CONSENT).is_selected()
    assert driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).text == learner

    # Copy: the clipboard, or the text selected for Ctrl+C where the clipboard is refused.
    tab_to(driver, COPY_BUTTON).send_keys(Keys.ENTER)
    wait_until(driver, "return document.querySelector(arguments[0]).textContent !== ''".replace(
        "arguments[0]", repr(STATUS)), "a message after copying")
    status = driver.find_element(By.CSS_SELECTOR, STATUS).text
    selection = driver.execute_script("return String(window.getSelection())")
    assert status == "Die Kennung ist in der Zwischenablage." or (
        status.startswith("Die Kennung ist markiert") and selection == learner), (status, selection)

    # A pseudonym from another device, typed carelessly; a wrong one is refused and named.
    field = tab_to(driver, TAKE_OVER_FIELD)
    field.send_keys("abcd-efgh" + Keys.ENTER)
    wait_until(driver, f"return document.querySelector('{TAKE_OVER_FIELD}').getAttribute('aria-invalid') === 'true'",
               "the field marked invalid")
    error = driver.find_element(By.CSS_SELECTOR, "#mika-kennung-fehler")
    assert "keine Lernkennung" in error.text and error.is_displayed() and error.get_attribute("role") == "alert"
    assert "mika-kennung-fehler" in field.get_attribute("aria-describedby").split()
    assert driver.execute_script("return localStorage.getItem('mika:lernkennung')") == learner
    assert driver.execute_script("return document.activeElement.id") == TAKE_OVER_FIELD[1:]
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("k7qf 2m9x pa4d 8rte" + Keys.ENTER)
    wait_until(driver, "return localStorage.getItem('mika:lernkennung') === 'K7QF-2M9X-PA4D-8RTE'", "the take-over")
    assert driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).text == "K7QF-2M9X-PA4D-8RTE"
    assert field.get_attribute("aria-invalid") is None and error.text == ""
    mark = campus.log.mark()
    driver.refresh()
    hits = campus.log.wait(lambda hits: any(hit.names() == ["view"] for hit in hits), mark, "the view")
    assert {hit.params.get("l") for hit in hits} == {"K7QF-2M9X-PA4D-8RTE"}

    # Deleting: the pseudonym and the visited modules go, the consent is off, focus is on it, no l= any more.
    tab_to(driver, DELETE_BUTTON).send_keys(Keys.ENTER)
    wait_until(driver, "return localStorage.length === 0", "the storage to be empty")
    box = driver.find_element(By.CSS_SELECTOR, CONSENT)
    assert not box.is_selected()
    assert driver.switch_to.active_element == box, "focus is not on the consent after deleting"
    assert not driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).is_displayed()
    wait_until(driver, f"return document.querySelector('{STATUS}').textContent.indexOf('gelöscht') > -1",
               "the message after deleting")
    mark = campus.log.mark()
    driver.get(campus.url + FIRST_PAGE + "index.html")
    hits = campus.log.wait(lambda hits: len(hits) >= 2, mark, "exit and view")
    assert [hit for hit in hits if "l" in hit.params] == [], "a pseudonym after deleting it"
    assert driver.execute_script("return localStorage.length") == 0
    assert_no_errors(driver, FIRST_PAGE)


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_opt_in_panel_has_no_wcag21_aa_violations(campus, driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.get(campus.url + FIRST_PAGE + "index.html")
    panel = driver.find_element(By.CSS_SELECTOR, ".progress-panel")
    assert panel.is_displayed()
    violations, axe = axe_violations(driver)
    assert violations == [], "before opt-in: " + axe.report(violations)
    driver.execute_script("arguments[0].scrollIntoView()", panel)
    driver.find_element(By.CSS_SELECTOR, CONSENT).click()
    field = driver.find_element(By.CSS_SELECTOR, TAKE_OVER_FIELD)
    field.send_keys("falsch" + Keys.ENTER)
    wait_until(driver, "return document.querySelector('#mika-kennung-fehler').textContent !== ''", "the error")
    assert driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).is_displayed()
    violations, axe = axe_violations(driver)
    assert violations == [], "after opt-in, with an invalid take-over: " + axe.report(violations)


def test_without_analytics_the_panel_only_remembers_visits(tmp_path, campus, driver):
    """analytics: false: no beacon on any page; the consent keeps only the visited modules (nothing to send)."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    with open(content / "site.yml", "a", encoding="utf-8") as site:
        site.write("\nanalytics: false\n")
    out = campus.work / "www" / "ohne-statistik"
    build(content, out, "--no-packages")
    try:
        mark = campus.log.mark()
        driver.get(campus.url.replace(f"/{SUB_PATH}/", "/ohne-statistik/") + FIRST_PAGE + "index.html")
        assert meta(driver, "mika:beacon") is None
        assert not driver.find_elements(By.CSS_SELECTOR, "script[src$='beacon.js']")
        assert not driver.find_element(By.CSS_SELECTOR, "#mika-fortschritt-kennung-info").is_displayed()
        tab_to(driver, CONSENT).send_keys(Keys.SPACE)
        assert driver.execute_script("return Object.keys(localStorage)") == ["mika:besuchte-module"]
        assert not driver.find_element(By.CSS_SELECTOR, LEARNER_OUTPUT).is_displayed()
        driver.find_element(By.CSS_SELECTOR, CONSENT).send_keys(Keys.SPACE)
        assert driver.execute_script("return localStorage.length") == 0
        wait_until(driver, f"return document.querySelector('{STATUS}').textContent !== ''", "the message")
        assert "Kennung" not in driver.find_element(By.CSS_SELECTOR, STATUS).text
        time.sleep(1)
        assert campus.log.hits(mark) == [] and beacon_requests(driver) == []
        assert_no_errors(driver, "a site without analytics")
    finally:
        shutil.rmtree(out, ignore_errors=True)


# --- Tool links and downloads ----------------------------------------------------------------------------------

# Keeps the browser on the page when a link is clicked (the beacon has seen the click by then).
STAY = "window.addEventListener('click', function (e) { e.preventDefault(); });"


def test_tool_link_and_downloads(campus, driver, model):
    driver.get(campus.url + TOOL_PAGE + "index.html")
    tool = next(tool for tool in model["tools"] if TOOL_PAGE in tool["modules"])
    if not driver.find_elements(By.CSS_SELECTOR, "[data-mika-tool]"):
        # The link to the tool a click-guide explains (data-mika-tool, as on the tool pages), which module.mustache
        # writes once the page context gives the tool's address (see the report); until then it is put in here.
        driver.execute_script(
            "var a = document.createElement('a'); a.href = arguments[0]; a.textContent = 'Zum Werkzeug';"
            "a.setAttribute('data-mika-tool', ''); var p = document.createElement('p'); p.appendChild(a);"
            "document.querySelector('.tool-facts').appendChild(p);", tool["url"])
    driver.execute_script(STAY + """
        var body = document.querySelector('.module-body'), add = function (href, text, download) {
          var a = document.createElement('a'); a.href = href; a.textContent = text;
          if (download) { a.setAttribute('download', ''); }
          var p = document.createElement('p'); p.appendChild(a); body.appendChild(p); return a; };
        add('../bilder/vollstaendige-handlung.svg', 'Grafik herunterladen', true).id = 'datei-download';
        add('https://example.org/Hand%20out.pdf', 'Handout', false).id = 'datei-extern';
        add('../medien-auswaehlen/index.html', 'Weiter lesen', false).id = 'seite';
        add('https://example.org/seite', 'Eine andere Seite', false).id = 'extern';
    """)
    tool_link = driver.find_element(By.CSS_SELECTOR, "[data-mika-tool]").get_attribute("href")
    mark = campus.log.mark()
    # Besides the tool's own address, its page in the site (if linked) is no tool-open, nor are other links.
    others = driver.find_elements(By.CSS_SELECTOR, ".tool-facts a:not([data-mika-tool])")
    for link in [driver.find_element(By.CSS_SELECTOR, selector)
                 for selector in ("[data-mika-tool]", "#datei-download", "#datei-extern", "#seite", "#extern")] + others:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
    assert driver.current_url.startswith(campus.url + TOOL_PAGE)
    driver.get(campus.url + COURSE + "index.html")
    hits = campus.log.wait(lambda hits: events_named(hits, "exit"), mark, "the exit of the click-guide")
    session = hits[0].params["s"]
    mine = session_of(hits, session)
    assert events_named(mine, "tool-open") == [["tool-open", tool_link]] and tool_link.startswith(tool["url"])
    assert events_named(mine, "download") == [
        ["download", COURSE + "bilder/vollstaendige-handlung.svg"],
        ["download", "https://example.org/Hand%20out.pdf"]]
    # The course page's package links are files of the site: site-relative.
    driver.execute_script(STAY)
    link = driver.find_element(By.CSS_SELECTOR, f"a[href$='{PACKAGE_LINK.split('/')[-1]}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    mark = campus.log.mark()
    link.click()
    driver.get(campus.url + "index.html")
    hits = campus.log.wait(lambda hits: events_named(hits, "exit"), mark, "the exit of the course page")
    assert events_named(hits, "download") == [["download", PACKAGE_LINK]]
    assert_no_errors(driver, "the home page")


# --- Inside an LMS package --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lms_packages(campus):
    """The test build's SCORM packages, unpacked and served with the stand-in LMS from another origin."""
    folder = campus.work / "lms"
    found = {}
    for version in VERSIONS:
        hrefs, lms_values = unpack(campus.folder / "pakete" / f"digitale-medien-ausbildung-{version}.zip",
                                   folder / version)
        write_harness(folder / version)
        found[version] = (launch_pages(folder / version, hrefs), lms_values)
    server = Server(folder)
    yield {version: Package(version, server.url + version + "/", folder / version, *pages, lms_values=values)
           for version, (pages, values) in found.items()}
    server.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_package_page_sends_the_hashed_learner_id(campus, lms_packages, driver, version):
    package = lms_packages[version]
    learner = "lernende:Jürgen 42"
    element = "cmi.core.student_id" if version == "scorm12" else "cmi.learner_id"
    pseudonym = hashlib.sha256(f"{SALT}:{learner}".encode("utf-8")).hexdigest()[:16]
    mark = campus.log.mark()
    session = Session(driver, package, package.quiz_href, **{element: learner})
    session.enter()
    assert meta(driver, "mika:beacon") == campus.beacon_url() and meta(driver, "mika:salt") == SALT
    assert not campus.url.startswith(package.url.rsplit("/", 2)[0]), "the LMS must be another origin"
    hits = campus.log.wait(lambda hits: hits, mark, "the view from the package")
    assert hits[0].names() == ["view"] and hits[0].params["p"] == QUIZ_PAGE
    assert hits[0].params["l"] == pseudonym, f"l={hits[0].params.get('l')}, SHA-256 of salt:learner id = {pseudonym}"
    session.scroll_to_end()
    session.answer_quiz(right=True)
    total = session.quiz_total()
    session.enter()
    assert_no_errors(driver, "the SCO")
    calls = session.leave()
    assert_clean_session(session, calls)
    hits = campus.log.wait(lambda hits: events_named(hits, "exit"), mark, "the exit from the package")
    assert {hit.params.get("l") for hit in hits} == {pseudonym}
    assert sum(float(event[3]) for event in events_named(hits, "quiz")) == total
    assert "complete" in [name for hit in hits for name in hit.names()]
    raw = " ".join(hit.uri for hit in hits)
    assert "rgen" not in raw and "lernende" not in raw, "the LMS learner id itself left the LMS"
