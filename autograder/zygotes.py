"""The grader's side of warm workers: one sandboxed zygote per set of libraries, forking workers.

A zygote (`engine/zygote.py`) runs in bubblewrap like a worker, with the same allowlisted file
system and limits, but imports the chapter's libraries once and then forks a fresh worker, in
namespaces of its own, for each chapter graded. `spawn` gives a `WarmWorker` with the same face
as `sandbox.ColdWorker`; the transport does not know which it has.

Zygotes are kept per process (a `grade-batch` job slot keeps its own for the whole class; a forked
process never uses its parent's), at most
`KEPT` of them, the least recently used closed first, and all at exit. A zygote that fails to start
or to answer is killed and replaced once; if the new one fails too (a machine where bubblewrap runs
but the worker's nested namespaces are not permitted), `spawn` returns None for that library set
from then on, and the transport starts cold workers, so grading never depends on a zygote.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess

from . import allowlist
from .sandbox import Limits, bwrap_command, exit_text, kill_launched, launch, worker_environment

KEPT = 2  # zygotes kept alive per grading process (one per library set: numpy, numpy + TensorFlow)
STARTUP_SECONDS = 180.0  # a zygote's imports (TensorFlow: 5-7 s on an idle machine)
CONTROL_SECONDS = 30.0  # one spawn or stop (stop waits for the worker's namespace to be emptied)
PRELOAD = {"tensorflow": ("tensorflow", "keras")}  # modules a zygote imports for a package, if not the package


class ZygoteError(Exception):
    """The zygote did not start, did not answer in time, or answered nonsense."""


class Zygote:
    """One sandboxed zygote process and its control socket."""

    def __init__(self, limits: Limits, packages: tuple[str, ...]):
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        modules = [m for p in packages for m in PRELOAD.get(p, (p,))]
        args = [str(theirs.fileno()), str(limits.work_bytes), allowlist.SITE_DIR, *modules]
        command = bwrap_command(worker_environment(allowlist.WORK_DIR), packages, limits, "zygote.py", args)
        try:
            self.proc, self.cgroup = launch(command, {}, "/", limits, pass_fds=(theirs.fileno(),))
        finally:
            theirs.close()
        try:
            self.ask(None, timeout=STARTUP_SECONDS)  # {"ready": true} once the imports are done
        except ZygoteError:
            self.close()
            raise

    def ask(self, request: dict | None, fds: tuple[int, ...] = (), timeout: float = CONTROL_SECONDS) -> dict:
        """Send `request` (None: only read) and return the zygote's answer; ZygoteError if it fails."""
        self.control.settimeout(timeout)
        try:
            if request is not None:
                socket.send_fds(self.control, [json.dumps(request).encode()], list(fds))
            answer = json.loads(self.control.recv(4096) or b"null")
        except (OSError, ValueError) as exc:
            raise ZygoteError(f"the zygote did not answer ({exc})") from None
        if type(answer) is not dict or "error" in answer:
            raise ZygoteError(f"the zygote could not do it: {answer}")
        return answer

    def spawn(self) -> "WarmWorker":
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        try:
            pid = self.ask({"op": "spawn"}, (requests_read, answers_write))["pid"]
        except ZygoteError:
            for fd in (requests_write, answers_read):
                os.close(fd)
            raise
        finally:
            os.close(requests_read)
            os.close(answers_write)
        return WarmWorker(self, pid, os.fdopen(requests_write, "wb"), answers_read)

    def close(self) -> None:
        """Kill the zygote and everything it forked (they are in its process group and namespace)."""
        self.control.close()
        kill_launched(self.proc, self.cgroup)


class WarmWorker:
    """A worker forked by a zygote: `requests` and `answers_fd` as for `sandbox.ColdWorker`."""

    def __init__(self, zygote: Zygote, pid: int, requests, answers_fd: int):
        self.zygote, self.pid, self.requests, self.answers_fd = zygote, pid, requests, answers_fd

    def stop(self, grace: float) -> str:
        """Have the zygote kill the worker's namespace and wait until it is empty; how it ended."""
        for close in (self.requests.close, lambda: os.close(self.answers_fd)):
            try:
                close()
            except OSError:
                pass
        try:
            code = self.zygote.ask({"op": "stop", "pid": self.pid, "grace": grace}, timeout=CONTROL_SECONDS + grace)["code"]
        except (ZygoteError, KeyError):
            forget(self.zygote)
            return "stopped with its zygote"
        return exit_text(code if type(code) is int else None)


_kept: dict[tuple, Zygote] = {}
_inherited: list[Zygote] = []  # the parent's, in a forked process
_failed: set[tuple] = set()  # keys whose new zygote could not fork a worker: not tried again


def spawn(limits: Limits, packages: tuple[str, ...]) -> WarmWorker | None:
    """A fresh worker from this process's zygote for `packages` under `limits` (a new zygote if
    there is none, or if the kept one fails), or None when no zygote works here."""
    key = (packages, limits.memory_bytes, limits.cpu_seconds, limits.output_bytes, limits.processes,
           limits.work_bytes)  # what the zygote's process is started with
    if key in _failed:
        return None
    kept = _kept.pop(key, None)
    for zygote in ([kept, None] if kept else [None]):
        try:
            zygote = zygote or Zygote(limits, packages)
            worker = zygote.spawn()
        except (ZygoteError, OSError, subprocess.SubprocessError):
            if zygote is not None:
                zygote.close()
            continue
        _kept[key] = zygote  # now the most recently used
        while len(_kept) > KEPT:
            _kept.pop(next(iter(_kept))).close()
        return worker
    _failed.add(key)  # a new zygote failed too (no nested namespaces here?): cold workers from now on
    return None


def forget(zygote: Zygote) -> None:
    """Close a zygote that failed; the next `spawn` starts a new one."""
    for key in [k for k, z in _kept.items() if z is zygote]:
        del _kept[key]
    zygote.close()


@atexit.register
def close_all() -> None:
    while _kept:
        _kept.popitem()[1].close()


def _forget_the_parents() -> None:
    """In a forked child (a `grade-batch` job slot): the zygotes are the parent's, to be neither used
    nor killed here; this process starts its own."""
    for zygote in _kept.values():
        zygote.control.close()
    _inherited.extend(_kept.values())  # kept, not collected: a collected Popen would warn or wait
    _kept.clear()


os.register_at_fork(after_in_child=_forget_the_parents)
