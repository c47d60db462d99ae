"""Reshapes the input to (-1, 2) and the output to (-1, 2): only the 2-3-2-2 network works."""

FAILS = ["ch02_forward::forward::other_widths"]

_reference_forward = forward


def forward(network, x):
    out = _reference_forward(network, np.reshape(x, (-1, 2)))
    return out.reshape(np.shape(x)[:-1] + (2,))
