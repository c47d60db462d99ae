"""Self-check for ch02_forward: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch02_forward


@pytest.mark.parametrize("check", public_check_names("ch02_forward"))
def test_ch02_forward(check):
    run_public_check(check, __file__)
