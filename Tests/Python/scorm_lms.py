"""A recording fake LMS for the SCORM runtime tests (themes/default/assets/scorm.js).

lms.html is written next to the package's files. It exposes the SCORM 1.2 API (`window.API`) or the SCORM 2004 API
(`window.API_1484_11`), records every call in `window.calls` and keeps a small data model that checks what the SCO
writes (vocabularies, formats, lengths, read-only elements, call order), like a strict LMS would. The query string
chooses the version (`v=12` or `v=2004`), the SCO to launch (`sco=` a path relative to lms.html), initial values
(any `cmi.*` parameter, e.g. `cmi.core.entry=resume`), whether the SCO opens in a window (`open=1`, launched by
`openSco()`) instead of an iframe, an LMS that refuses to initialize (`refuse=1`) and API functions that throw
(`broken=LMSSetValue,LMSCommit`).
"""
import functools
import http.server
import json
import re
import threading
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

VERSIONS = ("scorm12", "scorm2004")
SESSION_TIME = {
    "scorm12": re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$"),
    "scorm2004": re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$"),
}
# The data model elements each test looks at, by version.
CMI = {
    "scorm12": {
        "status": "cmi.core.lesson_status", "entry": "cmi.core.entry", "location": "cmi.core.lesson_location",
        "raw": "cmi.core.score.raw", "max": "cmi.core.score.max", "min": "cmi.core.score.min",
        "time": "cmi.core.session_time", "exit": "cmi.core.exit", "mastery": "cmi.student_data.mastery_score",
        "init": "LMSInitialize", "commit": "LMSCommit", "end": "LMSFinish", "set": "LMSSetValue",
    },
    "scorm2004": {
        "status": "cmi.completion_status", "success": "cmi.success_status", "entry": "cmi.entry",
        "location": "cmi.location", "raw": "cmi.score.raw", "max": "cmi.score.max", "min": "cmi.score.min",
        "scaled": "cmi.score.scaled", "time": "cmi.session_time", "exit": "cmi.exit",
        "mastery": "cmi.scaled_passing_score",
        "init": "Initialize", "commit": "Commit", "end": "Terminate", "set": "SetValue",
    },
}

