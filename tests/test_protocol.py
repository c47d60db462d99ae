"""The wire format carries plain data only, and refuses anything it did not produce."""

import io
import json
import struct
import tracemalloc

import numpy as np
import pytest

from autograder.engine.protocol import (
    ANSWER_LIMITS, MAX_DEPTH, MAX_HEADER_BYTES, MAX_NODES, Handle, Probe, ProtocolError, Unsupported, WireLimits,
    decode, encode, read_message, write_message,
)
from autograder.engine.student import LocalTransport, Student, StudentError


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


# The attacks of the issue: a hostile worker's answer may cost the grader no more than the limits.

def raw_frame(header: bytes, *buffers: bytes) -> io.BytesIO:
    parts = [struct.pack(">Q", len(header)), header] + [struct.pack(">Q", len(b)) + b for b in buffers]
    return io.BytesIO(b"".join(parts))


def peak_bytes(func) -> int:
    """The peak of Python's traced allocations while `func()` runs."""
    tracemalloc.start()
    try:
        func()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def refused(stream, limits=ANSWER_LIMITS, match=None):
    def read():
        with pytest.raises(ProtocolError, match=match):
            read_message(stream, limits)
    return read


def test_a_buffer_named_by_many_array_nodes_is_refused_before_it_is_read():
    """One 64 MiB buffer named by 1000 array nodes cost the grader a copy per node (6 GiB): the
    second node is refused from the header alone, so the buffer is never read."""
    node = {"$nd": 0, "dtype": "<f8", "shape": [8 * 2**20]}
    header = json.dumps({"v": [node] * 1000, "n": 1}).encode()
    stream = raw_frame(header, bytes(64 * 2**20))
    assert peak_bytes(refused(stream, match="buffer 1 is next")) < 2**20
    assert stream.tell() == 8 + len(header)  # not one byte of the buffer was read


@pytest.mark.parametrize("indices", [[0, 0], [1, 0], [0, 2]], ids=["reused", "out-of-order", "skipped"])
def test_each_buffer_is_named_once_in_order(indices):
    nodes = [{"$nd": i, "dtype": "|u1", "shape": [1]} for i in indices]
    with pytest.raises(ProtocolError):
        read_message(raw_frame(json.dumps({"v": nodes, "n": 3}).encode(), b"a", b"b", b"c"))
    with pytest.raises(ProtocolError):
        decode(nodes, [b"a", b"b", b"c"])


def test_an_unused_buffer_or_a_wrong_buffer_length_is_refused():
    node = {"$nd": 0, "dtype": "|u1", "shape": [2]}
    with pytest.raises(ProtocolError, match="announces 2 buffers"):
        read_message(raw_frame(json.dumps({"v": node, "n": 2}).encode(), b"ab", b"c"))
    with pytest.raises(ProtocolError, match="buffer of 3 bytes for an array of 2"):
        read_message(raw_frame(json.dumps({"v": node, "n": 1}).encode(), b"abc"))


def test_an_oversized_header_is_refused_before_it_is_read():
    """A 250 MB JSON header was read and parsed in full (3 GB): now only its length is read."""
    stream = io.BytesIO(struct.pack(">Q", 250 * 10**6) + b"[" * (4 * 2**20))
    assert peak_bytes(refused(stream, match="header of 250000000 bytes")) < 2**20
    assert stream.tell() == 8


def test_a_header_of_exactly_the_limit_is_read_and_one_byte_more_is_not():
    text = "x" * (MAX_HEADER_BYTES - len(json.dumps({"v": "", "n": 0})))
    header = json.dumps({"v": text, "n": 0}).encode()
    assert len(header) == MAX_HEADER_BYTES and read_message(raw_frame(header)) == text
    with pytest.raises(ProtocolError, match="more than"):
        read_message(raw_frame(header + b" "))


def deep_json(levels: int, open_: bytes, close: bytes) -> bytes:
    return b'{"v": ' + open_ * levels + b"0" + close * levels + b', "n": 0}'


@pytest.mark.parametrize(
    "open_, close",
    [(b"[", b"]"), (b'{"$tuple": [', b"]}"), (b'{"$dict": [["k", ', b"]]}"), (b'{"a": ', b"}")],
    ids=["lists", "tuples", "dicts", "objects"],
)
def test_deep_nesting_is_refused_without_recursion(open_, close):
    """A header nested 100 000 levels made json.loads raise RecursionError and the report was lost
    (here as deep as fits in MAX_HEADER_BYTES: 100 000 levels of lists, 30 000 of the others)."""
    levels = 100_000 if open_ == b"[" else 30_000
    stream = raw_frame(deep_json(levels, open_, close))
    assert peak_bytes(refused(stream, match="nested deeper than 64 levels")) < 4 * 2**20


def test_nesting_up_to_the_limit_is_read():
    assert read_message(raw_frame(deep_json(MAX_DEPTH - 1, b"[", b"]"))) is not None
    with pytest.raises(ProtocolError, match="nested deeper"):
        read_message(raw_frame(deep_json(MAX_DEPTH, b"[", b"]")))


