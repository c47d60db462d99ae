"""Warm workers: a sandboxed process that has imported a chapter's libraries and forks one fresh
worker for each submission chapter, so that a class pays TensorFlow's import once per job slot.

Started by the grader inside bubblewrap, in place of the worker
(`python -I zygote.py CONTROL_FD WORK_BYTES LIBRARY_FOLDER [MODULE...]`). It imports MODULE...
(numpy; TensorFlow and Keras for ch08) without running any of their operations, says "ready", then
answers requests on CONTROL_FD, a SOCK_SEQPACKET socket of JSON messages:

    {"op": "spawn"} with two fds (requests, answers)  ->  {"pid": P} or {"error": text}
    {"op": "stop", "pid": P, "grace": seconds}        ->  {"code": exit code, negative for a signal, or
                                                           null if it was still running and was killed}

One worker is three processes:

    keeper   enters new user, mount, PID, IPC and network namespaces; covers /work and /dev/shm
             with empty tmpfs mounts; reports the init's PID; waits for it
    init     PID 1 of the new namespace: waits for the worker and reports how it ended
    worker   no capabilities, no new privileges; serves the grader's requests (`worker._serve`)

Stop kills the init, and the death of a namespace's PID 1 kills every process in it; the keeper
exits only after the kernel has reaped them all, and the zygote waits for the keeper. The worker
cannot reach the zygote: the zygote has no PID in the worker's namespace, is not dumpable (its
/proc files belong to root), and its /work (where Keras's import writes) is covered by the worker's
own, which the worker cannot unmount without capabilities.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import select
import signal
import socket
import sys
import traceback

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_REC, MS_PRIVATE = 1 << 14, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS = 1, 4, 38
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_libc = ctypes.CDLL(None, use_errno=True)


def _checked(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _prctl(option: int, value: int) -> None:
    _checked(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), f"prctl({option})")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    _checked(_libc.mount(source.encode(), target.encode(), fstype and fstype.encode(), ctypes.c_ulong(flags),
                         data and data.encode()), f"mount {target}")


def _drop_capabilities() -> None:
    """capset(2) with empty effective, permitted and inheritable sets (what the keeper's new user
    namespace gave), then no new privileges."""
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _checked(_libc.capset(header, data), "capset")
    _prctl(PR_SET_NO_NEW_PRIVS, 1)


def _enter_namespaces(work_bytes: int) -> None:
    """New user, mount, PID (for the next child), IPC and network namespaces, the same uid and gid
    inside, and empty private /work and /dev/shm."""
    uid, gid = os.geteuid(), os.getegid()
    _checked(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    _mount("tmpfs", "/work", "tmpfs", 0, f"size={work_bytes},mode=0700")
    if os.path.isdir("/dev/shm"):
        _mount("tmpfs", "/dev/shm", "tmpfs", 0, f"size={work_bytes},mode=1777")


def _only_child(body, *args) -> None:
    """Run `body` in a forked child and end the child there, whatever happens: an exception must
    never return into the parent's loop, which the fork copied."""
    try:
        body(*args)
        code = 0
    except BaseException:
        try:
            os.write(2, traceback.format_exc().encode())
        except OSError:
            pass
        code = 70
    os._exit(code)


def _keeper(fds: list[int], work_bytes: int, report: int) -> None:
    """Runs in the zygote's child: enter the namespaces, fork the init, wait for it; never returns."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    try:
        _enter_namespaces(work_bytes)
        init = os.fork()
    except OSError as exc:
        os.write(report, f"error {exc}\n".encode())
        os._exit(1)
    if init == 0:
        _only_child(_init, fds, report)
    for fd in fds:
        os.close(fd)
    os.write(report, f"started {init}\n".encode())
    os.close(report)
    os.waitpid(init, 0)
    os._exit(0)


def _init(fds: list[int], report: int) -> None:
    """PID 1 of the new namespace: fork the worker, wait for it, report how it ended; never returns."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    worker = os.fork()
    if worker == 0:
        os.close(report)
        _only_child(_worker, *fds)
    for fd in fds:
        os.close(fd)
    while True:  # PID 1 also reaps the orphans of the namespace
        pid, status = os.wait()
        if pid == worker:
            os.write(report, f"ended {os.waitstatus_to_exitcode(status)}\n".encode())
            os._exit(0)


