"""Hidden checks for ch10_attention: other shapes, masks, extreme scores and properties, for grading only.

Shapes reached here and not in the public checks: d != dv, Tq != Tk, heads as a leading axis, four
heads, batches of one. Masks: padding (broadcast over queries), causal (later tokens must not change
earlier outputs), random masks with a row where every key is masked (zeros, never NaN). Scores of
+-1e4 (no warning). Properties (inputs unchanged, parameters held by reference) only after the same
call returned the right values.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import assert_close, assert_equal, assert_unchanged, require, shapes
from autograder.suites.public.ch10_attention import (
    BLOCK_DX_HINT, BLOCK_HINT, DV_HINT, LN_DBETA_HINT, LN_DGAMMA_HINT, LN_DX_HINT, LN_HINT, MASK_HINT, MHA_DX_HINT,
    MHA_HINT, MHA_PARAMS, RES_DX_HINT, RES_HINT, RES_SHAPE, SDPA_HINT,
    BLOCK_PARAMS, attention_case, attention_numerical, block_case, block_context, block_numerical, check_attention_backward,
    check_block_dx, check_block_forward, check_block_grads, check_ln_backward, check_ln_forward, check_mha_forward,
    check_mha_inputs, check_mha_params, check_positional_encoding, check_residual_backward, check_residual_forward,
    check_sdpa, copied, ln_case, ln_numerical, lower_triangle, mha_case, mha_context, mha_numerical,
    BLOCK_GRADS_HINT, MARGIN, ffn_preactivation, ref_block_forward, ref_mha,
    residual_case, residual_numerical, unpack,
)

suite = Suite("ch10_attention", public=False)

NO_WARNING_HINT = ("shift each row by its largest ALLOWED score before np.exp; where a whole row is masked, shift by 0 "
                   "instead of -inf (-inf - -inf is NaN) and divide only where the row sum is above 0")
FULLY_MASKED_HINT = ("a row whose keys are all masked must give zero weights and a zero output: its row max is -inf, so "
                     "replace it by 0 before shifting, and divide by the row sum only where it is above 0")
REFERENCE_HINT = ("keep the arrays you are given (self.W1 = W1, ...), not copies, so in-place updates of the "
                  "parameters reach the layer")


def random_mask(rng, shape, empty_row=None, p=0.7):
    """A bool mask of `shape` (..., Tq, Tk) with every row allowing some key, except `empty_row` (an index)."""
    mask = rng.random(shape) < p
    mask[..., rng.integers(shape[-1])] |= ~mask.any(axis=-1)  # no row empty by accident
    if empty_row is not None:
        mask[empty_row] = False
    return mask


def padding_mask(lengths, tk, query_axes=1):
    """(N, 1[, 1], Tk): key s allowed where s < length of sequence n, the same for every query (and head)."""
    lengths = np.asarray(lengths)
    return (np.arange(tk) < lengths[:, None]).reshape((len(lengths),) + (1,) * query_axes + (tk,))


def large_case(rng):
    """q, k, v with scaled scores q.k/sqrt(d) of about +-1e4."""
    q, k, v = attention_case(rng, tq=3, tk=5, d=4, dv=2, scale=100.0)
    return q, k, v


def no_runtime_warning(outcome, what, hint):
    warned = [w for w in outcome.warnings if "RuntimeWarning" in w]
    require(not warned, f"{what} warned: {warned[0] if warned else ''}.", hint)


# ---------------------------------------------------------------- causal_mask


@suite.check("causal_mask", "is_boolean", points=1)
def causal_mask_boolean(t):
    got = t.student.call("causal_mask", 4)
    want = t.expect("mask", lambda ref: ref.causal_mask(4))
    assert_equal(got, want, "causal_mask(4)", hint="True where s <= t")
    require(isinstance(got, np.ndarray) and got.dtype == np.bool_,
            f"causal_mask(4) has the right values but dtype {getattr(got, 'dtype', type(got).__name__)}, expected bool.",
            "np.tril(np.ones((T, T), dtype=bool)): a boolean mask, so that np.where(mask, ...) and ~mask "
            "mean what they say")


@suite.check("causal_mask", "sizes", points=1)
def causal_mask_sizes(t):
    for T in (1, 7):
        got = t.student.call("causal_mask", T)
        want = t.expect(f"mask{T}", lambda ref: ref.causal_mask(T))
        assert_equal(got, want, f"causal_mask({T})", hint="shape (T, T), True where s <= t (the diagonal included)")


# ---------------------------------------------------------------- scaled_dot_product_attention


@suite.check("scaled_dot_product_attention", "shapes_d_ne_dv", points=2)
def sdpa_shapes(t):
    """Heads as a leading axis (N, h, T, d), Tq != Tk, d != dv."""
    q, k, v = attention_case(t.rng, lead=(2, 3), tq=3, tk=5, d=4, dv=2)
    for which in (1, 0):
        check_sdpa(t, q, k, v, None, which, " for q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv)",
                   SDPA_HINT + "; d is q.shape[-1] (not v's size); swap only the last two axes of k")


@suite.check("scaled_dot_product_attention", "padding_mask", points=2)
def sdpa_padding(t):
    q, k, v = attention_case(t.rng, lead=(3,), tq=4, tk=6, d=4, dv=3)
    mask = padding_mask([6, 3, 1], 6)
    for which in (1, 0):
        check_sdpa(t, q, k, v, mask, which, " with a padding mask (N, 1, Tk), lengths 6, 3, 1", MASK_HINT)


@suite.check("scaled_dot_product_attention", "fully_masked_row", points=2)
def sdpa_fully_masked(t):
    q, k, v = attention_case(t.rng, tq=4, tk=5, d=3, dv=2)
    mask = random_mask(t.rng, (2, 4, 5), empty_row=(0, 2))
    for which in (1, 0):
        check_sdpa(t, q, k, v, mask, which, " with a mask whose row (0, 2) masks every key", FULLY_MASKED_HINT)


@suite.check("scaled_dot_product_attention", "large_scores", points=1)
def sdpa_large(t):
    q, k, v = large_case(t.rng)
    for which in (1, 0):
        check_sdpa(t, q, k, v, None, which, " with scores of about +-1e4",
                   "shift each row by its max before np.exp: exp(1e4) overflows")


@suite.check("scaled_dot_product_attention", "no_warnings", points=1)
def sdpa_no_warnings(t):
    q, k, v = large_case(t.rng)
    mask = random_mask(t.rng, (2, 3, 5), empty_row=(1, 0))
    outcome = t.student.run("scaled_dot_product_attention", q, k, v, mask)
    got = unpack(outcome.value, ("out", "weights"), "scaled_dot_product_attention(q, k, v, mask)", SDPA_HINT)
    context = shapes(q=q, k=k, v=v, mask=mask) + " Scores of about +-1e4; row (1, 0) masks every key."
    for i, name in enumerate(("out", "weights")):
        want = t.expect(name, lambda ref: ref.scaled_dot_product_attention(q.copy(), k.copy(), v.copy(), mask)[i])
        assert_close(got[i], want, f"scaled_dot_product_attention(q, k, v, mask): {name}", context=context,
                     hint=NO_WARNING_HINT)
    no_runtime_warning(outcome, "scaled_dot_product_attention with scores of +-1e4 and a fully masked row", NO_WARNING_HINT)


@suite.check("scaled_dot_product_attention", "inputs_not_modified", points=1)
def sdpa_inputs(t):
    q, k, v = attention_case(t.rng, tq=4, tk=4)
    mask = lower_triangle(4)
    outcome = t.student.run("scaled_dot_product_attention", q, k, v, mask)
    got = unpack(outcome.value, ("out", "weights"), "scaled_dot_product_attention(q, k, v, mask)", SDPA_HINT)
    want = t.expect("out", lambda ref: ref.scaled_dot_product_attention(q.copy(), k.copy(), v.copy(), mask)[0])
    assert_close(got[0], want, "scaled_dot_product_attention(q, k, v, mask): out", context=shapes(q=q, k=k, v=v),
                 hint=MASK_HINT)
    hint = "compute new arrays (scores = q @ ... ; np.where(mask, scores, -np.inf)); never write into q, k, v or mask"
    for i, (name, value) in enumerate((("q", q), ("k", k), ("v", v), ("mask", mask))):
        assert_unchanged(value, outcome.args[i], f"scaled_dot_product_attention: its input {name}", hint=hint)


# ---------------------------------------------------------------- Attention


@suite.check("Attention", "weights_attribute", points=1)
def attention_weights(t):
    q, k, v = attention_case(t.rng, tq=3, tk=4)
    mask = random_mask(t.rng, (2, 3, 4))
    layer = t.student.new("Attention")
    out = layer.call("forward", q, k, v, mask)
    want_out, want_w = t.expect("both", lambda ref: ref.scaled_dot_product_attention(q.copy(), k.copy(), v.copy(), mask))
    context = shapes(q=q, k=k, v=v, mask=mask)
    assert_close(out, want_out, "Attention.forward(q, k, v, mask)", context=context, hint=MASK_HINT)
    assert_close(layer.get("weights"), want_w, "Attention.weights after forward(q, k, v, mask)", context=context,
                 hint="keep the softmax weights on the layer: self.weights, shape (..., Tq, Tk)")


@suite.check("Attention", "backward_shapes", points=2)
def attention_backward_shapes(t):
    q, k, v = attention_case(t.rng, lead=(2, 2), tq=3, tk=5, d=4, dv=2)
    check_attention_backward(t, q, k, v, None, ["dq", "dk", "dv"], note=" Tq != Tk and d != dv, heads on axis 1.")


@suite.check("Attention", "backward_masked", points=2)
def attention_backward_masked(t):
    q, k, v = attention_case(t.rng, tq=4, tk=5, d=3, dv=2)
    mask = random_mask(t.rng, (2, 4, 5), empty_row=(1, 3))
    check_attention_backward(t, q, k, v, mask, ["dq", "dk", "dv"], note=" Row (1, 3) of the mask masks every key.")


@suite.check("Attention", "dout_not_modified", points=1)
def attention_dout(t):
    q, k, v = attention_case(t.rng)
    dout = t.rng.normal(size=q.shape[:-1] + v.shape[-1:])
    layer = t.student.new("Attention")
    layer.call("forward", q, k, v)
    outcome = layer.attr("backward").run(dout)
    got = unpack(outcome.value, ("dq", "dk", "dv"), "Attention.backward(dout)")
    want = t.expect("dv", lambda ref: attention_numerical(ref, q, k, v, None, dout, "dv"))
    assert_close(got[2], want, "Attention.backward(dout): dv", context=shapes(q=q, k=k, v=v, dout=dout), hint=DV_HINT)
    assert_unchanged(dout, outcome.args[0], "Attention.backward: its argument dout",
                     hint="compute new arrays from dout (dout @ ...); never write into it")


# ---------------------------------------------------------------- MultiHeadAttention


@suite.check("MultiHeadAttention", "forward_cross_four_heads", points=2)
def mha_forward_cross(t):
    weights, x_q, x_kv = mha_case(t.rng, n=2, tq=3, tk=5)
    mask = padding_mask([5, 2], 5, query_axes=2)
    check_mha_forward(t, weights, 4, x_q, x_kv, mask, what=" with 4 heads, Tq != Tk and a padding mask (N, 1, 1, Tk)")


@suite.check("MultiHeadAttention", "forward_causal", points=1)
def mha_forward_causal(t):
    weights, x, _ = mha_case(t.rng, tq=5)
    check_mha_forward(t, weights, 2, x, x, lower_triangle(5), what=" (self-attention) with a causal (T, T) mask",
                      hint=MHA_HINT + "; pass the mask to the attention of every head")


@suite.check("MultiHeadAttention", "causal_no_future_leak", points=1)
def mha_no_leak(t):
    weights, x, _ = mha_case(t.rng, tq=5)
    mask, keep = lower_triangle(5), 3
    changed = x.copy()
    changed[:, keep:] = t.rng.normal(size=changed[:, keep:].shape)
    layer = t.student.new("MultiHeadAttention", *weights, 2)
    first = layer.call("forward", x, x, mask)
    want = t.expect("out", lambda ref: ref_mha(ref, weights, 2).forward(x.copy(), x.copy(), mask))
    context = mha_context(weights, 2, x, x, mask)
    assert_close(first, want, "MultiHeadAttention.forward(x, x, causal mask)", context=context, hint=MHA_HINT)
    second = np.asarray(layer.call("forward", changed, changed, mask), dtype=float)
    require(second.shape == x.shape, f"MultiHeadAttention.forward returned shape {second.shape}, expected {x.shape}.")
    assert_close(second[:, :keep], want[:, :keep],
                 f"MultiHeadAttention.forward(x, x, causal mask) at positions 0..{keep - 1} "
                 f"after changing positions {keep}..",
                 context=context, hint="with a causal mask, position t only sees positions s <= t: later tokens must not "
                 "change earlier outputs")


@suite.check("MultiHeadAttention", "backward_inputs_masked", points=2)
def mha_backward_inputs_masked(t):
    weights, x_q, x_kv = mha_case(t.rng, n=2, tq=3, tk=4)
    mask = random_mask(t.rng, (2, 1, 3, 4))
    check_mha_inputs(t, weights, 4, x_q, x_kv, mask, ["x_q", "x_kv"])


@suite.check("MultiHeadAttention", "backward_params_batch_of_one", points=2)
def mha_backward_params_one(t):
    weights, x_q, x_kv = mha_case(t.rng, n=1, tq=3, tk=4)
    mask = random_mask(t.rng, (3, 4))
    check_mha_params(t, weights, 4, x_q, x_kv, mask, MHA_PARAMS)


@suite.check("MultiHeadAttention", "batch_of_one", points=1)
def mha_batch_of_one(t):
    weights, x, _ = mha_case(t.rng, n=1, tq=4)
    check_mha_forward(t, weights, 2, x, x, what=" for a batch of one (N = 1)")


@suite.check("MultiHeadAttention", "follows_param_updates", points=1)
def mha_follows_updates(t):
    weights, x_q, x_kv = mha_case(t.rng)
    remote = [t.student.put(w) for w in weights]
    layer = t.student.new("MultiHeadAttention", *remote, 2)
    context = mha_context(weights, 2, x_q, x_kv, None)
    want = t.expect("before", lambda ref: ref_mha(ref, weights, 2).forward(x_q.copy(), x_kv.copy()))
    assert_close(layer.call("forward", x_q, x_kv), want, "MultiHeadAttention.forward(x_q, x_kv)", context=context,
                 hint=MHA_HINT)
    updated = [w + 0.3 * t.rng.normal(size=w.shape) for w in weights]
    for r, w in zip(remote, updated):
        r.assign(w)
    want = t.expect("after", lambda ref: ref_mha(ref, updated, 2).forward(x_q.copy(), x_kv.copy()))
    assert_close(layer.call("forward", x_q, x_kv), want,
                 "MultiHeadAttention.forward(x_q, x_kv) after updating every weight and bias array in place",
                 context=context, hint=REFERENCE_HINT)


@suite.check("MultiHeadAttention", "inputs_not_modified", points=1)
def mha_inputs(t):
    weights, x_q, x_kv = mha_case(t.rng)
    dout = t.rng.normal(size=x_q.shape)
    layer = t.student.new("MultiHeadAttention", *weights, 2)
    forward = layer.attr("forward").run(x_q, x_kv)
    want = t.expect("out", lambda ref: ref_mha(ref, weights, 2).forward(x_q.copy(), x_kv.copy()))
    context = mha_context(weights, 2, x_q, x_kv, None)
    assert_close(forward.value, want, "MultiHeadAttention.forward(x_q, x_kv)", context=context, hint=MHA_HINT)
    backward = layer.attr("backward").run(dout)
    got = unpack(backward.value, ("dx_q", "dx_kv"), "MultiHeadAttention.backward(dout)")
    want = t.expect("dx_q", lambda ref: mha_numerical(ref, weights, 2, x_q, x_kv, None, dout, "x_q"))
    assert_close(got[0], want, "MultiHeadAttention.backward(dout): dx_q", context=context, hint=MHA_DX_HINT)
    hint = "compute new arrays; never write into x_q, x_kv or dout"
    assert_unchanged(x_q, forward.args[0], "MultiHeadAttention.forward: its input x_q", hint=hint)
    assert_unchanged(x_kv, forward.args[1], "MultiHeadAttention.forward: its input x_kv", hint=hint)
    assert_unchanged(dout, backward.args[0], "MultiHeadAttention.backward: its argument dout", hint=hint)


# ---------------------------------------------------------------- LayerNorm


@suite.check("LayerNorm", "forward_3d", points=1)
def ln_forward_3d(t):
    check_ln_forward(t, (2, 3, 5), hint=LN_HINT + "; for (N, T, D) input, one mean per (n, t): axis=-1, not axis=1")


@suite.check("LayerNorm", "forward_batch_of_one", points=1)
def ln_forward_one(t):
    for i, shape in enumerate(((1, 6), (1, 1, 7))):
        check_ln_forward(t, shape, label=str(i), hint=LN_HINT + "; a batch of one is normalized like any other")


@suite.check("LayerNorm", "backward_dx_3d", points=2)
def ln_backward_dx_3d(t):
    check_ln_backward(t, (2, 3, 5), ["x"])


@suite.check("LayerNorm", "backward_params_3d", points=1)
def ln_backward_params_3d(t):
    check_ln_backward(t, (2, 3, 5), ["gamma", "beta"])


@suite.check("LayerNorm", "honors_eps", points=1)
def ln_eps(t):
    check_ln_forward(t, (4, 6), eps=0.5, hint=LN_HINT + "; use self.eps inside the square root, not a constant")


@suite.check("LayerNorm", "inputs_not_modified", points=1)
def ln_inputs(t):
    x, gamma, beta = ln_case(t.rng, (3, 5))
    dout = t.rng.normal(size=x.shape)
    layer = t.student.new("LayerNorm", gamma, beta)
    forward = layer.attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.LayerNorm(gamma.copy(), beta.copy()).forward(x.copy()))
    assert_close(forward.value, want, "LayerNorm.forward(x)", context=shapes(x=x), hint=LN_HINT)
    backward = layer.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: ln_numerical(ref, x, gamma, beta, dout, "x"))
    assert_close(backward.value, want, "LayerNorm.backward(dout): dx", context=shapes(x=x, dout=dout), hint=LN_DX_HINT)
    hint = "compute x - mean into a new array (never x -= mean); never write into dout"
    assert_unchanged(x, forward.args[0], "LayerNorm.forward: its input x", hint=hint)
    assert_unchanged(dout, backward.args[0], "LayerNorm.backward: its argument dout", hint=hint)


# ---------------------------------------------------------------- positional_encoding


@suite.check("positional_encoding", "other_sizes", points=1)
def pe_sizes(t):
    check_positional_encoding(t, [(1, 2), (10, 6), (3, 12)])


# ---------------------------------------------------------------- ResidualBlock

OTHER_SHAPE = (1, 3, 3, 5)  # a batch of one, 3 channels, H != W


@suite.check("ResidualBlock", "forward_other_shapes", points=1)
def residual_forward_other(t):
    check_residual_forward(t, OTHER_SHAPE)


@suite.check("ResidualBlock", "backward_dx_other_shapes", points=2)
def residual_dx_other(t):
    check_residual_backward(t, OTHER_SHAPE, ["x"])


@suite.check("ResidualBlock", "backward_params_other_shapes", points=1)
def residual_params_other(t):
    check_residual_backward(t, OTHER_SHAPE, ["W1", "b1", "W2", "b2"])


@suite.check("ResidualBlock", "inputs_not_modified", points=1)
def residual_inputs(t):
    weights, x = residual_case(t.rng, RES_SHAPE)
    dout = t.rng.normal(size=x.shape)
    layer = t.student.new("ResidualBlock", *weights)
    forward = layer.attr("forward").run(x)
    want = t.expect("out", lambda ref: ref.ResidualBlock(*[w.copy() for w in weights]).forward(x.copy()))
    assert_close(forward.value, want, "ResidualBlock.forward(x)", context=shapes(x=x), hint=RES_HINT)
    backward = layer.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: residual_numerical(ref, weights, x, dout, "x"))
    assert_close(backward.value, want, "ResidualBlock.backward(dout): dx", context=shapes(x=x, dout=dout), hint=RES_DX_HINT)
    hint = "a + x and relu make new arrays; never write into x (x += ...) or dout"
    assert_unchanged(x, forward.args[0], "ResidualBlock.forward: its input x", hint=hint)
    assert_unchanged(dout, backward.args[0], "ResidualBlock.backward: its argument dout", hint=hint)


@suite.check("ResidualBlock", "follows_param_updates", points=1)
def residual_follows_updates(t):
    weights, x = residual_case(t.rng, RES_SHAPE)
    updated, x2 = residual_case(t.rng, RES_SHAPE)
    remote = [t.student.put(w) for w in weights]
    layer = t.student.new("ResidualBlock", *remote)
    want = t.expect("before", lambda ref: ref.ResidualBlock(*[w.copy() for w in weights]).forward(x.copy()))
    assert_close(layer.call("forward", x), want, "ResidualBlock.forward(x)", context=shapes(x=x), hint=RES_HINT)
    for r, w in zip(remote, updated):
        r.assign(w)
    want = t.expect("after", lambda ref: ref.ResidualBlock(*[w.copy() for w in updated]).forward(x2.copy()))
    assert_close(layer.call("forward", x2), want, "ResidualBlock.forward(x) after updating W1, b1, W2, b2 in place",
                 context=shapes(x=x2), hint=REFERENCE_HINT)


# ---------------------------------------------------------------- TransformerEncoderBlock


@suite.check("TransformerEncoderBlock", "forward_causal", points=2)
def block_forward_causal(t):
    mask = lower_triangle(4)
    params, x = block_case(t.rng, mask=mask)
    check_block_forward(t, params, x, 2, mask, hint=BLOCK_HINT + "; pass the mask to the attention")


@suite.check("TransformerEncoderBlock", "causal_no_future_leak", points=1)
def block_no_leak(t):
    mask, keep = lower_triangle(5), 2
    params, x = block_case(t.rng, t=5, mask=mask)
    changed = x.copy()
    changed[:, keep:] = t.rng.normal(size=changed[:, keep:].shape)
    block = t.student.new("TransformerEncoderBlock", params, 2)
    want = t.expect("out", lambda ref: ref_block_forward(ref, params, 2, x, mask))
    context = block_context(params, 2, x, mask)
    assert_close(block.call("forward", x, mask), want, "TransformerEncoderBlock.forward(x, causal mask)",
                 context=context, hint=BLOCK_HINT)
    second = np.asarray(block.call("forward", changed, mask), dtype=float)
    require(second.shape == x.shape, f"TransformerEncoderBlock.forward returned shape {second.shape}, expected {x.shape}.")
    assert_close(second[:, :keep], want[:, :keep],
                 f"TransformerEncoderBlock.forward(x, causal mask) at positions 0..{keep - 1} "
                 f"after changing positions {keep}..",
                 context=context, hint="only attention mixes positions, and with a causal mask position t sees s <= t "
                 "only: later tokens must not change earlier outputs")


def masked_block_case(rng):
    mask = padding_mask([4, 2], 4, query_axes=2)
    params, x = block_case(rng, heads=4, mask=mask)
    return params, x, mask


@suite.check("TransformerEncoderBlock", "backward_dx_masked", points=2)
def block_dx_masked(t):
    params, x, mask = masked_block_case(t.rng)
    check_block_dx(t, params, x, 4, mask)


@suite.check("TransformerEncoderBlock", "grads_masked", points=2)
def block_grads_masked(t):
    params, x, mask = masked_block_case(t.rng)
    check_block_grads(t, params, x, 4, mask, BLOCK_PARAMS)


@suite.check("TransformerEncoderBlock", "batch_of_one", points=1)
def block_batch_of_one(t):
    params, x = block_case(t.rng, n=1, t=3)
    check_block_dx(t, params, x, 2)


@suite.check("TransformerEncoderBlock", "params_by_reference", points=1)
def block_params_by_reference(t):
    params, x = block_case(t.rng)
    updated, x2 = block_case(t.rng)
    remote = t.student.put(copied(params))
    block = t.student.new("TransformerEncoderBlock", remote, 2)
    want = t.expect("before", lambda ref: ref_block_forward(ref, params, 2, x))
    assert_close(block.call("forward", x), want, "TransformerEncoderBlock.forward(x)",
                 context=block_context(params, 2, x), hint=BLOCK_HINT)
    for key in BLOCK_PARAMS:
        remote[key].assign(updated[key])
    want = t.expect("after", lambda ref: ref_block_forward(ref, updated, 2, x2))
    assert_close(block.call("forward", x2), want,
                 "TransformerEncoderBlock.forward(x) after updating every params[key] in place",
                 context=block_context(params, 2, x2),
                 hint="read the weights from self.params (or from layers built on those very arrays) at every forward; "
                 "never copy them")


@suite.check("TransformerEncoderBlock", "inputs_not_modified", points=1)
def block_inputs(t):
    params, x = block_case(t.rng)
    dout = t.rng.normal(size=x.shape)
    block = t.student.new("TransformerEncoderBlock", params, 2)
    forward = block.attr("forward").run(x)
    want = t.expect("out", lambda ref: ref_block_forward(ref, params, 2, x))
    context = block_context(params, 2, x)
    assert_close(forward.value, want, "TransformerEncoderBlock.forward(x)", context=context, hint=BLOCK_HINT)
    backward = block.attr("backward").run(dout)
    want = t.expect("dx", lambda ref: block_numerical(ref, params, 2, x, None, dout, "x"))
    assert_close(backward.value, want, "TransformerEncoderBlock.backward(dout): dx", context=context, hint=BLOCK_DX_HINT)
    hint = "x + ... makes a new array; never write into x (x += ...) or dout"
    assert_unchanged(x, forward.args[0], "TransformerEncoderBlock.forward: its input x", hint=hint)
    assert_unchanged(dout, backward.args[0], "TransformerEncoderBlock.backward: its argument dout", hint=hint)


# ---------------------------------------------------------------- added corners (issue #14)


@suite.check("positional_encoding", "long_sequence", points=1)
def pe_long(t):
    """T = 100, D = 32: an error in the base (10001 instead of 10000) grows with t and shows at late positions.
    The contract's tolerance admits an encoding computed in float32 (measured: 0.7 of the allowed error) and
    rejects a base off by 1 (211 times the allowed error)."""
    check_positional_encoding(t, [(100, 32)])


@suite.check("scaled_dot_product_attention", "default_mask", points=1)
def sdpa_default_mask(t):
    q, k, v = attention_case(t.rng, tq=3, tk=4, d=4, dv=2)
    got = unpack(t.student.call("scaled_dot_product_attention", q, k, v), ("out", "weights"),
                 "scaled_dot_product_attention(q, k, v)", SDPA_HINT)
    for i, name in enumerate(("out", "weights")):
        want = t.expect(name, lambda ref: ref.scaled_dot_product_attention(q.copy(), k.copy(), v.copy())[i])
        assert_close(got[i], want, f"scaled_dot_product_attention(q, k, v) (mask left at its default, None): {name}",
                     context=shapes(q=q, k=k, v=v), hint="def scaled_dot_product_attention(q, k, v, mask=None): "
                     "without a mask every key is allowed")


@suite.check("Attention", "repeated_calls", points=1)
def attention_repeated(t):
    """forward twice (other inputs), then backward twice with different dout: each from the last forward."""
    q1, k1, v1 = attention_case(t.rng, tq=3, tk=4, d=4, dv=2)
    q, k, v = attention_case(t.rng, tq=3, tk=4, d=4, dv=2)
    mask = random_mask(t.rng, (2, 3, 4))
    layer = t.student.new("Attention")
    layer.call("forward", q1, k1, v1, mask)
    layer.call("forward", q, k, v, mask)
    context = shapes(q=q, k=k, v=v, mask=mask) + (" forward was called twice (other inputs), then backward twice with "
                                                   "different dout.")
    for i in (1, 2):
        dout = t.rng.normal(size=q.shape[:-1] + v.shape[-1:])
        got = unpack(layer.call("backward", dout), ("dq", "dk", "dv"), "Attention.backward(dout)")
        for j, name in enumerate(("dq", "dk", "dv")):
            want = t.expect(f"{name}{i}", lambda ref: attention_numerical(ref, q, k, v, mask, dout, name))
            assert_close(got[j], want, f"Attention.backward(dout), call {i} of 2: {name}", context=context,
                         hint="backward uses what the last forward saved and must not change it: compute dS into a "
                              "new array (ds = w * (...)), never w *= ... on self.weights")


@suite.check("LayerNorm", "params_by_reference", points=1)
def ln_by_reference(t):
    x, gamma, beta = ln_case(t.rng, (3, 5))
    _, gamma2, beta2 = ln_case(t.rng, (3, 5))
    remote = [t.student.put(a) for a in (gamma, beta)]
    layer = t.student.new("LayerNorm", *remote)
    want = t.expect("before", lambda ref: ref.LayerNorm(gamma.copy(), beta.copy()).forward(x.copy()))
    assert_close(layer.call("forward", x), want, "LayerNorm(gamma, beta).forward(x)", context=shapes(x=x), hint=LN_HINT)
    for r, value in zip(remote, (gamma2, beta2)):
        r.assign(value)
    want = t.expect("after", lambda ref: ref.LayerNorm(gamma2.copy(), beta2.copy()).forward(x.copy()))
    assert_close(layer.call("forward", x), want, "LayerNorm(gamma, beta).forward(x) after gamma and beta were changed "
                 "in place", context=shapes(x=x), hint=REFERENCE_HINT)


@suite.check("LayerNorm", "any_leading_shape", points=1)
def ln_any_leading(t):
    """x (D,) with no leading axis, and x (2, 2, 3, D) with three: forward, dx, dgamma, dbeta."""
    for shape in ((6,), (2, 2, 3, 5)):
        x, gamma, beta = ln_case(t.rng, shape)
        dout = t.rng.normal(size=shape)
        layer = t.student.new("LayerNorm", gamma, beta)
        want = t.expect(f"out{len(shape)}", lambda ref: ref.LayerNorm(gamma.copy(), beta.copy()).forward(x.copy()))
        context = shapes(x=x, gamma=gamma, dout=dout)
        assert_close(layer.call("forward", x), want, "LayerNorm(gamma, beta).forward(x)", context=context, hint=LN_HINT)
        dx = layer.call("backward", dout)
        for wrt, got, what, hint in (("x", dx, "dx (returned)", LN_DX_HINT),
                                     ("gamma", layer.get("dgamma"), "self.dgamma", LN_DGAMMA_HINT),
                                     ("beta", layer.get("dbeta"), "self.dbeta", LN_DBETA_HINT)):
            want = t.expect(f"d{wrt}{len(shape)}", lambda ref: ln_numerical(ref, x, gamma, beta, dout, wrt))
            assert_close(got, want, f"LayerNorm.backward(dout): {what}", context=context,
                         hint=hint + "; sum over axis=tuple(range(x.ndim - 1)), whatever the number of leading axes")


REPEATED = " forward was called twice (other inputs each time), then backward twice with different dout."
REPEATED_HINT = ("backward works from what the LAST forward saved and sets every gradient anew at each call: never add "
                 "to an earlier call's gradients, never write into what forward saved")


@suite.check("LayerNorm", "repeated_calls", points=1)
def ln_repeated(t):
    x1, gamma, beta = ln_case(t.rng, (2, 3, 5))
    x, _, _ = ln_case(t.rng, (2, 3, 5))
    layer = t.student.new("LayerNorm", gamma, beta)
    layer.call("forward", x1)
    layer.call("forward", x)
    context = shapes(x=x, gamma=gamma) + REPEATED
    for i in (1, 2):
        dout = t.rng.normal(size=x.shape)
        got = {"x": layer.call("backward", dout), "gamma": layer.get("dgamma"), "beta": layer.get("dbeta")}
        for wrt, value in got.items():
            want = t.expect(f"d{wrt}{i}", lambda ref: ln_numerical(ref, x, gamma, beta, dout, wrt))
            where = "dx (returned)" if wrt == "x" else "self.d" + wrt
            assert_close(value, want, f"LayerNorm.backward(dout), call {i} of 2: {where}", context=context,
                         hint=REPEATED_HINT)


@suite.check("MultiHeadAttention", "repeated_calls", points=1)
def mha_repeated(t):
    weights, x_q1, x_kv1 = mha_case(t.rng, tq=3, tk=4)
    _, x_q, x_kv = mha_case(t.rng, tq=3, tk=4)
    layer = t.student.new("MultiHeadAttention", *weights, 2)
    layer.call("forward", x_q1, x_kv1)
    layer.call("forward", x_q, x_kv)
    for i in (1, 2):
        dout = t.rng.normal(size=x_q.shape)
        context = mha_context(weights, 2, x_q, x_kv, None, dout) + REPEATED
        got = unpack(layer.call("backward", dout), ("dx_q", "dx_kv"), "MultiHeadAttention.backward(dout)", MHA_DX_HINT)
        values = {"x_q": got[0], "x_kv": got[1], **{name: layer.get("d" + name) for name in MHA_PARAMS}}
        for wrt, value in values.items():
            want = t.expect(f"d{wrt}{i}", lambda ref: mha_numerical(ref, weights, 2, x_q, x_kv, None, dout, wrt))
            where = f"d{wrt} (returned)" if wrt.startswith("x_") else "self.d" + wrt
            assert_close(value, want, f"MultiHeadAttention.backward(dout), call {i} of 2: {where}", context=context,
                         hint=REPEATED_HINT)


def block_input(rng, params, heads, shape):
    """Another x for the same block whose FFN pre-activations are all at least MARGIN from 0."""
    while True:
        x = rng.normal(size=shape)
        if np.abs(ffn_preactivation(params, x, heads)).min() >= MARGIN:
            return x


@suite.check("TransformerEncoderBlock", "repeated_calls", points=1)
def block_repeated(t):
    params, x1 = block_case(t.rng)
    x = block_input(t.rng, params, 2, x1.shape)
    block = t.student.new("TransformerEncoderBlock", params, 2)
    block.call("forward", x1)
    block.call("forward", x)
    for i in (1, 2):
        dout = t.rng.normal(size=x.shape)
        context = block_context(params, 2, x, None, dout) + REPEATED
        dx = block.call("backward", dout)
        want = t.expect(f"dx{i}", lambda ref: block_numerical(ref, params, 2, x, None, dout, "x"))
        assert_close(dx, want, f"TransformerEncoderBlock.backward(dout), call {i} of 2: dx (returned)", context=context,
                     hint=REPEATED_HINT)
        grads = block.get("grads")
        require(isinstance(grads, dict) and set(BLOCK_PARAMS) <= set(grads),
                "TransformerEncoderBlock.grads must be a dict with the keys of params after backward.", BLOCK_GRADS_HINT)
        for key in BLOCK_PARAMS:
            want = t.expect(f"d{key}{i}", lambda ref: block_numerical(ref, params, 2, x, None, dout, key))
            assert_close(grads[key], want, f"TransformerEncoderBlock.backward(dout), call {i} of 2: grads['{key}']",
                         context=context, hint=REPEATED_HINT)
