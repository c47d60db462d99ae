# Exercise file for ch05_optimizers: replace each `raise NotImplementedError` with your code.
"""Chapter 5: learning techniques — optimizers, weight initialization, dropout, weight decay."""

# %% [markdown]
# # Chapter 5 — Learning techniques
#
# Backpropagation gives the gradient $\nabla_W L$ of the loss with respect to every parameter.
# This chapter is about what to *do* with it, and about three habits that make training work:
#
# 1. **Optimizers** turn gradients into parameter updates: SGD, Momentum, AdaGrad, RMSprop, Adam.
# 2. **Weight initialization** (He, Xavier) keeps activations from vanishing or exploding.
# 3. **Regularization** against overfitting: dropout and weight decay (an L2 penalty).
#
# Every optimizer has the same interface, `update(params, grads)`, where `params` and `grads` are
# dicts with the same keys (`W1`, `b1`, ...). It changes each array of `params` **in place**
# (`params[key] -= ...`, never `params[key] = params[key] - ...`): the network's layers hold
# those very arrays, so a new array would leave the network unchanged. An optimizer with memory
# (a velocity, a running average) keeps it **per key**, in a dict, because each parameter has
# its own shape and its own history. It may create that state on the first call to `update`.

# %%
import numpy as np

# %% [markdown]
# ## 1. Stochastic gradient descent
# Step against the gradient with learning rate $\eta$:
#
# $$W \leftarrow W - \eta \, \frac{\partial L}{\partial W}$$
#
# Simple, but on a loss surface that is steep in one direction and flat in another, SGD zig-zags
# across the valley and crawls along it.


# %%
class SGD:
    """Plain gradient descent: p -= lr * g for every key, in place.

    Shapes: params and grads are dicts {key: array}, grads[key] shaped like params[key].
    """

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # YOUR CODE HERE
        raise NotImplementedError("SGD.update is not implemented yet")


# %% [markdown]
# ## 2. Momentum
# Let the updates build up speed, like a ball rolling downhill. A velocity $v$ (zero at first)
# remembers past steps; the friction factor $\alpha$ (`momentum`, e.g. 0.9) makes it fade:
#
# $$v \leftarrow \alpha v - \eta \frac{\partial L}{\partial W}, \qquad W \leftarrow W + v$$
#
# Mind the signs: the velocity points *downhill*, so the parameter is increased by $v$.
# Keep one velocity per key of `params`.


# %%
class Momentum:
    """Momentum SGD: v = momentum*v - lr*g; p += v (v starts at 0, one velocity per key).

    Shapes: params and grads are dicts {key: array}; self.v[key] is shaped like params[key].
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = {}  # key -> velocity, created on the first update that sees the key

    def update(self, params, grads):
        # YOUR CODE HERE
        raise NotImplementedError("Momentum.update is not implemented yet")


# %% [markdown]
# ## 3. AdaGrad
# Give each parameter its own learning rate: divide by the root of the sum of its squared past
# gradients, so parameters that already moved a lot slow down:
#
# $$h \leftarrow h + g \odot g, \qquad W \leftarrow W - \eta \, \frac{g}{\sqrt{h} + \varepsilon}$$
#
# The small $\varepsilon$ (`eps`) matters: where a gradient has been exactly 0 so far, $h = 0$,
# and without it the update is $0/0$ = `nan`.


# %%
class AdaGrad:
    """AdaGrad: h += g*g; p -= lr * g / (sqrt(h) + eps) (h starts at 0, one per key).

    Shapes: params and grads are dicts {key: array}; self.h[key] is shaped like params[key].
    """

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.h = {}  # key -> sum of squared gradients

    def update(self, params, grads):
        # YOUR CODE HERE
        raise NotImplementedError("AdaGrad.update is not implemented yet")


# %% [markdown]
# ## 4. RMSprop
# AdaGrad's sum only grows, so its steps shrink towards zero. RMSprop replaces the sum by an
# exponential moving average with decay rate $\rho$ (`decay_rate`), which forgets old gradients:
#
# $$h \leftarrow \rho h + (1 - \rho)\, g \odot g, \qquad W \leftarrow W - \eta \, \frac{g}{\sqrt{h} + \varepsilon}$$


# %%
class RMSprop:
    """RMSprop: h = decay_rate*h + (1 - decay_rate)*g*g; p -= lr * g / (sqrt(h) + eps).

    Shapes: params and grads are dicts {key: array}; self.h[key] is shaped like params[key].
    """

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = {}  # key -> moving average of squared gradients

    def update(self, params, grads):
        # YOUR CODE HERE
        raise NotImplementedError("RMSprop.update is not implemented yet")


# %% [markdown]
# ## 5. Adam
# Adam combines both ideas: a moving average $m$ of the gradients (momentum) and a moving
# average $v$ of their squares (RMSprop). Both start at 0, so early on they are biased towards 0;
# dividing by $1 - \beta^t$ corrects that, with $t = 1, 2, \dots$ counting the calls to `update`:
#
# $$m \leftarrow \beta_1 m + (1 - \beta_1)\, g, \qquad v \leftarrow \beta_2 v + (1 - \beta_2)\, g \odot g$$
# $$\hat m = \frac{m}{1 - \beta_1^t}, \qquad \hat v = \frac{v}{1 - \beta_2^t}, \qquad
#   W \leftarrow W - \eta\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon}$$
#
# With the bias correction, the very first step is about $\eta \cdot \text{sign}(g)$ for every
# entry. (The Adam paper also gives an "efficient" order that folds the correction into the
# learning rate, $\eta_t = \eta \sqrt{1 - \beta_2^t} / (1 - \beta_1^t)$; it differs from the
# formula above only in how $\varepsilon$ enters.)


# %%
class Adam:
    """Adam with bias correction: m, v moving averages of g and g*g; p -= lr*m_hat/(sqrt(v_hat) + eps).

    Shapes: params and grads are dicts {key: array}; self.m[key], self.v[key] shaped like params[key].
    self.t counts the calls to update, starting at 1 for the first.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.m = {}  # key -> moving average of gradients
        self.v = {}  # key -> moving average of squared gradients

    def update(self, params, grads):
        # YOUR CODE HERE
        raise NotImplementedError("Adam.update is not implemented yet")


