"""Self-check for ch07_batchnorm: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch07_batchnorm


@pytest.mark.parametrize("check", public_check_names("ch07_batchnorm"))
def test_ch07_batchnorm(check):
    run_public_check(check, __file__)
