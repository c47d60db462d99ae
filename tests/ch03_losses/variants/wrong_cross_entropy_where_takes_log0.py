"""One-hot branch as np.where(y > 0, t * log(y), t * log(1e-7)): the right value, but np.where evaluates log(y) at
the zeros too, a divide-by-zero RuntimeWarning (an error where warnings are errors)."""

FAILS = ["ch03_losses::cross_entropy_error::one_hot_zero_probability"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
        y = y.reshape(1, -1)
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(np.where(y > 0, t * np.log(y), t * np.log(1e-7))) / n
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
