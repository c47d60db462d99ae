"""Handles one-hot targets only: integer labels are multiplied in as if they were one-hot."""

FAILS = ["ch03_losses::cross_entropy_error::label_batch", "ch03_losses::cross_entropy_error::single_sample",
         "ch03_losses::cross_entropy_error::zero_probability"]


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    n = y.shape[0] if y.ndim > 1 else 1
    t = np.asarray(t)
    if t.ndim < y.ndim:
        t = t.reshape(-1, 1)
    return -np.sum(t * np.log(y + 1e-7)) / n
