"""What the sandboxed worker can see: the allowlist and nothing else (bubblewrap only).

A probe submission walks the worker's whole file system and reports every path it finds; the
grader side checks each one against the allowlist (`autograder.allowlist`). Secrets placed outside
the course (another clone, a gradebook, another student's folder) must be invisible too.
"""

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from autograder import allowlist
from autograder.engine.course import ROOT
from autograder.engine.student import Student
from autograder.sandbox import Limits, SandboxTransport, sandbox_mode

pytestmark = pytest.mark.skipif(sandbox_mode() != "bwrap", reason="the allowlist needs bubblewrap")

PROBE = '''
import os, socket

def outside(roots, skip):
    """How many paths under / (not under `skip`) the worker can list, and the first 50 of them that
    lie outside every root of the allowlist (or on the way to one)."""
    def allowed(path):
        return any(path == r or path.startswith(r.rstrip("/") + "/") or r.startswith(path + "/") for r in roots)
    count, found = 0, []
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in skip]
        for name in dirs + files:
            count += 1
            path = os.path.join(top, name)
            if not allowed(path) and len(found) < 50:
                found.append(path)
    return count, found

def exists(paths):
    return [os.path.exists(p) for p in paths]

def find(word, skip):
    """Paths under / (not under `skip`) with `word` as one of their parts, the first 20."""
    found = []
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in skip]
        found += [os.path.join(top, n) for n in dirs + files if n == word][: 20 - len(found)]
    return found

def facts():
    import sys
    return {"uid": os.getuid(), "argv": sys.argv, "cwd": os.getcwd(), "listdir_work": os.listdir("."),
            "dev": sorted(os.listdir("/dev")), "sys": os.path.exists("/sys"), "tmp": os.path.exists("/tmp")}

def listdir(path):
    return sorted(os.listdir(path))

def connect(path):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(path)
        return "connected"
    except OSError as exc:
        return type(exc).__name__

def write_shm(name):
    with open("/dev/shm/" + name, "w") as handle:
        handle.write("x" * 1000)
    return os.path.exists("/dev/shm/" + name)
'''


@pytest.fixture(scope="module")
def probe():
    transport = SandboxTransport(Limits(call_seconds=60), packages=("numpy",))
    student = Student(transport, "probe", [PROBE], "probe.py")
    yield student
    transport.close()


def allowed_roots() -> list[str]:
    roots = list(allowlist.SYSTEM_LIBRARIES) + ["/etc/ld.so.cache", allowlist.SITE_DIR, allowlist.GRADER_DIR,
                                                 allowlist.WORK_DIR, "/proc", "/dev"]
    return roots + [str(p) for p in allowlist.interpreter_files()]


def test_the_worker_sees_only_the_allowlist(probe):
    """Is every path the worker can list inside an allowlisted root (or a folder on the way to one)?"""
    count, outside = probe.call("outside", allowed_roots(), ["/proc"])
    assert count > 1000, "the probe saw almost nothing"
    assert outside == []


def test_no_course_file_is_reachable(probe):
    """Are the course, its solutions and the virtualenv's own packages invisible?"""
    secrets = [ROOT, ROOT / "solutions", ROOT / "source_notebooks", ROOT / "tests", ROOT / ".git", Path(sys.prefix)]
    assert probe.call("exists", [str(p) for p in secrets]) == [False] * len(secrets)
    assert probe.call("find", "solutions", ["/proc"]) == [] and probe.call("find", "autograder", ["/proc"]) == []
    site = set(probe.call("listdir", allowlist.SITE_DIR))
    assert "numpy" in site and not site & {"solutions", "autograder", "nbgrader", "tensorflow", "pytest"}


def test_the_worker_runs_unprivileged_in_its_own_folder(probe):
    """uid 65534, a neutral argv, an empty working folder, a minimal /dev, no /sys or /tmp."""
    facts = probe.call("facts")
    assert facts["uid"] == 65534
    assert facts["argv"] == [f"{allowlist.GRADER_DIR}/worker.py", allowlist.SITE_DIR]
    assert facts["cwd"] == allowlist.WORK_DIR
    assert set(facts["listdir_work"]) <= {"output.log"}
    assert set(facts["dev"]) <= {"console", "core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random",
                                 "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero"}
    assert facts["sys"] is False and facts["tmp"] is False


def test_the_machine_wide_dev_shm_and_unix_sockets_are_out_of_reach(probe, tmp_path):
    """A file written to the worker's /dev/shm stays there; a unix socket of the machine cannot be reached."""
    name = f"redteam-{os.getpid()}"
    assert probe.call("write_shm", name) is True
    assert not Path("/dev/shm", name).exists()
    path = str(tmp_path / "grader.sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(1)
    try:
        assert probe.call("connect", path) in ("FileNotFoundError", "ConnectionRefusedError", "PermissionError")
    finally:
        server.close()


def test_another_clone_of_the_course_is_invisible(tmp_path):
    """A copy of the course elsewhere on the machine (an instructor's home, a CI checkout) cannot be read."""
    clone = tmp_path / "other-clone" / "solutions"
    clone.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "ch01_perceptron.py", clone)
    transport = SandboxTransport(Limits(call_seconds=30))
    try:
        student = Student(transport, "reader", [f"def read():\n    return open({str(clone / 'ch01_perceptron.py')!r}).read()\n"],
                          "reader.py")
        with pytest.raises(Exception, match="FileNotFoundError|PermissionError"):
            student.call("read")
    finally:
        transport.close()


def test_the_allowlist_never_holds_the_course_packages():
    """Even for TensorFlow's long list of dependencies, no `solutions`, `autograder` or editable finder."""
    names = {name for _, name in allowlist.library_folders(("numpy", "tensorflow"))}
    assert "numpy" in names
    assert not names & {"solutions", "autograder", "tests"}
    assert not any(n.endswith(".pth") or "__editable__" in n for n in names)
    assert sys.executable  # the interpreter itself is bound from its resolved path
