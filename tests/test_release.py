"""The student bundle: exactly the student's files, no leak anywhere in it, and it works on its own.

The leak rule (`autograder.leaks.find_leaks`): no file outside the bundle's list; no line of a
reference function body (the lines inside `### BEGIN/END SOLUTION`, stripped, of at least
MIN_LEAK_LINE = 20 characters, and not also given code outside every region); no string constant
of a region or of a hidden suite that public files do not have; no hidden check name; no expected
value of a hidden check; and, in any .pyc, no code compiled from solutions/ or the hidden suites and
no reference bytecode. The scan runs over the folder and over the zip.
"""

import importlib.metadata
import importlib.util
import os
import py_compile
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from autograder.build import BEGIN
from autograder.engine.course import ROOT
from autograder.cli import main
from autograder.engine.course import chapter_names
from autograder.engine.suites import load_checks
from autograder.leaks import MIN_LEAK_LINE, _secrets, find_leaks
from autograder.release import PACKAGE_NAME, ReleaseError, bundle_files, release_student

CHAPTERS = chapter_names()  # chapters with a public suite (a self-check)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """(folder, zip) of a freshly released bundle."""
    return release_student(tmp_path_factory.mktemp("release") / "dlscratch-exercises")


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def tampered(bundle, tmp_path) -> Path:
    """A copy of the bundle folder to break on purpose."""
    copy = tmp_path / "bundle"
    shutil.copytree(bundle[0], copy)
    return copy


def test_bundle_holds_exactly_the_student_files(bundle):
    """Stubs, the self-check, the engine, the public suites and their values, README, pyproject: nothing else."""
    folder, archive = bundle
    want = {"README.md", "pyproject.toml", "exercises/tests/conftest.py", "autograder/__init__.py",
            "autograder/suites/__init__.py", "autograder/suites/public/__init__.py"}
    want |= {f"exercises/{c}.py" for c in chapter_names()}
    want |= {f"autograder/engine/{p.name}" for p in (ROOT / "autograder" / "engine").glob("*.py")}
    for chapter in CHAPTERS:
        want |= {f"exercises/tests/test_{chapter}.py", f"autograder/suites/public/{chapter}.py",
                 f"autograder/suites/public/expected/{chapter}.json"}
    assert files_of(folder) == want
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == sorted(f"{folder.name}/{rel}" for rel in want)
        for rel in want:
            assert zf.read(f"{folder.name}/{rel}") == (folder / rel).read_bytes(), rel


def test_bundle_leaks_nothing(bundle):
    """No solution line, solution-only string, hidden check or hidden value, in the folder or the zip."""
    folder, archive = bundle
    assert find_leaks(folder) == []
    assert find_leaks(archive) == []


def test_leak_rule_covers_every_chapter_and_ignores_only_short_lines():
    """Is there something to find for every chapter, and is every tracked line long enough to mean something?"""
    secrets = _secrets()
    assert all(len(line) >= MIN_LEAK_LINE for line in secrets["lines"])
    for chapter in chapter_names():
        source = (ROOT / "solutions" / f"{chapter}.py").read_text()
        assert any(line in source for line in secrets["lines"]), f"no solution line of {chapter} is tracked"
    assert BEGIN in secrets["strings"]
    hidden = {c.name for ch in CHAPTERS for c in load_checks(ch) if not c.public}
    assert hidden and hidden <= secrets["hidden_names"] | {c.name for ch in CHAPTERS for c in load_checks(ch, hidden=False)}


def test_expected_values_are_recorded_for_public_checks_only(bundle):
    import json

    for chapter in CHAPTERS:
        recorded = json.loads((bundle[0] / "autograder/suites/public/expected" / f"{chapter}.json").read_text())
        public = {c.name for c in load_checks(chapter, hidden=False)}
        assert set(recorded) - {"__rng_probe__"} <= public


def _add_solution_file(folder):
    shutil.copy(ROOT / "solutions" / "ch02_forward.py", folder / "exercises" / "reference_ch02.py")


def _solution_over_stub(folder):
    shutil.copy(ROOT / "solutions" / "ch03_losses.py", folder / "exercises" / "ch03_losses.py")


def _hidden_suite_as_public(folder):
    shutil.copy(ROOT / "autograder/suites/hidden/ch01_perceptron.py", folder / "autograder/suites/public/ch01_perceptron.py")


def _hidden_check_name_in_readme(folder):
    name = next(c.name for c in load_checks("ch02_forward") if not c.public)
    with open(folder / "README.md", "a") as readme:
        readme.write(f"\nAlso try {name}.\n")


