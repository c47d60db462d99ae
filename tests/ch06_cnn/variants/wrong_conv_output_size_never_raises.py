"""conv_output_size without the two ValueError cases: it floors an uneven stride and returns sizes below 1."""

FAILS = [
    "ch06_cnn::conv_output_size::raises_on_uneven_stride",
    "ch06_cnn::conv_output_size::raises_when_filter_too_large",
]


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1
