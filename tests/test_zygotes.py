"""Warm workers: what one worker forked by a zygote does never reaches the zygote or the next worker."""

import os
from pathlib import Path

import pytest

from autograder import zygotes
from autograder.engine import course
from autograder.engine.course import ROOT
from autograder.engine.student import Student
from autograder.grade import grade
from autograder.sandbox import Limits, SandboxTransport, sandbox_mode

pytestmark = pytest.mark.skipif(sandbox_mode() != "bwrap", reason="warm workers need bubblewrap")

LIMITS = Limits(call_seconds=5.0)
CHAPTER = "ch01_perceptron"

LEAVE_TRACES = r"""
import os, time
open("/work/left-behind", "w").close()
open("/dev/shm/left-behind", "w").close()
if os.fork() == 0:  # a process that leaves its session and would keep running
    os.setsid()
    while True:
        time.sleep(1)

def reach_the_zygote():
    # The zygote's processes (bwrap's init, the zygote and the keeper: the sandbox's PID namespace only) and
    # which of their /proc files this worker can open.
    considered, opened = [], []
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        with open(f"/proc/{pid}/status") as status:
            nspid = [line.split()[1:] for line in status if line.startswith("NSpid")][0]
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            if len(nspid) > 1 or b"zygote.py" not in cmdline.read():
                continue
        considered.append(pid)
        for what in ("mem", "environ", "maps", "fd/0"):
            try:
                open(f"/proc/{pid}/{what}", "rb").close()
                opened.append(f"{pid}/{what}")
            except OSError:
                pass
    return considered, opened
"""

LOOK_AROUND = r"""
import os
def seen():
    return {"work": sorted(os.listdir("/work")), "shm": sorted(os.listdir("/dev/shm")),
            "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()), "uid": os.getuid()}
"""


def numpy_zygote() -> zygotes.Zygote:
    """This process's zygote for the numpy chapters (a TensorFlow one may be kept beside it)."""
    return next(z for key, z in zygotes._kept.items() if key[0] == ("numpy",))


def load(code: str) -> tuple[SandboxTransport, Student]:
    transport = SandboxTransport(LIMITS, hide=course.SECRET_PATHS)
    return transport, Student(transport, "probe", [code], "probe.py")


def test_a_worker_leaves_nothing_for_the_next_and_cannot_reach_the_zygote():
    hostile, student = load(LEAVE_TRACES)
    assert type(hostile.proc).__name__ == "WarmWorker"
    considered, opened = student.call("reach_the_zygote")
    assert len(considered) == 3 and opened == [], "a worker could open the zygote's /proc files"
    before = zygotes._kept.copy()
    hostile.close()
    honest, student = load(LOOK_AROUND)
    seen = student.call("seen")
    honest.close()
    assert zygotes._kept == before, "the next worker came from another zygote"
    assert seen["work"] == ["output.log"] and seen["shm"] == []
    assert seen["uid"] == 65534
    # In the sandbox's /proc: bwrap's init, the zygote, and this worker's keeper, init and self.
    assert len(seen["pids"]) == 5, f"a process of the worker before is still running: {seen['pids']}"


def test_a_worker_that_kills_itself_is_reported_as_a_cold_one_is():
    code = "import os, signal\ndef die():\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    reports = []
    for warm in (True, False):
        transport = SandboxTransport(LIMITS, hide=course.SECRET_PATHS, warm=warm)
        student = Student(transport, "probe", [code], "probe.py")
        reports.append(transport.request({"op": "call", "target": {"h": None, "path": [["attr", "die"]]}}))
        transport.close()
        assert student.load_errors == []
    assert reports[0] == reports[1]
    assert "killed by signal SIGKILL" in reports[0]["error"]["message"]


def test_hostile_and_honest_submissions_alternate_through_one_zygote(tmp_path):
    attacks = ["kill_itself_and_its_parent", "fork_bomb", "write_outside_its_folder", "exit_at_import",
               "junk_into_the_grader_pipe"]
    honest = grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True)
    zygote = numpy_zygote()
    for name in attacks:
        text = (Path(__file__).parent / "redteam" / f"{name}.py").read_text().replace("{ROOT}", str(ROOT))
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{CHAPTER}.py").write_text((ROOT / "solutions" / f"{CHAPTER}.py").read_text() + "\n" + text)
        attacked = grade(folder, [CHAPTER], LIMITS, strict=True)
        assert attacked.score < honest.score, name
        again = grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True)
        assert again.score == again.max_score, f"grading after {name} is broken"
        assert zygote.proc.poll() is None and zygote in zygotes._kept.values(), f"{name} ended the zygote"


def test_without_a_zygote_grading_falls_back_to_cold_workers_and_stops_trying(monkeypatch):
    """Where a zygote cannot fork a worker, the first chapter pays for one try; the rest start cold."""
    monkeypatch.setattr(zygotes, "_kept", {})
    monkeypatch.setattr(zygotes, "_failed", set())
    started = []
    monkeypatch.setattr(zygotes.Zygote, "spawn", lambda self: started.append(self) or (_ for _ in ()).throw(
        zygotes.ZygoteError("no")))
    for _ in range(2):
        results = grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True)
        assert results.score == results.max_score
    assert len(started) == 1 and zygotes._kept == {}


def test_a_zygote_that_died_is_replaced():
    grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True)
    dead = numpy_zygote()
    os.killpg(dead.proc.pid, 9)
    dead.proc.wait()
    results = grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True)
    assert results.score == results.max_score
    assert numpy_zygote() is not dead and numpy_zygote().proc.poll() is None
