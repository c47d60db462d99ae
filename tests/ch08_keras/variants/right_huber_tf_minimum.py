"""Huber loss without a branch: q = min(|e|, delta), loss = 0.5*q**2 + delta*(|e| - q) (the form keras 2 used),
in float64, summed then divided by the element count."""

FAILS = []


def huber_loss(y_true, y_pred, delta=1.0):
    error = tf.cast(y_pred, tf.float64) - tf.cast(y_true, tf.float64)
    abs_error = tf.abs(error)
    quadratic = tf.minimum(abs_error, delta)
    linear = abs_error - quadratic
    total = tf.reduce_sum(0.5 * tf.square(quadratic) + delta * linear)
    return total / tf.cast(tf.size(error), tf.float64)
