"""Where each chapter's checks live: `autograder/suites/public/<chapter>.py` (shipped to students)
and `autograder/suites/hidden/<chapter>.py` (instructors only). Each module defines `suite`."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from .checks import Check

SUITES_DIR = Path(__file__).resolve().parent.parent / "suites"
EXPECTED_DIR = SUITES_DIR / "public" / "expected"


def chapters() -> list[str]:
    """Every chapter that has a public suite, in order (ch01_..., ch02_..., ...)."""
    return sorted(m.name for m in pkgutil.iter_modules([str(SUITES_DIR / "public")]) if m.name.startswith("ch"))


def load_checks(chapter: str, hidden: bool = True) -> list[Check]:
    """The chapter's public checks, then (if `hidden` and present) its hidden ones."""
    checks = list(importlib.import_module(f"autograder.suites.public.{chapter}").suite.checks)
    if hidden and (SUITES_DIR / "hidden" / f"{chapter}.py").exists():
        checks += importlib.import_module(f"autograder.suites.hidden.{chapter}").suite.checks
    return checks


def call_seconds(chapter: str) -> float | None:
    """The chapter's own per-call time limit, if its public suite sets one."""
    return importlib.import_module(f"autograder.suites.public.{chapter}").suite.call_seconds


def expected_path(chapter: str) -> Path:
    return EXPECTED_DIR / f"{chapter}.json"
