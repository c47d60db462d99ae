"""Chapter 4: computational graphs and backpropagation."""

# %% [markdown]
# # Chapter 4 — Backpropagation
#
# A network is a chain of simple operations. Draw each operation as a node of a *computational
# graph*: values flow forward through the nodes, and derivatives flow backward. Each node only
# needs its **local** derivative: given the upstream gradient $\partial L / \partial \text{out}$
# (called `dout`), it multiplies by $\partial \text{out} / \partial \text{in}$ and passes the
# result on. This is the chain rule, applied node by node:
#
# $$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial \text{out}} \cdot \frac{\partial \text{out}}{\partial x}$$
#
# Every layer in this chapter is a small class with two methods:
# - `forward(...)` computes the output and keeps on `self` exactly what `backward` will need;
# - `backward(dout)` returns the gradient with respect to the inputs (and stores parameter
#   gradients such as `self.dW` on the layer).
#
# Two rules hold for every layer: **never modify the arrays you are given** (`x` in forward,
# `dout` in backward), and return gradients in the shape of the inputs.
#
# At the end you assemble the layers into a two-layer network and check the fast analytic
# gradient against the slow numerical one.

# %%
import numpy as np

# %% [markdown]
# ## 0. Helpers from earlier chapters (given)
# `softmax`, `cross_entropy_error` and `numerical_gradient` as in chapters 2 and 3. You may use
# them; you do not need to change them.


# %%
def softmax(x):
    """exp(x) / sum(exp(x)) along the last axis, shifted by the row maximum for stability.

    Shapes: x (D,) or (N, D) -> same shape; each row sums to 1.
    """
    shifted = np.asarray(x, dtype=float) - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """-sum(t * log(y + 1e-7)) / N for one-hot t; for integer labels, -sum(log(y[i, t_i] + 1e-7)) / N.

    Shapes: y (D,) or (N, D); t like y (one-hot), or (N,) labels, or a scalar label for 1-D y.
    """
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
        y = y.reshape(1, -1)
    n = y.shape[0]
    if t.shape == y.shape:  # one-hot
        return -np.sum(t * np.log(y + 1e-7)) / n
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


def numerical_gradient(f, x, h=1e-4):
    """Central-difference gradient of the scalar f(x) with respect to every entry of x.

    Shapes: x any shape (float) -> gradient of x's shape. Perturbs x in place and restores it.
    """
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f(x)
        x[index] = old - h
        minus = f(x)
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


# %% [markdown]
# ## 1. Multiplication and addition nodes
# For $\text{out} = x \cdot y$ the local derivatives are $\partial\text{out}/\partial x = y$ and
# $\partial\text{out}/\partial y = x$: the multiplication node sends back the upstream gradient
# multiplied by the *other* input, so it must remember both inputs. For $\text{out} = x + y$ both
# local derivatives are 1: the addition node passes `dout` through unchanged to both inputs.
#
# Both nodes work element-wise, for numbers and for arrays of the same shape.


# %%
class MulLayer:
    """Multiplication node: out = x * y (element-wise).

    Shapes: x, y numbers or arrays of the same shape; out like x.
    Backward: dx = dout * y; dy = dout * x. Returns (dx, dy).
    """

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        ### BEGIN SOLUTION
        self.x, self.y = x, y
        return x * y
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout * self.y, dout * self.x
        ### END SOLUTION


class AddLayer:
    """Addition node: out = x + y (element-wise).

    Shapes: x, y numbers or arrays of the same shape; out like x.
    Backward: dx = dout; dy = dout. Returns (dx, dy).
    """

    def __init__(self):
        pass

    def forward(self, x, y):
        ### BEGIN SOLUTION
        return x + y
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout, dout
        ### END SOLUTION


# %% [markdown]
# ## 2. Activation layers
# **ReLU**, $\text{out} = \max(0, x)$, has derivative 1 where $x > 0$ and 0 elsewhere. Remember
# *where* the input was $\le 0$ (a boolean mask) and zero the gradient there.
#
# **Sigmoid**, $\sigma(x) = 1 / (1 + e^{-x})$, has the pleasant derivative
# $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$: the backward pass only needs the forward *output*.
# Compute $\sigma$ without overflow: for $x \ge 0$ use $1 / (1 + e^{-x})$, for $x < 0$ use
# $e^{x} / (1 + e^{x})$, so the exponent is never positive.
#
# **Tanh**, $\tanh(x) = (e^{x} - e^{-x}) / (e^{x} + e^{-x})$, is a sigmoid stretched to $(-1, 1)$
# ($\tanh(x) = 2\sigma(2x) - 1$), and has the same kind of derivative:
# $\tanh'(x) = 1 - \tanh^2(x)$. Keep the output, and backward is `dout * (1 - out**2)`. Computing
# the derivative from the input instead, as $1 / \cosh^2(x)$, overflows at $x = 1000$; so does the
# textbook formula for the forward pass. `np.tanh` is stable.
#
# Do not write into `x` or `dout`: `dx = dout * mask` creates a new array, `dout[mask] = 0` would
# change the caller's gradient.


