"""The one-hot branch takes log(y - 1e-7) (the mutant of benchmarks/README.md): the same value to ~1e-7 wherever
y is well above 0, nan (with a RuntimeWarning) where a probability is exactly 0."""

FAILS = ["ch03_losses::cross_entropy_error::one_hot_zero_probability"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
        y = y.reshape(1, -1)
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(t * np.log(y - 1e-7)) / n
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
