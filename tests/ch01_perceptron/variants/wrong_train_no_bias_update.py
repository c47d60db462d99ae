"""The learning rule updates w but never b: data whose boundary misses the origin cannot be fit."""

FAILS = [
    "ch01_perceptron::train_perceptron::fits_separable_data",
    "ch01_perceptron::train_perceptron::honors_lr_and_epochs",
    "ch01_perceptron::train_perceptron::learns_gates",
    "ch01_perceptron::train_perceptron::inputs_unchanged",
    "ch01_perceptron::train_perceptron::fits_for_other_lr_and_dims",
]


def train_perceptron(X, y, lr=0.1, epochs=100, seed=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(seed)
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            w = w + lr * (y[i] - perceptron(X[i], w, 0.0)) * X[i]
    return w, 0.0
