"""Course facts, in one place: where the course lives, its chapters and what each one needs.

Shipped in the student bundle too (its self-check needs the chapter list), so it imports only the
standard library and names no secret beyond the folder names every checkout has.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

COURSE_ID = "dlscratch"  # the nbgrader course id
ROOT = Path(__file__).resolve().parents[2]  # the repository, or the root of a student bundle
SUITES_DIR = ROOT / "autograder" / "suites"
EXPECTED_DIR = SUITES_DIR / "public" / "expected"
# What the grader has and a submission must never see (hidden from the sandboxed worker).
EXPECTED_CACHE = ROOT / ".cache" / "expected"  # expected values of slow chapters, computed once (grader side)
SECRET_PATHS = tuple(ROOT / p for p in ("solutions", "tests", ".git", "source_notebooks", "autograder/suites/hidden",
                                        ".cache"))
TENSORFLOW_INSTALL = "pip install -e '.[keras]'"


@dataclass(frozen=True)
class Chapter:
    """One chapter: its module name, the optional packages it imports, its per-call time limit.

    `call_seconds` raises the limit of one call into student code for a chapter whose imports are
    slow (TensorFlow takes 5-7 s to import); None keeps the grader's default.
    """

    name: str
    needs: tuple[str, ...] = ()
    call_seconds: float | None = None

    def missing_packages(self) -> list[str]:
        """The packages this chapter needs that this Python does not have."""
        return [p for p in self.needs if importlib.util.find_spec(p) is None]


CHAPTERS = (
    Chapter("ch01_perceptron"),
    Chapter("ch02_forward"),
    Chapter("ch03_losses"),
    Chapter("ch04_backprop"),
    Chapter("ch05_optimizers"),
    Chapter("ch06_cnn"),
    Chapter("ch07_batchnorm"),
    Chapter("ch08_keras", needs=("tensorflow",), call_seconds=60),
    Chapter("ch09_sequences"),
    Chapter("ch10_attention"),
)
PACKAGE_NAMES = {"tensorflow": "TensorFlow"}  # how a student reads an optional package's name


def chapter_names() -> list[str]:
    return [c.name for c in CHAPTERS]


def chapter(name: str) -> Chapter:
    """The chapter called `name`; KeyError for an unknown one."""
    for c in CHAPTERS:
        if c.name == name:
            return c
    raise KeyError(name)


def needs_text(name: str) -> str:
    """Why `name` cannot run here, for a student or an instructor ("" when it can)."""
    missing = chapter(name).missing_packages()
    if not missing:
        return ""
    packages = ", ".join(PACKAGE_NAMES.get(p, p) for p in missing)
    return f"{name} needs {packages}, which is not installed here. Install it with: {TENSORFLOW_INSTALL}"
