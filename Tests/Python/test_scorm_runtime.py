"""The SCORM packages of the sample course in headless Chromium: each package is unpacked, served over HTTP and
launched in a recording fake LMS (scorm_lms.py) the way an LMS launches a SCO, in an iframe or a window it opens.
The SCO runtime (themes/default/assets/scorm.js) must report completion, the quiz score, pass or fail, the reading
position and the session time, then Commit and Terminate exactly once; opened directly, without an LMS, the same
page must work as a plain web page. test_scorm_stand_in.py runs these tests on hand-made packages as well."""
import json
import pathlib
import re
import shutil
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

from conftest import SUB_PATH, make_driver
from scorm_lms import (SESSION_TIME, VERSIONS, Package, Server, Session, answer_quiz, index_of, page_errors, prepare,
                       severe_logs, unpack, write_harness)

COURSE = "digitale-medien-ausbildung"


def launch_pages(folder, hrefs):
    """The SCO with the final quiz and the first SCO without any quiz."""
    quiz = [href for href in hrefs if "abschlussquiz" in href]
    plain = [href for href in hrefs if 'class="quiz"' not in (folder / href.split("?")[0]).read_text(encoding="utf-8")]
    assert quiz, f"no SCO of the final quiz among {hrefs}"
    assert plain, f"no SCO without a quiz among {hrefs}"
    return quiz[0], plain[0]


@pytest.fixture(scope="module")
def packages(site_root):
    """The packages mika build wrote, unpacked side by side and served from one local server."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="mika-scorm-"))
    try:
        found = {}
        for version in VERSIONS:
            archive = site_root / SUB_PATH / "pakete" / f"{COURSE}-{version}.zip"
            assert archive.is_file(), f"mika build wrote no {archive.name} into pakete/"
            hrefs, lms_values = unpack(archive, folder / version)
            write_harness(folder / version)
            found[version] = (launch_pages(folder / version, hrefs), lms_values)
        server = Server(folder)
        yield {version: Package(version, server.url + version + "/", folder / version, *pages, lms_values=lms_values)
               for version, (pages, lms_values) in found.items()}
        server.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=VERSIONS)
def package(request, packages):
    return packages[request.param]


@pytest.fixture(scope="module")
def lms_driver():
    driver = make_driver()
    prepare(driver)
    yield driver
    driver.quit()


@pytest.fixture
def driver(lms_driver):
    """The module's browser; windows a test left open are closed afterwards."""
    yield lms_driver
    handles = lms_driver.window_handles
    for handle in handles[1:]:
        lms_driver.switch_to.window(handle)
        lms_driver.close()
    lms_driver.switch_to.window(handles[0])


def beacon_url(driver):
    """The absolute URL of the learning beacon a package page sends to (the site's), or None."""
    return driver.execute_script("var m = document.querySelector('meta[name=\"mika:beacon\"]');"
                                 "return m && /^https?:/.test(m.content) ? m.content : null")


def names(calls):
    return [call["name"] for call in calls]


def assert_clean_session(session, calls):
    """Initialize once, every call accepted, Commit right before Terminate, Terminate once and last, no errors."""
    cmi = session.cmi
    initialize = [call for call in calls if call["name"] == cmi["init"]]
    assert len(initialize) == 1 and initialize[0]["args"] == [""] and initialize[0]["result"] == "true"
    refused = [call for call in calls if call["result"] == "false"]
    assert not refused, f"the LMS refused: {refused}"
    terminate = [i for i, call in enumerate(calls) if call["name"] == cmi["end"]]
    assert len(terminate) == 1, names(calls)
    assert terminate[0] == len(calls) - 1, f"calls after {cmi['end']}: {calls[terminate[0] + 1:]}"
    assert calls[-1]["args"] == [""]
    assert calls[-2]["name"] == cmi["commit"] and calls[-2]["args"] == [""]
    values = session.values(calls)
    assert SESSION_TIME[session.package.version].match(values[cmi["time"]]), values[cmi["time"]]
    assert re.fullmatch(r"\d{1,3}", values[cmi["location"]]) and 0 <= int(values[cmi["location"]]) <= 100
    suspend = json.loads(values["cmi.suspend_data"])
    assert suspend["p"] == int(values[cmi["location"]])
    return values


def set_before(calls, cmi, element, value, terminate):
    position = index_of(calls, lambda c: c["name"] == cmi["set"] and c["args"] == [element, value], last=True)
    assert position is not None, f"{element} was never set to {value!r}"
    assert position < terminate


def raw_score(points, total):
    """score.raw for points of total, in both versions: the points (score.max is the total, score.min 0)."""
    return format(round(points, 2), "g")


def max_score(total):
    return str(total)


def wait_for_value(session, element, value):
    return session.wait_for(lambda calls: session.values(calls).get(element) == value, f"{element} = {value!r}")


