"""Chapter 9: embeddings and recurrent networks."""

# %% [markdown]
# # Chapter 9 — Embeddings and recurrent networks
#
# Text, speech and time series arrive as **sequences**. A recurrent network reads a sequence one
# step at a time and carries a *hidden state* $h_t$ from each step to the next: the same cell, with
# the same weights, applied at every time step,
#
# $$h_t = \text{cell}(x_t, h_{t-1}).$$
#
# **Unrolling in time.** Written out for $T$ steps, the recurrence is an ordinary feed-forward
# computational graph with $T$ copies of the cell that share their weights:
# $h_0 \to h_1 \to \dots \to h_T$, each copy also receiving its own input $x_t$. Backpropagation
# through this graph is called *backpropagation through time* (BPTT). Two consequences:
#
# - each copy's weight gradient is one term of a sum: $\partial L/\partial W = \sum_t \partial L/\partial W\,|_{\text{step } t}$;
# - the gradient reaching $h_{t}$ has **two** sources: the loss at step $t$ (through the layer
#   above) and the future, through $h_{t+1}$. Forgetting the second one is the most common bug of this
#   chapter: the network then learns nothing that spans more than one step.
#
# Shapes: a batch of $N$ sequences of $T$ vectors of size $D$ is `(N, T, D)` (batch first, never
# time first); hidden states are `(N, H)`, and the hidden states of all steps `(N, T, H)`.
#
# This chapter builds, in order:
# 1. `Embedding`: word ids to vectors;
# 2. the one-step cells `RNN`, `LSTM`, `GRU`;
# 3. `TimeRNN`, `TimeLSTM`, `TimeGRU`: a cell unrolled over `T` steps, forward and BPTT;
# 4. `TimeAffine` and `TimeSoftmaxWithLoss`: the output side, at every step;
# 5. `clip_grads`: gradient clipping;
# 6. `RnnLM`: a language model, trained at the end on the Zen of Python, one character at a time.

# %%
import numpy as np

# %% [markdown]
# ## 0. Given: sigmoid and softmax from earlier chapters
# Nothing to write here. `sigmoid` is chapter 2's stable version (no overflow for any input);
# `softmax` is the one chapter 6 ships.


# %%
def sigmoid(x):
    """1 / (1 + exp(-x)), element-wise; computed as exp(x) / (1 + exp(x)) where x < 0 for stability."""
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))  # never overflows: the exponent is <= 0
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def softmax(x):
    """exp(x) / sum(exp(x)) along the last axis, shifted by the row maximum for stability.

    Shapes: x (D,) or (N, D) -> same shape; each row sums to 1.
    """
    shifted = np.asarray(x, dtype=float) - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


# %% [markdown]
# ## 1. Embedding: ids to vectors
# A word (or a character) enters the network as an integer id `w` in `0 .. V-1`. Multiplying a
# one-hot vector by a `(V, D)` matrix only picks row `w`, so the **embedding layer** skips the product
# and indexes: `out = W[idx]`, for `idx` of any shape, giving `idx.shape + (D,)`.
#
# **Backward.** Row `W[w]` was copied to every position that holds id `w`, so its gradient is the
# **sum** of the upstream gradients of all those positions. `dW[idx] = dout` is wrong: when an id
# appears twice, numpy's assignment keeps only the last one, and `dW[idx] += dout` has the same problem
# (fancy-index `+=` is one read, one add, one write per *distinct* index). Use `np.add.at(dW, idx, dout)`,
# which adds every occurrence. `idx` is not differentiable, so `backward` returns `None`.


# %%
class Embedding:
    """Embedding lookup: out = W[idx], one row of W per id.

    Shapes: W (V, D); idx integers of any shape (...); out (..., D).
    Backward: dW = zeros like W, then dW[idx[k]] += dout[k] for every position k (np.add.at, so repeated
    ids add up); returns None. Sets self.dW; W is the caller's array, not a copy.
    """

    def __init__(self, W):
        self.W = W
        self.idx = None
        self.dW = None

    def forward(self, idx):
        """idx (...) integers -> out (..., D)."""
        ### BEGIN SOLUTION
        self.idx = np.asarray(idx)
        return self.W[self.idx]
        ### END SOLUTION

    def backward(self, dout):
        """dout (..., D) -> None; sets self.dW (V, D)."""
        ### BEGIN SOLUTION
        self.dW = np.zeros_like(self.W)
        np.add.at(self.dW, self.idx, dout)
        return None
        ### END SOLUTION


# %% [markdown]
# ## 2. The simple RNN cell
# One step: $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$, with `x (N, D)`, `h_prev (N, H)`, `Wx (D, H)`,
# `Wh (H, H)` and `b (H,)`.
#
# **Backward.** With $a = x W_x + h_{t-1} W_h + b$ and $\tanh'(a) = 1 - h_t^2$ (the forward *output*
# is enough): $da = dh_t \odot (1 - h_t^2)$, then as for an affine layer
# $dW_x = x^\top da$, $dW_h = h_{t-1}^\top da$, $db = \sum_n da$, $dx = da\,W_x^\top$,
# $dh_{t-1} = da\,W_h^\top$.


