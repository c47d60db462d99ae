"""Computes the right output, then zeroes network["b3"] in place: the caller's weights change."""

FAILS = ["ch02_forward::forward::network_unchanged"]

_reference_forward = forward


def forward(network, x):
    out = _reference_forward(network, x)
    network["b3"][...] = 0
    return out
