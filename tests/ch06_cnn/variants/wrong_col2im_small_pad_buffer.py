"""col2im allocates the padded image as H + 2 + pad by W + 2 + pad (the mutant `2 * pad` -> `2 + pad`): big
enough for pad <= 2, one row and column short for pad 3, so the slices do not fit."""

FAILS = [
    "ch06_cnn::col2im::large_pad",
]


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    patches = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2 + pad, W + 2 + pad), dtype=col.dtype)
    for y in range(filter_h):
        for x in range(filter_w):
            img[:, :, y : y + stride * out_h : stride, x : x + stride * out_w : stride] += patches[:, :, y, x]
    return img[:, :, pad : pad + H, pad : pad + W]
