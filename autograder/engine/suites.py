"""Where each chapter's checks live: `autograder/suites/public/<chapter>.py` (shipped to students)
and `autograder/suites/hidden/<chapter>.py` (instructors only). Each module defines `suite`."""

from __future__ import annotations

import importlib
from pathlib import Path

from .checks import Check
from .course import EXPECTED_DIR, SUITES_DIR


def load_checks(chapter: str, hidden: bool = True) -> list[Check]:
    """The chapter's public checks, then (if `hidden` and present) its hidden ones."""
    checks = list(importlib.import_module(f"autograder.suites.public.{chapter}").suite.checks)
    if hidden and (SUITES_DIR / "hidden" / f"{chapter}.py").exists():
        checks += importlib.import_module(f"autograder.suites.hidden.{chapter}").suite.checks
    return checks


def expected_path(chapter: str) -> Path:
    return EXPECTED_DIR / f"{chapter}.json"
