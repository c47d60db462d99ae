"""Normalizes over the whole batch instead of each row: right for a vector, wrong for a batch."""

FAILS = [
    "ch02_forward::softmax::batch_rows",
    "ch02_forward::softmax::large_inputs",
    "ch02_forward::softmax::input_unchanged",
]


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