# %%
class RNN:
    """One step of a simple RNN: h_next = tanh(x @ Wx + h_prev @ Wh + b).

    Shapes: x (N, D); h_prev, h_next (N, H); Wx (D, H); Wh (H, H); b (H,).
    Backward: da = dh_next * (1 - h_next**2); dx = da @ Wx.T; dh_prev = da @ Wh.T;
    dWx = x.T @ da; dWh = h_prev.T @ da; db = da.sum(axis=0). Sets self.dWx, self.dWh, self.db.
    """

    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.cache = None  # (x, h_prev, h_next), saved by forward for backward
        self.dWx = self.dWh = self.db = None

    def forward(self, x, h_prev):
        """x (N, D), h_prev (N, H) -> h_next (N, H)."""
        ### BEGIN SOLUTION
        h_next = np.tanh(x @ self.Wx + h_prev @ self.Wh + self.b)
        self.cache = (x, h_prev, h_next)
        return h_next
        ### END SOLUTION

    def backward(self, dh_next):
        """dh_next (N, H) -> (dx (N, D), dh_prev (N, H))."""
        ### BEGIN SOLUTION
        x, h_prev, h_next = self.cache
        da = dh_next * (1 - h_next**2)
        self.dWx = x.T @ da
        self.dWh = h_prev.T @ da
        self.db = np.sum(da, axis=0)
        return da @ self.Wx.T, da @ self.Wh.T
        ### END SOLUTION


# %% [markdown]
# ## 3. The LSTM cell
# A long short-term memory cell keeps a second state, the **memory cell** $c_t$, and three gates
# (numbers in $(0, 1)$, one per unit) that decide what flows where. One matrix product computes the
# pre-activations of all four blocks at once, `a = x @ Wx + h_prev @ Wh + b` of shape `(N, 4H)`, in the
# order of `keras.layers.LSTM`'s kernel:
#
# | block | columns | activation | role |
# |---|---|---|---|
# | $i$, input gate | `0:H` | sigmoid | how much of the new candidate to write |
# | $f$, forget gate | `H:2H` | sigmoid | how much of the old memory to keep |
# | $g$, candidate | `2H:3H` | tanh | the new content (not a gate: values in $(-1, 1)$) |
# | $o$, output gate | `3H:4H` | sigmoid | how much of the memory to show as $h$ |
#
# $$c_t = f \odot c_{t-1} + i \odot g, \qquad h_t = o \odot \tanh(c_t).$$
#
# **Why it helps.** The memory path $c_{t-1} \to c_t$ is a multiplication by $f$ and an addition,
# with no weight matrix and no squashing: when the forget gate is near 1, gradients flow back along
# $c$ over many steps almost unchanged.
#
# **Backward** (given $dh_t$ and $dc_t$ from the next step): the memory receives
# $ds = dc_t + dh_t \odot o \odot (1 - \tanh^2 c_t)$; then $dc_{t-1} = ds \odot f$,
# $di = ds \odot g$, $df = ds \odot c_{t-1}$, $dg = ds \odot i$, $do = dh_t \odot \tanh c_t$.
# Through the activations: $\sigma' = \sigma(1 - \sigma)$ for $i, f, o$ and $1 - g^2$ for $g$. Put the
# four blocks side by side **in the same order** (`np.hstack`) as $da$ `(N, 4H)`, and finish as in the RNN cell.


# %%
class LSTM:
    """One LSTM step; blocks of a = x @ Wx + h_prev @ Wh + b in the order i, f, g, o (keras.layers.LSTM).

    i, f, o = sigmoid of their blocks, g = tanh of its block; c_next = f*c_prev + i*g; h_next = o*tanh(c_next).
    Shapes: x (N, D); h_prev, c_prev, h_next, c_next (N, H); Wx (D, 4H); Wh (H, 4H); b (4H,).
    Backward: ds = dc_next + dh_next*o*(1 - tanh(c_next)**2); dc_prev = ds*f;
    da = [ds*g*i*(1-i), ds*c_prev*f*(1-f), ds*i*(1-g**2), dh_next*tanh(c_next)*o*(1-o)] side by side;
    dx = da @ Wx.T; dh_prev = da @ Wh.T; dWx = x.T @ da; dWh = h_prev.T @ da; db = da.sum(axis=0).
    Sets self.dWx, self.dWh, self.db.
    """

    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.cache = None
        self.dWx = self.dWh = self.db = None

    def forward(self, x, h_prev, c_prev):
        """x (N, D), h_prev (N, H), c_prev (N, H) -> (h_next (N, H), c_next (N, H))."""
        ### BEGIN SOLUTION
        H = self.Wh.shape[0]
        a = x @ self.Wx + h_prev @ self.Wh + self.b
        i = sigmoid(a[:, :H])
        f = sigmoid(a[:, H : 2 * H])
        g = np.tanh(a[:, 2 * H : 3 * H])
        o = sigmoid(a[:, 3 * H :])
        c_next = f * c_prev + i * g
        tanh_c = np.tanh(c_next)
        h_next = o * tanh_c
        self.cache = (x, h_prev, c_prev, i, f, g, o, tanh_c)
        return h_next, c_next
        ### END SOLUTION

    def backward(self, dh_next, dc_next):
        """dh_next, dc_next (N, H) -> (dx (N, D), dh_prev (N, H), dc_prev (N, H))."""
        ### BEGIN SOLUTION
        x, h_prev, c_prev, i, f, g, o, tanh_c = self.cache
        ds = dc_next + dh_next * o * (1 - tanh_c**2)
        dc_prev = ds * f
        di = ds * g * i * (1 - i)
        df = ds * c_prev * f * (1 - f)
        dg = ds * i * (1 - g**2)
        do = dh_next * tanh_c * o * (1 - o)
        da = np.hstack((di, df, dg, do))
        self.dWx = x.T @ da
        self.dWh = h_prev.T @ da
        self.db = np.sum(da, axis=0)
        return da @ self.Wx.T, da @ self.Wh.T, dc_prev
        ### END SOLUTION


