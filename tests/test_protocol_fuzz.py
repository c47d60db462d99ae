"""Fuzzing the wire format: no bytes a worker sends make the grader raise anything but
ProtocolError (a malformed answer) or EOFError (the end of the stream), and no answer of any
shape makes `Student` raise anything but StudentError.

Seeded (`derandomize=True`), so a run is the same every time; about 20 s in all.
"""

import io
import json
import math
import struct

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from autograder.engine.protocol import Handle, Probe, ProtocolError, Unsupported, decode, read_message, write_message
from autograder.engine.student import Student, StudentError

FUZZ = settings(derandomize=True, deadline=None, max_examples=300,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def read_any(data: bytes):
    """Read messages from `data` until it ends or one is malformed; return the values read."""
    stream, values = io.BytesIO(data), []
    while True:
        try:
            values.append(read_message(stream))
        except (ProtocolError, EOFError):
            return values


def frame(header: bytes, buffers=(), lengths=None) -> bytes:
    lengths = lengths if lengths is not None else [len(b) for b in buffers]
    parts = [struct.pack(">Q", len(header)), header]
    for length, buf in zip(lengths, buffers):
        parts += [struct.pack(">Q", length % 2**64), buf]
    return b"".join(parts)


# Arbitrary bytes, and bytes behind a length prefix that matches them.

@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data):
    read_any(data)


@FUZZ
@given(st.binary(max_size=2048), st.lists(st.binary(max_size=64), max_size=3))
def test_arbitrary_header_bytes_behind_a_valid_length(header, buffers):
    read_any(frame(header, buffers))


# JSON headers made of the protocol's own words: tags, dtypes, shapes, buffer indices.

KEYS = ["$nd", "$float", "$tuple", "$dict", "$h", "$probe", "$bad", "dtype", "shape", "args", "v", "n", "k"]
DTYPES = ["<f8", "<f4", ">f8", "<f2", "<f16", "<i8", ">i4", "|i1", "<i1", "|u1", "|b1", "<c16", "<M8", "|O",
          "|S3", "<U2", "f8", "V8", "[('a', '<f8')]"]
scalars = (st.none() | st.booleans() | st.integers(-2, 5) | st.integers() | st.floats()
           | st.sampled_from(["nan", "inf", "-inf", "x", ""] + DTYPES) | st.text(max_size=4))
array_nodes = st.fixed_dictionaries(
    {"$nd": st.integers(-1, 3) | st.booleans(), "dtype": st.sampled_from(DTYPES) | scalars,
     "shape": st.lists(st.integers(-1, 4) | st.sampled_from([2**25, 2**28, 2**31, 2**62, 2**64]) | scalars, max_size=4) | scalars},
)
json_values = st.recursive(
    scalars | array_nodes,
    lambda kids: (st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=3), kids,
                                                               max_size=3)
                  | st.builds(lambda k, v: {k: v}, st.sampled_from(KEYS[:7]), kids)
                  | st.builds(lambda items: {"$dict": items}, st.lists(st.lists(kids, max_size=3), max_size=3))),
    max_leaves=24,
)


@FUZZ
@given(json_values, st.integers(-1, 4) | scalars, st.lists(st.binary(max_size=48), max_size=4), st.data())
def test_json_headers_of_protocol_words(value, count, buffers, data):
    header = json.dumps({"v": value, "n": count}).encode()
    lengths = data.draw(st.none() | st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 64),
                                             min_size=len(buffers), max_size=len(buffers)))
    read_any(frame(header, buffers, lengths))


dims = st.sampled_from([0, 1, 3, 2**25, 2**28]) | st.sampled_from([-1, 2**31, 2**62, 2**64, True, 1.0, "2"])


def buffer_for(node) -> bytes:
    """The buffer the node would need, where that is small and well defined; else a few bytes."""
    if not all(type(n) is int for n in node["shape"]):
        return b"\x01" * 3
    try:
        size = np.dtype(node["dtype"]).itemsize * math.prod(node["shape"])
    except (TypeError, ValueError):
        return b"\x01" * 3
    return b"\x01" * size if 0 <= size <= 4096 else b""


@FUZZ
@given(st.lists(st.fixed_dictionaries({"dtype": st.sampled_from(DTYPES[:11]) | st.sampled_from(DTYPES),
                                       "shape": st.lists(dims, max_size=5)
                                       | st.lists(st.sampled_from([0, 1, 2**25, 2**28]), min_size=3, max_size=6)}),
                min_size=1, max_size=3), st.booleans())
