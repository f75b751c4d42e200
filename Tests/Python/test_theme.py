"""The default theme as trainers use it (issue 13), in headless Chromium.

Covers: pages opened from disk (file://), the 404 page at a deep URL behind nginx, printing (print media and a
real PDF), axe-core on every page at 320 and 1280 px in light and dark, no sideways scrolling, the course outline
on module pages with opt-in "visited" marks, quiz feedback, the licences table, footer links, the phase legend
and dark mode.

The course structure the pages are checked against comes from `_mika/model.json` (a versioned format, see
docs/model-json.md), so the tests follow the sample content instead of repeating it.
"""
import base64
import collections
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import REPO, SUB_PATH, make_driver
from test_browser import answer_final_quiz, axe_violations

# --- The contract: selectors and texts (align these with the theme) -------------------------------------------
MAIN = "main#mika_inhalt"
SITE_HEADER = ".site-header"
SITE_FOOTER = "footer.site-footer"
SKIP_LINK = ".skip-link"
BREADCRUMB = ".breadcrumb"
PAGER = ".pager"
ATTRIBUTION = "section.attribution"
START_BUTTON = "a.button"                       # "Kurs beginnen" on the course page
MODULE_CONTENT = "article.module"               # the module's text column, beside which the outline sits

OUTLINE = "nav.course-outline"
OUTLINE_DETAILS = "nav.course-outline details"  # the collapsible outline at narrow widths
OUTLINE_HEADINGS = "h1, h2, h3, h4, h5, h6, [role=heading]"  # one per phase group, with the phase title
OUTLINE_ENTRY = "li"                            # an entry: the closest <li> around a module link (or the link)
VISITED_CLASS = "visited"                       # on the entry or on its link
VISITED_TEXT = "besucht"                        # visually hidden text in the entry
PROGRESS_CONSENT = "input#mika-fortschritt-merken"
PROGRESS_CONSENT_LABEL = "Lernfortschritt speichern"
COURSE_DONE_TEXT = "Kurs abgeschlossen"

QUIZ_FORM = "form.quiz"
QUIZ_QUESTION = "fieldset.quiz-question"
QUIZ_OPTION = ".quiz-options li"
QUIZ_MARK = ".quiz-mark"
QUIZ_MARK_RIGHT = "✓"
QUIZ_MARK_WRONG = "✗"
QUIZ_SOLUTION = ".quiz-solution"
QUIZ_RESULT = ".quiz-result"
QUIZ_VERDICT = ".quiz-verdict"
QUIZ_KEY = "details.quiz-key"
QUIZ_KEY_SUMMARY = "Lösung anzeigen"

CREDITS_PAGE = "lizenzen/index.html"
CREDITS_HEADERS = ["Titel", "Urheber/in", "Lizenz", "Quelle"]
FOOTER_LINKS = ["Impressum", "Datenschutz", "Barrierefreiheit"]

SCHEDULE = ".schedule"
SCHEDULE_PHASE = ".schedule .phase"
PHASE_LEGEND = ".phase-legend"
PHASE_LEGEND_ITEM = "li"                        # one per phase kind: its icon and its name
PHASE_ICON = ".phase-icon"
STEP_BADGE = "[class*='badge-step-']"
STEP_BADGE_FORMAT = "Schritt {number}: {label}"

LICENCE_HEADING = "Lizenz und Nachnutzung"
LICENCE_WORD = "Lizenz"
LICENCE_NAME = "CC BY-SA 4.0"
QUIZ_MODULE = "kurse/digitale-medien-ausbildung/abschlussquiz/index.html"
MISSING_PATH = "/kurse/gibt/es/nicht/"
NOT_FOUND_PAGE = "404.html"
DOWNLOADS = (".zip", ".imscc", ".xml", ".json")

# The six steps of the "vollständige Handlung", in order (step ids as in model.json).
STEPS = {"informieren": (1, "Informieren"), "planen": (2, "Planen"), "entscheiden": (3, "Entscheiden"),
         "ausfuehren": (4, "Ausführen"), "kontrollieren": (5, "Kontrollieren"), "bewerten": (6, "Bewerten")}
WIDTHS = (320, 1280)
SCHEMES = ("light", "dark")
I18N = REPO / "themes" / "default" / "i18n" / "de.yml"
SERVER_TIMEOUT = 10


# --- Helpers -------------------------------------------------------------------------------------------------

def site_folder(site_root):
    return site_root / SUB_PATH


def html_pages(folder):
    """Every HTML page of a built site, as paths relative to its root, sorted."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))


def load_model(folder):
    model = json.loads((folder / "_mika" / "model.json").read_text(encoding="utf-8"))
    assert model["version"] == 1, "the tests read _mika/model.json version 1"
    return model


def modules_of(model):
    """(course, module) pairs in course order, modules by position."""
    return [(course, module) for course in model["courses"]
            for module in sorted(course["modules"], key=lambda m: m["position"])]


def module_pages(model):
    return [module["path"] + "index.html" for _, module in modules_of(model)]


def strip_index(url):
    """A page's URL without fragment, query and a trailing index.html, so "x/" and "x/index.html" compare equal."""
    url = urllib.parse.urldefrag(url)[0].split("?")[0]
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def phase_kind_labels():
    """Phase kind names from the theme's German UI text (keys phase_<kind>, umlauts spelt out)."""
    labels = {}
    for line in I18N.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^phase_([a-z-]+):\s*(.+?)\s*$", line)
        if match and match.group(1) not in ("number", "page_note"):
            labels[match.group(1)] = match.group(2).strip('"')
    return labels


