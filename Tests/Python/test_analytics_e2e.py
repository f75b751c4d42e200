"""End to end: nginx runs with the configuration of docs/hosting.md over the built sample site and writes a real
access log; Chromium (with an ordinary browser's user agent, so the visit is not filtered as a headless bot) makes
a learner's visit: enters with a cohort, opts in, reads the first module to its end, goes on to the second; then
`mika analytics` reads that log and must find this learner's modules, time and completion."""
import json
import os
import subprocess
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from conftest import REPO
from test_hosting import blocks, nginx_servers, www  # noqa: F401 (fixtures)

BINARY = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
COURSE = "digitale-medien-ausbildung"


@pytest.fixture
def learner_browser():
    import shutil
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=de-DE", f"--user-agent={AGENT}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def read_slowly(driver, seconds):
    """Scrolls to the end in small steps over `seconds`, as a reader does (scrolling is activity)."""
    steps = max(1, int(seconds * 2))
    for step in range(1, steps + 1):
        driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight * arguments[0])", step / steps)
        time.sleep(0.5)


def test_a_learners_visit_reaches_the_report(nginx_servers, learner_browser, tmp_path):  # noqa: F811
    server = nginx_servers["root"]
    model = json.loads((server.site / "_mika" / "model.json").read_text(encoding="utf-8"))
    modules = model["courses"][0]["modules"]
    first, second = modules[0]["path"], modules[1]["path"]
    start = server.log.stat().st_size if server.log.exists() else 0
    base = f"http://127.0.0.1:{server.port}/"

    driver = learner_browser
    driver.get(base + first + "index.html?kohorte=e2e-2026")
    box = driver.find_element(By.ID, "mika-fortschritt-merken")
    driver.execute_script("arguments[0].scrollIntoView()", box)
    box.click()
    pseudonym = driver.find_element(By.ID, "mika-kennung").text
    assert len(pseudonym) == 19, pseudonym
    read_slowly(driver, 8)
    # On to the second module by its link (the first page is hidden and left: its time and exit are sent).
    driver.get(base + second + "index.html")
    read_slowly(driver, 4)
    driver.get(base + "index.html")
    time.sleep(1.5)

    # The log is nginx's own, in the documented format; read from where this test began.
    log = tmp_path / "access.log"
    deadline = time.monotonic() + 10
    while True:
        data = server.log.read_bytes()[start:]
        if data.count(b"/_mika/b.gif") >= 4 and b"exit" in data or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    log.write_bytes(data)
    assert b"127.0.0.0 - -" in data and b"127.0.0.1" not in data
    assert pseudonym.encode() in data

    result = subprocess.run([BINARY, "analytics", str(log), "--site", str(server.site), "--format", "json",
                             "--min-group", "1"], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["input"]["counts"]["malformed"] == 0
    assert report["input"]["counts"]["automated"] == 0
    course = next(c for c in report["courses"] if c["slug"] == COURSE)
    assert course["learners"] == 1
    assert course["sessions"] == 1
    assert [c["cohort"] for c in course["cohorts"] if c["learners"]] == ["e2e-2026"]
    by_path = {m["path"]: m for m in course["modules"]}
    assert by_path[first]["learners"] == 1 and by_path[first]["completed"] == 1
    assert by_path[second]["learners"] == 1
    # About 8 s on the first module (heartbeats count visible, active time; the pseudonym joins both pages).
    assert 0.05 <= by_path[first]["learningMinutes"]["median"] <= 0.3, by_path[first]
    assert by_path[second]["learningMinutes"]["median"] <= 0.2
    assert course["learningMinutes"]["median"] >= by_path[first]["learningMinutes"]["median"]
    for other, module in by_path.items():
        if other not in (first, second):
            assert module["learners"] == 0
    # Nothing personal in the report.
    assert pseudonym not in result.stdout and "127.0.0" not in result.stdout and "Chrome" not in result.stdout
