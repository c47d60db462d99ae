"""Grade one submission: find_chapters -> read source -> run checks (sandboxed) -> score -> report.

The trusted process (this one) holds the reference solutions, the checks and the scores; the
student's code runs only in the sandboxed worker and answers with plain data.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .engine.checks import Reference, Result, run_check
from .engine.source import SubmissionError, read_chunks
from .engine.student import Student, StudentError
from .engine.suites import SUITES_DIR, call_seconds, chapters, load_checks
from .sandbox import Limits, SandboxTransport

REPO_ROOT = Path(__file__).resolve().parent.parent
SECRET_DIRS = tuple(REPO_ROOT / d for d in ("solutions", "tests", ".git")) + (SUITES_DIR / "hidden",)


class UsageError(Exception):
    """A grading request that cannot be carried out (bad path, unknown chapter)."""


@dataclass
class Report:
    results: list[Result]
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(r.score for r in self.results)

    @property
    def max_score(self) -> float:
        return sum(r.max_score for r in self.results)

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "max_score": self.max_score,
            "output": "\n".join(self.notes),
            "tests": [r.to_json() for r in self.results],
        }


def find_chapters(submission: Path, wanted: list[str]) -> dict[str, Path | None]:
    """Map each wanted chapter to its file in the submission (None when it is missing).

    A submission is a directory or one file; a chapter is `chNN_name.py`, `chNN_name.ipynb`, or
    `chNN_name/chNN_name.ipynb` (nbgrader's layout). A .py file wins over a notebook.
    """
    if not submission.exists():
        raise UsageError(f"{submission} does not exist")
    found: dict[str, Path | None] = {}
    for chapter in wanted:
        if submission.is_file():
            candidates = [submission] if submission.stem == chapter else []
        else:
            candidates = [submission / f"{chapter}.py", submission / f"{chapter}.ipynb",
                          submission / chapter / f"{chapter}.ipynb"]  # fmt: skip
        found[chapter] = next((p for p in candidates if p.is_file() and p.suffix in (".py", ".ipynb")), None)
    return found


def select_chapters(names: list[str] | None) -> list[str]:
    known = chapters()
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise UsageError(f"unknown chapter(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return list(names) if names else known


def grade(submission: Path, chapter_names: list[str] | None = None, limits: Limits = Limits(),
          strict: bool = False) -> Report:  # fmt: skip
    """Grade `submission` on the chosen chapters (all by default)."""
    wanted = select_chapters(chapter_names)
    files = find_chapters(Path(submission), wanted)
    report = Report([])
    for chapter, path in files.items():
        report.results += grade_chapter(chapter, path, limits, report.notes, strict)
    return report


def grade_chapter(chapter: str, path: Path | None, limits: Limits, notes: list[str],
                  strict: bool = False) -> list[Result]:  # fmt: skip
    """Run all checks of one chapter against the file at `path` in one sandboxed worker."""
    checks = load_checks(chapter, hidden=True)

    def fail_all(reason: str) -> list[Result]:
        return [run_check(c, None, None, unavailable=reason) for c in checks]

    if path is None:
        return fail_all(f"{chapter}.py (or .ipynb) is missing from the submission.")
    try:
        chunks = read_chunks(path)
    except SubmissionError as exc:
        return fail_all(str(exc))
    seconds = call_seconds(chapter)
    if seconds:
        limits = replace(limits, call_seconds=max(limits.call_seconds, seconds))
    transport = SandboxTransport(limits, hide=SECRET_DIRS)
    if not transport.isolated and transport.isolation not in notes:
        notes.append("Sandbox: " + transport.isolation)
    try:
        student = Student(transport, chapter, chunks, path.name)
        reference = Reference(importlib.import_module(f"solutions.{chapter}"))  # after the load: TF is slow
        broken = student.import_failure()
        return [run_check(c, student, reference, strict, unavailable=broken) for c in checks]
    except StudentError as error:
        return fail_all(error.describe())
    finally:
        transport.close()


def format_table(report: Report) -> str:
    """A readable console report: points per chapter, then each failed check with its reason.

    A chapter whose checks all failed for one reason (missing, does not import) gets one line.
    """
    by_chapter: dict[str, list[Result]] = {}
    for r in report.results:
        by_chapter.setdefault(r.chapter, []).append(r)
    width = max([len(c) for c in by_chapter] + [7])
    lines = [f"{'chapter':<{width}}  {'points':>13}  checks passed"]
    for chapter, results in by_chapter.items():
        score, total = sum(r.score for r in results), sum(r.max_score for r in results)
        passed = sum(r.passed for r in results)
        lines.append(f"{chapter:<{width}}  {score:>6g} / {total:<4g}  {passed}/{len(results)}")
    lines.append(f"{'total':<{width}}  {report.score:>6g} / {report.max_score:<4g}")
    failures = []
    for chapter, results in by_chapter.items():
        failed = [r for r in results if not r.passed]
        if len(failed) > 1 and len(failed) == len(results) and len({r.output for r in failed}) == 1:
            failures.append(f"- {chapter} (all {len(failed)} checks)")
            failures += ["    " + line for line in failed[0].output.splitlines()]
            continue
        for r in failed:
            failures.append(f"- {r.name}  0/{r.max_score:g}")
            failures += ["    " + line for line in r.output.splitlines()]
    if failures:
        lines += ["", "Failed checks:"] + failures
    return "\n".join(lines + ([""] + report.notes if report.notes else []))


def to_json_text(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2)
