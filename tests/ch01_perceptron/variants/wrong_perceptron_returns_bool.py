"""Returns booleans instead of ints: the values are right, the type is not."""

FAILS = ["ch01_perceptron::perceptron::returns_int", "ch01_perceptron::gates::return_int"]


def perceptron(x, w, b):
    return (np.asarray(x) @ np.asarray(w) + b) > 0
