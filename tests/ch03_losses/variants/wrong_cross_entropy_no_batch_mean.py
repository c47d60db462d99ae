"""Cross-entropy summed over the batch, not divided by N."""

FAILS = [
    "ch03_losses::cross_entropy_error::one_hot_batch",
    "ch03_losses::cross_entropy_error::label_batch",
    "ch03_losses::cross_entropy_error::zero_probability",
    "ch03_losses::cross_entropy_error::one_hot_zero_probability",
    "ch03_losses::cross_entropy_error::one_hot_int_array",
]

_reference_ce = cross_entropy_error


def cross_entropy_error(y, t):
    n = np.asarray(y).shape[0] if np.ndim(y) > 1 else 1
    return _reference_ce(y, t) * n
