"""gradient_descent with the default lr=0.1 (the rate of the book's examples) instead of SPEC's 0.01."""

FAILS = ["ch03_losses::gradient_descent::default_arguments"]


def gradient_descent(f, init_x, lr=0.1, step_num=100):
    x = np.array(init_x, dtype=float)
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