def test_launch_pages_follow_the_contract(package):
    """The package meta, the pass mark on quiz pages, scorm.js (relative, deferred) before quiz.js, the end marker
    after the article."""
    for href in (package.quiz_href, package.plain_href):
        html = urllib.request.urlopen(package.url + href).read().decode("utf-8")
        head = html[:html.index("</head>")]
        assert f'<meta name="mika:package" content="{package.version}">' in head
        scorm = re.search(r'<script src="([^"]*assets/scorm\.js)" defer></script>', html)
        assert scorm, "scorm.js is not loaded"
        assert not scorm.group(1).startswith(("http:", "https:", "/")), scorm.group(1)
        quiz = re.search(r'<script src="[^"]*assets/quiz\.js" defer></script>', html)
        has_quiz = '<form class="quiz"' in html
        assert (quiz is not None) == has_quiz
        if quiz:
            assert scorm.start() < quiz.start()
        end = html.index("<div data-mika-end></div>")
        assert html.rindex("</article>", 0, end) < end < html.index("</main>")
        assert html.count("data-mika-end") == 1
        mastery = re.search(r'<meta name="mika:mastery" content="(\d+)">', head)
        assert (mastery.group(1) if mastery else None) == ("70" if has_quiz else None)
        script = urllib.request.urlopen(urllib.parse.urljoin(package.url + href, scorm.group(1))).read()
        assert b"http:" not in script


def test_reading_to_the_end_and_passing(driver, package):
    session = Session(driver, package, package.quiz_href)
    cmi = session.cmi
    wait_for_value(session, cmi["status"], "incomplete")
    session.scroll_to_end()
    wait_for_value(session, cmi["status"], "completed")
    total = session.quiz_total()
    session.answer_quiz(right=True)
    wait_for_value(session, cmi["raw"], raw_score(total, total))
    assert session.page_errors() == []
    # Everything the SCO loaded came from the package, but for the learning beacon's requests, which go to the
    # site's base URL (docs/beacon-protocol.md).
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    beacon = beacon_url(driver)
    assert loaded and all(url.startswith(package.url) or (beacon and url.startswith(beacon + "?")) for url in loaded), \
        loaded
    calls = session.leave()
    values = assert_clean_session(session, calls)
    terminate = len(calls) - 1
    assert values[cmi["max"]] == max_score(total) and values[cmi["min"]] == "0"
    if package.version == "scorm12":
        set_before(calls, cmi, cmi["status"], "passed", terminate)
        assert values[cmi["exit"]] == ""
    else:
        set_before(calls, cmi, cmi["status"], "completed", terminate)
        set_before(calls, cmi, cmi["success"], "passed", terminate)
        assert values[cmi["scaled"]] == "1"
        assert values[cmi["exit"]] == "normal"
    set_before(calls, cmi, cmi["raw"], raw_score(total, total), terminate)
    # A Commit follows the quiz result (not only the one before Terminate).
    scored = index_of(calls, lambda c: c["name"] == cmi["set"] and c["args"][0] == cmi["raw"])
    assert cmi["commit"] in names(calls[scored:terminate - 1])
    assert json.loads(values["cmi.suspend_data"]).get("e") == 1
    # The LMS keeps what the SCO wrote.
    assert session.driver.execute_script("return window.store")[cmi["raw"]] == raw_score(total, total)


def test_wrong_answers_fail(driver, package):
    session = Session(driver, package, package.quiz_href)
    cmi = session.cmi
    session.answer_quiz(right=False)
    wait_for_value(session, cmi["raw"], raw_score(0, session.quiz_total()))
    calls = session.leave()
    values = assert_clean_session(session, calls)
    if package.version == "scorm12":
        assert values[cmi["status"]] == "failed"
    else:
        assert values[cmi["success"]] == "failed"
        assert values[cmi["scaled"]] == "0"
    assert values[cmi["exit"]] == "suspend"


@pytest.mark.parametrize("lms_mastery, expected", [(None, "passed"), ("", "passed"), ("90", "failed")])
def test_the_lms_pass_mark_wins_over_the_page(driver, package, lms_mastery, expected):
    """4 of 5 points are 80 %: enough for the 70 % of the page and the manifest (None: what the manifest gives the
    LMS; "": the LMS has none), not for an LMS asking 90 %. SCORM 1.2 LMSs compare the raw score (points) with
    the mastery score, so 90 % of 5 points is asked as 5 points; 2004 asks 0.9."""
    cmi = package.cmi
    values = {}
    if lms_mastery is not None:
        values[cmi["mastery"]] = "" if not lms_mastery else ("5" if package.version == "scorm12"
                                                            else str(int(lms_mastery) / 100))
    session = Session(driver, package, package.quiz_href, **values)
    total = session.quiz_total()
    session.answer_quiz(right=True, except_short=True)
    wait_for_value(session, cmi["raw"], raw_score(total - 1, total))
    calls = session.leave()
    result = assert_clean_session(session, calls)
    assert result[cmi["status" if package.version == "scorm12" else "success"]] == expected
    if package.version == "scorm2004":
        assert result[cmi["scaled"]] == str((total - 1) / total)


