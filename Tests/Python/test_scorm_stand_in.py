"""The tests of test_scorm_runtime.py on hand-made packages: the built sample site with its module pages changed as
the package writer changes them (package meta, pass mark, scorm.js, end marker) and the theme's own assets. They test
scorm.js on its own, whatever state the package writer is in; and a few cases no real package contains."""
import json
import pathlib
import re
import shutil
import tempfile
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import REPO, SUB_PATH
from scorm_lms import VERSIONS, Package, Server, Session, answer_quiz, make_stand_in, page_errors
# The same tests, run here with the `packages` fixture below in place of the one of test_scorm_runtime.py.
from test_scorm_runtime import *  # noqa: F401,F403
from test_scorm_runtime import assert_clean_session, launch_pages, names, wait_for_value


@pytest.fixture(scope="module")
def packages(site_root):
    folder = pathlib.Path(tempfile.mkdtemp(prefix="mika-scorm-stand-in-"))
    assets = REPO / "themes" / "default" / "assets"
    try:
        found = {}
        for version in VERSIONS:
            hrefs = make_stand_in(site_root / SUB_PATH, version, folder / version, assets)
            found[version] = launch_pages(folder / version, hrefs)
        server = Server(folder)
        yield {version: Package(version, server.url + version + "/", folder / version, *pages)
               for version, pages in found.items()}
        server.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def copy_page(package, href, name, change):
    """Writes a changed copy of a launch page next to it (same relative links); returns its href."""
    html = (package.folder / href).read_text(encoding="utf-8")
    target = href.rsplit("/", 1)[0] + "/" + name
    (package.folder / target).write_text(change(html), encoding="utf-8")
    return target


def test_page_without_package_meta_leaves_the_lms_alone(driver, package):
    href = copy_page(package, package.quiz_href, "ohne-meta.html",
                     lambda html: html.replace(f'<meta name="mika:package" content="{package.version}">\n', ""))
    driver.switch_to.default_content()
    driver.get(package.lms_url(href))
    driver.switch_to.frame(driver.find_element(By.ID, "sco"))
    answer_quiz(driver, right=True)
    time.sleep(0.5)
    assert page_errors(driver) == []
    driver.switch_to.default_content()
    assert driver.execute_script("return window.calls") == []


@pytest.mark.parametrize("mode", ["browse", "review"])
def test_browse_and_review_change_no_status_or_score(driver, package, mode):
    cmi = package.cmi
    session = Session(driver, package, package.quiz_href,
                      **{"cmi.core.lesson_mode" if package.version == "scorm12" else "cmi.mode": mode})
    session.scroll_to_end()
    session.answer_quiz(right=True)
    time.sleep(0.5)
    calls = session.leave()
    values = assert_clean_session(session, calls)
    for element in ("status", "raw", "max", "min", "success", "scaled"):
        assert cmi.get(element) not in values


def test_api_further_up_the_frames(driver, package):
    """The SCO in a frame inside a frame of the LMS page."""
    (package.folder / "inner.html").write_text(
        '<!DOCTYPE html><title>Inner</title><iframe id="sco" title="SCO" style="width:100%;height:600px" src="'
        + package.quiz_href + '"></iframe>', encoding="utf-8")
    session = Session(driver, package, "inner.html")
    cmi = session.cmi
    assert session.wait_for(lambda calls: cmi["status"] in session.values(calls), "status")
    calls = session.leave()
    assert names(calls).count(cmi["end"]) == 1
    assert_clean_session(session, calls)


def test_resume_keeps_quiz_result_and_end_of_the_last_session(driver, package):
    """What suspend_data held (quiz results, end reached) is written back, with the unchanged position."""
    cmi = package.cmi
    quiz_id = "digitale-medien-ausbildung--abschlussquiz--quiz-1"
    session = Session(driver, package, package.quiz_href, **{
        cmi["entry"]: "resume", cmi["location"]: "10", cmi["status"]: "incomplete",
        "cmi.suspend_data": '{"p":10,"e":1,"q":{"%s":4}}' % quiz_id})
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert json.loads(values["cmi.suspend_data"]) == {"p": 10, "e": 1, "q": {quiz_id: 4}}
    assert values[cmi["exit"]] == "suspend"


def test_lms_refusing_initialize_is_left_alone(driver, package):
    session = Session(driver, package, package.quiz_href, refuse="1")
    session.scroll_to_end()
    session.answer_quiz(right=True)
    assert session.page_errors() == []
    session.unload()
    time.sleep(0.5)
    assert names(session.calls()) == [package.cmi["init"]]


def test_lms_functions_that_throw_reach_no_page(driver, package):
    broken = ["LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"] if package.version == "scorm12" \
        else ["GetValue", "SetValue", "Commit", "Terminate"]
    session = Session(driver, package, package.quiz_href, broken=",".join(broken))
    session.scroll_to_end()
    session.answer_quiz(right=True)
    time.sleep(0.3)
    assert session.page_errors() == []
    calls = session.leave()
    assert names(calls).count(package.cmi["end"]) == 1
    assert package.cmi["set"] in names(calls)


def test_end_found_without_intersection_observer(driver, package):
    session = Session(driver, package, package.plain_href + "?no-io=1")
    assert session.driver.execute_script("return typeof IntersectionObserver") == "undefined"
    assert session.values().get(package.cmi["status"]) == "incomplete"
    session.scroll_to_end()
    wait_for_value(session, package.cmi["status"], "completed")
    calls = session.leave()
    assert_clean_session(session, calls)


@pytest.mark.parametrize("hours, expected", [
    (1.0341, {"scorm12": r"01:02:0[2-9]\.\d\d", "scorm2004": r"PT1H2M[2-9](\.\d{1,2})?S"}),
    (10001, {"scorm12": r"9999:59:59\.99", "scorm2004": r"PT10001H[0-9](\.\d{1,2})?S"}),
])
def test_long_sessions(driver, package, hours, expected):
    """The session time of a long stay (the clock is put forward): 1.2 caps at 9999 hours."""
    session = Session(driver, package, package.plain_href)
    session.enter()
    driver.execute_script(
        "var real = Date.prototype.getTime, shift = arguments[0] * 3600000;"
        "Date.prototype.getTime = function () { return real.call(this) + shift; };", hours)
    calls = session.leave()
    values = assert_clean_session(session, calls)
    assert re.fullmatch(expected[package.version], values[package.cmi["time"]]), values[package.cmi["time"]]
