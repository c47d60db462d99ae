"""Walks downhill on init_x itself: the result is right, the caller's array is changed."""

FAILS = ["ch03_losses::gradient_descent::init_x_unchanged"]


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
