"""Release the student bundle: `python -m autograder release-student OUT` writes OUT/ and OUT.zip.

The bundle holds what a student needs to do the exercises and run the self-check, and nothing else:

    README.md, pyproject.toml          install with `pip install -e '.[student]'`, then run `pytest`
    exercises/chNN_name.py             the stubs
    exercises/tests/                   the public self-check (test_chNN_name.py, conftest.py)
    autograder/engine/*.py             the check engine the self-check imports
    autograder/suites/public/*.py      the public checks, and expected/chNN_name.json, their values

The stubs and self-check files are rendered from `solutions/` by the build, as `python -m autograder
build` would write them; the expected values are the recorded ones in `suites/public/expected/`
(recording them again would run every reference, TensorFlow included); the release fails if a
file is missing or names a check that is not public (then run the build). The reference solutions, the hidden
suites, `tests/`, the notebooks and the instructor tooling (sandbox, grade, build, CLI) never go
in. After writing, `leaks.find_leaks` scans the bundle (files, the zip, any compiled .pyc) for what
must not be there; a bundle with a leak is deleted and the release fails.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from .build import CONFTEST, render_chapter
from .engine.course import EXPECTED_DIR, ROOT, SUITES_DIR, chapter_names
from .engine.suites import load_checks
from .leaks import find_leaks, json_keys

PACKAGE_NAME = "dlscratch-exercises"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same sources give the same zip

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "Neural networks from scratch: the exercises and their self-check."
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["numpy>=1.24"]

[project.optional-dependencies]
# Chapters 1-7: numpy and pytest.
student = ["numpy>=1.24", "pytest>=7"]
# Chapter 8 (TensorFlow/Keras); the CPU wheel on Linux x86-64.
keras = [
    "tensorflow-cpu>=2.16; sys_platform == 'linux' and platform_machine == 'x86_64'",
    "tensorflow>=2.16; sys_platform != 'linux' or platform_machine != 'x86_64'",
]

[tool.setuptools.packages.find]
include = ["autograder*"]

[tool.setuptools.package-data]
"autograder.suites.public" = ["expected/*.json"]

[tool.pytest.ini_options]
testpaths = ["exercises/tests"]
"""

README = """\
# Neural networks from scratch — exercises

One file per chapter in `exercises/`: {chapters}.
Fill in every `raise NotImplementedError(...)` marked `# YOUR CODE HERE`. Keep the names and
signatures as they are: the grader calls them. A chapter file imports numpy (TensorFlow for
`ch08_keras`), never another chapter.

## Install (once)

    python3 -m venv .venv && . .venv/bin/activate
    pip install -e '.[student]'           # numpy and pytest: chapters 1-7
    pip install -e '.[student,keras]'     # and TensorFlow, for ch08_keras

## Check your work

    pytest                          # every chapter
    pytest -m ch02_forward          # one chapter
    pytest -k softmax               # the checks whose name contains "softmax"

pytest ends with the points of the public checks per chapter:

    ch01_perceptron    15 / 15 points   all 7 checks pass
    ch02_forward        9 / 15 points   5 of 8 checks pass; wrong: softmax; not implemented yet: forward
    ch03_losses         0 / 14 points   not started (every function still raises NotImplementedError)

A chapter you have not started is that one line, not a failure per check. Each failing check
says which function is wrong, on what input, the worst entry, and what to look at:

    ch02_forward::softmax::batch_rows  0/2
    softmax(x) is wrong at index (0, 1): expected 0.0718, got 0.0143 (error 0.0575 > allowed 7.2e-06, ...). Shapes: x (4, 5).
    Hint: normalize each row separately: sum with axis=-1, keepdims=True

Without TensorFlow, `ch08_keras` is skipped with the command that installs it.

These are the public checks only. Your grade also uses hidden checks (edge cases such as inputs of
±1000, stride 2, batches of one), so passing the self-check is necessary, not sufficient.

## In a notebook

The last cell of each chapter notebook runs the same checks, with the same messages, on the
functions the notebook has defined (run their cells first):

    from autograder.engine.notebook import check_notebook
    check_notebook("ch02_forward", globals())

It needs this folder installed in the notebook's Python (`pip install -e '.[student]'`).

## What is here

- `exercises/`: your files; `exercises/tests/`: the self-check that `pytest` runs.
- `autograder/`: the check engine, the public checks and their expected values. Leave it as it is.
"""


