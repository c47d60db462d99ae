"""Returns an int whenever the result has one entry: a batch of one sample, x of shape (1, d), gives an int
instead of an int array of shape (1,)."""

FAILS = ["ch01_perceptron::perceptron::batch_of_one"]


def perceptron(x, w, b):
    fires = ((np.asarray(x) @ np.asarray(w) + b) > 0).astype(int)
    return int(fires.item()) if fires.size == 1 else fires