LMS_HTML = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fake LMS</title>
<link rel="icon" href="data:,">
<style>html, body { margin: 0; } iframe { display: block; width: 100%; height: 600px; border: 0; }</style>
<script>
(function () {
  "use strict";
  var query = new URLSearchParams(location.search);
  var v12 = query.get("v") === "12";
  var calls = window.calls = [];
  var state = "new", lastError = "0";
  var store = v12 ? {
    "cmi.core.student_id": "t-1", "cmi.core.student_name": "Test, Tina", "cmi.core.credit": "credit",
    "cmi.core.lesson_status": "not attempted", "cmi.core.entry": "ab-initio", "cmi.core.lesson_mode": "normal",
    "cmi.core.lesson_location": "", "cmi.suspend_data": "", "cmi.student_data.mastery_score": "",
    "cmi.core.score.raw": "", "cmi.core.score.max": "", "cmi.core.score.min": ""
  } : {
    "cmi.learner_id": "t-1", "cmi.learner_name": "Test, Tina", "cmi.credit": "credit", "cmi.mode": "normal",
    "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.entry": "ab-initio",
    "cmi.location": "", "cmi.suspend_data": ""
  };
  query.forEach(function (value, key) { if (key.indexOf("cmi.") === 0) { store[key] = value; } });
  window.store = store;

  function oneOf(list) { return function (value) { return list.indexOf(value) !== -1; }; }
  function upTo(length) { return function (value) { return value.length <= length; }; }
  function decimal(low, high) {
    return function (value) {
      return /^-?\d+(\.\d+)?$/.test(value) && (low === null || (+value >= low && +value <= high));
    };
  }
  // Writable elements with their checks; every other element is read-only (or unknown).
  var writable = v12 ? {
    "cmi.core.lesson_status": oneOf(["passed", "completed", "failed", "incomplete", "browsed", "not attempted"]),
    "cmi.core.lesson_location": upTo(255),
    "cmi.core.score.raw": decimal(0, 100), "cmi.core.score.max": decimal(0, 100),
    "cmi.core.score.min": decimal(0, 100),
    "cmi.core.session_time": function (value) { return /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/.test(value); },
    "cmi.core.exit": oneOf(["", "time-out", "suspend", "logout"]),
    "cmi.suspend_data": upTo(4096)
  } : {
    "cmi.completion_status": oneOf(["completed", "incomplete", "not attempted", "unknown"]),
    "cmi.success_status": oneOf(["passed", "failed", "unknown"]),
    "cmi.location": upTo(1000), "cmi.suspend_data": upTo(64000),
    "cmi.score.raw": decimal(null), "cmi.score.max": decimal(null), "cmi.score.min": decimal(null),
    "cmi.score.scaled": decimal(-1, 1), "cmi.progress_measure": decimal(0, 1),
    "cmi.session_time": function (value) {
      return /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/.test(value) && !/T$/.test(value) &&
        value !== "P";
    },
    "cmi.exit": oneOf(["timeout", "suspend", "logout", "normal", ""])
  };
  var writeOnly = v12 ? ["cmi.core.session_time", "cmi.core.exit"] : ["cmi.session_time", "cmi.exit"];
  // Error codes: [not initialized / before, after termination] for each kind of call.
  var E = v12 ? { init: "101", initAgain: "101", get: ["301", "301"], set: ["301", "301"], commit: ["301", "301"],
    end: ["301", "301"], undefined: "201", readOnly: "403", writeOnly: "404", type: "405", notSet: "0", arg: "201" }
    : { init: "103", initAgain: "104", get: ["122", "123"], set: ["132", "133"], commit: ["142", "143"],
    end: ["112", "113"], undefined: "401", readOnly: "404", writeOnly: "405", type: "406", notSet: "403", arg: "201" };

  function record(name, args, result) {
    calls.push({ name: name, args: Array.prototype.slice.call(args), result: result, error: lastError });
    return result;
  }
  function notRunning(kind) {
    if (state === "running") { return false; }
    lastError = E[kind][state === "new" ? 0 : 1];
    return true;
  }
  function initialize(argument) {
    lastError = "0";
    if (argument !== "") { lastError = E.arg; return record(v12 ? "LMSInitialize" : "Initialize", arguments, "false"); }
    if (state !== "new") { lastError = state === "running" ? E.init : E.initAgain; }
    else if (query.get("refuse") === "1") { lastError = "101"; }
    else { state = "running"; }
    return record(v12 ? "LMSInitialize" : "Initialize", arguments, lastError === "0" ? "true" : "false");
  }
  function getValue(key) {
    var name = v12 ? "LMSGetValue" : "GetValue";
    lastError = "0";
    if (notRunning("get")) { return record(name, arguments, ""); }
    if (writeOnly.indexOf(key) !== -1) { lastError = E.writeOnly; return record(name, arguments, ""); }
    if (!(key in store)) {
      lastError = /^cmi\.(scaled_passing_score|score\.|progress_measure|completion_threshold)/.test(key)
        ? E.notSet : E.undefined;
      return record(name, arguments, "");
    }
    return record(name, arguments, store[key]);
  }
  function setValue(key, value) {
    var name = v12 ? "LMSSetValue" : "SetValue";
    lastError = "0";
    if (notRunning("set")) { return record(name, arguments, "false"); }
    if (typeof value !== "string") { lastError = E.type; return record(name, arguments, "false"); }
    if (!(key in writable)) {
      lastError = key in store ? E.readOnly : E.undefined;
      return record(name, arguments, "false");
    }
    if (!writable[key](value)) { lastError = E.type; return record(name, arguments, "false"); }
    store[key] = value;
    return record(name, arguments, "true");
  }
  function commit(argument) {
    lastError = "0";
    if (notRunning("commit")) { return record(v12 ? "LMSCommit" : "Commit", arguments, "false"); }
    if (argument !== "") { lastError = E.arg; return record(v12 ? "LMSCommit" : "Commit", arguments, "false"); }
    return record(v12 ? "LMSCommit" : "Commit", arguments, "true");
  }
  function terminate(argument) {
    lastError = "0";
    if (notRunning("end")) { return record(v12 ? "LMSFinish" : "Terminate", arguments, "false"); }
    if (argument !== "") { lastError = E.arg; return record(v12 ? "LMSFinish" : "Terminate", arguments, "false"); }
    state = "terminated";
    return record(v12 ? "LMSFinish" : "Terminate", arguments, "true");
  }
  function lastErrorOf() { return lastError; }
  function errorString(code) { return "Error " + code; }

  var api = v12 ? {
    LMSInitialize: initialize, LMSGetValue: getValue, LMSSetValue: setValue, LMSCommit: commit, LMSFinish: terminate,
    LMSGetLastError: lastErrorOf, LMSGetErrorString: errorString, LMSGetDiagnostic: errorString
  } : {
    Initialize: initialize, GetValue: getValue, SetValue: setValue, Commit: commit, Terminate: terminate,
    GetLastError: lastErrorOf, GetErrorString: errorString, GetDiagnostic: errorString
  };
  if (query.get("broken")) {
    // The functions named in broken= record their call, then throw (as a misbehaving LMS can).
    query.get("broken").split(",").forEach(function (name) {
      var fn = api[name];
      api[name] = function () { fn.apply(api, arguments); throw new Error("broken LMS: " + name); };
    });
  }
  window[v12 ? "API" : "API_1484_11"] = api;

  window.openSco = function () { window.scoWindow = window.open(query.get("sco"), "sco"); return !!window.scoWindow; };
  window.leaveSco = function (how) {
    if (window.scoWindow) { window.scoWindow.close(); return; }
    if (how === "remove") { document.getElementById("sco").remove(); return; }
    document.getElementById("sco").src = "about:blank";
  };
  document.addEventListener("DOMContentLoaded", function () {
    if (query.get("open") === "1") { return; }
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "SCO";
    frame.src = query.get("sco");
    document.body.appendChild(frame);
  });
})();
</script>
</head>
<body>
</body>
</html>
"""

# Collects errors the page's scripts throw; run in every document before its own scripts. A document whose URL has
# no-io=1 in its query has no IntersectionObserver.
ERROR_CATCHER = """
window.__pageErrors = [];
if (/[?&]no-io=1/.test(location.search)) { delete window.IntersectionObserver; }
window.addEventListener("error", function (event) { window.__pageErrors.push(String(event.message)); });
window.addEventListener("unhandledrejection", function (event) { window.__pageErrors.push(String(event.reason)); });
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """Serves a folder over http://127.0.0.1 in a thread."""

    def __init__(self, directory):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Package:
    """One unpacked package (or hand-made stand-in) served over HTTP, with lms.html at its root."""

    def __init__(self, version, url, folder, quiz_href, plain_href, lms_values=None):
        self.version = version
        self.folder = folder  # on disk
        self.lms_values = lms_values or {}  # launch href → initial values from the manifest
        self.url = url  # ends with "/"
        self.quiz_href = quiz_href
        self.plain_href = plain_href
        self.cmi = CMI[version]

    def lms_url(self, href, opener=False, **values):
        query = {"v": "12" if self.version == "scorm12" else "2004", "sco": href}
        if opener:
            query["open"] = "1"
        query.update(self.lms_values.get(href.split("?")[0], {}))
        query.update(values)
        return self.url + "lms.html?" + urllib.parse.urlencode(query)


