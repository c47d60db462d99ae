"""Draws from the global np.random without the seed: a second call gives other weights."""

FAILS = ["ch02_forward::init_network::reproducible_with_seed"]


def init_network(seed=None):
    shapes = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,), "W3": (2, 2), "b3": (2,)}
    return {name: np.random.normal(scale=0.5, size=shape) for name, shape in shapes.items()}
