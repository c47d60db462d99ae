"""The student's self-check: a chapter's public checks on the student's own code, in pytest or a notebook.

Two ways in, with the same checks and the same messages:
- pytest: the generated `exercises/tests/test_<chapter>.py` calls `run_public_check` once per public
  check, and `exercises/tests/conftest.py` imports the pytest hooks at the end of this module
  (one marker per chapter, so `pytest -m ch02_forward` runs one chapter; the points summary).
- a notebook: its last cell calls `check_notebook("<chapter>", globals())`, which checks the
  functions the notebook has defined and prints a report.

Student code runs in this process (it is the student's own) through the same wire format as in
grading, and the expected values are the ones recorded from the reference at build time
(`autograder/suites/public/expected/`). Hidden checks are not here.

How pytest reports a chapter (the first of its tests to run runs all its public checks, once):
- each failing check fails its own test with the engine's message and no traceback;
- "not started" (every check failed because the code still raises NotImplementedError, as the
  untouched stub does): every test of the chapter is skipped with that reason and the summary
  gives the chapter one line. Untouched chapters are not 30 failures; the run still exits 1
  (pytest's "tests failed"), because those points are not earned;
- "does not import" (a syntax error, a missing file): the first test fails with the error, the
  others of the chapter are skipped, pointing to it;
- a chapter whose exercise file imports an optional package that is not installed (ch08_keras
  without TensorFlow) is skipped with the install command and does not fail the run.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from .checks import ReplayReference, Result, run_check
from .source import SubmissionError, read_chunks
from .student import LocalTransport, Student
from .suites import chapters, expected_path, load_checks

# Top-level modules that only the `keras` extra installs -> how to name them to a student.
OPTIONAL_PACKAGES = {"tensorflow": "TensorFlow", "keras": "Keras"}
INSTALL_OPTIONAL = "pip install -e '.[keras]'"
NOT_STARTED = "every function still raises NotImplementedError"
PUBLIC_ONLY = "public checks only: the grade adds hidden checks, so passing these is necessary, not sufficient"


@dataclass
class ChapterRun:
    """A chapter's public checks run once on the student's code, and why not when they could not run."""

    chapter: str
    results: list[Result] = field(default_factory=list)
    skipped: str = ""  # the chapter could not run here (an optional package is missing)
    broken: str = ""  # the student's file could not be read or imported

    @property
    def not_started(self) -> bool:
        return bool(self.results) and not self.broken and all(r.not_started for r in self.results)

    def result(self, name: str) -> Result | None:
        return next((r for r in self.results if r.name == name), None)


def run_chapter(chapter: str, student: Student | None, broken: str = "", target: str | None = None) -> ChapterRun:
    """Run the public checks of `chapter` (only those of `target`, if given) on `student`
    against the recorded expected values."""
    try:
        checks = [c for c in load_checks(chapter, hidden=False) if target in (None, c.name.split("::")[1])]
    except ModuleNotFoundError as exc:
        if _optional(exc.name):
            return ChapterRun(chapter, skipped=_needs(chapter, exc.name))
        raise
    reference = ReplayReference(expected_path(chapter).read_text(encoding="utf-8"))
    if student is not None and not broken:
        broken = student.import_failure()
    return ChapterRun(chapter, [run_check(c, student, reference, unavailable=broken) for c in checks], broken=broken)


def missing_optional_package(path: Path) -> str:
    """The first optional package (TensorFlow, Keras) that the file imports and this Python lacks, or ""."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return ""  # the import of the file reports it
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            if _optional(name) and importlib.util.find_spec(name.split(".")[0]) is None:
                return name.split(".")[0]
    return ""


def _optional(module: str | None) -> bool:
    return (module or "").split(".")[0] in OPTIONAL_PACKAGES


def _needs(chapter: str, module: str) -> str:
    package = OPTIONAL_PACKAGES[module.split(".")[0]]
    return f"{chapter} needs {package}, which is not installed here. Install it with: {INSTALL_OPTIONAL}"


# --- pytest ---------------------------------------------------------------------------------------

_reported: dict[str, tuple[ChapterRun, list[str]]] = {}  # chapter -> (its run, the checks whose tests ran)


def public_check_names(chapter: str) -> list[str]:
    """The test ids of a chapter: its public check names (one placeholder if its suite cannot load here)."""
    try:
        return [c.name for c in load_checks(chapter, hidden=False)]
    except ModuleNotFoundError as exc:
        if _optional(exc.name):
            return [f"{chapter}::needs::{exc.name.split('.')[0]}"]
        raise


@functools.cache
def _pytest_run(chapter: str, exercises_dir: Path) -> ChapterRun:
    """The chapter's run on `exercises_dir/<chapter>.py`, once per pytest session."""
    path = exercises_dir / f"{chapter}.py"
    missing = missing_optional_package(path)
    if missing:
        return ChapterRun(chapter, skipped=_needs(chapter, missing))
    try:
        student = Student(LocalTransport(), chapter, read_chunks(path), path.name)
    except SubmissionError as exc:
        return run_chapter(chapter, None, broken=str(exc))
    return run_chapter(chapter, student)


def run_public_check(name: str, test_file: str) -> None:
    """The test of public check `name` on the exercise file next to `test_file`'s folder.

    Passes, fails with the check's message (no traceback), or skips, as the module docstring says.
    """
    import pytest

    chapter = name.split("::")[0]
    run = _pytest_run(chapter, Path(test_file).resolve().parent.parent)
    first = chapter not in _reported
    _reported.setdefault(chapter, (run, []))[1].append(name)
    if run.skipped:
        pytest.skip(run.skipped)
    if run.not_started:
        pytest.skip(f"{chapter} not started: {NOT_STARTED}")
    if run.broken:
        if first:
            pytest.fail(f"{chapter}: every check fails because the file cannot be used.\n{run.broken}", pytrace=False)
        pytest.skip(f"{chapter}: {chapter}.py cannot be used (see the first failure of {chapter})")
    result = run.result(name)
    if result is None:
        pytest.fail(f"{name} is not a public check of {chapter} (rebuild the self-check)", pytrace=False)
    if not result.passed:
        pytest.fail(f"{result.name}  0/{result.max_score:g}\n{result.output}", pytrace=False)