def prepare(driver):
    """Installs the error catcher for every document the driver opens from now on."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ERROR_CATCHER})


class Session:
    """A learner's visit: the fake LMS page with the SCO in its iframe (or in a window it opened)."""

    def __init__(self, driver, package, href, opener=False, **values):
        self.driver = driver
        self.package = package
        self.cmi = package.cmi
        driver.switch_to.default_content()
        driver.get(package.lms_url(href, opener=opener, **values))
        self.lms_window = driver.current_window_handle
        self.opener = opener
        if opener:
            handles = set(driver.window_handles)
            assert driver.execute_script("return openSco()"), "window.open was blocked"
            WebDriverWait(driver, 10).until(lambda d: len(set(d.window_handles) - handles) == 1)
            self.sco_window = (set(driver.window_handles) - handles).pop()
        self.wait_for(lambda calls: any(c["name"] == self.cmi["init"] for c in calls), "Initialize")
        self.enter()
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def enter(self):
        """Switches the driver to the SCO's document."""
        if self.opener:
            self.driver.switch_to.window(self.sco_window)
        else:
            self.driver.switch_to.window(self.lms_window)
            self.driver.switch_to.default_content()
            self.driver.switch_to.frame(self.driver.find_element(By.ID, "sco"))

    def calls(self):
        """The recorded API calls, read from the LMS page (the driver then stays there; enter() goes back)."""
        self.driver.switch_to.window(self.lms_window)
        self.driver.switch_to.default_content()
        return self.driver.execute_script("return window.calls")

    def wait_for(self, predicate, what, timeout=10):
        deadline = time.time() + timeout
        while True:
            calls = self.calls()
            if predicate(calls):
                return calls
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {what}; calls: {json.dumps(calls, indent=1)}")
            time.sleep(0.1)

    def values(self, calls=None):
        """The last value the SCO set for each element (that the LMS accepted)."""
        result = {}
        for call in calls if calls is not None else self.calls():
            if call["name"] == self.cmi["set"] and call["result"] == "true":
                result[call["args"][0]] = call["args"][1]
        return result

    def scroll_to_end(self):
        self.enter()
        self.driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")

    def answer_quiz(self, right=True, except_short=False, by_script=False):
        self.enter()
        answer_quiz(self.driver, right, except_short, by_script)

    def quiz_total(self):
        self.enter()
        return quiz_total(self.driver)

    def page_errors(self):
        self.enter()
        return page_errors(self.driver)

    def unload(self, how="blank"):
        """Unloads the SCO without waiting for anything."""
        self.driver.switch_to.window(self.lms_window)
        self.driver.switch_to.default_content()
        self.driver.execute_script("leaveSco(arguments[0])", how)

    def leave(self, how="blank"):
        """Unloads the SCO (the iframe goes to about:blank or, how="remove", is removed; or the LMS closes the
        window) and waits for Terminate."""
        self.unload(how)
        if self.opener:
            WebDriverWait(self.driver, 10).until(lambda d: self.sco_window not in d.window_handles)
        calls = self.wait_for(lambda calls: any(c["name"] == self.cmi["end"] for c in calls), "Terminate")
        time.sleep(0.3)  # anything the SCO still sends after Terminate would be recorded too
        return self.calls()


