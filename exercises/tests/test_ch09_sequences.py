"""Self-check for ch09_sequences: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch09_sequences


@pytest.mark.parametrize("check", public_check_names("ch09_sequences"))
def test_ch09_sequences(check):
    run_public_check(check, __file__)