def kind_key(kind):
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        kind = kind.replace(umlaut, spelt)
    return kind


def set_viewport(driver, width, height=800):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def set_scheme(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def set_print(driver):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})


def reset_emulation(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


IS_SHOWN = """
const el = arguments[0];
if (!el) { return false; }
const style = getComputedStyle(el);
const box = el.getBoundingClientRect();
// checkVisibility() is false inside a closed <details> too, whose content still has boxes.
return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0
  && box.width > 0 && box.height > 0 && el.checkVisibility({visibilityProperty: true});
"""


def shown(driver, element):
    return driver.execute_script(IS_SHOWN, element)


def text_of(driver, element):
    """textContent with white space collapsed (includes visually hidden text and closed <details>)."""
    return driver.execute_script("return arguments[0].textContent.replace(/\\s+/g, ' ').trim()", element)


# The effective page background as [r, g, b, a] (0-255): body, else html, else the canvas colour.
PAGE_BACKGROUND = """
function rgba(color) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return Array.from(context.getImageData(0, 0, 1, 1).data);
}
for (const el of [document.body, document.documentElement]) {
  const colour = rgba(getComputedStyle(el).backgroundColor);
  if (colour[3] > 0) { return {source: el.tagName.toLowerCase(), rgba: colour}; }
}
const probe = document.createElement('div');
probe.style.backgroundColor = 'Canvas';
document.body.appendChild(probe);
const canvasColour = rgba(getComputedStyle(probe).backgroundColor);
probe.remove();
return {source: 'canvas', rgba: canvasColour};
"""


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def format_violations(page, violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                            for node in violation["nodes"][:5])
        lines.append(f"{page}: {violation['id']} ({violation.get('impact')}): {violation['help']} -> {targets}")
    return lines


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=SERVER_TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- Fixtures ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def driver():
    """A Chromium of its own, so emulation settings never leak into the other test files' browser."""
    chromium = make_driver()
    yield chromium
    chromium.quit()


@pytest.fixture(autouse=True)
def clean_emulation(request):
    yield
    if "driver" in request.fixturenames:
        reset_emulation(request.getfixturevalue("driver"))


@pytest.fixture
def fresh_driver():
    """A new Chromium with empty storage, for the privacy checks."""
    chromium = make_driver()
    yield chromium
    chromium.quit()


@pytest.fixture(scope="module")
def model(site_root):
    return load_model(site_folder(site_root))


@pytest.fixture(scope="module")
def all_pages(site_root):
    return html_pages(site_folder(site_root))


@pytest.fixture(scope="module")
def root_site():
    """The sample site built into a folder that a web server serves at its root (base_url's path is /)."""
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    folder = pathlib.Path(tempfile.mkdtemp(prefix="mika-root-"))
    folder.chmod(0o755)  # nginx's workers may run as another user
    subprocess.run([binary, "build", "--quiet", "--content", str(REPO / "content"), "--out", str(folder / "site"),
                    "--theme", str(REPO / "themes" / "default")], check=True)
    yield folder / "site"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(root_site):
    """nginx serving the root build with `error_page 404 /404.html`; yields its base URL."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="mika-nginx-"))
    port = free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(f"  {name}_temp_path {work / name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = work / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log {work / 'access.log'};\n{temp_paths}"
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {root_site};\n    error_page 404 /404.html;\n"
        f"    location / {{ try_files $uri $uri/ =404; }}\n  }}\n}}\n", encoding="utf-8")
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(config), "-p", str(work)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while True:
            if process.poll() is not None:
                log = (work / "error.log").read_text(errors="replace") if (work / "error.log").exists() else ""
                pytest.fail(f"nginx exited with {process.returncode}: {process.stdout.read().decode()} {log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start listening")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=SERVER_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def file_crawl(driver, site_root):
    """Opens the home page from disk and follows links only, breadth-first."""
    folder = site_folder(site_root).resolve()
    prefix = folder.as_uri() + "/"
    start = prefix + "index.html"
    queue = collections.deque([start])
    seen = {start}
    crawl = {"visited": [], "without_main": [], "folder_links": [], "missing_targets": [], "outside_links": []}
    while queue:
        url = queue.popleft()
        driver.get(url)
        crawl["visited"].append(url)
        if not driver.find_elements(By.CSS_SELECTOR, MAIN):
            crawl["without_main"].append(url)
            continue  # a directory listing or an error page: its links are not the site's
        page = url[len(prefix):]
        for href in driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)"):
            if not href.startswith("file://"):
                continue
            target = urllib.parse.urldefrag(href)[0].split("?")[0]
            if not target.startswith(prefix) and target != prefix[:-1]:
                crawl["outside_links"].append((page, href))
                continue
            relative = urllib.parse.unquote(target[len(prefix):])
            if relative.endswith(DOWNLOADS):
                continue
            path = folder / relative
            if relative == "" or relative.endswith("/") or path.is_dir():
                crawl["folder_links"].append((page, href))
            elif not path.exists():
                crawl["missing_targets"].append((page, href))
                continue
            elif not relative.endswith(".html"):
                continue  # a file that is not a page (an image, say): it exists, that is all
            if target not in seen:
                seen.add(target)
                queue.append(target)
    crawl["reached_pages"] = sorted({url[len(prefix):] for url in crawl["visited"]
                                     if url.endswith(".html") and url not in crawl["without_main"]})
    return crawl


# --- 1. Pages open from disk (file://) -----------------------------------------------------------------------

def test_file_every_page_is_reached_by_links_from_the_home_page(file_crawl, all_pages):
    expected = [page for page in all_pages if page != NOT_FOUND_PAGE]
    reached = file_crawl["reached_pages"]
    assert reached == expected, (
        f"from file://…/index.html, following links only: not reached {sorted(set(expected) - set(reached))}, "
        f"unexpected {sorted(set(reached) - set(expected))}")


def test_file_internal_links_name_files(file_crawl):
    problems = ([f"{page}: links to a folder {href}" for page, href in file_crawl["folder_links"]]
                + [f"{page}: target missing {href}" for page, href in file_crawl["missing_targets"]]
                + [f"{page}: leaves the site folder {href}" for page, href in file_crawl["outside_links"]])
    assert problems == [], "internal links must end in index.html or name a file:\n" + "\n".join(problems[:40])


def test_file_no_page_is_a_directory_listing(file_crawl):
    assert file_crawl["without_main"] == [], (
        f"opened from disk, these show no {MAIN} (a directory listing?): {file_crawl['without_main']}")


# --- 2. The 404 page at a deep URL behind a real web server --------------------------------------------------

def test_404_status_and_page_at_a_deep_url(nginx, root_site):
    status, body = http_status(nginx + MISSING_PATH)
    assert status == 404, f"{MISSING_PATH} answered {status}"
    assert body == (root_site / NOT_FOUND_PAGE).read_bytes(), "the server did not send the site's 404.html"


def test_404_page_is_styled_at_a_deep_url(driver, nginx):
    driver.get(nginx + MISSING_PATH)
    font = driver.execute_script("return getComputedStyle(document.body).fontFamily")
    header = driver.find_elements(By.CSS_SELECTOR, SITE_HEADER)
    header_background = driver.execute_script(
        "return arguments[0] ? getComputedStyle(arguments[0]).backgroundColor : null", header[0] if header else None)
    default_font = "times" in font.lower() or font.strip().lower() == "serif"
    transparent = header_background in (None, "transparent", "rgba(0, 0, 0, 0)")
    assert not (default_font and transparent), (
        f"the 404 page at {MISSING_PATH} is unstyled (body font {font!r}, header background {header_background!r}): "
        "its stylesheet link must not be relative to the missing URL")


def test_404_page_links_home_courses_and_licences(driver, nginx, root_site):
    driver.get(nginx + MISSING_PATH)
    hrefs = driver.execute_script(  # same-page links (the skip link) left out
        "return Array.from(document.querySelectorAll('a[href]:not([href^=\"#\"])'), a => a.href)")
    internal = sorted({strip_index(href) for href in hrefs if href.startswith(nginx)})
    paths = [urllib.parse.urlsplit(href).path for href in internal]
    assert "/" in paths, f"no link to the home page; links: {paths}"
    for course in load_model(root_site)["courses"]:
        assert "/" + course["path"] in paths, f"no link to the course {course['title']} (/{course['path']}): {paths}"
    assert any("lizenzen" in path for path in paths), f"no link to the licences page: {paths}"
    broken = [(href, status) for href in internal for status in [http_status(href)[0]] if status != 200]
    assert broken == [], f"links on the 404 page that do not work at {MISSING_PATH}: {broken}"


def test_404_page_home_link_loads_the_home_page(driver, nginx):
    driver.get(nginx + MISSING_PATH)
    home = [link for link in driver.find_elements(By.CSS_SELECTOR, f"{MAIN} a[href]")
            if strip_index(link.get_attribute("href")) == nginx + "/"]
    assert home, f"the 404 page's content has no link to {nginx}/"
    not_found_heading = driver.find_element(By.TAG_NAME, "h1").text
    home[0].click()
    assert strip_index(driver.current_url) == nginx + "/"
    status = driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus")
    assert status == 200, f"the home link answered {status}"
    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert headings and headings[0].text and headings[0].text != not_found_heading, "the home page did not load"


# --- 3. Print -----------------------------------------------------------------------------------------------

def test_print_shows_licence_and_hides_navigation_on_module_pages(driver, base_url, model):
    set_print(driver)
    problems = []
    for page in module_pages(model):
        driver.get(base_url + page)
        attribution = driver.find_elements(By.CSS_SELECTOR, ATTRIBUTION)
        if not attribution or not shown(driver, attribution[0]):
            problems.append(f"{page}: {ATTRIBUTION} is not printed")
        elif LICENCE_WORD not in text_of(driver, attribution[0]):
            problems.append(f"{page}: the printed {ATTRIBUTION} does not mention {LICENCE_WORD!r}")
        for selector in (SITE_HEADER, BREADCRUMB, PAGER, OUTLINE, SKIP_LINK):
            if any(shown(driver, element) for element in driver.find_elements(By.CSS_SELECTOR, selector)):
                problems.append(f"{page}: {selector} is printed")
    assert problems == [], "\n".join(problems)


def test_print_hides_the_start_button_on_the_course_page(driver, base_url, model):
    set_print(driver)
    problems = []
    for course in model["courses"]:
        driver.get(base_url + course["path"] + "index.html")
        if any(shown(driver, button) for button in driver.find_elements(By.CSS_SELECTOR, START_BUTTON)):
            problems.append(f"{course['path']}: {START_BUTTON} is printed")
    assert problems == [], "\n".join(problems)


def squash(text):
    """Without white space and hyphens: pdftotext joins words broken at a line-end hyphen and drops the hyphen."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def test_printed_pdf_has_the_licence_and_each_url_once(driver, base_url, model, tmp_path):
    # The first module: besides the page's licence notice, its figure credit also names the page as source.
    module = modules_of(model)[0][1]
    source = model["site"]["baseURL"] + module["path"]
    driver.get(base_url + module["path"] + "index.html")
    set_print(driver)
    shown_in_print = driver.execute_script("return document.body.innerText").count(source)
    attribution = driver.find_elements(By.CSS_SELECTOR, ATTRIBUTION)
    assert attribution and source in attribution[0].text, f"the printed {ATTRIBUTION} does not show {source}"
    pdf = tmp_path / "module.pdf"
    pdf.write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"]))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    assert LICENCE_HEADING in re.sub(r"\s+", " ", text), f"the PDF of {module['path']} has no {LICENCE_HEADING!r}"
    assert squash(LICENCE_NAME) in squash(text), f"the PDF of {module['path']} does not name {LICENCE_NAME!r}"
    count = squash(text).count(squash(source))
    assert count == shown_in_print, (
        f"the source URL {source} is printed {count} times but shown {shown_in_print} times as link text: "
        "a link whose text is its URL must not get the URL again after it")


# --- 4. axe-core everywhere, 5. no sideways scrolling, 11. dark mode ------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_wcag21_aa_violations_on_any_page(driver, base_url, all_pages, scheme, width):
    set_viewport(driver, width)
    set_scheme(driver, scheme)
    problems = []
    for page in all_pages:
        driver.get(base_url + page)
        violations, _ = axe_violations(driver)
        problems += format_violations(page, violations)
    assert problems == [], f"axe-core at {width}px, {scheme}:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_wcag21_aa_violations_with_wrong_quiz_answers(driver, base_url, scheme):
    set_scheme(driver, scheme)
    driver.get(base_url + QUIZ_MODULE)
    answer_final_quiz(driver, right=False)
    assert driver.find_element(By.CSS_SELECTOR, QUIZ_RESULT).text, "the quiz shows no result"
    violations, _ = axe_violations(driver)
    assert violations == [], f"axe-core with quiz feedback, {scheme}:\n" + "\n".join(
        format_violations(QUIZ_MODULE, violations))


def sideways_overflow(driver):
    """None if the page fits its 320px viewport, else a description of what sticks out."""
    client, scroll = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    assert client == 320, f"the viewport is {client}px wide, not 320px"
    if scroll <= client:
        return None
    wide = driver.execute_script(
        "const w = document.documentElement.clientWidth;"
        "return Array.from(document.querySelectorAll('body *'))"
        ".filter(e => e.getBoundingClientRect().right > w + 0.5)"
        ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))")
    return f"{scroll}px wide, e.g. {wide}"


