"""Turns every input into a batch with np.atleast_2d: a vector comes back with shape (1, D)."""

FAILS = [
    "ch02_forward::softmax::vector",
    "ch02_forward::softmax::large_inputs",
]

def softmax(x):
    x = np.atleast_2d(np.asarray(x, dtype=float))
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
