"""Loops over rows and columns, so only 2-D arrays work (gradient descent on 1-D x breaks too)."""

FAILS = [
    "ch03_losses::numerical_gradient::any_dimensions",
    "ch03_losses::gradient_descent::final_x",
    "ch03_losses::gradient_descent::init_x_unchanged",
    "ch03_losses::gradient_descent::default_arguments",
]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            old = x[i, j]
            x[i, j] = old + h
            plus = f(x)
            x[i, j] = old - h
            minus = f(x)
            x[i, j] = old
            grad[i, j] = (plus - minus) / (2 * h)
    return grad
