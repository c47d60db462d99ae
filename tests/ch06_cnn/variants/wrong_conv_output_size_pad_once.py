"""conv_output_size counts the padding once instead of on both sides: (input + pad - filter) // stride + 1."""

FAILS = [
    "ch06_cnn::conv_output_size::values",
    "ch06_cnn::im2col::forward",
    "ch06_cnn::col2im::forward",
    "ch06_cnn::Convolution::forward",
    "ch06_cnn::Convolution::backward_dx",
    "ch06_cnn::Convolution::backward_dW",
    "ch06_cnn::Convolution::backward_db",
    "ch06_cnn::conv_output_size::returns_int",
    "ch06_cnn::im2col::stride_pad_combinations",
    "ch06_cnn::col2im::adjoint_of_im2col",
    "ch06_cnn::Convolution::forward_configs",
    "ch06_cnn::Convolution::backward_dx_configs",
    "ch06_cnn::Convolution::backward_dW_configs",
    "ch06_cnn::Convolution::backward_db_configs",
    "ch06_cnn::Convolution::backward_larger_sampled",
    "ch06_cnn::Pooling::forward_with_pad",
    "ch06_cnn::Pooling::backward_with_pad",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::Convolution::backward_repeated",
    "ch06_cnn::Convolution::keeps_param_arrays",
    "ch06_cnn::col2im::large_pad",
]


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    span = input_size + pad - filter_size
    if span < 0 or span % stride:
        raise ValueError("the window does not fit")
    return span // stride + 1