# %% [markdown]
# ## 4. The GRU cell
# The gated recurrent unit has no separate memory: two gates act on $h$ itself. With the weights split
# into three column blocks `z, r, h` (`Wx (D, 3H)`, `Wh (H, 3H)`, `b (3H,)`, as
# `keras.layers.GRU(reset_after=False)`):
#
# $$z = \sigma(x W_{xz} + h_{t-1} W_{hz} + b_z), \quad r = \sigma(x W_{xr} + h_{t-1} W_{hr} + b_r),$$
# $$\tilde h = \tanh(x W_{xh} + (r \odot h_{t-1}) W_{hh} + b_h), \quad h_t = z \odot h_{t-1} + (1 - z) \odot \tilde h.$$
#
# The **update gate** $z$ chooses, per unit, between keeping the old state ($z \to 1$: the same highway
# as the LSTM's forget gate) and taking the candidate $\tilde h$. The **reset gate** $r$ decides how
# much of the old state the candidate may look at.
#
# **Backward.** $h_{t-1}$ reaches $h_t$ along four paths: directly (times $z$), through $z$, through
# $r$, and through $r \odot h_{t-1}$ inside $\tilde h$. Write $dh_{t-1}$ as the sum of all four. With
# $d\tilde a = dh_t \odot (1 - z) \odot (1 - \tilde h^2)$ (the candidate's pre-activation),
# $d(r h) = d\tilde a\, W_{hh}^\top$, $da_z = dh_t \odot (h_{t-1} - \tilde h) \odot z(1-z)$ and
# $da_r = d(rh) \odot h_{t-1} \odot r(1-r)$: $dW_{hh} = (r \odot h_{t-1})^\top d\tilde a$ (not $h_{t-1}^\top$).


# %%
class GRU:
    """One GRU step (keras.layers.GRU(reset_after=False)); column blocks of Wx, Wh, b in the order z, r, h.

    z = sigmoid(x@Wxz + h_prev@Whz + bz); r = sigmoid(x@Wxr + h_prev@Whr + br);
    h_tilde = tanh(x@Wxh + (r*h_prev)@Whh + bh); h_next = z*h_prev + (1 - z)*h_tilde.
    Shapes: x (N, D); h_prev, h_next (N, H); Wx (D, 3H); Wh (H, 3H); b (3H,).
    Backward: dah = dh_next*(1-z)*(1-h_tilde**2); drh = dah @ Whh.T; daz = dh_next*(h_prev-h_tilde)*z*(1-z);
    dar = drh*h_prev*r*(1-r); dh_prev = dh_next*z + drh*r + daz@Whz.T + dar@Whr.T;
    dWh = [h_prev.T@daz, h_prev.T@dar, (r*h_prev).T@dah]; da = [daz, dar, dah]: dx = da@Wx.T, dWx = x.T@da,
    db = da.sum(axis=0). Sets self.dWx, self.dWh, self.db.
    """

    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.cache = None
        self.dWx = self.dWh = self.db = None

    def forward(self, x, h_prev):
        """x (N, D), h_prev (N, H) -> h_next (N, H)."""
        ### BEGIN SOLUTION
        H = self.Wh.shape[0]
        ax = x @ self.Wx + self.b
        z = sigmoid(ax[:, :H] + h_prev @ self.Wh[:, :H])
        r = sigmoid(ax[:, H : 2 * H] + h_prev @ self.Wh[:, H : 2 * H])
        h_tilde = np.tanh(ax[:, 2 * H :] + (r * h_prev) @ self.Wh[:, 2 * H :])
        self.cache = (x, h_prev, z, r, h_tilde)
        return z * h_prev + (1 - z) * h_tilde
        ### END SOLUTION

    def backward(self, dh_next):
        """dh_next (N, H) -> (dx (N, D), dh_prev (N, H))."""
        ### BEGIN SOLUTION
        x, h_prev, z, r, h_tilde = self.cache
        H = self.Wh.shape[0]
        Whz, Whr, Whh = self.Wh[:, :H], self.Wh[:, H : 2 * H], self.Wh[:, 2 * H :]
        dah = dh_next * (1 - z) * (1 - h_tilde**2)
        drh = dah @ Whh.T
        daz = dh_next * (h_prev - h_tilde) * z * (1 - z)
        dar = drh * h_prev * r * (1 - r)
        dh_prev = dh_next * z + drh * r + daz @ Whz.T + dar @ Whr.T
        da = np.hstack((daz, dar, dah))
        self.dWx = x.T @ da
        self.dWh = np.hstack((h_prev.T @ daz, h_prev.T @ dar, (r * h_prev).T @ dah))
        self.db = np.sum(da, axis=0)
        return da @ self.Wx.T, dh_prev
        ### END SOLUTION


