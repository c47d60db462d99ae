"""Self-check for ch08_keras: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.ch08_keras


@pytest.mark.parametrize("check", public_check_names("ch08_keras"))
def test_ch08_keras(check):
    run_public_check(check, __file__)
