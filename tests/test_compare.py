"""Verdicts: the right margin, and messages that say where and how far off."""

import numpy as np
import pytest

from autograder.engine.compare import Fail, as_array, assert_close, assert_equal, assert_integer, rel_error
from autograder.engine.protocol import Unsupported


def failure(fn, *args, **kwargs) -> str:
    with pytest.raises(Fail) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_message_names_function_index_expected_got_and_hint():
    """Does a failure message name the output, the worst index, both values and the hint?"""
    want = np.arange(12.0).reshape(4, 3) + 1
    got = want.copy()
    got[3, 1] = -got[3, 1]
    got[0, 0] += 1e-3
    message = failure(assert_close, got, want, "Affine.backward: dW", context="Shapes: x (4, 3).", hint="dW = x.T @ dout")
    assert "Affine.backward: dW is wrong at index (3, 1)" in message
    assert "expected 11, got -11" in message
    assert "2 of 12 entries off" in message
    assert "Shapes: x (4, 3)." in message and message.endswith("Hint: dW = x.T @ dout")


def test_one_dimensional_index_is_a_plain_number():
    message = failure(assert_equal, [0, 1, 0], [0, 1, 1], "XOR's truth table")
    assert "at index 2: expected 1, got 0" in message


@pytest.mark.parametrize(
    "got, fragment",
    [
        pytest.param(None, "returned None, expected a numpy array of shape (2, 2). Did you forget `return`?", id="none"),
        pytest.param(Unsupported("MaskedArray"), "returned a MaskedArray object", id="unsupported"),
        pytest.param(np.zeros((2, 3)), "has shape (2, 3), expected (2, 2)", id="wrong-shape"),
        pytest.param("text", "returned a str", id="string"),
        pytest.param({"a": 1}, "returned a dict", id="dict"),
        pytest.param(np.array([[np.nan, 0], [0, 0]]), "contains nan at index (0, 0)", id="nan"),
    ],
)
def test_values_that_are_not_the_expected_array_fail_clearly(got, fragment):
    """Is anything but a finite array of the right shape refused with a message saying what it was?"""
    assert fragment in failure(assert_close, got, np.zeros((2, 2)), "f(x)")


def test_margin_admits_float32_and_tiny_value_differences():
    """Do a float32 result and a clipped 0 instead of 1e-200 pass?"""
    want = np.random.default_rng(0).normal(size=(5, 5))
    assert_close(want.astype(np.float32), want, "f(x)")
    assert_close([0.0, 1.0], [1e-200, 1.0], "sigmoid(x)")


def test_margin_rejects_a_relative_error_of_1e_3():
    want = np.linspace(1, 2, 10)
    failure(assert_close, want * (1 + 1e-3), want, "f(x)")


def test_integers_lists_and_bools():
    assert_integer(3, "f()")
    assert_integer(np.array([1, 2]), "f()")
    for bad in (True, 3.0, np.array([1.0])):
        failure(assert_integer, bad, "f()")
    assert np.array_equal(as_array([1, 2.5], "f()"), [1.0, 2.5])


def test_rel_error_is_cs231n_measure():
    assert rel_error(1.0, 1.0) == 0
    assert rel_error(1.0, -1.0) == 1
    assert rel_error(0.0, 0.0) == 0