def answer_quiz(driver, right=True, except_short=False, by_script=False):
    """Answers every quiz on the current page, all right or all wrong (optionally the short answers wrong), and
    submits each: by clicks and typing, or (by_script) from a script, which scrolls nothing into view."""
    forms = driver.find_elements(By.CSS_SELECTOR, "form.quiz")
    assert forms, "the page has no quiz"
    for form in forms:
        for question in form.find_elements(By.CSS_SELECTOR, ".quiz-question"):
            answers = question.get_attribute("data-answers")
            if answers is not None:
                field = question.find_element(By.CSS_SELECTOR, "input[type=text]")
                text = json.loads(answers)[0] if right and not except_short else "keine Ahnung"
                if by_script:
                    driver.execute_script("arguments[0].value = arguments[1]", field, text)
                else:
                    field.send_keys(text)
                continue
            options = question.find_elements(By.CSS_SELECTOR, "input")
            wanted = [o for o in options if (o.get_attribute("data-correct") == "true") == right]
            if question.get_attribute("data-kind") == "single":
                wanted = wanted[:1]
            for option in wanted:
                if by_script:
                    driver.execute_script("arguments[0].checked = true", option)
                else:
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", option)
                    option.click()
        if by_script:
            driver.execute_script("arguments[0].requestSubmit()", form)
        else:
            button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
        WebDriverWait(driver, 5).until(lambda d: form.find_element(By.CSS_SELECTOR, ".quiz-result").text.strip())


def quiz_total(driver):
    return driver.execute_script(
        "return Array.prototype.reduce.call(document.querySelectorAll('form.quiz'),"
        " function (sum, f) { return sum + (parseInt(f.getAttribute('data-total'), 10) || 0); }, 0)")


