"""Public checks for ch10_attention: shipped to students, run by their self-check and by grading.

Forward values are compared with the reference on seeded inputs; every backward with float64 central
differences of the reference forward, L = sum(forward(...) * dout) with a random `dout`, every entry.
Inputs that pass through a ReLU (ResidualBlock, the encoder block's feed-forward network) are redrawn
until every pre-activation is at least MARGIN away from the kink, using the grader's own small
forward passes below (never the student's code, never the reference's).
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.inputs import softmax_rows

suite = Suite("ch10_attention", public=True)

MARGIN = 0.01  # |pre-activation| of every ReLU in a case; central differences move it by ~1e-5
MHA_PARAMS = ("Wq", "Wk", "Wv", "Wo", "bq", "bk", "bv", "bo")
LN_PARAMS = ("ln1_gamma", "ln1_beta", "ln2_gamma", "ln2_beta")
FFN_PARAMS = ("W1", "b1", "W2", "b2")
BLOCK_PARAMS = LN_PARAMS[:2] + MHA_PARAMS + LN_PARAMS[2:] + FFN_PARAMS

SDPA_HINT = ("scores = q @ np.swapaxes(k, -1, -2) / sqrt(d) with d = q.shape[-1]; softmax over the last axis "
             "(the keys), shifted by each row's max; out = weights @ v")
MASK_HINT = ("set masked scores to -inf BEFORE the softmax (np.where(mask, scores, -np.inf)), so that the "
             "allowed weights of each row still sum to 1")
DQ_HINT = "dS = W * (dW - sum(dW * W, axis=-1, keepdims=True)) with dW = dout @ v^T; dq = dS @ k / sqrt(d)"
DK_HINT = "dk = np.swapaxes(dS, -1, -2) @ q / sqrt(d), with dS the gradient of the softmax input"
DV_HINT = "dv = np.swapaxes(weights, -1, -2) @ dout"
MHA_HINT = ("Q = x_q @ Wq + bq, reshaped to (N, Tq, heads, dh) and transposed to (N, heads, Tq, dh): head h owns "
            "columns h*dh:(h+1)*dh; attention per head; transpose back, reshape to (N, Tq, D), then @ Wo + bo")
MHA_DX_HINT = ("dout @ Wo.T, split into heads as in forward, attention backward, merge dQ, dK, dV back to "
               "(N, T, D); dx_q = dQ @ Wq.T; dx_kv = dK @ Wk.T + dV @ Wv.T (x_kv feeds both K and V)")
MHA_PARAM_HINT = ("reshape to rows (N*T, D): dWq = x_q_rows.T @ dQ_rows, dbq = dQ summed over batch and time; "
                  "likewise K, V from x_kv, and dWo = concat_rows.T @ dout_rows")
LN_HINT = ("normalize each position over its own features (the LAST axis, keepdims=True) with the biased "
           "variance: (x - mean) / sqrt(var + eps), then * gamma + beta")
LN_DX_HINT = ("dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sqrt(var + eps) with dxhat = gamma * dout, "
              "means over the last axis")
LN_DGAMMA_HINT = "dgamma = sum(dout * xhat) over every leading axis (all but the last)"
LN_DBETA_HINT = "dbeta = sum(dout) over every leading axis (all but the last)"
PE_HINT = ("PE[t, 2i] = sin(t / 10000**(2i/D)) in the even columns and PE[t, 2i+1] = cos(...) of the same angle "
           "in the odd columns (pe[:, 0::2] and pe[:, 1::2])")
RES_HINT = "out = relu(conv2(relu(conv1(x))) + x): the shortcut is added BEFORE the last ReLU"
RES_DX_HINT = ("da = relu2.backward(dout); dx = conv1.backward(relu1.backward(conv2.backward(da))) + da: the "
               "shortcut passes da on unchanged")
RES_PARAM_HINT = "after backward, copy conv1.dW, conv1.db, conv2.dW, conv2.db into self.dW1, self.db1, self.dW2, self.db2"
BLOCK_HINT = ("pre-norm: a = ln1(x); y = x + attn(a, a, mask); out = y + relu(ln2(y) @ W1 + b1) @ W2 + b2 "
              "(normalize the sub-layer's input, add its output to the unnormalized stream)")
BLOCK_DX_HINT = ("dy = dout + ln2.backward(FFN backward of dout); (dq, dkv) = attn.backward(dy); "
                 "dx = dy + ln1.backward(dq + dkv): both residual paths, and both attention inputs")
BLOCK_GRADS_HINT = "self.grads[key] for every key of params, from the layers' gradients after backward"


# ---------------------------------------------------------------- inputs


def attention_case(rng, lead=(2,), tq=3, tk=5, d=4, dv=6, scale=1.0):
    """q (*lead, tq, d), k (*lead, tk, d), v (*lead, tk, dv): normal draws (q and k times `scale`)."""
    return (scale * rng.normal(size=lead + (tq, d)), scale * rng.normal(size=lead + (tk, d)),
            rng.normal(size=lead + (tk, dv)))


def lower_triangle(t):
    """The causal mask, built by the grader (True where key s <= query t)."""
    return np.arange(t)[None, :] <= np.arange(t)[:, None]


def mha_case(rng, n=2, tq=3, tk=4, d=8):
    """Eight projection arrays (Wq Wk Wv Wo (d, d) of std 0.5, biases (d,)), x_q (n, tq, d), x_kv (n, tk, d)."""
    weights = [0.5 * rng.normal(size=(d, d)) for _ in range(4)] + [0.5 * rng.normal(size=d) for _ in range(4)]
    return weights, rng.normal(size=(n, tq, d)), rng.normal(size=(n, tk, d))


def ln_case(rng, shape):
    """x whose positions have different means (-3..3) and scales (0.5..3); gamma (both signs) and beta."""
    lead, d = shape[:-1], shape[-1]
    x = rng.uniform(-3, 3, size=lead + (1,)) + rng.uniform(0.5, 3, size=lead + (1,)) * rng.normal(size=shape)
    gamma = rng.uniform(0.5, 2.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    return x, gamma, rng.normal(size=d)


def conv3x3(x, W, b):
    """The grader's own 3x3 convolution, stride 1, pad 1 (NCHW), used only to choose inputs."""
    _, _, h, w = x.shape
    xp = np.pad(x, [(0, 0), (0, 0), (1, 1), (1, 1)])
    out = sum(np.einsum("nchw,fc->nfhw", xp[:, :, i:i + h, j:j + w], W[:, :, i, j]) for i in range(3) for j in range(3))
    return out + b[None, :, None, None]


