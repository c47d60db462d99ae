"""Read a submitted chapter (a .py module or an nbgrader notebook) as chunks of source code.

A .py file is one chunk. A notebook gives one chunk per code cell, in order, leaving out nbgrader
test cells (they belong to the grader), cells tagged `demo` (plots and experiments, which need
not run for grading) and cells tagged `selfcheck` (the notebook's own self-check, which calls
`autograder.engine.notebook.check_notebook`: the grader runs the checks itself). IPython magics
and shell escapes are commented out, keeping line numbers.
The worker runs the chunks one by one, so one failing cell does not hide the others.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path

from .protocol import ProtocolError, scan_json

MAX_SOURCE_BYTES = 5 * 2**20
MAX_NOTEBOOK_DEPTH = 500  # nbformat nests about 6 levels (outputs' JSON data a few more); json.loads recurses per level
DEMO_TAG = "demo"
SELFCHECK_TAG = "selfcheck"
SKIPPED_TAGS = (DEMO_TAG, SELFCHECK_TAG)
_MAGIC = re.compile(r"^(\s*)([%!].*)$", re.MULTILINE)


class SubmissionError(Exception):
    """A submitted file that cannot be read; the message says why, for the student."""


def read_chunks(path: Path) -> list[str]:
    """The code to run for `path`, as a list of source chunks."""
    path = Path(path)
    try:
        text = read_regular_file(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} could not be read: {exc}") from None
    if path.suffix != ".ipynb":
        return [text]
    try:
        scan_json(text.encode(), MAX_NOTEBOOK_DEPTH, MAX_SOURCE_BYTES)
        notebook = json.loads(text)
    except ProtocolError as exc:
        raise SubmissionError(f"{path.name} is not a valid notebook ({exc})") from None
    except RecursionError:  # deeper than the scan's limit can only be reached from a deep call stack
        raise SubmissionError(f"{path.name} is not a valid notebook (JSON nested too deeply)") from None
    except ValueError as exc:
        raise SubmissionError(f"{path.name} is not a valid notebook ({type(exc).__name__}: {exc})") from None
    return notebook_chunks(notebook, path.name)


def read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, which must be a regular file of at most MAX_SOURCE_BYTES and not a
    symbolic link (opened with O_NOFOLLOW, so the check and the read see the same file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SubmissionError(f"{path.name} is a symbolic link; hand in the file itself") from None
        raise SubmissionError(f"{path.name} could not be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError(f"{path.name} is not a regular file")
        data = handle.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SubmissionError(f"{path.name} is larger than {MAX_SOURCE_BYTES // 2**20} MiB")
    return data


def notebook_chunks(notebook: dict, name: str) -> list[str]:
    """The chunks of a parsed notebook (a dict, or nbformat's NotebookNode); `name` for messages."""
    try:
        return [_cell_code(cell) for cell in notebook["cells"] if _is_module_cell(cell)]
    except (KeyError, TypeError, AttributeError) as exc:
        raise SubmissionError(f"{name} is not a valid notebook ({type(exc).__name__}: {exc})") from None


def _is_module_cell(cell: dict) -> bool:
    if cell.get("cell_type") != "code":
        return False
    meta = cell.get("metadata") or {}
    grader = meta.get("nbgrader") or {}
    if grader.get("grade") and not grader.get("solution"):
        return False
    return not any(tag in SKIPPED_TAGS for tag in meta.get("tags") or [])


def _cell_code(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    if not isinstance(source, str):
        raise TypeError("cell source is not text")
    return _MAGIC.sub(r"\1pass  # \2", source)
