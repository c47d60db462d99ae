"""Forgets to put each entry back: x drifts by -h per entry and the caller's x is changed."""

FAILS = [
    "ch03_losses::numerical_gradient::restores_x",
    "ch03_losses::numerical_gradient::matrix",
    "ch03_losses::numerical_gradient::f_reads_x_through_closure",
    "ch03_losses::numerical_gradient::any_dimensions",
    "ch03_losses::gradient_descent::final_x",
    "ch03_losses::gradient_descent::honors_lr_and_step_num",
    "ch03_losses::gradient_descent::init_x_unchanged",
    "ch03_losses::numerical_gradient::uses_h",
    "ch03_losses::gradient_descent::default_arguments",
]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f(x)
        x[index] = old - h
        grad[index] = (plus - f(x)) / (2 * h)
    return grad