# %% [markdown]
# ## 6. Weight initialization
# If all weights start equal, all units of a layer compute the same thing forever; if they start
# too large or too small, activations saturate or vanish layer after layer. Draw them from a
# normal distribution whose spread depends on $n_\text{in}$ (`fan_in`), the number of inputs
# that feed one unit:
#
# - **Xavier** (Glorot), for sigmoid/tanh: $\sigma = \sqrt{1 / n_\text{in}}$;
# - **He**, for ReLU (which zeroes half of its inputs): $\sigma = \sqrt{2 / n_\text{in}}$.
#
# For a fully connected weight of shape `(D, M)`, `fan_in = D`, the first axis. For a
# convolution filter bank of shape `(FN, C, FH, FW)`, one output sees `C * FH * FW` inputs, so
# `fan_in = C * FH * FW`, the product of all axes but the first.
#
# Write the rule once in `fan_in(shape)` and use it in both initializers.
#
# Draw from the generator `rng` (a `numpy.random.Generator`) when one is given, so the same seed
# gives the same weights; with `rng=None` use a fresh `np.random.default_rng()`.


# %%
def fan_in(shape):
    """Inputs per unit (an int): shape[0] for a (D, M) weight, prod(shape[1:]) for a (FN, C, FH, FW) filter."""
    # YOUR CODE HERE
    raise NotImplementedError("fan_in is not implemented yet")


def he_normal(shape, rng=None):
    """Normal draws with mean 0 and std sqrt(2 / fan_in) (He et al., for ReLU layers).

    Shapes: shape is a 2-D (D, M) or 4-D (FN, C, FH, FW) tuple; returns an array of that shape.
    """
    # YOUR CODE HERE
    raise NotImplementedError("he_normal is not implemented yet")


def xavier_normal(shape, rng=None):
    """Normal draws with mean 0 and std sqrt(1 / fan_in) (Glorot and Bengio, for sigmoid/tanh).

    Shapes: shape is a 2-D (D, M) or 4-D (FN, C, FH, FW) tuple; returns an array of that shape.
    """
    # YOUR CODE HERE
    raise NotImplementedError("xavier_normal is not implemented yet")


# %% [markdown]
# ## 7. Dropout
# During training, switch off each unit at random with probability $r$ (`dropout_ratio`), so the
# network cannot rely on any single unit. At test time use all units.
#
# In **inverted** dropout the kept units are scaled by $1/(1 - r)$ during training, so the
# expected value of each output equals its input, and test mode is simply the identity:
#
# $$\text{out} = \frac{x \odot \text{mask}}{1 - r}, \qquad \text{mask}_i \sim \text{Bernoulli}(1 - r)$$
#
# Backward routes the gradient through the same mask with the same scale. Draw the mask from
# `self.rng`, the generator made from `seed`, so the same seed gives the same masks.


# %%
class Dropout:
    """Inverted dropout: out = x * mask / (1 - dropout_ratio) in training, out = x in test mode.

    Shapes: x any shape; out like x; self.mask boolean like x (True = kept, probability
    1 - dropout_ratio). Backward: dx = dout * mask / (1 - dropout_ratio). Nothing in place.
    """

    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)
        self.mask = None

    def forward(self, x, train_flg=True):
        # YOUR CODE HERE
        raise NotImplementedError("Dropout.forward is not implemented yet")

    def backward(self, dout):
        # YOUR CODE HERE
        raise NotImplementedError("Dropout.backward is not implemented yet")


