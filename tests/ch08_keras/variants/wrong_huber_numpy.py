"""Huber loss in numpy: the right number, but GradientTape sees no gradient (None)."""

FAILS = ["ch08_keras::huber_loss::gradient"]


def huber_loss(y_true, y_pred, delta=1.0):
    error = np.asarray(y_pred, dtype=np.float64) - np.asarray(y_true, dtype=np.float64)
    abs_error = np.abs(error)
    return np.mean(np.where(abs_error <= delta, 0.5 * error**2, delta * (abs_error - 0.5 * delta)))