# %%
class Relu:
    """ReLU: out = max(0, x), element-wise.

    Shapes: x any shape; out like x.
    Backward: dx = dout where x > 0, else 0 (uses the mask saved by forward). Nothing in place.
    """

    def __init__(self):
        self.mask = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.mask = x <= 0
        return np.where(self.mask, 0, x)
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return np.where(self.mask, 0, dout)
        ### END SOLUTION


class Sigmoid:
    """Sigmoid: out = 1 / (1 + exp(-x)), element-wise, computed without overflow for any finite x.

    Shapes: x any shape; out like x.
    Backward: dx = dout * out * (1 - out) (uses the output saved by forward). Nothing in place.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        e = np.exp(-np.abs(x))  # never overflows: the exponent is <= 0
        self.out = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
        return self.out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout * self.out * (1.0 - self.out)
        ### END SOLUTION


class Tanh:
    """Tanh: out = tanh(x) = (exp(x) - exp(-x)) / (exp(x) + exp(-x)), element-wise, no overflow for any finite x.

    Shapes: x any shape; out like x.
    Backward: dx = dout * (1 - out**2) (uses the output saved by forward). Nothing in place.
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        ### BEGIN SOLUTION
        self.out = np.tanh(x)
        return self.out
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout * (1.0 - self.out**2)
        ### END SOLUTION


# %% [markdown]
# ## 3. The affine (fully connected) layer
# $\text{out} = x W + b$ for a batch $x$ of shape $(N, D)$. An input with more axes, such as
# images $(N, C, H, W)$, is first flattened to $(N, D)$ with $D = C \cdot H \cdot W$.
# With $X$ the flattened input:
#
# $$\frac{\partial L}{\partial X} = \text{dout}\, W^\top, \qquad
#   \frac{\partial L}{\partial W} = X^\top\, \text{dout}, \qquad
#   \frac{\partial L}{\partial b} = \sum_{n} \text{dout}_{n,:}$$
#
# The bias is added to every row, so its gradient sums over the batch axis. `dx` must come back in
# the *original* shape of `x`.
#
# The layer keeps the very arrays `W` and `b` it is given (no copies): an optimizer that updates
# the network's parameters in place then updates the layer too.


# %%
class Affine:
    """Fully connected layer: out = x2 @ W + b, where x2 = x.reshape(N, -1).

    Shapes: x (N, d1, ..., dk); W (D, M) with D = d1*...*dk; b (M,); out (N, M).
    Backward: dx = (dout @ W.T).reshape(x.shape); dW = x2.T @ dout; db = dout.sum(axis=0).
    Sets self.dW (D, M) and self.db (M,). W and b are the caller's arrays, not copies, so an
    in-place optimizer step reaches them.
    """

    def __init__(self, W, b):
        ### BEGIN SOLUTION
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        return (dout @ self.W.T).reshape(self.original_x_shape)
        ### END SOLUTION


# %% [markdown]
# ## 4. Softmax with cross-entropy loss
# The last layer turns scores into probabilities $y = \text{softmax}(x)$ and measures the
# cross-entropy with the targets, averaged over the batch of size $N$:
#
# $$L = -\frac{1}{N} \sum_n \log y_{n, t_n}$$
#
# The targets `t` are integer labels $(N,)$ or one-hot rows $(N, C)$. Put together, the two
# operations have a remarkably simple gradient:
#
# $$\frac{\partial L}{\partial x} = \frac{y - t_\text{one-hot}}{N}$$
#
# `backward(dout=1)` receives the upstream gradient of the loss (a number, 1 when the loss is the
# end of the graph) and must multiply by it: $dx = \text{dout}\,(y - t)/N$.
#
# Large scores such as 1000 must not overflow: shift each row by its maximum (as `softmax` does).
# Computing the loss as $\log y = x - \max - \log\sum e^{x - \max}$ avoids `log(0)` as well.


