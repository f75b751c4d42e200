"""The compiled template renderer and swift-mustache write the same site, byte for byte (packages included)."""
import filecmp
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("MIKA_BIN", str(REPO / ".build" / "debug" / "mika"))


def build(content, out, renderer):
    environment = dict(os.environ, MIKA_TEMPLATES=renderer, SOURCE_DATE_EPOCH="1767225600")
    subprocess.run([BINARY, "build", "--quiet", "--content", str(content), "--out", str(out)],
                   check=True, env=environment, capture_output=True)


def differences(comparison, prefix=""):
    found = [prefix + name for name in comparison.diff_files + comparison.left_only + comparison.right_only]
    for name, sub in comparison.subdirs.items():
        found += differences(sub, prefix + name + "/")
    return found


@pytest.mark.parametrize("content", ["content", "Tests/MikaSiteTests/Fixtures/golden/content"])
def test_both_renderers_write_the_same_site(tmp_path, content):
    build(REPO / content, tmp_path / "compiled", "compiled")
    build(REPO / content, tmp_path / "swift-mustache", "swift-mustache")
    pages = list((tmp_path / "compiled").rglob("*.html"))
    assert len(pages) > 10
    comparison = filecmp.dircmp(tmp_path / "compiled", tmp_path / "swift-mustache")
    assert differences(comparison) == []
    for page in pages:  # and every page once more, byte for byte
        assert page.read_bytes() == (tmp_path / "swift-mustache" / page.relative_to(tmp_path / "compiled")).read_bytes()
