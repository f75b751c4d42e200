"""`mika check` end to end: exit codes, JSON, and SARIF 2.1.0 validated against the OASIS schema."""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

from jsonschema import FormatChecker
from jsonschema.validators import validator_for

REPO = pathlib.Path(__file__).resolve().parents[2]
MIKA = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
VIOLATIONS = REPO / "Tests" / "MikaCheckTests" / "Fixtures" / "violations" / "content"
SARIF_SCHEMA = REPO / "Tests" / "Schemas" / "sarif" / "sarif-schema-2.1.0.json"


def check(content, *arguments):
    return subprocess.run([MIKA, "check", "--content", str(content), *arguments], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})


def test_sarif_of_the_violations_fixture_is_valid():
    result = check(VIOLATIONS, "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = validator_for(schema)(schema, format_checker=FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(run["results"]) == 33
    for finding in run["results"]:
        assert rules[finding["ruleIndex"]] == finding["ruleId"]
        # Absolute paths become percent-encoded file: URIs.
        assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(VIOLATIONS.as_uri())
    levels = sorted({finding["level"] for finding in run["results"]})
    assert levels == ["error", "warning"]


def test_json_lists_findings_with_positions():
    result = check(VIOLATIONS, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 20 and report["warnings"] == 13
    alt = [f for f in report["findings"] if f["rule"] == "a11y.image-alt"]
    assert len(alt) == 1 and alt[0]["line"] == 7 and alt[0]["column"] == 5


def test_sample_site_is_clean_and_exit_codes():
    clean = check(REPO / "content")
    assert clean.returncode == 0, clean.stdout
    assert clean.stdout.strip() == "mika check: no findings"
    assert check(REPO / "nowhere").returncode == 2


def test_strict_turns_warnings_into_errors():
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        shutil.copytree(REPO / "content", folder / "content")
        module = folder / "content" / "courses" / "digitale-medien-ausbildung" / "09-lernweg-reflektieren.md"
        module.write_text(module.read_text() + "\nMehr dazu [hier](01-medien-im-ausbildungsalltag.md).\n")
        assert check(folder / "content").returncode == 0
        strict = check(folder / "content", "--strict")
        assert strict.returncode == 1
        assert "error: link text 'hier' does not say where the link leads" in strict.stdout
    finally:
        shutil.rmtree(folder)


def test_sarif_fixes_and_notes_and_site_yml_severities():
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        shutil.copytree(REPO / "content", folder / "content")
        module = folder / "content" / "courses" / "digitale-medien-ausbildung" / "09-lernweg-reflektieren.md"
        text = module.read_text()
        module.write_text(text.replace("type: reflection", "type: reflektion", 1)
                          + "\nMehr dazu [hier](01-medien-im-ausbildungsalltag.md).\n")
        result = check(folder / "content", "--format", "sarif")
        log = json.loads(result.stdout)
        schema = json.loads(SARIF_SCHEMA.read_text())
        assert [e.message for e in validator_for(schema)(schema).iter_errors(log)] == []
        typo = [r for r in log["runs"][0]["results"] if r["ruleId"] == "field.unknown-value"]
        assert len(typo) == 1
        replacement = typo[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
        assert replacement["insertedContent"]["text"] == "reflection"
        region = replacement["deletedRegion"]
        assert region["endColumn"] - region["startColumn"] == len("reflektion")
        rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
        assert rules["a11y.link-text"]["help"]["text"]

        # site.yml makes the link-text rule an error, and silences the raw-HTML rule.
        site = folder / "content" / "site.yml"
        site.write_text(site.read_text() + "diagnostics:\n  a11y.link-text: error\n  yaml.syntax: warning\n  nicht.da: note\n")
        module.write_text(text + "\nMehr dazu [hier](01-medien-im-ausbildungsalltag.md).\n")
        human = check(folder / "content")
        assert human.returncode == 1, human.stdout
        assert "error: link text 'hier' does not say where the link leads [a11y.link-text]" in human.stdout
        assert "'yaml.syntax' stops the content from being read and stays an error [diagnostics.not-adjustable]" in human.stdout
        assert "unknown diagnostic 'nicht.da' [diagnostics.unknown-id]" in human.stdout
    finally:
        shutil.rmtree(folder)


def test_explain_prints_the_rule_and_help():
    explained = subprocess.run([MIKA, "explain", "a11y.link-text"], capture_output=True, text=True)
    assert explained.returncode == 0
    assert explained.stdout.startswith("a11y.link-text: Link texts say where they lead\n")
    assert "diagnostics:" in explained.stdout
    listed = subprocess.run([MIKA, "explain"], capture_output=True, text=True).stdout.splitlines()
    assert len(listed) > 80 and listed[0].startswith("content.missing  ")
    unknown = subprocess.run([MIKA, "explain", "a11y.link-txt"], capture_output=True, text=True)
    assert unknown.returncode != 0 and "a11y.link-text" in unknown.stderr
