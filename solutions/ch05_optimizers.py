"""Chapter 5: learning techniques — optimizers, weight initialization, dropout, weight decay."""

# %% [markdown]
# # Chapter 5 — Learning techniques
#
# Backpropagation gives the gradient $\nabla_W L$ of the loss with respect to every parameter.
# This chapter is about what to *do* with it, and about three habits that make training work:
#
# 1. **Optimizers** turn gradients into parameter updates: SGD, Momentum, AdaGrad, RMSprop, Adam.
# 2. **Weight initialization** (He, Xavier) keeps activations from vanishing or exploding.
# 3. **Regularization** against overfitting: dropout and weight decay (an L2 or an L1 penalty).
# 4. **Learning-rate schedules**, which lower the step size as training goes on.
#
# Every optimizer has the same interface, `update(params, grads)`, where `params` and `grads` are
# dicts with the same keys (`W1`, `b1`, ...). It changes each array of `params` **in place**
# (`params[key] -= ...`, never `params[key] = params[key] - ...`): the network's layers hold
# those very arrays, so a new array would leave the network unchanged. An optimizer with memory
# (a velocity, a running average) keeps it **per key**, in a dict, because each parameter has
# its own shape and its own history. It may create that state on the first call to `update`.
#
# The learning rate `lr` is a number or a *schedule* (section 9): a callable `lr(step)`. The
# optimizer counts its updates from 0 (one count per call to `update`, not per key), and update
# number `t` uses `lr(t)`. Write that rule once, in `learning_rate(lr, step)`, and use it in every
# optimizer.

# %%
import numpy as np

# %%
def learning_rate(lr, step):
    """The learning rate of update number `step` (from 0): lr(step) when lr is a schedule, else lr."""
    ### BEGIN SOLUTION
    return lr(step) if callable(lr) else lr
    ### END SOLUTION


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
    lr is a number or a schedule: update number t (from 0, one per call of update) uses lr(t).
    """

    def __init__(self, lr=0.01):
        self.lr = lr  # a number or a schedule lr(step)
        self.iterations = 0  # updates done so far

    def update(self, params, grads):
        ### BEGIN SOLUTION
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            params[key] -= lr * grads[key]
        ### END SOLUTION


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
    lr is a number or a schedule: update number t (from 0, one per call of update) uses lr(t).
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.iterations = 0  # updates done so far
        self.v = {}  # key -> velocity, created on the first update that sees the key

    def update(self, params, grads):
        ### BEGIN SOLUTION
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] - lr * grads[key]
            params[key] += self.v[key]
        ### END SOLUTION


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
    lr is a number or a schedule: update number t (from 0, one per call of update) uses lr(t).
    """

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.iterations = 0  # updates done so far
        self.h = {}  # key -> sum of squared gradients

    def update(self, params, grads):
        ### BEGIN SOLUTION
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
        ### END SOLUTION


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
    lr is a number or a schedule: update number t (from 0, one per call of update) uses lr(t).
    """

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.iterations = 0  # updates done so far
        self.h = {}  # key -> moving average of squared gradients

    def update(self, params, grads):
        ### BEGIN SOLUTION
        lr = learning_rate(self.lr, self.iterations)
        self.iterations += 1
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
        ### END SOLUTION


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
    self.t counts the calls to update, starting at 1 for the first; that update uses the learning
    rate of step t - 1 (the first update uses lr(0) when lr is a schedule).
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
        ### BEGIN SOLUTION
        self.t += 1
        lr = learning_rate(self.lr, self.t - 1)
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            g = grads[key]
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= lr * m_hat / (np.sqrt(v_hat) + self.eps)
        ### END SOLUTION


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
    ### BEGIN SOLUTION
    return shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))
    ### END SOLUTION


def he_normal(shape, rng=None):
    """Normal draws with mean 0 and std sqrt(2 / fan_in) (He et al., for ReLU layers).

    Shapes: shape is a 2-D (D, M) or 4-D (FN, C, FH, FW) tuple; returns an array of that shape.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng() if rng is None else rng
    return np.sqrt(2.0 / fan_in(shape)) * rng.standard_normal(shape)
    ### END SOLUTION


