"""Self-check for ch04_backprop: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch04_backprop


@pytest.mark.parametrize("check", public_check_names("ch04_backprop"))
def test_ch04_backprop(check):
    run_public_check(check, __file__)