def test_decode_refuses_deep_values_without_recursion():
    """`decode` is safe on its own, too: a value nested 100 000 levels is refused, not recursed into."""
    deep = 0
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ProtocolError, match="nested deeper"):
        decode(deep, [])


@pytest.mark.parametrize("item", [b"0", b"[]", b"{}", b'""'], ids=["numbers", "lists", "objects", "strings"])
def test_a_node_count_bomb_is_refused_before_it_is_parsed(item):
    """Many small values in a header under 1 MiB (each an object in the grader) are refused by
    the byte scan, before json.loads builds them."""
    count = MAX_NODES + 10
    header = b'{"v": [' + b",".join([item] * count) + b'], "n": 0}'
    assert len(header) <= MAX_HEADER_BYTES
    assert peak_bytes(refused(raw_frame(header), match=f"more than {MAX_NODES}")) < 2 * MAX_HEADER_BYTES


def test_the_arrays_of_one_answer_are_limited_in_total_before_they_are_read():
    limits = WireLimits(buffer_bytes=1000)
    nodes = [{"$nd": i, "dtype": "<f8", "shape": [50]} for i in range(3)]  # 3 x 400 bytes
    stream = raw_frame(json.dumps({"v": nodes, "n": 3}).encode())  # no buffers at all: never read
    refused(stream, limits, match="more than 1000 bytes")()
    with pytest.raises(ValueError, match="its arrays take 1200 bytes, more than the 1000 allowed"):
        write_message(io.BytesIO(), [np.zeros(50)] * 3, limits)


@pytest.mark.parametrize(
    "node",
    [
        pytest.param({"$nd": 0, "dtype": "<f8", "shape": [0, 2**62]}, id="dimension-over-the-byte-limit"),
        pytest.param({"$nd": 0, "dtype": "<f8", "shape": [1] * 40}, id="too-many-dims"),
        pytest.param({"$nd": 0, "dtype": "<f8", "shape": [1.0]}, id="float-dim"),
        pytest.param({"$nd": 0, "dtype": "<i1", "shape": [1]}, id="non-canonical-dtype"),
        pytest.param({"$nd": 0, "dtype": {"names": ["a"], "formats": ["<f8"]}, "shape": [1]}, id="structured-dtype"),
        pytest.param({"$nd": 0, "dtype": "<M8", "shape": [1]}, id="datetime-dtype"),
        pytest.param({"$nd": True, "dtype": "<f8", "shape": [1]}, id="bool-index"),
        pytest.param({"$dict": [["k"]]}, id="dict-entry-not-a-pair"),
        pytest.param({"$dict": [[1, 2]]}, id="dict-key-not-str"),
        pytest.param({"$probe": ["f"], "args": []}, id="probe-name-not-str"),
        pytest.param({"$bad": {"deep": []}}, id="bad-not-str"),
        pytest.param({"$float": ["nan"]}, id="float-not-str"),
        pytest.param({}, id="empty-object"),
    ],
)
def test_malformed_nodes_are_protocol_errors(node):
    with pytest.raises(ProtocolError):
        read_message(raw_frame(json.dumps({"v": node, "n": 1}).encode(), b"\0" * 8))


def test_an_empty_array_whose_dimensions_overflow_is_refused():
    """Each dimension is within the byte limit and the array is empty, but numpy refuses the shape."""
    header = json.dumps({"v": {"$nd": 0, "dtype": "<f8", "shape": [0] + [2**28] * 3}, "n": 1}).encode()
    with pytest.raises(ProtocolError, match="bad array shape"):
        read_message(raw_frame(header, b""))


@pytest.mark.parametrize(
    "header",
    [b"\xff\xfe{}", b'{"v": 1, "n": 0', b'{"v": ' + b"9" * 5000 + b', "n": 0}', b"[]", b'{"n": 0}', b"\"\\\"" * 100],
    ids=["not-utf8", "truncated-json", "int-too-long", "not-an-object", "no-value", "escaped-quotes"],
)
def test_headers_that_are_not_messages_are_protocol_errors(header):
    with pytest.raises(ProtocolError):
        read_message(raw_frame(header))


def test_booleans_are_only_true_or_false():
    """A bool buffer byte other than 0 or 1 would compare unlike True: it arrives as True."""
    back = read_message(raw_frame(json.dumps({"v": {"$nd": 0, "dtype": "|b1", "shape": [3]}, "n": 1}).encode(),
                                  b"\x00\x02\xff"))
    assert back.tolist() == [False, True, True] and (back == np.array([False, True, True])).all()


def test_read_arrays_are_writable_and_cost_their_size_once():
    """Buffers are read into the arrays' own memory: no copy per array, and checks may write to them."""
    arr = np.arange(2**20, dtype=np.float64)  # 8 MiB
    buffer = io.BytesIO()
    write_message(buffer, [arr])
    buffer.seek(0)
    holder = []
    peak = peak_bytes(lambda: holder.append(read_message(buffer)))
    back = holder[0][0]
    assert np.array_equal(back, arr) and back.flags.writeable
    assert peak < arr.nbytes + 2**20


