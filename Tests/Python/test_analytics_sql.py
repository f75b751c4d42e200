"""docs/analytics-sql.md: its SQL, run in DuckDB over `mika analytics --format ndjson` and the site's model.json,
gives the figures of `mika analytics --format json --min-group 1` for the same log.

The queries are taken from the document itself: every ```sql block with a `-- setup: <name>` line runs first, in
order; every block with a `-- metric: <name>` line is a query whose rows are compared here. Blocks without such a
line (the ClickHouse sketch) are not run.

Two logs: one from scripts/generate-access-log.py (realistic, but every learner keeps one cohort and sessions lie
far apart), and a hand-made one with the edge cases of each definition (a pause of exactly 1800 s and of 1801 s,
a learner's first cohort winning over a later one, the cohort month of a first event on the course page, quiz
points above the question's, an answer sent from another module's page, a learner seen only on the course page,
a quiet week, a replayed request, a page as `…/index.html`, a `+0200` log time, 1527 active seconds = 25.45 min).
"""
import contextlib
import datetime
import json
import os
import pathlib
import re
import subprocess

import duckdb
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "analytics-sql.md"
SUB_PATH = "campus"  # where conftest's site_root builds the site
# 80,000 lines, 300 learners of whom about 80 opt in, 40 days from 28 Sep 2026 (across the change to winter time
# and a month boundary): a few course completions, quiz passes and fails, ten cohorts.
LOG_OPTIONS = ["--lines", "80000", "--learners", "300", "--days", "40", "--seed", "3"]
METRICS = {"learners_per_course", "sessions_per_course", "learners_per_cohort", "learning_minutes_per_course",
           "modules", "course_completion", "quiz_pass", "weeks"}
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def sql_blocks():
    """(kind, name, sql) of every marked ```sql block of the document, in order."""
    blocks = []
    for body in re.findall(r"^```sql\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M):
        marker = re.search(r"^-- (setup|metric): (\w+)\s*$", body, re.M)
        if marker:
            blocks.append((marker.group(1), marker.group(2), body))
    return blocks


@contextlib.contextmanager
def working_directory(path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def analyse(folder, threads=None):
    """mika's event stream and JSON report of folder/access.log, and the document's SQL over the stream."""
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    extra = ["--threads", str(threads)] if threads else []
    for arguments in (["--format", "ndjson", "--out", "events.ndjson"],
                      ["--format", "json", "--min-group", "1", *extra, "--out", "report.json"]):
        subprocess.run([binary, "analytics", "access.log", "--site", "site", *arguments], cwd=folder, check=True,
                       stderr=subprocess.DEVNULL)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    connection = duckdb.connect()
    results = {}
    with working_directory(folder):  # the document's paths: events.ndjson, site/_mika/model.json
        for kind, name, sql in sql_blocks():
            if kind == "setup":
                connection.execute(sql)
            else:
                cursor = connection.execute(sql)
                columns = [column[0] for column in cursor.description]
                results[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return {"report": report, "sql": results, "connection": connection}


def site_folder(site_root, tmp_path_factory, name):
    folder = tmp_path_factory.mktemp(name)
    (folder / "site").symlink_to(site_root / SUB_PATH, target_is_directory=True)
    return folder


# MARK: The hand-made log

class LogWriter:
    def __init__(self, key):
        self.key, self.lines, self.numbers = key, [], {}

    def hit(self, time, session, page, events, learner=None, cohort=None, offset=0, number=None):
        """One beacon request at `time` (UTC), written in server time `offset` hours from UTC."""
        if number is None:
            number = self.numbers[session] = self.numbers.get(session, 0) + 1
        query = f"v=1&k={self.key}&s={session}&n={number}&p={page}"
        query += (f"&l={learner}" if learner else "") + (f"&c={cohort}" if cohort else "") + "&e=" + ";".join(events)
        local = time + datetime.timedelta(hours=offset)
        stamp = local.strftime("%d/%b/%Y:%H:%M:%S ") + f"{'+' if offset >= 0 else '-'}{abs(offset):02d}00"
        self.lines.append(f'198.51.100.0 - - [{stamp}] "GET /_mika/b.gif?{query} HTTP/2.0" 200 43 '
                          f'"https://campus.example/{page}" "{UA}"')

    def text(self):
        return "\n".join(self.lines) + "\n"


def edge_log(model):
    course = next(c for c in model["courses"] if any(m.get("quizzes") for m in c["modules"]))
    modules = [m["path"] for m in course["modules"]]
    quiz_modules = [m for m in course["modules"] if m.get("quizzes")]
    first, quiz_module = modules[0], quiz_modules[0]
    quiz = quiz_module["quizzes"][0]
    log = LogWriter(model["analytics"]["key"])
    utc = datetime.timezone.utc

    # A: first seen on the course page on 30 Sep (cohort month 2026-09); then pauses of exactly 1800 s (same
    # session) and 1801 s (a new one): 2 sessions.
    start = datetime.datetime(2026, 9, 30, 23, 50, tzinfo=utc)
    log.hit(start, "aaaaaa01", course["path"], ["view", "active:20"], learner="AAAA-AAAA-AAAA-AAAA")
    log.hit(start + datetime.timedelta(seconds=1200), "aaaaaa02", first, ["view", "active:60"], learner="AAAA-AAAA-AAAA-AAAA")
    log.hit(start + datetime.timedelta(seconds=3000), "aaaaaa02", first, ["active:60"], learner="AAAA-AAAA-AAAA-AAAA")
    log.hit(start + datetime.timedelta(seconds=4801), "aaaaaa02", first, ["active:30", "complete"], learner="AAAA-AAAA-AAAA-AAAA")

    # B: no cohort first, then k1, then k2 (cohort k1); every quiz: the first question with ten times its points
    # (counted as its points), the others wrong.
    day = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=utc)
    log.hit(day, "bbbbbb01", first, ["view", "active:15"], learner="BBBB-BBBB-BBBB-BBBB")
    log.hit(day + datetime.timedelta(seconds=10), "bbbbbb01", first, ["active:15"], learner="BBBB-BBBB-BBBB-BBBB", cohort="k1")
    log.hit(day + datetime.timedelta(seconds=20), "bbbbbb01", first, ["active:15"], learner="BBBB-BBBB-BBBB-BBBB", cohort="k2")
    for index, module in enumerate(quiz_modules):
        for item in module["quizzes"]:
            answers = [f"quiz:{q['id']}:{1 if n == 0 else 0}:{q['points'] * 10 if n == 0 else 0}"
                       for n, q in enumerate(item["questions"])]
            log.hit(day + datetime.timedelta(seconds=60 + index), f"bbbbbb1{index}", module["path"], ["view", *answers],
                    learner="BBBB-BBBB-BBBB-BBBB")

    # C: half the points of the first question, twice (the best counts, not the sum), then 0; every other question
    # right, but sent from the first module's page (not counted).
    others = [f"quiz:{q['id']}:1:{q['points']}" for q in quiz["questions"][1:]]
    half = quiz["questions"][0]["points"] / 2
    log.hit(day + datetime.timedelta(seconds=300), "cccccc01", quiz_module["path"],
            ["view", f"quiz:{quiz['questions'][0]['id']}:0:{half}"], learner="CCCC-CCCC-CCCC-CCCC")
    log.hit(day + datetime.timedelta(seconds=320), "cccccc01", quiz_module["path"],
            [f"quiz:{quiz['questions'][0]['id']}:0:{half}", f"quiz:{quiz['questions'][0]['id']}:0:0"],
            learner="CCCC-CCCC-CCCC-CCCC")
    log.hit(day + datetime.timedelta(seconds=340), "cccccc02", first, ["view", *others], learner="CCCC-CCCC-CCCC-CCCC")

    # D: only on the course page, not a learner of the course. Anonymous views with a cohort of their own.
    log.hit(day + datetime.timedelta(seconds=400), "dddddd01", course["path"], ["view", "active:45"], learner="DDDD-DDDD-DDDD-DDDD")
    log.hit(day + datetime.timedelta(seconds=500), "eeeeee01", first, ["view", "active:30"], cohort="nur-anonym")

    # E, two weeks later (the week between is quiet), in server time +0200: comes with cohort k2, works through
    # every module (1527 s = 25.45 min on the first), completes all, answers every question fully.
    later = datetime.datetime(2026, 10, 13, 7, 0, tzinfo=utc)
    for index, module in enumerate(course["modules"]):
        at = later + datetime.timedelta(minutes=20 * index)
        page = module["path"] + ("index.html" if index == 1 else "")
        seconds = [300] * 5 + [27] if index == 0 else [120, 75]
        events = ["view", *[f"active:{s}" for s in seconds], "complete"]
        for item in module.get("quizzes", []):
            events += [f"quiz:{q['id']}:1:{q['points']}" for q in item["questions"]]
        log.hit(at, f"ffffff{index:02d}", page, events, learner="EEEE-EEEE-EEEE-EEEE", cohort="k2" if index == 0 else None,
                offset=2)
    log.lines.append(log.lines[-1])  # a replay
    return log.text()


# MARK: Fixtures

@pytest.fixture(scope="module")
def generated(site_root, tmp_path_factory):
    folder = site_folder(site_root, tmp_path_factory, "analytics-sql")
    subprocess.run(["python3", str(REPO / "scripts" / "generate-access-log.py"), "--model", "site/_mika/model.json",
                    *LOG_OPTIONS, "--out", "access.log", "--quiet"], cwd=folder, check=True)
    result = analyse(folder)
    yield result
    result["connection"].close()


@pytest.fixture(scope="module")
def edge(site_root, tmp_path_factory):
    folder = site_folder(site_root, tmp_path_factory, "analytics-sql-edge")
    model = json.loads((folder / "site" / "_mika" / "model.json").read_text(encoding="utf-8"))
    (folder / "access.log").write_text(edge_log(model), encoding="utf-8")
    result = analyse(folder)
    yield result
    result["connection"].close()


@pytest.fixture(params=["generated", "edge"])
def run(request):
    return request.getfixturevalue(request.param)


def courses(run):
    return {course["slug"]: course for course in run["report"]["courses"]}


def spread(value):
    return (value["median"], value["p90"]) if value else (None, None)


# MARK: Tests

def test_document_has_every_metric():
    names = [name for kind, name, _ in sql_blocks() if kind == "metric"]
    assert sorted(names) == sorted(METRICS)
    assert {name for kind, name, _ in sql_blocks() if kind == "setup"} == {"events", "model", "helpers"}


def test_the_generated_log_is_not_trivial(generated):
    course = next(iter(courses(generated).values()))
    assert course["learners"] > 50 and course["completed"] > 0
    assert len([c for c in course["cohorts"] if c["learners"]]) > 5
    assert any(quiz["learners"] > quiz["passed"] > 0 for quiz in course["quizzes"])
    assert generated["connection"].execute("SELECT count(*) FROM events").fetchone()[0] > 100_000


def test_the_edge_log_has_its_cases(edge):
    """What the hand-made log is built to show, as mika reports it (the other tests compare it with the SQL)."""
    course = next(c for c in edge["report"]["courses"] if c["learners"])
    assert (course["learners"], course["sessions"], course["completed"]) == (4, 5, 1)  # A 2, B 1, C 1, E 1
    assert {c["cohort"]: c["learners"] for c in course["cohorts"]} == {"2026-09": 1, "2026-10": 1, "k1": 1, "k2": 1,
                                                                       "nur-anonym": 0}
    assert course["modules"][0]["learningMinutes"]["p90"] == 25.5
    assert [w["pageViews"] > 0 for w in edge["report"]["weeks"]] == [True, False, True]
    assert edge["report"]["input"]["counts"]["replayed"] == 1 and edge["report"]["input"]["unknownQuestions"] > 0


def test_learners_per_course(run):
    assert {row["course"]: row["learners"] for row in run["sql"]["learners_per_course"]} == \
        {slug: course["learners"] for slug, course in courses(run).items() if course["learners"]}


def test_sessions_per_course(run):
    assert {row["course"]: row["sessions"] for row in run["sql"]["sessions_per_course"]} == \
        {slug: course["sessions"] for slug, course in courses(run).items() if course["learners"]}


def test_learners_per_cohort(run):
    # The report also lists cohorts seen only without pseudonym (learners 0, for their anonymous views).
    expected = {(slug, cohort["cohort"]): cohort["learners"] for slug, course in courses(run).items()
                for cohort in course["cohorts"] if cohort["learners"]}
    assert {(row["course"], row["cohort"]): row["learners"] for row in run["sql"]["learners_per_cohort"]} == expected


def test_learning_minutes_per_course(run):
    assert {row["course"]: (row["median"], row["p90"]) for row in run["sql"]["learning_minutes_per_course"]} == \
        {slug: spread(course.get("learningMinutes")) for slug, course in courses(run).items() if course["learners"]}


def test_modules(run):
    rows = {(row["course"], row["module"]): row for row in run["sql"]["modules"]}
    expected = {(slug, module["path"]): module for slug, course in courses(run).items() for module in course["modules"]}
    assert rows.keys() == expected.keys()
    for key, module in expected.items():
        row = rows[key]
        assert (row["position"], row["learners"], row["completed"], row["completion_rate"]) == \
            (module["position"], module["learners"], module["completed"], module.get("completionRate")), key
        assert (row["minutes_median"], row["minutes_p90"]) == spread(module.get("learningMinutes")), key


def test_course_completion(run):
    assert {row["course"]: (row["learners"], row["completed"], row["completion_rate"])
            for row in run["sql"]["course_completion"]} == \
        {slug: (course["learners"], course["completed"], course["completionRate"])
         for slug, course in courses(run).items() if course["learners"]}


def test_quiz_pass(run):
    assert {(row["course"], row["quiz"]): (row["learners"], row["passed"]) for row in run["sql"]["quiz_pass"]} == \
        {(slug, quiz["id"]): (quiz["learners"], quiz["passed"]) for slug, course in courses(run).items()
         for quiz in course["quizzes"]}


def test_weeks(run):
    assert [(row["week"], row["start"].isoformat(), row["page_views"], row["learners"], row["active_hours"])
            for row in run["sql"]["weeks"]] == \
        [(week["week"], week["start"], week["pageViews"], week["learners"], week["activeHours"])
         for week in run["report"]["weeks"]]


def test_sessions_of_a_log_out_of_time_order(site_root, tmp_path_factory):
    folder = site_folder(site_root, tmp_path_factory, "analytics-sql-order")
    model = json.loads((folder / "site" / "_mika" / "model.json").read_text(encoding="utf-8"))
    first = model["courses"][0]["modules"][0]["path"]
    log = LogWriter(model["analytics"]["key"])
    ten = datetime.datetime(2026, 10, 5, 10, 0, tzinfo=datetime.timezone.utc)
    log.hit(ten, "oooooo01", first, ["view", "active:60"], learner="OOOO-OOOO-OOOO-OOOO")
    log.hit(ten + datetime.timedelta(minutes=2), "oooooo01", first, ["active:60"], learner="OOOO-OOOO-OOOO-OOOO")
    log.hit(ten - datetime.timedelta(hours=2), "oooooo02", first, ["view", "active:30"], learner="OOOO-OOOO-OOOO-OOOO")
    (folder / "access.log").write_text(log.text(), encoding="utf-8")
    result = analyse(folder, threads=1)
    try:
        assert result["sql"]["sessions_per_course"][0]["sessions"] == 2  # 08:00, then 10:00–10:02
        assert result["report"]["courses"][0]["sessions"] == 2
    finally:
        result["connection"].close()


def test_quantile_disc_is_nearest_rank():
    """The document says DuckDB's quantile_disc picks rank ⌈p·n⌉ as mika does; this DuckDB must agree."""
    connection = duckdb.connect()
    helpers = next(sql for kind, name, sql in sql_blocks() if name == "helpers")
    for statement in helpers.split(";"):
        if "CREATE OR REPLACE MACRO" in statement:
            connection.execute(statement)
    differing = connection.execute("""
        SELECT n FROM (SELECT n, unnest(range(n)) AS x FROM range(1, 201) t(n))
        GROUP BY n
        HAVING quantile_disc(x, 0.5) <> nearest_rank(list(x), 0.5) OR quantile_disc(x, 0.9) <> nearest_rank(list(x), 0.9)
    """).fetchall()
    assert differing == []
