"""Forward pass with ReLU hidden layers instead of sigmoid."""

FAILS = [
    "ch02_forward::forward::batch",
    "ch02_forward::forward::single_sample",
    "ch02_forward::forward::other_widths",
    "ch02_forward::forward::network_unchanged",
]


def forward(network, x):
    z1 = relu(x @ network["W1"] + network["b1"])
    z2 = relu(z1 @ network["W2"] + network["b2"])
    return z2 @ network["W3"] + network["b3"]
