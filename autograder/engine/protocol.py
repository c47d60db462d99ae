"""Wire format between the trusted grader and the student worker: plain data only.

A message is a JSON header plus raw array buffers; nothing is ever pickled. `encode` turns a value
into that form and `decode` rebuilds it, accepting only: None, bool, int, float (nan and inf
included), str, list, tuple, dict with str keys, numeric or bool `numpy.ndarray` (exact type, no
subclasses; dict subclasses arrive as plain dicts), numpy scalars (as 0-d arrays), worker handles and probes (named test functions). Anything else is sent as an
`Unsupported` marker naming its type, so the grader can say what came back instead of trusting it.

Frame: 8-byte big-endian header length, header, then for each buffer its 8-byte length and bytes.
This module imports only the standard library and numpy: the worker loads it by path.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass

import numpy as np

MAX_MESSAGE_BYTES = 256 * 2**20
_ARRAY_KINDS = "biuf"
_LEN = struct.Struct(">Q")


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed message."""


@dataclass(frozen=True)
class Handle:
    """A reference to an object that lives in the worker (a layer, a dict of arrays, ...)."""

    id: int


@dataclass(frozen=True)
class Probe:
    """A test function built on the student side by name (see `worker.make_probe`), for exercises
    that take a callable, such as numerical_gradient(f, x)."""

    name: str
    args: tuple = ()


@dataclass(frozen=True)
class Unsupported:
    """Stands for a value of a type the protocol does not carry (e.g. an ndarray subclass)."""

    type_name: str


def encode(value, buffers: list[bytes], depth: int = 0):
    """Return the JSON-able form of `value`, appending array bytes to `buffers`."""
    if depth > 20:
        return {"$bad": "nesting deeper than 20 levels"}
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, np.generic) and value.dtype.kind in _ARRAY_KINDS:
        value = np.asarray(value)
    if type(value) is np.ndarray:
        if value.dtype.kind not in _ARRAY_KINDS:
            return {"$bad": f"ndarray of dtype {value.dtype}"}
        arr = value if value.flags.c_contiguous else value.copy(order="C")
        buffers.append(arr.tobytes())
        return {"$nd": len(buffers) - 1, "dtype": arr.dtype.str, "shape": list(arr.shape)}
    if isinstance(value, Handle):
        return {"$h": value.id}
    if isinstance(value, Probe):
        return {"$probe": value.name, "args": [encode(v, buffers, depth + 1) for v in value.args]}
    if type(value) in (list, tuple):
        items = [encode(v, buffers, depth + 1) for v in value]
        return items if type(value) is list else {"$tuple": items}
    if isinstance(value, dict) and all(type(k) is str for k in value):  # OrderedDict, defaultdict too
        return {"$dict": [[k, encode(v, buffers, depth + 1)] for k, v in value.items()]}
    return {"$bad": type(value).__qualname__}


def decode(node, buffers: list[bytes]):
    """Inverse of `encode`; raises ProtocolError on anything it did not produce."""
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return [decode(v, buffers) for v in node]
    if type(node) is not dict or len(node) == 0:
        raise ProtocolError(f"unexpected node {type(node).__name__}")
    tag = next(iter(node))
    if tag == "$nd":
        return _decode_array(node, buffers)
    if tag == "$float" and node["$float"] in ("nan", "inf", "-inf"):
        return float(node["$float"])
    if tag == "$tuple" and type(node["$tuple"]) is list:
        return tuple(decode(v, buffers) for v in node["$tuple"])
    if tag == "$dict" and type(node["$dict"]) is list:
        return {str(k): decode(v, buffers) for k, v in node["$dict"]}
    if tag == "$h" and type(node["$h"]) is int:
        return Handle(node["$h"])
    if tag == "$probe" and type(node.get("args")) is list:
        return Probe(str(node["$probe"]), tuple(decode(v, buffers) for v in node["args"]))
    if tag == "$bad":
        return Unsupported(str(node["$bad"]))
    raise ProtocolError(f"unknown tag {tag!r}")


def _decode_array(node, buffers):
    try:
        dtype = np.dtype(node["dtype"])
        shape = tuple(int(n) for n in node["shape"])
        data = buffers[node["$nd"]]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ProtocolError(f"bad array node: {exc}") from None
    if dtype.kind not in _ARRAY_KINDS or any(n < 0 for n in shape):
        raise ProtocolError(f"bad array dtype {dtype} or shape {shape}")
    if len(data) != dtype.itemsize * math.prod(shape):
        raise ProtocolError("array buffer size does not match its shape")
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


def write_message(stream, value) -> None:
    """Encode `value` and write it as one frame to a binary stream."""
    buffers: list[bytes] = []
    header = json.dumps({"v": encode(value, buffers), "n": len(buffers)}).encode()
    parts = [_LEN.pack(len(header)), header]
    for buf in buffers:
        parts += [_LEN.pack(len(buf)), buf]
    stream.write(b"".join(parts))
    stream.flush()


def read_message(stream, limit: int = MAX_MESSAGE_BYTES):
    """Read one frame from a binary stream and decode it; EOFError at a clean end of stream."""
    header = json.loads(_read_chunk(stream, limit, first=True))
    if type(header) is not dict or type(header.get("n")) is not int or header["n"] < 0:
        raise ProtocolError("bad message header")
    buffers, total = [], 0
    for _ in range(header["n"]):
        buf = _read_chunk(stream, limit - total)
        total += len(buf)
        buffers.append(buf)
    return decode(header.get("v"), buffers)


def _read_chunk(stream, limit: int, first: bool = False) -> bytes:
    raw = _read_exact(stream, _LEN.size, eof_ok=first)
    (size,) = _LEN.unpack(raw)
    if size > limit:
        raise ProtocolError(f"message larger than {limit} bytes")
    return _read_exact(stream, size)


def _read_exact(stream, size: int, eof_ok: bool = False) -> bytes:
    data = stream.read(size)
    if not data and eof_ok:
        raise EOFError
    if len(data) != size:
        raise ProtocolError("stream ended inside a message")
    return data
