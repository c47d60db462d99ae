"""Probes for ch04_backprop (SPEC: MulLayer, AddLayer, Relu, Sigmoid, Tanh, Affine, SoftmaxWithLoss,
TwoLayerNet). Tanh goes through the same battery as Relu and Sigmoid (float32, ±1000, backward twice)."""

from __future__ import annotations

import numpy as np

from . import differences

SEEDS = range(6)
SHAPES = [(), (5,), (3, 4), (2, 3, 4)]
DTYPES = [np.float64, np.float32]


def _array(rng, shape, dtype, off_zero=False):
    x = rng.normal(size=shape) * rng.choice([0.5, 3.0])
    if off_zero:  # stay off the ReLU kink (both subgradients are valid there)
        x = np.where(np.abs(x) < 1e-3, 1e-3, x)
    return np.asarray(x, dtype=dtype) if shape else dtype(x)


def binary_node(name):
    def probe(m, rng):
        seen = []
        layer = getattr(m, name)()
        for shape in SHAPES:
            for dtype in DTYPES:
                x, y, dout = (_array(rng, shape, dtype) for _ in range(3))
                copies = [np.copy(v) for v in (x, y, dout)]
                out = layer.forward(x, y)
                dx, dy = layer.backward(dout)
                seen.append((out, dx, dy, x, y, dout, [np.array_equal(v, c) for v, c in zip((x, y, dout), copies)]))
        # repeated calls: backward uses the latest forward; twice in a row gives the same
        layer.forward(2.0, 3.0)
        seen.append(layer.forward(np.arange(3.0), np.array([1.0, -2.0, 0.5])))
        seen.append(layer.backward(np.array([0.3, 1.0, -1.0])))
        seen.append(layer.backward(np.array([0.3, 1.0, -1.0])))
        seen.append(layer.forward(1.5, -2.0))
        seen.append(layer.backward(2.0))
        return seen
    return probe


def activation(name, kink_free_backward):
    def probe(m, rng):
        seen = []
        for shape in SHAPES[1:]:
            for dtype in DTYPES:
                layer = getattr(m, name)()
                x = _array(rng, shape, dtype, off_zero=kink_free_backward)
                dout = _array(rng, shape, dtype)
                x0, d0 = x.copy(), dout.copy()
                out = layer.forward(x)
                dx = layer.backward(dout)
                seen.append((out, dx, np.array_equal(x, x0), np.array_equal(dout, d0)))
                seen.append(layer.backward(2 * dout))  # backward twice, same forward
        layer = getattr(m, name)()
        edge = np.array([-1000.0, -30.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 30.0, 1000.0, -0.0])
        seen.append(layer.forward(edge))  # forward at the kink and the extremes
        seen.append(layer.forward(edge.astype(np.float32)))
        for x in (np.array([-5.0, 2.0, 7.0]), np.array([[3.0, -0.5], [-2.0, 4.0]])):
            layer.forward(x)
            seen.append(layer.backward(np.full(x.shape, 1.5) - x))
        seen.append(layer.forward(np.array([[-1000.0, 1000.0]])))
        seen.append(layer.backward(np.array([[0.7, -0.3]])))
        seen.append(layer.forward(np.full((2, 2), 0.0)))
        return seen
    return probe


def affine(m, rng):
    seen = []
    for x_shape in [(1, 4), (5, 4), (3, 2, 2), (2, 1, 2, 2), (4, 2, 1, 2)]:
        for dtype in DTYPES:
            d = int(np.prod(x_shape[1:]))
            M = int(rng.integers(1, 5))
            W = rng.normal(size=(d, M)).astype(dtype)
            b = rng.normal(size=M).astype(dtype)
            x = rng.normal(size=x_shape).astype(dtype)
            dout = rng.normal(size=(x_shape[0], M)).astype(dtype)
            copies = [v.copy() for v in (W, b, x, dout)]
            layer = m.Affine(W, b)
            out = layer.forward(x)
            dx = layer.backward(dout)
            seen.append((out, dx, layer.dW, layer.db, layer.W is W, layer.b is b,
                         [np.array_equal(v, c) for v, c in zip((W, b, x, dout), copies)]))
            # in-place update of W and b reaches the layer; a second, different batch
            W -= 0.1 * layer.dW
            b += 0.5
            x2 = rng.normal(size=(3,) + x_shape[1:]).astype(dtype)
            out2 = layer.forward(x2)
            dx2 = layer.backward(rng.normal(size=(3, M)).astype(dtype))
            seen.append((out2, dx2, layer.dW, layer.db))
            dx3 = layer.backward(rng.normal(size=(3, M)).astype(dtype))  # backward twice after one forward
            seen.append((dx3, layer.dW, layer.db))
    return seen


