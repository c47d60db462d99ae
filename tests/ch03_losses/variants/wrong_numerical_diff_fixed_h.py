"""Ignores the h argument and always uses 1e-4."""

FAILS = ["ch03_losses::numerical_diff::uses_h"]


def numerical_diff(f, x, h=1e-4):
    return (f(x + 1e-4) - f(x - 1e-4)) / 2e-4
