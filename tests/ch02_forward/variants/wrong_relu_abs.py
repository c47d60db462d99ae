"""ReLU as |x|: negative inputs come out positive."""

FAILS = [
    "ch02_forward::relu::values",
    "ch02_forward::relu::input_unchanged",
]

def relu(x):
    return np.abs(x)
