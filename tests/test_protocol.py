"""The wire format carries plain data only, and refuses anything it did not produce."""

import io
import json
import struct

import numpy as np
import pytest

from autograder.engine.protocol import (
    Handle, Probe, ProtocolError, Unsupported, WireLimits, decode, encode, read_message, write_message,
)


def roundtrip(value):
    buffer = io.BytesIO()
    write_message(buffer, value)
    buffer.seek(0)
    return read_message(buffer)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(None, id="none"),
        pytest.param([1, 2.5, "text", True], id="list-of-scalars"),
        pytest.param((1, (2, 3)), id="nested-tuple"),
        pytest.param({"W1": 1.0, "$nd": "a key that looks like a tag"}, id="dict-with-tag-like-key"),
        pytest.param(Handle(3), id="handle"),
        pytest.param(Probe("poly", (1.0, Handle(2))), id="probe"),
    ],
)
def test_plain_values_roundtrip(value):
    """Does every plain value come back equal and of the same type?"""
    back = roundtrip(value)
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int32", "uint8", "bool"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3, 4)])
def test_arrays_roundtrip_with_dtype_and_shape(dtype, shape):
    """Do arrays keep dtype, shape and values, including 0-d and empty ones?"""
    arr = (np.arange(int(np.prod(shape))).reshape(shape) % 3).astype(dtype)
    back = roundtrip(arr)
    assert type(back) is np.ndarray and back.dtype == arr.dtype and back.shape == arr.shape
    assert np.array_equal(back, arr)


def test_non_contiguous_array_and_special_floats():
    """Are transposed views and nan/inf carried faithfully?"""
    arr = np.arange(6.0).reshape(2, 3).T
    assert np.array_equal(roundtrip(arr), arr)
    back = roundtrip([float("nan"), float("inf"), -float("inf")])
    assert np.isnan(back[0]) and back[1] == float("inf") and back[2] == -float("inf")


class FakeEqual:
    def __eq__(self, other):
        return True


@pytest.mark.parametrize(
    "value, name",
    [
        pytest.param(np.ma.array([1.0, 2.0]), "MaskedArray", id="ndarray-subclass"),
        pytest.param(np.array([object()]), "ndarray of dtype object", id="object-array"),
        pytest.param(FakeEqual(), "FakeEqual", id="fake-eq-object"),
        pytest.param({1: 2}, "dict", id="dict-with-int-keys"),
        pytest.param(type("S", (str,), {})("s"), "S", id="str-subclass"),
    ],
)
def test_unsupported_values_become_markers(value, name):
    """Does anything but plain data arrive as an Unsupported marker naming its type?"""
    back = roundtrip(value)
    assert back == Unsupported(name)


def frame(header: dict, *buffers: bytes) -> io.BytesIO:
    raw = json.dumps(header).encode()
    parts = [struct.pack(">Q", len(raw)), raw] + [struct.pack(">Q", len(b)) + b for b in buffers]
    return io.BytesIO(b"".join(parts))


@pytest.mark.parametrize(
    "header, buffers",
    [
        pytest.param({"v": {"$nd": 0, "dtype": "<f8", "shape": [3]}, "n": 1}, [b"\0" * 16], id="buffer-too-short"),
        pytest.param({"v": {"$nd": 0, "dtype": "|O", "shape": [1]}, "n": 1}, [b"\0" * 8], id="object-dtype"),
        pytest.param({"v": {"$nd": 0, "dtype": "<f8", "shape": [-1]}, "n": 1}, [b""], id="negative-shape"),
        pytest.param({"v": {"$pickle": "..."}, "n": 0}, [], id="unknown-tag"),
        pytest.param({"v": {"$nd": 5, "dtype": "<f8", "shape": [1]}, "n": 0}, [], id="missing-buffer"),
        pytest.param({"n": -1}, [], id="negative-buffer-count"),
    ],
)
def test_malformed_messages_are_refused(header, buffers):
    """Is a message the encoder could not have produced refused with ProtocolError?"""
    with pytest.raises(ProtocolError):
        read_message(frame(header, *buffers))


def test_oversized_message_is_refused_before_reading_it():
    """Is a header announcing more than the limit refused without allocating it?"""
    stream = io.BytesIO(struct.pack(">Q", 2**40))
    with pytest.raises(ProtocolError, match="more than 1024"):
        read_message(stream, WireLimits(header_bytes=1024))


def test_truncated_stream_is_an_error_and_empty_stream_is_eof():
    with pytest.raises(EOFError):
        read_message(io.BytesIO(b""))
    with pytest.raises(ProtocolError):
        read_message(io.BytesIO(struct.pack(">Q", 10) + b"{}"))


def test_encode_limits_nesting_depth():
    """Is a pathologically deep structure cut off instead of recursing without end?"""
    deep = []
    for _ in range(50):
        deep = [deep]
    buffers = []
    node = encode(deep, buffers)
    back = decode(node, buffers)
    for _ in range(21):
        back = back[0]
    assert isinstance(back, Unsupported)
