"""`python -m autograder grade SUB --json` prints exactly one valid JSON report whatever bytes a
submission's worker writes into the grader's pipe, and whatever nesting its files have: the
attacked chapter loses its own points, with a message, and an honest chapter is scored in full.

The attack is tests/redteam/junk_into_the_grader_pipe.py's (XOR writes into every open file
descriptor, the pipe of its answers included) with other payloads; see tests/test_protocol.py
for each attack on the decoder alone.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.engine.course import ROOT

ATTACKED, HONEST = "ch01_perceptron", "ch02_forward"
XOR_CHECKS = {f"{ATTACKED}::XOR::truth_table", f"{ATTACKED}::gates::return_int"}  # the checks that call XOR

FRAME = '''
import json, os, struct

def frame(header, *buffers):
    return struct.pack(">Q", len(header)) + header + b"".join(struct.pack(">Q", len(b)) + b for b in buffers)
'''

PAYLOADS = {  # Python expressions, evaluated in the worker
    "garbage": 'b"\\xff" * 64',
    "huge-length-prefix": 'struct.pack(">Q", 2**62) + b"{}"',
    "deep-nesting": 'frame(b\'{"v": \' + b"[" * 100_000 + b"]" * 100_000 + b\', "n": 0}\')',
    "buffer-reuse": 'frame(json.dumps({"v": [{"$nd": 0, "dtype": "|u1", "shape": [2**20]}] * 1000, "n": 1}).encode(), '
                    'bytes(2**20))',
    "node-count-bomb": 'frame(b\'{"v": [\' + b"0," * 300_000 + b\'0], "n": 0}\')',
    "wrong-shaped-answer": 'frame(json.dumps({"v": {"$dict": [["ok", False], ["error", [1]]]}, "n": 0}).encode())',
}


def grade_json(folder: Path) -> dict:
    """Run the CLI on `folder` for the two chapters; its stdout must be exactly one JSON document."""
    command = [sys.executable, "-m", "autograder", "grade", str(folder), "--json", "--chapter", ATTACKED,
               "--chapter", HONEST, "--call-seconds", "2"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)  # raises on anything but one JSON document


def by_chapter(report: dict, chapter: str) -> dict:
    return {t["name"]: t for t in report["tests"] if t["chapter"] == chapter}


def submission(tmp_path: Path, attacked_file: str, attacked_text: str) -> Path:
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / attacked_file).write_text(attacked_text)
    (folder / f"{HONEST}.py").write_text((ROOT / "solutions" / f"{HONEST}.py").read_text())
    return folder


def assert_honest_chapter_scored(report: dict):
    honest = by_chapter(report, HONEST)
    assert honest and all(t["status"] == "passed" for t in honest.values()), honest


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_junk_in_the_grader_pipe_still_gives_one_report(tmp_path, payload):
    """XOR's calls fail as malformed answers; the worker is restarted, so the other checks pass."""
    attack = FRAME + textwrap.dedent(f"""
    def XOR(x1, x2):
        junk = {payload}
        for fd in range(3, 64):
            try:
                os.write(fd, junk)
            except OSError:
                pass
        return AND(NAND(x1, x2), OR(x1, x2))
    """)
    source = (ROOT / "solutions" / f"{ATTACKED}.py").read_text() + "\n" + attack
    report = grade_json(submission(tmp_path, f"{ATTACKED}.py", source))
    assert_honest_chapter_scored(report)
    attacked = by_chapter(report, ATTACKED)
    xor = attacked[f"{ATTACKED}::XOR::truth_table"]
    assert xor["status"] == "failed" and "malformed answer" in xor["output"], xor["output"]
    failed = {name for name, t in attacked.items() if t["status"] != "passed"}
    assert failed <= XOR_CHECKS, failed


def test_a_notebook_nested_100000_levels_fails_its_chapter_with_a_message(tmp_path):
    """json.loads raised RecursionError on such a notebook, and the whole report was lost."""
    notebook = '{"cells": ' + "[" * 100_000 + "]" * 100_000 + ', "nbformat": 4}'
    report = grade_json(submission(tmp_path, f"{ATTACKED}.ipynb", notebook))
    assert_honest_chapter_scored(report)
    outputs = {t["output"] for t in by_chapter(report, ATTACKED).values()}
    assert outputs == {f"{ATTACKED}.ipynb is not a valid notebook (JSON nested deeper than 500 levels)"}


@pytest.mark.parametrize("code", ["x = " + "-" * 100_000 + "1", "x = 1" + " + 1" * 100_000],
                         ids=["parser-stack", "compiler-recursion"])
def test_code_too_deeply_nested_to_compile_fails_its_chapter_with_a_message(tmp_path, code):
    report = grade_json(submission(tmp_path, f"{ATTACKED}.py", code))
    assert_honest_chapter_scored(report)
    outputs = {t["output"] for t in by_chapter(report, ATTACKED).values()}
    assert len(outputs) == 1 and "is nested too deeply for Python to compile it" in outputs.pop()