def light_background(driver):
    """None if the page background is dark, else a description of it."""
    background = driver.execute_script(PAGE_BACKGROUND)
    luminance = relative_luminance(background["rgba"])
    if luminance < 0.2:
        return None
    return f"background {background['rgba']} ({background['source']}), luminance {luminance:.2f}"


def pages_served_below_sub_path(all_pages):
    """The pages that work below /campus/: 404.html links its stylesheet from base_url's path (/), so it is
    checked at the root behind nginx instead (the test_404_… tests)."""
    return [page for page in all_pages if page != NOT_FOUND_PAGE]


def test_no_sideways_scrolling_at_320_px_on_any_page(driver, base_url, all_pages):
    set_viewport(driver, 320)
    problems = []
    for page in pages_served_below_sub_path(all_pages):
        driver.get(base_url + page)
        problem = sideways_overflow(driver)
        if problem:
            problems.append(f"{page}: {problem}")
    assert problems == [], "pages scroll sideways at 320px:\n" + "\n".join(problems)


def test_dark_scheme_has_a_dark_background_on_every_page(driver, base_url, all_pages):
    set_scheme(driver, "dark")
    problems = []
    for page in pages_served_below_sub_path(all_pages):
        driver.get(base_url + page)
        problem = light_background(driver)
        if problem:
            problems.append(f"{page}: {problem}")
    assert problems == [], "with prefers-color-scheme: dark the page stays light:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_404_page_at_a_deep_url_has_no_wcag21_aa_violations(driver, nginx, scheme, width):
    set_viewport(driver, width)
    set_scheme(driver, scheme)
    driver.get(nginx + MISSING_PATH)
    violations, _ = axe_violations(driver)
    assert violations == [], f"axe-core at {width}px, {scheme}:\n" + "\n".join(
        format_violations(MISSING_PATH, violations))


