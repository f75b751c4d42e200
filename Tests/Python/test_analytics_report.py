"""`mika analytics` from the outside: every output format on a generated log of the sample site, the HTML report in
Chromium (self-contained, axe-core WCAG 2.1 AA), the progress bar on a terminal, exit codes and messages."""
import csv
import io
import json
import os
import pathlib
import pty
import subprocess

import pytest

from conftest import REPO, SUB_PATH
from test_browser import axe_violations

BINARY = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
SECRETS = ("Mozilla", "Googlebot", "203.0.113", "198.51.100", "2001:db8")


@pytest.fixture(scope="module")
def sample_log(site_root, tmp_path_factory):
    folder = tmp_path_factory.mktemp("analytics")
    log = folder / "access.log"
    subprocess.run(["python3", str(REPO / "scripts" / "generate-access-log.py"), "--model",
                    str(site_root / SUB_PATH / "_mika" / "model.json"), "--lines", "30000", "--learners", "300",
                    "--days", "30", "--seed", "11", "--out", str(log), "--quiet"], check=True)
    return log


def analytics(site_root, *arguments, check=True):
    return subprocess.run([BINARY, "analytics", "--site", str(site_root / SUB_PATH), *map(str, arguments)],
                          capture_output=True, text=True, check=check)


def test_json_report_has_the_courses_and_no_personal_data(site_root, sample_log):
    result = analytics(site_root, sample_log, "--format", "json")
    report = json.loads(result.stdout)
    assert report["input"]["counts"]["lines"] == 30000
    assert report["input"]["counts"]["accepted"] > 15000
    course = report["courses"][0]
    assert course["slug"] == "digitale-medien-ausbildung"
    assert course["learners"] > 20
    assert [module["position"] for module in course["modules"]] == list(range(1, len(course["modules"]) + 1))
    for secret in SECRETS:
        assert secret not in result.stdout


def test_text_csv_and_ndjson_formats(site_root, sample_log, tmp_path):
    text = analytics(site_root, sample_log).stdout
    assert "Digitale Medien in der Ausbildung" in text and "Learners" in text
    rows = list(csv.reader(io.StringIO(analytics(site_root, sample_log, "--format", "csv").stdout)))
    assert rows[0] == ["table", "course", "id", "metric", "value"]
    tables = {row[0] for row in rows[1:]}
    assert {"input", "course", "cohort", "module", "phase", "step", "type", "week"} <= tables
    out = tmp_path / "events.ndjson"
    analytics(site_root, sample_log, "--format", "ndjson", "--out", out)
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert {event["event"] for event in events} >= {"view", "active", "progress", "complete", "exit"}
    assert all(set(event) >= {"time", "view", "learner", "cohort", "page", "course", "module", "event"} for event in events)
    for secret in SECRETS + ("l=",):
        assert secret not in out.read_text()


def test_html_report_is_self_contained_and_accessible(site_root, sample_log, tmp_path, browser):
    out = tmp_path / "bericht.html"
    analytics(site_root, sample_log, "--format", "html", "--out", out)
    html = out.read_text()
    assert "<svg" in html and "<table" in html
    browser.get(out.as_uri())
    # Nothing was loaded besides the file itself.
    requested = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested == []
    assert browser.execute_script("return document.querySelectorAll('figure.chart svg[role=img] title').length") >= 4
    violations, axe = axe_violations(browser)
    assert violations == [], axe.report(violations)


def test_progress_bar_only_on_a_terminal(site_root, sample_log):
    # Not a terminal: no progress bar in the captured output.
    assert "reading logs" not in analytics(site_root, sample_log, "--format", "json").stderr
    # A pseudo-terminal: the bar is drawn on standard error and cleared again.
    output = bytearray()

    def read(fd):
        data = os.read(fd, 65536)
        output.extend(data)
        return data

    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BINARY, [BINARY, "analytics", "--site", str(site_root / SUB_PATH), str(sample_log), "--format", "json",
                          "--out", os.devnull])
    try:
        while True:
            read(fd)
    except OSError:
        pass
    os.waitpid(pid, 0)
    assert b"reading logs [" in output and b"100 %" in output


def test_clear_errors(site_root, sample_log, tmp_path):
    missing = analytics(site_root, tmp_path / "gibt-es-nicht.log", check=False)
    assert missing.returncode == 2 and "cannot read log file" in missing.stderr
    no_site = subprocess.run([BINARY, "analytics", "--site", str(tmp_path), str(sample_log)], capture_output=True, text=True)
    assert no_site.returncode == 2 and "_mika/model.json" in no_site.stderr and "mika build" in no_site.stderr
    course = analytics(site_root, sample_log, "--course", "gibt-es-nicht", check=False)
    assert course.returncode == 2 and "digitale-medien-ausbildung" in course.stderr
    date = analytics(site_root, sample_log, "--since", "2026-13-01", check=False)
    assert date.returncode != 0 and "not a date" in date.stderr
    # --out never names a log being read (it would empty it), and a failed run leaves an earlier report as it was.
    before = sample_log.read_bytes()
    same = analytics(site_root, sample_log, "--out", sample_log, check=False)
    assert same.returncode == 2 and "is one of the logs" in same.stderr
    assert sample_log.read_bytes() == before
    report_file = tmp_path / "bericht.json"
    report_file.write_text("frühere Auswertung")
    failed = subprocess.run([BINARY, "analytics", "--site", str(tmp_path / "kein-site"), str(sample_log), "--out",
                             str(report_file)], capture_output=True, text=True)
    assert failed.returncode == 2 and report_file.read_text() == "frühere Auswertung"
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
    # Garbage lines are counted and reported with their line numbers, not fatal.
    garbage = tmp_path / "kaputt.log"
    garbage.write_bytes(b"\x00\xff\xfe garbage\n" + sample_log.read_bytes()[:20000].rsplit(b"\n", 1)[0] + b"\n\"unterminated\n")
    result = analytics(site_root, garbage, "--format", "json")
    report = json.loads(result.stdout)
    assert report["input"]["counts"]["malformed"] >= 2
    assert report["input"]["malformedLines"][0].endswith("kaputt.log:1")
    assert "not in the combined log format" in result.stderr