def softmax_with_loss(m, rng):
    seen = []
    for n, c in [(1, 2), (4, 3), (6, 5), (3, 10)]:
        x = rng.normal(size=(n, c)) * rng.choice([1.0, 4.0])
        labels = rng.integers(0, c, size=n)
        onehot = np.eye(c)[labels]
        for t in (labels, onehot, labels.astype(np.int32), onehot.astype(np.float32), onehot.astype(int)):
            for dout in (None, 1, 2.5, -0.7):
                layer = m.SoftmaxWithLoss()
                x0, t0 = x.copy(), np.copy(t)
                loss = layer.forward(x, t)
                dx = layer.backward() if dout is None else layer.backward(dout)
                seen.append((loss, dx, np.array_equal(x, x0), np.array_equal(t, t0)))
                seen.append(layer.backward(-1.3))  # backward twice after one forward: the same saved softmax
        layer = m.SoftmaxWithLoss()
        seen.append(layer.forward(x.astype(np.float32), labels))
        seen.append(layer.backward(1.0))
    layer = m.SoftmaxWithLoss()
    for x in (np.array([[1000.0, 1000.0, 1000.0], [-1000.0, 0.0, 1000.0]]), np.array([[0.0, 0.0], [5.0, 5.0]])):
        t = np.array([0, 2]) if x.shape[1] == 3 else np.array([1, 0])
        seen.append(layer.forward(x, t) if x.shape[1] == 2 else layer.forward(x[:1], t[:1]))
        seen.append(layer.backward(3.0))
    return seen


def two_layer_net(m, rng):
    seen = []
    for sizes, std in [((4, 3, 2), 0.01), ((6, 5, 3), 0.5), ((3, 7, 4), 1.0)]:
        net = m.TwoLayerNet(*sizes, weight_init_std=std, seed=int(rng.integers(100)))
        seen.append({k: v.shape for k, v in net.params.items()})
        params = {k: rng.normal(size=v.shape) for k, v in net.params.items()}
        for k, v in params.items():
            net.params[k][...] = v  # in place: the layers hold these arrays
        objects = {k: id(v) for k, v in net.params.items()}
        x = rng.normal(size=(5, sizes[0])) * 2
        labels = rng.integers(0, sizes[2], size=5)
        onehot = np.eye(sizes[2])[labels]
        x0 = x.copy()
        seen.append(net.predict(x))
        for t in (labels, onehot):
            seen.append(net.loss(x, t))
            seen.append(net.accuracy(x, t))
            seen.append(net.gradient(x, t))
            seen.append(net.gradient(x, t))  # twice: no state carried over
        seen.append(net.numerical_gradient(x, labels))
        seen.append(net.predict(x[:1]))
        seen.append(np.array_equal(x, x0))
        seen.append({k: id(v) == objects[k] for k, v in net.params.items()})
        seen.append({k: np.array_equal(net.params[k], params[k]) for k in params})
        # accuracy with a perfect, a wrong and a tied prediction
        scores = net.predict(x)
        seen.append(net.accuracy(x, np.argmax(scores, axis=1)))
        seen.append(net.accuracy(x, (np.argmax(scores, axis=1) + 1) % sizes[2]))
    # initialisation: statistics and reproducibility, never the draws themselves
    for std in (0.01, 0.1, 2.0):
        a = m.TwoLayerNet(60, 50, 40, weight_init_std=std, seed=3)
        b = m.TwoLayerNet(60, 50, 40, weight_init_std=std, seed=3)
        seen.append({k: np.array_equal(a.params[k], b.params[k]) for k in a.params})
        seen.append({k: bool(np.all(a.params[k] == 0)) for k in ("b1", "b2")})
        seen.append({k: bool(abs(np.std(a.params[k]) / std - 1) < 0.1) for k in ("W1", "W2")})
        seen.append({k: bool(abs(np.mean(a.params[k])) < 0.1 * std) for k in ("W1", "W2")})
    default = m.TwoLayerNet(60, 50, 40, seed=1)
    seen.append(bool(abs(np.std(default.params["W1"]) / 0.01 - 1) < 0.1))
    return seen


PROBES = [
    ("MulLayer", binary_node("MulLayer"), SEEDS),
    ("AddLayer", binary_node("AddLayer"), SEEDS),
    ("Relu", activation("Relu", kink_free_backward=True), SEEDS),
    ("Sigmoid", activation("Sigmoid", kink_free_backward=False), SEEDS),
    ("Tanh", activation("Tanh", kink_free_backward=False), SEEDS),
    ("Affine", affine, SEEDS),
    ("SoftmaxWithLoss", softmax_with_loss, SEEDS),
    ("TwoLayerNet", two_layer_net, range(3)),
]


def run(reference, mutant):
    return differences(PROBES, reference, mutant)
