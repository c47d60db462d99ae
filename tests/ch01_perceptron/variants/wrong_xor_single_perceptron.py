"""XOR as one perceptron: no line separates XOR's 1s from its 0s, so some input comes out wrong."""

FAILS = ["ch01_perceptron::XOR::truth_table"]


def XOR(x1, x2):
    return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.2)