# %%
class SoftmaxWithLoss:
    """Softmax followed by the mean cross-entropy: loss = -mean_n log softmax(x)[n, t_n].

    Shapes: x (N, C) scores; t (N,) integer labels or (N, C) one-hot; loss a float.
    Backward: dx = dout * (y - t_onehot) / N, with y = softmax(x); dout a number (default 1).
    """

    def __init__(self):
        self.loss = None
        self.y = None  # softmax output
        self.t = None  # targets as one-hot rows

    def forward(self, x, t):
        ### BEGIN SOLUTION
        n, c = x.shape
        t = np.asarray(t)
        self.t = t.astype(np.float64) if t.shape == x.shape else np.eye(c)[t.astype(int)]
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.y = np.exp(log_y)
        self.loss = float(-np.sum(self.t * log_y) / n)
        return self.loss
        ### END SOLUTION

    def backward(self, dout=1):
        ### BEGIN SOLUTION
        n = self.y.shape[0]
        return dout * (self.y - self.t) / n
        ### END SOLUTION


# %% [markdown]
# ## 5. A two-layer network
# Chain the layers: Affine → ReLU → Affine → SoftmaxWithLoss. The parameters live in one dict,
# `self.params` with keys `W1 b1 W2 b2`; the Affine layers hold references to those very arrays.
# Initialize the weights as `weight_init_std` times standard normal draws from
# `np.random.default_rng(seed)`, and the biases with zeros.
#
# - `predict(x)` runs the layers up to the scores (no softmax: the largest score wins anyway).
# - `loss(x, t)` adds the last layer.
# - `accuracy(x, t)` is the fraction of samples whose top score is the target class (`t` labels
#   or one-hot).
# - `numerical_gradient(x, t)` differentiates `loss` numerically with respect to every parameter,
#   using the helper `numerical_gradient` above: it perturbs `self.params[key]` in place, which
#   reaches the layers because they hold the same arrays.
# - `gradient(x, t)` does the same with one forward and one backward pass, and is much faster.
#   Comparing the two is the *gradient check*.


# %%
class TwoLayerNet:
    """Affine -> Relu -> Affine -> SoftmaxWithLoss, with parameters in self.params.

    Shapes: params W1 (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size, output_size),
    b2 (output_size,); x (N, input_size); t (N,) labels or (N, output_size) one-hot.
    Weights are weight_init_std * standard normal draws from np.random.default_rng(seed); biases 0.
    The layers hold the arrays of self.params, so updating params[key] in place changes the net.
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        ### BEGIN SOLUTION
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        self.layers = {
            "Affine1": Affine(self.params["W1"], self.params["b1"]),
            "Relu1": Relu(),
            "Affine2": Affine(self.params["W2"], self.params["b2"]),
        }
        self.last_layer = SoftmaxWithLoss()
        ### END SOLUTION

    def predict(self, x):
        """Scores (N, output_size) for x (N, input_size)."""
        ### BEGIN SOLUTION
        for layer in self.layers.values():
            x = layer.forward(x)
        return x
        ### END SOLUTION

    def loss(self, x, t):
        """The mean cross-entropy loss (a float)."""
        ### BEGIN SOLUTION
        return self.last_layer.forward(self.predict(x), t)
        ### END SOLUTION

    def accuracy(self, x, t):
        """Fraction of samples whose highest score is the target class (a float in [0, 1])."""
        ### BEGIN SOLUTION
        predicted = np.argmax(self.predict(x), axis=1)
        t = np.asarray(t)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.mean(predicted == t))
        ### END SOLUTION

    def numerical_gradient(self, x, t):
        """{key: d loss / d params[key]} by central differences (slow; for checking)."""
        ### BEGIN SOLUTION
        def loss_of_params(_):
            return self.loss(x, t)

        return {key: numerical_gradient(loss_of_params, self.params[key]) for key in self.params}
        ### END SOLUTION

    def gradient(self, x, t):
        """{key: d loss / d params[key]} by backpropagation."""
        ### BEGIN SOLUTION
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        first, second = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}
        ### END SOLUTION


# %% [demo]
# Gradient check: the analytic gradient agrees with the numerical one to many digits.
if __name__ == "__main__":
    demo_rng = np.random.default_rng(0)
    net = TwoLayerNet(input_size=8, hidden_size=6, output_size=3, weight_init_std=0.5, seed=0)
    x_batch = demo_rng.normal(size=(5, 8))
    t_batch = demo_rng.integers(0, 3, size=5)
    numeric = net.numerical_gradient(x_batch, t_batch)
    analytic = net.gradient(x_batch, t_batch)
    for key in net.params:
        diff = np.max(np.abs(numeric[key] - analytic[key]))
        print(f"{key}: max |numerical - backprop| = {diff:.2e}")
