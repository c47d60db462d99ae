"""Another way throughout: windows from sliding_window_view, convolution and its gradients with einsum,
computed in float32; pooling by a max mask over the windows (tied maxima share the gradient equally); col2im by
np.add.at on index arrays."""

FAILS = []

from numpy.lib.stride_tricks import sliding_window_view


def _windows(x, fh, fw, stride, pad):
    """(N, C, OH, OW, fh, fw) view of the padded input."""
    xp = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    return sliding_window_view(xp, (fh, fw), axis=(2, 3))[:, :, ::stride, ::stride]


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    conv_output_size(H, filter_h, stride, pad), conv_output_size(W, filter_w, stride, pad)
    win = _windows(input_data, filter_h, filter_w, stride, pad)
    return np.ascontiguousarray(win.transpose(0, 2, 3, 1, 4, 5)).reshape(-1, C * filter_h * filter_w)


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    index = np.arange(N * C * (H + 2 * pad) * (W + 2 * pad)).reshape(N, C, H + 2 * pad, W + 2 * pad)
    where = im2col(index, filter_h, filter_w, stride, 0)  # index already covers the padded image
    flat = np.zeros(index.size)
    np.add.at(flat, where.ravel(), col.ravel())
    return flat.reshape(index.shape)[:, :, pad : pad + H, pad : pad + W]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W, self.b, self.stride, self.pad = W, b, stride, pad
        self.dW = self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        H, W = x.shape[2:]
        conv_output_size(H, FH, self.stride, self.pad), conv_output_size(W, FW, self.stride, self.pad)
        self.x = x.astype(np.float32)
        win = _windows(self.x, FH, FW, self.stride, self.pad)
        return np.einsum("ncijyx,fcyx->nfij", win, self.W.astype(np.float32)) + self.b.astype(np.float32)[:, None, None]

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        d = dout.astype(np.float32)
        win = _windows(self.x, FH, FW, self.stride, self.pad)
        self.db = d.sum(axis=(0, 2, 3))
        self.dW = np.einsum("ncijyx,nfij->fcyx", win, d)
        dwin = np.einsum("nfij,fcyx->nijcyx", d, self.W.astype(np.float32))
        return col2im(dwin.reshape(-1, C * FH * FW), self.x.shape, FH, FW, self.stride, self.pad).astype(np.float32)


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h, self.pool_w, self.stride, self.pad = pool_h, pool_w, stride, pad

    def forward(self, x):
        H, W = x.shape[2:]
        conv_output_size(H, self.pool_h, self.stride, self.pad), conv_output_size(W, self.pool_w, self.stride, self.pad)
        win = _windows(x, self.pool_h, self.pool_w, self.stride, self.pad)
        out = win.max(axis=(4, 5))
        mask = win == out[..., None, None]
        self.share, self.x_shape = mask / mask.sum(axis=(4, 5), keepdims=True), x.shape  # tied maxima split dout
        return out

    def backward(self, dout):
        N, C = self.x_shape[:2]
        dwin = self.share * dout[..., None, None]  # (N, C, OH, OW, ph, pw)
        dcol = dwin.transpose(0, 2, 3, 1, 4, 5).reshape(-1, C * self.pool_h * self.pool_w)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
