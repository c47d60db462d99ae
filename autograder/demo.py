"""The demo course, end to end with the real nbgrader: release, submit, autograde, feedback, export.

In a temporary course directory: `course init`, `nbgrader generate_assignment` for every chapter,
three students who hand in notebooks made from the released ones (`ada` fills in the reference
solutions, `ben` hands in the untouched release, `cy` the reference plus one known bug from the
variant catalogue per chapter, and stubs in every third chapter), then `nbgrader autograde`
(scored by the sandboxed grader, see `nbgrader_plugin`), `generate_feedback` and `export`, and
the grade table read back from the exported `grades.csv`. Chapters that need TensorFlow are left
out when it is not installed.
"""

from __future__ import annotations

import copy
import csv
import json
import runpy
import sys
import tempfile
from pathlib import Path

from .build import build_all
from .nbgrader_course import init_course, nbgrader
from .engine import course
from .engine.course import ROOT, chapter_names
from .progress import Progress

STUDENTS = ("ada", "ben", "cy")


def demo_chapters() -> list[str]:
    """The chapters whose packages are installed (ch08 needs TensorFlow)."""
    return [c for c in chapter_names() if not course.chapter(c).missing_packages()]


def submission(released: dict, source: dict, student: str, index: int, chapter: str) -> dict:
    """The notebook `student` hands in for `chapter`, made from the released one."""
    notebook = copy.deepcopy(released)
    if student == "ben" or (student == "cy" and index % 3 == 2):
        return notebook
    solutions = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in source["cells"]}
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            cell["source"] = solutions[cell["metadata"]["nbgrader"]["grade_id"]]
    bugs = sorted((ROOT / "tests" / chapter / "variants").glob("wrong_*.py"))
    if student == "cy" and bugs:
        notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "my-changes", "metadata": {},
                                  "outputs": [], "source": bugs[0].read_text()})
    return notebook


def run_course(course: Path, names: list[str], log=print) -> list[dict]:
    """Release, submit, autograde, give feedback and export in `course`; return grades.csv's rows.
    `log(label)` is called after each chapter."""
    init_course(course, chapters=names)
    for index, chapter in enumerate(names):
        nbgrader(course, "generate_assignment", chapter, "--force")
        released = json.loads((course / "release" / chapter / f"{chapter}.ipynb").read_text())
        source = json.loads((course / "source" / chapter / f"{chapter}.ipynb").read_text())
        for student in STUDENTS:
            folder = course / "submitted" / student / chapter
            folder.mkdir(parents=True, exist_ok=True)
            notebook = submission(released, source, student, index, chapter)
            (folder / f"{chapter}.ipynb").write_text(json.dumps(notebook, indent=1))
        nbgrader(course, "autograde", chapter, "--create", "--force")
        nbgrader(course, "generate_feedback", chapter, "--force")
        log(f"{chapter}: released, {', '.join(STUDENTS)} handed in, autograded, feedback written")
    nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def grade_table(rows: list[dict], names: list[str]) -> str:
    """Students as rows, chapters as columns, points as 'score/max'."""
    cells = {(r["student_id"], r["assignment"]): f"{float(r['score']):g}/{float(r['max_score']):g}" for r in rows}
    width = max(len(n) for n in names)
    lines = ["Grade table (from nbgrader's grades.csv)",
             f"{'student':<8}" + "".join(f"  {n:>{width}}" for n in names) + f"  {'total':>9}"]
    for student in STUDENTS:
        mine = [r for r in rows if r["student_id"] == student]
        total = f"{sum(float(r['score']) for r in mine):g}/{sum(float(r['max_score']) for r in mine):g}"
        lines.append(f"{student:<8}" + "".join(f"  {cells.get((student, n), '-'):>{width}}" for n in names)
                     + f"  {total:>9}")
    return "\n".join(lines)


def run_demo(keep: Path | None = None) -> int:
    """The demo course in a temporary folder (or in `keep`, kept); prints the grade table."""
    stale = build_all(check_only=True)
    if stale:
        print("Generated files are out of date; run `python -m autograder build` first:")
        print("\n".join(f"  {p}" for p in stale))
        return 1
    names = demo_chapters()
    left_out = sorted(set(chapter_names()) - set(names))
    if left_out:
        print(f"Skipping {', '.join(left_out)}: TensorFlow is not installed; {course.TENSORFLOW_INSTALL} adds it.")
    print(f"Demo course: {len(names)} chapters, students {', '.join(STUDENTS)} (about two minutes)", flush=True)
    with tempfile.TemporaryDirectory(prefix="course-demo-") as tmp:
        folder = Path(keep).resolve() if keep else Path(tmp) / "course"
        with Progress(len(names), sys.stderr, "demo") as bar:
            rows = run_course(folder, names, log=bar.step)
        print("\n" + grade_table(rows, names))
        if keep:
            feedback = folder / "feedback" / "cy" / names[0] / f"{names[0]}.html"
            print(f"\nThe demo course is in {folder}: grades in {folder / 'grades.csv'}, feedback HTML such as "
                  f"{feedback} ({feedback.stat().st_size} bytes).")
        else:
            print("\nThe demo course was deleted; `python -m autograder demo --keep DIR` keeps it "
                  "(feedback HTML, grades.csv).")
    return 0


def demo_train(out: Path) -> int:
    """Run chapter 6's demo as a script: the reference SimpleConvNet trained on the bundled digits
    (8x8, 20% held out), one line per epoch; its figures (learning curve, misclassified digits) are
    saved as PNG files in `out`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        out.mkdir(parents=True, exist_ok=True)  # before training: a folder that cannot be made fails at once
    except OSError as exc:
        print(f"error: --out {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    runpy.run_path(str(ROOT / "solutions" / "ch06_cnn.py"), run_name="__main__")
    for i, number in enumerate(plt.get_fignums(), start=1):
        plt.figure(number).savefig(out / f"ch06_cnn_demo_{i}.png", dpi=80)
        print(f"wrote {out / f'ch06_cnn_demo_{i}.png'}")
    plt.close("all")
    return 0