def test_404_page_at_a_deep_url_fits_320_px_and_is_dark_in_dark_scheme(driver, nginx):
    set_viewport(driver, 320)
    set_scheme(driver, "dark")
    driver.get(nginx + MISSING_PATH)
    problems = [problem for problem in (sideways_overflow(driver), light_background(driver)) if problem]
    assert problems == [], f"the 404 page at {MISSING_PATH}, 320px, dark: {problems}"


# --- 6. The course outline on module pages --------------------------------------------------------------------

OUTLINE_GROUPS = """
const nav = arguments[0], headings = arguments[1];
const groups = [];
let current = null;
for (const el of nav.querySelectorAll(headings + ', a[href]')) {
  if (el.matches(headings)) {
    current = {heading: el.textContent.replace(/\\s+/g, ' ').trim(), links: []};
    groups.push(current);
  } else if (!el.closest(headings)) {
    if (!current) { current = {heading: null, links: []}; groups.push(current); }
    current.links.push(el.href);
  }
}
return groups;
"""


def module_urls(base_url, course):
    return [base_url + module["path"] for module in sorted(course["modules"], key=lambda m: m["position"])]


def test_outline_lists_every_module_grouped_by_phase(driver, base_url, model):
    problems = []
    for course, module in modules_of(model):
        page = module["path"] + "index.html"
        driver.get(base_url + page)
        outline = driver.find_elements(By.CSS_SELECTOR, OUTLINE)
        if not outline:
            problems.append(f"{page}: no {OUTLINE}")
            continue
        expected = module_urls(base_url, course)
        groups = driver.execute_script(OUTLINE_GROUPS, outline[0], OUTLINE_HEADINGS)
        linked = [strip_index(link) for group in groups for link in group["links"]]
        missing = [url for url in expected if url not in linked]
        if missing:
            problems.append(f"{page}: the outline lacks {missing}")
        for phase in course.get("phases", []):
            members = [base_url + m["path"] for m in sorted(course["modules"], key=lambda m: m["position"])
                       if m.get("phase") == phase["id"]]
            if not members:
                continue
            found = [[strip_index(link) for link in group["links"] if strip_index(link) in expected]
                     for group in groups if group["heading"] and phase["title"] in group["heading"]]
            if members not in found:
                problems.append(f"{page}: no outline group headed {phase['title']!r} with its modules "
                                f"{[url[len(base_url):] for url in members]}")
    assert problems == [], "\n".join(problems)


