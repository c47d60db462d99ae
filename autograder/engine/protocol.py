"""Wire format between the trusted grader and the student worker: plain data only.

A message is a JSON header plus raw array buffers; nothing is ever pickled. `encode` turns a value
into that form and `decode` rebuilds it, accepting only: None, bool, int, float (nan and inf
included), str, list, tuple, dict with str keys, numeric or bool `numpy.ndarray` (exact type, no
subclasses; dict subclasses arrive as plain dicts), numpy scalars (as 0-d arrays), worker handles
and probes (named test functions). Anything else is sent as an `Unsupported` marker naming its
type, so the grader can say what came back instead of trusting it.

Frame: 8-byte big-endian header length, header (UTF-8 JSON `{"v": value, "n": buffer count}`),
then for each buffer its 8-byte length and bytes. Array nodes name their buffers in order
(`{"$nd": 0, ...}`, `{"$nd": 1, ...}`, ...), each exactly once, as `encode` writes them.

The grader reads answers from a process it does not trust, so `read_message` checks every frame
against `WireLimits` before the work it would cost: the header length before reading the header,
its nesting depth and node count by a scan of its bytes before `json.loads` (which recurses once
per level), every array node's dtype, shape, buffer index and byte count before reading any
buffer, and each buffer's announced length against its array's. Whatever the bytes,
`read_message` raises only ProtocolError (malformed) or EOFError (the stream ended cleanly
between messages), and `decode` only ProtocolError. `write_message` refuses (ValueError) to send
what the other side would refuse, so an honest but oversized answer becomes an error message.

This module imports only the standard library and numpy: the worker loads it by path.
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import dataclass

import numpy as np

# Limits of one answer (the worker's message to the grader), each with the reason for its size.
MAX_HEADER_BYTES = 2**20  # arrays travel as buffers, so the header holds only structure and scalars: 1 MiB is ~20 000 arrays
MAX_DEPTH = 64  # JSON levels; `encode` cuts values off at 20 levels of at most 3 JSON levels each (see the tests)
MAX_NODES = 2**18  # list items and dict members (~200 bytes of grader memory each): 10 000 dataset batches, or 200 000 numbers
MAX_BUFFER_BYTES = 256 * 2**20  # all arrays of one answer: far above any check's arrays, far below the grader's memory
MAX_DIMS = 32  # dimensions of one array: numpy's own limit before numpy 2 (64 since)

_ARRAY_KINDS = "biuf"
_SPECIAL_FLOATS = ("nan", "inf", "-inf")
_DTYPE = re.compile(r"[<>|][biuf][0-9]{1,2}")  # what `dtype.str` looks like for the kinds above
_LEN = struct.Struct(">Q")
# A JSON string (skipped whole), a lone quote (a string that never ends: json.loads stops there
# too), or a byte that opens, closes or separates values. Possessive: linear time on any bytes.
_TOKEN = re.compile(rb'(?P<s>"[^"\\]*+(?:\\.[^"\\]*+)*+")|(?P<q>")|(?P<o>[\[{])|(?P<c>[\]}])|(?P<n>,)', re.DOTALL)


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed message."""


@dataclass(frozen=True)
class WireLimits:
    """What one message may cost its reader; see the constants above for the reasons."""

    header_bytes: int = MAX_HEADER_BYTES
    depth: int = MAX_DEPTH
    nodes: int = MAX_NODES
    buffer_bytes: int = MAX_BUFFER_BYTES


ANSWER_LIMITS = WireLimits()  # the worker's answers, read by the grader: the untrusted direction
# The grader's requests, read by the worker: a load request carries the submitted source in its header
# (up to 5 MiB, up to 6 times that once JSON-escaped), and checks may send larger inputs than answers.
REQUEST_LIMITS = WireLimits(header_bytes=64 * 2**20, nodes=2**22, buffer_bytes=1 * 2**30)


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


def decode(node, buffers: list, limits: WireLimits = ANSWER_LIMITS):
    """Inverse of `encode`; raises ProtocolError on anything it did not produce.

    Each buffer must be named by exactly one array node, in order. Arrays are built on the
    buffers without copying when these are writable (bytearray, as `read_message` reads them).
    """

    def take(index: int, nbytes: int):
        if index >= len(buffers):
            raise ProtocolError(f"array node names buffer {index}, but only {len(buffers)} were sent")
        return buffers[index]

    decoder = _Decoder(take, limits)
    value = decoder.value(node, 1)
    if decoder.arrays != len(buffers):
        raise ProtocolError(f"{len(buffers)} buffers were sent for {decoder.arrays} array nodes")
    return value


