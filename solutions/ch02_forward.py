"""Chapter 2: activation functions and the forward pass of a three-layer network."""

# %% [markdown]
# # Chapter 2 — Activations and the forward pass
#
# A neural network is perceptrons stacked in layers, with the hard step replaced by smooth
# *activation functions*. Each layer computes $a = xW + b$ and passes $h(a)$ on. This chapter
# writes the activations, softmax for the output, and the forward pass of a three-layer net.

# %%
import numpy as np

# %% [markdown]
# ## 1. Activation functions
#
# - step: $h(x) = 1$ if $x > 0$ else $0$ (an integer array);
# - sigmoid: $\sigma(x) = 1 / (1 + e^{-x})$. For $x = -1000$, $e^{1000}$ overflows. Compute it in a
#   form that never exponentiates a large positive number: $\sigma(x) = e^{x} / (1 + e^{x})$ for
#   $x < 0$. No warning may be printed for any finite input;
# - tanh: $\tanh(x) = (e^{x} - e^{-x}) / (e^{x} + e^{-x})$, with values in $(-1, 1)$. Written that way
#   it overflows too ($e^{1000}$ is `inf`, and `inf / inf` is `nan`). Multiply numerator and
#   denominator by $e^{-2|x|}$: $\tanh(x) = \operatorname{sign}(x)\,(1 - e^{-2|x|}) / (1 + e^{-2|x|})$, whose
#   exponent is never positive (`np.tanh` does this for you). No warning for any finite input;
# - ReLU: $\max(0, x)$; identity: $x$.
#
# Each returns a new array and leaves its input as it was.


# %%
def step_function(x):
    """1 where x > 0, else 0, as an integer array of x's shape."""
    ### BEGIN SOLUTION
    return (np.asarray(x) > 0).astype(int)
    ### END SOLUTION


def sigmoid(x):
    """1 / (1 + exp(-x)), element-wise; computed as exp(x) / (1 + exp(x)) where x < 0 for stability."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))  # never overflows: the exponent is <= 0
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    ### END SOLUTION


def tanh(x):
    """Hyperbolic tangent, element-wise, in (-1, 1); computed from exp(-2|x|) so nothing overflows.

    Shapes: x any shape -> same shape.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    z = np.exp(-2.0 * np.abs(x))  # never overflows: the exponent is <= 0
    return np.sign(x) * (1.0 - z) / (1.0 + z)
    ### END SOLUTION


def relu(x):
    """max(0, x), element-wise."""
    ### BEGIN SOLUTION
    return np.maximum(0, x)
    ### END SOLUTION


def identity_function(x):
    """x itself (the output activation for regression)."""
    ### BEGIN SOLUTION
    return x
    ### END SOLUTION


# %% [demo]
# The four activations side by side, and their derivatives: step's is 0 everywhere but at 0 (so
# nothing can be learned through it), sigmoid's is at most 1/4, tanh's reaches 1 at 0, ReLU's is
# 1 for every positive input.
if __name__ == "__main__":
    import matplotlib.pyplot as plt

    xs = np.linspace(-5, 5, 1001)
    s, th = sigmoid(xs), tanh(xs)
    curves = {
        "step": (step_function(xs), np.zeros_like(xs)),
        "sigmoid": (s, s * (1 - s)),
        "tanh": (th, 1 - th**2),
        "ReLU": (relu(xs), (xs > 0).astype(float)),
    }
    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 3.8))
    for name, (values, slope) in curves.items():
        ax_f.plot(xs, values, label=name)
        ax_d.plot(xs, slope, label=name)
    ax_f.set_ylim(-1.2, 2.0)
    ax_f.set_title("h(x)")
    ax_d.set_ylim(-0.1, 1.2)
    ax_d.set_title("h'(x)")
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="0.8", linewidth=0.8)
        ax.set_xlabel("x")
        ax.legend()
    fig.suptitle("Activation functions and their derivatives")
    fig.tight_layout()
    plt.show()

# %% [markdown]
# ## 2. Softmax
# $$y_k = \frac{e^{a_k}}{\sum_i e^{a_i}}$$
# along the last axis, for a vector `(D,)` or a batch `(N, D)`. Subtracting the maximum of each
# row first does not change the result ($e^{a - c} / \sum e^{a_i - c}$) and keeps $e^{1000}$ from
# overflowing.


# %%
def softmax(x):
    """exp(x) / sum(exp(x)) along the last axis, shifted by the row maximum for stability.

    Shapes: x (D,) or (N, D) -> same shape; each row sums to 1.
    """
    ### BEGIN SOLUTION
    shifted = np.asarray(x, dtype=float) - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
    ### END SOLUTION


# %% [markdown]
# ## 3. A three-layer network
# `init_network(seed)` returns the weights of a 2-3-2-2 network (random, small, reproducible with
# a seed). `forward` computes
# $$z_1 = \sigma(xW_1 + b_1),\quad z_2 = \sigma(z_1W_2 + b_2),\quad y = z_2W_3 + b_3$$
# for one sample `(D,)` or a batch `(N, D)`, and works for any widths that fit the weights.


# %%
def init_network(seed=None):
    """Weights of a 2-3-2-2 network: W1 (2,3), b1 (3,), W2 (3,2), b2 (2,), W3 (2,2), b3 (2,).

    Drawn from N(0, 0.5^2) with np.random.default_rng(seed): the same seed gives the same network.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    shapes = {"W1": (2, 3), "b1": (3,), "W2": (3, 2), "b2": (2,), "W3": (2, 2), "b3": (2,)}
    return {name: rng.normal(scale=0.5, size=shape) for name, shape in shapes.items()}
    ### END SOLUTION


def forward(network, x):
    """The output a3 = sigmoid(sigmoid(x W1 + b1) W2 + b2) W3 + b3 (identity output).

    Shapes: x (D,) or (N, D); W1 (D, H1), W2 (H1, H2), W3 (H2, M) -> a3 (M,) or (N, M).
    """
    ### BEGIN SOLUTION
    z1 = sigmoid(x @ network["W1"] + network["b1"])
    z2 = sigmoid(z1 @ network["W2"] + network["b2"])
    return identity_function(z2 @ network["W3"] + network["b3"])
    ### END SOLUTION
