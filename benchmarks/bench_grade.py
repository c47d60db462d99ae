"""One submission's grade, as the instructor's command runs it, against the import it cannot avoid.

Two rows, each the median of REPEATS runs of `python -m autograder grade solutions --chapter ...`
in a fresh process (so the worker's zygote is started every time) against, in the same run, the
median of `python -c "import numpy"` or `python -c "import tensorflow"`:

- ch01-ch07: one full submission of the first part (target: at most 2 s);
- ch08_keras: expected values come from the grader's cache (`CachedReference`), so a grade costs
  one TensorFlow import, in the sandboxed zygote, plus the checks (target: ratio at most 1.5).
  The first grade after a change to the reference, the suites or the libraries fills the cache;
  it is run once before timing.

    python benchmarks/bench_grade.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.engine import course  # noqa: E402

FIRST_PART = course.chapter_names()[:7]


def grade_command(chapters: list[str]) -> list[str]:
    options = [word for chapter in chapters for word in ("--chapter", chapter)]
    return [sys.executable, "-m", "autograder", "grade", str(ROOT / "solutions"), *options, "--json"]


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def median(command: list[str], repeats: int) -> float:
    return statistics.median(seconds(command) for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
    first = median(grade_command(FIRST_PART), repeats)
    numpy = median([sys.executable, "-c", "import numpy"], repeats)
    print(f"grade ch01-ch07: {first:.2f} s (target <= 2); import numpy: {numpy:.2f} s; ratio {first / numpy:.1f}")
    seconds(grade_command(["ch08_keras"]))  # fills the expected-value cache if it is cold
    keras = median(grade_command(["ch08_keras"]), repeats)
    tensorflow = median([sys.executable, "-c", "import tensorflow"], repeats)
    print(f"grade ch08_keras: {keras:.2f} s; import tensorflow: {tensorflow:.2f} s; "
          f"ratio {keras / tensorflow:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
