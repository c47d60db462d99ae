"""Self-check for ch06_cnn: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch06_cnn


@pytest.mark.parametrize("check", public_check_names("ch06_cnn"))
def test_ch06_cnn(check):
    run_public_check(check, __file__)
