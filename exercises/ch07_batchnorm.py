# Exercise file for ch07_batchnorm: replace each `raise NotImplementedError` with your code.
"""Chapter 7: batch normalization."""

# %% [markdown]
# # Chapter 7 — Batch normalization
#
# Deep networks train badly when the distribution of each layer's inputs keeps shifting as the
# layers below learn. **Batch normalization** re-centres and re-scales every feature using the
# statistics of the current mini-batch, then lets the network choose its own scale and shift:
#
# $$\mu = \frac{1}{N}\sum_{i} x_i, \qquad
#   \sigma^2 = \frac{1}{N}\sum_{i} (x_i - \mu)^2, \qquad
#   \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
#   y_i = \gamma\,\hat x_i + \beta$$
#
# per feature, over the $N$ samples of the batch. $\gamma$ and $\beta$ are learned parameters (one
# per feature); $\varepsilon$ keeps the division safe. Note the **biased** variance: divide by $N$,
# not $N - 1$, exactly what `x.var(axis=0)` computes.

# %%
import numpy as np

# %% [markdown]
# ## 1. Which axis? Features and channels
# For a fully connected layer the input is `(N, D)`: normalize each of the `D` columns over the `N` rows.
#
# For a convolutional layer the input is `(N, C, H, W)`, and a channel is one feature map: the same
# filter produced every one of its `H × W` values. So batch norm uses **one** mean and variance per
# channel, taken over `N`, `H` and `W` together (`N*H*W` values), and `gamma`, `beta` have shape
# `(C,)`. (Flattening to `(N, C*H*W)` and normalizing every pixel position on its own, as some
# textbook code does, is a different layer: it needs `C*H*W` parameters and breaks the weight sharing.)
#
# A convenient way: move the channels last and fold everything else into rows,
# `x.transpose(0, 2, 3, 1).reshape(-1, C)`, run the `(rows, C)` computation, and undo the reshape and
# transpose on the way out (in backward too). Reducing over `axis=(0, 2, 3)` with `keepdims=True`
# works as well.
#
# ## 2. Training and test mode
# At test time there may be a single sample, so there is no batch to take statistics from. During
# training the layer keeps exponential moving averages of the batch statistics,
#
# $$\bar\mu \leftarrow m\,\bar\mu + (1 - m)\,\mu, \qquad
#   \bar\sigma^2 \leftarrow m\,\bar\sigma^2 + (1 - m)\,\sigma^2$$
#
# with momentum $m$, where $\bar\mu$ is `running_mean` (starting at 0) and $\bar\sigma^2$ is
# `running_var` (starting at 1). `forward(x, train_flg=False)` normalizes with them instead:
# $\hat x = (x - \bar\mu) / \sqrt{\bar\sigma^2 + \varepsilon}$. Test mode must leave the running
# statistics alone.
#
# ## 3. Backward
# Every $\hat x_i$ depends on every $x_j$ of the batch, through $\mu$ and $\sigma^2$. Two parameter
# gradients are direct:
#
# $$\frac{\partial L}{\partial\beta} = \sum_i \text{dout}_i, \qquad
#   \frac{\partial L}{\partial\gamma} = \sum_i \text{dout}_i\,\hat x_i .$$
#
# For `dx`, follow the computational graph backwards one node at a time, with $x_c = x - \mu$ and
# $s = \sqrt{\sigma^2 + \varepsilon}$:
#
# 1. $d\hat x = \gamma \cdot \text{dout}$
# 2. $dx_c = d\hat x / s$ (the path through the numerator)
# 3. $ds = -\sum_i d\hat x_i\, x_{c,i} / s^2$, then $d\sigma^2 = ds / (2s)$
# 4. $dx_c \mathrel{+}= \frac{2}{N}\, x_c\, d\sigma^2$ (the path through the variance)
# 5. $d\mu = \sum_i dx_{c,i}$, and $dx = dx_c - d\mu / N$ (the path through the mean)
#
# Collecting the terms gives the compact form, which you may use instead:
#
# $$dx = \frac{1}{s}\Big(d\hat x - \operatorname{mean}(d\hat x) - \hat x\,\operatorname{mean}(d\hat x\,\hat x)\Big)$$
#
# (means over the batch). `dx` sums to zero over the batch: shifting all samples together changes nothing.
#
# Write `forward` and `backward` below. `forward` stores on `self` what `backward` needs; neither
# writes into `x` or `dout`. `backward` is only called after a training-mode `forward`.


