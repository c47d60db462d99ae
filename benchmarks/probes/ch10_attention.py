"""Probes for ch10_attention (SPEC: causal_mask, scaled_dot_product_attention, Attention,
MultiHeadAttention, LayerNorm, positional_encoding, ResidualBlock, TransformerEncoderBlock)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(4)


def _masks(rng, lead, Tq, Tk):
    """None, and boolean masks of the shapes SPEC names: (Tq, Tk), padding (..., 1, Tk), random, with
    a fully masked row, and everything masked."""
    masks = [None, rng.random((Tq, Tk)) < 0.6, np.ones((Tq, Tk), bool)]
    if Tq == Tk:
        masks.append(np.tril(np.ones((Tq, Tk), bool)))
    lengths = rng.integers(1, Tk + 1, size=lead[:1] or (1,))
    padding = np.arange(Tk) < lengths.reshape(-1, *([1] * (len(lead))))
    masks.append(padding.reshape(lead[:1] + (1,) * max(len(lead) - 1, 0) + (1, Tk)) if lead else padding.reshape(1, Tk))
    one_row = rng.random((Tq, Tk)) < 0.7
    one_row[0] = False  # a row with every key masked
    masks.append(one_row)
    masks.append(np.zeros((Tq, Tk), bool))
    return masks


def causal(m, rng):
    return [m.causal_mask(T) for T in range(1, 8)]


def sdpa_inputs(rng, lead, Tq, Tk, d, dv, scale, dtype):
    q = (scale * rng.normal(size=lead + (Tq, d))).astype(dtype)
    k = rng.normal(size=lead + (Tk, d)).astype(dtype)
    v = rng.normal(size=lead + (Tk, dv)).astype(dtype)
    return q, k, v


CASES = [((), 3, 3, 2, 2), ((2,), 4, 3, 3, 2), ((2, 3), 3, 5, 4, 1), ((1,), 1, 1, 1, 3), ((3, 2), 4, 4, 2, 3)]


def sdpa(m, rng):
    seen = []
    for lead, Tq, Tk, d, dv in CASES:
        for scale, dtype in [(1.0, np.float64), (3.0, np.float64), (1e4, np.float64), (1.0, np.float32)]:
            q, k, v = sdpa_inputs(rng, lead, Tq, Tk, d, dv, scale, dtype)
            for mask in _masks(rng, lead, Tq, Tk):
                copies = [np.copy(a) for a in (q, k, v, mask)]
                out, weights = m.scaled_dot_product_attention(q, k, v) if mask is None else m.scaled_dot_product_attention(q, k, v, mask)
                seen.append((out, weights, [np.array_equal(a, c) for a, c in zip((q, k, v, mask), copies) if a is not None]))
        q, k, v = sdpa_inputs(rng, lead, Tq, Tk, d, dv, 1.0, np.float64)
        k2 = np.concatenate([k[..., :1, :], k[..., :1, :]], axis=-2)  # tied scores
        v2 = v[..., :2, :] if Tk >= 2 else np.concatenate([v, v], axis=-2)
        seen.append(m.scaled_dot_product_attention(q, k2, v2))
    return seen


def attention(m, rng):
    seen = []
    for lead, Tq, Tk, d, dv in CASES:
        for scale, dtype in [(1.0, np.float64), (2.0, np.float64), (1.0, np.float32)]:
            q, k, v = sdpa_inputs(rng, lead, Tq, Tk, d, dv, scale, dtype)
            for mask in _masks(rng, lead, Tq, Tk)[:5] + [_masks(rng, lead, Tq, Tk)[-2]]:
                layer = m.Attention()
                out = layer.forward(q, k, v) if mask is None else layer.forward(q, k, v, mask)
                dout = rng.normal(size=out.shape).astype(dtype)
                d0 = dout.copy()
                seen.append((out, layer.weights, layer.backward(dout), np.array_equal(dout, d0)))
                seen.append(layer.backward(2 * dout))
        layer = m.Attention()
        q, k, v = sdpa_inputs(rng, lead, Tq, Tk, d, dv, 1.0, np.float64)
        layer.forward(q, k, v)
        q2, k2, v2 = sdpa_inputs(rng, lead, Tq + 1, Tk, d, dv, 1.0, np.float64)
        out = layer.forward(q2, k2, v2)
        seen.append((out, layer.backward(rng.normal(size=out.shape))))
    return seen


def mha(m, rng):
    seen = []
    for N, Tq, Tk, D, heads in [(1, 1, 1, 2, 1), (2, 3, 3, 4, 2), (2, 3, 4, 6, 3), (3, 2, 5, 8, 4), (1, 4, 4, 4, 4)]:
        for dtype in (np.float64, np.float32):
            Ws = [(rng.normal(size=(D, D)) / np.sqrt(D)).astype(dtype) for _ in range(4)]
            bs = [rng.normal(size=D).astype(dtype) for _ in range(4)]
            x_q = rng.normal(size=(N, Tq, D)).astype(dtype)
            x_kv = rng.normal(size=(N, Tk, D)).astype(dtype)
            masks = [None, rng.random((Tq, Tk)) < 0.6, (rng.random((N, 1, Tq, Tk)) < 0.6),
                     np.arange(Tk) < rng.integers(1, Tk + 1, size=(N, 1, 1, 1)), np.zeros((Tq, Tk), bool)]
            if Tq == Tk:
                masks.append(np.tril(np.ones((Tq, Tk), bool)))
            for mask in masks:
                layer = m.MultiHeadAttention(*Ws, *bs, heads)
                copies = [a.copy() for a in (*Ws, *bs, x_q, x_kv)]
                out = layer.forward(x_q, x_kv) if mask is None else layer.forward(x_q, x_kv, mask)
                dout = rng.normal(size=out.shape).astype(dtype)
                back = layer.backward(dout)
                grads = [getattr(layer, n) for n in ("dWq", "dWk", "dWv", "dWo", "dbq", "dbk", "dbv", "dbo")]
                seen.append((out, back, grads, [np.array_equal(a, c) for a, c in zip((*Ws, *bs, x_q, x_kv), copies)]))
            # self-attention, in-place parameter updates, a second call
            layer = m.MultiHeadAttention(*Ws, *bs, heads)
            x = rng.normal(size=(N, Tq, D)).astype(dtype)
            out = layer.forward(x, x)
            seen.append((out, layer.backward(np.ones_like(out) - x)))
            for W in Ws:
                W *= 1.5
            bs[3] += 1.0
            out = layer.forward(x_q, x_kv)
            seen.append((out, layer.backward(rng.normal(size=out.shape)), layer.dWq, layer.dbo))
    return seen


def layer_norm(m, rng):
    seen = []
    for shape in [(5,), (3, 4), (2, 3, 4), (2, 2, 3, 6), (4, 1)]:
        D = shape[-1]
        for dtype, eps in [(np.float64, None), (np.float64, 1e-3), (np.float64, 0.5), (np.float32, None)]:
            gamma = rng.normal(size=D).astype(dtype) * 2
            beta = rng.normal(size=D).astype(dtype)
            x = (rng.normal(size=shape) * rng.choice([0.01, 1.0, 10.0]) + rng.normal()).astype(dtype)
            dout = rng.normal(size=shape).astype(dtype)
            layer = m.LayerNorm(gamma, beta) if eps is None else m.LayerNorm(gamma, beta, eps=eps)
            copies = [a.copy() for a in (gamma, beta, x, dout)]
            out = layer.forward(x)
            seen.append((out, layer.backward(dout), layer.dgamma, layer.dbeta,
                         [np.array_equal(a, c) for a, c in zip((gamma, beta, x, dout), copies)]))
            gamma += 1.0  # held by reference
            beta -= 0.5
            x2 = np.full(shape, 3.0, dtype) + (np.arange(D) % 2) * 1e-3  # tiny variance: eps matters
            out = layer.forward(x2)
            seen.append((out, layer.backward(dout), layer.dgamma, layer.dbeta))
    return seen


def pe(m, rng):
    return [m.positional_encoding(T, D) for T in (1, 2, 5, 17, 50) for D in (2, 4, 6, 16, 64)]


def residual(m, rng):
    seen = []
    for N, C, H, W in [(1, 1, 3, 3), (2, 2, 4, 5), (1, 3, 5, 4), (2, 1, 1, 1)]:
        for dtype in (np.float64, np.float32):
            W1, W2 = (rng.normal(size=(C, C, 3, 3)).astype(dtype) / 3 for _ in range(2))
            b1, b2 = (rng.normal(size=C).astype(dtype) for _ in range(2))
            x = rng.normal(size=(N, C, H, W)).astype(dtype)
            dout = rng.normal(size=(N, C, H, W)).astype(dtype)
            block = m.ResidualBlock(W1, b1, W2, b2)
            copies = [a.copy() for a in (W1, b1, W2, b2, x, dout)]
            out = block.forward(x)
            seen.append((out, block.backward(dout), block.dW1, block.db1, block.dW2, block.db2,
                         [np.array_equal(a, c) for a, c in zip((W1, b1, W2, b2, x, dout), copies)]))
            W1 *= -1.0
            b2 += 0.3
            x2 = rng.normal(size=(N + 1, C, H, W))
            out = block.forward(x2)
            seen.append((out, block.backward(rng.normal(size=out.shape)), block.dW1, block.db2))
    return seen


KEYS = "ln1_gamma ln1_beta Wq Wk Wv Wo bq bk bv bo ln2_gamma ln2_beta W1 b1 W2 b2".split()


def transformer(m, rng):
    seen = []
    for N, T, D, F, heads in [(1, 1, 2, 3, 1), (2, 3, 4, 5, 2), (2, 4, 6, 4, 3), (1, 5, 8, 8, 4)]:
        for dtype, eps in [(np.float64, None), (np.float64, 0.1), (np.float32, None)]:
            shapes = {"W1": (D, F), "b1": (F,), "W2": (F, D)}
            params = {k: rng.normal(size=shapes.get(k, (D, D) if k[0] == "W" else (D,))).astype(dtype) / (2 if k[0] == "W" else 1)
                      for k in KEYS}
            x = rng.normal(size=(N, T, D)).astype(dtype)
            for mask in (None, np.tril(np.ones((T, T), bool)), np.arange(T) < rng.integers(1, T + 1, size=(N, 1, 1, 1)),
                         np.zeros((T, T), bool)):
                block = m.TransformerEncoderBlock(params, heads) if eps is None else m.TransformerEncoderBlock(params, heads, eps=eps)
                copies = {k: v.copy() for k, v in params.items()}
                x0 = x.copy()
                out = block.forward(x) if mask is None else block.forward(x, mask)
                dout = rng.normal(size=out.shape).astype(dtype)
                dx = block.backward(dout)
                seen.append((out, dx, {k: block.grads[k] for k in KEYS} if set(block.grads) == set(KEYS) else sorted(block.grads),
                             np.array_equal(x, x0), {k: np.array_equal(params[k], copies[k]) for k in KEYS}))
            for key in KEYS:
                params[key] += 0.1  # in place: the block sees it
            out = block.forward(x)
            seen.append((out, block.backward(np.ones_like(out) - x), dict(block.grads)))
    return seen


PROBES = [
    ("causal_mask", causal, range(1)),
    ("scaled_dot_product_attention", sdpa, SEEDS),
    ("Attention", attention, SEEDS),
    ("MultiHeadAttention", mha, SEEDS),
    ("LayerNorm", layer_norm, SEEDS),
    ("positional_encoding", pe, range(1)),
    ("ResidualBlock", residual, SEEDS),
    ("TransformerEncoderBlock", transformer, range(3)),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