# %% [markdown]
# ## 5. Unrolled in time: TimeRNN
# `TimeRNN` runs one `RNN` cell per time step over `xs (N, T, D)` and returns every hidden state,
# `hs (N, T, H)`. All cells share the layer's `Wx`, `Wh`, `b` (the very arrays it was given).
#
# **State.** A sequence usually starts from $h_0 = 0$. To train on a long text cut into pieces
# (*truncated* BPTT), the next piece should continue from where the last one stopped: with
# `stateful=True` the layer keeps the last hidden state in `self.h` and starts the next `forward` from
# it. `set_state(h)` sets it, `reset_state()` forgets it (back to zeros). Without `stateful`, every
# `forward` starts from zeros, whatever `self.h` holds. Whichever way the forward started, `backward`
# stores the gradient with respect to that initial state in `self.dh`.
#
# **Backward through time.** Walk the steps **backwards**, $t = T-1, \dots, 0$. The gradient reaching
# $h_t$ is `dhs[:, t]` (from above) **plus** `dh`, the gradient that step $t+1$ sent back. Give the sum
# to cell $t$'s backward, which returns `dx_t` and the new `dh` for step $t-1$. Add up every cell's
# `dWx`, `dWh`, `db`. Do not write into `dhs` (`dhs[:, t] += dh` would change the caller's array).
#
# **Why gradients vanish or explode.** Along the chain, each step multiplies the state gradient by
# $\mathrm{diag}(1 - h_t^2)\, W_h^\top$. After $k$ steps that is a product of $k$ such matrices: its size
# behaves like $\rho^k$ for a typical gain $\rho$. With $\rho < 1$ (small weights, or saturated $\tanh$
# where $1 - h^2 \approx 0$) it **vanishes** exponentially, so early steps learn nothing from late
# losses; with $\rho > 1$ it **explodes**, and one huge step can wreck the weights. The demo at the end of
# the chapter plots $\lVert dh_t \rVert$ against $t$ for an RNN and an LSTM with the same input.


# %%
class TimeRNN:
    """A simple RNN unrolled over T steps: hs[:, t] = tanh(xs[:, t] @ Wx + hs[:, t-1] @ Wh + b).

    Shapes: xs (N, T, D); hs (N, T, H); Wx (D, H); Wh (H, H); b (H,); self.h, self.dh (N, H).
    The state before step 0 is zeros, or self.h when stateful (then self.h is the last state after forward).
    Backward: for t = T-1 .. 0, (dxs[:, t], dh) = cell_t.backward(dhs[:, t] + dh), with dh = 0 first;
    dWx, dWh, db are summed over the steps; self.dh is the gradient of the initial state. dhs is not modified.
    """

    def __init__(self, Wx, Wh, b, stateful=False):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.stateful = stateful
        self.layers = []  # one RNN cell per time step, made by forward
        self.h = self.dh = None
        self.dWx = self.dWh = self.db = None

    def set_state(self, h):
        """Start the next (stateful) forward from h (N, H)."""
        self.h = h

    def reset_state(self):
        """Start the next forward from zeros."""
        self.h = None

    def forward(self, xs):
        """xs (N, T, D) -> hs (N, T, H)."""
        ### BEGIN SOLUTION
        N, T, _ = xs.shape
        H = self.Wh.shape[0]
        h = self.h if self.stateful and self.h is not None else np.zeros((N, H))
        self.layers, hs = [], []
        for t in range(T):
            layer = RNN(self.Wx, self.Wh, self.b)
            h = layer.forward(xs[:, t, :], h)
            self.layers.append(layer)
            hs.append(h)
        self.h = h
        return np.stack(hs, axis=1)
        ### END SOLUTION

    def backward(self, dhs):
        """dhs (N, T, H) -> dxs (N, T, D); sets self.dWx, self.dWh, self.db and self.dh."""
        ### BEGIN SOLUTION
        N, T, H = dhs.shape
        dh = np.zeros((N, H))
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh = layer.backward(dhs[:, t, :] + dh)
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh = dh
        return np.stack(dxs, axis=1)
        ### END SOLUTION


# %% [markdown]
# ## 6. TimeLSTM and TimeGRU
# The same loop with the other cells. `TimeLSTM` carries two states: `self.h` and `self.c`
# (`set_state(h, c=None)`, where a missing `c` means zeros). In backward, the memory gradient `dc`
# flows from step to step as well, but nothing comes into `c` from above (the layer only outputs `hs`):
# the cell at step $t$ gets `dhs[:, t] + dh` and `dc`. `TimeGRU` is `TimeRNN` with the `GRU` cell.


# %%
class TimeLSTM:
    """An LSTM unrolled over T steps (see LSTM for one step); hs[:, t] is the h of step t.

    Shapes: xs (N, T, D); hs (N, T, H); Wx (D, 4H); Wh (H, 4H); b (4H,); self.h, self.c, self.dh, self.dc (N, H).
    The states before step 0 are zeros, or self.h and self.c when stateful (then they are the last states).
    Backward: for t = T-1 .. 0, (dxs[:, t], dh, dc) = cell_t.backward(dhs[:, t] + dh, dc), with dh = dc = 0
    first; dWx, dWh, db summed over the steps; self.dh (and self.dc) are the gradients of the initial states.
    """

    def __init__(self, Wx, Wh, b, stateful=False):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.stateful = stateful
        self.layers = []
        self.h = self.c = self.dh = self.dc = None
        self.dWx = self.dWh = self.db = None

    def set_state(self, h, c=None):
        """Start the next (stateful) forward from h (N, H) and c (N, H), zeros when c is None."""
        self.h, self.c = h, c

    def reset_state(self):
        """Start the next forward from zeros."""
        self.h, self.c = None, None

    def forward(self, xs):
        """xs (N, T, D) -> hs (N, T, H)."""
        ### BEGIN SOLUTION
        N, T, _ = xs.shape
        H = self.Wh.shape[0]
        keep = self.stateful and self.h is not None
        h = self.h if keep else np.zeros((N, H))
        c = self.c if keep and self.c is not None else np.zeros((N, H))
        self.layers, hs = [], []
        for t in range(T):
            layer = LSTM(self.Wx, self.Wh, self.b)
            h, c = layer.forward(xs[:, t, :], h, c)
            self.layers.append(layer)
            hs.append(h)
        self.h, self.c = h, c
        return np.stack(hs, axis=1)
        ### END SOLUTION

    def backward(self, dhs):
        """dhs (N, T, H) -> dxs (N, T, D); sets self.dWx, self.dWh, self.db, self.dh and self.dc."""
        ### BEGIN SOLUTION
        N, T, H = dhs.shape
        dh, dc = np.zeros((N, H)), np.zeros((N, H))
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh, dc = layer.backward(dhs[:, t, :] + dh, dc)
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh, self.dc = dh, dc
        return np.stack(dxs, axis=1)
        ### END SOLUTION