def test_outline_marks_the_current_module(driver, base_url, model):
    problems = []
    for _, module in modules_of(model):
        page = module["path"] + "index.html"
        driver.get(base_url + page)
        current = [strip_index(link.get_attribute("href"))
                   for link in driver.find_elements(By.CSS_SELECTOR, f"{OUTLINE} a[aria-current=page]")]
        if current != [base_url + module["path"]]:
            problems.append(f"{page}: links with aria-current=page in the outline: {current}")
    assert problems == [], "\n".join(problems)


def test_outline_is_beside_the_content_at_1280_px(driver, base_url, model):
    set_viewport(driver, 1280)
    page = module_pages(model)[1]
    driver.get(base_url + page)
    outline = driver.find_elements(By.CSS_SELECTOR, OUTLINE)
    content = driver.find_elements(By.CSS_SELECTOR, MODULE_CONTENT)
    assert outline and content, f"{page}: needs both {OUTLINE} and {MODULE_CONTENT}"
    outline, content = outline[0], content[0]
    links = outline.find_elements(By.CSS_SELECTOR, "a[href]")
    assert links and all(shown(driver, link) for link in links), f"{page}: the outline's links are not all visible"
    nav_box, content_box = (driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]", element)
        for element in (outline, content))
    side_by_side = nav_box[1] <= content_box[0] + 1 or nav_box[0] >= content_box[1] - 1
    level = nav_box[2] < content_box[3] and content_box[2] < nav_box[3]
    assert side_by_side and level, (
        f"{page}: at 1280px the outline {nav_box} is not beside the content {content_box} (left, right, top, bottom)")


def test_outline_is_collapsed_at_320_px_and_opens_by_keyboard(driver, base_url, model):
    set_viewport(driver, 320)
    page = module_pages(model)[1]
    driver.get(base_url + page)
    details = driver.find_elements(By.CSS_SELECTOR, OUTLINE_DETAILS)
    assert details, f"{page}: no <details> in {OUTLINE}"
    details = details[0]
    assert not details.get_property("open"), f"{page}: the outline is open at 320px"
    links = details.find_elements(By.CSS_SELECTOR, "a[href]")
    assert links and not any(shown(driver, link) for link in links), f"{page}: outline links show while collapsed"
    summary = details.find_element(By.TAG_NAME, "summary")
    for _ in range(200):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement === arguments[0]", summary):
            break
    else:
        pytest.fail(f"{page}: the outline's <summary> cannot be reached with the Tab key")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert details.get_property("open"), f"{page}: Enter on the summary does not open the outline"
    assert all(shown(driver, link) for link in links), f"{page}: the opened outline's links are not visible"


def test_last_module_links_back_to_the_course_as_completed(driver, base_url, model):
    problems = []
    for course in model["courses"]:
        last = max(course["modules"], key=lambda m: m["position"])
        driver.get(base_url + last["path"] + "index.html")
        done = [link for link in driver.find_elements(By.CSS_SELECTOR, "a[href]")
                if COURSE_DONE_TEXT in link.text
                and strip_index(link.get_attribute("href")) == base_url + course["path"]]
        if not done:
            problems.append(f"{last['path']}: no link to {course['path']} with text containing {COURSE_DONE_TEXT!r}")
    assert problems == [], "\n".join(problems)


