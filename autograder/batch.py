"""Grade a class: find_students -> grade each (in parallel, or on a Dask cluster) -> write results.

`SUBMISSIONS_DIR` holds one directory per student, named by the student, with chapter modules
or notebooks in it (`ch02_forward.py`, `ch02_forward.ipynb`, or nbgrader's
`ch02_forward/ch02_forward.ipynb`, as in nbgrader's `submitted/<student>/` folders). For each student the batch writes `OUT/students/<student>.json` (Gradescope results)
and `OUT/students/<student>.source.json` (the SHA-256 of the submission's files and the chapters
graded), then the class `OUT/grades.csv`, `OUT/summary.txt`, `OUT/histograms.png` and
`OUT/check_failures.png` (when matplotlib is installed).

A rerun grades again exactly the students whose submission changed (another hash) or who were
graded on other chapters; the others are "unchanged" and keep their results, unless `force`. So an
interrupted batch resumes where it stopped. Each file is written whole (to a temporary name, then
renamed), the hash after the report. One failing grading never stops the others: it is listed in
the summary with its reason, left out of grades.csv and retried by the next run.

A student's name is the name of a folder the student may have chosen: in grades.csv it goes through
`safe_text.csv_cell` (never a formula: `=HYPERLINK(...)` is written `'=HYPERLINK(...)`), and in the
progress lines and summary.txt through `safe_text.terminal_line` (no escape sequences or control
characters, one line), as does the reason a grading failed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .engine.checks import run_check
from .engine.results import Results
from .engine.safe_text import csv_cell, terminal_line
from .engine.suites import load_checks
from .grade import UsageError, grade, select_chapters
from .progress import Progress
from .sandbox import Limits

SCHEDULER_TIMEOUT = 10  # seconds to reach a Dask scheduler before giving up with one line


@dataclass
class BatchResult:
    graded: dict[str, dict]  # student -> Gradescope JSON (graded now or unchanged since an earlier run)
    failed: dict[str, str]  # student -> why grading could not finish (not in `graded`)
    skipped: list[str]  # unchanged since the last run: results kept, not graded again
    refused: dict[str, str] = field(default_factory=dict)  # entry of the class folder -> why it is not a student

    @property
    def fresh(self) -> list[str]:
        """The students graded in this run."""
        return sorted(set(self.graded) - set(self.skipped))


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


def submission_hash(folder: Path) -> str:
    """SHA-256 over every file under `folder` (relative path and bytes; a symbolic link by its target
    text, never followed), in a fixed order: any change to the submission changes it."""
    digest = hashlib.sha256()
    for base, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(base, d))]):
            path = os.path.join(base, name)
            digest.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape") + b"\0")
            if os.path.islink(path):
                digest.update(b"link\0" + os.readlink(path).encode("utf-8", "surrogateescape"))
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
            digest.update(b"\0")
    return digest.hexdigest()


def run_batch(root: Path, out: Path, jobs: int = 2, force: bool = False, chapters: list[str] | None = None,
              scheduler: str | None = None, limits: Limits = Limits(), progress=sys.stderr) -> BatchResult:
    """Grade every student under `root` into `out`; see the module docstring."""
    wanted = select_chapters(chapters)
    students, refused = find_students(root)
    done_dir = out / "students"
    done_dir.mkdir(parents=True, exist_ok=True)
    sources = {s: {"sha256": submission_hash(p), "chapters": wanted} for s, p in students.items()}
    todo = {s: p for s, p in students.items() if force or _recorded(done_dir, s) != sources[s]}
    result = BatchResult({}, {}, sorted(set(students) - set(todo)), refused)
    with Progress(len(todo), progress, "grading") as bar:
        for student, outcome in _grade_all(todo, wanted, limits, jobs, scheduler):
            if isinstance(outcome, dict):
                _write_atomically(done_dir / f"{student}.json", json.dumps(outcome, indent=2))
                _write_atomically(done_dir / f"{student}.source.json", json.dumps(sources[student]))
                bar.step(f"{terminal_line(student)} {outcome['score']:g}/{outcome['max_score']:g}")
            else:
                result.failed[student] = outcome
                (done_dir / f"{student}.source.json").unlink(missing_ok=True)  # retried next run
                bar.step(f"{terminal_line(student)} FAILED")
    for student in students:
        path = done_dir / f"{student}.json"
        if path.exists() and student not in result.failed:
            result.graded[student] = json.loads(path.read_text())
    write_class_files(out, result, wanted)
    return result


def _recorded(done_dir: Path, student: str) -> dict | None:
    """What a student's results were graded from (None: no complete results)."""
    try:
        if not (done_dir / f"{student}.json").is_file():
            return None
        return json.loads((done_dir / f"{student}.source.json").read_text())
    except (OSError, ValueError):
        return None


def _grade_all(todo: dict[str, Path], chapters: list[str], limits: Limits, jobs: int, scheduler: str | None):
    """Yield (student, JSON dict or failure text) as gradings finish."""
    if not todo:
        return
    if scheduler:
        try:
            from distributed import Client, as_completed as dask_completed
        except ImportError:
            raise UsageError("--scheduler needs Dask distributed: pip install -e '.[cluster]'") from None
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            reason = terminal_line(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler} within {SCHEDULER_TIMEOUT} s "
                             f"({reason})") from None
        with client:
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


