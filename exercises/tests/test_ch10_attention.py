"""Self-check for ch10_attention: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch10_attention


@pytest.mark.parametrize("check", public_check_names("ch10_attention"))
def test_ch10_attention(check):
    run_public_check(check, __file__)