def _compiled_solution_named_like_a_stub(folder):
    source = folder / "tmp_source.py"
    shutil.copy(ROOT / "solutions" / "ch02_forward.py", source)
    py_compile.compile(str(source), cfile=str(folder / "exercises" / "__pycache__" / "ch02_forward.cpython-311.pyc"),
                       dfile="exercises/ch02_forward.py")
    source.unlink()


def _instructor_tooling(folder):
    shutil.copy(ROOT / "autograder" / "grade.py", folder / "autograder" / "grade.py")


@pytest.mark.parametrize("tamper, expect", [
    pytest.param(_add_solution_file, "reference_ch02.py: a file that is not part of", id="solution-file-added"),
    pytest.param(_solution_over_stub, "exercises/ch03_losses.py: reference solution line", id="solution-copied-over-stub"),
    pytest.param(_hidden_suite_as_public, "which only the hidden suites have", id="hidden-suite-as-public"),
    pytest.param(_hidden_check_name_in_readme, "README.md: names hidden check ch02_forward::", id="hidden-check-name"),
    pytest.param(_compiled_solution_named_like_a_stub, "holds the bytecode of the reference softmax", id="compiled-solution"),
    pytest.param(_instructor_tooling, "autograder/grade.py: a file that is not part of", id="instructor-tooling"),
])
def test_leak_scan_fails_when_secrets_are_added(bundle, tmp_path, tamper, expect):
    """Does the scan catch each kind of leak, in the folder and once zipped?"""
    folder = tampered(bundle, tmp_path)
    tamper(folder)
    leaks = find_leaks(folder)
    assert any(expect in leak for leak in leaks), leaks
    archive = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"bundle/{path.relative_to(folder).as_posix()}")
    assert any(expect.split(": ", 1)[-1] in leak for leak in find_leaks(archive))


def test_release_refuses_and_deletes_a_leaking_bundle(tmp_path, monkeypatch):
    """If the bundle ever had a solution in it, the release fails and leaves nothing behind."""
    import autograder.release as release

    files = bundle_files()
    files["exercises/ch02_forward.py"] = (ROOT / "solutions" / "ch02_forward.py").read_text()
    monkeypatch.setattr(release, "bundle_files", lambda: files)
    with pytest.raises(ReleaseError, match="reference solution line"):
        release_student(tmp_path / "out")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.zip").exists()


def test_cli_release_student_writes_folder_and_zip_and_keeps_earlier_bundles(tmp_path, capsys):
    out = tmp_path / "bundle"
    assert main(["release-student", str(out)]) == 0
    assert (out / "pyproject.toml").is_file() and (tmp_path / "bundle.zip").is_file()
    assert main(["release-student", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["release-student", str(out), "--force"]) == 0
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("not a bundle")
    assert main(["release-student", str(tmp_path / "mine"), "--force"]) == 1
    assert (tmp_path / "mine" / "notes.txt").exists()


def test_bundle_pyproject_has_the_student_and_keras_extras_and_runs_the_self_check(bundle):
    tomllib = pytest.importorskip("tomllib")
    ours = tomllib.loads((bundle[0] / "pyproject.toml").read_text())
    course = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert ours["project"]["name"] == PACKAGE_NAME
    extras = ours["project"]["optional-dependencies"]
    assert set(extras) == {"student", "keras"}
    assert extras["student"] == course["project"]["optional-dependencies"]["student"]
    assert extras["keras"] == course["project"]["optional-dependencies"]["keras"]
    assert ours["project"]["dependencies"] == ["numpy>=1.24"]
    assert ours["tool"]["pytest"]["ini_options"]["testpaths"] == ["exercises/tests"]


def test_student_readme_says_how_to_install_and_run(bundle):
    readme = (bundle[0] / "README.md").read_text()
    for needle in ("pip install -e '.[student]'", "pytest -m ch02_forward", "not started", "check_notebook(", "[student,keras]"):
        assert needle in readme


# --- acceptance: the bundle in a fresh virtualenv with only numpy and pytest ----------------------


def _closure(names: list[str]) -> dict:
    """The installed distributions `names` need at run time, themselves included (no extras)."""
    from packaging.requirements import Requirement

    found, todo = {}, list(names)
    while todo:
        try:
            dist = importlib.metadata.distribution(todo.pop())
        except importlib.metadata.PackageNotFoundError:
            continue
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key not in found:
            found[key] = dist
            todo += [Requirement(r).name for r in dist.requires or []
                     if Requirement(r).marker is None or Requirement(r).marker.evaluate({"extra": ""})]
    return found


def _can_build_offline() -> bool:
    """Whether this environment holds the bundle's build backend (setuptools; wheel too before 70.1)."""
    from packaging.version import Version

    try:
        setuptools = Version(importlib.metadata.version("setuptools"))
    except importlib.metadata.PackageNotFoundError:
        return False
    return setuptools >= Version("70.1") or importlib.util.find_spec("wheel") is not None


def make_student_venv(root: Path) -> Path:
    """A new virtualenv that sees only numpy, pytest (with their dependencies) and the build backend.

    Offline and robust: no package index is used. The distributions this test runs with are linked
    into one folder that a .pth file puts on the new environment's path, so pip sees numpy and
    pytest as installed and needs no download; setuptools (and wheel, which older setuptools needs
    to build) come the same way for `--no-build-isolation`. pip itself is this interpreter's
    (`pip --python`), which saves the 6 s of installing pip into the new environment.
    """
    venv, site = root / "venv", root / "site"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    site.mkdir()
    for dist in _closure(["numpy", "pytest", "setuptools", "wheel"]).values():
        base = Path(dist.locate_file(""))
        for top in {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}:
            if (base / top).exists() and not (site / top).exists():
                (site / top).symlink_to(base / top)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "student-deps.pth").write_text(f"{site}\n")
    return python