# %% [markdown]
# ## 8. Weight decay
# Large weights often mean overfitting. Weight decay adds an L2 penalty on the **weights** (not
# the biases) to the loss, with strength $\lambda$:
#
# $$L' = L + \frac{\lambda}{2} \sum_{k:\ \text{key starts with W}} \lVert W_k \rVert^2,
#   \qquad \frac{\partial L'}{\partial W_k} = \frac{\partial L}{\partial W_k} + \lambda W_k$$
#
# Write the penalty and its gradient; a training loop adds them to the loss and to `grads`.


# %%
def l2_penalty(params, weight_decay_lambda):
    """0.5 * lambda * sum of W**2 over the keys of params that start with "W" (a float)."""
    # YOUR CODE HERE
    raise NotImplementedError("l2_penalty is not implemented yet")


def l2_penalty_grad(params, weight_decay_lambda):
    """{key: lambda * W} for the keys of params that start with "W" (and no other keys)."""
    # YOUR CODE HERE
    raise NotImplementedError("l2_penalty_grad is not implemented yet")


# %% [markdown]
# ## 9. Comparing the optimizers
# As in the book's comparison on MNIST, train the same small network (64 → 50 → 10, ReLU, He
# initialization) with each optimizer on scikit-learn's bundled 8×8 digits, with the same
# mini-batches, and plot the training loss side by side. The network is written inline with
# numpy; the optimizers are yours.


# %% [demo]
if __name__ == "__main__":
    import matplotlib.pyplot as plt
    from sklearn.datasets import load_digits

    digits = load_digits()
    data_rng = np.random.default_rng(0)
    order = data_rng.permutation(len(digits.target))
    x_all, t_all = digits.data[order] / 16.0, digits.target[order]
    x_train, t_train, x_test, t_test = x_all[:1500], t_all[:1500], x_all[1500:], t_all[1500:]

    def forward_backward(params, x, t):
        """Loss and gradients of Affine -> ReLU -> Affine -> softmax cross-entropy."""
        a1 = x @ params["W1"] + params["b1"]
        z1 = np.maximum(a1, 0)
        scores = z1 @ params["W2"] + params["b2"]
        scores = scores - scores.max(axis=1, keepdims=True)
        log_y = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        n = len(t)
        loss = -log_y[np.arange(n), t].mean()
        dscores = np.exp(log_y)
        dscores[np.arange(n), t] -= 1
        dscores /= n
        dz1 = dscores @ params["W2"].T * (a1 > 0)
        grads = {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": z1.T @ dscores, "b2": dscores.sum(axis=0)}
        return loss, grads

    def accuracy(params, x, t):
        hidden = np.maximum(x @ params["W1"] + params["b1"], 0)
        return np.mean(np.argmax(hidden @ params["W2"] + params["b2"], axis=1) == t)

    optimizers = {"SGD": SGD(), "Momentum": Momentum(), "AdaGrad": AdaGrad(), "RMSprop": RMSprop(), "Adam": Adam()}
    iterations, batch_size = 1000, 64
    curves, scores = {}, {}
    for name, optimizer in optimizers.items():
        init_rng = np.random.default_rng(1)  # the same initial weights for every optimizer
        params = {"W1": he_normal((64, 50), init_rng), "b1": np.zeros(50),
                  "W2": he_normal((50, 10), init_rng), "b2": np.zeros(10)}
        batch_rng = np.random.default_rng(2)  # the same mini-batches for every optimizer
        losses = []
        for _ in range(iterations):
            batch = batch_rng.choice(len(x_train), batch_size, replace=False)
            loss, grads = forward_backward(params, x_train[batch], t_train[batch])
            optimizer.update(params, grads)
            losses.append(loss)
        curves[name], scores[name] = np.array(losses), accuracy(params, x_test, t_test)

    def smooth(values, width=20):
        return np.convolve(values, np.ones(width) / width, mode="valid")

    fig, axes = plt.subplots(1, len(curves), figsize=(3.2 * len(curves), 3.0), sharey=True)
    for ax, (name, losses) in zip(axes, curves.items()):
        ax.plot(losses, color="0.8", linewidth=0.8)
        ax.plot(np.arange(len(smooth(losses))) + 10, smooth(losses), color="C0")
        ax.set_title(f"{name}\ntest accuracy {scores[name]:.1%}")
        ax.set_xlabel("iteration")
        ax.set_ylim(0, 2.5)
    axes[0].set_ylabel("training loss")
    fig.suptitle("The same network on 8x8 digits, trained with each optimizer")
    fig.tight_layout()
    plt.show()
