"""The student's self-check: a chapter's public checks on the student's own code.

Student code runs in this process (it is the student's own) through the same wire format as in
grading, and the expected values are the ones recorded from the reference at build time
(`autograder/suites/public/expected/`). Hidden checks are not here. Two front ends use this core:
`pytest_plugin` (the generated `exercises/tests/`) and `notebook` (a notebook's own cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import ReplayReference, run_check
from .results import Result, Results
from .student import Student
from .suites import expected_path, load_checks

NOT_STARTED = "every function still raises NotImplementedError"
PUBLIC_ONLY = "public checks only: the grade adds hidden checks, so passing these is necessary, not sufficient"


@dataclass
class ChapterRun:
    """A chapter's public checks run once on the student's code, and why not when they could not run."""

    chapter: str
    results: Results = field(default_factory=Results)
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
    checks = [c for c in load_checks(chapter, hidden=False) if target in (None, c.target)]
    reference = ReplayReference(expected_path(chapter).read_text(encoding="utf-8"))
    if student is not None and not broken:
        broken = student.import_failure()
    results = Results([run_check(c, student, reference, unavailable=broken) for c in checks])
    return ChapterRun(chapter, results, broken=broken)
