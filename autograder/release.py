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
in. After writing, `find_leaks` scans the bundle (files, the zip, any compiled .pyc) for what must
not be there (see its docstring); a bundle with a leak is deleted and the release fails.
"""

from __future__ import annotations

import ast
import marshal
import re
import shutil
import zipfile
from pathlib import Path

from .build import BEGIN, CONFTEST, END, ROOT, render_chapter, solution_chapters
from .engine.checks import RNG_PROBE
from .engine.suites import EXPECTED_DIR, SUITES_DIR, chapters, load_checks

PACKAGE_NAME = "dlscratch-exercises"
MIN_LEAK_LINE = 20  # solution lines shorter than this (`return x`, `self.x = x`) say nothing on their own
MIN_LEAK_STRING = 12  # the same for string constants (error messages, names) in compiled files
# Solution lines that may appear elsewhere in the bundle anyway, each with the reason.
PUBLIC_LINES = {
    "return shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))":
        "ch05_optimizers fan_in: SPEC.md states the formula, and the public suite computes it",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same sources give the same zip
# What a bundle may hold, as regular expressions over its relative paths; anything else is a leak.
ALLOWED_FILES = (
    r"README\.md",
    r"pyproject\.toml",
    r"exercises/ch\d\d_\w+\.py",
    r"exercises/tests/conftest\.py",
    r"exercises/tests/test_ch\d\d_\w+\.py",
    r"autograder/__init__\.py",
    r"autograder/engine/\w+\.py",
    r"autograder/suites/__init__\.py",
    r"autograder/suites/public/(__init__|ch\d\d_\w+)\.py",
    r"autograder/suites/public/expected/ch\d\d_\w+\.json",
)

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

    from autograder.engine.selfcheck import check_notebook
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
        "README.md": README.format(chapters=", ".join(f"`{c}`" for c in solution_chapters())),
        "pyproject.toml": PYPROJECT.format(name=PACKAGE_NAME, version=_course_version()),
        "exercises/tests/conftest.py": CONFTEST,
        "autograder/__init__.py": '"""The self-check engine of the exercises: public checks only."""\n',
        "autograder/suites/__init__.py": (SUITES_DIR / "__init__.py").read_text(encoding="utf-8"),
        "autograder/suites/public/__init__.py": (SUITES_DIR / "public" / "__init__.py").read_text(encoding="utf-8"),
    }
    for path in sorted((ROOT / "autograder" / "engine").glob("*.py")):
        files[f"autograder/engine/{path.name}"] = path.read_text(encoding="utf-8")
    for chapter in solution_chapters():
        for path, text in render_chapter(chapter, record=False).items():
            if path.suffix == ".ipynb":
                continue  # notebooks reach students through nbgrader's release, from source_notebooks/
            files[path.relative_to(ROOT).as_posix()] = text
        if chapter in chapters():
            files[f"autograder/suites/public/{chapter}.py"] = (SUITES_DIR / "public" / f"{chapter}.py").read_text(encoding="utf-8")
            files[f"autograder/suites/public/expected/{chapter}.json"] = _recorded_values(chapter)
    return dict(sorted(files.items()))


def _recorded_values(chapter: str) -> str:
    """The chapter's recorded expected values; only public checks may have any (some record none)."""
    path = EXPECTED_DIR / f"{chapter}.json"
    public = {c.name for c in load_checks(chapter, hidden=False)}
    if not path.is_file() or set(_json_keys(path.read_text(encoding="utf-8"))) - public:
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


# --- the leak scan ------------------------------------------------------------------------------


def find_leaks(bundle: Path) -> list[str]:
    """What in `bundle` (a folder or a .zip) must not reach students, one line each; [] when clean.

    - a file outside ALLOWED_FILES (a solution, a hidden suite, tests/, the instructor tooling,
      a notebook, a .pyc: the bundle holds sources only);
    - a line of a reference function body: the lines between `### BEGIN SOLUTION` and
      `### END SOLUTION` in solutions/*.py, compared after stripping whitespace. Lines shorter than
      MIN_LEAK_LINE characters (`return x`, `self.mask = None`) are ignored: they say nothing on
      their own and occur in correct code anywhere. So are lines that also stand outside every
      region in some solution file: that code ships as given in the stubs by design (ch06_cnn
      carries ch04's layers), and the few in PUBLIC_LINES, each with its reason;
    - a string unique to solutions/: the region markers, and string constants of at least
      MIN_LEAK_STRING characters written inside a region and nowhere outside one;
    - a hidden check's name (`chapter::Thing::property`) or a string constant of a hidden suite
      that no public file has (its docstring, its property names), and any recorded expected value
      that is not a public check's;
    - in a compiled .pyc (folder or zip): the same strings among its constants, a code object
      compiled from solutions/, suites/hidden/ or tests/, or the bytecode of a reference function.
    """
    secrets = _secrets()
    leaks = []
    for rel, data in _bundle_members(Path(bundle)):
        where = f"{bundle.name}:{rel}" if Path(bundle).suffix == ".zip" else rel
        if not any(re.fullmatch(pattern, rel) for pattern in ALLOWED_FILES):
            leaks.append(f"{where}: a file that is not part of the student bundle")
        if rel.endswith(".pyc"):
            leaks += [f"{where}: {what}" for what in _pyc_leaks(data, secrets)]
            continue
        text = data.decode("utf-8", errors="replace")
        lines = {line.strip() for line in text.splitlines()}
        leaks += [f"{where}: reference solution line {line!r}" for line in sorted(secrets["lines"] & lines)]
        leaks += [f"{where}: contains {s!r}, which only solutions/ has" for s in sorted(secrets["strings"]) if s in text]
        leaks += [f"{where}: names hidden check {s}" for s in sorted(secrets["hidden_names"]) if s in text]
        leaks += [f"{where}: contains {s!r}, which only the hidden suites have" for s in sorted(secrets["hidden_strings"])
                  if s in text]  # fmt: skip
        if rel.startswith("autograder/suites/public/expected/"):
            leaks += [f"{where}: expected values recorded for {k}, not a public check"
                      for k in _json_keys(text) if k not in secrets["public_names"]]  # fmt: skip
    return leaks


