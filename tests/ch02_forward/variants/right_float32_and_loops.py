"""Computes in float32 and with Python loops over the batch: slower, less precise, still correct."""

FAILS = []


def sigmoid(x):
    x = np.asarray(x, dtype=np.float32)
    with np.errstate(over="ignore"):
        return (1 / (1 + np.exp(-x))).astype(np.float32)


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        e = np.exp(x - x.max())
        return e / e.sum()
    return np.stack([softmax(row) for row in x])


def forward(network, x):
    x = np.asarray(x)
    if x.ndim == 2:
        return np.stack([forward(network, row) for row in x])
    a = x
    for i in (1, 2, 3):
        a = a @ network[f"W{i}"] + network[f"b{i}"]
        if i < 3:
            a = sigmoid(a)
    return a
