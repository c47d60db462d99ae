"""Tells one-hot from a label by `t.size is y.size` (the mutant of benchmarks/README.md): CPython shares the int
objects up to 256 only, so with more classes a 1-D one-hot t is taken for a label (ValueError in reshape)."""

FAILS = ["ch03_losses::cross_entropy_error::single_sample_many_classes"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, -1) if t.size is y.size else t.reshape(1)
        y = y.reshape(1, -1)
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(t * np.log(y + 1e-7)) / n
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
