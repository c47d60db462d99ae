"""Self-check for ch05_optimizers: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch05_optimizers


@pytest.mark.parametrize("check", public_check_names("ch05_optimizers"))
def test_ch05_optimizers(check):
    run_public_check(check, __file__)
