"""fan_in = shape[0] for every shape: for a 4-D filter bank that is the number of filters."""

FAILS = ["ch05_optimizers::he_normal::fan_in_4d", "ch05_optimizers::xavier_normal::fan_in_4d"]


def fan_in(shape):
    return shape[0]
