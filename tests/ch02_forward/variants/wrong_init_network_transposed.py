"""init_network returns every weight matrix transposed: W1 (3, 2) instead of (2, 3)."""

FAILS = [
    "ch02_forward::init_network::shapes",
    "ch02_forward::init_network::reproducible_with_seed",
    "ch02_forward::init_network::default_seed",
]

def init_network(seed=None):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (3, 2), "b1": (3,), "W2": (2, 3), "b2": (2,), "W3": (2, 2), "b3": (2,)}
    return {name: rng.normal(scale=0.5, size=shape) for name, shape in shapes.items()}