def test_the_deepest_value_encode_writes_is_within_the_depth_limit():
    """`encode` cuts values off at 20 levels; wrapped in the worker's largest answer envelope
    (a `run` answer), the most deeply nested JSON it can write still fits MAX_DEPTH."""
    deep = np.zeros(1)
    for i in range(30):
        deep = {"k": (deep,)} if i % 2 else [{"k": deep}]
    answer = {"ok": True, "value": {"value": deep, "args": [deep], "kwargs": {"x": deep}}, "warnings": []}
    buffer = io.BytesIO()
    write_message(buffer, answer)  # would raise ValueError if the scan refused it
    buffer.seek(0)
    assert read_message(buffer)["ok"] is True


def test_an_answer_too_large_to_send_becomes_an_error_not_a_crash():
    """The worker refuses to send what the grader would refuse: the call fails with a message,
    and the worker keeps serving."""
    student = Student(LocalTransport(), "big", ["def many():\n    return [0] * 300_000\n"
                                                "def few():\n    return [1, 2]\n"], "big.py")
    with pytest.raises(StudentError) as info:
        student.call("many")
    assert info.value.describe() == (f"many gave an answer the grader does not accept: it has more than {MAX_NODES} "
                                     "JSON values.")
    assert student.call("few") == [1, 2]


# The grader side: an answer of the wrong shape is a StudentError ("malformed answer"), never an
# AttributeError or KeyError in the grader.

class FakeTransport:
    """Answers the load request correctly, then gives the answers it was made with, in order."""

    def __init__(self, *answers, load=None):
        self.answers = [load if load is not None else {"ok": True, "value": []}, *answers]

    def request(self, message):
        return self.answers.pop(0)


@pytest.mark.parametrize(
    "value",
    [{"type": "x"}, "errors", 7, [1, 2], [{"type": 1, "message": "m", "where": []}],
     [{"type": "E", "message": "m", "where": "not a list"}], [{"type": "E", "message": "m", "where": [3]}],
     [{"type": "E", "message": "m"}]],
    ids=["dict", "str", "int", "list-of-ints", "type-not-str", "where-not-list", "where-not-str", "no-where"],
)
def test_a_load_answer_of_the_wrong_shape_is_a_malformed_answer(value):
    """A load answer of the wrong shape raised AttributeError in `import_failure`."""
    with pytest.raises(StudentError, match="malformed answer") as info:
        Student(FakeTransport(load={"ok": True, "value": value}), "mod", ["x = 1"], "mod.py").import_failure()
    assert info.value.kind == "Crash"


def test_a_well_formed_load_error_is_reported_clipped():
    error = {"type": "E" * 1000, "message": "m" * 10**5, "where": [f"line {i}" for i in range(100)]}
    student = Student(FakeTransport(load={"ok": True, "value": [error]}), "mod", ["x = 1"], "mod.py")
    text = student.import_failure()
    assert text.startswith("importing mod.py raised EEE") and len(text) < 2000


@pytest.mark.parametrize(
    "answer",
    [None, [], "ok", {"ok": True}, {"ok": "yes", "value": 1}, {"ok": False}, {"ok": False, "error": []},
     {"ok": False, "error": {"type": "E", "message": 5, "where": []}}, {"value": 1},
     {"ok": True, "value": 1, "warnings": "w"}, {"ok": True, "value": 1, "warnings": [1]}],
    ids=["none", "list", "str", "ok-without-value", "ok-not-bool", "error-missing", "error-list",
         "message-not-str", "ok-missing", "warnings-not-list", "warnings-not-str"],
)
def test_answers_of_the_wrong_shape_are_malformed_answers(answer):
    student = Student(FakeTransport(answer), "mod", ["x = 1"], "mod.py")
    with pytest.raises(StudentError, match="malformed answer"):
        student.call("f")


@pytest.mark.parametrize(
    "value", [1, {"value": 1}, {"value": 1, "args": 2, "kwargs": {}}, {"value": 1, "args": [], "kwargs": []}],
    ids=["int", "no-args", "args-not-list", "kwargs-not-dict"],
)
def test_a_run_answer_of_the_wrong_shape_is_a_malformed_answer(value):
    student = Student(FakeTransport({"ok": True, "value": value}), "mod", ["x = 1"], "mod.py")
    with pytest.raises(StudentError, match="malformed answer"):
        student.run("f")


@pytest.mark.parametrize("value", [5, {"a": 1}, list(range(11))], ids=["int", "dict", "more-than-asked"])
def test_an_items_answer_of_the_wrong_shape_is_a_malformed_answer(value):
    student = Student(FakeTransport({"ok": True, "value": value}), "mod", ["x = 1"], "mod.py")
    with pytest.raises(StudentError, match="malformed answer"):
        student.remote("data").items(limit=10)
