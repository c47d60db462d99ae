"""Public checks for ch09_sequences: shipped to students, run by their self-check and by grading.

Forward values are compared with the reference; every backward with float64 central differences of
the reference forward, L = sum(out * dout) with a random `dout` (for the LSTM cell, both of its
outputs with their own random upstream gradients). Sizes: N >= 2 sequences, T >= 3 steps, and an
input size D different from the hidden size H, so a transposed weight cannot fit by accident.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.inputs import call_text, logits

suite = Suite("ch09_sequences", public=True)

N, T, D, H = 2, 3, 5, 4  # all different, so no two axes can be swapped unnoticed
BLOCKS = {"RNN": 1, "LSTM": 4, "GRU": 3}  # weight blocks of each cell: Wx (D, k*H)
TIME_CELL = {"TimeRNN": "RNN", "TimeLSTM": "LSTM", "TimeGRU": "GRU"}
LM_KEYS = ("embed_W", "rnn_Wx", "rnn_Wh", "rnn_b", "affine_W", "affine_b")
LM_BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3}

CELL_FORWARD_HINTS = {
    "RNN": "h_next = tanh(x @ Wx + h_prev @ Wh + b)",
    "LSTM": "a = x @ Wx + h_prev @ Wh + b, blocks in the order i, f, g, o (columns 0:H, H:2H, 2H:3H, 3H:4H); "
            "i, f, o sigmoid, g tanh; c_next = f*c_prev + i*g; h_next = o*tanh(c_next)",
    "GRU": "blocks z, r, h: z and r sigmoid of x@Wx + h_prev@Wh + b; h_tilde = tanh(x@Wxh + (r*h_prev)@Whh + bh) "
           "(r multiplies h_prev before Whh); h_next = z*h_prev + (1 - z)*h_tilde",
}
CELL_BACKWARD_HINTS = {
    "RNN": "da = dh_next * (1 - h_next**2); dx = da @ Wx.T; dh_prev = da @ Wh.T; dWx = x.T @ da; dWh = h_prev.T @ da; "
           "db = da.sum(axis=0)",
    "LSTM": "ds = dc_next + dh_next*o*(1 - tanh(c_next)**2); dc_prev = ds*f; da = [ds*g*i*(1-i), ds*c_prev*f*(1-f), "
            "ds*i*(1-g**2), dh_next*tanh(c_next)*o*(1-o)] side by side in the order i, f, g, o; then as an affine layer",
    "GRU": "h_prev reaches h_next four ways: directly (times z), through z, through r and through r*h_prev inside "
           "h_tilde; dWhh = (r*h_prev).T @ dah, while dWhz and dWhr use h_prev.T",
}
TIME_HINT = ("walk t = T-1 .. 0; the gradient into step t is dhs[:, t] plus the dh that step t+1 sent back "
             "(for the LSTM, dc too); dWx, dWh, db are the sums over all steps")
TIME_FORWARD_HINT = ("one cell per step sharing Wx, Wh, b; h (and c) start at zeros (N, H) unless the layer is "
                     "stateful and holds a state; hs[:, t] is the h after step t")
DH0_HINT = ("self.dh is the gradient reaching the state the forward started from: the dh the first step (t = 0) "
            "sends back, after the loop")


# ---- inputs ---------------------------------------------------------------------------------


def cell_weights(rng, cell, d=D, h=H, scale=0.6):
    """Wx (d, k*h), Wh (h, k*h), b (k*h,) for a cell with k blocks: moderate, so no gate saturates."""
    k = BLOCKS[cell]
    return rng.normal(scale=scale, size=(d, k * h)), rng.normal(scale=scale, size=(h, k * h)), \
        rng.normal(scale=0.5, size=k * h)


def states(rng, cell, n=N, h=H):
    """The states a cell starts a step from: (h,) or (h, c) for the LSTM."""
    count = 2 if cell == "LSTM" else 1
    return tuple(rng.normal(scale=0.7, size=(n, h)) for _ in range(count))


def time_case(rng, name, n=N, steps=T, d=D, h=H):
    """xs (n, steps, d) and Wx, Wh, b for the Time layer `name`."""
    return (rng.normal(size=(n, steps, d)),) + cell_weights(rng, TIME_CELL[name], d, h)


# ---- one step: RNN, LSTM, GRU ----------------------------------------------------------------


def cell_arguments(cell):
    return ("x", "h_prev", "c_prev") if cell == "LSTM" else ("x", "h_prev")


def ref_cell(ref, cell, values):
    """The reference cell's output(s) for values {x, h_prev[, c_prev], Wx, Wh, b}, stacked for the LSTM."""
    layer = getattr(ref, cell)(values["Wx"], values["Wh"], values["b"])
    out = layer.forward(*(values[k] for k in cell_arguments(cell)))
    return np.stack(out) if cell == "LSTM" else out


