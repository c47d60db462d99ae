"""One ch08_keras grade against `python -c "import tensorflow"` on the same machine, in one run.

The grader reads ch08's expected values from its cache (`autograder.engine.checks.CachedReference`),
so a grade costs one TensorFlow import, in the sandboxed worker, plus the checks. The first grade
after a change to the reference, the suites or the libraries fills the cache; it is run once
before timing. Prints the median of REPEATS runs of each and their ratio (target <= 1.5).

    python benchmarks/bench_ch08.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRADE = [sys.executable, "-m", "autograder", "grade", str(ROOT / "solutions"), "--chapter", "ch08_keras", "--json"]
IMPORT = [sys.executable, "-c", "import tensorflow"]


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
    seconds(GRADE)  # fills the expected-value cache if it is cold
    grade = statistics.median(seconds(GRADE) for _ in range(repeats))
    tf = statistics.median(seconds(IMPORT) for _ in range(repeats))
    print(f"grade ch08_keras: {grade:.2f} s; import tensorflow: {tf:.2f} s; ratio {grade / tf:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
