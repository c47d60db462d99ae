"""he_normal and xavier_normal ignore `rng` and draw from np.random (the global generator)."""

FAILS = ["ch05_optimizers::he_normal::reproducible", "ch05_optimizers::xavier_normal::reproducible"]


def he_normal(shape, rng=None):
    return np.sqrt(2.0 / fan_in(shape)) * np.random.randn(*shape)


def xavier_normal(shape, rng=None):
    return np.sqrt(1.0 / fan_in(shape)) * np.random.randn(*shape)
