"""AMB JSON-LD of the sample site against the AMB JSON Schema (release 2023-10-19), and as JSON-LD (pyld)."""
import json
import pathlib
import re

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from pyld import jsonld
from referencing import Registry, Resource

SCHEMAS = pathlib.Path(__file__).resolve().parents[1] / "Schemas" / "amb"
RELEASE = SCHEMAS / "20231019"
# AMB's own "valid" example with a date-time without time zone fails strict RFC 3339 format checking
# (see the standards README); it is the only one, and it is named here so nothing else can slip through.
VALID_BUT_NOT_RFC3339 = {"dateTime.json"}


@pytest.fixture(scope="module")
def amb_validator():
    checker = FormatChecker()
    assert {"uri", "date-time"} <= set(checker.checkers), "install rfc3987 and rfc3339-validator (scripts/bootstrap.sh test)"
    registry = Registry()
    for path in (RELEASE / "schemas").glob("*.json"):
        schema = json.loads(path.read_text())
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    main = json.loads((RELEASE / "schemas" / "schema.json").read_text())
    cls = validator_for(main)
    return cls(main, registry=registry, format_checker=checker)


def errors(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("example", sorted(p.name for p in (RELEASE / "examples" / "valid").glob("*.json")))
def test_schema_accepts_its_valid_examples(amb_validator, example):
    document = json.loads((RELEASE / "examples" / "valid" / example).read_text())
    found = errors(amb_validator, document)
    if example in VALID_BUT_NOT_RFC3339:
        assert found == ["dateCreated: '2019-07-03T13:13:13' is not valid under any of the given schemas"]
    else:
        assert found == []


@pytest.mark.parametrize("example", sorted(p.name for p in (RELEASE / "examples" / "invalid").glob("*.json")))
def test_schema_rejects_its_invalid_examples(amb_validator, example):
    document = json.loads((RELEASE / "examples" / "invalid" / example).read_text())
    assert errors(amb_validator, document) != []


def site_documents(site_root):
    """Every AMB document of the built site: the amb.json files and the JSON-LD embedded in pages."""
    site = site_root / "campus"
    documents = {}
    for path in sorted(site.rglob("amb.json")):
        documents[str(path.relative_to(site))] = json.loads(path.read_text())
    for page in sorted(site.rglob("index.html")):
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S):
            documents[f"{page.relative_to(site)} (embedded)"] = json.loads(script)
    return documents


def test_every_document_of_the_sample_site_is_valid_amb(site_root, amb_validator):
    documents = site_documents(site_root)
    assert len(documents) == 28, sorted(documents)  # 14 resources, each as a file and embedded in its page
    for name, document in documents.items():
        assert errors(amb_validator, document) == [], name


def test_embedded_and_file_json_ld_are_the_same(site_root):
    documents = site_documents(site_root)
    for name, document in documents.items():
        if name.endswith("(embedded)"):
            folder = name.removesuffix("index.html (embedded)")
            assert documents[folder + "amb.json"] == document


def local_context_loader(url, options=None):
    assert url == "https://w3id.org/kim/amb/context.jsonld", f"unexpected remote document {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads((SCHEMAS / "context.jsonld").read_text())}


def test_json_ld_expands_with_the_licence_iri(site_root):
    for name, document in site_documents(site_root).items():
        expanded = jsonld.expand(document, {"documentLoader": local_context_loader})
        assert len(expanded) == 1, name
        node = expanded[0]
        assert node["@id"] == document["id"]
        assert node["http://schema.org/license"] == [{"@id": "https://creativecommons.org/licenses/by-sa/4.0/"}], name
        assert "http://schema.org/LearningResource" in node["@type"]
        assert node["http://schema.org/name"][0]["@language"] == "de"


GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "MikaSiteTests" / "Snapshots" / "golden"


@pytest.mark.parametrize("path", sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("amb.json")))
def test_golden_fixture_json_ld_is_valid_amb(amb_validator, path):
    """The fixture covers what the sample does not: ORCID ids, contributors, isBasedOn, quizzes."""
    document = json.loads((GOLDEN / path).read_text())
    assert errors(amb_validator, document) == []


