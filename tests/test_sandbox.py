"""The process boundary: student code can only lose its own points and never stops the grading.

Each hostile submission is chapter 1 (the reference or the stub) plus one attack. The test asserts
the exact checks it loses, then that an honest submission graded right after still gets full marks.
The full red-team suite (issue 7) builds on these.
"""

import textwrap

import pytest

from autograder.build import ROOT
from autograder.grade import grade_chapter
from autograder.sandbox import Limits, namespaces_available

CHAPTER = "ch01_perceptron"
LIMITS = Limits(call_seconds=2.0)
XOR_CHECKS = {"ch01_perceptron::XOR::truth_table", "ch01_perceptron::gates::return_int"}
ALL_CHECKS = None  # every check of the chapter


def grade_source(tmp_path, base: str, attack: str):
    source = (ROOT / base / f"{CHAPTER}.py").read_text() + "\n" + textwrap.dedent(attack)
    path = tmp_path / f"{CHAPTER}.py"
    path.write_text(source)
    return grade_chapter(CHAPTER, path, LIMITS, notes=[], strict=True)


def failed_names(results):
    return {r.name for r in results if not r.passed}


def assert_next_submission_is_graded(tmp_path):
    results = grade_source(tmp_path, "solutions", "")
    assert not failed_names(results)


HOSTILE = {
    "patch-numpy-comparisons-in-stub": ("exercises", """
        import numpy
        numpy.allclose = lambda *a, **k: True
        numpy.array_equal = lambda *a, **k: True
        numpy.testing.assert_allclose = lambda *a, **k: None
    """, ALL_CHECKS),
    "patch-numpy-comparisons-in-reference": ("solutions", """
        import numpy
        numpy.allclose = lambda *a, **k: True
    """, set()),
    "fake-equality-object": ("solutions", """
        class AlwaysEqual:
            def __eq__(self, other): return True
            def __ne__(self, other): return False
            def __array__(self, *a, **k): raise RuntimeError("no")
        def XOR(x1, x2): return AlwaysEqual()
    """, XOR_CHECKS),
    "ndarray-subclass": ("solutions", """
        class Sneaky(np.ndarray):
            def __eq__(self, other): return np.ones(np.shape(other), bool)
        def XOR(x1, x2): return np.array(0).view(Sneaky)
    """, XOR_CHECKS),
    "exit-at-import": ("solutions", "import os\nos._exit(0)\n", ALL_CHECKS),
    "sys-exit-in-a-function": ("solutions", "import sys\ndef XOR(x1, x2):\n    sys.exit(0)\n", XOR_CHECKS),
    "kill-own-process-in-a-function": ("solutions", """
        import os, signal
        def XOR(x1, x2): os.kill(os.getpid(), signal.SIGKILL)
    """, XOR_CHECKS),
    "infinite-loop-in-a-function": ("solutions", "def XOR(x1, x2):\n    while True:\n        pass\n", XOR_CHECKS),
    "memory-bomb-in-a-function": ("solutions", "def XOR(x1, x2):\n    return len(bytearray(64 * 2**30))\n", XOR_CHECKS),
    "print-flood-in-a-function": ("solutions", """
        def XOR(x1, x2):
            for _ in range(2000):
                print("x" * 10_000)
            return AND(NAND(x1, x2), OR(x1, x2))
    """, XOR_CHECKS),
    "import-the-solutions": ("exercises", """
        from solutions.ch01_perceptron import *
    """, ALL_CHECKS),
    "import-the-grader": ("exercises", """
        import autograder.engine.compare as c
        c.assert_equal = lambda *a, **k: None
    """, ALL_CHECKS),
}


@pytest.mark.parametrize("base, attack, loses", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_submission_gets_exactly_its_honest_points(tmp_path, base, attack, loses):
    results = grade_source(tmp_path, base, attack)
    expected = {r.name for r in results} if loses is ALL_CHECKS else loses
    assert failed_names(results) == expected, [r.output for r in results if not r.passed][:3]
    assert_next_submission_is_graded(tmp_path)


def test_messages_say_what_happened(tmp_path):
    outputs = {r.name: r.output for r in grade_source(tmp_path, "solutions", HOSTILE["infinite-loop-in-a-function"][1])}
    assert "time limit of 2 s per call exceeded" in outputs["ch01_perceptron::XOR::truth_table"]
    outputs = {r.name: r.output for r in grade_source(tmp_path, "solutions", HOSTILE["exit-at-import"][1])}
    assert "ended the student process: exited with code 0" in outputs["ch01_perceptron::perceptron::batch"]


def test_a_module_that_hangs_at_import_is_given_up_quickly(tmp_path):
    """After a few timeouts the remaining checks fail at once instead of each waiting."""
    import time

    start = time.monotonic()
    results = grade_source(tmp_path, "solutions", "while True:\n    pass\n")
    assert all(not r.passed for r in results)
    assert time.monotonic() - start < LIMITS.call_seconds * (LIMITS.restarts + 2)


@pytest.mark.skipif(not namespaces_available(), reason="unshare is not permitted on this machine")
def test_no_network_and_no_grader_files(tmp_path):
    attack = f"""
        import os, socket
        def XOR(x1, x2):
            try:
                socket.create_connection(("1.1.1.1", 53), timeout=1)
            except OSError:
                pass
            else:
                return 1 - AND(NAND(x1, x2), OR(x1, x2))
            if os.listdir({str(ROOT / "solutions")!r}) or os.path.exists({str(ROOT / "tests")!r} + "/test_sandbox.py"):
                return 1 - AND(NAND(x1, x2), OR(x1, x2))
            return AND(NAND(x1, x2), OR(x1, x2))
    """
    assert not failed_names(grade_source(tmp_path, "solutions", attack))
