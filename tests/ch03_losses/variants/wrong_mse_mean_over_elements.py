"""Divides by the number of elements instead of the batch size (np.mean)."""

FAILS = ["ch03_losses::mean_squared_error::batch", "ch03_losses::mean_squared_error::single_sample"]


def mean_squared_error(y, t):
    return 0.5 * np.mean((np.asarray(y) - np.asarray(t)) ** 2)
