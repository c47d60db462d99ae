"""Self-check for ch01_perceptron: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch01_perceptron


@pytest.mark.parametrize("check", public_check_names("ch01_perceptron"))
def test_ch01_perceptron(check):
    run_public_check(check, __file__)
