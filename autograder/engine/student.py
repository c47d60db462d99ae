"""The grader's view of a submission: calls into student code that come back as plain data.

`Student` is what checks use: `call` a function, `new` an object, then `Remote.call`/`get` its
methods and attributes. Every value crosses `protocol` both ways, so the student side gets copies
of the inputs and the grader gets plain arrays back, whether the code runs in a sandboxed process
(`autograder.sandbox.SandboxTransport`) or in-process for the local self-check (`LocalTransport`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from .protocol import ANSWER_LIMITS, REQUEST_LIMITS, Handle, read_message, write_message
from .safe_text import terminal_text
from .worker import MAX_TEXT, UNSENDABLE, Worker, send_answer

MALFORMED = "the student process sent a malformed answer"


class StudentError(Exception):
    """Student code raised, ran out of time or killed its process; `describe` says which, in words."""

    def __init__(self, kind: str, message: str = "", where=(), call: str = ""):
        super().__init__(f"{kind}: {message}")
        self.kind, self.message, self.where, self.call = kind, message, list(where), call

    @property
    def not_implemented(self) -> bool:
        return self.kind == "NotImplementedError"

    def describe(self) -> str:
        """The error in words. The student's exception type, message and traceback lines are the
        student's text: escape sequences and control characters are removed (see `safe_text`)."""
        if self.not_implemented:
            # A stub's message names the function that is missing, which may be one that `call` uses.
            named = re.fullmatch(r"([\w.]+) is not implemented yet\.?", self.message.strip())
            return terminal_text(f"{named.group(1) if named else self.call} is not implemented yet.")
        if self.kind == "Timeout":
            return terminal_text(f"{self.call} did not finish: {self.message}.")
        if self.kind == "Crash":
            return terminal_text(f"{self.call} ended the student process: {self.message}.")
        if self.kind == UNSENDABLE:
            return terminal_text(f"{self.call} gave an answer the grader does not accept: {self.message}.")
        where = ("\n  " + "\n  ".join(self.where)) if self.where else ""
        text = terminal_text(f"{self.call} raised {self.kind}: {self.message}{where}")  # also Keras's colours
        text = re.sub(r"0x[0-9a-fA-F]+", "0x…", text)  # addresses (in hex, and as Python ids, which
        return re.sub(r"\b\d{12,}\b", "…", text)  # Keras prints) would make grading non-deterministic


class LocalTransport:
    """Runs a Worker in this process; requests and answers still go through the wire format.

    With `namespace` (a notebook's `globals()`), the loaded module starts as a copy of it: load
    it with no chunks to check the functions a notebook has defined (see `Worker`).
    """

    def __init__(self, namespace: dict | None = None):
        self.worker = Worker(namespace)

    def request(self, message: dict) -> dict:
        buffer = io.BytesIO()
        write_message(buffer, message, REQUEST_LIMITS)
        buffer.seek(0)
        answer = self.worker.handle(read_message(buffer, REQUEST_LIMITS))
        buffer = io.BytesIO()
        send_answer(buffer, answer)  # as the sandboxed worker does: an oversized answer becomes an error
        buffer.seek(0)
        return read_message(buffer, ANSWER_LIMITS)

    def close(self) -> None:
        pass


@dataclass
class Outcome:
    """What one call gave: the value, the arguments as the call left them, the warnings it issued."""

    value: object
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


class Student:
    """A loaded submission chapter, seen through a transport."""

    def __init__(self, transport, module_name: str, chunks: list[str], filename: str):
        self.transport = transport
        self.load_request = {"op": "load", "name": module_name, "chunks": chunks, "filename": filename}
        what = "loading " + filename
        errors = self.send(self.load_request, what)
        if type(errors) is not list or not all(_is_error(e) for e in errors):
            raise self.malformed(what)
        self.load_errors = [_clip_error(e) for e in errors]

    def import_failure(self) -> str:
        """Why a .py submission (one chunk) failed to import, or "" (a notebook tolerates failing cells)."""
        errors = self.load_errors
        if not errors or len(self.load_request["chunks"]) != 1:
            return ""
        first = errors[0]
        error = StudentError(first["type"], first["message"], first["where"], "importing " + self.load_request["filename"])
        return error.describe()

    def remote(self, name: str) -> "Remote":
        """A module-level name, dotted names included (`keras.optimizers.SGD` when the module imports keras)."""
        return Remote(self, None, [["attr", part] for part in name.split(".")], name)

    def call(self, name: str, *args, **kwargs):
        """Call module-level function `name`; return its value (student errors raise StudentError)."""
        return self.remote(name)(*args, **kwargs)

    def run(self, name: str, *args, **kwargs) -> Outcome:
        """Like `call`, but also return the arguments after the call and the warnings raised."""
        return self.remote(name).run(*args, **kwargs)

    def new(self, class_name: str, *args, **kwargs) -> "Remote":
        """Construct `class_name(*args, **kwargs)` on the student side; return a Remote to it."""
        return self.remote(class_name).keep(*args, **kwargs)

    def get(self, name: str):
        """The value of module-level name `name` (e.g. a dict of constants)."""
        return self.remote(name).value()

    def put(self, value) -> "Remote":
        """Store `value` on the student side (e.g. a params dict) and return a Remote to it."""
        handle = self.send_for_handle({"op": "put", "value": value}, "storing a value")
        return Remote(self, handle.id, [], "the value")

    def send_for_handle(self, message: dict, what: str) -> Handle:
        """Send a request whose answer must be a handle to a student-side object."""
        handle = self.send(message, what)
        if not isinstance(handle, Handle):
            raise self.malformed(what)
        return handle

    def malformed(self, what: str) -> StudentError:
        """The error for an answer of the wrong shape. A transport with `discard` (the sandbox) restarts
        its worker, since one that sent an extra frame would answer every later request out of step."""
        discard = getattr(self.transport, "discard", None)
        if discard is not None:
            discard(MALFORMED)
        return StudentError("Crash", MALFORMED, (), what)

    def send(self, message: dict, what: str):
        """Send one request (see `worker`); return its value, or raise StudentError naming `what`.

        An answer of any other shape than the worker's two (see `worker`) is a StudentError too:
        the "Crash" of a malformed answer.
        """
        answer = self.transport.request(message)
        if type(answer) is not dict:
            raise self.malformed(what)
        if answer.get("ok") is True and "value" in answer:
            warnings = answer.get("warnings", [])
            if type(warnings) is not list or not all(type(w) is str for w in warnings):
                raise self.malformed(what)
            self.last_warnings = [_clip(w) for w in warnings[:5]]
            return answer["value"]
        error = answer.get("error")
        if answer.get("ok") is not False or not _is_error(error):
            raise self.malformed(what)
        error = _clip_error(error)
        raise StudentError(error["type"], error["message"], error["where"], what)


