"""The tool catalogue, the tool pages and the click-guides in headless Chromium.

Covers: the catalogue's filters (with and without JavaScript, every value, combinations, the live count, keyboard
only), hotspot markers that stay on their image pixels at 320 and 1280 px (and in print), the guide steps that can
be ticked off (consent before local storage, the `mika:guide-step` event), the tool pages and the links between
them and the guides, axe-core in light and dark at both widths, printing, and the browser console.

What the pages should show is worked out here from the content itself (`content/tools/*/tool.yml`, the guides'
Markdown with their ```hotspots blocks, the PNG headers of the screenshots), never from the pages' own data
attributes, so a wrong attribute or a wrong percentage cannot confirm itself.
"""
import json
import re
import struct
import urllib.parse

import pytest
import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO, make_driver
from test_browser import axe_violations
from test_theme import IS_SHOWN, clean_emulation, driver, fresh_driver, reset_emulation, set_viewport  # noqa: F401 (fixtures)

CONTENT = REPO / "content"
TOOLS = CONTENT / "tools"
I18N = REPO / "themes" / "default" / "i18n" / "de.yml"
SPDX = REPO / "data" / "spdx" / "licenses.json"

CATALOGUE = "werkzeuge/index.html"
WIDTHS = (320, 1280)
SCHEMES = ("light", "dark")
TOLERANCE = 1.5                      # CSS px a marker's edge may be off its rectangle
CM = 96 / 2.54                       # CSS px per centimetre
PRINT_MAX_WIDTH = 16 * CM            # ≈ 604.7 px: screenshots sized for A4
# Text widths of an A4 page with Chromium's default margins (1 cm each side), in CSS px.
A4_PORTRAIT = round((210 - 20) / 25.4 * 96)    # 718
A4_LANDSCAPE = round((297 - 20) / 25.4 * 96)   # 1047

FILTERS = {  # select id -> the tool.yml field it filters by
    "mika-filter-category": "categories",
    "mika-filter-cost": "cost",
    "mika-filter-account": "account",
    "mika-filter-location": "location",
    "mika-filter-step": "steps",
}
STEP_LABELS = {"informieren": "Informieren", "planen": "Planen", "entscheiden": "Entscheiden",
               "ausfuehren": "Ausführen", "kontrollieren": "Kontrollieren", "bewerten": "Bewerten"}
CONSENT = "input#mika-fortschritt-merken"
LEARNER_KEY = "mika:lernkennung"


# --- The content, read independently of the site ------------------------------------------------------------

