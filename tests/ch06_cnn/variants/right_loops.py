"""Everything with explicit loops: im2col/col2im over windows, a 6-loop convolution (forward and backward,
no im2col), max pooling by scanning each window, divmod for the output size, and gradients in an OrderedDict.
Slow, and correct."""

FAILS = []

from collections import OrderedDict


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    count, rest = divmod(input_size + 2 * pad - filter_size, stride)
    if rest:
        raise ValueError("stride does not divide the padded input minus the filter")
    if count + 1 < 1:
        raise ValueError("the filter is larger than the padded input")
    return count + 1


def _padded(x, pad):
    N, C, H, W = x.shape
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for n in range(N):
        for c in range(C):
            for h in range(H):
                for w in range(W):
                    img[n, c, h + pad, w + pad] = x[n, c, h, w]
    return img


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    img = _padded(input_data, pad)
    rows = []
    for n in range(N):
        for i in range(out_h):
            for j in range(out_w):
                row = []
                for c in range(C):
                    for y in range(filter_h):
                        for x in range(filter_w):
                            row.append(img[n, c, i * stride + y, j * stride + x])
                rows.append(row)
    return np.array(rows)


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for n in range(N):
        for i in range(out_h):
            for j in range(out_w):
                r = n * out_h * out_w + i * out_w + j
                k = 0
                for c in range(C):
                    for y in range(filter_h):
                        for x in range(filter_w):
                            img[n, c, i * stride + y, j * stride + x] += col[r, k]
                            k += 1
    return img[:, :, pad : pad + H, pad : pad + W].copy()


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W, self.b, self.stride, self.pad = W, b, stride, pad
        self.dW = self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, _, H, W = x.shape
        s = self.stride
        out_h, out_w = conv_output_size(H, FH, s, self.pad), conv_output_size(W, FW, s, self.pad)
        self.xp, self.x_shape = _padded(x, self.pad), x.shape
        out = np.zeros((N, FN, out_h, out_w))
        for n in range(N):
            for f in range(FN):
                for i in range(out_h):
                    for j in range(out_w):
                        total = self.b[f]
                        for c in range(C):
                            for y in range(FH):
                                for z in range(FW):
                                    total += self.W[f, c, y, z] * self.xp[n, c, i * s + y, j * s + z]
                        out[n, f, i, j] = total
        return out

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        N, _, out_h, out_w = dout.shape
        s, p = self.stride, self.pad
        dxp = np.zeros_like(self.xp)
        self.dW = np.zeros(self.W.shape)
        self.db = np.zeros(FN)
        for n in range(N):
            for f in range(FN):
                for i in range(out_h):
                    for j in range(out_w):
                        g = dout[n, f, i, j]
                        self.db[f] += g
                        for c in range(C):
                            for y in range(FH):
                                for z in range(FW):
                                    self.dW[f, c, y, z] += g * self.xp[n, c, i * s + y, j * s + z]
                                    dxp[n, c, i * s + y, j * s + z] += g * self.W[f, c, y, z]
        H, W = self.x_shape[2:]
        return dxp[:, :, p : p + H, p : p + W].copy()


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad

    def forward(self, x):
        N, C, H, W = x.shape
        s = self.stride
        out_h = conv_output_size(H, self.pool_h, s, self.pad)
        out_w = conv_output_size(W, self.pool_w, s, self.pad)
        xp = _padded(x, self.pad)
        self.x_shape, self.where = x.shape, {}
        out = np.zeros((N, C, out_h, out_w))
        for n in range(N):
            for c in range(C):
                for i in range(out_h):
                    for j in range(out_w):
                        best = None
                        for y in range(self.pool_h):
                            for z in range(self.pool_w):
                                v = xp[n, c, i * s + y, j * s + z]
                                if best is None or v > best:
                                    best, at = v, (i * s + y, j * s + z)
                        out[n, c, i, j] = best
                        self.where[n, c, i, j] = at
        return out

    def backward(self, dout):
        N, C, H, W = self.x_shape
        p = self.pad
        dxp = np.zeros((N, C, H + 2 * p, W + 2 * p))
        for (n, c, i, j), (y, z) in self.where.items():
            dxp[n, c, y, z] += dout[n, c, i, j]
        return dxp[:, :, p : p + H, p : p + W].copy()


class SimpleConvNet(SimpleConvNet):
    def predict(self, x):
        out = x
        for name in ("Conv1", "Relu1", "Pool1", "Affine1", "Relu2", "Affine2"):
            out = self.layers[name].forward(out)
        return out

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for name in ("Affine2", "Relu2", "Affine1", "Pool1", "Relu1", "Conv1"):
            dout = self.layers[name].backward(dout)
        grads = OrderedDict()
        for i, name in enumerate(("Conv1", "Affine1", "Affine2"), start=1):
            grads[f"W{i}"], grads[f"b{i}"] = self.layers[name].dW, self.layers[name].db
        return grads
