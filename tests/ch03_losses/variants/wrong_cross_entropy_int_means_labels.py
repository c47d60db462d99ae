"""Tells labels from one-hot targets by the dtype (integers = labels): a one-hot t of ints, as np.array([0, 1, 0])
makes it, is indexed as labels."""

FAILS = ["ch03_losses::cross_entropy_error::one_hot_int_array"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1) if np.issubdtype(t.dtype, np.integer) else t.reshape(1, -1)
    n = y.shape[0]
    if np.issubdtype(t.dtype, np.integer):
        return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n
    return -np.sum(t * np.log(y + 1e-7)) / n