# %%
class BatchNormalization:
    """Batch normalization: y = gamma * (x - mean) / sqrt(var + eps) + beta, per feature or per channel.

    Shapes: x (N, D) with gamma, beta (D,), statistics per column; or x (N, C, H, W) with gamma,
    beta (C,), statistics per channel over N, H, W. out has x's shape.
    Training (train_flg=True) uses the batch mean and the biased batch variance and updates
    running_mean = momentum*running_mean + (1-momentum)*mean (likewise running_var); test mode uses the
    running statistics and changes nothing. running_mean and running_var start at 0 and 1 when None.
    Backward: dbeta = sum(dout); dgamma = sum(dout * xhat) (sums over N, or N, H, W);
    dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sqrt(var + eps), with dxhat = gamma * dout.
    Sets self.dgamma, self.dbeta. x and dout are not modified.
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        self.gamma, self.beta = gamma, beta
        self.momentum, self.eps = momentum, eps
        features = np.shape(gamma)
        self.running_mean = np.zeros(features) if running_mean is None else running_mean
        self.running_var = np.ones(features) if running_var is None else running_var
        self.input_shape = None
        self.xc = self.xn = self.std = None  # saved by a training forward for backward
        self.dgamma = self.dbeta = None

    def forward(self, x, train_flg=True):
        """x (N, D) or (N, C, H, W) -> out of the same shape."""
        # YOUR CODE HERE
        raise NotImplementedError("BatchNormalization.forward is not implemented yet")

    def backward(self, dout):
        """dout (shape of x) -> dx (shape of x); sets self.dgamma and self.dbeta (shape of gamma)."""
        # YOUR CODE HERE
        raise NotImplementedError("BatchNormalization.backward is not implemented yet")


# %% [markdown]
# ## 4. Demo: what the layer does to a batch
# A batch of 64 feature maps whose 3 channels have very different scales goes in; out come channels
# with mean `beta` and standard deviation `|gamma|`. Then the running statistics, updated over 50
# training batches, approach the true channel statistics, which test mode uses.

# %% [demo]
if __name__ == "__main__":
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    true_mean, true_std = np.array([5.0, -2.0, 0.5]), np.array([3.0, 0.5, 1.0])

    def batch(n=64):
        return rng.normal(size=(n, 3, 4, 4)) * true_std[:, None, None] + true_mean[:, None, None]

    bn = BatchNormalization(gamma=np.array([1.0, 2.0, 0.5]), beta=np.array([0.0, 1.0, -1.0]))
    x = batch()
    out = bn.forward(x)
    print("input  mean / std per channel:", x.mean(axis=(0, 2, 3)).round(2), x.std(axis=(0, 2, 3)).round(2))
    print("output mean / std per channel:", out.mean(axis=(0, 2, 3)).round(2), out.std(axis=(0, 2, 3)).round(2))

    history = [bn.running_mean.copy()]
    for _ in range(50):
        bn.forward(batch())
        history.append(bn.running_mean.copy())
    history = np.array(history)
    print("running mean after 51 batches:", bn.running_mean.round(2), "true:", true_mean)
    print("running std  after 51 batches:", np.sqrt(bn.running_var).round(2), "true:", true_std)

    fig, ax = plt.subplots(figsize=(6, 3))
    for c in range(3):
        ax.plot(history[:, c], label=f"channel {c}")
        ax.axhline(true_mean[c], color=f"C{c}", ls=":", lw=1)
    ax.set(xlabel="training batches", ylabel="running_mean", title="Running mean (momentum 0.9) vs true mean")
    ax.legend()
    fig.tight_layout()
    plt.show()
