"""Grade one submission: find_chapters -> read_chunks -> grade_chapter (sandboxed) -> Results.

The trusted process (this one) holds the reference solutions, the checks and the scores; the
student's code runs only in the sandboxed worker and answers with plain data.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from . import allowlist
from .engine import course
from .engine.checks import CachedReference, Check, Reference, run_check
from .engine.results import Result, Results
from .engine.safe_text import terminal_text
from .engine.source import SubmissionError, read_chunks
from .engine.student import Student, StudentError
from .engine.suites import load_checks
from .quiet import import_quietly
from .sandbox import Limits, SandboxTransport, isolation, sandbox_mode


class UsageError(Exception):
    """A grading request that cannot be carried out (bad path, unknown chapter)."""


def find_chapters(submission: Path, wanted: list[str]) -> dict[str, Path | None]:
    """Map each wanted chapter to its file in the submission (None when it is missing).

    A submission is a directory or one file; a chapter is `chNN_name.py`, `chNN_name.ipynb`, or
    `chNN_name/chNN_name.ipynb` (nbgrader's layout). A .py file wins over a notebook. A symbolic
    link inside the submission is returned as itself (a linked folder too), so that reading it
    fails with a message instead of following it.
    """
    if not submission.exists():
        raise UsageError(f"{submission} does not exist")
    if submission.is_file() and (submission.suffix not in (".py", ".ipynb")
                                 or submission.stem not in course.chapter_names()):
        raise UsageError(f"{submission} is not a chapter file (chNN_name.py or chNN_name.ipynb) or a folder of them")
    found: dict[str, Path | None] = {}
    for chapter in wanted:
        if submission.is_file():
            candidates = [submission] if submission.stem == chapter else []
        else:
            nested = submission / chapter
            candidates = [submission / f"{chapter}.py", submission / f"{chapter}.ipynb",
                          nested if nested.is_symlink() else nested / f"{chapter}.ipynb"]
        found[chapter] = next((p for p in candidates if p.is_symlink() or p.is_file()), None)
    return found


def select_chapters(names: list[str] | None) -> list[str]:
    known = course.chapter_names()
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise UsageError(f"unknown chapter(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return list(names) if names else known


def grade(submission: Path, chapter_names: list[str] | None = None, limits: Limits = Limits(),
          strict: bool = False) -> Results:
    """Grade `submission` on the chosen chapters (all by default; a single file: its own chapter).

    A single file that cannot be read as a submission (a notebook that is not JSON) is a UsageError:
    nothing is graded. In a folder, such a file scores its chapter 0 with the reason.
    """
    submission = Path(submission)
    if chapter_names is None and submission.is_file() and not submission.is_symlink():
        chapter_names = [submission.stem] if submission.stem in course.chapter_names() else None
    files = find_chapters(submission, select_chapters(chapter_names))
    if submission.is_file() and not submission.is_symlink():
        try:
            read_chunks(submission)
        except SubmissionError as exc:
            raise UsageError(f"{submission} is not a submission: {exc}") from None
    results = Results()
    deadline = time.monotonic() + limits.submission_seconds
    for chapter, path in files.items():
        results.items += grade_file(chapter, path, limits, strict, deadline)
    missing = isolation()
    if missing:
        results.notes.append("Sandbox: " + missing)
    return results


def grade_file(chapter: str, path: Path | None, limits: Limits = Limits(), strict: bool = False,
               deadline: float | None = None) -> list[Result]:
    """Grade the chapter file at `path` (None: missing from the submission); `deadline`
    (time.monotonic()) is the submission's, if the chapter is one of several."""
    if path is None:
        return fail_all(chapter, f"{chapter}.py (or .ipynb) is missing from the submission.")
    try:
        chunks = read_chunks(path)
    except SubmissionError as exc:
        return fail_all(chapter, str(exc))
    return grade_chapter(chapter, chunks, path.name, limits, strict, deadline)


def grade_chapter(chapter: str, chunks: list[str], filename: str, limits: Limits = Limits(),
                  strict: bool = False, deadline: float | None = None) -> list[Result]:
    """Run all checks of one chapter on its source chunks (one per notebook cell, or one .py file)
    in one sandboxed worker; `filename` names the code in messages. Calls stop at the chapter's
    time budget (or the submission's `deadline`, if sooner); the checks left then fail."""
    facts = course.chapter(chapter)
    missing = facts.missing_packages()
    if missing:
        packages = ", ".join(course.PACKAGE_NAMES.get(p, p) for p in missing)
        return fail_all(chapter, f"{chapter} cannot be graded: {packages} is not installed on the grading machine.")
    if facts.call_seconds:
        limits = replace(limits, call_seconds=max(limits.call_seconds, facts.call_seconds))
    checks = load_checks(chapter, hidden=True)
    start = time.monotonic()
    reason = f"the time budget of {limits.chapter_seconds:g} s for {chapter} was used up, so this check did not run"
    if deadline is not None and deadline < start + limits.chapter_seconds:
        reason = f"the time budget of {limits.submission_seconds:g} s for the submission was used up, so this check did not run"
    transport = SandboxTransport(limits, hide=course.SECRET_PATHS, packages=("numpy", *facts.needs),
                                 deadline=min(start + limits.chapter_seconds, deadline or float("inf")),
                                 deadline_reason=reason)
    reference = None
    try:
        student = Student(transport, chapter, chunks, filename)
        reference = expected_values(chapter)  # after the load: the worker imports its libraries meanwhile
        broken = student.import_failure()
        return [run_check(c, student, reference, strict, unavailable=broken) for c in checks]
    except StudentError as error:
        return _fail(checks, error.describe())
    finally:
        transport.close()
        if isinstance(reference, CachedReference):
            reference.save()


VERIFY_EXPECTED_CACHE = False  # tests/variants.py: recompute every cached value and compare (CachedReference)


def expected_values(chapter: str) -> Reference:
    """Where a chapter's expected values come from: a cache computed once from the reference
    module (`CachedReference`), so that a grade computes no numerical gradient and imports no
    TensorFlow on the grader's side. Without a sandbox that hides the cache from the worker (mode
    "none"), a submission could rewrite it for the students after it, so the values are computed
    live from the reference module then."""
    load = functools.partial(import_quietly, f"solutions.{chapter}")
    if sandbox_mode() == "none":
        return Reference(load())
    return CachedReference(load, course.EXPECTED_CACHE / f"{chapter}.json", expected_values_key(chapter),
                           verify=VERIFY_EXPECTED_CACHE)


@functools.cache
def expected_values_key(chapter: str) -> str:
    """A digest of what a chapter's expected values are computed from (`cache_key_sources`), the
    library versions and Python's."""
    digest = hashlib.sha256()
    for path in cache_key_sources(chapter):
        digest.update(path.read_bytes())
    for package in ("numpy", "keras", *course.chapter(chapter).needs):
        digest.update(f"{package} {_version(package)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def cache_key_sources(chapter: str) -> list[Path]:
    """The files a chapter's cached expected values are computed from: its reference, the suites
    (a chapter's may import another's), and the engine modules they compute with (numerical
    gradients in gradcheck, inputs, ...)."""
    engine = Path(__file__).resolve().parent / "engine"
    return ([course.ROOT / "solutions" / f"{chapter}.py"] + sorted(course.SUITES_DIR.rglob("*.py"))
            + sorted(engine.glob("*.py")))


def _version(package: str) -> str:
    for name in allowlist.DISTRIBUTIONS.get(package, (package,)):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "absent"


def fail_all(chapter: str, reason: str) -> list[Result]:
    """Every check of `chapter` failed, without running, for one reason."""
    return _fail(load_checks(chapter, hidden=True), reason)


def _fail(checks: list[Check], reason: str) -> list[Result]:
    return [run_check(c, None, None, unavailable=reason) for c in checks]


def format_table(results: Results) -> str:
    """A readable console report: points per chapter, then each failed check with its reason.

    A chapter whose checks all failed for one reason (missing, does not import) gets one line.
    Messages may quote student text and may come back from a JSON file: each is printed through
    `terminal_text` (no escape sequences, no control characters).
    """
    chapters = results.by_chapter()
    width = max([len(c) for c in chapters] + [7])
    lines = [f"{'chapter':<{width}}  {'points':>13}  checks passed"]
    for chapter, mine in chapters.items():
        lines.append(f"{chapter:<{width}}  {mine.score:>6g} / {mine.max_score:<4g}  {mine.passed}/{len(mine)}")
    lines.append(f"{'total':<{width}}  {results.score:>6g} / {results.max_score:<4g}")
    failures = []
    for chapter, mine in chapters.items():
        failed = mine.failed()
        if len(failed) > 1 and len(failed) == len(mine) and len({r.output for r in failed}) == 1:
            failures.append(f"- {chapter} (all {len(failed)} checks)")
            failures += ["    " + line for line in terminal_text(failed[0].output).splitlines()]
            continue
        for r in failed:
            failures.append(f"- {r.name}  0/{r.max_score:g}")
            failures += ["    " + line for line in terminal_text(r.output).splitlines()]
    if failures:
        lines += ["", "Failed checks:"] + failures
    return "\n".join(lines + ([""] + results.notes if results.notes else []))


def to_json_text(results: Results) -> str:
    return json.dumps(results.to_gradescope(), indent=2)