def storage_state(driver):
    return driver.execute_script(
        "return {local: localStorage.length, session: sessionStorage.length, cookie: document.cookie}")


def test_nothing_is_stored_before_consent(fresh_driver, base_url, model):
    pages = module_pages(model)[:4]
    for page in pages:
        fresh_driver.get(base_url + page)
        state = storage_state(fresh_driver)
        assert state == {"local": 0, "session": 0, "cookie": ""}, f"{page}: stored without consent: {state}"
    assert fresh_driver.get_cookies() == [], "cookies were set"


def outline_entry(driver, module_url):
    """The outline entry of a module: whether it has the visited class, and its rendered text."""
    return driver.execute_script("""
        const url = arguments[0], nav = document.querySelector(arguments[1]);
        if (!nav) { return null; }
        const strip = h => h.split('#')[0].replace(/index\\.html$/, '');
        const link = Array.from(nav.querySelectorAll('a[href]')).find(a => strip(a.href) === url);
        if (!link) { return null; }
        const entry = link.closest(arguments[2]) || link;
        // innerText: the rendered text, visually hidden text included, display:none text not.
        return {visited: link.classList.contains(arguments[3]) || entry.classList.contains(arguments[3]),
                text: entry.innerText.replace(/\\s+/g, ' ').trim()};
    """, module_url, OUTLINE, OUTLINE_ENTRY, VISITED_CLASS)


def consent_box(driver, page):
    boxes = driver.find_elements(By.CSS_SELECTOR, PROGRESS_CONSENT)
    assert boxes, f"{page}: no {PROGRESS_CONSENT}"
    label = driver.execute_script(
        "return Array.from(arguments[0].labels || [], l => l.textContent).join(' ')", boxes[0])
    assert PROGRESS_CONSENT_LABEL in label, f"{page}: the checkbox's label {label!r} lacks {PROGRESS_CONSENT_LABEL!r}"
    return boxes[0]


def test_visited_modules_are_marked_only_after_consent(fresh_driver, base_url, model):
    course = model["courses"][0]
    urls = module_urls(base_url, course)
    assert len(urls) >= 6, "the sample course needs six modules for this test"
    driver = fresh_driver
    driver.get(urls[0])
    box = consent_box(driver, urls[0])
    assert shown(driver, box), f"{urls[0]}: {PROGRESS_CONSENT} is not visible at 1280px"
    assert not box.is_selected(), "remembering progress is on before anyone agreed"
    driver.execute_script("arguments[0].click()", box)
    assert box.is_selected()

    # One module opened at its folder URL (as canonical links and search engines give it), one at index.html.
    opened = {urls[2]: urls[2], urls[3]: urls[3] + "index.html"}
    for address in opened.values():
        driver.get(address)
    driver.get(urls[4])
    assert consent_box(driver, urls[4]).is_selected(), "the consent is not remembered on the next page"
    for url, address in opened.items():
        entry = outline_entry(driver, url)
        assert entry, f"{urls[4]}: no outline entry for {url}"
        assert entry["visited"], (
            f"opened {address} after consent, but its outline entry lacks class {VISITED_CLASS!r}")
        assert VISITED_TEXT in entry["text"], f"{url}: its outline entry {entry['text']!r} lacks {VISITED_TEXT!r}"
    never = outline_entry(driver, urls[5])
    assert never and not never["visited"] and VISITED_TEXT not in never["text"], (
        f"{urls[5]} was never visited but is marked: {never}")
    assert storage_state(driver)["local"] > 0, "nothing is in localStorage after consent"

    driver.execute_script("arguments[0].click()", consent_box(driver, urls[4]))
    assert storage_state(driver)["local"] == 0, "unchecking the box does not clear localStorage"
    driver.get(urls[4])
    assert not consent_box(driver, urls[4]).is_selected(), "the box is checked again after withdrawing consent"
    assert not outline_entry(driver, urls[2])["visited"], "visited marks remain after withdrawing consent"


# --- 7. Quiz feedback ---------------------------------------------------------------------------------------

def answer_wrongly(driver, base_url):
    driver.get(base_url + QUIZ_MODULE)
    form, questions = answer_final_quiz(driver, right=False)
    return form, questions


def option_label(option):
    return option.find_element(By.TAG_NAME, "label").text


def right_answers(question):
    """The right answers of a question, read from the page's data attributes."""
    accepted = question.get_attribute("data-answers")
    if accepted:
        return json.loads(accepted)
    return [option.find_element(By.TAG_NAME, "label").text
            for option in question.find_elements(By.CSS_SELECTOR, QUIZ_OPTION)
            if option.find_element(By.TAG_NAME, "input").get_attribute("data-correct") == "true"]


def test_quiz_marks_every_option_of_a_wrong_answer(driver, base_url):
    _, questions = answer_wrongly(driver, base_url)
    problems = []
    for number, question in enumerate(questions, 1):
        for option in question.find_elements(By.CSS_SELECTOR, QUIZ_OPTION):
            marks = [mark for mark in option.find_elements(By.CSS_SELECTOR, QUIZ_MARK) if shown(driver, mark)]
            texts = [text_of(driver, mark) for mark in marks]
            if len(marks) != 1 or not any(sign in texts[0] for sign in (QUIZ_MARK_RIGHT, QUIZ_MARK_WRONG)):
                problems.append(f"question {number}, option {option_label(option)!r}: visible marks {texts}")
    assert problems == [], f"each option needs one visible {QUIZ_MARK} with ✓ or ✗:\n" + "\n".join(problems)


