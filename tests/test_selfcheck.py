"""The student's self-check: pytest on the exercise files, with the recorded expected values.

What a student sees: a failure per wrong check with the engine's message and no traceback, one
"not started" line for an untouched chapter, a points summary per chapter, one chapter with
`-m <chapter>`, and the install command when ch08_keras cannot run for want of TensorFlow.
"""

import importlib.util
import shutil
import subprocess
import sys

import pytest

from autograder.engine import pytest_plugin
from autograder.engine.course import ROOT, chapter_names

NUMPY_ONLY = ["-m", "not ch08_keras"]  # importing TensorFlow takes ~10 s; one test below pays it


def run_selfcheck(tmp_path, solved=(), args=(), edit=None):
    """pytest on a copy of exercises/, with the reference copied over the chapters in `solved`."""
    work = tmp_path / "exercises"
    if not work.exists():
        shutil.copytree(ROOT / "exercises", work, ignore=shutil.ignore_patterns("__pycache__"))
        (tmp_path / "pytest.ini").write_text("[pytest]\n")
    for chapter in solved:
        shutil.copy(ROOT / "solutions" / f"{chapter}.py", work / f"{chapter}.py")
    if edit:
        edit(work)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "exercises/tests", *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def summary(result) -> dict[str, str]:
    """The points summary as {chapter or 'total': rest of its line}."""
    lines = result.stdout.split("self-check: points from the public checks", 1)[1].splitlines()[1:]
    lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("="))]
    return {line.split()[0]: line.split(None, 1)[1] for line in lines if line.strip() and not line.startswith(" ")}


def test_selfcheck_passes_every_public_check_for_the_reference(tmp_path):
    result = run_selfcheck(tmp_path, solved=chapter_names())
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout.splitlines()[-1] and "failed" not in result.stdout
    lines = summary(result)
    assert set(lines) == set(chapter_names()) | {"total"}
    for chapter in chapter_names():
        got, _, total = lines[chapter].split()[:3]
        assert got == total and "checks pass" in lines[chapter]


def test_untouched_chapters_are_one_not_started_line_each_and_the_run_fails(tmp_path):
    """Stubs: no failure blocks, no traceback, every chapter 'not started' at 0, exit status 1."""
    result = run_selfcheck(tmp_path, args=NUMPY_ONLY)
    assert result.returncode == 1
    assert "FAILED" not in result.stdout and "Traceback" not in result.stdout
    assert " skipped" in result.stdout.splitlines()[-1] and " passed" not in result.stdout.splitlines()[-1]
    lines = summary(result)
    for chapter in chapter_names():
        if chapter != "ch08_keras":
            assert lines[chapter].startswith("0 / ") and "not started" in lines[chapter]
    assert lines["total"].startswith("0 / ")


def test_a_wrong_function_fails_with_the_engine_message_and_no_traceback(tmp_path):
    """A started chapter: each failure names the check, the function, the index, the shapes and a hint."""

    def edit(work):
        solution = (ROOT / "solutions" / "ch02_forward.py").read_text()
        bug = (ROOT / "tests" / "ch02_forward" / "variants" / "wrong_softmax_global_sum.py").read_text()
        stub_relu = 'def relu(x):\n    raise NotImplementedError("relu is not implemented yet")\n'
        (work / "ch02_forward.py").write_text(solution + "\n\n" + bug + "\n\n" + stub_relu)

    result = run_selfcheck(tmp_path, args=["-m", "ch02_forward"], edit=edit)
    assert result.returncode == 1
    out = result.stdout
    assert "ch02_forward::softmax::batch_rows  0/2\nsoftmax(x) is wrong at index (" in out
    assert "Shapes: x (4, 5)." in out and "Hint: normalize each row separately" in out
    assert "ch02_forward::relu::values  0/1\nrelu is not implemented yet." in out
    assert "Traceback" not in out and "np.exp" not in out and "def test_" not in out
    line = summary(result)["ch02_forward"]
    assert "7 of 9 checks pass; wrong: softmax; not implemented yet: relu" in line


def test_a_file_that_does_not_import_fails_once_and_skips_the_rest(tmp_path):
    result = run_selfcheck(tmp_path, args=["-m", "ch03_losses"],
                           edit=lambda work: (work / "ch03_losses.py").write_text("def broken(:\n"))
    assert result.returncode == 1
    assert result.stdout.count("SyntaxError") == 2  # the one failure and the summary line
    assert "1 failed" in result.stdout.splitlines()[-1] and "skipped" in result.stdout.splitlines()[-1]
    assert summary(result)["ch03_losses"].startswith("0 / 14 points   cannot be used: importing ch03_losses.py raised SyntaxError")


def test_markers_and_keywords_select_chapters_and_checks(tmp_path):
    """`-m chapter` runs that chapter alone; `-k` a few checks, and the summary says how many were selected."""
    one = run_selfcheck(tmp_path, solved=["ch02_forward"], args=["-m", "ch02_forward", "--strict-markers"])
    assert one.returncode == 0, one.stdout[-2000:]
    assert set(summary(one)) == {"ch02_forward", "total"}
    some = run_selfcheck(tmp_path, solved=["ch02_forward"], args=["-k", "softmax and ch02"])
    assert some.returncode == 0
    assert summary(some)["ch02_forward"] == "4 / 4 points   all 2 checks pass (2 of 9 selected)"


def test_a_chapter_whose_package_is_missing_is_skipped_with_the_install_command(tmp_path, monkeypatch):
    """Without TensorFlow (as the course facts say ch08_keras needs), the chapter is skipped, not failed,
    and says how to install it."""
    work = tmp_path / "exercises"
    work.mkdir()
    (work / "ch08_keras.py").write_text("import numpy as np\nimport tensorflow as tf\nfrom keras import layers\n")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tensorflow" else find_spec(name, *a))
    monkeypatch.setattr(pytest_plugin, "_reported", {})
    pytest_plugin._pytest_run.cache_clear()
    try:
        with pytest.raises(pytest.skip.Exception, match=r"needs TensorFlow.*pip install -e '\.\[keras\]'"):
            pytest_plugin.run_public_check("ch08_keras::CustomDense::call", str(work / "tests" / "test_ch08_keras.py"))
        lines = pytest_plugin.summary_lines(pytest_plugin._reported)
    finally:
        pytest_plugin._pytest_run.cache_clear()
    assert lines[0].startswith("ch08_keras") and "skipped" in lines[0] and "pip install -e '.[keras]'" in lines[0]
    assert lines[-1] == "(not counted: ch08_keras)"
