# Exercise file for ch03_losses: replace each `raise NotImplementedError` with your code.
"""Chapter 3: loss functions, numerical differentiation and gradient descent."""

# %% [markdown]
# # Chapter 3 — Loss functions and numerical gradients
#
# Learning means finding weights that make a *loss* small. This chapter writes the common losses,
# then computes their slopes the slow, reliable way, by finite differences, and walks downhill
# with gradient descent. Later chapters compute gradients fast with backpropagation and check them
# against the numerical ones written here.

# %%
import numpy as np

# %% [markdown]
# ## 1. Losses
# For a batch of $N$ predictions $y$ and targets $t$ (1-D input counts as $N = 1$):
#
# - mean squared error: $E = \frac{1}{2N} \sum (y - t)^2$;
# - cross-entropy: $E = -\frac{1}{N} \sum t \log(y + 10^{-7})$, where $t$ is one-hot (same shape as
#   $y$) or integer labels (shape `(N,)`, or one integer for 1-D $y$): then only the probability of
#   the true class counts. The $10^{-7}$ keeps $\log 0$ away;
# - binary cross-entropy: the mean over all elements of $-(t \log y + (1 - t) \log(1 - y))$, with
#   $y$ clipped to $[\epsilon, 1 - \epsilon]$ first.


# %%
def mean_squared_error(y, t):
    """0.5 * sum((y - t)**2) / N, with N the batch size (1 for 1-D input)."""
    # YOUR CODE HERE
    raise NotImplementedError("mean_squared_error is not implemented yet")


def cross_entropy_error(y, t):
    """-sum(t * log(y + 1e-7)) / N for one-hot t; for integer labels, -sum(log(y[i, t_i] + 1e-7)) / N.

    Shapes: y (D,) or (N, D); t like y (one-hot), or (N,) labels, or a scalar label for 1-D y.
    """
    # YOUR CODE HERE
    raise NotImplementedError("cross_entropy_error is not implemented yet")


def binary_cross_entropy(y, t, eps=1e-15):
    """mean(-(t log y + (1 - t) log(1 - y))) over all elements, with y clipped to [eps, 1 - eps]."""
    # YOUR CODE HERE
    raise NotImplementedError("binary_cross_entropy is not implemented yet")


# %% [markdown]
# ## 2. Numerical differentiation
# The central difference
# $$f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}$$
# has error $O(h^2)$, where the one-sided $(f(x+h) - f(x))/h$ has error $O(h)$.
#
# `numerical_gradient(f, x)` does this for every entry of an array `x` of any shape. Change `x`
# **in place**, one entry at a time, and put the old value back before moving on: some callers
# pass an `f` that ignores its argument and reads `x` through a closure (chapter 4's network does).
# `np.nditer(x, flags=["multi_index"])` or `np.ndindex(x.shape)` visits every index.


# %%
def numerical_diff(f, x, h=1e-4):
    """Central difference (f(x + h) - f(x - h)) / (2h) for a scalar x."""
    # YOUR CODE HERE
    raise NotImplementedError("numerical_diff is not implemented yet")


def numerical_gradient(f, x, h=1e-4):
    """Central-difference gradient of the scalar f(x) with respect to every entry of x.

    Shapes: x any shape (float) -> gradient of x's shape. Perturbs x in place and restores it.
    """
    # YOUR CODE HERE
    raise NotImplementedError("numerical_gradient is not implemented yet")


# %% [markdown]
# ## 3. Gradient descent
# Repeat `step_num` times: $x \leftarrow x - \eta \nabla f(x)$. Work on a copy: the caller's
# `init_x` stays as it was.


# %%
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """Return x after step_num steps x <- x - lr * numerical_gradient(f, x), from a copy of init_x."""
    # YOUR CODE HERE
    raise NotImplementedError("gradient_descent is not implemented yet")


# %% [demo]
if __name__ == "__main__":
    import matplotlib.pyplot as plt

    def bowl(x):
        return x[0] ** 2 + 3 * x[1] ** 2

    path = [np.array([-3.0, 2.0])]
    for _ in range(30):
        path.append(gradient_descent(bowl, path[-1], lr=0.05, step_num=1))
    path = np.array(path)
    grid = np.linspace(-3.5, 3.5, 101)
    X, Y = np.meshgrid(grid, grid)
    plt.contour(X, Y, X**2 + 3 * Y**2, levels=20)
    plt.plot(path[:, 0], path[:, 1], "o-")
    plt.title("Gradient descent on f(x) = x0² + 3·x1²")
    plt.show()
