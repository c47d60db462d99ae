"""Grading a class: `grade-batch --jobs 2` against `nbgrader autograde` on the same notebooks.

Makes STUDENTS submissions of the chosen chapters (default: the numpy chapters ch01-ch07) as
nbgrader notebooks (released notebook + answers): 40% correct, 40% correct plus one known bug from
the variant catalogue, 20% untouched stubs (seeded). Times our batch grading of all of them, then
nbgrader's stock autograde (`Execute`: each notebook run in a fresh kernel) on the first
NBGRADER_STUDENTS of them (0: skipped), and reports submissions per second and the ratio (nbgrader's
time per submission is measured on that sample). With ch08_keras, it also times
`python -c "import tensorflow"` in the same run and prints the time per submission against it.

    python benchmarks/bench_batch.py [--students 100] [--nbgrader-students 3]
    python benchmarks/bench_batch.py --chapters ch08_keras --students 40 --nbgrader-students 0
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.batch import run_batch  # noqa: E402
from autograder.nbgrader_course import init_course, nbgrader  # noqa: E402
from autograder.demo import submission  # noqa: E402
from autograder.engine import course  # noqa: E402

CHAPTERS = course.chapter_names()[:7]  # ch01-ch07, the numpy chapters of the first part
STOCK_CONFIG = 'c = get_config()\nc.CourseDirectory.course_id = "bench"\nc.CourseDirectory.source_directory = "source"\n'


def make_class(course: Path, students: int, chapters: list[str]) -> list[str]:
    """Release `chapters` in `course` and write the submissions; returns the student ids."""
    init_course(course, chapters=chapters)
    rng = random.Random(0)
    kinds = ["ada"] * 4 + ["cy"] * 4 + ["ben"] * 2  # correct, buggy, stub (see autograder.demo.submission)
    names = [f"student{i:03d}" for i in range(students)]
    for chapter in chapters:
        nbgrader(course, "generate_assignment", chapter, "--force")
        released = json.loads((course / "release" / chapter / f"{chapter}.ipynb").read_text())
        source = json.loads((course / "source" / chapter / f"{chapter}.ipynb").read_text())
        for name in names:
            folder = course / "submitted" / name / chapter
            folder.mkdir(parents=True)
            notebook = submission(released, source, rng.choice(kinds), 0, chapter)
            (folder / f"{chapter}.ipynb").write_text(json.dumps(notebook))
    return names


def time_nbgrader(course: Path, names: list[str], chapters: list[str]) -> float:
    """Seconds for stock `nbgrader autograde` (kernel execution) of these students, all chapters."""
    (course / "nbgrader_config.py").write_text(STOCK_CONFIG)
    start = time.perf_counter()
    for chapter in chapters:
        for name in names:
            nbgrader(course, "autograde", chapter, "--student", name, "--create", "--force")
    return time.perf_counter() - start


def time_import_tensorflow() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import tensorflow"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--nbgrader-students", type=int, default=3)
    parser.add_argument("--chapters", nargs="+", default=CHAPTERS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        course = Path(tmp) / "course"
        names = make_class(course, args.students, args.chapters)
        start = time.perf_counter()
        result = run_batch(course / "submitted", Path(tmp) / "results", jobs=2, chapters=args.chapters, progress=None)
        ours = time.perf_counter() - start
        assert not result.failed, result.failed
        theirs = time_nbgrader(course, names[: args.nbgrader_students], args.chapters)
    per_ours = ours / args.students
    print(f"grade-batch --jobs 2: {args.students} submissions x {len(args.chapters)} chapters in {ours:.1f} s "
          f"({args.students / ours:.2f} submissions/s, {per_ours:.2f} s each)")
    if args.nbgrader_students:
        per_theirs = theirs / args.nbgrader_students
        print(f"nbgrader autograde (stock Execute, sequential): {args.nbgrader_students} submissions in {theirs:.1f} s "
              f"({per_theirs:.2f} s each; {per_theirs * args.students:.0f} s for {args.students} at that rate)")
        print(f"ratio nbgrader / grade-batch per submission: {per_theirs / per_ours:.1f} (target >= 5)")
    if "ch08_keras" in args.chapters:
        tensorflow = time_import_tensorflow()
        print(f'python -c "import tensorflow": {tensorflow:.1f} s; per submission / import: '
              f"{per_ours / tensorflow:.2f} (target: at most 3 s per submission)")
    else:
        print(f"100 submissions in {per_ours * 100:.0f} s (target <= 60)")


if __name__ == "__main__":
    main()
