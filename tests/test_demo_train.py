"""`python -m autograder demo-train`: the reference SimpleConvNet really learns the digits."""

import re
import subprocess
import sys

import pytest

from autograder.engine.course import ROOT

pytest.importorskip("sklearn")
pytest.importorskip("matplotlib")


def test_simple_conv_net_reaches_97_percent_on_held_out_digits(tmp_path):
    result = subprocess.run([sys.executable, "-m", "autograder", "demo-train", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    accuracy = float(re.search(r"final test accuracy (\d\.\d+)", result.stdout).group(1))
    assert accuracy >= 0.97, result.stdout
    assert len(list(tmp_path.glob("ch06_cnn_demo_*.png"))) == 2