def residual_case(rng, shape=(2, 3, 4, 5)):
    """W1, b1, W2, b2 and x for ResidualBlock with both ReLUs' inputs at least MARGIN from 0."""
    c = shape[1]
    while True:
        W1, W2 = (rng.normal(scale=np.sqrt(2 / (9 * c)), size=(c, c, 3, 3)) for _ in range(2))
        b1, b2 = 0.3 * rng.normal(size=c), 0.3 * rng.normal(size=c)
        x = rng.normal(size=shape)
        pre1 = conv3x3(x, W1, b1)
        pre2 = conv3x3(np.maximum(pre1, 0), W2, b2) + x
        if min(np.abs(pre1).min(), np.abs(pre2).min()) >= MARGIN:
            return (W1, b1, W2, b2), x


def layer_norm(x, gamma, beta, eps=1e-5):
    xc = x - x.mean(axis=-1, keepdims=True)
    return gamma * xc / np.sqrt((xc * xc).mean(axis=-1, keepdims=True) + eps) + beta


def ffn_preactivation(params, x, heads, mask=None):
    """The grader's own pre-norm block up to the FFN's ReLU input, used only to choose inputs."""
    n, t, d = x.shape
    dh = d // heads
    a = layer_norm(x, params["ln1_gamma"], params["ln1_beta"])
    split = lambda m: m.reshape(n, t, heads, dh).transpose(0, 2, 1, 3)  # noqa: E731
    q, k, v = (split(a @ params["W" + s] + params["b" + s]) for s in "qkv")
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
    allowed = np.ones(scores.shape, dtype=bool) if mask is None else mask
    heads_out = softmax_rows(np.where(allowed, scores, -1e300)) @ v
    y = x + heads_out.transpose(0, 2, 1, 3).reshape(n, t, d) @ params["Wo"] + params["bo"]
    return layer_norm(y, params["ln2_gamma"], params["ln2_beta"]) @ params["W1"] + params["b1"]