def _worker(requests: int, answers: int) -> None:
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _drop_capabilities()
    _prctl(PR_SET_DUMPABLE, 1)
    _close_all_but(0, 1, 2, requests, answers)
    os.setsid()
    os.chdir("/work")
    worker = sys.modules["worker"]
    sys.argv = [worker.__file__, *sys.argv[3:4]]  # as a cold worker's: worker.py LIBRARY_FOLDER
    worker._serve(requests, answers)


def _close_all_but(*keep: int) -> None:
    """Close every file descriptor of this process except `keep` (none of the zygote's leaks in)."""
    bounds = [-1, *sorted(set(keep)), os.sysconf("SC_OPEN_MAX")]
    for low, high in zip(bounds, bounds[1:]):
        if low + 1 < high:  # os.closerange(n, n) would close every descriptor (close_range(n, n - 1))
            os.closerange(low + 1, high)


class _Child:
    """The zygote's record of one worker: its keeper, its init and the report pipe."""

    def __init__(self, keeper: int, init: int, report, ended: str) -> None:
        self.keeper, self.init, self.report, self.ended = keeper, init, report, ended

    def stop(self, grace: float) -> int | None:
        """Wait up to `grace` seconds for the worker to end on its own, else kill its namespace;
        return its exit code (negative: killed by that signal), None when it had to be killed."""
        if not self.ended:
            select.select([self.report], [], [], grace)
        try:
            os.kill(self.init, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.keeper, 0)
        line = self.ended or self.report.read().decode().strip()  # no writer is left: the keeper and init are gone
        self.report.close()
        return int(line.split()[1]) if line.startswith("ended ") else None


def _spawn(fds: list[int], work_bytes: int, control: socket.socket) -> tuple[int, _Child | str]:
    read_end, write_end = os.pipe()
    keeper = os.fork()
    if keeper == 0:
        control.close()
        os.close(read_end)
        _only_child(_keeper, fds, work_bytes, write_end)
    for fd in (*fds, write_end):
        os.close(fd)
    report = os.fdopen(read_end, "rb")
    ended = ""  # the init may report the worker's end before the keeper reports the init's start
    while not (line := report.readline().decode().strip()).startswith("started "):
        if not line.startswith("ended "):
            os.waitpid(keeper, 0)
            report.close()
            return keeper, line.removeprefix("error ") or "the keeper ended before starting the worker"
        ended = line
    return keeper, _Child(keeper, int(line.split()[1]), report, ended)


def serve(control: socket.socket, work_bytes: int) -> None:
    """Answer spawn and stop requests until the grader closes the control socket."""
    children: dict[int, _Child] = {}
    control.send(b'{"ready": true}')
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, 4096, 2)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data)
        if request.get("op") == "spawn" and len(fds) == 2:
            keeper, child = _spawn(fds, work_bytes, control)
            if isinstance(child, str):
                answer = {"error": child}
            else:
                children[keeper] = child
                answer = {"pid": keeper}
        elif request.get("op") == "stop" and request.get("pid") in children:
            answer = {"code": children.pop(request["pid"]).stop(float(request.get("grace", 0)))}
        else:
            for fd in fds:
                os.close(fd)
            answer = {"error": f"bad request {request!r}"}
        control.send(json.dumps(answer).encode())


def main(argv: list[str]) -> None:
    control_fd, work_bytes, library_folder, *modules = argv
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(PR_SET_DUMPABLE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # inherited: an over-long write fails instead of killing
    sys.path.append(library_folder)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import worker  # noqa: F401  (imported once here, so every worker starts with it)

    del sys.path[0]
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the worker's own import then fails, as it would without a zygote
    serve(socket.socket(fileno=int(control_fd)), int(work_bytes))


if __name__ == "__main__":
    main(sys.argv[1:])
