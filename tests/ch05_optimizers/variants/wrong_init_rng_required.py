"""The initializers draw from rng without its default: he_normal(shape) and xavier_normal(shape) raise
AttributeError ('NoneType' object has no attribute 'standard_normal')."""

FAILS = ["ch05_optimizers::he_normal::default_rng", "ch05_optimizers::xavier_normal::default_rng"]


def he_normal(shape, rng=None):
    return np.sqrt(2.0 / fan_in(shape)) * rng.standard_normal(shape)


def xavier_normal(shape, rng=None):
    return np.sqrt(1.0 / fan_in(shape)) * rng.standard_normal(shape)