def block_case(rng, n=2, t=4, d=8, f=12, heads=2, mask=None):
    """params for TransformerEncoderBlock and x (n, t, d) with every FFN pre-activation >= MARGIN from 0."""
    while True:
        params = {"ln1_gamma": rng.uniform(0.5, 1.5, size=d), "ln1_beta": 0.3 * rng.normal(size=d),
                  "ln2_gamma": rng.uniform(0.5, 1.5, size=d), "ln2_beta": 0.3 * rng.normal(size=d)}
        params.update({k: 0.5 * rng.normal(size=(d, d)) for k in MHA_PARAMS[:4]})
        params.update({k: 0.3 * rng.normal(size=d) for k in MHA_PARAMS[4:]})
        params.update(W1=0.5 * rng.normal(size=(d, f)), b1=0.3 * rng.normal(size=f),
                      W2=0.5 * rng.normal(size=(f, d)), b2=0.3 * rng.normal(size=d))
        x = rng.normal(size=(n, t, d))
        if np.abs(ffn_preactivation(params, x, heads, mask)).min() >= MARGIN:
            return params, x


def copied(params):
    return {k: v.copy() for k, v in params.items()}


# ---------------------------------------------------------------- student results


def unpack(got, names, what, hint=""):
    """A method that must return a tuple of len(names) arrays."""
    require(isinstance(got, (tuple, list)) and len(got) == len(names),
            f"{what} must return a tuple ({', '.join(names)}), got "
            f"{len(got) if isinstance(got, (tuple, list)) else 0} values ({type(got).__name__}).", hint)
    return got


def student_sdpa(t, q, k, v, mask=None):
    got = t.student.call("scaled_dot_product_attention", q, k, v, mask)
    return unpack(got, ("out", "weights"), "scaled_dot_product_attention(q, k, v, mask)", SDPA_HINT)


def check_sdpa(t, q, k, v, mask, which, context, hint=SDPA_HINT, label=""):
    """The student's `out` or `weights` (which = 0 or 1) against the reference's."""
    got = student_sdpa(t, q, k, v, mask)[which]
    name = ("out", "weights")[which]
    want = t.expect(name + label, lambda ref: ref.scaled_dot_product_attention(q.copy(), k.copy(), v.copy(), mask)[which])
    shown = shapes(q=q, k=k, v=v) + (f" mask {np.shape(mask)}." if mask is not None else " No mask.")
    assert_close(got, want, f"scaled_dot_product_attention(q, k, v, mask): {name}{context}", context=shown, hint=hint)


ATTENTION_GRADS = ("dq", "dk", "dv")
ATTENTION_HINTS = {"dq": DQ_HINT, "dk": DK_HINT, "dv": DV_HINT}


def attention_numerical(ref, q, k, v, mask, dout, which):
    """d sum(Attention.forward * dout) / d (q, k or v), from the reference's forward."""
    args = [q, k, v]
    i = ATTENTION_GRADS.index(which)

    def f(a):
        call = [a if j == i else args[j].copy() for j in range(3)]
        return ref.Attention().forward(*call, mask)

    return numerical_gradient(f, args[i].copy(), dout)


def check_attention_backward(t, q, k, v, mask, which, label="", note=""):
    """The student's Attention dq, dk, dv (all of `which`) after forward(q, k, v, mask), backward(dout)."""
    layer = t.student.new("Attention")
    out = layer.call("forward", q, k, v, mask)
    dout = t.rng.normal(size=q.shape[:-1] + v.shape[-1:])
    got = unpack(layer.call("backward", dout), ATTENTION_GRADS, "Attention.backward(dout)")
    context = shapes(q=q, k=k, v=v, dout=dout) + (f" mask {np.shape(mask)}." if mask is not None else "") + note
    as_array(out, "Attention.forward(q, k, v, mask)", dout.shape)
    for name in which:
        want = t.expect(name + label, lambda ref: attention_numerical(ref, q, k, v, mask, dout, name))
        assert_close(got[ATTENTION_GRADS.index(name)], want, f"Attention.backward(dout): {name}", context=context,
                     hint=ATTENTION_HINTS[name])


def ref_mha(ref, weights, heads):
    return ref.MultiHeadAttention(*[w.copy() for w in weights], heads)