def test_quiz_marks_tick_exactly_the_right_options(driver, base_url):
    _, questions = answer_wrongly(driver, base_url)
    problems = []
    for number, question in enumerate(questions, 1):
        for option in question.find_elements(By.CSS_SELECTOR, QUIZ_OPTION):
            right = option.find_element(By.TAG_NAME, "input").get_attribute("data-correct") == "true"
            marks = [text_of(driver, mark) for mark in option.find_elements(By.CSS_SELECTOR, QUIZ_MARK)]
            expected = QUIZ_MARK_RIGHT if right else QUIZ_MARK_WRONG
            if not marks or expected not in marks[0]:
                problems.append(f"question {number}, option {option_label(option)!r}: expected {expected}, "
                                f"got {marks}")
    assert problems == [], "\n".join(problems)


def test_quiz_shows_the_solution_of_each_wrong_answer(driver, base_url):
    _, questions = answer_wrongly(driver, base_url)
    problems = []
    for number, question in enumerate(questions, 1):
        solutions = [s for s in question.find_elements(By.CSS_SELECTOR, QUIZ_SOLUTION) if shown(driver, s)]
        text = " ".join(text_of(driver, s) for s in solutions)
        answers = right_answers(question)
        if not text:
            problems.append(f"question {number}: no visible, non-empty {QUIZ_SOLUTION}")
        elif question.get_attribute("data-answers"):
            if not any(answer in text for answer in answers):
                problems.append(f"question {number}: solution {text!r} names none of {answers}")
        elif not all(answer in text for answer in answers):
            problems.append(f"question {number}: solution {text!r} does not name all of {answers}")
    assert problems == [], "\n".join(problems)


def test_quiz_result_box_receives_focus_and_each_question_has_a_verdict(driver, base_url):
    form, questions = answer_wrongly(driver, base_url)
    result = form.find_element(By.CSS_SELECTOR, QUIZ_RESULT)
    assert result.text, "the result box is empty"
    assert driver.execute_script(
        "return document.activeElement === arguments[0] || arguments[0].contains(document.activeElement)", result), (
        "after submitting, focus is on " + driver.execute_script(
            "const a = document.activeElement; return a.tagName + '.' + a.className"))
    empty = [number for number, question in enumerate(questions, 1)
             if not question.find_element(By.CSS_SELECTOR, QUIZ_VERDICT).text.strip()]
    assert empty == [], f"questions without a verdict: {empty}"


def test_quiz_key_without_javascript(browser_without_js, base_url, model):
    driver = browser_without_js
    pages = [module["path"] + "index.html" for _, module in modules_of(model) if module.get("quizzes")]
    assert pages, "the sample has quizzes"
    problems = []
    for page in pages:
        driver.get(base_url + page)
        for form in driver.find_elements(By.CSS_SELECTOR, QUIZ_FORM):
            keys = form.find_elements(By.CSS_SELECTOR, QUIZ_KEY)
            if not keys:
                problems.append(f"{page} #{form.get_attribute('id')}: no {QUIZ_KEY}")
                continue
            summaries = [text_of(driver, key.find_element(By.TAG_NAME, "summary")) for key in keys]
            if any(summary != QUIZ_KEY_SUMMARY for summary in summaries):
                problems.append(f"{page}: summaries {summaries}, expected {QUIZ_KEY_SUMMARY!r}")
            text = " ".join(text_of(driver, key) for key in keys)
            for number, question in enumerate(form.find_elements(By.CSS_SELECTOR, QUIZ_QUESTION), 1):
                answers = right_answers(question)
                named = any(a in text for a in answers) if question.get_attribute("data-answers") \
                    else all(a in text for a in answers)
                if not named:
                    problems.append(f"{page}: the key does not give question {number}'s answer {answers}")
    assert problems == [], "\n".join(problems)


# --- 8. The licences page -------------------------------------------------------------------------------------

def test_credits_page_is_a_table_with_titles_as_link_texts(driver, base_url, model):
    driver.get(base_url + CREDITS_PAGE)
    tables = driver.find_elements(By.CSS_SELECTOR, f"{MAIN} table")
    assert tables, f"{CREDITS_PAGE} has no <table>"
    for number, table in enumerate(tables, 1):
        headers = [text_of(driver, cell) for cell in table.find_elements(By.CSS_SELECTOR, "th")]
        missing = [header for header in CREDITS_HEADERS if header not in headers]
        assert missing == [], f"table {number}: no header cells {missing} (has {headers})"
    links = [(text_of(driver, a), strip_index(a.get_attribute("href")))
             for table in tables for a in table.find_elements(By.CSS_SELECTOR, "a[href]")]
    for _, module in modules_of(model):
        url = base_url + module["path"]
        texts = [text for text, href in links if href == url]
        assert module["title"] in texts, f"the table links {module['path']} as {texts}, not by its title"
    raw = [text for text, _ in links if text.startswith("http") or text.endswith(".md") or "courses/" in text]
    assert raw == [], f"link texts in the table that are URLs or file paths: {raw}"


