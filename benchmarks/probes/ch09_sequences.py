"""Probes for ch09_sequences (SPEC: Embedding, RNN, LSTM, GRU, TimeRNN/TimeLSTM/TimeGRU, TimeAffine,
TimeSoftmaxWithLoss, clip_grads, RnnLM)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(5)
BLOCKS = {"RNN": 1, "LSTM": 4, "GRU": 3}
CONFIGS = [(1, 1, 1), (3, 4, 2), (2, 3, 5), (4, 2, 3)]  # (N, D, H)


def _params(rng, D, H, k, dtype=np.float64, scale=1.0):
    Wx = (scale * rng.normal(size=(D, k * H)) / np.sqrt(D)).astype(dtype)
    Wh = (scale * rng.normal(size=(H, k * H)) / np.sqrt(H)).astype(dtype)
    b = (scale * rng.normal(size=k * H)).astype(dtype)
    return Wx, Wh, b


def embedding(m, rng):
    seen = []
    for V, D in [(1, 3), (5, 2), (7, 4)]:
        for shape in [(), (4,), (2, 3), (2, 2, 3)]:
            W = rng.normal(size=(V, D))
            idx = rng.integers(0, V, size=shape)
            if shape:
                idx.flat[0] = idx.flat[-1]  # a repeated index
            for index in (idx, idx.astype(np.int32)):
                layer = m.Embedding(W)
                out = layer.forward(index)
                dout = rng.normal(size=np.shape(index) + (D,))
                d0 = dout.copy()
                ret = layer.backward(dout)
                seen.append((out, ret, layer.dW, layer.W is W, np.array_equal(dout, d0)))
                seen.append((layer.backward(2 * dout), layer.dW))  # fresh dW each time
            W += 1.0  # in place: the layer sees it
            seen.append(layer.forward(idx))
    return seen


def cell(name):
    k = BLOCKS[name]

    def probe(m, rng):
        seen = []
        for (N, D, H) in CONFIGS:
            for dtype, scale in [(np.float64, 1.0), (np.float64, 3.0), (np.float32, 1.0)]:
                Wx, Wh, b = _params(rng, D, H, k, dtype, scale)
                x = rng.normal(size=(N, D)).astype(dtype)
                h = rng.normal(size=(N, H)).astype(dtype)
                c = rng.normal(size=(N, H)).astype(dtype)
                layer = getattr(m, name)(Wx, Wh, b)
                inputs = [Wx, Wh, b, x, h, c]
                copies = [v.copy() for v in inputs]
                dh = rng.normal(size=(N, H)).astype(dtype)
                dc = rng.normal(size=(N, H)).astype(dtype)
                if name == "LSTM":
                    out = layer.forward(x, h, c)
                    back = layer.backward(dh, dc)
                    seen.append(layer.backward(dh, np.zeros_like(dc)))
                    seen.append(layer.backward(np.zeros_like(dh), dc))
                else:
                    out = layer.forward(x, h)
                    back = layer.backward(dh)
                seen.append((out, back, layer.dWx, layer.dWh, layer.db, layer.Wx is Wx, layer.Wh is Wh, layer.b is b,
                             [np.array_equal(v, c0) for v, c0 in zip(inputs, copies)]))
                # a second forward with another batch size; in-place parameter change is seen
                Wx *= 0.5
                x2, h2, c2 = rng.normal(size=(N + 1, D)), rng.normal(size=(N + 1, H)), rng.normal(size=(N + 1, H))
                dh2 = rng.normal(size=(N + 1, H))
                if name == "LSTM":
                    seen.append((layer.forward(x2, h2, c2), layer.backward(dh2, dh2[::-1].copy()), layer.dWx, layer.dWh, layer.db))
                else:
                    seen.append((layer.forward(x2, h2), layer.backward(dh2), layer.dWx, layer.dWh, layer.db))
        return seen
    return probe


def time_layer(name):
    k = BLOCKS[name]
    lstm = name == "LSTM"

    def probe(m, rng):
        seen = []
        cls = getattr(m, "Time" + name)
        for (N, D, H) in CONFIGS:
            for T in (1, 4):
                Wx, Wh, b = _params(rng, D, H, k)
                xs = rng.normal(size=(N, T, D))
                dhs = rng.normal(size=(N, T, H))
                x0, d0 = xs.copy(), dhs.copy()
                for stateful in (False, True):
                    layer = cls(Wx, Wh, b, stateful=stateful) if stateful else cls(Wx, Wh, b)
                    hs1 = layer.forward(xs)
                    dxs = layer.backward(dhs)
                    seen.append((hs1, dxs, layer.dWx, layer.dWh, layer.db, layer.dh))
                    seen.append((np.array_equal(xs, x0), np.array_equal(dhs, d0), layer.Wx is Wx))
                    hs2 = layer.forward(xs)  # stateful: continues; otherwise from zeros again
                    seen.append((hs2, layer.backward(dhs), layer.dWx, layer.dWh, layer.db, layer.dh))
                    if stateful:
                        seen.append((layer.h, layer.c) if lstm else layer.h)
                    h0 = rng.normal(size=(N, H))
                    c0 = rng.normal(size=(N, H))
                    if lstm:
                        layer.set_state(h0, c0)
                        seen.append(layer.forward(xs))
                        if stateful:
                            seen.append((layer.h, layer.c))
                        seen.append((layer.backward(dhs), layer.dh, layer.dWh))
                        layer.set_state(h0)  # a missing c means zeros
                        seen.append(layer.forward(xs))
                    else:
                        layer.set_state(h0)
                        seen.append(layer.forward(xs))
                        if stateful:
                            seen.append(layer.h)
                        seen.append((layer.backward(dhs), layer.dh, layer.dWh))
                    layer.reset_state()
                    seen.append(layer.forward(xs))
                    seen.append(layer.forward(xs[:, :1]))  # a shorter sequence after a longer one
                    seen.append((layer.backward(dhs[:, :1]), layer.dWx, layer.dh))
        Wx, Wh, b = _params(rng, 2, 3, k, np.float32)
        layer = cls(Wx, Wh, b, stateful=True)
        xs = rng.normal(size=(2, 3, 2)).astype(np.float32)
        seen.append((layer.forward(xs), layer.backward(np.ones((2, 3, 3), np.float32) - xs[..., :1])))
        return seen
    return probe


def time_affine(m, rng):
    seen = []
    for N, T, D, M in [(1, 1, 1, 1), (2, 3, 4, 5), (3, 2, 5, 2)]:
        for dtype in (np.float64, np.float32):
            W, b = rng.normal(size=(D, M)).astype(dtype), rng.normal(size=M).astype(dtype)
            xs, dout = rng.normal(size=(N, T, D)).astype(dtype), rng.normal(size=(N, T, M)).astype(dtype)
            layer = m.TimeAffine(W, b)
            copies = [v.copy() for v in (W, b, xs, dout)]
            seen.append((layer.forward(xs), layer.backward(dout), layer.dW, layer.db, layer.W is W, layer.b is b,
                         [np.array_equal(v, c) for v, c in zip((W, b, xs, dout), copies)]))
            W += 1.0
            xs2 = rng.normal(size=(N + 1, T + 1, D))
            seen.append((layer.forward(xs2), layer.backward(rng.normal(size=(N + 1, T + 1, M))), layer.dW, layer.db))
    return seen


def time_softmax_with_loss(m, rng):
    seen = []
    for N, T, V in [(1, 1, 2), (2, 3, 4), (3, 4, 6)]:
        xs = rng.normal(size=(N, T, V)) * rng.choice([1.0, 5.0])
        ts = rng.integers(0, V, size=(N, T))
        for ignore in (None, -1, 0, 2, 7):
            t = ts.copy()
            if ignore is not None and ignore != 7:
                t.flat[:: 2] = ignore
            for labels in (t, t.astype(np.int32)):
                for dout in (None, 1, 0.3, -2.0):
                    layer = m.TimeSoftmaxWithLoss() if ignore is None else m.TimeSoftmaxWithLoss(ignore_label=ignore)
                    x0, t0 = xs.copy(), labels.copy()
                    loss = layer.forward(xs, labels)
                    dx = layer.backward() if dout is None else layer.backward(dout)
                    seen.append((loss, dx, np.array_equal(xs, x0), np.array_equal(labels, t0)))
        layer = m.TimeSoftmaxWithLoss()
        seen.append((layer.forward(xs, np.full((N, T), -1)), layer.backward(2.0)))  # every position ignored
        layer = m.TimeSoftmaxWithLoss(ignore_label=1)
        seen.append((layer.forward(xs, np.ones((N, T), int)), layer.backward()))
        seen.append((layer.forward(xs * 1000, ts), layer.backward(1.5)))  # large scores
        seen.append((layer.forward(xs.astype(np.float32), ts), layer.backward()))
    return seen


def clip(m, rng):
    seen = []
    for shapes in [[(3,)], [(2, 3), (4,)], [(2, 2), (3, 1, 2), (5,)]]:
        grads = [rng.normal(size=s) for s in shapes]
        norm = np.sqrt(sum(float(np.sum(g**2)) for g in grads))
        for max_norm in (norm * 0.5, norm * 2, norm, norm * (1 - 1e-9), 0.1, 1e6):
            gs = [g.copy() for g in grads]
            ids = [id(g) for g in gs]
            ret = m.clip_grads(gs, max_norm)
            seen.append((ret, gs, [id(g) for g in gs] == ids))
        for scale, max_norm in ((1e-4, 1e-5), (1e-5, 1e-4), (1e-3, 1e-3)):  # small norms: the 1e-6 counts
            gs = [g * scale for g in grads]
            m.clip_grads(gs, max_norm * np.sqrt(sum(float(np.sum(g**2)) for g in grads)))
            seen.append(gs)
        gs = [np.zeros(s) for s in shapes]
        seen.append((m.clip_grads(gs, 1.0), gs))
        gs = [g.astype(np.float32) for g in grads]
        m.clip_grads(gs, 0.5)
        seen.append(gs)
    return seen


def rnnlm(m, rng):
    seen = []
    for cell in ("rnn", "lstm", "gru"):
        for V, D, H in [(5, 3, 4), (8, 2, 3)]:
            model = m.RnnLM(V, D, H, cell=cell, seed=int(rng.integers(100)))
            seen.append({key: value.shape for key, value in model.params.items()})
            for key, value in model.params.items():
                value[...] = rng.normal(size=value.shape)  # in place: the layers hold these arrays
            N, T = 2, 4
            xs = rng.integers(0, V, size=(N, T))
            ts = rng.integers(0, V, size=(N, T))
            x0 = xs.copy()
            seen.append(model.predict(xs))
            seen.append(model.predict(xs))  # stateful: the second call continues from the first
            model.reset_state()
            seen.append(model.predict(xs))
            model.reset_state()
            loss = model.forward(xs, ts)
            model.backward()
            seen.append((loss, {k: v.copy() for k, v in model.grads.items()}))
            loss = model.forward(xs, ts)  # continues the state
            model.backward(2.0)
            seen.append((loss, {k: v.copy() for k, v in model.grads.items()}, np.array_equal(xs, x0)))
            model.reset_state()
            ts2 = ts.copy()
            ts2[0, 0] = -1
            seen.append(model.forward(xs, ts2))
            model.backward(0.5)
            seen.append({k: v.copy() for k, v in model.grads.items()})
            # generate: reproducible, in range, from a reset state
            model.reset_state()
            model.predict(xs)
            a = model.generate(1, 6, seed=4)
            b = model.generate(1, 6, seed=4)
            seen.append((a == b, len(a), all(isinstance(i, (int, np.integer)) and 0 <= i < V for i in a)))
            # scores that ignore the state: a dominant id is always drawn; a known softmax is followed
            W_keep = model.params["affine_W"].copy()
            model.params["affine_W"][...] = 0.0
            model.params["affine_b"][...] = 0.0
            model.params["affine_b"][(V // 2)] = 60.0
            seen.append([int(i) for i in model.generate(2, 5, seed=1)])
            seen.append([int(i) for i in model.generate(0, 3)])
            seen.append(model.generate(3, 0, seed=2))
            logits = rng.normal(size=V)
            model.params["affine_b"][...] = logits
            p = np.exp(logits - logits.max())
            p /= p.sum()
            if V == 5:  # once per cell: sampling is slow
                counts = np.bincount(model.generate(1, 800, seed=7), minlength=V) / 800
                seen.append(bool(np.all(np.abs(counts - p) < 4.5 * np.sqrt(p * (1 - p) / 800) + 1e-3)))
            model.params["affine_W"][...] = W_keep
        a, b = m.RnnLM(6, 3, 4, cell=cell, seed=11), m.RnnLM(6, 3, 4, cell=cell, seed=11)
        seen.append({k: np.array_equal(a.params[k], b.params[k]) for k in a.params})
    default = m.RnnLM(6, 3, 4, seed=0)
    seen.append(default.params["rnn_Wx"].shape)
    return seen


PROBES = [
    ("Embedding", embedding, SEEDS),
    ("RNN", cell("RNN"), SEEDS),
    ("LSTM", cell("LSTM"), SEEDS),
    ("GRU", cell("GRU"), SEEDS),
    ("TimeRNN", time_layer("RNN"), range(3)),
    ("TimeLSTM", time_layer("LSTM"), range(3)),
    ("TimeGRU", time_layer("GRU"), range(3)),
    ("TimeAffine", time_affine, SEEDS),
    ("TimeSoftmaxWithLoss", time_softmax_with_loss, SEEDS),
    ("clip_grads", clip, SEEDS),
    ("RnnLM", rnnlm, range(3)),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