def mha_numerical(ref, weights, heads, x_q, x_kv, mask, dout, wrt):
    """Numerical gradient of sum(MHA(x_q, x_kv, mask) * dout) with respect to 'x_q', 'x_kv' or a parameter name."""
    if wrt == "x_q":
        return numerical_gradient(lambda a: ref_mha(ref, weights, heads).forward(a, x_kv.copy(), mask), x_q.copy(), dout)
    if wrt == "x_kv":
        return numerical_gradient(lambda a: ref_mha(ref, weights, heads).forward(x_q.copy(), a, mask), x_kv.copy(), dout)
    i = MHA_PARAMS.index(wrt)

    def f(a):
        ws = [a if j == i else w.copy() for j, w in enumerate(weights)]
        return ref.MultiHeadAttention(*ws, heads).forward(x_q.copy(), x_kv.copy(), mask)

    return numerical_gradient(f, weights[i].copy(), dout)


def mha_backward(t, weights, heads, x_q, x_kv, mask, dout):
    """The student's (dx_q, dx_kv) and remote layer after forward and backward."""
    layer = t.student.new("MultiHeadAttention", *weights, heads)
    out = layer.call("forward", x_q, x_kv, mask)
    as_array(out, "MultiHeadAttention.forward(x_q, x_kv, mask)", x_q.shape, MHA_HINT)
    got = unpack(layer.call("backward", dout), ("dx_q", "dx_kv"), "MultiHeadAttention.backward(dout)", MHA_DX_HINT)
    return got, layer


def mha_context(weights, heads, x_q, x_kv, mask, dout=None):
    text = shapes(x_q=x_q, x_kv=x_kv, Wq=weights[0]) + f" num_heads={heads}."
    text += f" mask {np.shape(mask)}." if mask is not None else ""
    return text + (f" dout {np.shape(dout)}." if dout is not None else "")


def check_mha_forward(t, weights, heads, x_q, x_kv, mask=None, label="", what="", hint=MHA_HINT):
    got = t.student.new("MultiHeadAttention", *weights, heads).call("forward", x_q, x_kv, mask)
    want = t.expect("out" + label, lambda ref: ref_mha(ref, weights, heads).forward(x_q.copy(), x_kv.copy(), mask))
    assert_close(got, want, f"MultiHeadAttention.forward(x_q, x_kv, mask){what}",
                 context=mha_context(weights, heads, x_q, x_kv, mask), hint=hint)


def check_mha_inputs(t, weights, heads, x_q, x_kv, mask, which, label=""):
    """dx_q and/or dx_kv against numerical gradients."""
    dout = t.rng.normal(size=x_q.shape)
    got, _ = mha_backward(t, weights, heads, x_q, x_kv, mask, dout)
    for i, name in enumerate(("x_q", "x_kv")):
        if name in which:
            want = t.expect(f"d{name}{label}", lambda ref: mha_numerical(ref, weights, heads, x_q, x_kv, mask, dout, name))
            assert_close(got[i], want, f"MultiHeadAttention.backward(dout): d{name}",
                         context=mha_context(weights, heads, x_q, x_kv, mask, dout), hint=MHA_DX_HINT)


def check_mha_params(t, weights, heads, x_q, x_kv, mask, names, label=""):
    """The student's self.dW*/self.db* against numerical gradients."""
    dout = t.rng.normal(size=x_q.shape)
    _, layer = mha_backward(t, weights, heads, x_q, x_kv, mask, dout)
    for name in names:
        want = t.expect(f"d{name}{label}", lambda ref: mha_numerical(ref, weights, heads, x_q, x_kv, mask, dout, name))
        assert_close(layer.get("d" + name), want, f"MultiHeadAttention.backward(dout): self.d{name}",
                     context=mha_context(weights, heads, x_q, x_kv, mask, dout), hint=MHA_PARAM_HINT)


def ln_numerical(ref, x, gamma, beta, dout, wrt, eps=1e-5):
    if wrt == "x":
        return numerical_gradient(lambda a: ref.LayerNorm(gamma.copy(), beta.copy(), eps).forward(a), x.copy(), dout)
    if wrt == "gamma":
        return numerical_gradient(lambda a: ref.LayerNorm(a, beta.copy(), eps).forward(x.copy()), gamma.copy(), dout)
    return numerical_gradient(lambda a: ref.LayerNorm(gamma.copy(), a, eps).forward(x.copy()), beta.copy(), dout)