def points_possible(chapter: str) -> float:
    """The points of every check of `chapter` (public and hidden), whatever any student scored."""
    return Results([run_check(c, None, None) for c in load_checks(chapter, hidden=True)]).max_score


def check_failure_rates(result: BatchResult) -> list[tuple[str, float]]:
    """Each check with the share of graded students who did not get its full points, most failed first."""
    failed: dict[str, int] = {}
    for report in result.graded.values():
        for test in report.get("tests", []):
            failed.setdefault(test["name"], 0)
            failed[test["name"]] += test["score"] < test["max_score"]
    total = max(len(result.graded), 1)
    return sorted(((name, count / total) for name, count in failed.items()), key=lambda item: (-item[1], item[0]))


def write_class_files(out: Path, result: BatchResult, chapters: list[str]) -> None:
    """grades.csv (one row per student), summary.txt, histograms.png and check_failures.png."""
    with open(out / "grades.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *chapters, "score", "max_score"])
        for student, report in sorted(result.graded.items()):
            scores = chapter_scores(report, chapters)
            writer.writerow([csv_cell(student), *(f"{scores[c]:g}" for c in chapters), f"{report['score']:g}", f"{report['max_score']:g}"])
    possible = {c: points_possible(c) for c in chapters}
    total_possible = sum(possible.values())
    lines = [f"{len(result.fresh)} graded in this run, {len(result.skipped)} unchanged since the last run "
             f"(results kept), {len(result.failed)} failed"
             + (f", {len(result.refused)} refused" if result.refused else ""),
             f"points possible: {total_possible:g} in all; per chapter: "
             + ", ".join(f"{c} {possible[c]:g}" for c in chapters)]
    totals = [r["score"] for r in result.graded.values()]
    if totals:
        lines.append(f"{len(totals)} students with results. Total: mean {statistics.mean(totals):.1f}, "
                     f"median {statistics.median(totals):g}, lowest {min(totals):g}, highest {max(totals):g} "
                     f"(of {total_possible:g} points possible)")
    for chapter in chapters:
        values = [chapter_scores(r, [chapter])[chapter] for r in result.graded.values()]
        if values:
            lines.append(f"{chapter}: mean {statistics.mean(values):.1f}, median {statistics.median(values):g}, "
                         f"lowest {min(values):g}, highest {max(values):g} (of {possible[chapter]:g} points possible)")
    rates = [(name, rate) for name, rate in check_failure_rates(result) if rate > 0][:5]
    if rates:
        lines.append("checks most students fail: " + ", ".join(f"{terminal_line(n)} ({rate:.0%})" for n, rate in rates))
    if result.failed:
        lines.append("Grading failed for these students (not in grades.csv; retried on the next run):")
    lines += [f"FAILED {terminal_line(s)}: {terminal_line(why)}" for s, why in sorted(result.failed.items())]
    lines += [f"REFUSED {terminal_line(s)}: {why}" for s, why in sorted(result.refused.items())]
    lines.append(_plot(out, result, chapters, possible))
    (out / "summary.txt").write_text("\n".join(line for line in lines if line) + "\n")


def _plot(out: Path, result: BatchResult, chapters: list[str], possible: dict[str, float]) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        return "histograms.png not drawn: matplotlib is not installed (pip install -e '.[instructor]')"
    if not result.graded:
        return ""
    panels = [("total", sum(possible.values()), [r["score"] for r in result.graded.values()])]
    panels += [(c, possible[c], [chapter_scores(r, [c])[c] for r in result.graded.values()]) for c in chapters]
    columns = min(4, len(panels))
    rows = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.4 * columns, 2.8 * rows), squeeze=False)
    for ax, (name, top, values) in zip(axes.flat, panels):
        edges = histogram_edges(top)
        ax.hist(values, bins=edges, edgecolor="white", linewidth=0.8)
        ax.set_xlim(edges[0], edges[-1])
        ax.set_title(f"{name}\n{len(values)} students, mean {statistics.mean(values):.1f} / {top:g}", fontsize=9)
        ax.set_xlabel("points")
        ax.set_ylabel("students")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.savefig(out / "histograms.png", dpi=80)
    plt.close(fig)

    rates = check_failure_rates(result)[:25]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(rates) + 1.2))
    names = [terminal_line(n) for n, _ in rates][::-1]
    ax.barh(names, [100 * r for _, r in rates][::-1])
    ax.set_xlim(0, 100)
    ax.set_xlabel("students who did not get the check's full points (%)")
    ax.set_title(f"The {len(rates)} checks most students fail ({len(result.graded)} students)", fontsize=10)
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(out / "check_failures.png", dpi=80)
    plt.close(fig)
    return ""


def histogram_edges(top: float, most: int = 20) -> list[float]:
    """Bin edges from 0 to `top` points: one bin per point when there are at most `most` points (each
    whole score in its own bin, centred on it), else `most` equal bins."""
    if top <= most and float(top).is_integer():
        return [i - 0.5 for i in range(int(top) + 2)]
    return [top * i / most for i in range(most + 1)]
