"""The student's self-check: pytest on the exercise files, with the recorded expected values."""

import shutil
import subprocess
import sys

import pytest

from autograder.build import ROOT
from autograder.engine.suites import chapters


def run_selfcheck(tmp_path, use_solutions: bool):
    work = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", work)
    if use_solutions:
        for chapter in chapters():
            shutil.copy(ROOT / "solutions" / f"{chapter}.py", work / f"{chapter}.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "exercises/tests"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip


def test_selfcheck_passes_every_public_check_for_the_reference(tmp_path):
    result = run_selfcheck(tmp_path, use_solutions=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_selfcheck_fails_every_public_check_for_the_stubs_with_clear_messages(tmp_path):
    result = run_selfcheck(tmp_path, use_solutions=False)
    assert result.returncode == 1
    assert " passed" not in result.stdout.splitlines()[-1]
    assert "is not implemented yet" in result.stdout
    assert "Traceback" not in result.stdout and "NotImplementedError(" not in result.stdout
