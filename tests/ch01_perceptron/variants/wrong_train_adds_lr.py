"""The learning rule with `+` for `*`: w = w + lr + error * x (the mutant of benchmarks/README.md). The weights
drift by lr in every coordinate at each mistake: with lr 0.1 or 0.5 the data of the other checks are still fit,
with lr 2 to 5 on 3-6 features they are not."""

FAILS = ["ch01_perceptron::train_perceptron::fits_for_other_lr_and_dims"]


def train_perceptron(X, y, lr=0.1, epochs=100, seed=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = y[i] - perceptron(X[i], w, b)
            if error:
                w = w + lr + error * X[i]
                b = b + lr * error
                mistakes += 1
        if mistakes == 0:
            break
    return w, float(b)