def cell_numerical(ref, cell, values, dout, wrt):
    """d sum(out * dout) / d values[wrt] for the reference cell (out stacked (h, c) for the LSTM)."""
    return numerical_gradient(lambda a: ref_cell(ref, cell, {**values, wrt: a}), values[wrt].copy(), dout)


def cell_case(rng, cell, n=N, d=D, h=H):
    Wx, Wh, b = cell_weights(rng, cell, d, h)
    values = {"x": rng.normal(size=(n, d)), "Wx": Wx, "Wh": Wh, "b": b}
    values.update(zip(cell_arguments(cell)[1:], states(rng, cell, n, h)))
    return values


def cell_upstream(rng, cell, n=N, h=H):
    """dh_next, or (dh_next, dc_next) for the LSTM, stacked: random, never ones."""
    return rng.normal(size=(2, n, h) if cell == "LSTM" else (n, h))


def backward_call(cell):
    return f"{cell}.backward(dh_next, dc_next)" if cell == "LSTM" else f"{cell}.backward(dh_next)"


def gradient_name(wrt):
    """How a gradient reads in a message: returned (dx, dh_prev, ...) or an attribute (self.dWx, ...)."""
    return f"self.d{wrt}" if wrt in ("Wx", "Wh", "b") else f"d{wrt} (returned)"


def student_cell_backward(t, cell, values, dout):
    """{name: gradient} from the student's cell after forward and backward (x, h_prev[, c_prev], Wx, Wh, b)."""
    layer = t.student.new(cell, values["Wx"], values["Wh"], values["b"])
    layer.call("forward", *(values[k] for k in cell_arguments(cell)))
    upstream = tuple(dout) if cell == "LSTM" else (dout,)
    got = layer.call("backward", *upstream)
    names = ["d" + k for k in cell_arguments(cell)]
    require(isinstance(got, (tuple, list)) and len(got) == len(names),
            f"{backward_call(cell)} must return a tuple ({', '.join(names)}), got {describe_length(got)}.",
            CELL_BACKWARD_HINTS[cell])
    grads = dict(zip(cell_arguments(cell), got))
    for key in ("Wx", "Wh", "b"):
        grads[key] = layer.get("d" + key)
    return grads


def describe_length(got):
    if isinstance(got, (tuple, list)):
        return f"a {type(got).__name__} of {len(got)} items"
    return type(got).__name__


