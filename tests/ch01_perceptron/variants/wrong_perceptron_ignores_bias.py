"""The perceptron drops the bias b: fires where w·x > 0."""

FAILS = [
    "ch01_perceptron::perceptron::batch",
    "ch01_perceptron::AND::truth_table",
    "ch01_perceptron::NAND::truth_table",
    "ch01_perceptron::XOR::truth_table",
    "ch01_perceptron::train_perceptron::fits_separable_data",
    "ch01_perceptron::perceptron::zero_sum_gives_zero",
    "ch01_perceptron::train_perceptron::honors_lr_and_epochs",
    "ch01_perceptron::train_perceptron::learns_gates",
    "ch01_perceptron::train_perceptron::inputs_unchanged",
    "ch01_perceptron::train_perceptron::fits_for_other_lr_and_dims",
]

def perceptron(x, w, b):
    fires = (np.asarray(x) @ np.asarray(w)) > 0
    return int(fires) if fires.ndim == 0 else fires.astype(int)
