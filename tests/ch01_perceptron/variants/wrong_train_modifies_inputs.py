"""Shuffles X and y in place before training: the fit is right, but the caller's arrays change."""

FAILS = ["ch01_perceptron::train_perceptron::inputs_unchanged"]

_reference_train = train_perceptron


def train_perceptron(X, y, lr=0.1, epochs=100, seed=None):
    order = np.random.default_rng(seed).permutation(len(X))
    X[...] = X[order]
    y[...] = y[order]
    return _reference_train(X, y, lr, epochs, seed)