def _is_error(error) -> bool:
    """Whether `error` has the worker's shape: {"type": str, "message": str, "where": [str, ...]}."""
    return (type(error) is dict and type(error.get("type")) is str and type(error.get("message")) is str
            and type(error.get("where")) is list and all(type(w) is str for w in error["where"]))


def _clip_error(error: dict) -> dict:
    """The worker shortens what it sends; a hostile process may not, and the report must stay small."""
    return {"type": _clip(error["type"], 100), "message": _clip(error["message"]),
            "where": [_clip(w) for w in error["where"][-4:]]}


def _clip(text: str, size: int = MAX_TEXT) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


class Remote:
    """A student-side object (or a path into one: an attribute, a dict entry)."""

    def __init__(self, student: Student, handle, path: list, label: str):
        self.student, self.handle, self.path, self.label = student, handle, path, label

    def attr(self, name: str) -> "Remote":
        return Remote(self.student, self.handle, self.path + [["attr", name]], f"{self.label}.{name}")

    def __getitem__(self, key) -> "Remote":
        return Remote(self.student, self.handle, self.path + [["item", key]], f"{self.label}[{key!r}]")

    @property
    def target(self) -> dict:
        return {"h": self.handle, "path": self.path}

    def value(self):
        """Fetch the current value (copied back as plain data)."""
        return self.student.send({"op": "get", "target": self.target}, self.label)

    def get(self, name: str):
        """The value of attribute `name`, e.g. `layer.get("dW")`."""
        return self.attr(name).value()

    def items(self, limit: int = 10_000) -> list:
        """The first `limit` items of the iterable (e.g. the batches of a tf.data.Dataset)."""
        items = self.student.send({"op": "items", "target": self.target, "limit": limit}, self.label)
        if type(items) is not list or len(items) > limit:
            raise self.student.malformed(self.label)
        return items

    def call(self, method: str, *args, **kwargs):
        """Call method `method` and return its value."""
        return self.attr(method)(*args, **kwargs)

    def run(self, *args, **kwargs) -> Outcome:
        answer = self.student.send(self._call_message(args, kwargs, return_args=True), self.label)
        if (type(answer) is not dict or not {"value", "args", "kwargs"} <= answer.keys()
                or type(answer["args"]) is not list or type(answer["kwargs"]) is not dict):
            raise self.student.malformed(self.label)
        return Outcome(answer["value"], answer["args"], answer["kwargs"], self.student.last_warnings)

    def keep(self, *args, **kwargs) -> "Remote":
        """Call and keep the result on the student side, returning a Remote to it."""
        handle = self.student.send_for_handle(self._call_message(args, kwargs, keep=True), self.label)
        return Remote(self.student, handle.id, [], self.label)

    def assign(self, value) -> None:
        """Write into the student's array in place: target[...] = value."""
        self.student.send({"op": "assign", "target": self.target, "value": value}, self.label)

    def __call__(self, *args, **kwargs):
        return self.student.send(self._call_message(args, kwargs), self.label)

    def _call_message(self, args, kwargs, **options) -> dict:
        args = [a.as_handle() if isinstance(a, Remote) else a for a in args]
        kwargs = {k: v.as_handle() if isinstance(v, Remote) else v for k, v in kwargs.items()}
        return {"op": "call", "target": self.target, "args": args, "kwargs": kwargs, **options}

    def as_handle(self) -> Handle:
        if not self.path:
            return Handle(self.handle)
        return self.student.send_for_handle({"op": "get", "target": self.target, "keep": True}, self.label)