def check_cell_forward(t, cell, **sizes):
    values = cell_case(t.rng, cell, **sizes)
    want = t.expect("out", lambda ref: ref_cell(ref, cell, values))
    layer = t.student.new(cell, values["Wx"], values["Wh"], values["b"])
    got = layer.call("forward", *(values[k] for k in cell_arguments(cell)))
    context = shapes(**{k: values[k] for k in ("x", "Wx", "Wh")})
    what = f"{cell}(Wx, Wh, b).forward({', '.join(cell_arguments(cell))})"
    if cell == "LSTM":
        require(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{what} must return a pair (h_next, c_next), got {describe_length(got)}.", CELL_FORWARD_HINTS[cell])
        assert_close(got[1], want[1], what + ": c_next", context=context, hint=CELL_FORWARD_HINTS[cell])
        got = got[0]
        want, what = want[0], what + ": h_next"
    assert_close(got, want, what, context=context, hint=CELL_FORWARD_HINTS[cell])


def check_cell_backward(t, cell, wrt, **sizes):
    """The gradient of one argument or parameter of a cell against central differences of the reference."""
    values = cell_case(t.rng, cell, **sizes)
    dout = cell_upstream(t.rng, cell, values["x"].shape[0], values["Wh"].shape[0])
    want = t.expect("d" + wrt, lambda ref: cell_numerical(ref, cell, values, dout, wrt))
    got = student_cell_backward(t, cell, values, dout)[wrt]
    assert_close(got, want, f"{backward_call(cell)}: {gradient_name(wrt)}",
                 context=shapes(**{k: values[k] for k in ("x", "Wx", "Wh")}) + " Random upstream gradients.",
                 hint=CELL_BACKWARD_HINTS[cell])


def register_cell_checks():
    for cell in BLOCKS:
        suite.check(cell, "forward", points=2)(lambda t, cell=cell: check_cell_forward(t, cell))
        wrts = ("x", "h_prev", "c_prev", "Wx", "Wh", "b") if cell == "LSTM" else ("x", "h_prev", "Wx", "Wh", "b")
        for wrt in wrts:
            points = 2 if wrt in ("h_prev", "c_prev", "Wh") else 1
            suite.check(cell, f"backward_d{wrt}", points=points)(
                lambda t, cell=cell, wrt=wrt: check_cell_backward(t, cell, wrt))


# ---- unrolled in time: TimeRNN, TimeLSTM, TimeGRU --------------------------------------------


def ref_time(ref, name, xs, Wx, Wh, b, state=None):
    """hs of the reference Time layer, from zeros or (stateful) from `state` = (h,) or (h, c)."""
    layer = getattr(ref, name)(Wx, Wh, b, stateful=state is not None)
    if state is not None:
        layer.set_state(*state)
    return layer.forward(xs)


def time_numerical(ref, name, values, state, dhs, wrt):
    """d sum(hs * dhs) / d values[wrt] (wrt one of xs, Wx, Wh, b) or / d state[0] (wrt 'h0')."""
    if wrt == "h0":
        rest = state[1:]
        return numerical_gradient(lambda h0: ref_time(ref, name, *values, state=(h0,) + rest), state[0].copy(), dhs)
    i = ("xs", "Wx", "Wh", "b").index(wrt)

    def f(a):
        return ref_time(ref, name, *(a if j == i else v for j, v in enumerate(values)), state=state)

    return numerical_gradient(f, values[i].copy(), dhs)


def student_time(t, name, Wx, Wh, b, stateful=False, state=None):
    layer = t.student.new(name, Wx, Wh, b, stateful=stateful)
    if state is not None:
        layer.call("set_state", *state)
    return layer


def time_context(xs, Wx, extra=""):
    return shapes(xs=xs, Wx=Wx) + extra


def check_time_forward(t, name, **sizes):
    xs, Wx, Wh, b = time_case(t.rng, name, **sizes)
    want = t.expect("hs", lambda ref: ref_time(ref, name, xs, Wx, Wh, b))
    got = student_time(t, name, Wx, Wh, b).call("forward", xs)
    assert_close(got, want, f"{name}(Wx, Wh, b).forward(xs)", context=time_context(xs, Wx, " From zero states."),
                 hint=TIME_FORWARD_HINT)


def check_time_backward(t, name, wrts, *, dhs_mask=None, with_state=False, label="", **sizes):
    """Gradients `wrts` (of xs, Wx, Wh, b, h0) after forward(xs) and backward(dhs), random dhs.

    `dhs_mask` zeroes part of dhs (e.g. every step but the last); `with_state` starts a stateful layer
    from a random set_state, whose gradient is self.dh.
    """
    xs, Wx, Wh, b = time_case(t.rng, name, **sizes)
    n, steps, h = xs.shape[0], xs.shape[1], Wh.shape[0]
    state = states(t.rng, TIME_CELL[name], n, h) if with_state else None
    dhs = t.rng.normal(size=(n, steps, h))
    if dhs_mask is not None:
        dhs = dhs * dhs_mask(steps)[None, :, None]
    values = (xs, Wx, Wh, b)
    want = {w: t.expect(label + "d" + w, lambda ref, w=w: time_numerical(ref, name, values, state, dhs, w)) for w in wrts}
    layer = student_time(t, name, Wx, Wh, b, stateful=with_state, state=state)
    layer.call("forward", xs)
    dxs = layer.call("backward", dhs)
    start = f" After set_state({', '.join(('h', 'c')[: len(state)])}) on a stateful layer." if state else " From zero states."
    extra = " Upstream gradient at the last step only." if dhs_mask is not None else " Random dhs."
    for w in wrts:
        if w == "xs":
            got, where = dxs, "dxs (returned)"
        else:
            attr = "dh" if w == "h0" else "d" + w
            got, where = layer.get(attr), "self." + attr
        assert_close(got, want[w], f"{name}.backward(dhs): {where}", context=time_context(xs, Wx, start + extra),
                     hint=DH0_HINT if w == "h0" else TIME_HINT)


def register_time_checks():
    for name in TIME_CELL:
        suite.check(name, "forward", points=2)(lambda t, name=name: check_time_forward(t, name))
        for wrt, points in (("xs", 2), ("Wx", 1), ("Wh", 2), ("b", 1)):
            suite.check(name, f"backward_d{wrt}", points=points)(
                lambda t, name=name, wrt=wrt: check_time_backward(t, name, [wrt]))
        suite.check(name, "backward_dh_initial_state", points=1)(
            lambda t, name=name: check_time_backward(t, name, ["h0"], with_state=True))


register_cell_checks()
register_time_checks()


# ---- Embedding -------------------------------------------------------------------------------


def check_embedding_forward(t, idx, V=7, d=D):
    W = t.rng.normal(size=(V, d))
    want = t.expect(f"out{idx.shape}", lambda ref: ref.Embedding(W).forward(idx.copy()))
    got = t.student.new("Embedding", W).call("forward", idx)
    assert_close(got, want, "Embedding(W).forward(idx)", context=shapes(W=W, idx=idx),
                 hint="out = W[idx]: one row of W per id, shape idx.shape + (D,)")


def check_embedding_backward(t, idx, V=7, d=D):
    W = t.rng.normal(size=(V, d))
    dout = t.rng.normal(size=idx.shape + (d,))
    want = t.expect(f"dW{idx.shape}", lambda ref: numerical_gradient(lambda W_: ref.Embedding(W_).forward(idx), W.copy(), dout))
    layer = t.student.new("Embedding", W)
    layer.call("forward", idx)
    layer.call("backward", dout)
    repeated = len(np.unique(idx)) < idx.size
    assert_close(layer.get("dW"), want, "Embedding.backward(dout): self.dW",
                 context=shapes(W=W, idx=idx, dout=dout) + (" Some ids repeat." if repeated else ""),
                 hint="dW starts at zeros; every position adds its dout to the row of its id: np.add.at(dW, idx, dout) "
                      "(dW[idx] = dout and dW[idx] += dout keep only one of repeated ids)")


@suite.check("Embedding", "forward", points=1)
def embedding_forward(t):
    check_embedding_forward(t, t.rng.permutation(7)[:6].reshape(2, 3))


@suite.check("Embedding", "backward_dW", points=2)
def embedding_backward(t):
    check_embedding_backward(t, t.rng.permutation(7)[:6].reshape(2, 3))


# ---- TimeAffine ------------------------------------------------------------------------------


TIME_AFFINE_HINTS = {"xs": "dxs = dout @ W.T, shape (N, T, D)",
                     "W": "dW = xs.reshape(N*T, D).T @ dout.reshape(N*T, M)", "b": "db = dout.sum(axis=(0, 1))"}


def affine_case(rng, n=N, steps=T, d=H, m=5):
    return rng.normal(size=(n, steps, d)), rng.normal(size=(d, m)), rng.normal(size=m)


@suite.check("TimeAffine", "forward", points=1)
def time_affine_forward(t):
    xs, W, b = affine_case(t.rng)
    want = t.expect("out", lambda ref: ref.TimeAffine(W, b).forward(xs.copy()))
    got = t.student.new("TimeAffine", W, b).call("forward", xs)
    assert_close(got, want, "TimeAffine(W, b).forward(xs)", context=shapes(xs=xs, W=W),
                 hint="out = (xs.reshape(N*T, D) @ W + b).reshape(N, T, M)")


def check_time_affine_backward(t, wrts, label="", **sizes):
    xs, W, b = affine_case(t.rng, **sizes)
    dout = t.rng.normal(size=xs.shape[:2] + (W.shape[1],))
    values = {"xs": xs, "W": W, "b": b}

    def numerical(ref, w):
        def f(a):
            v = {**values, w: a}
            return ref.TimeAffine(v["W"], v["b"]).forward(v["xs"])

        return numerical_gradient(f, values[w].copy(), dout)

    want = {w: t.expect(label + "d" + w, lambda ref, w=w: numerical(ref, w)) for w in wrts}
    layer = t.student.new("TimeAffine", W, b)
    layer.call("forward", xs)
    dxs = layer.call("backward", dout)
    for w in wrts:
        got, where = (dxs, "dxs (returned)") if w == "xs" else (layer.get("d" + w), f"self.d{w}")
        assert_close(got, want[w], f"TimeAffine.backward(dout): {where}", context=shapes(xs=xs, W=W, dout=dout),
                     hint=TIME_AFFINE_HINTS[w])


@suite.check("TimeAffine", "backward_dxs", points=1)
def time_affine_backward_dxs(t):
    check_time_affine_backward(t, ["xs"])


@suite.check("TimeAffine", "backward_dW_db", points=1)
def time_affine_backward_params(t):
    check_time_affine_backward(t, ["W", "b"])


# ---- TimeSoftmaxWithLoss ---------------------------------------------------------------------


def loss_case(rng, n=N, steps=T + 1, V=5, ignored=0, ignore_label=-1):
    """Scores (n, steps, V) whose true class keeps probability >= 0.02, and labels with `ignored` positions
    set to ignore_label (at least one position of each row stays valid when possible)."""
    scores, labels = logits(rng, n * steps, V)
    labels = labels.reshape(n, steps)
    if ignored:
        flat = rng.choice(n * steps, size=ignored, replace=False)
        labels.reshape(-1)[flat] = ignore_label
    return scores.reshape(n, steps, V), labels


def loss_text(ignore_label):
    return call_text("TimeSoftmaxWithLoss", **({} if ignore_label == -1 else {"ignore_label": ignore_label}))


def check_loss_forward(t, ignored=0, ignore_label=-1, label="loss", **case):
    xs, ts = loss_case(t.rng, ignored=ignored, ignore_label=ignore_label, **case)
    kwargs = {} if ignore_label == -1 else {"ignore_label": ignore_label}
    want = t.expect(label, lambda ref: ref.TimeSoftmaxWithLoss(**kwargs).forward(xs.copy(), ts.copy()))
    got = t.student.new("TimeSoftmaxWithLoss", **kwargs).call("forward", xs, ts)
    assert_close(got, want, f"{loss_text(ignore_label)}.forward(xs, ts)",
                 context=shapes(xs=xs, ts=ts) + (f" {int((ts == ignore_label).sum())} positions have the label "
                                                 f"{ignore_label}." if ignored else ""),
                 hint="the mean of -log softmax(xs[n, t])[ts[n, t]] over the positions whose label is not "
                      "ignore_label: divide by the number of those positions, not by N*T")


def check_loss_backward(t, ignored=0, ignore_label=-1, label="dxs", dout=1.7, **case):
    xs, ts = loss_case(t.rng, ignored=ignored, ignore_label=ignore_label, **case)
    kwargs = {} if ignore_label == -1 else {"ignore_label": ignore_label}
    want = t.expect(label, lambda ref: numerical_gradient(
        lambda a: ref.TimeSoftmaxWithLoss(**kwargs).forward(a, ts), xs.copy(), dout))
    layer = t.student.new("TimeSoftmaxWithLoss", **kwargs)
    layer.call("forward", xs, ts)
    got = layer.call("backward", dout)
    assert_close(got, want, f"{loss_text(ignore_label)}.backward(dout={dout}) after forward(xs, ts)",
                 context=shapes(xs=xs, ts=ts) + (f" {int((ts == ignore_label).sum())} positions have the label "
                                                 f"{ignore_label}." if ignored else ""),
                 hint="dxs = dout * (softmax(xs) - onehot(ts)) / n_valid at the valid positions, 0 at ignored ones")


@suite.check("TimeSoftmaxWithLoss", "forward", points=1)
def loss_forward(t):
    check_loss_forward(t)


@suite.check("TimeSoftmaxWithLoss", "backward", points=2)
def loss_backward(t):
    check_loss_backward(t)


# ---- clip_grads ------------------------------------------------------------------------------


GRAD_SHAPES = ((3, 4), (4,), (2, 3))


def draw_grads(rng, norm):
    """Arrays of GRAD_SHAPES with a global L2 norm of exactly `norm`."""
    grads = [rng.normal(size=s) for s in GRAD_SHAPES]
    total = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * (norm / total) for g in grads]