def check_ln_forward(t, shape, label="", eps=None, hint=LN_HINT):
    x, gamma, beta = ln_case(t.rng, shape)
    kwargs = {} if eps is None else {"eps": eps}
    got = t.student.new("LayerNorm", gamma, beta, **kwargs).call("forward", x)
    want = t.expect("out" + label, lambda ref: ref.LayerNorm(gamma.copy(), beta.copy(), **kwargs).forward(x.copy()))
    args = "" if eps is None else f", eps={eps}"
    assert_close(got, want, f"LayerNorm(gamma, beta{args}).forward(x)", context=shapes(x=x, gamma=gamma), hint=hint)


def check_ln_backward(t, shape, which):
    """Every gradient named in `which` ('x', 'gamma', 'beta') after forward(x), backward(dout)."""
    x, gamma, beta = ln_case(t.rng, shape)
    dout = t.rng.normal(size=shape)
    layer = t.student.new("LayerNorm", gamma, beta)
    layer.call("forward", x)
    dx = layer.call("backward", dout)
    for wrt in which:
        want = t.expect("d" + wrt, lambda ref: ln_numerical(ref, x, gamma, beta, dout, wrt))
        got, what, hint = {"x": (dx, "dx (returned)", LN_DX_HINT),
                           "gamma": (layer.get("dgamma"), "self.dgamma", LN_DGAMMA_HINT),
                           "beta": (layer.get("dbeta"), "self.dbeta", LN_DBETA_HINT)}[wrt]
        assert_close(got, want, f"LayerNorm.backward(dout): {what}", context=shapes(x=x, gamma=gamma, dout=dout), hint=hint)


def check_positional_encoding(t, sizes):
    for T, D in sizes:
        got = t.student.call("positional_encoding", T, D)
        want = t.expect(f"pe{T}x{D}", lambda ref: ref.positional_encoding(T, D))
        assert_close(got, want, f"positional_encoding({T}, {D})", hint=PE_HINT)


RES_PARAMS = ("W1", "b1", "W2", "b2")
RES_SHAPE = (2, 3, 4, 5)  # N, C, H, W all different


def residual_numerical(ref, weights, x, dout, wrt):
    if wrt == "x":
        return numerical_gradient(lambda a: ref.ResidualBlock(*[w.copy() for w in weights]).forward(a), x.copy(), dout)
    i = RES_PARAMS.index(wrt)

    def f(a):
        return ref.ResidualBlock(*[a if j == i else w.copy() for j, w in enumerate(weights)]).forward(x.copy())

    return numerical_gradient(f, weights[i].copy(), dout)


def check_residual_forward(t, shape, label=""):
    weights, x = residual_case(t.rng, shape)
    got = t.student.new("ResidualBlock", *weights).call("forward", x)
    want = t.expect("out" + label, lambda ref: ref.ResidualBlock(*[w.copy() for w in weights]).forward(x.copy()))
    assert_close(got, want, "ResidualBlock.forward(x)", context=shapes(x=x, W1=weights[0]), hint=RES_HINT)


def check_residual_backward(t, shape, which):
    weights, x = residual_case(t.rng, shape)
    dout = t.rng.normal(size=shape)
    layer = t.student.new("ResidualBlock", *weights)
    layer.call("forward", x)
    dx = layer.call("backward", dout)
    for wrt in which:
        want = t.expect("d" + wrt, lambda ref: residual_numerical(ref, weights, x, dout, wrt))
        if wrt == "x":
            got, what, hint = dx, "dx (returned)", RES_DX_HINT
        else:
            got, what, hint = layer.get("d" + wrt), "self.d" + wrt, RES_PARAM_HINT
        assert_close(got, want, f"ResidualBlock.backward(dout): {what}", context=shapes(x=x, W1=weights[0], dout=dout),
                     hint=hint)


def ref_block_forward(ref, params, heads, x, mask=None):
    return ref.TransformerEncoderBlock(copied(params), heads).forward(x.copy(), mask)


def block_numerical(ref, params, heads, x, mask, dout, wrt):
    if wrt == "x":
        f = lambda a: ref.TransformerEncoderBlock(copied(params), heads).forward(a, mask)  # noqa: E731
        return numerical_gradient(f, x.copy(), dout)

    def f(a):
        return ref.TransformerEncoderBlock({**copied(params), wrt: a}, heads).forward(x.copy(), mask)

    return numerical_gradient(f, params[wrt].copy(), dout)


