"""xavier_normal with He's gain: std sqrt(2 / fan_in) instead of sqrt(1 / fan_in)."""

FAILS = [
    "ch05_optimizers::xavier_normal::std",
    "ch05_optimizers::xavier_normal::fan_in_4d",
    "ch05_optimizers::xavier_normal::default_rng",
]


def xavier_normal(shape, rng=None):
    return he_normal(shape, rng)