class _Decoder:
    """One walk over a parsed header. `take(index, nbytes)` gives an array node's buffer; when it
    gives None (the planning walk of `read_message`), arrays are checked but not built."""

    def __init__(self, take, limits: WireLimits):
        self.take, self.limits = take, limits
        self.nodes = self.arrays = self.total = 0

    def value(self, node, depth: int):
        self.nodes += 1
        if self.nodes > self.limits.nodes:
            raise ProtocolError(f"more than {self.limits.nodes} values in one message")
        if depth > self.limits.depth:
            raise ProtocolError(f"values nested deeper than {self.limits.depth} levels")
        kind = type(node)
        if node is None or kind in (bool, int, float, str):
            return node
        if kind is list:
            return [self.value(v, depth + 1) for v in node]
        if kind is not dict or not node:
            raise ProtocolError(f"unexpected node {kind.__name__}")
        tag = next(iter(node))
        body = node[tag]
        if tag == "$nd":
            return self.array(node)
        if tag == "$float" and type(body) is str and body in _SPECIAL_FLOATS:
            return float(body)
        if tag == "$tuple" and type(body) is list:
            return tuple(self.value(v, depth + 1) for v in body)
        if tag == "$dict" and type(body) is list:
            return {self.key(entry): self.value(entry[1], depth + 1) for entry in body}
        if tag == "$h" and type(body) is int:
            return Handle(body)
        if tag == "$probe" and type(body) is str and type(node.get("args")) is list:
            return Probe(body, tuple(self.value(v, depth + 1) for v in node["args"]))
        if tag == "$bad" and type(body) is str:
            return Unsupported(body)
        raise ProtocolError(f"bad {tag} node" if tag in _TAGS else f"unknown tag {_short(tag)}")

    def key(self, entry) -> str:
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str:
            raise ProtocolError("a dict entry is not a [str, value] pair")
        self.nodes += 1
        return entry[0]

    def array(self, node: dict):
        index, dtype, shape = node.get("$nd"), node.get("dtype"), node.get("shape")
        if type(index) is not int or index != self.arrays:
            raise ProtocolError(f"array node names buffer {_short(index)} where buffer {self.arrays} is next "
                                "(each buffer is used once, in order)")
        if type(dtype) is not str or not _DTYPE.fullmatch(dtype):
            raise ProtocolError(f"bad array dtype {_short(dtype)}")
        try:
            dtype = np.dtype(dtype)
        except TypeError:
            raise ProtocolError(f"bad array dtype {dtype!r}") from None
        if dtype.kind not in _ARRAY_KINDS or dtype.str != node["dtype"]:
            raise ProtocolError(f"bad array dtype {node['dtype']!r}")
        budget = self.limits.buffer_bytes - self.total
        if (type(shape) is not list or len(shape) > MAX_DIMS
                or not all(type(n) is int and 0 <= n <= budget for n in shape)):
            raise ProtocolError(f"bad array shape {_short(shape)}")
        nbytes = dtype.itemsize * math.prod(shape)
        if nbytes > budget:
            raise ProtocolError(f"arrays of more than {self.limits.buffer_bytes} bytes in one message")
        self.arrays += 1
        self.total += nbytes
        data = self.take(index, nbytes)
        if data is None:
            return None
        if len(data) != nbytes:
            raise ProtocolError("array buffer size does not match its shape")
        try:
            arr = np.frombuffer(data, dtype=dtype).reshape(shape)
        except ValueError as exc:  # e.g. a zero-size array whose other dimensions overflow
            raise ProtocolError(f"bad array shape: {exc}") from None
        if not arr.flags.writeable:
            arr = arr.copy()
        if dtype.kind == "b":  # only 0 and 1 are booleans: any other byte would compare unlike True
            np.not_equal(arr.view(np.uint8), 0, out=arr)
        return arr


_TAGS = ("$nd", "$float", "$tuple", "$dict", "$h", "$probe", "$bad")


def _short(value, size: int = 60) -> str:
    """A bounded text about a hostile JSON value for an error message (never a deep or huge repr)."""
    if type(value) in (list, dict):
        return f"a {type(value).__name__} of {len(value)} items"
    if type(value) is int and value.bit_length() > 64:
        return "a very large int"
    text = repr(value)
    return text if len(text) <= size else text[: size - 3] + "..."


