"""Tries to patch pytest and the autograder's verdict helpers from the submission."""

BASE = "exercises"
LOSES = 'ALL'

try:
    import pytest
    pytest.approx = lambda *a, **k: True
except ImportError:
    pass
try:
    import autograder.engine.compare as compare
    compare.assert_close = compare.assert_equal = lambda *a, **k: None
except ImportError:
    pass
