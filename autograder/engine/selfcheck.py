"""The student's self-check: run a chapter's public checks on the local exercise file with pytest.

The generated `exercises/tests/test_<chapter>.py` calls `run_public_check` once per public check.
Student code runs in this process (it is the student's own), through the same wire format as in
grading, and the expected values are the ones recorded from the reference at build time.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from .checks import ReplayReference, run_check
from .source import SubmissionError, read_chunks
from .student import LocalTransport, Student
from .suites import expected_path, load_checks


def public_check_names(chapter: str) -> list[str]:
    return [c.name for c in load_checks(chapter, hidden=False)]


@functools.cache
def _session(chapter: str, exercises_dir: Path):
    """Load the student's module and the recorded values once per chapter and pytest run."""
    reference = ReplayReference(expected_path(chapter).read_text(encoding="utf-8"))
    path = exercises_dir / f"{chapter}.py"
    try:
        student = Student(LocalTransport(), chapter, read_chunks(path), path.name)
    except SubmissionError as exc:
        return None, reference, str(exc)
    return student, reference, student.import_failure()


def run_public_check(name: str, test_file: str) -> None:
    """Run public check `name` on the exercise file next to `test_file`'s folder; fail with its message."""
    chapter = name.split("::")[0]
    student, reference, broken = _session(chapter, Path(test_file).resolve().parent.parent)
    check = next(c for c in load_checks(chapter, hidden=False) if c.name == name)
    result = run_check(check, student, reference, unavailable=broken)
    if not result.passed:
        pytest.fail(f"{result.name}\n{result.output}", pytrace=False)
