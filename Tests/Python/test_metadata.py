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
