"""Perturbs a copy of x and calls f on the copy: fine for f(x), wrong for an f that reads x itself."""

FAILS = ["ch03_losses::numerical_gradient::f_reads_x_through_closure"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (f(plus) - f(minus)) / (2 * h)
    return grad
