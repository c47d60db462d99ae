"""Probes for ch06_cnn (SPEC: conv_output_size, im2col, col2im, Convolution, Pooling, SimpleConvNet)."""

from __future__ import annotations

import numpy as np

from . import attempt, differences

SEEDS = range(4)
# (N, C, H, W, FH, FW, stride, pad): every combination SPEC names (C >= 2, stride > 1, pad, overlaps)
GEOMETRIES = [(1, 1, 3, 3, 1, 1, 1, 0), (2, 3, 5, 5, 3, 3, 1, 0), (2, 2, 5, 5, 3, 3, 2, 1), (1, 3, 6, 4, 2, 2, 2, 0),
              (2, 1, 4, 6, 3, 2, 1, 1), (1, 2, 7, 7, 3, 3, 2, 0), (3, 2, 4, 4, 4, 4, 1, 2), (1, 1, 5, 6, 1, 3, 1, 0),
              (1, 2, 3, 2, 3, 3, 1, 3), (1, 1, 2, 2, 1, 1, 1, 4)]


def sizes(m, rng):
    seen = []
    for n in range(1, 9):
        for f in range(1, 5):
            for s in (1, 2, 3):
                for p in (0, 1, 2):
                    seen.append(attempt(m.conv_output_size, n, f, s, p))
    seen.append(m.conv_output_size(28, 5))
    seen.append(m.conv_output_size(28, 5, pad=2))
    seen.append(m.conv_output_size(7, 3, stride=2))
    seen.append(attempt(m.conv_output_size, 2, 5))
    seen.append(attempt(m.conv_output_size, 6, 3, stride=2))
    return seen


def columns(m, rng):
    seen = []
    for N, C, H, W, FH, FW, s, p in GEOMETRIES:
        for dtype in (np.float64, np.float32):
            x = rng.normal(size=(N, C, H, W)).astype(dtype)
            x0 = x.copy()
            col = m.im2col(x, FH, FW, s, p)
            c = rng.normal(size=col.shape).astype(dtype)
            c0 = c.copy()
            back = m.col2im(c, x.shape, FH, FW, s, p)
            seen.append((col, back, np.array_equal(x, x0), np.array_equal(c, c0)))
        seen.append(m.im2col(x, FH, FW, stride=s, pad=p))
        seen.append(m.col2im(c, x.shape, FH, FW, stride=s, pad=p))
    x = rng.normal(size=(2, 2, 4, 4))
    seen.append((m.im2col(x, 2, 2), m.col2im(np.ones((18, 8)), (2, 2, 4, 4), 2, 2)))
    return seen


def convolution(m, rng):
    seen = []
    for N, C, H, W, FH, FW, s, p in GEOMETRIES:
        for dtype in (np.float64, np.float32):
            FN = int(rng.integers(1, 4))
            Wt = rng.normal(size=(FN, C, FH, FW)).astype(dtype)
            b = rng.normal(size=FN).astype(dtype)
            x = rng.normal(size=(N, C, H, W)).astype(dtype)
            layer = m.Convolution(Wt, b, stride=s, pad=p) if (s, p) != (1, 0) else m.Convolution(Wt, b)
            copies = [a.copy() for a in (Wt, b, x)]
            out = layer.forward(x)
            dout = rng.normal(size=out.shape).astype(dtype)
            d0 = dout.copy()
            seen.append((out, layer.backward(dout), layer.dW, layer.db, layer.W is Wt, layer.b is b,
                         [np.array_equal(a, c) for a, c in zip((Wt, b, x, dout), (*copies, d0))]))
            Wt *= -0.5  # in place: the layer sees it
            x2 = rng.normal(size=(N + 1, C, H, W))
            out = layer.forward(x2)
            seen.append((out, layer.backward(rng.normal(size=out.shape)), layer.dW, layer.db))
        seen.append(m.Convolution(Wt, b, s, p).forward(x))
    return seen


def pooling(m, rng):
    seen = []
    for N, C, H, W, FH, FW, s, p in GEOMETRIES:
        if p:
            continue  # what a padded max pool pads with is not in SPEC
        for dtype in (np.float64, np.float32):
            x = rng.permutation(N * C * H * W).reshape(N, C, H, W).astype(dtype) * 0.1 - 1.0  # unique maxima
            layer = m.Pooling(FH, FW, stride=s) if s != 1 else m.Pooling(FH, FW)
            x0 = x.copy()
            out = layer.forward(x)
            dout = rng.normal(size=out.shape).astype(dtype)
            d0 = dout.copy()
            seen.append((out, layer.backward(dout), np.array_equal(x, x0), np.array_equal(dout, d0)))
            seen.append(layer.backward(2 * dout))
            x2 = -x[:1]
            out = layer.forward(x2)
            seen.append((out, layer.backward(np.ones(out.shape, dtype) + np.arange(out.size).reshape(out.shape))))
    layer = m.Pooling(2, 2, stride=2)
    x = rng.permutation(2 * 3 * 4 * 6).reshape(2, 3, 4, 6).astype(float)
    seen.append((layer.forward(x), layer.backward(rng.normal(size=(2, 3, 2, 3)))))
    return seen


def net(m, rng):
    seen = []
    for input_dim, conv, hidden, out in [((1, 6, 6), {"filter_num": 2, "filter_size": 3, "pad": 0, "stride": 1}, 4, 3),
                                         ((2, 8, 8), {"filter_num": 3, "filter_size": 3, "pad": 1, "stride": 1}, 5, 4),
                                         ((1, 9, 9), {"filter_num": 2, "filter_size": 3, "pad": 0, "stride": 2}, 3, 2)]:
        model = m.SimpleConvNet(input_dim=input_dim, conv_param=conv, hidden_size=hidden, output_size=out,
                                weight_init_std=0.1, seed=1)
        for key, value in model.params.items():
            value[...] = rng.normal(size=value.shape) * (0.5 if key.startswith("W") else 0.1)
        x = rng.normal(size=(4,) + input_dim)
        labels = rng.integers(0, out, size=4)
        onehot = np.eye(out)[labels]
        x0 = x.copy()
        seen.append(model.predict(x))
        for t in (labels, onehot):
            seen.append(model.loss(x, t))
            seen.append(model.accuracy(x, t))
            seen.append(model.gradient(x, t))
        seen.append(model.accuracy(x, labels, batch_size=3))
        seen.append(np.array_equal(x, x0))
    return seen


PROBES = [
    ("conv_output_size", sizes, range(1)),
    ("im2col/col2im", columns, SEEDS),
    ("Convolution", convolution, SEEDS),
    ("Pooling", pooling, SEEDS),
    ("SimpleConvNet", net, range(3)),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