class ReleaseError(Exception):
    """The bundle could not be written (the message says why)."""


def bundle_files() -> dict[str, str]:
    """Every file of the student bundle: {relative path: text}."""
    files = {
        "README.md": README.format(chapters=", ".join(f"`{c}`" for c in chapter_names())),
        "pyproject.toml": PYPROJECT.format(name=PACKAGE_NAME, version=_course_version()),
        "exercises/tests/conftest.py": CONFTEST,
        "autograder/__init__.py": '"""The self-check engine of the exercises: public checks only."""\n',
        "autograder/suites/__init__.py": (SUITES_DIR / "__init__.py").read_text(encoding="utf-8"),
        "autograder/suites/public/__init__.py": (SUITES_DIR / "public" / "__init__.py").read_text(encoding="utf-8"),
    }
    for path in sorted((ROOT / "autograder" / "engine").glob("*.py")):
        files[f"autograder/engine/{path.name}"] = path.read_text(encoding="utf-8")
    for chapter in chapter_names():
        for path, text in render_chapter(chapter, record=False).items():
            if path.suffix == ".ipynb":
                continue  # notebooks reach students through nbgrader's release, from source_notebooks/
            files[path.relative_to(ROOT).as_posix()] = text
        files[f"autograder/suites/public/{chapter}.py"] = (SUITES_DIR / "public" / f"{chapter}.py").read_text(encoding="utf-8")
        files[f"autograder/suites/public/expected/{chapter}.json"] = _recorded_values(chapter)
    return dict(sorted(files.items()))


def _recorded_values(chapter: str) -> str:
    """The chapter's recorded expected values; only public checks may have any (some record none)."""
    path = EXPECTED_DIR / f"{chapter}.json"
    public = {c.name for c in load_checks(chapter, hidden=False)}
    if not path.is_file() or set(json_keys(path.read_text(encoding="utf-8"))) - public:
        raise ReleaseError(f"{path} is missing or out of date; run `python -m autograder build`")
    return path.read_text(encoding="utf-8")


def _course_version() -> str:
    match = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), flags=re.MULTILINE)
    return match.group(1) if match else "0.0.0"


def release_student(out: Path, force: bool = False) -> tuple[Path, Path]:
    """Write the bundle to `out/` and `out.zip`; return both paths. Raises ReleaseError."""
    out = Path(out).resolve()
    archive = out.with_name(out.name + ".zip")
    if out == ROOT or ROOT.is_relative_to(out) or out.is_relative_to(ROOT / "autograder"):
        raise ReleaseError(f"{out} would overwrite the course itself; choose another folder")
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} is a file; choose a folder")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ReleaseError(f"{out} exists and is not empty; remove it or pass --force")
        if not _is_bundle(out):
            raise ReleaseError(f"{out} is not an earlier bundle, so --force will not delete it")
        shutil.rmtree(out)
    files = bundle_files()
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, text in files.items():
            info = zipfile.ZipInfo(f"{out.name}/{rel}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    leaks = find_leaks(out) + find_leaks(archive)
    if leaks:
        shutil.rmtree(out)
        archive.unlink()
        raise ReleaseError("the bundle would leak, so it was deleted:\n  " + "\n  ".join(leaks))
    return out, archive


def _is_bundle(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    return pyproject.is_file() and f'name = "{PACKAGE_NAME}"' in pyproject.read_text(errors="replace")
