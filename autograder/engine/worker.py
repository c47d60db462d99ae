"""The student side: loads one submitted chapter and answers requests about it.

Run as a script (`python -I worker.py [LIBRARY_FOLDER...]`) inside the sandbox, this process reads requests from stdin
and writes answers to stdout in the plain-data format of `protocol`; the student's own prints go
to `output.log` in the working directory. `Worker.handle` is also used in-process by the local
self-check, where no sandbox is needed because the code is the student's own.

Requests (dicts): `load` (module name, source chunks), `get`, `call`, `put`, `assign`,
`items` (list an iterable, such as a tf.data.Dataset), `release`. A target is `{"h": handle or None, "path": [["attr", name] | ["item", key], ...]}`,
where handle None means the loaded module. Answers are `{"ok": True, "value": ..., "warnings":
[...]}` or `{"ok": False, "error": {"type", "message", "where"}}`. This module imports only the
standard library and numpy, and must never import the reference solutions.
"""

from __future__ import annotations

import linecache
import os
import sys
import traceback
import types
import warnings

if __package__:
    from .probes import make_probe
    from .protocol import ANSWER_LIMITS, REQUEST_LIMITS, Handle, Probe, read_message, write_message
else:  # run (or imported by the zygote) in the sandbox, where `-I` leaves this directory off sys.path
    if __name__ == "__main__":
        sys.path += sys.argv[1:]  # the sandbox's folder of allowed libraries, if any
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from probes import make_probe
    from protocol import ANSWER_LIMITS, REQUEST_LIMITS, Handle, Probe, read_message, write_message

    del sys.path[0]

BLOCKED_PACKAGES = ("solutions", "autograder")
MAX_TEXT = 600
UNSENDABLE = "Unsendable"  # the error type of an answer that cannot be sent (see `send_answer`)


class Worker:
    """Holds the submitted module and the objects made for the grader, addressed by handle.

    `namespace` is for the in-process self-check of a notebook only: `load` then starts the module
    as a copy of that namespace (the notebook's globals) instead of an empty one, so the checks see
    the functions the notebook has defined; the module is not entered in `sys.modules`.
    """

    def __init__(self, namespace: dict | None = None, seed: bool = False):
        self.namespace, self.seed = namespace, seed
        self.module: types.ModuleType | None = None
        self.filenames: set[str] = set()
        self.sources: dict[str, tuple] = {}  # linecache entries of the loaded code, by file name
        self.objects: dict[int, object] = {}

    def handle(self, request) -> dict:
        """Answer one request; never raises, whatever the student code does."""
        try:
            op = getattr(self, "_op_" + str(request.get("op")), None)
            if op is None:
                return _error("ProtocolError", f"unknown op {request.get('op')!r}", [])
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = op(request)
            answer = {"ok": True, "value": value}
            if caught:
                answer["warnings"] = [_short(f"{w.category.__name__}: {w.message}") for w in caught][:5]
            return answer
        except BaseException as exc:  # SystemExit and KeyboardInterrupt from student code included
            return _error(type(exc).__name__, _short(str(exc)), self._student_frames(exc))

    def _op_load(self, request):
        """Execute the chunks (one per notebook cell, or one .py file) into a fresh module."""
        name = request["name"]
        module = types.ModuleType(name)
        if self.namespace is None:
            sys.modules[name] = module
        else:
            module.__dict__.update(self.namespace)
            module.__dict__.setdefault("__getattr__", _undefined_in_notebook)
            module.__name__ = name
        module.__file__ = request["filename"]
        self.module, self.objects, errors = module, {}, []
        for i, chunk in enumerate(request["chunks"]):
            filename = request["filename"] if len(request["chunks"]) == 1 else f"{request['filename']}, cell {i + 1}"
            self.filenames.add(filename)
            self.sources[filename] = (len(chunk), None, chunk.splitlines(True), filename)
            linecache.cache[filename] = self.sources[filename]
            code = None
            try:
                code = compile(chunk, filename, "exec")
                exec(code, module.__dict__)
            except BaseException as exc:
                if code is None and isinstance(exc, (RecursionError, MemoryError)):  # the parser's stack overflowed
                    error = _error("SyntaxError", f"{filename} is nested too deeply for Python to compile it "
                                   f"({type(exc).__name__})", [])
                else:
                    error = _error(type(exc).__name__, _short(str(exc)), self._student_frames(exc))
                errors.append(error["error"])
        if self.seed:
            _seed_global_generators()
        return errors

    def _op_get(self, request):
        return self._answer(self._resolve(request["target"]), request)

    def _op_call(self, request):
        func = self._resolve(request["target"])
        args = [self._unwrap(a) for a in request.get("args", [])]
        kwargs = {k: self._unwrap(v) for k, v in request.get("kwargs", {}).items()}
        value = func(*args, **kwargs)
        if request.get("return_args"):
            return {"value": self._answer(value, request), "args": args, "kwargs": kwargs}
        return self._answer(value, request)

    def _op_put(self, request):
        return self._keep(self._unwrap(request["value"]))

    def _op_assign(self, request):
        """Write `value` into the target array in place: target[...] = value."""
        self._resolve(request["target"])[...] = request["value"]

    def _op_release(self, request):
        self.objects.pop(request["h"], None)

    def _op_items(self, request):
        """The first `limit` items of an iterable target (e.g. the batches of a dataset)."""
        items = []
        for item in self._resolve(request["target"]):
            if len(items) == request.get("limit", 10_000):
                break
            items.append(_plain(item))
        return items

    def _answer(self, value, request):
        return self._keep(value) if request.get("keep") else _plain(value)

    def _keep(self, value) -> Handle:
        handle = len(self.objects) + 1
        while handle in self.objects:
            handle += 1
        self.objects[handle] = value
        return Handle(handle)

    def _unwrap(self, value):
        """Replace handles (at any depth of lists, tuples and dicts) by the objects they name."""
        if isinstance(value, Handle):
            return self.objects[value.id]
        if isinstance(value, Probe):
            return make_probe(value.name, *self._unwrap(value.args))
        if type(value) in (list, tuple):
            return type(value)(self._unwrap(v) for v in value)
        if type(value) is dict:
            return {k: self._unwrap(v) for k, v in value.items()}
        return value

    def _resolve(self, target):
        if self.module is None:
            raise RuntimeError("no submission is loaded")
        obj = self.module if target.get("h") is None else self.objects[target["h"]]
        for kind, key in target.get("path", []):
            obj = getattr(obj, key) if kind == "attr" else obj[key]
        return obj

    def _student_frames(self, exc) -> list[str]:
        """The traceback lines that point into the student's own code, innermost last.

        The loaded code's lines are put back into `linecache` first: its file does not exist on
        disk, and TensorFlow's AutoGraph (which `tf.data` runs on a `map` function) calls
        `linecache.updatecache` on it, which drops the entry."""
        linecache.cache.update(self.sources)
        frames = traceback.extract_tb(exc.__traceback__)
        return [
            _short(f"{f.filename}, line {f.lineno}, in {f.name}: {(f.line or '').strip()}")
            for f in frames
            if f.filename in self.filenames or (self.namespace is not None and _notebook_code(f.filename))
        ][-4:]