class TimeGRU:
    """A GRU unrolled over T steps (see GRU for one step); hs[:, t] is the h of step t.

    Shapes: xs (N, T, D); hs (N, T, H); Wx (D, 3H); Wh (H, 3H); b (3H,); self.h, self.dh (N, H).
    State and backward as in TimeRNN, with GRU cells.
    """

    def __init__(self, Wx, Wh, b, stateful=False):
        self.Wx, self.Wh, self.b = Wx, Wh, b
        self.stateful = stateful
        self.layers = []
        self.h = self.dh = None
        self.dWx = self.dWh = self.db = None

    def set_state(self, h):
        """Start the next (stateful) forward from h (N, H)."""
        self.h = h

    def reset_state(self):
        """Start the next forward from zeros."""
        self.h = None

    def forward(self, xs):
        """xs (N, T, D) -> hs (N, T, H)."""
        ### BEGIN SOLUTION
        N, T, _ = xs.shape
        H = self.Wh.shape[0]
        h = self.h if self.stateful and self.h is not None else np.zeros((N, H))
        self.layers, hs = [], []
        for t in range(T):
            layer = GRU(self.Wx, self.Wh, self.b)
            h = layer.forward(xs[:, t, :], h)
            self.layers.append(layer)
            hs.append(h)
        self.h = h
        return np.stack(hs, axis=1)
        ### END SOLUTION

    def backward(self, dhs):
        """dhs (N, T, H) -> dxs (N, T, D); sets self.dWx, self.dWh, self.db and self.dh."""
        ### BEGIN SOLUTION
        N, T, H = dhs.shape
        dh = np.zeros((N, H))
        dxs = [None] * T
        self.dWx, self.dWh, self.db = np.zeros_like(self.Wx), np.zeros_like(self.Wh), np.zeros_like(self.b)
        for t in reversed(range(T)):
            layer = self.layers[t]
            dxs[t], dh = layer.backward(dhs[:, t, :] + dh)
            self.dWx += layer.dWx
            self.dWh += layer.dWh
            self.db += layer.db
        self.dh = dh
        return np.stack(dxs, axis=1)
        ### END SOLUTION


# %% [markdown]
# ## 7. The output side: TimeAffine and TimeSoftmaxWithLoss
# A language model predicts, at **every** step, a score for each of the `V` ids that may come next.
# `TimeAffine` applies one affine layer to all steps at once: fold `(N, T)` into `N*T` rows,
# `(N*T, D) @ W + b`, and unfold to `(N, T, M)`; in backward, the same reshapes around the affine
# formulas.
#
# `TimeSoftmaxWithLoss` is softmax with cross-entropy at every position, averaged over the positions.
# Sequences of different lengths are padded to one length `T`; the padding positions carry the label
# `ignore_label` (-1 by default) and must count for nothing: leave them out of the sum **and** of the
# count that divides it, and give them a zero gradient. If every position is ignored the loss is 0 and
# the gradient zero (not a division by zero). Backward: `dxs = dout * (y - onehot(ts)) / n_valid` at the
# valid positions. Compute the loss from the log-softmax of the scores (stable, exact).


# %%
class TimeAffine:
    """out[:, t] = xs[:, t] @ W + b at every step.

    Shapes: xs (N, T, D); W (D, M); b (M,); out (N, T, M).
    Backward: with x2 = xs.reshape(N*T, D) and d2 = dout.reshape(N*T, M): dW = x2.T @ d2; db = d2.sum(axis=0);
    dxs = dout @ W.T. Sets self.dW, self.db. W and b are the caller's arrays.
    """

    def __init__(self, W, b):
        self.W, self.b = W, b
        self.xs = None
        self.dW = self.db = None

    def forward(self, xs):
        """xs (N, T, D) -> out (N, T, M)."""
        ### BEGIN SOLUTION
        N, T, D = xs.shape
        self.xs = xs
        return (xs.reshape(N * T, D) @ self.W + self.b).reshape(N, T, -1)
        ### END SOLUTION

    def backward(self, dout):
        """dout (N, T, M) -> dxs (N, T, D); sets self.dW (D, M) and self.db (M,)."""
        ### BEGIN SOLUTION
        N, T, D = self.xs.shape
        d2 = dout.reshape(N * T, -1)
        self.dW = self.xs.reshape(N * T, D).T @ d2
        self.db = np.sum(d2, axis=0)
        return (d2 @ self.W.T).reshape(N, T, D)
        ### END SOLUTION


