"""log(y) without the 1e-7: a true class with probability 0 gives inf."""

FAILS = [
    "ch03_losses::cross_entropy_error::zero_probability",
    "ch03_losses::cross_entropy_error::one_hot_zero_probability",
]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
        y = y.reshape(1, -1)
    if t.shape == y.shape:
        t = t.argmax(axis=1)
    with np.errstate(divide="ignore"):
        return -np.sum(np.log(y[np.arange(y.shape[0]), t])) / y.shape[0]