def clipped(grads, max_norm):
    """What clip_grads must leave in the arrays (the grader's own formula, from SPEC)."""
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * (max_norm / (norm + 1e-6)) if norm > max_norm else g.copy() for g in grads]


def assert_grads_list(got, want, what, hint):
    require(isinstance(got, list) and len(got) == len(want),
            f"{what} must still be a list of {len(want)} arrays, got {describe_length(got)}.", hint)
    for i, (g, w) in enumerate(zip(got, want)):
        assert_close(g, w, f"{what}[{i}]", hint=hint)


CLIP_HINT = ("norm = sqrt of the sum of the squares of every entry of every array; when norm > max_norm, "
             "multiply each array by max_norm / (norm + 1e-6), in place (g *= rate)")


@suite.check("clip_grads", "above_threshold", points=2)
def clip_above(t):
    grads = draw_grads(t.rng, 5.0)
    want = t.expect("clipped", lambda ref: clipped(grads, 2.0))
    remote = t.student.put(grads)
    t.student.call("clip_grads", remote, 2.0)
    assert_grads_list(remote.value(), want, "grads after clip_grads(grads, max_norm=2.0) (global norm 5.0)", CLIP_HINT)


# ---- RnnLM -----------------------------------------------------------------------------------


def lm_shapes(V, d, h, cell):
    k = LM_BLOCKS[cell]
    return {"embed_W": (V, d), "rnn_Wx": (d, k * h), "rnn_Wh": (h, k * h), "rnn_b": (k * h,), "affine_W": (h, V),
            "affine_b": (V,)}