def slug(text):
    text = str(text).lower()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def account_value(value):
    """`account: false` means no account; `true`, "ja" or a note ("nur für Lehrende") means one is needed."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    text = str(value).strip().lower()
    if text in ("false", "no", "nein"):
        return "nein"
    return "ja"


def load_tools():
    """Every tool of content/tools, by id: its raw YAML and the filter values it should match."""
    tools = {}
    for path in sorted(TOOLS.glob("*/tool.yml")) + sorted(TOOLS.glob("*.yml")):
        tool_id = path.parent.name if path.name == "tool.yml" else path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        tools[tool_id] = {
            "yaml": data,
            "categories": {slug(c) for c in data.get("categories", [])},
            "cost": {data["cost"]} if data.get("cost") else set(),
            "account": {account_value(data["account"])} if "account" in data else set(),
            "location": {data["data_location"]} if data.get("data_location") else set(),
            "steps": {slug(s) for s in data.get("steps", [])},
        }
    return tools


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def load_guides():
    """Every click-guide (type: toolguide) with its page, tool, steps and screenshots with hotspots."""
    guides = []
    for course_dir in sorted((CONTENT / "courses").iterdir()):
        if not (course_dir / "course.yml").exists():
            continue
        course = yaml.safe_load((course_dir / "course.yml").read_text(encoding="utf-8"))
        for path in sorted(course_dir.glob("[0-9]*-*.md")):
            meta, body = front_matter(path)
            if meta.get("type") != "toolguide":
                continue
            module_slug = re.sub(r"^\d+-", "", path.stem)
            guides.append({
                "file": path.relative_to(REPO).as_posix(),
                "title": meta["title"],
                "course": course["title"],
                "tool": meta.get("tool") if isinstance(meta.get("tool"), str) else None,
                "page": f"kurse/{course_dir.name}/{module_slug}/index.html",
                "steps": len(re.findall(r"^\d+\.\s", body, re.M)),
                "screenshots": screenshots(path, body),
            })
    return guides


def screenshots(path, body):
    """The images followed by a ```hotspots block, in order: file, pixel size from the PNG header, hotspots."""
    found = []
    pattern = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)\s*\n\s*```hotspots\n(.*?)\n\s*```", re.S)
    for match in pattern.finditer(body):
        image = (path.parent / match.group(1)).resolve()
        hotspots = yaml.safe_load(match.group(2))
        found.append({"image": image, "name": image.name, "size": png_size(image), "hotspots": hotspots})
    return found


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


TOOL_DATA = load_tools()
GUIDES = load_guides()
GUIDES_WITH_HOTSPOTS = [guide for guide in GUIDES if guide["screenshots"]]
UI = yaml.safe_load(I18N.read_text(encoding="utf-8"))


def guide_id(guide):
    return guide["page"].split("/")[-2]


# --- Helpers -------------------------------------------------------------------------------------------------

def set_media(driver, media="", scheme=None):
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media, "features": features})


def shown(driver, element):
    return driver.execute_script(IS_SHOWN, element)


def squash(text):
    return re.sub(r"\s+", " ", text or "").strip()


def text_of(driver, element):
    return squash(driver.execute_script("return arguments[0].textContent", element))


def wait_for_images(driver):
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))


def page_url(base_url, href):
    """A link's target relative to the site root, with index.html and without fragment."""
    target = urllib.parse.urldefrag(href)[0]
    assert target.startswith(base_url), f"{href} leaves the site"
    target = target[len(base_url):]
    return target + "index.html" if target == "" or target.endswith("/") else target


# --- Fixtures ------------------------------------------------------------------------------------------------

def test_the_content_has_what_these_tests_need():
    assert len(TOOL_DATA) >= 5, "the sample catalogue has tools"
    assert GUIDES_WITH_HOTSPOTS, "the sample has click-guides with hotspots"
    assert all(guide["tool"] in TOOL_DATA for guide in GUIDES), [g["tool"] for g in GUIDES]
    for guide in GUIDES:
        assert guide["steps"] > 0, f"{guide['file']}: no numbered steps"


# --- 1. Catalogue filters ------------------------------------------------------------------------------------

def visible_cards(driver):
    """The ids of the cards shown, read from their links (werkzeuge/<id>/index.html)."""
    return {link.get_attribute("href").rstrip("/").split("/")[-2]
            for link in driver.find_elements(By.CSS_SELECTOR, ".tool-card h2 a") if link.is_displayed()}


def count_text(driver):
    return squash(driver.find_element(By.CSS_SELECTOR, ".tool-count").text)


def expected_count(count):
    return f"{count} von {len(TOOL_DATA)} Werkzeugen"


def matching(criteria):
    """Tool ids matching every (field, value) of criteria, computed from the tool files."""
    return {tool_id for tool_id, tool in TOOL_DATA.items()
            if all(value in tool[field] for field, value in criteria)}


def choose(driver, select_id, value):
    Select(driver.find_element(By.ID, select_id)).select_by_value(value)


def options(driver, select_id):
    return [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, f"#{select_id} option")]


def test_catalogue_filter_form_is_shown_with_javascript(driver, base_url):
    driver.get(base_url + CATALOGUE)
    form = driver.find_element(By.CSS_SELECTOR, "form.tool-filters")
    assert form.is_displayed(), "with JavaScript the filter form is visible"
    for select_id in FILTERS:
        select = driver.find_element(By.ID, select_id)
        assert select.is_displayed(), f"#{select_id} is not visible"
        label = driver.execute_script("return Array.from(arguments[0].labels, l => l.textContent).join(' ')", select)
        assert label.strip(), f"#{select_id} has no label"
    status = driver.find_element(By.CSS_SELECTOR, ".tool-count")
    assert status.get_attribute("role") == "status"
    assert count_text(driver) == expected_count(len(TOOL_DATA))
    assert visible_cards(driver) == set(TOOL_DATA)




def test_catalogue_without_javascript_hides_the_filters(browser_without_js, base_url):
    driver = browser_without_js
    driver.get(base_url + CATALOGUE)
    form = driver.find_element(By.CSS_SELECTOR, "form.tool-filters")
    assert form.get_attribute("hidden") is not None, "the form is not marked hidden in the HTML"
    assert not form.is_displayed(), "without JavaScript the filters cannot work and must stay hidden"


def test_catalogue_without_javascript_shows_every_card(browser_without_js, base_url):
    driver = browser_without_js
    driver.get(base_url + CATALOGUE)
    assert visible_cards(driver) == set(TOOL_DATA)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".tool-card")) == len(TOOL_DATA)
    assert str(len(TOOL_DATA)) in count_text(driver)


def test_catalogue_offers_the_values_the_tools_use(driver, base_url):
    driver.get(base_url + CATALOGUE)
    for select_id, field in FILTERS.items():
        offered = options(driver, select_id)
        assert offered[0] == "", f"#{select_id}: the first option is not 'alle'"
        used = set().union(*(tool[field] for tool in TOOL_DATA.values()))
        if field == "account":
            assert set(offered[1:]) == {"ja", "nein"}, offered
        else:
            assert set(offered[1:]) == used, f"#{select_id} offers {offered[1:]}, the tools use {sorted(used)}"


@pytest.mark.parametrize("select_id", FILTERS)
def test_each_filter_value_leaves_exactly_the_matching_cards(driver, base_url, select_id):
    driver.get(base_url + CATALOGUE)
    field = FILTERS[select_id]
    problems = []
    for value in options(driver, select_id)[1:]:
        choose(driver, select_id, value)
        expected = matching([(field, value)])
        shown_ids, status = visible_cards(driver), count_text(driver)
        if shown_ids != expected:
            problems.append(f"{field}={value}: shows {sorted(shown_ids)}, expected {sorted(expected)}")
        if status != expected_count(len(expected)):
            problems.append(f"{field}={value}: status {status!r}, expected {expected_count(len(expected))!r}")
    choose(driver, select_id, "")
    assert visible_cards(driver) == set(TOOL_DATA), "'alle' does not bring every card back"
    assert count_text(driver) == expected_count(len(TOOL_DATA))
    assert problems == [], "\n".join(problems)


def test_combined_filters_narrow_further(driver, base_url):
    driver.get(base_url + CATALOGUE)
    values = {select_id: options(driver, select_id)[1:] for select_id in FILTERS}
    ids = list(FILTERS)
    problems, narrowed = [], 0
    for i, first in enumerate(ids):
        for second in ids[i + 1:]:
            for a in values[first]:
                choose(driver, first, a)
                for b in values[second]:
                    choose(driver, second, b)
                    single_a = matching([(FILTERS[first], a)])
                    single_b = matching([(FILTERS[second], b)])
                    expected = matching([(FILTERS[first], a), (FILTERS[second], b)])
                    assert expected == single_a & single_b
                    if expected < single_a and expected < single_b:
                        narrowed += 1
                    shown_ids, status = visible_cards(driver), count_text(driver)
                    if shown_ids != expected or status != expected_count(len(expected)):
                        problems.append(f"{FILTERS[first]}={a} + {FILTERS[second]}={b}: shows {sorted(shown_ids)} "
                                        f"({status!r}), expected {sorted(expected)}")
                choose(driver, second, "")
            choose(driver, first, "")
    assert narrowed > 0, "no pair of filters narrows both: the sample cannot show combinations"
    # Three at once, one of which leaves nothing.
    choose(driver, "mika-filter-account", "nein")
    choose(driver, "mika-filter-location", "deutschland")
    expected = matching([("account", "nein"), ("location", "deutschland")])
    assert visible_cards(driver) == expected and count_text(driver) == expected_count(len(expected))
    empty_step = next((step for step in values["mika-filter-step"]
                       if not matching([("account", "nein"), ("location", "deutschland"), ("steps", step)])), None)
    if empty_step:
        choose(driver, "mika-filter-step", empty_step)
        assert visible_cards(driver) == set() and count_text(driver) == expected_count(0)
    assert problems == [], "\n".join(problems[:30])


def focus_by_tab(driver, element_id, limit=80):
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} cannot be reached with the Tab key")


def test_catalogue_filters_work_with_the_keyboard_only(driver, base_url):
    driver.get(base_url + CATALOGUE)
    account = options(driver, "mika-filter-account")
    location = options(driver, "mika-filter-location")

    focus_by_tab(driver, "mika-filter-account")
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    value = driver.execute_script("return document.activeElement.value")
    assert value == account[1], f"Arrow down on the account filter selected {value!r}, not {account[1]!r}"
    expected = matching([("account", value)])
    assert visible_cards(driver) == expected and count_text(driver) == expected_count(len(expected))

    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    value = driver.execute_script("return document.activeElement.value")
    assert value == account[2]
    expected = matching([("account", value)])
    assert visible_cards(driver) == expected and count_text(driver) == expected_count(len(expected))

    # On to the next filter: Tab, then an arrow key combines both.
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script("return document.activeElement.id") == "mika-filter-location"
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    expected = matching([("account", account[2]), ("location", location[1])])
    assert visible_cards(driver) == expected and count_text(driver) == expected_count(len(expected))

    # Back to "alle" with the arrow keys brings the cards back.
    ActionChains(driver).send_keys(Keys.ARROW_UP).perform()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert driver.execute_script("return document.activeElement.id") == "mika-filter-account"
    ActionChains(driver).send_keys(Keys.ARROW_UP, Keys.ARROW_UP).perform()
    assert visible_cards(driver) == set(TOOL_DATA) and count_text(driver) == expected_count(len(TOOL_DATA))


# --- 2. Hotspots stay on their pixels ------------------------------------------------------------------------

MEASURE = """
return Array.from(document.querySelectorAll('figure')).filter(f => f.querySelector('.hotspot')).map(f => {
  const img = f.querySelector('img');
  const box = img.getBoundingClientRect();
  return {
    src: img.getAttribute('src'), naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
    // The image's pixels fill its content box (inside its border).
    left: box.left + img.clientLeft, top: box.top + img.clientTop,
    width: img.clientWidth, height: img.clientHeight,
    markers: Array.from(f.querySelectorAll('.hotspot')).map(m => {
      const r = m.getBoundingClientRect();
      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
              hidden: m.getAttribute('aria-hidden'), number: m.textContent.trim()};
    }),
    labels: Array.from(f.querySelectorAll('ol.hotspot-labels > li'), li => li.textContent.replace(/\\s+/g, ' ').trim()),
  };
});
"""


def measure(driver, base_url, guide):
    driver.get(base_url + guide["page"])
    wait_for_images(driver)
    figures = driver.execute_script(MEASURE)
    assert len(figures) == len(guide["screenshots"]), (
        f"{guide['page']}: {len(figures)} figures with markers, {len(guide['screenshots'])} hotspots blocks "
        f"in {guide['file']}")
    return figures


def marker_offsets(guide, figures, smallest=0):
    """Every marker edge further than TOLERANCE from where the Markdown rectangle falls on the rendered image.
    The right and bottom edges of a rectangle narrower or lower than `smallest` CSS px are left out."""
    problems = []
    for shot, figure in zip(guide["screenshots"], figures):
        where = f"{guide['page']} {shot['name']}"
        assert urllib.parse.unquote(figure["src"]).endswith("/" + shot["name"]), (
            f"{where}: the figure shows {figure['src']}")
        natural_width, natural_height = shot["size"]
        assert (figure["naturalWidth"], figure["naturalHeight"]) == (natural_width, natural_height)
        scale = figure["width"] / natural_width
        assert abs(figure["height"] - natural_height * scale) <= 1, f"{where}: the image is distorted"
        assert len(figure["markers"]) == len(shot["hotspots"]), f"{where}: marker count"
        for number, (spot, marker) in enumerate(zip(shot["hotspots"], figure["markers"]), 1):
            expected = {"left": figure["left"] + spot["x"] * scale, "top": figure["top"] + spot["y"] * scale}
            expected["right"] = expected["left"] + spot["width"] * scale
            expected["bottom"] = expected["top"] + spot["height"] * scale
            edges = ["left", "top"]
            if spot["width"] * scale >= smallest:
                edges.append("right")
            if spot["height"] * scale >= smallest:
                edges.append("bottom")
            off = {edge: round(marker[edge] - expected[edge], 2) for edge in edges
                   if abs(marker[edge] - expected[edge]) > TOLERANCE}
            if off:
                rectangle = f"{spot['x']},{spot['y']} {spot['width']}×{spot['height']}"
                problems.append(f"{where} marker {number} ({spot['label']}): off by {off} px "
                                f"(scale {scale:.3f}, rectangle {rectangle})")
    return problems




@pytest.mark.parametrize("guide", GUIDES_WITH_HOTSPOTS, ids=guide_id)
def test_hotspot_markers_stay_on_their_pixels_at_1280_px(driver, base_url, guide):
    set_viewport(driver, 1280)
    problems = marker_offsets(guide, measure(driver, base_url, guide))
    assert problems == [], "at 1280px:\n" + "\n".join(problems)


def test_hotspot_markers_stay_on_their_pixels_at_320_px(driver, base_url):
    set_viewport(driver, 320)
    problems = [problem for guide in GUIDES_WITH_HOTSPOTS
                for problem in marker_offsets(guide, measure(driver, base_url, guide))]
    assert problems == [], "at 320px:\n" + "\n".join(problems)


@pytest.mark.parametrize("guide", GUIDES, ids=guide_id)
def test_hotspot_markers_are_hidden_and_labels_are_read_in_order(driver, base_url, guide):
    driver.get(base_url + guide["page"])
    figures = driver.execute_script(MEASURE)
    assert len(figures) == len(guide["screenshots"])
    for shot, figure in zip(guide["screenshots"], figures):
        where = f"{guide['page']} {shot['name']}"
        assert [m["hidden"] for m in figure["markers"]] == ["true"] * len(shot["hotspots"]), (
            f"{where}: every marker must be aria-hidden")
        assert [m["number"] for m in figure["markers"]] == [str(n) for n in range(1, len(shot["hotspots"]) + 1)]
        assert figure["labels"] == [squash(spot["label"]) for spot in shot["hotspots"]], (
            f"{where}: the label list does not read the Markdown's labels in order")
    # The label lists are ordered lists the screen reader reaches, outside every aria-hidden subtree.
    assert driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.hotspot-labels'))"
        ".every(ol => !ol.closest('[aria-hidden=true]'))")


# --- 3. Guide steps ------------------------------------------------------------------------------------------

def step_boxes(driver):
    return driver.find_elements(By.CSS_SELECTOR, ".module-body[data-guide] > ol > li > .guide-step-check input")


def local_storage(driver):
    return driver.execute_script(
        "const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i);"
        " o[k] = localStorage.getItem(k); } return o;")


def listen_for_steps(driver):
    driver.execute_script(
        "window.__mikaSteps = [];"
        "document.addEventListener('mika:guide-step', e => window.__mikaSteps.push(e.detail && e.detail.step));")


@pytest.mark.parametrize("guide", GUIDES, ids=guide_id)
def test_each_top_level_step_gets_a_labelled_checkbox(driver, base_url, guide):
    driver.get(base_url + guide["page"])
    steps = driver.find_elements(By.CSS_SELECTOR, ".module-body[data-guide] > ol > li")
    assert len(steps) == guide["steps"], f"{guide['page']}: {len(steps)} steps, {guide['steps']} in {guide['file']}"
    boxes = step_boxes(driver)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".module-body input[type=checkbox]")) == guide["steps"], (
        "only the top-level steps get a checkbox (not the hotspot label lists)")
    labels = [squash(driver.execute_script("return Array.from(arguments[0].labels, l => l.textContent).join(' ')", box))
              for box in boxes]
    assert labels == [f"Schritt {n} erledigt" for n in range(1, guide["steps"] + 1)]
    assert all(box.get_attribute("type") == "checkbox" and not box.is_selected() for box in boxes)


def test_ticking_a_step_marks_it_and_stores_nothing_without_consent(fresh_driver, base_url):
    driver = fresh_driver
    guide = GUIDES_WITH_HOTSPOTS[0]
    driver.get(base_url + guide["page"])
    listen_for_steps(driver)
    boxes = step_boxes(driver)
    steps = driver.find_elements(By.CSS_SELECTOR, ".module-body[data-guide] > ol > li")
    boxes[1].click()
    assert boxes[1].is_selected()
    assert "is-done" in steps[1].get_attribute("class").split()
    assert not any("is-done" in s.get_attribute("class").split() for i, s in enumerate(steps) if i != 1)
    assert driver.execute_script("return window.__mikaSteps") == [2]
    # The keyboard ticks too.
    boxes[2].send_keys(Keys.SPACE)
    assert boxes[2].is_selected() and "is-done" in steps[2].get_attribute("class").split()
    assert driver.execute_script("return window.__mikaSteps") == [2, 3]
    # Unticking clears the mark and announces nothing.
    boxes[1].click()
    assert "is-done" not in steps[1].get_attribute("class").split()
    assert driver.execute_script("return window.__mikaSteps") == [2, 3]

    assert driver.execute_script("return localStorage.getItem(arguments[0])", LEARNER_KEY) is None
    assert local_storage(driver) == {}, "ticks were stored before the learner agreed"
    assert driver.get_cookies() == []
    driver.refresh()
    assert not any(box.is_selected() for box in step_boxes(driver)), "ticks survived a reload without consent"


def test_ticks_persist_after_opting_in(fresh_driver, base_url):
    driver = fresh_driver
    guide = GUIDES_WITH_HOTSPOTS[0]
    driver.get(base_url + guide["page"])
    consent = driver.find_element(By.CSS_SELECTOR, CONSENT)
    label = driver.execute_script("return Array.from(arguments[0].labels, l => l.textContent).join(' ')", consent)
    assert "Lernfortschritt speichern" in label
    assert not consent.is_selected()
    driver.execute_script("arguments[0].click()", consent)
    assert consent.is_selected()
    assert driver.execute_script("return localStorage.getItem(arguments[0])", LEARNER_KEY), (
        "opting in stores the learner key that guide.js takes as consent")

    listen_for_steps(driver)
    boxes = step_boxes(driver)
    boxes[0].click()
    boxes[3].click()
    assert driver.execute_script("return window.__mikaSteps") == [1, 4]
    driver.refresh()
    boxes = step_boxes(driver)
    steps = driver.find_elements(By.CSS_SELECTOR, ".module-body[data-guide] > ol > li")
    ticked = [n for n, box in enumerate(boxes, 1) if box.is_selected()]
    assert ticked == [1, 4], f"after a reload the ticked steps are {ticked}"
    assert [n for n, s in enumerate(steps, 1) if "is-done" in s.get_attribute("class").split()] == [1, 4]
    # The same page at its folder URL keeps the same ticks.
    driver.get(base_url + guide["page"][: -len("index.html")])
    assert [n for n, box in enumerate(step_boxes(driver), 1) if box.is_selected()] == [1, 4]
    # Other guides keep their own.
    other = next(g for g in GUIDES if g["page"] != guide["page"])
    driver.get(base_url + other["page"])
    assert not any(box.is_selected() for box in step_boxes(driver))

    # Withdrawing consent forgets the ticks.
    driver.get(base_url + guide["page"])
    driver.execute_script("arguments[0].click()", driver.find_element(By.CSS_SELECTOR, CONSENT))
    assert not any(key.startswith("mika:") for key in local_storage(driver)), local_storage(driver)
    driver.refresh()
    assert not any(box.is_selected() for box in step_boxes(driver))


# --- 4. Tool pages -------------------------------------------------------------------------------------------

def spdx_names():
    return {entry["id"]: entry["name"] for entry in json.loads(SPDX.read_text(encoding="utf-8"))}


def expected_facts(tool):
    data = tool["yaml"]
    account = data.get("account")
    if isinstance(account, str) and account_value(account) == "ja" and account.lower() not in ("true", "yes", "ja"):
        account_text = account
    else:
        account_text = UI["tool_account_needed"] if account_value(account) == "ja" else UI["tool_no_account"]
    license_id = data.get("license") or data.get("licence")
    facts = {
        "Wofür": data.get("purpose"),
        "Kosten": UI["tool_cost_" + data["cost"]] if data.get("cost") else None,
        "Konto": account_text if "account" in data else None,
        "Daten liegen": UI["tool_location_" + data["data_location"]] if data.get("data_location") else None,
        "Anbieter": ", ".join(x for x in (data.get("provider"), data.get("provider_country")) if x) or None,
        "Barrierefreiheit": data.get("accessibility"),
        "ohne Internet nutzbar": None if data.get("offline") is None else ("ja" if data["offline"] else "nein"),
        "auf eigenem Server betreibbar": None if data.get("self_hosting") is None else (
            "ja" if data["self_hosting"] else "nein"),
        "Lizenz der Software": spdx_names().get(license_id, license_id) if license_id else None,
        "passt zu den Schritten": ", ".join(STEP_LABELS[slug(s)] for s in data.get("steps", [])) or None,
    }
    return {term: squash(str(value)) for term, value in facts.items() if value}


def expected_badges(tool):
    data = tool["yaml"]
    badges = []
    if data.get("cost"):
        badges.append(UI["tool_cost_" + data["cost"]])
    if "account" in data:
        badges.append(UI["tool_account_needed"] if account_value(data["account"]) == "ja" else UI["tool_no_account"])
    if data.get("data_location"):
        badges.append(UI["tool_location_" + data["data_location"]])
    license_id = data.get("license") or data.get("licence")
    if license_id and not license_id.startswith("LicenseRef-"):
        badges.append(UI["tool_open_source"])
    return badges


@pytest.mark.parametrize("tool_id", sorted(TOOL_DATA))
def test_tool_page_has_facts_badges_link_and_guides(driver, base_url, tool_id):
    tool = TOOL_DATA[tool_id]
    data = tool["yaml"]
    page = f"werkzeuge/{tool_id}/index.html"
    driver.get(base_url + page)
    assert driver.find_element(By.TAG_NAME, "h1").text == data["name"]

    box = driver.find_element(By.CSS_SELECTOR, "section.tool-facts")
    facts = {text_of(driver, div.find_element(By.TAG_NAME, "dt")): text_of(driver, div.find_element(By.TAG_NAME, "dd"))
             for div in box.find_elements(By.CSS_SELECTOR, "dl > div")}
    assert facts == expected_facts(tool), f"{page}: facts {facts}"
    assessment = text_of(driver, box.find_element(By.CSS_SELECTOR, ".tool-assessment"))
    protection = data["data_protection"]
    assert assessment.startswith("Datenschutz: ")
    assert squash(protection["note"]) in assessment and str(protection["date"]) in assessment, assessment

    badges = driver.find_elements(By.CSS_SELECTOR, "main .tool-badges li")
    texts = [squash(badge.text) for badge in badges]
    assert texts == expected_badges(tool), f"{page}: badges {texts}"
    assert all(badge.is_displayed() and badge.text.strip() for badge in badges), "badges must say it in words"

    links = driver.find_elements(By.CSS_SELECTOR, "a.tool-open")
    assert len(links) == 1, f"{page}: {len(links)} 'Zum Tool' links"
    link = links[0]
    assert text_of(driver, link) == f"Zum Tool: {data['name']}", "the link names the tool, for screen readers"
    assert link.get_attribute("href") == data["url"]
    assert "external" in link.get_attribute("rel").split(), link.get_attribute("rel")
    assert link.get_attribute("data-mika-tool") == tool_id

    guides = [g for g in GUIDES if g["tool"] == tool_id]
    listed = [(text_of(driver, a), page_url(base_url, a.get_attribute("href")))
              for a in driver.find_elements(By.CSS_SELECTOR, "ul.tool-guides a")]
    assert listed == [(f"{g['title']} ({g['course']})", g["page"]) for g in guides]
    if not guides:
        assert UI["tool_no_guides"] in driver.find_element(By.TAG_NAME, "main").text


@pytest.mark.parametrize("guide", GUIDES, ids=guide_id)
def test_guide_tool_box_links_the_tool_and_its_page(driver, base_url, guide):
    tool = TOOL_DATA[guide["tool"]]
    driver.get(base_url + guide["page"])
    box = driver.find_element(By.CSS_SELECTOR, "article.module section.tool-facts")
    open_link = box.find_element(By.CSS_SELECTOR, "a.tool-open")
    assert open_link.get_attribute("href") == tool["yaml"]["url"]
    assert "external" in open_link.get_attribute("rel").split()
    assert open_link.get_attribute("data-mika-tool") == guide["tool"]
    pages = [a for a in box.find_elements(By.CSS_SELECTOR, "a[href]") if a.get_attribute("href").startswith(base_url)]
    assert [page_url(base_url, a.get_attribute("href")) for a in pages] == [f"werkzeuge/{guide['tool']}/index.html"]
    assert [squash(b.text) for b in box.find_elements(By.CSS_SELECTOR, ".tool-badges li")] == expected_badges(tool)
    # Following the link lands on the tool page, which lists this guide.
    pages[0].click()
    assert driver.find_element(By.TAG_NAME, "h1").text == tool["yaml"]["name"]
    back = [a for a in driver.find_elements(By.CSS_SELECTOR, "ul.tool-guides a")
            if page_url(base_url, a.get_attribute("href")) == guide["page"]]
    assert back, f"the tool page does not list {guide['page']}"
    back[0].click()
    assert driver.find_element(By.TAG_NAME, "h1").text == guide["title"]


def test_catalogue_cards_link_the_tool_pages_with_badges_as_text(driver, base_url):
    driver.get(base_url + CATALOGUE)
    for card in driver.find_elements(By.CSS_SELECTOR, ".tool-card"):
        link = card.find_element(By.CSS_SELECTOR, "h2 a")
        tool_id = page_url(base_url, link.get_attribute("href")).split("/")[1]
        assert link.text == TOOL_DATA[tool_id]["yaml"]["name"]
        assert [squash(b.text) for b in card.find_elements(By.CSS_SELECTOR, ".tool-badges li")] == \
            expected_badges(TOOL_DATA[tool_id])


# --- 5. axe-core ---------------------------------------------------------------------------------------------

def axe_pages():
    guide = GUIDES_WITH_HOTSPOTS[0]
    return {"guide": guide["page"], "tool": f"werkzeuge/{guide['tool']}/index.html", "catalogue": CATALOGUE}


def format_violations(page, violations):
    return [f"{page}: {v['id']} ({v.get('impact')}): {v['help']} -> "
            + ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5]) for v in violations]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_wcag21_aa_violations(driver, base_url, width, scheme):
    set_viewport(driver, width)
    set_media(driver, scheme=scheme)
    problems = []
    for name, page in axe_pages().items():
        driver.get(base_url + page)
        wait_for_images(driver)
        violations, _ = axe_violations(driver)
        problems += format_violations(page, violations)
        # The states only JavaScript reaches: a ticked step, a filtered catalogue.
        if name == "guide":
            driver.execute_script("arguments[0].click()", step_boxes(driver)[0])
        elif name == "catalogue":
            choose(driver, "mika-filter-location", options(driver, "mika-filter-location")[1])
        else:
            continue
        violations, _ = axe_violations(driver)
        problems += format_violations(page + " (after interaction)", violations)
    assert problems == [], f"axe-core at {width}px, {scheme}:\n" + "\n".join(problems)


# --- 6. Print ------------------------------------------------------------------------------------------------

NAVIGATION = {"outline": "nav.course-outline", "breadcrumb": ".breadcrumb", "pager": ".pager",
              "header": ".site-header", "skip link": ".skip-link", "step checkboxes": ".guide-step-check"}


@pytest.mark.parametrize("page_width", [A4_PORTRAIT, A4_LANDSCAPE], ids=["a4-portrait", "a4-landscape"])
@pytest.mark.parametrize("guide", GUIDES, ids=guide_id)
def test_guide_prints_as_a_handout(driver, base_url, guide, page_width):
    set_viewport(driver, page_width)
    driver.get(base_url + guide["page"])
    wait_for_images(driver)
    set_media(driver, "print")
    assert step_boxes(driver), "guide.js ran and added the checkboxes"
    printed = [name for name, selector in NAVIGATION.items()
               if any(shown(driver, e) for e in driver.find_elements(By.CSS_SELECTOR, selector))]
    assert printed == [], f"{guide['page']}: printed navigation: {printed}"
    widths = driver.execute_script(
        "return Array.from(document.querySelectorAll('.module-body img'), i => i.getBoundingClientRect().width)")
    assert len(widths) >= len(guide["screenshots"])
    too_wide = [round(w, 1) for w in widths if w > PRINT_MAX_WIDTH + 0.5]
    assert too_wide == [], (
        f"{guide['page']}: printed screenshots wider than 16 cm ({PRINT_MAX_WIDTH:.1f}px): {too_wide}")
    breaks = driver.execute_script(
        "return Array.from(document.querySelectorAll('.module-body[data-guide] > ol > li'),"
        " li => getComputedStyle(li).breakInside)")
    assert len(breaks) == guide["steps"]
    assert breaks == ["avoid"] * guide["steps"], f"{guide['page']}: break-inside of the steps: {breaks}"




@pytest.mark.parametrize("page_width", [
    pytest.param(A4_PORTRAIT, id="a4-portrait"),
    pytest.param(A4_LANDSCAPE, id="a4-landscape"),
])
@pytest.mark.parametrize("guide", GUIDES_WITH_HOTSPOTS, ids=guide_id)
def test_printed_hotspot_markers_stay_on_their_pixels(driver, base_url, guide, page_width):
    set_viewport(driver, page_width)
    driver.get(base_url + guide["page"])
    wait_for_images(driver)
    set_media(driver, "print")
    column = driver.execute_script(
        "return [document.querySelector('article.module').getBoundingClientRect().width,"
        " document.documentElement.clientWidth]")
    problems = marker_offsets(guide, driver.execute_script(MEASURE))
    if column[0] < column[1] * 0.8:
        problems.insert(0, f"the printed text is {column[0]}px wide on a {column[1]}px page")
    assert problems == [], f"in print at {page_width}px:\n" + "\n".join(problems)




def test_guide_steps_avoid_page_breaks_without_javascript(browser_without_js, base_url):
    driver = browser_without_js
    guide = GUIDES_WITH_HOTSPOTS[0]
    driver.get(base_url + guide["page"])
    set_media(driver, "print")
    breaks = driver.execute_script(
        "return Array.from(document.querySelectorAll('.module-body[data-guide] > ol > li'),"
        " li => getComputedStyle(li).breakInside)")
    assert len(breaks) == guide["steps"]
    assert breaks == ["avoid"] * guide["steps"], breaks


# --- 7. The console ------------------------------------------------------------------------------------------

def console_errors(driver):
    # The browser asks the server root for /favicon.ico on its own (the site is served under /campus/ and the
    # sample sets no favicon): that request is not the page's.
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "/favicon.ico" not in entry["message"]]


@pytest.fixture(scope="module")
def logging_driver():
    chromium = make_driver(log_requests=True)
    yield chromium
    chromium.quit()


def test_no_console_errors(logging_driver, base_url):
    driver = logging_driver
    pages = [CATALOGUE] + [f"werkzeuge/{tool_id}/index.html" for tool_id in sorted(TOOL_DATA)] \
        + [guide["page"] for guide in GUIDES]
    problems = []
    driver.get_log("browser")  # start empty
    for page in pages:
        driver.get(base_url + page)
        wait_for_images(driver)
        if page == CATALOGUE:
            choose(driver, "mika-filter-step", options(driver, "mika-filter-step")[1])
            choose(driver, "mika-filter-category", options(driver, "mika-filter-category")[1])
        boxes = step_boxes(driver)
        if boxes:
            boxes[0].click()
            boxes[0].click()
        problems += [f"{page}: {message}" for message in console_errors(driver)]
    assert problems == [], "\n".join(problems)
