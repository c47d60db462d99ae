"""nditer loops, +h/-2h/+h perturbation, cross-entropy by converting labels to one-hot."""

FAILS = []


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        i = it.multi_index
        x[i] += h
        plus = f(x)
        x[i] -= 2 * h
        minus = f(x)
        x[i] += h
        grad[i] = (plus - minus) / (2 * h)
        it.iternext()
    return grad


def cross_entropy_error(y, t):
    y = np.atleast_2d(np.asarray(y, dtype=float))
    t = np.asarray(t)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    t = t.reshape(y.shape)
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]


def binary_cross_entropy(y, t, eps=1e-15):
    y = np.minimum(np.maximum(np.asarray(y, dtype=float), eps), 1 - eps)
    t = np.asarray(t, dtype=float)
    losses = -(t * np.log(y) + (1 - t) * np.log1p(-y))
    return losses.sum() / losses.size


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.copy()
    for _ in range(step_num):
        x = x - lr * numerical_gradient(f, x)
    return x