def lm_params(rng, V, d, h, cell, scale=0.6):
    return {key: rng.normal(scale=scale, size=shape) for key, shape in lm_shapes(V, d, h, cell).items()}


def student_lm(t, sizes, cell, params=None):
    """The student's RnnLM(*sizes, cell=cell, seed=0), its params overwritten in place by `params`."""
    net = t.student.new("RnnLM", *sizes, cell=cell, seed=0)
    call = call_text("RnnLM", *sizes, cell=cell, seed=0)
    got = net.get("params")
    require(isinstance(got, dict) and set(got) == set(LM_KEYS),
            f"{call}.params must be a dict with the keys {list(LM_KEYS)}, got "
            f"{sorted(got) if isinstance(got, dict) else type(got).__name__}.")
    for key, shape in lm_shapes(*sizes, cell).items():
        arr = as_array(got[key], f"{call}.params['{key}']")
        require(arr.shape == shape, f"{call}.params['{key}'] has shape {arr.shape}, expected {shape}.",
                "rnn_Wx (D, k*H), rnn_Wh (H, k*H), rnn_b (k*H,) with k = 1, 4, 3 blocks for rnn, lstm, gru")
        if params is not None:
            net.attr("params")[key].assign(params[key])
    return net


def ref_lm(ref, sizes, cell, params):
    net = ref.RnnLM(*sizes, cell=cell, seed=0)
    for key in LM_KEYS:
        net.params[key][...] = params[key]
    return net


