"""col2im assigns (=) instead of adding (+=): where windows overlap, only the last window's gradient survives."""

FAILS = [
    "ch06_cnn::col2im::forward",
    "ch06_cnn::Convolution::backward_dx",
    "ch06_cnn::col2im::adjoint_of_im2col",
    "ch06_cnn::Convolution::backward_dx_configs",
    "ch06_cnn::Convolution::backward_larger_sampled",
    "ch06_cnn::Pooling::backward_overlapping",
    "ch06_cnn::Pooling::backward_with_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::Convolution::defaults",
    "ch06_cnn::Pooling::backward_repeated",
    "ch06_cnn::Pooling::defaults",
    "ch06_cnn::col2im::defaults",
    "ch06_cnn::col2im::large_pad",
]


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    patches = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for y in range(filter_h):
        for x in range(filter_w):
            img[:, :, y : y + stride * out_h : stride, x : x + stride * out_w : stride] = patches[:, :, y, x]
    return img[:, :, pad : pad + H, pad : pad + W]
