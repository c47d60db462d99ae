"""init_network(seed) without the default None: init_network() raises TypeError."""

FAILS = ["ch02_forward::init_network::default_seed"]


def init_network(seed):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,), "W3": (2, 2), "b3": (2,)}
    return {name: rng.normal(scale=0.5, size=shape) for name, shape in shapes.items()}
