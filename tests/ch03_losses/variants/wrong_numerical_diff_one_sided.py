"""Forward difference (f(x + h) - f(x)) / h: error O(h) instead of O(h^2)."""

FAILS = ["ch03_losses::numerical_diff::values", "ch03_losses::numerical_diff::uses_h"]


def numerical_diff(f, x, h=1e-4):
    return (f(x + h) - f(x)) / h
