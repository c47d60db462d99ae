"""The self-check in pytest: the generated `exercises/tests/test_<chapter>.py` calls `run_public_check`
once per public check, and `exercises/tests/conftest.py` imports the hooks below (one marker per
chapter, so `pytest -m ch02_forward` runs one chapter; the points summary).

How pytest reports a chapter (the first of its tests to run runs all its public checks, once):
- each failing check fails its own test with the engine's message and no traceback;
- "not started" (every check failed because the code still raises NotImplementedError, as the
  untouched stub does): every test of the chapter is skipped with that reason and the summary
  gives the chapter one line. Untouched chapters are not 30 failures; the run still exits 1
  (pytest's "tests failed"), because those points are not earned;
- "does not import" (a syntax error, a missing file): the first test fails with the error, the
  others of the chapter are skipped, pointing to it;
- a chapter that needs an optional package that is not installed (ch08_keras without TensorFlow)
  is skipped with the install command and does not fail the run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import course
from .results import Results, split_name
from .selfcheck import NOT_STARTED, PUBLIC_ONLY, ChapterRun, run_chapter
from .source import SubmissionError, read_chunks
from .student import LocalTransport, Student
from .suites import load_checks

_reported: dict[str, tuple[ChapterRun, list[str]]] = {}  # chapter -> (its run, the checks whose tests ran)


def public_check_names(chapter: str) -> list[str]:
    """The test ids of a chapter: its public check names."""
    return [c.name for c in load_checks(chapter, hidden=False)]


@functools.cache
def _pytest_run(chapter: str, exercises_dir: Path) -> ChapterRun:
    """The chapter's run on `exercises_dir/<chapter>.py`, once per pytest session."""
    needs = course.needs_text(chapter)
    if needs:
        return ChapterRun(chapter, skipped=needs)
    path = exercises_dir / f"{chapter}.py"
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

    chapter = split_name(name)[0]
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
        ran = Results([r for r in run.results if r.name in set(names)])
        score, total = score + ran.score, total + ran.max_score
        selected = f" ({len(ran)} of {len(run.results)} selected)" if len(ran) < len(run.results) else ""
        if run.not_started:
            status = f"not started ({NOT_STARTED})"
        elif run.broken:
            status = "cannot be used: " + run.broken.splitlines()[0]
        elif ran.passed == len(ran):
            status = f"all {len(ran)} checks pass{selected}"
        else:
            wrong = sorted({r.target for r in ran.failed() if not r.not_started})
            todo = sorted({r.target for r in ran.failed() if r.not_started})
            status = f"{ran.passed} of {len(ran)} checks pass{selected}"
            status += f"; wrong: {', '.join(wrong)}" if wrong else ""
            status += f"; not implemented yet: {', '.join(todo)}" if todo else ""
        rows.append((chapter, f"{ran.score:g} / {ran.max_score:g} points", status))
    rows.append(("total", f"{score:g} / {total:g} points", PUBLIC_ONLY))
    width = max(len(r[0]) for r in rows)
    points = max(len(r[1]) for r in rows)
    lines = [f"{name:<{width}}  {pts:>{points}}   {status}".rstrip() for name, pts, status in rows]
    return lines + ([f"(not counted: {', '.join(skipped)})"] if skipped else [])


def pytest_configure(config) -> None:
    """Register one marker per chapter: `pytest -m ch04_backprop` runs that chapter's self-check."""
    for chapter in course.chapter_names():
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
