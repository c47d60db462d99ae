"""Grade a class: find_students -> grade each (in parallel, or on a Dask cluster) -> write results.

`SUBMISSIONS_DIR` holds one directory per student, named by the student, with chapter modules
or notebooks in it (`ch02_forward.py`, `ch02_forward.ipynb`, or nbgrader's
`ch02_forward/ch02_forward.ipynb`, as in nbgrader's `submitted/<student>/` folders). For each student the batch writes `OUT/students/<student>.json` (Gradescope results), then the
class `OUT/grades.csv`, `OUT/summary.txt` and `OUT/histograms.png` (when matplotlib is installed).

A student whose JSON already exists is skipped unless `force`, so an interrupted batch resumes
where it stopped; each JSON is written whole (to a temporary name, then renamed). One failing
grading never stops the others: it is listed in the summary and retried by the next run.

A student's name is the name of a folder the student may have chosen: in grades.csv it goes through
`safe_text.csv_cell` (never a formula: `=HYPERLINK(...)` is written `'=HYPERLINK(...)`), and in the
progress lines and summary.txt through `safe_text.terminal_line` (no escape sequences or control
characters, one line), as does the reason a grading failed.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .engine.results import Results
from .engine.safe_text import csv_cell, terminal_line
from .grade import grade, select_chapters
from .sandbox import Limits


@dataclass
class BatchResult:
    graded: dict[str, dict]  # student -> Gradescope JSON
    failed: dict[str, str]  # student -> why grading could not finish
    skipped: list[str]
    refused: dict[str, str] = field(default_factory=dict)  # entry of the class folder -> why it is not a student


def find_students(root: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Every visible folder of `root` is one student's submission, named by the folder.

    Returns the students and the entries refused, with the reason: symbolic links (never followed,
    wherever they point) and plain files.
    """
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a directory of submissions")
    students, refused = {}, {}
    for path in sorted(root.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            refused[path.name] = "a symbolic link, not a folder: not followed, not graded"
        elif not path.is_dir():
            refused[path.name] = "a file, not a student's folder: skipped"
        else:
            students[path.name] = path
    return students, refused


def grade_one(submission: str, chapters: list[str], limits: Limits) -> dict:
    """Grade one student; returns plain JSON data (runs in a pool process or on a Dask worker)."""
    return grade(Path(submission), chapters, limits).to_gradescope()


def run_batch(root: Path, out: Path, jobs: int = 2, force: bool = False, chapters: list[str] | None = None,
              scheduler: str | None = None, limits: Limits = Limits(), progress=sys.stderr) -> BatchResult:
    """Grade every student under `root` into `out`; see the module docstring."""
    wanted = select_chapters(chapters)
    students, refused = find_students(root)
    done_dir = out / "students"
    done_dir.mkdir(parents=True, exist_ok=True)
    todo = {s: p for s, p in students.items() if force or not (done_dir / f"{s}.json").exists()}
    result = BatchResult({}, {}, sorted(set(students) - set(todo)), refused)
    bar = _Progress(len(todo), progress)
    for student, outcome in _grade_all(todo, wanted, limits, jobs, scheduler):
        if isinstance(outcome, dict):
            _write_atomically(done_dir / f"{student}.json", json.dumps(outcome, indent=2))
            bar.step(f"{terminal_line(student)} {outcome['score']:g}/{outcome['max_score']:g}")
        else:
            result.failed[student] = outcome
            bar.step(f"{terminal_line(student)} FAILED")
    for student in students:
        path = done_dir / f"{student}.json"
        if path.exists():
            result.graded[student] = json.loads(path.read_text())
    write_class_files(out, result, wanted)
    return result


def _grade_all(todo: dict[str, Path], chapters: list[str], limits: Limits, jobs: int, scheduler: str | None):
    """Yield (student, JSON dict or failure text) as gradings finish."""
    if scheduler:
        from distributed import Client, as_completed as dask_completed

        with Client(scheduler) as client:
            futures = {client.submit(grade_one, str(p), chapters, limits, pure=False): s for s, p in todo.items()}
            for future in dask_completed(futures):
                yield futures[future], _outcome(future.result)
        return
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_one, str(p), chapters, limits): s for s, p in todo.items()}
        for future in as_completed(futures):
            yield futures[future], _outcome(future.result)


def _outcome(get_result):
    try:
        return get_result()
    except Exception as exc:  # a grading that could not finish: recorded, the batch goes on
        return f"{type(exc).__name__}: {exc}"


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(text)
    os.replace(partial, path)


def chapter_scores(report: dict, chapters: list[str]) -> dict[str, float]:
    """Each chapter's points in a student's Gradescope report (0 for a chapter it does not have)."""
    by_chapter = Results.from_gradescope(report).by_chapter()
    return {c: by_chapter[c].score if c in by_chapter else 0.0 for c in chapters}


def write_class_files(out: Path, result: BatchResult, chapters: list[str]) -> None:
    """grades.csv (one row per student), summary.txt and histograms.png."""
    with open(out / "grades.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *chapters, "score", "max_score"])
        for student, report in sorted(result.graded.items()):
            scores = chapter_scores(report, chapters)
            writer.writerow([csv_cell(student), *(f"{scores[c]:g}" for c in chapters), f"{report['score']:g}", f"{report['max_score']:g}"])
    lines = [f"{len(result.graded)} students graded, {len(result.failed)} failed, {len(result.skipped)} already graded"]
    for chapter in chapters:
        values = [chapter_scores(r, [chapter])[chapter] for r in result.graded.values()]
        if values:
            lines.append(f"{chapter}: mean {statistics.mean(values):.1f}, median {statistics.median(values):g}, "
                         f"min {min(values):g}, max {max(values):g}")
    lines += [f"FAILED {terminal_line(s)}: {terminal_line(why)}" for s, why in sorted(result.failed.items())]
    lines += [f"REFUSED {terminal_line(s)}: {why}" for s, why in sorted(result.refused.items())]
    lines.append(_plot_histograms(out / "histograms.png", result, chapters))
    (out / "summary.txt").write_text("\n".join(line for line in lines if line) + "\n")


def _plot_histograms(path: Path, result: BatchResult, chapters: list[str]) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "histograms.png not drawn: matplotlib is not installed (pip install -e '.[instructor]')"
    if not result.graded:
        return ""
    columns = min(4, len(chapters))
    rows = -(-len(chapters) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.6 * rows), squeeze=False)
    for ax, chapter in zip(axes.flat, chapters):
        values = [chapter_scores(r, [chapter])[chapter] for r in result.graded.values()]
        ax.hist(values, bins=10)
        ax.set_title(chapter, fontsize=9)
        ax.set_xlabel("points")
    for ax in list(axes.flat)[len(chapters):]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return ""


class _Progress:
    """A one-line text progress bar on a stream (redrawn in place on a terminal)."""

    def __init__(self, total: int, stream):
        self.total, self.done, self.stream = total, 0, stream

    def step(self, label: str) -> None:
        self.done += 1
        if self.stream is None:
            return
        filled = int(30 * self.done / max(self.total, 1))
        end = "\r" if self.stream.isatty() and self.done < self.total else "\n"
        self.stream.write(f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {label}\033[K{end}"
                          if self.stream.isatty() else f"[{self.done}/{self.total}] {label}{end}")
        self.stream.flush()
