"""Mean squared error without the factor 1/2."""

FAILS = ["ch03_losses::mean_squared_error::batch", "ch03_losses::mean_squared_error::single_sample"]


def mean_squared_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    n = y.shape[0] if y.ndim > 1 else 1
    return np.sum((y - t) ** 2) / n
