"""The sandboxed worker: failures become messages, and a hopeless submission is given up quickly.

The attacks themselves are in tests/redteam/ (test_redteam.py).
"""

import textwrap

import pytest

from autograder.engine.course import ROOT
from autograder.grade import grade_file
from autograder.sandbox import Limits

CHAPTER = "ch01_perceptron"
LIMITS = Limits(call_seconds=2.0)


def grade_source(tmp_path, base: str, attack: str):
    source = (ROOT / base / f"{CHAPTER}.py").read_text() + "\n" + textwrap.dedent(attack)
    path = tmp_path / f"{CHAPTER}.py"
    path.write_text(source)
    return grade_file(CHAPTER, path, LIMITS, strict=True)


def test_messages_say_what_happened(tmp_path):
    loop = "def XOR(x1, x2):\n    while True:\n        pass\n"
    outputs = {r.name: r.output for r in grade_source(tmp_path, "solutions", loop)}
    assert "time limit of 2 s per call exceeded" in outputs["ch01_perceptron::XOR::truth_table"]
    outputs = {r.name: r.output for r in grade_source(tmp_path, "solutions", "import os\nos._exit(0)\n")}
    assert "ended the student process: exited with code 0" in outputs["ch01_perceptron::perceptron::batch"]


def test_a_module_that_hangs_at_import_is_given_up_quickly(tmp_path):
    """After a few timeouts the remaining checks fail at once instead of each waiting."""
    import time

    start = time.monotonic()
    results = grade_source(tmp_path, "solutions", "while True:\n    pass\n")
    assert all(not r.passed for r in results)
    assert time.monotonic() - start < LIMITS.call_seconds * (LIMITS.restarts + 2)


def test_after_repeated_crashes_the_remaining_calls_fail_at_once_as_crashes():
    """The give-up answer keeps the kind of failure (a crash is not reported as a time-out)."""
    from autograder.engine.student import Student, StudentError
    from autograder.sandbox import SandboxTransport

    transport = SandboxTransport(LIMITS)
    try:
        student = Student(transport, "crashy", ["import os\ndef f():\n    os._exit(7)\n"], "crashy.py")
        messages = []
        for _ in range(LIMITS.restarts + 1):
            with pytest.raises(StudentError) as info:
                student.call("f")
            messages.append(info.value.describe())
    finally:
        transport.close()
    assert all("ended the student process" in m for m in messages), messages
    assert f"({LIMITS.restarts} times; the remaining calls were skipped)" in messages[-1]


def test_the_submission_is_loaded_once_per_worker(tmp_path):
    """A correct module whose top-level code refuses to run twice in one process gets full marks."""
    once = """
    import os
    if os.path.exists("loaded"):
        raise RuntimeError("this module was executed twice in one process")
    open("loaded", "w").close()
    """
    results = grade_source(tmp_path, "solutions", once)
    assert [r.output for r in results if not r.passed] == []


def test_a_worker_restarted_after_a_crash_loads_the_submission_again(tmp_path):
    """After XOR kills its worker, the checks after it still find the module in the new worker."""
    crash = """
    import os
    def XOR(x1, x2):
        os._exit(3)
    """
    results = grade_source(tmp_path, "solutions", crash)
    failed = {r.name: r.output for r in results if not r.passed}
    assert "exited with code 3" in failed.pop("ch01_perceptron::XOR::truth_table")
    assert set(failed) <= {"ch01_perceptron::gates::return_int"}
    assert next(r for r in results if r.name == "ch01_perceptron::train_perceptron::learns_gates").passed
