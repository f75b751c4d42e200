"""Builds the bundled sample site once, serves it from a sub-path, and opens it in headless Chromium."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = pathlib.Path(__file__).resolve().parents[2]
SUB_PATH = "campus"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_root():
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    folder = pathlib.Path(tempfile.mkdtemp(prefix="mika-browser-"))
    subprocess.run([binary, "build", "--quiet", "--content", str(REPO / "content"),
                    "--out", str(folder / SUB_PATH), "--theme", str(REPO / "themes" / "default")], check=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def base_url(site_root):
    handler = functools.partial(QuietHandler, directory=str(site_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()


def make_driver(javascript=True, log_requests=False):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=de-DE"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    if log_requests:
        # Every request a page makes, in driver.get_log("performance") (Network events); the console as usual.
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(30)
    return driver


@pytest.fixture(scope="session")
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()