# OERSI's harvester needs mainEntityOfPage (the page and the site that provides it) and still loads the AMB draft
# context; it filters by about, sourceOrganization and image.

def build_variant(tmp_path, site_extra, course_extra=""):
    import os
    import subprocess
    content = tmp_path / "content"
    shutil_copytree(REPO / "content", content)
    site = re.sub(r"^source_organization:\n(  .*\n)+", "", (content / "site.yml").read_text(), flags=re.M)
    (content / "site.yml").write_text(site + site_extra)
    course = next((content / "courses").glob("*/course.yml"))
    text = course.read_text()
    if course_extra:
        text = re.sub(r"^subjects: .*\n", "", text, flags=re.M)
        text = re.sub(r"^level: .*$", course_extra, text, flags=re.M)
    course.write_text(text)
    binary = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))
    out = tmp_path / "campus"
    subprocess.run([binary, "build", "--quiet", "--no-packages", "--content", str(content), "--out", str(out),
                    "--theme", str(REPO / "themes" / "default")], check=True)
    return tmp_path


def shutil_copytree(source, target):
    import shutil
    shutil.copytree(source, target)


REPO = pathlib.Path(__file__).resolve().parents[2]


def test_every_sample_record_names_its_page_and_provider(site_root):
    for name, document in site_documents(site_root).items():
        pages = document["mainEntityOfPage"]
        assert len(pages) == 1, name
        assert pages[0]["id"] == document["id"], name
        assert pages[0]["type"] == "WebContent"
        assert pages[0]["provider"] == {"id": "https://campus.mika-beispiel.de/", "name": "MIKA-Campus",
                                        "type": "Organization"}, name
        assert document["@context"][0] == "https://w3id.org/kim/amb/context.jsonld", "the released context by default"
        assert document["about"] == [{"id": "http://w3id.org/kim/schulfaecher/s1013", "type": "Concept",
                                      "prefLabel": {"de": "Informatik"}}], name
        assert document["sourceOrganization"][0]["name"] == "MIKA-Campus OER-Team", name


def test_modules_with_images_name_their_first_image(site_root):
    documents = site_documents(site_root)
    module = documents["kurse/digitale-medien-ausbildung/medien-im-ausbildungsalltag/amb.json"]
    assert module["image"].startswith("https://campus.mika-beispiel.de/kurse/digitale-medien-ausbildung/")


def test_draft_context_switch_levels_and_subjects_validate(tmp_path, amb_validator):
    root = build_variant(tmp_path, "amb_context: draft\nsource_organization:\n  - name: Berufsbildungswerk Beispiel\n"
                                   "    id: https://ror.org/03vek6s52\n",
                         course_extra="level:\n  - Berufliche Bildung\n  - berufliche Weiterbildung\nsubjects: [Wirtschaft, IT]")
    documents = site_documents(root)
    assert len(documents) == 28
    for name, document in documents.items():
        assert errors(amb_validator, document) == [], name
        assert document["@context"][:2] == ["https://w3id.org/kim/amb/draft/context.jsonld",
                                            "https://w3id.org/kim/amb/context.jsonld"], name
        assert document["mainEntityOfPage"][0]["provider"]["id"] == "https://campus.mika-beispiel.de/"
        assert [level["id"] for level in document["educationalLevel"]] == [
            "https://w3id.org/kim/educationalLevel/level_4", "https://w3id.org/kim/educationalLevel/level_C"], name
        assert [subject["id"] for subject in document["about"]] == [
            "http://w3id.org/kim/schulfaecher/s1033", "http://w3id.org/kim/schulfaecher/s1013"], name
        assert document["sourceOrganization"] == [{"type": "Organization", "name": "Berufsbildungswerk Beispiel",
                                                   "id": "https://ror.org/03vek6s52"}], name


def test_oai_static_repository_base_url_goes_through_the_gateway(site_root):
    text = (site_root / "campus" / "oai-pmh.xml").read_text()
    assert ("<oai:baseURL>https://oai-gateway.mika-beispiel.de/oai/campus.mika-beispiel.de/oai-pmh.xml</oai:baseURL>"
            in text)
