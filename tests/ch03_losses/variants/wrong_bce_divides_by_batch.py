"""Binary cross-entropy summed and divided by the batch size, not averaged over all elements."""

FAILS = [
    "ch03_losses::binary_cross_entropy::values",
    "ch03_losses::binary_cross_entropy::clips_probabilities",
]

def binary_cross_entropy(y, t, eps=1e-15):
    y = np.clip(np.asarray(y, dtype=float), eps, 1 - eps)
    t = np.asarray(t, dtype=float)
    return float(np.sum(-(t * np.log(y) + (1 - t) * np.log(1 - y))) / y.shape[0])
