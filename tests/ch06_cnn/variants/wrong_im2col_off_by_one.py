"""im2col computes its output size inline and forgets the +1: one row and one column of windows short."""

FAILS = [
    "ch06_cnn::im2col::forward",
    "ch06_cnn::Convolution::forward",
    "ch06_cnn::Convolution::backward_dx",
    "ch06_cnn::Convolution::backward_dW",
    "ch06_cnn::Convolution::backward_db",
    "ch06_cnn::Pooling::forward",
    "ch06_cnn::Pooling::backward_dx",
    "ch06_cnn::SimpleConvNet::predict",
    "ch06_cnn::SimpleConvNet::loss",
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::im2col::stride_pad_combinations",
    "ch06_cnn::Convolution::forward_configs",
    "ch06_cnn::Convolution::backward_dx_configs",
    "ch06_cnn::Convolution::backward_dW_configs",
    "ch06_cnn::Convolution::backward_db_configs",
    "ch06_cnn::Convolution::backward_larger_sampled",
    "ch06_cnn::Pooling::forward_overlapping",
    "ch06_cnn::Pooling::backward_overlapping",
    "ch06_cnn::Pooling::forward_with_pad",
    "ch06_cnn::Pooling::backward_with_pad",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::Convolution::defaults",
    "ch06_cnn::Convolution::keeps_param_arrays",
    "ch06_cnn::Pooling::backward_many_channels",
    "ch06_cnn::Pooling::backward_repeated",
    "ch06_cnn::Pooling::backward_ties",
    "ch06_cnn::Pooling::defaults",
    "ch06_cnn::SimpleConvNet::defaults",
    "ch06_cnn::im2col::defaults",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride
    out_w = (W + 2 * pad - filter_w) // stride
    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    col = np.empty((N, C, filter_h, filter_w, out_h, out_w))
    for y in range(filter_h):
        for x in range(filter_w):
            col[:, :, y, x] = img[:, :, y : y + stride * out_h : stride, x : x + stride * out_w : stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