def summary_lines(reported: dict[str, tuple[ChapterRun, list[str]]]) -> list[str]:
    """One line per chapter whose tests ran: points of the public checks passed out of their total."""
    rows, score, total, skipped = [], 0.0, 0.0, []
    for chapter in sorted(reported):
        run, names = reported[chapter]
        if run.skipped:
            rows.append((chapter, "skipped", run.skipped.removeprefix(f"{chapter} ")))
            skipped.append(chapter)
            continue
        results = [r for r in run.results if r.name in set(names)]
        got, out_of = sum(r.score for r in results), sum(r.max_score for r in results)
        score, total = score + got, total + out_of
        passed = sum(r.passed for r in results)
        selected = f" ({len(results)} of {len(run.results)} selected)" if len(results) < len(run.results) else ""
        if run.not_started:
            status = f"not started ({NOT_STARTED})"
        elif run.broken:
            status = "cannot be used: " + run.broken.splitlines()[0]
        elif passed == len(results):
            status = f"all {len(results)} checks pass{selected}"
        else:
            wrong = sorted({r.name.split("::")[1] for r in results if not r.passed and not r.not_started})
            todo = sorted({r.name.split("::")[1] for r in results if r.not_started})
            status = f"{passed} of {len(results)} checks pass{selected}"
            status += f"; wrong: {', '.join(wrong)}" if wrong else ""
            status += f"; not implemented yet: {', '.join(todo)}" if todo else ""
        rows.append((chapter, f"{got:g} / {out_of:g} points", status))
    rows.append(("total", f"{score:g} / {total:g} points", PUBLIC_ONLY))
    width = max(len(r[0]) for r in rows)
    points = max(len(r[1]) for r in rows)
    lines = [f"{name:<{width}}  {pts:>{points}}   {status}".rstrip() for name, pts, status in rows]
    return lines + ([f"(not counted: {', '.join(skipped)})"] if skipped else [])


def pytest_configure(config) -> None:
    """Register one marker per chapter: `pytest -m ch04_backprop` runs that chapter's self-check."""
    for chapter in chapters():
        config.addinivalue_line("markers", f"{chapter}: the public self-check of {chapter}")


def pytest_sessionfinish(session, exitstatus) -> None:
    """A run that skipped chapters as not started has not earned their points: exit 1, not 0."""
    import pytest

    if exitstatus == 0 and any(run.not_started for run, _ in _reported.values()):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """After the tests: the points per chapter, one line each."""
    if _reported:
        terminalreporter.write_sep("=", "self-check: points from the public checks")
        for line in summary_lines(_reported):
            terminalreporter.write_line(line)


# --- notebooks ------------------------------------------------------------------------------------


def notebook_run(chapter: str, namespace: dict, target: str | None = None) -> ChapterRun:
    """Run `chapter`'s public checks (of `target` only, if given) on what `namespace` defines."""
    student = Student(LocalTransport(namespace), chapter, [], "this notebook")
    return run_chapter(chapter, student, target=target)


def format_run(run: ChapterRun) -> str:
    """A notebook's report: the chapter's points, then every check with the message of each failure."""
    if run.skipped:
        return run.skipped
    got, total = sum(r.score for r in run.results), sum(r.max_score for r in run.results)
    head = f"{run.chapter}: {got:g} / {total:g} points"
    if run.not_started:
        return f"{head}: not started ({NOT_STARTED}). Fill in a `# YOUR CODE HERE`, run its cell, then this one."
    if run.broken:
        return f"{head}: the checks cannot run.\n{run.broken}"
    passed = sum(r.passed for r in run.results)
    lines = [f"{head} ({passed} of {len(run.results)} public checks pass)"]
    for r in run.results:
        lines.append(f"  {'ok  ' if r.passed else 'FAIL'}  {r.name}  {r.score:g}/{r.max_score:g}")
        lines += [f"        {line}" for line in r.output.splitlines()]
    lines.append(PUBLIC_ONLY[0].upper() + PUBLIC_ONLY[1:] + ".")
    return "\n".join(lines)


def check_notebook(chapter: str, namespace: dict) -> None:
    """Print the chapter's self-check for a notebook: `check_notebook("ch02_forward", globals())`.

    The same public checks and messages as `pytest` on the exercise files; run the cells that
    define your functions first. The grader skips the cell that calls this (tag `selfcheck`).
    """
    print(format_run(notebook_run(chapter, namespace)))


def check_target(chapter: str, target: str, namespace: dict) -> None:
    """The body of a notebook's grade cell for one function or class: print its public checks,
    and raise AssertionError when one fails, so that `nbgrader validate` reports it.

    In `nbgrader autograde` this cell is not run: the course grader scores it from outside the
    notebook, with the hidden checks as well, and writes the points and feedback as its output.
    """
    run = notebook_run(chapter, namespace, target)
    if run.skipped:
        print(run.skipped)
        return
    if not run.results:
        print(f"{target}: graded by hidden checks only; there is nothing to run here.")
        return
    print(format_run(run))
    failed = [r.name for r in run.results if not r.passed]
    if failed:
        raise AssertionError(f"{len(failed)} public check(s) of {target} fail: {', '.join(failed)}")