def clean_env(root: Path) -> dict:
    return {"PATH": "/usr/bin:/bin", "HOME": str(root), "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}


def run_pytest(python: Path, folder: Path, *args) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    result = subprocess.run([str(python), "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=folder,
                            env=clean_env(folder.parent), capture_output=True, text=True, timeout=120)
    return result, time.perf_counter() - start


def summary(result) -> list[str]:
    """The lines of the self-check's points summary (between its heading and pytest's last line)."""
    lines = result.stdout.split("self-check: points from the public checks", 1)[1].splitlines()[1:]
    return lines[: next(i for i, line in enumerate(lines) if line.startswith("="))]


def test_bundle_installs_with_the_student_extra_alone_and_self_checks(bundle, tmp_path):
    """Fresh venv, only numpy + pytest: the stubs are "not started" at 0; the reference gets every public point."""
    if os.name != "posix":
        pytest.skip("the venv layout below is POSIX")
    if not _can_build_offline():
        pytest.skip("no setuptools >= 70.1 (or older setuptools with wheel) here to build the bundle offline")
    folder = tmp_path / "dlscratch-exercises"
    shutil.copytree(bundle[0], folder)
    python = make_student_venv(tmp_path)
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
                              "--no-build-isolation", "-e", f"{folder}[student]"],
                             env=clean_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    probe = subprocess.run([str(python), "-c", "import autograder, numpy, pytest, importlib.util as u;"
                            "print(autograder.__file__, u.find_spec('tensorflow'), u.find_spec('nbgrader'))"],
                           cwd=tmp_path, env=clean_env(tmp_path), capture_output=True, text=True, check=True)
    assert probe.stdout.split() == [str(folder / "autograder" / "__init__.py"), "None", "None"]

    stubs, _ = run_pytest(python, folder)
    assert stubs.returncode == 1, stubs.stdout[-3000:]
    lines = summary(stubs)
    for chapter in CHAPTERS:
        line = next(l for l in lines if l.startswith(chapter))
        if chapter.startswith("ch08"):
            assert "skipped" in line and "pip install -e '.[keras]'" in line
        else:
            assert " 0 / " in line and "not started" in line
    assert "FAILED" not in stubs.stdout and "Traceback" not in stubs.stdout
    assert lines[[l.split()[0] for l in lines].index("total")].split()[1] == "0"

    for chapter in chapter_names():
        shutil.copy(ROOT / "solutions" / f"{chapter}.py", folder / "exercises" / f"{chapter}.py")
    solved, seconds = run_pytest(python, folder)
    assert solved.returncode == 0, solved.stdout[-3000:]
    numpy_chapters = [c for c in CHAPTERS if not c.startswith("ch08")]
    for chapter in numpy_chapters:
        line = next(l for l in summary(solved) if l.startswith(chapter))
        got, _, total = line.split()[1:4]
        assert got == total and "all" in line, line
    assert seconds < 10, f"the public self-check of {len(numpy_chapters)} chapters took {seconds:.1f} s"

    one, _ = run_pytest(python, folder, "-m", "ch02_forward")
    assert one.returncode == 0
    assert [l.split()[0] for l in summary(one)] == ["ch02_forward", "total"]
