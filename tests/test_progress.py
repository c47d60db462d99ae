"""Progress bars (issue 15, seen 5): rich on a terminal; in a log or a pipe, plain lines without `\\r`."""

import io

import pytest

from autograder.cli import DEMO_TRAIN_OUT
from autograder.engine.course import ROOT
from autograder.progress import Progress


def test_off_a_terminal_each_step_is_one_plain_line():
    stream = io.StringIO()
    with Progress(3, stream, "grading") as bar:
        for name in ("ada", "ben", "cy"):
            bar.step(f"{name} 25/25")
    assert stream.getvalue() == "grading [1/3] ada 25/25\ngrading [2/3] ben 25/25\ngrading [3/3] cy 25/25\n"


def test_on_a_terminal_rich_draws_the_bar():
    pytest.importorskip("rich")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    with Progress(2, stream, "grading") as bar:
        bar.step("ada 25/25")
        bar.step("ben 0/25")
    assert "2/2" in stream.getvalue() and "ben 0/25" in stream.getvalue()
    assert "grading [1/2]" not in stream.getvalue()


def test_no_stream_writes_nothing():
    with Progress(2, None) as bar:
        bar.step("x")
    assert bar.done == 1


def test_demo_train_writes_outside_the_repository_by_default():
    assert ROOT.resolve() not in DEMO_TRAIN_OUT.resolve().parents and DEMO_TRAIN_OUT.is_absolute()