def _bundle_members(bundle: Path) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every file of a bundle folder or zip (the zip's top folder dropped)."""
    if bundle.is_file():
        with zipfile.ZipFile(bundle) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            return [(n.split("/", 1)[1] if "/" in n else n, zf.read(n)) for n in names]
    return [(p.relative_to(bundle).as_posix(), p.read_bytes()) for p in sorted(bundle.rglob("*")) if p.is_file()]


def _json_keys(text: str) -> list[str]:
    import json

    try:
        return [k for k in json.loads(text) if k != RNG_PROBE]
    except (ValueError, TypeError):
        return ["(not valid JSON)"]


def _secrets() -> dict[str, set]:
    """What must not appear in a bundle, computed from solutions/ and the hidden suites."""
    region_lines, given_lines, region_strings, given_strings, bytecode = set(), set(), set(), set(), set()
    for path in sorted((ROOT / "solutions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        inside = _region_line_numbers(source)
        for number, line in enumerate(source.splitlines(), start=1):
            (region_lines if number in inside else given_lines).add(line.strip())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                (region_strings if node.lineno in inside else given_strings).add(node.value)
        bytecode |= _solution_bytecode(path, source, inside)
    public_text = _public_text()
    hidden_names, hidden_strings = set(), set()
    for chapter in chapters():
        hidden = [c for c in load_checks(chapter, hidden=True) if not c.public]
        public = {c.name for c in load_checks(chapter, hidden=False)}
        hidden_names |= {c.name for c in hidden if c.name not in public}
        path = SUITES_DIR / "hidden" / f"{chapter}.py"
        if path.exists():
            hidden_strings |= {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                               if isinstance(node, ast.Constant) and isinstance(node.value, str)
                               and len(node.value) >= MIN_LEAK_STRING and node.value not in public_text}  # fmt: skip
    return {
        "lines": {l for l in region_lines - given_lines - PUBLIC_LINES.keys() if len(l) >= MIN_LEAK_LINE},
        "strings": {s for s in region_strings - given_strings if len(s) >= MIN_LEAK_STRING} | {BEGIN, END},
        "hidden_names": hidden_names,
        "hidden_strings": hidden_strings,
        "public_names": {c.name for ch in chapters() for c in load_checks(ch, hidden=False)},
        "bytecode": bytecode,
    }


def _region_line_numbers(source: str) -> set[int]:
    """1-based numbers of the lines inside solution regions, markers included."""
    inside, numbers = False, set()
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == BEGIN:
            inside = True
        if inside:
            numbers.add(number)
        if line.strip() == END:
            inside = False
    return numbers


def _public_text() -> str:
    """The text of everything meant for students (engine, public suites, stubs), to tell public strings apart."""
    paths = [*(ROOT / "autograder" / "engine").glob("*.py"), *(SUITES_DIR / "public").glob("*.py"),
             *EXPECTED_DIR.glob("*.json"), *(ROOT / "exercises").rglob("*.py")]  # fmt: skip
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(paths))


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            yield from _code_objects(const)


def _solution_bytecode(path: Path, source: str, inside: set[int]) -> set[tuple[str, bytes]]:
    """(qualified name, bytecode) of every reference function whose body holds a solution region."""
    found = set()
    for code in _code_objects(compile(source, str(path), "exec")):
        lines = {line for _, _, line in code.co_lines() if line}
        if code.co_name != "<module>" and lines & inside:
            found.add((_qualname(code), code.co_code))
    return found


def _pyc_leaks(data: bytes, secrets: dict) -> list[str]:
    """Leaks in a compiled file: its origin, its string constants and its bytecode."""
    try:
        module = marshal.loads(data[16:])
        codes = list(_code_objects(module))
    except (ValueError, EOFError, TypeError, AttributeError):
        return ["a compiled file this Python cannot read (the bundle holds sources only)"]
    leaks = []
    origins = {code.co_filename for code in codes}
    for origin in sorted(origins):
        if re.search(r"(^|[/\\])(solutions|tests)[/\\]|suites[/\\]hidden[/\\]", origin):
            leaks.append(f"compiled from {origin}")
    strings = {c for code in codes for c in code.co_consts if isinstance(c, str)}
    leaks += [f"holds {s!r}, which only solutions/ has" for s in sorted(strings & secrets["strings"])]
    leaks += [f"holds {s!r}, which only the hidden suites have" for s in sorted(strings & secrets["hidden_strings"])]
    found = {(_qualname(code), code.co_code) for code in codes}
    leaks += [f"holds the bytecode of the reference {name}" for name, _ in sorted(found & secrets["bytecode"])]
    return leaks


def _qualname(code) -> str:
    return getattr(code, "co_qualname", code.co_name)  # co_qualname is Python 3.11+
