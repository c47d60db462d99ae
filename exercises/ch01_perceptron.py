# Exercise file for ch01_perceptron: replace each `raise NotImplementedError` with your code.
"""Chapter 1: the perceptron and logic gates."""

# %% [markdown]
# # Chapter 1 — The perceptron
#
# A perceptron takes inputs $x_1, \dots, x_d$, weighs them and fires when the weighted sum
# passes a threshold. Writing the threshold as a bias $b$:
#
# $$y = \begin{cases} 1 & \text{if } w \cdot x + b > 0 \\ 0 & \text{otherwise} \end{cases}$$
#
# With well-chosen $(w, b)$ one perceptron computes AND, NAND or OR. XOR needs two layers:
# no single line separates its 1s from its 0s.

# %%
import numpy as np

# %% [markdown]
# ## 1. The perceptron
# Write `perceptron(x, w, b)` for one sample `x` of shape `(d,)` (return a Python `int`) and for a
# batch of shape `(N, d)` (return an integer array of shape `(N,)`). Note the strict `>`: a sum of
# exactly 0 gives 0.


# %%
def perceptron(x, w, b):
    """1 where w·x + b > 0, else 0.

    Shapes: x (d,) -> int, or x (N, d) -> int array (N,); w (d,); b a number.
    """
    # YOUR CODE HERE
    raise NotImplementedError("perceptron is not implemented yet")


# %% [markdown]
# ## 2. Logic gates
# Choose a weight vector and a bias for each gate, so that the gate's truth table comes out:
#
# | x1 | x2 | AND | NAND | OR |
# |----|----|-----|------|----|
# | 0  | 0  | 0   | 1    | 0  |
# | 1  | 0  | 0   | 1    | 1  |
# | 0  | 1  | 0   | 1    | 1  |
# | 1  | 1  | 1   | 0    | 1  |
#
# Many choices work: any line that separates the 1s from the 0s.

# %%
GATE_PARAMS = None  # YOUR CODE HERE


# %%
def AND(x1, x2):
    """AND of two bits: one perceptron with GATE_PARAMS["AND"]. Returns an int."""
    w, b = GATE_PARAMS["AND"]
    return perceptron(np.array([x1, x2]), w, b)


def NAND(x1, x2):
    """NAND of two bits: one perceptron with GATE_PARAMS["NAND"]. Returns an int."""
    w, b = GATE_PARAMS["NAND"]
    return perceptron(np.array([x1, x2]), w, b)


def OR(x1, x2):
    """OR of two bits: one perceptron with GATE_PARAMS["OR"]. Returns an int."""
    w, b = GATE_PARAMS["OR"]
    return perceptron(np.array([x1, x2]), w, b)


# %% [markdown]
# ## 3. XOR: a two-layer perceptron
# XOR is 1 when exactly one input is 1. Build it from the gates above only:
# one layer computes NAND and OR of the inputs, the next layer ANDs them.


# %%
def XOR(x1, x2):
    """XOR of two bits from NAND, OR and AND (a two-layer perceptron). Returns an int."""
    # YOUR CODE HERE
    raise NotImplementedError("XOR is not implemented yet")


# %% [markdown]
# ## 4. Learning the weights
# Instead of choosing weights by hand, let the perceptron learn them. Start from zeros and visit
# the samples (in an order shuffled by `seed` each epoch); after each sample with prediction
# $\hat y$ and label $y$:
#
# $$w \leftarrow w + \eta\,(y - \hat y)\,x, \qquad b \leftarrow b + \eta\,(y - \hat y)$$
#
# A sample predicted right leaves the weights as they are. If the data are linearly separable,
# the rule stops making mistakes after finitely many updates (the perceptron convergence theorem).


# %%
def train_perceptron(X, y, lr=0.1, epochs=100, seed=None):
    """Learn (w, b) with the perceptron rule; returns (w of shape (d,), b a float).

    Shapes: X (N, d); y (N,) of 0/1 labels. Stops early after an epoch without mistakes.
    The same seed gives the same result; X and y are not modified.
    """
    # YOUR CODE HERE
    raise NotImplementedError("train_perceptron is not implemented yet")
