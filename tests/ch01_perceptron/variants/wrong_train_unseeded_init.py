"""Starts from weights drawn from the unseeded global np.random: it fits, but the same seed gives other weights."""

FAILS = ["ch01_perceptron::train_perceptron::reproducible_with_seed"]

_reference_train = train_perceptron


def train_perceptron(X, y, lr=0.1, epochs=100, seed=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    w, b = np.random.normal(scale=0.01, size=X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            error = y[i] - perceptron(X[i], w, b)
            w, b = w + lr * error * X[i], b + lr * error
    return w, float(b)
