"""ReLU as |x|: negative inputs come out positive."""

FAILS = ["ch02_forward::relu::values"]

def relu(x):
    return np.abs(x)
