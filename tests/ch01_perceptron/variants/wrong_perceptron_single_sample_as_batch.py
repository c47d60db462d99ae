"""Treats one sample as a batch of one: perceptron(x) for x of shape (d,) returns an array of shape (1,)."""

FAILS = [
    "ch01_perceptron::perceptron::single_sample",
    "ch01_perceptron::AND::truth_table",
    "ch01_perceptron::NAND::truth_table",
    "ch01_perceptron::OR::truth_table",
    "ch01_perceptron::XOR::truth_table",
    "ch01_perceptron::train_perceptron::fits_separable_data",
    "ch01_perceptron::perceptron::zero_sum_gives_zero",
    "ch01_perceptron::gates::return_int",
    "ch01_perceptron::train_perceptron::reproducible_with_seed",
    "ch01_perceptron::train_perceptron::inputs_unchanged",
    "ch01_perceptron::train_perceptron::honors_lr_and_epochs",
    "ch01_perceptron::train_perceptron::learns_gates",
    "ch01_perceptron::train_perceptron::fits_for_other_lr_and_dims",
]


def perceptron(x, w, b):
    fires = (np.atleast_2d(np.asarray(x)) @ np.asarray(w) + b) > 0
    return fires.astype(int)