def test_quiz_before_the_end(driver, package):
    """The quiz answered while the end is not in view: 1.2 passes at once and stays passed at the end; 2004 reports
    success, but completion only when the end is reached."""
    session = Session(driver, package, package.quiz_href)
    cmi = session.cmi
    session.enter()
    driver.execute_script("window.scrollTo(0, 0)")
    assert not driver.execute_script(
        "return document.querySelector('[data-mika-end]').getBoundingClientRect().top < window.innerHeight")
    session.answer_quiz(right=True, by_script=True)
    total = session.quiz_total()
    wait_for_value(session, cmi["raw"], raw_score(total, total))
    time.sleep(0.3)
    values = session.values()
    # Checking moves focus to the result box; if that brings the end of the module into view, the learner has
    # reached it, and 2004 reports completion there and then.
    session.enter()
    end_in_view = driver.execute_script(
        "return document.querySelector('[data-mika-end]').getBoundingClientRect().top < window.innerHeight")
    if package.version == "scorm12":
        assert values[cmi["status"]] == "passed"
    else:
        assert values[cmi["success"]] == "passed"
        assert values[cmi["status"]] == ("completed" if end_in_view else "incomplete")
    driver.execute_script("window.scrollTo(0, 0)")
    before = len(session.calls())
    session.scroll_to_end()
    if not end_in_view:
        session.wait_for(lambda calls: cmi["commit"] in names(calls[before:]), "the Commit at the end")
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert values[cmi["status"]] == ("passed" if package.version == "scorm12" else "completed")
    assert values[cmi["exit"]] == ("" if package.version == "scorm12" else "normal")


def test_resume_scrolls_to_the_saved_position(driver, package):
    cmi = package.cmi
    session = Session(driver, package, package.quiz_href, **{
        cmi["entry"]: "resume", cmi["location"]: "60", cmi["status"]: "incomplete",
        "cmi.suspend_data": json.dumps({"p": 60})})
    session.enter()
    script = ("var range = document.documentElement.scrollHeight - window.innerHeight;"
              "return [window.pageYOffset, range];")
    for _ in range(50):
        offset, scrollable = driver.execute_script(script)
        if scrollable > 0 and abs(offset - 0.6 * scrollable) <= 2:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"scrolled to {offset} of {scrollable}, expected 60 %")
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert values[cmi["location"]] == "60"
    # The status was already "incomplete": not set again.
    assert cmi["status"] not in values


def test_module_without_quiz_completes_at_its_end(driver, package):
    session = Session(driver, package, package.plain_href)
    cmi = session.cmi
    session.scroll_to_end()
    wait_for_value(session, cmi["status"], "completed")
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert cmi["raw"] not in values
    assert values[cmi["exit"]] == ("" if package.version == "scorm12" else "normal")
    if package.version == "scorm2004":
        assert cmi["success"] not in values


def test_page_opened_directly_works_without_lms(driver, package):
    driver.get_log("browser")
    driver.get(package.url + package.quiz_href)
    answer_quiz(driver, right=True)
    assert driver.execute_script(
        "return performance.getEntriesByType('resource').some(function (e) { return /scorm\\.js$/.test(e.name); })")
    assert driver.execute_script("return window.mikaScorm") is None
    assert page_errors(driver) == []
    # The sample's base URL (campus.mika-beispiel.de), where the beacon sends to, does not exist.
    beacon = beacon_url(driver)
    assert [entry for entry in severe_logs(driver) if not (beacon and beacon + "?" in entry["message"])] == []


def test_api_found_through_the_opener(driver, package):
    session = Session(driver, package, package.quiz_href, opener=True)
    cmi = session.cmi
    session.scroll_to_end()
    session.answer_quiz(right=True)
    total = session.quiz_total()
    wait_for_value(session, cmi["raw"], raw_score(total, total))
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert values[cmi["status" if package.version == "scorm12" else "success"]] == "passed"


def test_terminate_once_when_every_unload_event_fires(driver, package):
    session = Session(driver, package, package.plain_href)
    cmi = session.cmi
    session.enter()
    driver.execute_script(
        "['pagehide', 'beforeunload', 'unload', 'pagehide'].forEach(function (type) {"
        "  window.dispatchEvent(new Event(type)); });")
    calls = session.wait_for(lambda calls: cmi["end"] in names(calls), "Terminate")
    session.enter()
    assert session.page_errors() == []
    calls = session.leave()  # the real pagehide and unload follow
    assert names(calls).count(cmi["end"]) == 1
    assert_clean_session(session, calls)


def test_removing_the_frame_terminates(driver, package):
    """LMS players often remove the SCO's frame instead of navigating it."""
    session = Session(driver, package, package.plain_href)
    cmi = session.cmi
    session.scroll_to_end()
    wait_for_value(session, cmi["status"], "completed")
    calls = session.leave(how="remove")
    values = assert_clean_session(session, calls)
    assert values[cmi["location"]] == "100"
