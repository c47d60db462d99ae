"""The self-check in a notebook: the same public checks and messages as pytest, on what the
notebook's own cells have defined (its `globals()`)."""

from __future__ import annotations

from . import course
from .selfcheck import NOT_STARTED, PUBLIC_ONLY, ChapterRun, run_chapter
from .student import LocalTransport, Student


def notebook_run(chapter: str, namespace: dict, target: str | None = None) -> ChapterRun:
    """Run `chapter`'s public checks (of `target` only, if given) on what `namespace` defines."""
    needs = course.needs_text(chapter)
    if needs:
        return ChapterRun(chapter, skipped=needs)
    student = Student(LocalTransport(namespace), chapter, [], "this notebook")
    return run_chapter(chapter, student, target=target)


def format_run(run: ChapterRun) -> str:
    """A notebook's report: the chapter's points, then every check with the message of each failure."""
    if run.skipped:
        return run.skipped
    head = f"{run.chapter}: {run.results.score:g} / {run.results.max_score:g} points"
    if run.not_started:
        return f"{head}: not started ({NOT_STARTED}). Fill in a `# YOUR CODE HERE`, run its cell, then this one."
    if run.broken:
        return f"{head}: the checks cannot run.\n{run.broken}"
    lines = [f"{head} ({run.results.passed} of {len(run.results)} public checks pass)"]
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
    failed = [r.name for r in run.results.failed()]
    if failed:
        raise AssertionError(f"{len(failed)} public check(s) of {target} fail: {', '.join(failed)}")