def block_context(params, heads, x, mask=None, dout=None):
    text = shapes(x=x, W1=params["W1"]) + f" num_heads={heads}."
    text += f" mask {np.shape(mask)}." if mask is not None else ""
    return text + (" A random dout." if dout is not None else "")


def check_block_forward(t, params, x, heads, mask=None, label="", hint=BLOCK_HINT):
    got = t.student.new("TransformerEncoderBlock", params, heads).call("forward", x, mask)
    want = t.expect("out" + label, lambda ref: ref_block_forward(ref, params, heads, x, mask))
    assert_close(got, want, "TransformerEncoderBlock.forward(x, mask)", context=block_context(params, heads, x, mask),
                 hint=hint)


def block_backward(t, params, x, heads, mask, dout):
    """The student's dx and grads dict after forward(x, mask) and backward(dout)."""
    block = t.student.new("TransformerEncoderBlock", params, heads)
    as_array(block.call("forward", x, mask), "TransformerEncoderBlock.forward(x, mask)", x.shape, BLOCK_HINT)
    dx = block.call("backward", dout)
    return dx, block


def check_block_grads(t, params, x, heads, mask, keys, label=""):
    dout = t.rng.normal(size=x.shape)
    _, block = block_backward(t, params, x, heads, mask, dout)
    grads = block.get("grads")
    require(isinstance(grads, dict) and set(keys) <= set(grads),
            f"TransformerEncoderBlock.grads must be a dict with the keys of params; missing "
            f"{sorted(set(keys) - set(grads)) if isinstance(grads, dict) else 'all'}.", BLOCK_GRADS_HINT)
    for key in keys:
        want = t.expect(f"d{key}{label}", lambda ref: block_numerical(ref, params, heads, x, mask, dout, key))
        assert_close(grads[key], want, f"TransformerEncoderBlock.backward(dout): grads['{key}']",
                     context=block_context(params, heads, x, mask, dout), hint=BLOCK_GRADS_HINT)


def check_block_dx(t, params, x, heads, mask=None, label=""):
    dout = t.rng.normal(size=x.shape)
    dx, _ = block_backward(t, params, x, heads, mask, dout)
    want = t.expect("dx" + label, lambda ref: block_numerical(ref, params, heads, x, mask, dout, "x"))
    assert_close(dx, want, "TransformerEncoderBlock.backward(dout): dx (returned)",
                 context=block_context(params, heads, x, mask, dout), hint=BLOCK_DX_HINT)


# ---------------------------------------------------------------- causal_mask


@suite.check("causal_mask", "values", points=1)
def causal_mask_values(t):
    got = t.student.call("causal_mask", 5)
    want = t.expect("mask", lambda ref: ref.causal_mask(5))
    assert_equal(got, want, "causal_mask(5)", hint="True where s <= t (row t = query, column s = key): np.tril of ones, "
                 "diagonal included")


# ---------------------------------------------------------------- scaled_dot_product_attention


@suite.check("scaled_dot_product_attention", "weights", points=2)
def sdpa_weights(t):
    q, k, v = attention_case(t.rng)
    check_sdpa(t, q, k, v, None, 1, "")


@suite.check("scaled_dot_product_attention", "out", points=2)
def sdpa_out(t):
    q, k, v = attention_case(t.rng)
    check_sdpa(t, q, k, v, None, 0, "")


@suite.check("scaled_dot_product_attention", "causal_mask", points=2)
def sdpa_causal(t):
    q, k, v = attention_case(t.rng, tq=5, tk=5)
    mask = lower_triangle(5)
    for which in (1, 0):
        check_sdpa(t, q, k, v, mask, which, " with a causal (T, T) mask", MASK_HINT)


# ---------------------------------------------------------------- Attention


@suite.check("Attention", "forward", points=1)
def attention_forward(t):
    q, k, v = attention_case(t.rng)
    got = t.student.new("Attention").call("forward", q, k, v)
    want = t.expect("out", lambda ref: ref.Attention().forward(q.copy(), k.copy(), v.copy()))
    assert_close(got, want, "Attention.forward(q, k, v)", context=shapes(q=q, k=k, v=v), hint=SDPA_HINT)


@suite.check("Attention", "backward_dq", points=2)
def attention_backward_dq(t):
    check_attention_backward(t, *attention_case(t.rng), None, ["dq"])


