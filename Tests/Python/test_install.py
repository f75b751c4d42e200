"""`make install` gives a binary that runs without Swift and without a theme folder: only content/ is needed."""
import os
import pathlib
import shutil
import subprocess
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]


def test_installed_binary_builds_a_bare_content_folder_with_the_built_in_theme():
    work = pathlib.Path(tempfile.mkdtemp(prefix="mika-install-"))
    try:
        prefix = work / "prefix"
        subprocess.run(["make", "-s", "install", f"PREFIX={prefix}"], cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL)
        binary = prefix / "bin" / "mika"
        assert binary.is_file()
        # The Swift runtime is linked in: no libswift* or libFoundation* from the toolchain is needed.
        linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
        assert "libswift" not in linked and "libFoundation" not in linked, linked
        # mimalloc replaces glibc's malloc for the whole process (loaded before libc).
        assert "libmimalloc.so" in linked, linked

        project = work / "projekt"
        shutil.copytree(REPO / "content", project / "content")
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SWIFT")}
        environment["PATH"] = "/usr/bin:/bin"
        result = subprocess.run([str(binary), "build", "--quiet"], cwd=project, env=environment,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        site = project / "site"
        for path in ["index.html", "assets/mika.css", "assets/quiz.js", "_mika/model.json", ".mika-site"]:
            assert (site / path).is_file(), path
        assert (site / "assets" / "mika.css").read_bytes() == (REPO / "themes/default/assets/mika.css").read_bytes()
        assert not (project / "themes").exists()
    finally:
        shutil.rmtree(work, ignore_errors=True)
