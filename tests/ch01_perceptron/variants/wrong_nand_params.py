"""NAND's weights copied from AND with the bias negated: (0,0) gives 0 instead of 1."""

FAILS = [
    "ch01_perceptron::NAND::truth_table",
    "ch01_perceptron::XOR::truth_table",
    "ch01_perceptron::GATE_PARAMS::each_gate_is_one_perceptron",
]

GATE_PARAMS = {
    "AND": (np.array([0.5, 0.5]), -0.7),
    "NAND": (np.array([0.5, 0.5]), 0.7 - 1.0),
    "OR": (np.array([0.5, 0.5]), -0.2),
}
