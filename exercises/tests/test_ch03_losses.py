"""Self-check for ch03_losses: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch03_losses


@pytest.mark.parametrize("check", public_check_names("ch03_losses"))
def test_ch03_losses(check):
    run_public_check(check, __file__)