def _plain(value):
    """TensorFlow tensors and variables as numpy arrays (at any depth), so they cross the wire."""
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    if type(value).__module__.startswith(("tensorflow", "keras")) and callable(getattr(value, "numpy", None)):
        return value.numpy()
    return value


def _notebook_code(filename: str) -> bool:
    """Whether a frame of a notebook's own function: not the engine, Python or an installed package."""
    libraries = (os.path.dirname(os.path.abspath(__file__)), sys.prefix, sys.base_prefix, sys.exec_prefix)
    return not os.path.abspath(filename).startswith(libraries)


def _undefined_in_notebook(name: str):
    """Module `__getattr__` of a notebook namespace: a missing name means a cell was not run."""
    if name.startswith("__"):
        raise AttributeError(name)
    raise NameError(f"{name} is not defined in this notebook: run the cell that defines it first")


def _error(kind: str, message: str, where: list[str]) -> dict:
    return {"ok": False, "error": {"type": kind, "message": message, "where": where}}


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


class _BlockImports:
    """A meta-path finder that refuses the grader's own packages to the submission."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED_PACKAGES:
            raise ImportError(f"{name} cannot be imported by a submission")
        return None


def _seed_global_generators() -> None:
    """Seed the global generators a submission may draw from without a seed (numpy's legacy
    `np.random`, Python's `random`, and TensorFlow's once the submission has imported it), so that
    grading the same code twice gives the same report, wrong answers included."""
    import random

    import numpy as np

    random.seed(0)
    np.random.seed(0)
    if "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(0)


def _serve(requests_fd: int = 0, answers_fd: int = 1) -> None:
    """Sandbox entry point: move the protocol off fds 0/1, then answer requests until EOF."""
    requests = os.fdopen(os.dup(requests_fd), "rb")
    answers = os.fdopen(os.dup(answers_fd), "wb")
    for fd in {requests_fd, answers_fd} - {0, 1}:
        os.close(fd)
    null = os.open(os.devnull, os.O_RDONLY)
    log = os.open("output.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.meta_path.insert(0, _BlockImports())
    for name in [m for m in sys.modules if m.split(".")[0] in BLOCKED_PACKAGES]:
        del sys.modules[name]
    _seed_global_generators()
    worker = Worker(seed=True)
    while True:
        try:
            request = read_message(requests, REQUEST_LIMITS)
        except EOFError:
            return
        send_answer(answers, worker.handle(request))


def send_answer(stream, answer: dict) -> None:
    """Write `answer` to the grader; one that cannot be encoded, or that is larger than the grader
    accepts (`protocol.ANSWER_LIMITS`), is replaced by an error saying so."""
    try:
        write_message(stream, answer, ANSWER_LIMITS)
    except (TypeError, ValueError) as exc:
        write_message(stream, _error(UNSENDABLE, _short(str(exc)), []), ANSWER_LIMITS)


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-long write fails instead of killing us
    _serve()