def page_errors(driver):
    return driver.execute_script("return window.__pageErrors || []")


def severe_logs(driver):
    """Errors in the browser's console, but for the favicon the browser asks the test server for."""
    return [entry for entry in driver.get_log("browser")
            if entry.get("level") == "SEVERE" and "/favicon.ico " not in entry.get("message", "")]


def index_of(calls, predicate, last=False):
    found = [i for i, call in enumerate(calls) if predicate(call)]
    if not found:
        return None
    return found[-1] if last else found[0]


def unpack(zip_path, folder):
    """Extracts a package and reads its manifest as an LMS does. Returns the launch hrefs of its SCOs in manifest
    order, and for each the values the LMS gives the SCO from the manifest: the mastery score (1.2
    adlcp:masteryscore) or the scaled passing score (2004 primary objective satisfied by measure)."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    root = ET.parse(folder / "imsmanifest.xml").getroot()
    xml_base = "{http://www.w3.org/XML/1998/namespace}base"
    cp = root.tag.split("}")[0].strip("{")
    assert cp in ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.imsglobal.org/xsd/imscp_v1p1"), cp
    hrefs, by_id = [], {}
    for resources in root.iter(f"{{{cp}}}resources"):
        for resource in resources.findall(f"{{{cp}}}resource"):
            kinds = [value for key, value in resource.attrib.items() if key.split("}")[-1].lower() == "scormtype"]
            if resource.get("href") and kinds and kinds[0] == "sco":
                href = resources.get(xml_base, "") + resource.get(xml_base, "") + resource.get("href")
                hrefs.append(href)
                by_id[resource.get("identifier")] = href
    values = {href: {} for href in hrefs}
    for item in root.iter(f"{{{cp}}}item"):
        href = by_id.get(item.get("identifierref"))
        if href is None:
            continue
        mastery = item.find("{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore")
        if mastery is not None:
            values[href]["cmi.student_data.mastery_score"] = mastery.text.strip()
        ss = "{http://www.imsglobal.org/xsd/imsss}"
        objective = item.find(f"{ss}sequencing/{ss}objectives/{ss}primaryObjective")
        if objective is not None and objective.get("satisfiedByMeasure") == "true":
            measure = objective.find(f"{ss}minNormalizedMeasure")
            values[href]["cmi.scaled_passing_score"] = measure.text.strip() if measure is not None else "1.0"
    return hrefs, values


def write_harness(folder):
    (folder / "lms.html").write_text(LMS_HTML, encoding="utf-8")


def make_stand_in(site, version, folder, theme_assets):
    """A hand-made package: the built site with its module pages changed as the Swift side changes them for a
    package (the package meta, the pass mark, scorm.js before quiz.js, the end marker), and the theme's assets.
    Returns the hrefs of the module pages."""
    import shutil

    shutil.copytree(site, folder)
    for asset in theme_assets.iterdir():
        shutil.copy(asset, folder / "assets" / asset.name)
    hrefs = []
    for page in sorted(folder.glob("kurse/*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        root = re.search(r'<link rel="stylesheet" href="([^"]*)assets/mika\.css">', html)
        if "mika:package" in html or "</article>" not in html or root is None:
            continue
        head = f'<meta name="mika:package" content="{version}">\n'
        passing = re.findall(r'<form class="quiz"[^>]* data-pass="(\d+)"', html)
        if passing:
            head += f'<meta name="mika:mastery" content="{max(map(int, passing))}">\n'
        html = html.replace("</head>", head + "</head>", 1)
        script = f'<script src="{root.group(1)}assets/scorm.js" defer></script>\n'
        quiz = re.search(r'<script src="[^"]*assets/quiz\.js" defer></script>', html)
        at = quiz.start() if quiz else html.index("</body>")
        html = html[:at] + script + html[at:]
        if "data-mika-end" not in html:
            html = html.replace("</article>", "</article>\n<div data-mika-end></div>", 1)
        page.write_text(html, encoding="utf-8")
        hrefs.append(page.relative_to(folder).as_posix())
    write_harness(folder)
    return hrefs
