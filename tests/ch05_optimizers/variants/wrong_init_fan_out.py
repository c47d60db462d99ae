"""he_normal and xavier_normal take fan_in from shape[1] (the fan-out) of a 2-D weight."""

FAILS = [
    "ch05_optimizers::he_normal::std",
    "ch05_optimizers::xavier_normal::std",
    "ch05_optimizers::he_normal::default_rng",
    "ch05_optimizers::xavier_normal::default_rng",
]


def fan_in(shape):
    return shape[1] if len(shape) == 2 else int(np.prod(shape[1:]))
