"""Quiet by default: TensorFlow's C++ log lines and nbgrader's SQLAlchemy warnings are hidden unless
`--verbose` (which sets AUTOGRADER_VERBOSE=1, so pool processes and nbgrader subprocesses follow).

TensorFlow 2.16+ writes its oneDNN and CPU-feature lines through absl before `TF_CPP_MIN_LOG_LEVEL`
or absl's own settings are read, so setting them is not enough: the import runs with file
descriptor 2 pointed at /dev/null (the grader's own errors after the import are untouched).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import warnings

VERBOSE_ENV = "AUTOGRADER_VERBOSE"


def verbose() -> bool:
    return os.environ.get(VERBOSE_ENV, "") not in ("", "0")


def set_verbose(on: bool) -> None:
    """Set for this process and every process it starts; quiet also sets TensorFlow's log level."""
    if on:
        os.environ[VERBOSE_ENV] = "1"
    else:
        os.environ.pop(VERBOSE_ENV, None)
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextlib.contextmanager
def stderr_silenced():
    """File descriptor 2 to /dev/null for the block (C++ libraries write there directly)."""
    if verbose():
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def import_quietly(name: str):
    """importlib.import_module(name), TensorFlow's start-up log lines hidden unless verbose."""
    if name in sys.modules:
        return sys.modules[name]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3" if not verbose() else "0")
    with stderr_silenced():
        module = importlib.import_module(name)
    if not verbose() and "absl.logging" in sys.modules:
        sys.modules["absl.logging"].set_verbosity("error")
    return module


def quiet_nbgrader_warnings() -> None:
    """nbgrader 0.9's gradebook models can trip SQLAlchemy 2.x warnings (SAWarning about relationships
    that copy or overlap columns): a few harmless lines per student in `autograde`, seen with some
    SQLAlchemy 2.0 releases (none with 2.1.9, measured here). A filter rather than a pin: a pin on
    SQLAlchemy would hold back every other package of the environment for the sake of a warning.
    Not applied with --verbose."""
    if verbose():
        return
    try:
        from sqlalchemy.exc import SAWarning
    except ImportError:
        return
    warnings.filterwarnings("ignore", category=SAWarning)
