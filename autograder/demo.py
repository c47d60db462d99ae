"""The demo course: check the generated files, grade three sample students, print the grade table.

The students are made in a temporary directory: `ada` hands in the reference solutions, `ben`
the untouched stubs, and `cy` a partly buggy mix (one known bug from the variant catalogue per
chapter, some chapters left as stubs, the last ones missing).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .build import ROOT, build_all
from .engine.suites import chapters
from .grade import format_table, grade

VARIANTS = ROOT / "tests"


def make_students(root: Path) -> dict[str, Path]:
    """Write the three sample submissions under `root`; return {student: directory}."""
    names = chapters()
    students = {name: root / name for name in ("ada", "ben", "cy")}
    for folder in students.values():
        folder.mkdir(parents=True)
    for i, chapter in enumerate(names):
        solution = (ROOT / "solutions" / f"{chapter}.py").read_text()
        shutil.copy(ROOT / "exercises" / f"{chapter}.py", students["ben"])
        (students["ada"] / f"{chapter}.py").write_text(solution)
        bugs = sorted((VARIANTS / chapter / "variants").glob("wrong_*.py"))
        if i < len(names) - 2 and bugs and i % 3 != 2:
            (students["cy"] / f"{chapter}.py").write_text(solution + "\n\n" + bugs[0].read_text())
        elif i < len(names) - 2:
            shutil.copy(ROOT / "exercises" / f"{chapter}.py", students["cy"])
    return students


def run_demo() -> int:
    stale = build_all(check_only=True)
    if stale:
        print("Generated files are out of date; run `python -m autograder build` first:")
        print("\n".join(f"  {p}" for p in stale))
        return 1
    with tempfile.TemporaryDirectory(prefix="course-demo-") as tmp:
        reports = {name: grade(folder) for name, folder in make_students(Path(tmp)).items()}
    print("Feedback for cy, as the grader writes it:\n")
    print(format_table(reports["cy"]))
    print("\n" + grade_table(reports))
    return 0


def grade_table(reports: dict) -> str:
    """Students as rows, chapters as columns, points as 'score/max'."""
    names = chapters()
    width = max(len(n) for n in names)
    lines = ["Grade table", f"{'student':<8}" + "".join(f"  {n:>{width}}" for n in names) + f"  {'total':>9}"]
    for student, report in reports.items():
        cells = []
        for chapter in names:
            results = [r for r in report.results if r.chapter == chapter]
            cells.append(f"{sum(r.score for r in results):g}/{sum(r.max_score for r in results):g}")
        total = f"{report.score:g}/{report.max_score:g}"
        lines.append(f"{student:<8}" + "".join(f"  {c:>{width}}" for c in cells) + f"  {total:>9}")
    return "\n".join(lines)
