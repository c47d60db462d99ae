"""numerical_gradient ignores its h argument and always uses 1e-4."""

FAILS = ["ch03_losses::numerical_gradient::uses_h"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + 1e-4
        plus = f(x)
        x[index] = old - 1e-4
        minus = f(x)
        x[index] = old
        grad[index] = (plus - minus) / 2e-4
    return grad