# --- 9. Site chrome -------------------------------------------------------------------------------------------

def test_footer_links_to_imprint_privacy_and_accessibility(driver, base_url, site_root, all_pages):
    folder = site_folder(site_root)
    problems = []
    # 404.html links from the site's base path (a web server shows it at any depth); served here under a
    # sub-path, its links cannot resolve, so it is checked behind nginx (test_404_page_links_home_courses_and_licences).
    for page in [page for page in all_pages if page != "404.html"]:
        driver.get(base_url + page)
        footer = driver.find_elements(By.CSS_SELECTOR, SITE_FOOTER)
        if not footer:
            problems.append(f"{page}: no {SITE_FOOTER}")
            continue
        links = {}
        for link in footer[0].find_elements(By.CSS_SELECTOR, "a[href]"):
            links.setdefault(text_of(driver, link), link.get_attribute("href"))
        for name in FOOTER_LINKS:
            href = links.get(name)
            if href is None:
                problems.append(f"{page}: no footer link {name!r} (has {sorted(links)})")
            elif href.startswith(base_url):
                relative = urllib.parse.unquote(urllib.parse.urldefrag(href)[0][len(base_url):])
                target = folder / relative
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{page}: {name} leads to {href}, which is not in the site")
            elif not href.startswith("https://"):
                problems.append(f"{page}: {name} leads to {href}, neither a page of the site nor an https URL")
    more = f"\n… and {len(problems) - 30} more" if len(problems) > 30 else ""
    assert problems == [], "\n".join(problems[:30]) + more


def test_home_page_title_names_the_site_once(driver, base_url, model):
    driver.get(base_url)
    site = model["site"]["title"]
    assert driver.title.count(site) == 1, f"home page title {driver.title!r} repeats {site!r}"


# --- 10. Phase legend and step badges ------------------------------------------------------------------------

def test_course_page_has_a_phase_legend(driver, base_url, model):
    labels = phase_kind_labels()
    problems = []
    for course in model["courses"]:
        page = course["path"] + "index.html"
        driver.get(base_url + page)
        legend = driver.find_elements(By.CSS_SELECTOR, PHASE_LEGEND)
        if not legend:
            problems.append(f"{page}: no {PHASE_LEGEND}")
            continue
        items = [(text_of(driver, item), len(item.find_elements(By.CSS_SELECTOR, PHASE_ICON)))
                 for item in legend[0].find_elements(By.CSS_SELECTOR, PHASE_LEGEND_ITEM)]
        for kind in sorted({phase["kind"] for phase in course.get("phases", [])}):
            label = labels.get(kind_key(kind), kind)
            if not any(label in text and icons == 1 for text, icons in items):
                problems.append(f"{page}: no legend item with {label!r} and one {PHASE_ICON} (items: {items})")
    assert problems == [], "\n".join(problems)


def test_each_phase_has_an_icon_and_names_its_kind(driver, base_url, model):
    labels = phase_kind_labels()
    problems = []
    for course in model["courses"]:
        page = course["path"] + "index.html"
        driver.get(base_url + page)
        elements = driver.find_elements(By.CSS_SELECTOR, SCHEDULE_PHASE)
        phases = course.get("phases", [])
        if len(elements) != len(phases):
            problems.append(f"{page}: {len(elements)} phases in the schedule, {len(phases)} in the course")
        for element, phase in zip(elements, phases):
            icons = element.find_elements(By.CSS_SELECTOR, PHASE_ICON)
            if not icons:
                problems.append(f"{page}: phase {phase['title']!r} has no {PHASE_ICON}")
            elif not all(driver.execute_script("return !!arguments[0].closest('[aria-hidden=true]')", icon)
                         for icon in icons):
                problems.append(f"{page}: the icon of phase {phase['title']!r} is not aria-hidden")
            label = labels.get(kind_key(phase["kind"]), phase["kind"])
            if label not in element.text:
                problems.append(f"{page}: phase {phase['title']!r} does not name its kind {label!r}")
    assert problems == [], "\n".join(problems)


def test_step_badges_name_step_number_and_step(driver, base_url, model):
    problems = []
    for course, module in modules_of(model):
        if not module.get("step"):
            continue
        number, label = STEPS[module["step"]]
        expected = STEP_BADGE_FORMAT.format(number=number, label=label)
        driver.get(base_url + course["path"] + "index.html")
        url = base_url + module["path"]
        in_schedule = driver.execute_script("""
            const link = Array.from(document.querySelectorAll(arguments[0] + ' a[href]'))
              .find(a => a.href.split('#')[0].replace(/index\\.html$/, '') === arguments[1]);
            const item = link && link.closest('li');
            const badge = item && item.querySelector(arguments[2]);
            return badge ? badge.textContent.replace(/\\s+/g, ' ').trim() : null;
        """, SCHEDULE, url, STEP_BADGE)
        if in_schedule != expected:
            problems.append(f"{course['path']}: badge of {module['slug']} reads {in_schedule!r}, not {expected!r}")
        driver.get(url + "index.html")
        badges = [text_of(driver, b) for b in driver.find_elements(By.CSS_SELECTOR, f"{MAIN} {STEP_BADGE}")]
        if expected not in badges:
            problems.append(f"{module['path']}: step badges {badges}, expected {expected!r}")
    assert problems == [], "\n".join(problems)
