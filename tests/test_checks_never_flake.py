"""A check that fails the reference for some seed is a flaky check: run each one over many seeds.

Grading uses seed 0; here every check runs with seeds 1..N against the reference solution
(in-process, which is safe for our own code), so an unlucky draw shows up here, not in a grade.
N is 200 (FLAKE_SEEDS), and 10 for chapters that run TensorFlow (slow).
"""

import importlib
import os

import pytest

from autograder.engine.checks import Reference, run_check
from autograder.engine.student import LocalTransport, Student
from autograder.engine import course
from autograder.engine.suites import load_checks

SEEDS = int(os.environ.get("FLAKE_SEEDS", "200"))


@pytest.mark.parametrize("chapter", course.chapter_names())
def test_reference_passes_every_check_for_every_seed(chapter):
    """Does the reference pass each check for seeds 1..SEEDS (every margin wide enough)?"""
    source = (course.ROOT / "solutions" / f"{chapter}.py").read_text()
    student = Student(LocalTransport(), f"_flake_{chapter}", [source], f"{chapter}.py")
    reference = Reference(importlib.import_module(f"solutions.{chapter}"))
    failures = []
    seeds = min(SEEDS, 10) if "tensorflow" in course.chapter(chapter).needs else SEEDS
    for check in load_checks(chapter):
        for seed in range(1, seeds + 1):
            result = run_check(check, student, reference, strict=True, seed=seed)
            if not result.passed:
                failures.append(f"{check.name} seed {seed}: {result.output}")
                break
    assert not failures, "\n".join(failures)