@suite.check("Attention", "backward_dk", points=2)
def attention_backward_dk(t):
    check_attention_backward(t, *attention_case(t.rng), None, ["dk"])


@suite.check("Attention", "backward_dv", points=2)
def attention_backward_dv(t):
    check_attention_backward(t, *attention_case(t.rng), None, ["dv"])


# ---------------------------------------------------------------- MultiHeadAttention


@suite.check("MultiHeadAttention", "forward", points=2)
def mha_forward(t):
    weights, x, _ = mha_case(t.rng, tq=4)
    check_mha_forward(t, weights, 2, x, x, what=" (self-attention: x_q is x_kv)")


@suite.check("MultiHeadAttention", "backward_dx_q", points=2)
def mha_backward_dx_q(t):
    weights, x_q, x_kv = mha_case(t.rng)
    check_mha_inputs(t, weights, 2, x_q, x_kv, None, ["x_q"])


@suite.check("MultiHeadAttention", "backward_dx_kv", points=2)
def mha_backward_dx_kv(t):
    weights, x_q, x_kv = mha_case(t.rng)
    check_mha_inputs(t, weights, 2, x_q, x_kv, None, ["x_kv"])


@suite.check("MultiHeadAttention", "backward_dW", points=2)
def mha_backward_dW(t):
    weights, x_q, x_kv = mha_case(t.rng)
    check_mha_params(t, weights, 2, x_q, x_kv, None, MHA_PARAMS[:4])


@suite.check("MultiHeadAttention", "backward_db", points=1)
def mha_backward_db(t):
    weights, x_q, x_kv = mha_case(t.rng)
    check_mha_params(t, weights, 2, x_q, x_kv, None, MHA_PARAMS[4:])


# ---------------------------------------------------------------- LayerNorm


@suite.check("LayerNorm", "forward", points=2)
def ln_forward(t):
    check_ln_forward(t, (4, 6))


@suite.check("LayerNorm", "backward_dx", points=2)
def ln_backward_dx(t):
    check_ln_backward(t, (4, 6), ["x"])


@suite.check("LayerNorm", "backward_dgamma", points=1)
def ln_backward_dgamma(t):
    check_ln_backward(t, (4, 6), ["gamma"])


@suite.check("LayerNorm", "backward_dbeta", points=1)
def ln_backward_dbeta(t):
    check_ln_backward(t, (4, 6), ["beta"])


# ---------------------------------------------------------------- positional_encoding


@suite.check("positional_encoding", "values", points=2)
def pe_values(t):
    check_positional_encoding(t, [(6, 8)])


# ---------------------------------------------------------------- ResidualBlock


@suite.check("ResidualBlock", "forward", points=2)
def residual_forward(t):
    check_residual_forward(t, RES_SHAPE)


@suite.check("ResidualBlock", "backward_dx", points=2)
def residual_backward_dx(t):
    check_residual_backward(t, RES_SHAPE, ["x"])


@suite.check("ResidualBlock", "backward_dW", points=2)
def residual_backward_dW(t):
    check_residual_backward(t, RES_SHAPE, ["W1", "W2"])


@suite.check("ResidualBlock", "backward_db", points=1)
def residual_backward_db(t):
    check_residual_backward(t, RES_SHAPE, ["b1", "b2"])


# ---------------------------------------------------------------- TransformerEncoderBlock


@suite.check("TransformerEncoderBlock", "forward", points=2)
def block_forward(t):
    params, x = block_case(t.rng)
    check_block_forward(t, params, x, 2)


@suite.check("TransformerEncoderBlock", "backward_dx", points=2)
def block_backward_dx(t):
    params, x = block_case(t.rng)
    check_block_dx(t, params, x, 2)


@suite.check("TransformerEncoderBlock", "grads_attention", points=2)
def block_grads_attention(t):
    params, x = block_case(t.rng)
    check_block_grads(t, params, x, 2, None, MHA_PARAMS)


@suite.check("TransformerEncoderBlock", "grads_layernorm", points=1)
def block_grads_layernorm(t):
    params, x = block_case(t.rng)
    check_block_grads(t, params, x, 2, None, LN_PARAMS)


@suite.check("TransformerEncoderBlock", "grads_ffn", points=1)
def block_grads_ffn(t):
    params, x = block_case(t.rng)
    check_block_grads(t, params, x, 2, None, FFN_PARAMS)