def lm_data(rng, V, n=N, steps=T + 1):
    return rng.integers(0, V, size=(n, steps)), rng.integers(0, V, size=(n, steps))


LM_SIZES = (7, 3, 4)  # vocabulary V, word vectors D, hidden H


def check_lm_gradient(t, cell, sizes=LM_SIZES, dout=1.0):
    V = sizes[0]
    params = lm_params(t.rng, *sizes, cell)
    xs, ts = lm_data(t.rng, V)

    def numerical(ref):
        net = ref_lm(ref, sizes, cell, params)

        def loss(_):
            net.reset_state()
            return dout * net.forward(xs, ts)

        return {key: numerical_gradient(loss, net.params[key]) for key in LM_KEYS}

    want = t.expect("grads", numerical)
    net = student_lm(t, sizes, cell, params)
    net.call("forward", xs, ts)
    if dout == 1.0:
        net.call("backward")  # the default argument
    else:
        net.call("backward", dout)
    grads = net.get("grads")
    call = call_text("RnnLM", *sizes, cell=cell)
    require(isinstance(grads, dict) and set(grads) >= set(LM_KEYS),
            f"{call}.grads must be a dict with the keys of params after backward().")
    for key in LM_KEYS:
        assert_close(grads[key], want[key], f"{call}.grads['{key}'] after forward(xs, ts) and backward()",
                     context=shapes(xs=xs) + " Fresh model (zero state).",
                     hint="backward runs the four layers in reverse (loss, affine, rnn, embedding) and copies each "
                          "layer's gradients into self.grads under the keys of params")


