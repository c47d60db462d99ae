"""The suites are ordinary pytest files: `pytest autograder/suites/... --submission PATH`."""

import subprocess
import sys

from autograder.engine.course import ROOT


def run_suite(*args):
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_reference_passes_public_and_hidden_suite_files():
    result = run_suite(ROOT / "autograder/suites/public/ch03_losses.py", ROOT / "autograder/suites/hidden/ch03_losses.py")
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-2000:]


def test_stub_fails_every_check_with_its_message():
    result = run_suite(ROOT / "autograder/suites/hidden/ch03_losses.py", "--submission", ROOT / "exercises")
    assert result.returncode == 1
    assert "ch03_losses::numerical_gradient::restores_x" in result.stdout
    assert "numerical_gradient is not implemented yet." in result.stdout and " passed" not in result.stdout