def xavier_normal(shape, rng=None):
    """Normal draws with mean 0 and std sqrt(1 / fan_in) (Glorot and Bengio, for sigmoid/tanh).

    Shapes: shape is a 2-D (D, M) or 4-D (FN, C, FH, FW) tuple; returns an array of that shape.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng() if rng is None else rng
    return np.sqrt(1.0 / fan_in(shape)) * rng.standard_normal(shape)
    ### END SOLUTION


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
        ### BEGIN SOLUTION
        if not train_flg:
            return x
        self.mask = self.rng.random(x.shape) >= self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)
        ### END SOLUTION

    def backward(self, dout):
        ### BEGIN SOLUTION
        return dout * self.mask / (1.0 - self.dropout_ratio)
        ### END SOLUTION


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
    ### BEGIN SOLUTION
    total = sum(np.sum(w**2) for key, w in params.items() if key.startswith("W"))
    return float(0.5 * weight_decay_lambda * total)
    ### END SOLUTION


def l2_penalty_grad(params, weight_decay_lambda):
    """{key: lambda * W} for the keys of params that start with "W" (and no other keys)."""
    ### BEGIN SOLUTION
    return {key: weight_decay_lambda * w for key, w in params.items() if key.startswith("W")}
    ### END SOLUTION


# %% [markdown]
# ### L1 weight decay
# An L1 penalty uses absolute values instead of squares:
#
# $$L' = L + \lambda \sum_{k:\ \text{key starts with W}} \sum_{i} |W_{k,i}|,
#   \qquad \frac{\partial L'}{\partial W_k} = \frac{\partial L}{\partial W_k} + \lambda \operatorname{sign}(W_k)$$
#
# $|w|$ has no derivative at $w = 0$; use the subgradient 0 there (`np.sign(0)` is 0). The
# difference to L2 is in the size of the pull: L2 pulls a weight back by $\lambda w$, which vanishes
# as $w$ gets small, so weights shrink but stay nonzero; L1 pulls by $\lambda$ whatever the size, so
# weights that the loss does not need are driven all the way to (about) zero. L1 makes the weights
# *sparse*.


# %%
def l1_penalty(params, weight_decay_lambda):
    """lambda * sum of |W| over the keys of params that start with "W" (a float)."""
    ### BEGIN SOLUTION
    total = sum(np.sum(np.abs(w)) for key, w in params.items() if key.startswith("W"))
    return float(weight_decay_lambda * total)
    ### END SOLUTION


def l1_penalty_grad(params, weight_decay_lambda):
    """{key: lambda * sign(W)} for the keys of params that start with "W" (0 where W == 0)."""
    ### BEGIN SOLUTION
    return {key: weight_decay_lambda * np.sign(w) for key, w in params.items() if key.startswith("W")}
    ### END SOLUTION


# %% [markdown]
# ## 9. Learning-rate schedules
# A large learning rate makes fast progress at first but then jumps around the minimum; a small one
# settles but crawls. A *schedule* starts large and lowers the rate as training goes on. It is a
# callable, `schedule(step)` → learning rate, with `step` = 0, 1, 2, ... counting the updates; pass
# it to an optimizer as `lr` (see `learning_rate` above). Three common shapes, with the values of
# Keras' schedules of the same names:
#
# - **StepDecay**: multiply by `drop` every `steps_per_drop` steps,
#   $\eta_0 \cdot \text{drop}^{\lfloor \text{step} / \text{steps\_per\_drop} \rfloor}$ (integer division).
# - **ExponentialDecay**: $\eta_0 \cdot \text{decay\_rate}^{\text{step} / \text{decay\_steps}}$, a smooth
#   curve through the same points; with `staircase=True` the exponent is floored, which gives steps.
# - **CosineDecay**: half a cosine from $\eta_0$ down to $\alpha \eta_0$ over `decay_steps`, then flat:
#   $\eta_0 \left((1 - \alpha) \tfrac{1}{2}\left(1 + \cos(\pi\, s / \text{decay\_steps})\right) + \alpha\right)$ with
#   $s = \min(\text{step}, \text{decay\_steps})$. With a `warmup_target`, the rate first rises linearly
#   from $\eta_0$ to `warmup_target` over `warmup_steps` steps (a gentle start, while Adam's averages
#   and batch statistics settle), and then the cosine runs from `warmup_target` down to
#   $\alpha \cdot$ `warmup_target` over the next `decay_steps` steps. Without a `warmup_target` there is no
#   warmup, whatever `warmup_steps` says (as in Keras).


# %%
class StepDecay:
    """initial_lr * drop ** (step // steps_per_drop): the rate is multiplied by drop every steps_per_drop steps."""

    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        self.initial_lr = initial_lr
        self.drop = drop
        self.steps_per_drop = steps_per_drop

    def __call__(self, step):
        ### BEGIN SOLUTION
        return float(self.initial_lr * self.drop ** (step // self.steps_per_drop))
        ### END SOLUTION


class ExponentialDecay:
    """initial_lr * decay_rate ** (step / decay_steps), the exponent floored when staircase
    (keras.optimizers.schedules.ExponentialDecay)."""

    def __init__(self, initial_lr, decay_steps, decay_rate, staircase=False):
        self.initial_lr = initial_lr
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase

    def __call__(self, step):
        ### BEGIN SOLUTION
        p = step / self.decay_steps
        if self.staircase:
            p = np.floor(p)
        return float(self.initial_lr * self.decay_rate**p)
        ### END SOLUTION


class CosineDecay:
    """Half a cosine from the start rate down to alpha times it over decay_steps, then constant, after an
    optional linear warmup from initial_lr to warmup_target over warmup_steps
    (keras.optimizers.schedules.CosineDecay; no warmup when warmup_target is None)."""

    def __init__(self, initial_lr, decay_steps, alpha=0.0, warmup_steps=0, warmup_target=None):
        self.initial_lr = initial_lr
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target

    def __call__(self, step):
        ### BEGIN SOLUTION
        if self.warmup_target is None:
            start, warmup = self.initial_lr, 0
        else:
            start, warmup = self.warmup_target, self.warmup_steps
        if step < warmup:
            return float(self.initial_lr + (self.warmup_target - self.initial_lr) * step / warmup)
        s = min(step - warmup, self.decay_steps)
        cosine = 0.5 * (1.0 + np.cos(np.pi * s / self.decay_steps))
        return float(start * ((1.0 - self.alpha) * cosine + self.alpha))
        ### END SOLUTION


# %% [markdown]
# ## 10. Comparing the optimizers
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


# %% [markdown]
# ## 11. What L1 does that L2 does not
# Train the same network three times with the same mini-batches: without weight decay, with an L2
# penalty and with an L1 penalty, adding `l2_penalty_grad` or `l1_penalty_grad` to the gradients
# of `W1` and `W2`. Then count the weights that ended up near zero. Many input pixels of the digits
# are blank in almost every image, so the loss hardly cares about their weights: L2 shrinks those
# weights by a fraction per step and they stay about where they started, while L1 takes off a fixed
# amount per step and drives them to zero.


# %% [demo]
if __name__ == "__main__":

    def train(optimizer, iterations=2000, penalty_grad=None, weight_decay_lambda=0.0):
        """Train the 64-50-10 network from the same start on the same batches; return the params and the losses."""
        init_rng = np.random.default_rng(1)
        params = {"W1": he_normal((64, 50), init_rng), "b1": np.zeros(50),
                  "W2": he_normal((50, 10), init_rng), "b2": np.zeros(10)}
        batch_rng = np.random.default_rng(2)
        losses = []
        for _ in range(iterations):
            batch = batch_rng.choice(len(x_train), batch_size, replace=False)
            loss, grads = forward_backward(params, x_train[batch], t_train[batch])
            if penalty_grad is not None:
                for key, g in penalty_grad(params, weight_decay_lambda).items():
                    grads[key] = grads[key] + g
            optimizer.update(params, grads)
            losses.append(loss)
        return params, np.array(losses)

    runs = {"no weight decay": train(SGD(lr=0.1)),
            "L2, lambda = 1e-3": train(SGD(lr=0.1), penalty_grad=l2_penalty_grad, weight_decay_lambda=1e-3),
            "L1, lambda = 1e-3": train(SGD(lr=0.1), penalty_grad=l1_penalty_grad, weight_decay_lambda=1e-3)}
    threshold = 1e-3
    fig, (ax_hist, ax_bar) = plt.subplots(1, 2, figsize=(11, 3.8))
    bins = np.linspace(-7, 0.5, 60)
    for name, (params, _) in runs.items():
        w1 = np.abs(params["W1"]).ravel()
        ax_hist.hist(np.log10(w1 + 1e-12), bins=bins, histtype="step", linewidth=1.5, label=name)
    ax_hist.axvline(np.log10(threshold), color="0.5", linestyle="--")
    ax_hist.set_xlabel("log10 |w| of the weights W1")
    ax_hist.set_ylabel("count")
    ax_hist.legend(loc="upper left")
    names = list(runs)
    fractions = [np.mean(np.abs(np.concatenate([runs[n][0]["W1"].ravel(), runs[n][0]["W2"].ravel()])) < threshold)
                 for n in names]
    accuracies = [accuracy(runs[n][0], x_test, t_test) for n in names]
    ax_bar.bar(range(len(names)), fractions, color=["C0", "C1", "C2"])
    ax_bar.set_xticks(range(len(names)), [f"{n}\ntest accuracy {a:.1%}" for n, a in zip(names, accuracies)])
    ax_bar.set_ylabel(f"fraction of weights with |w| < {threshold:g}")
    for i, f in enumerate(fractions):
        ax_bar.text(i, f, f"{f:.1%}", ha="center", va="bottom")
    fig.suptitle("L1 drives the weights the loss does not need to zero; L2 only shrinks them")
    fig.tight_layout()
    plt.show()


# %% [markdown]
# ## 12. Learning-rate schedules in practice
# Left: the three schedules over 2000 updates. Right: the network trained with SGD at a rate of 1.6,
# which is too large to start with: at a constant rate, and with a cosine decay from 1.6, training
# never recovers from the first steps. With a warmup (from 0.16 up to 1.6 over 200 steps, then the
# cosine down to 0) the same peak rate trains well, and ends lower than a safe constant rate of 0.1.


# %% [demo]
if __name__ == "__main__":
    total, peak = 2000, 1.6
    warmup_cosine = CosineDecay(0.1 * peak, total - 200, warmup_steps=200, warmup_target=peak)
    schedules = {
        f"StepDecay({peak}, drop=0.3, steps_per_drop=600)": StepDecay(peak, drop=0.3, steps_per_drop=600),
        f"ExponentialDecay({peak}, 500, 0.5)": ExponentialDecay(peak, 500, 0.5),
        f"ExponentialDecay({peak}, 500, 0.5, staircase=True)": ExponentialDecay(peak, 500, 0.5, staircase=True),
        f"CosineDecay({peak}, {total})": CosineDecay(peak, total),
        f"CosineDecay({0.1 * peak:g}, {total - 200}, warmup_steps=200, warmup_target={peak})": warmup_cosine,
    }
    steps = np.arange(total + 1)
    fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(13, 4.5))
    for name, schedule in schedules.items():
        ax_lr.plot(steps, [schedule(int(s)) for s in steps], label=name)
    ax_lr.set_xlabel("step")
    ax_lr.set_ylabel("learning rate")
    ax_lr.legend(fontsize=7)
    ax_lr.set_title("The schedules")
    runs = {"SGD(lr=0.1)": SGD(lr=0.1),
            f"SGD(lr={peak})": SGD(lr=peak),
            f"SGD(lr=CosineDecay({peak}, {total}))": SGD(lr=CosineDecay(peak, total)),
            "SGD(lr=CosineDecay with warmup)": SGD(lr=warmup_cosine)}
    for name, optimizer in runs.items():
        params, losses = train(optimizer, iterations=total)
        ax_loss.plot(np.arange(len(smooth(losses, 50))) + 25, smooth(losses, 50),
                     label=f"{name}: test accuracy {accuracy(params, x_test, t_test):.1%}")
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("iteration")
    ax_loss.set_ylabel("training loss (moving average of 50)")
    ax_loss.legend(fontsize=7)
    ax_loss.set_title("Training with and without a schedule")
    fig.tight_layout()
    plt.show()
