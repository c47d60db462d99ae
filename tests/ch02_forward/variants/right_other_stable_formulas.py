"""Sigmoid through tanh, softmax through log-sum-exp, ReLU by multiplication, other initial weights."""

FAILS = []


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def softmax(x):
    x = np.asarray(x, dtype=float)
    m = x.max(axis=-1, keepdims=True)
    log_sum = m + np.log(np.exp(x - m).sum(axis=-1, keepdims=True))
    return np.exp(x - log_sum)


def relu(x):
    return x * (x > 0)


def step_function(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def init_network(seed=None):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,), "W3": (2, 2), "b3": (2,)}
    return {k: rng.standard_normal(s) * 0.01 if k[0] == "W" else np.zeros(s) for k, s in shapes.items()}