def test_array_frames_with_the_buffers_they_ask_for(nodes, nested):
    """Frames whose every other part is right, so that dtype and shape are what is tested."""
    nodes = [{"$nd": i, **node} for i, node in enumerate(nodes)]
    value = {"$tuple": [nodes[0], {"$dict": [["k", nodes[1:]]]}]} if nested else nodes
    read_any(frame(json.dumps({"v": value, "n": len(nodes)}).encode(), [buffer_for(n) for n in nodes]))


@FUZZ
@given(json_values, st.lists(st.binary(max_size=48), max_size=4))
def test_decode_of_any_json_value(value, buffers):
    try:
        decode(value, buffers)
    except ProtocolError:
        pass


# Valid messages, mutated.

plain_arrays = arrays(st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.uint8, np.bool_]),
                      array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3))
plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | plain_arrays
    | st.builds(Handle, st.integers(0, 9)),
    lambda kids: (st.lists(kids, max_size=3) | st.tuples(kids, kids) | st.dictionaries(st.text(max_size=3), kids, max_size=3)
                  | st.builds(Probe, st.text(max_size=3), st.tuples(kids))),
    max_leaves=12,
)


def same(a, b) -> bool:
    """Equal in type and value, arrays by dtype, shape and bytes, floats bit for bit (nan included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, Probe):
        return a.name == b.name and same(a.args, b.args)
    return a == b


def encoded(value) -> bytes:
    buffer = io.BytesIO()
    write_message(buffer, value)
    return buffer.getvalue()


@FUZZ
@given(plain_values)
def test_plain_values_roundtrip(value):
    assert same(read_any(encoded(value)), [value])


MUTATIONS = ["set", "insert", "delete", "truncate", "duplicate"]


def mutate(data: bytes, draw) -> bytes:
    data = bytearray(data)
    for op in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        at = draw(st.integers(0, len(data)))
        if op == "set" and at < len(data):
            data[at] = draw(st.integers(0, 255) | st.sampled_from(b'[]{}",:\\0-9e'))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from([b"[", b"]", b",", b'"', b"\\"]))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


@FUZZ
@given(plain_values, st.data())
def test_mutated_messages(value, data):
    read_any(mutate(encoded(value), data.draw))


@FUZZ
@given(plain_values, st.data())
def test_mutated_headers_behind_a_valid_length(value, data):
    """Mutations inside the JSON header only, its length prefix fixed up: the frame stays plausible."""
    raw = encoded(value)
    (size,) = struct.unpack(">Q", raw[:8])
    header = mutate(raw[8 : 8 + size], data.draw)
    read_any(struct.pack(">Q", len(header)) + header + raw[8 + size :])


@FUZZ
@given(plain_values, plain_values)
def test_messages_spliced_together(first, second):
    a, b = encoded(first), encoded(second)
    for cut in sorted({0, 1, 8, len(a) // 2, len(a) - 1}):
        read_any(a[:cut] + b)


# The grader's side: whatever plain values come back, Student raises only StudentError.

answer_keys = st.sampled_from(["ok", "value", "error", "warnings", "type", "message", "where", "args", "kwargs"])
answer_parts = st.recursive(
    st.none() | st.booleans() | st.integers(-1, 3) | st.text(max_size=4) | st.builds(Handle, st.integers(0, 3))
    | st.builds(Unsupported, st.text(max_size=3)),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(answer_keys, kids, max_size=5) | st.tuples(kids),
    max_leaves=16,
)
answers = answer_parts | st.fixed_dictionaries({"ok": st.booleans() | answer_parts}, optional={
    "value": answer_parts, "warnings": answer_parts,
    "error": answer_parts | st.fixed_dictionaries({"type": answer_parts, "message": answer_parts, "where": answer_parts})})


class ScriptedTransport:
    def __init__(self, answers):
        self.answers = list(answers)

    def request(self, message):
        return self.answers.pop(0) if self.answers else {"ok": True, "value": None}


@settings(FUZZ, max_examples=150)
@given(st.lists(answers, min_size=6, max_size=6), st.booleans())
def test_student_raises_only_student_error(script, good_load):
    if good_load:
        script[0] = {"ok": True, "value": []}
    transport = ScriptedTransport(script)
    try:
        student = Student(transport, "mod", ["x = 1"], "mod.py")
    except StudentError:
        return
    student.import_failure()
    for use in (lambda: student.call("f", 1), lambda: student.run("f"), lambda: student.remote("d").items(),
                lambda: student.new("C"), lambda: student.put([1]), lambda: student.get("x")):
        try:
            use()
        except StudentError as error:
            error.describe()