@suite.check("RnnLM", "predict", points=1)
def lm_predict(t):
    params = lm_params(t.rng, *LM_SIZES, "lstm")
    xs, _ = lm_data(t.rng, LM_SIZES[0])
    want = t.expect("scores", lambda ref: ref_lm(ref, LM_SIZES, "lstm", params).predict(xs.copy()))
    got = student_lm(t, LM_SIZES, "lstm", params).call("predict", xs)
    assert_close(got, want, f"{call_text('RnnLM', *LM_SIZES, cell='lstm')}.predict(xs)", context=shapes(xs=xs),
                 hint="embedding, then the recurrent layer, then TimeAffine: scores (N, T, V)")


@suite.check("RnnLM", "forward", points=1)
def lm_forward(t):
    params = lm_params(t.rng, *LM_SIZES, "lstm")
    xs, ts = lm_data(t.rng, LM_SIZES[0])
    want = t.expect("loss", lambda ref: ref_lm(ref, LM_SIZES, "lstm", params).forward(xs.copy(), ts.copy()))
    got = student_lm(t, LM_SIZES, "lstm", params).call("forward", xs, ts)
    assert_close(got, want, f"{call_text('RnnLM', *LM_SIZES, cell='lstm')}.forward(xs, ts)", context=shapes(xs=xs),
                 hint="the TimeSoftmaxWithLoss of predict(xs) against ts")


@suite.check("RnnLM", "gradient_lstm", points=2)
def lm_gradient_lstm(t):
    check_lm_gradient(t, "lstm")
