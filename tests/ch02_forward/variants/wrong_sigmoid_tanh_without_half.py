"""Sigmoid through tanh but without halving x: 0.5 * (1 + tanh(x)) is sigmoid(2x)."""

FAILS = [
    "ch02_forward::sigmoid::values",
    "ch02_forward::forward::batch",
    "ch02_forward::sigmoid::extreme_inputs_without_warnings",
    "ch02_forward::forward::single_sample",
    "ch02_forward::forward::other_widths",
    "ch02_forward::sigmoid::input_unchanged",
    "ch02_forward::forward::network_unchanged",
]

def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=float)))