def scan_json(raw: bytes, depth: int, nodes: int) -> None:
    """Raise ProtocolError if the JSON text `raw` nests deeper than `depth` or has more than
    `nodes` values, without parsing it and without recursion.

    Counts are upper bounds of what `json.loads` would build: values are counted at the brackets
    that open containers and the commas that separate items. Strings are skipped whole; the scan
    stops at a string that never ends, where `json.loads` stops too. Being a byte scan, it is only
    exact for UTF-8 (no multi-byte UTF-8 sequence contains an ASCII byte).
    """
    level, count = 0, 1
    for match in _TOKEN.finditer(raw):
        group = match.lastgroup
        if group == "o":
            level += 1
            count += 1
            if level > depth:
                raise ProtocolError(f"JSON nested deeper than {depth} levels")
        elif group == "c":
            level -= 1
            if level < 0:
                raise ProtocolError("JSON closes a bracket it never opened")
        elif group == "n":
            count += 1
        elif group == "q":
            return
        if count > nodes:
            raise ProtocolError(f"more than {nodes} JSON values")


def write_message(stream, value, limits: WireLimits = ANSWER_LIMITS) -> None:
    """Encode `value` and write it as one frame to a binary stream.

    Raises ValueError, writing nothing, when the frame exceeds `limits` (the reader would refuse it).
    """
    buffers: list[bytes] = []
    header = json.dumps({"v": encode(value, buffers), "n": len(buffers)}, separators=(",", ":")).encode()
    total = sum(len(b) for b in buffers)
    if len(header) > limits.header_bytes:
        raise ValueError(f"its header takes {len(header)} bytes, more than the {limits.header_bytes} allowed "
                         "(a long list or string?)")
    if total > limits.buffer_bytes:
        raise ValueError(f"its arrays take {total} bytes, more than the {limits.buffer_bytes} allowed")
    try:
        scan_json(header, limits.depth, limits.nodes)
    except ProtocolError as exc:
        raise ValueError(f"it has {exc}") from None
    parts = [_LEN.pack(len(header)), header]
    for buf in buffers:
        parts += [_LEN.pack(len(buf)), buf]
    stream.write(b"".join(parts))
    stream.flush()


def read_message(stream, limits: WireLimits = ANSWER_LIMITS):
    """Read one frame from a binary stream and decode it; EOFError at a clean end of stream.

    Any other malformed input raises ProtocolError, before the work it would cost (see the module
    docstring). Buffers are read into bytearrays that become the arrays' memory, so an answer costs
    its own size once.
    """
    size = _read_length(stream, eof_ok=True)
    if size > limits.header_bytes:
        raise ProtocolError(f"message header of {size} bytes, more than {limits.header_bytes}")
    raw = _read_exact(stream, size)
    scan_json(raw, limits.depth, limits.nodes)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError, JSONDecodeError, too many digits
        raise ProtocolError(f"message header is not JSON ({type(exc).__name__})") from None
    if type(header) is not dict or "v" not in header or type(header.get("n")) is not int or header["n"] < 0:
        raise ProtocolError("bad message header")
    sizes: list[int] = []
    _Decoder(lambda index, nbytes: sizes.append(nbytes), limits).value(header["v"], 1)  # checks, reads nothing
    if header["n"] != len(sizes):
        raise ProtocolError(f"header announces {_short(header['n'])} buffers for {len(sizes)} array nodes")
    buffers = []
    for nbytes in sizes:
        announced = _read_length(stream)
        if announced != nbytes:
            raise ProtocolError(f"a buffer of {announced} bytes for an array of {nbytes} bytes")
        buffers.append(_read_exact(stream, nbytes))
    return decode(header["v"], buffers, limits)


def _read_length(stream, eof_ok: bool = False) -> int:
    raw = _read_exact(stream, _LEN.size, eof_ok)
    return _LEN.unpack(raw)[0]


def _read_exact(stream, size: int, eof_ok: bool = False) -> bytearray:
    """Exactly `size` bytes, read into one bytearray (with `readinto` when the stream has it)."""
    data = bytearray(size)
    got = 0
    readinto = getattr(stream, "readinto", None)
    with memoryview(data) as view:
        while got < size:
            if readinto is not None:
                n = readinto(view[got:]) or 0
            else:
                chunk = stream.read(size - got)[: size - got]
                n = len(chunk)
                view[got : got + n] = chunk
            if not n:
                break
            got += n
    if got == 0 and eof_ok:
        raise EOFError
    if got != size:
        raise ProtocolError("stream ended inside a message")
    return data