class TimeSoftmaxWithLoss:
    """Mean softmax cross-entropy over the positions whose label is not ignore_label.

    loss = -sum_{valid (n, t)} log softmax(xs[n, t])[ts[n, t]] / n_valid (0 when n_valid is 0).
    Shapes: xs (N, T, V) scores; ts (N, T) integer labels; forward returns a float.
    Backward: dxs = dout * (softmax(xs) - onehot(ts)) / n_valid at valid positions, 0 at ignored ones.
    """

    def __init__(self, ignore_label=-1):
        self.ignore_label = ignore_label
        self.cache = None

    def forward(self, xs, ts):
        """xs (N, T, V), ts (N, T) -> loss (float)."""
        ### BEGIN SOLUTION
        N, T, V = xs.shape
        x2 = xs.reshape(N * T, V)
        t2 = np.asarray(ts).reshape(N * T)
        valid = t2 != self.ignore_label
        labels = np.where(valid, t2, 0)
        shifted = x2 - np.max(x2, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        count = max(int(valid.sum()), 1)
        self.cache = (np.exp(log_y), labels, valid, count, xs.shape)
        return float(-np.sum(log_y[np.arange(N * T), labels] * valid) / count)
        ### END SOLUTION

    def backward(self, dout=1):
        """dout (a number) -> dxs (N, T, V)."""
        ### BEGIN SOLUTION
        y, labels, valid, count, shape = self.cache
        dx = y.copy()
        dx[np.arange(len(labels)), labels] -= 1
        dx *= valid[:, np.newaxis] * (dout / count)
        return dx.reshape(shape)
        ### END SOLUTION


# %% [markdown]
# ## 8. Gradient clipping
# An exploding gradient shows up as a sudden huge loss or NaNs. **Clipping** bounds the step: when the
# global norm of all gradients together, $\lVert g \rVert = \sqrt{\sum_k \sum g_k^2}$, exceeds
# `max_norm`, scale every gradient by `max_norm / (norm + 1e-6)`. The direction of the step is kept;
# only its length is capped, so one bad batch cannot throw the weights far away. Below the threshold
# nothing changes. Scale the arrays **in place** (`g *= rate`): the optimizer reads these very arrays
# (`grads = [g * rate for g in grads]` would only rebind a local name).


# %%
def clip_grads(grads, max_norm):
    """Scale every array of grads in place by max_norm / (norm + 1e-6) when their global L2 norm exceeds max_norm.

    Shapes: grads a list of arrays of any shapes; norm = sqrt(sum of every squared entry). Returns None.
    """
    ### BEGIN SOLUTION
    norm = np.sqrt(sum(float(np.sum(g**2)) for g in grads))
    if norm > max_norm:
        rate = max_norm / (norm + 1e-6)
        for g in grads:
            g *= rate
    ### END SOLUTION


# %% [markdown]
# ## 9. A recurrent language model
# `RnnLM` reads ids and predicts the next id at every step:
#
# `Embedding → TimeRNN | TimeLSTM | TimeGRU (stateful) → TimeAffine → TimeSoftmaxWithLoss`
#
# The constructor is given: it draws the weights from `seed` into `self.params` (keys `embed_W`,
# `rnn_Wx`, `rnn_Wh`, `rnn_b`, `affine_W`, `affine_b`), builds the layers on those very arrays, and makes
# `self.grads` with the same keys and shapes. Write
# - `predict(xs)`: ids `(N, T)` → scores `(N, T, V)` through the first three layers;
# - `forward(xs, ts)`: the loss of `predict(xs)` against the next ids `ts`;
# - `backward(dout=1)`: back through the four layers; copy each gradient into `self.grads[key]`
#   (in place, `self.grads[key][...] = ...`, so an optimizer that holds them sees the new values);
# - `generate(start_id, length, seed=None)`: reset the state, then `length` times feed the last id as a
#   `(1, 1)` array, turn the scores into probabilities with `softmax` and **sample** the next id with
#   `np.random.default_rng(seed)` (`rng.choice(V, p=p)`; the most probable id every time, *greedy*
#   decoding, repeats itself endlessly). Return the sampled ids as a list of ints. Reset the state at
#   the end too, so that training can go on with its own batch size.
#
# The recurrent layer is stateful: consecutive `forward` calls continue the text. Call `reset_state()`
# between unrelated texts.


# %%
class RnnLM:
    """Embedding -> stateful TimeRNN/TimeLSTM/TimeGRU -> TimeAffine -> TimeSoftmaxWithLoss.

    Shapes: xs, ts (N, T) integer ids in 0..V-1; predict -> (N, T, V). params (and grads, same keys):
    embed_W (V, D); rnn_Wx (D, k*H); rnn_Wh (H, k*H); rnn_b (k*H,), with k = 1, 4, 3 for rnn, lstm, gru;
    affine_W (H, V); affine_b (V,). Weights are scaled normal draws from np.random.default_rng(seed)
    (1/sqrt(fan_in); 0.01 for the embedding); biases are 0.
    """

    def __init__(self, vocab_size, wordvec_size, hidden_size, cell="lstm", seed=None):
        cells = {"rnn": (TimeRNN, 1), "lstm": (TimeLSTM, 4), "gru": (TimeGRU, 3)}
        if cell not in cells:
            raise ValueError(f"cell must be one of {sorted(cells)}, not {cell!r}")
        time_layer, blocks = cells[cell]
        V, D, H = vocab_size, wordvec_size, hidden_size
        rng = np.random.default_rng(seed)
        self.params = {
            "embed_W": 0.01 * rng.standard_normal((V, D)),
            "rnn_Wx": rng.standard_normal((D, blocks * H)) / np.sqrt(D),
            "rnn_Wh": rng.standard_normal((H, blocks * H)) / np.sqrt(H),
            "rnn_b": np.zeros(blocks * H),
            "affine_W": rng.standard_normal((H, V)) / np.sqrt(H),
            "affine_b": np.zeros(V),
        }
        p = self.params
        self.embed = Embedding(p["embed_W"])
        self.rnn = time_layer(p["rnn_Wx"], p["rnn_Wh"], p["rnn_b"], stateful=True)
        self.affine = TimeAffine(p["affine_W"], p["affine_b"])
        self.loss_layer = TimeSoftmaxWithLoss()
        self.grads = {key: np.zeros_like(value) for key, value in p.items()}

    def reset_state(self):
        """Forget the hidden state: the next forward starts from zeros."""
        self.rnn.reset_state()

    def predict(self, xs):
        """xs (N, T) ids -> scores (N, T, V)."""
        ### BEGIN SOLUTION
        return self.affine.forward(self.rnn.forward(self.embed.forward(xs)))
        ### END SOLUTION

    def forward(self, xs, ts):
        """xs, ts (N, T) ids -> the mean cross-entropy (float) of predicting ts from xs."""
        ### BEGIN SOLUTION
        return self.loss_layer.forward(self.predict(xs), ts)
        ### END SOLUTION

    def backward(self, dout=1):
        """Backpropagate the last forward's loss (times dout); fills self.grads in place. Returns None."""
        ### BEGIN SOLUTION
        dout = self.loss_layer.backward(dout)
        dout = self.affine.backward(dout)
        dout = self.rnn.backward(dout)
        self.embed.backward(dout)
        g = self.grads
        g["embed_W"][...] = self.embed.dW
        g["rnn_Wx"][...], g["rnn_Wh"][...], g["rnn_b"][...] = self.rnn.dWx, self.rnn.dWh, self.rnn.db
        g["affine_W"][...], g["affine_b"][...] = self.affine.dW, self.affine.db
        ### END SOLUTION

    def generate(self, start_id, length, seed=None):
        """`length` ids sampled one at a time after start_id, from a reset state: a list of ints."""
        ### BEGIN SOLUTION
        rng = np.random.default_rng(seed)
        self.reset_state()
        ids, x = [], start_id
        for _ in range(length):
            p = softmax(self.predict(np.array([[x]]))[0, -1])
            x = int(rng.choice(len(p), p=p))
            ids.append(x)
        self.reset_state()
        return ids
        ### END SOLUTION


# %% [markdown]
# ## 10. Given: training on the Zen of Python
# `zen_of_python()` returns the text that `import this` prints (Python ships it, ROT13-encoded, in the
# module `this`). `train_char_lm` trains an LSTM `RnnLM` on it one character at a time, with truncated
# BPTT: the text is cut into `batch_size` streams that are read side by side, `time_size` characters at a
# time, the state carried from one piece to the next. Each step clips the gradients to `max_norm` and takes
# an Adam step. The score is the **perplexity**, $\exp(\text{mean loss})$: the number of characters the
# model hesitates between. A model that knows nothing has perplexity `V` (the vocabulary size); one that
# always knows the next character has 1.


# %%
def zen_of_python():
    """The Zen of Python as a str (decoded from the module `this`, without printing it)."""
    import codecs
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        import this
    return codecs.decode(this.s, "rot13")


def train_char_lm(text, wordvec_size=32, hidden_size=128, batch_size=10, time_size=20, epochs=40, lr=0.01,
                  max_norm=5.0, seed=0, log=print):
    """Train RnnLM(cell="lstm") on the characters of text; return (model, chars, perplexity per epoch).

    chars is the vocabulary (sorted), so chars[i] is the character of id i. Adam (beta1 0.9, beta2 0.999)
    with gradient clipping; log(line) is called once per epoch.
    """
    chars = sorted(set(text))
    ids = np.array([chars.index(ch) for ch in text])
    model = RnnLM(len(chars), wordvec_size, hidden_size, cell="lstm", seed=seed)
    m = {k: np.zeros_like(v) for k, v in model.params.items()}
    v = {k: np.zeros_like(v) for k, v in model.params.items()}
    xs_all, ts_all = ids[:-1], ids[1:]
    jump = len(xs_all) // batch_size
    offsets = np.arange(batch_size) * jump
    iters = jump // time_size
    perplexities, step = [], 0
    for epoch in range(epochs):
        model.reset_state()
        total = 0.0
        for it in range(iters):
            cols = offsets[:, None] + it * time_size + np.arange(time_size)
            loss = model.forward(xs_all[cols], ts_all[cols])
            model.backward()
            clip_grads(list(model.grads.values()), max_norm)
            step += 1
            for key, param in model.params.items():  # Adam, in place so the layers see it
                g = model.grads[key]
                m[key] = 0.9 * m[key] + 0.1 * g
                v[key] = 0.999 * v[key] + 0.001 * g**2
                param -= lr * (m[key] / (1 - 0.9**step)) / (np.sqrt(v[key] / (1 - 0.999**step)) + 1e-8)
            total += loss
        perplexities.append(float(np.exp(total / iters)))
        log(f"epoch {epoch + 1:3d}/{epochs}  perplexity {perplexities[-1]:7.3f}")
    return model, chars, perplexities


# %% [markdown]
# ## 11. Demo: vanishing gradients, a gradient check, and the Zen of Python
# Three experiments (they use your layers, so run them once the checks pass):
#
# 1. **Vanishing gradients.** An RNN and an LSTM read the same 60 random inputs; a gradient arrives at
#    the **last** hidden state only, and we follow $\lVert \partial L / \partial h_t \rVert$ back to
#    $t = 0$. The RNN's gradient shrinks by a roughly constant factor per step (a straight line on a log
#    scale); the LSTM's memory path carries it much further. Scaling the RNN's `Wh` up makes it
#    explode instead: that is what `clip_grads` is for.
# 2. **Gradient check.** The analytic gradients of `TimeLSTM` against central differences, as the
#    relative error $\max |a - n| / \max(10^{-8}, |a| + |n|)$. In float64 with $h = 10^{-5}$, a correct
#    backward gives about $10^{-7}$ or less; above $10^{-5}$ something is wrong (around $10^{-2}$ to 1 it is
#    a real bug, not rounding).
# 3. **A character-level language model** on the Zen of Python, with the settings of `train_char_lm`:
#    the perplexity per epoch falls from about the vocabulary size to below 3 within a minute on two
#    cores; then 200 characters sampled from it.

# %% [demo]
if __name__ == "__main__":
    import time

    import matplotlib.pyplot as plt

    # 1. The hidden-state gradient norm over time steps: RNN vs LSTM.
    rng = np.random.default_rng(0)
    N, T, D, H = 4, 60, 8, 16
    xs = rng.normal(size=(N, T, D))
    dh_last = rng.normal(size=(N, H))
    norms = {}
    for name, scale in (("RNN", 1.0), ("RNN, Wh x 3", 3.0)):
        cells, h = [], np.zeros((N, H))
        Wx, Wh = rng.normal(size=(D, H)) / np.sqrt(D), scale * rng.normal(size=(H, H)) / np.sqrt(H)
        for t in range(T):
            cells.append(RNN(Wx, Wh, np.zeros(H)))
            h = cells[-1].forward(xs[:, t], h)
        dh, norms[name] = dh_last, []
        for cell in reversed(cells):
            norms[name].append(np.linalg.norm(dh))
            _, dh = cell.backward(dh)
    Wx, Wh = rng.normal(size=(D, 4 * H)) / np.sqrt(D), rng.normal(size=(H, 4 * H)) / np.sqrt(H)
    b = np.zeros(4 * H)
    b[H : 2 * H] = 2.0  # forget gates start mostly open, as is usual for LSTMs
    cells, h, c = [], np.zeros((N, H)), np.zeros((N, H))
    for t in range(T):
        cells.append(LSTM(Wx, Wh, b))
        h, c = cells[-1].forward(xs[:, t], h, c)
    dh, dc, norms["LSTM"] = dh_last, np.zeros((N, H)), []
    for cell in reversed(cells):
        norms["LSTM"].append(np.linalg.norm(dh) + np.linalg.norm(dc))
        _, dh, dc = cell.backward(dh, dc)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for name, values in norms.items():
        ax.semilogy(np.arange(T)[::-1], values, label=name)
    ax.set(xlabel="time step t", ylabel="gradient norm at step t", title="Gradient from the last step, carried back")
    ax.legend()
    fig.tight_layout()

    # 2. Gradient check of TimeLSTM (float64, random upstream gradient, every entry).
    def relative_error(a, n):
        return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))

    def numeric(f, x, dout, h=1e-5):
        grad = np.zeros_like(x)
        for index in np.ndindex(x.shape):
            old = x[index]
            x[index] = old + h
            plus = np.sum(f() * dout)
            x[index] = old - h
            minus = np.sum(f() * dout)
            x[index] = old
            grad[index] = (plus - minus) / (2 * h)
        return grad

    N, T, D, H = 2, 4, 3, 5
    xs = rng.normal(size=(N, T, D))
    Wx, Wh, b = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)), rng.normal(size=4 * H)
    dhs = rng.normal(size=(N, T, H))
    layer = TimeLSTM(Wx, Wh, b)
    layer.forward(xs)
    dxs = layer.backward(dhs)
    run = lambda: TimeLSTM(Wx, Wh, b).forward(xs)  # noqa: E731
    for name, analytic, array in (("dxs", dxs, xs), ("dWx", layer.dWx, Wx), ("dWh", layer.dWh, Wh), ("db", layer.db, b)):
        error = relative_error(analytic, numeric(run, array, dhs))
        verdict = "ok" if error < 1e-5 else "WRONG: look at this gradient"
        print(f"TimeLSTM {name:4s} relative error {error:.2e}  ({verdict}; a correct backward gives < 1e-5)")

    # 3. A character-level LSTM on the Zen of Python. Its matrices are small: with more than one BLAS thread the
    # threads mostly wait for each other (ten times slower on a busy machine), so use one if threadpoolctl is there.
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        threadpool_limits(1)
    zen = zen_of_python()
    start = time.perf_counter()
    model, chars, perplexities = train_char_lm(zen)
    print(f"{len(zen)} characters, vocabulary of {len(chars)}; training took {time.perf_counter() - start:.1f} s")
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(np.arange(1, len(perplexities) + 1), perplexities, "o-", ms=3)
    ax.axhline(len(chars), ls=":", c="gray", label=f"vocabulary size {len(chars)}")
    ax.set(xlabel="epoch", ylabel="perplexity", yscale="log", title="Character-level LSTM on the Zen of Python")
    ax.legend()
    fig.tight_layout()
    start_id = chars.index("B")
    sampled = model.generate(start_id, 200, seed=1)
    print("B" + "".join(chars[i] for i in sampled))
    plt.show()
