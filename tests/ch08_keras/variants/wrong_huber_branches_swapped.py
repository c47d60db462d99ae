"""Quadratic and linear branches swapped: linear for small errors, quadratic for large ones."""

FAILS = ["ch08_keras::huber_loss::matches_keras_huber", "ch08_keras::huber_loss::gradient",
         "ch08_keras::huber_loss::other_deltas"]


def huber_loss(y_true, y_pred, delta=1.0):
    error = tf.convert_to_tensor(y_pred) - tf.cast(y_true, tf.convert_to_tensor(y_pred).dtype)
    abs_error = tf.abs(error)
    return tf.reduce_mean(tf.where(abs_error <= delta, delta * (abs_error - 0.5 * delta), 0.5 * tf.square(error)))
