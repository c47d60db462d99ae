"""The variant catalogue: known-wrong and correct-but-different implementations of each chapter.

A variant file `tests/<chapter>/variants/{wrong,right}_<what>.py` holds only the definitions it
changes; it is graded as the reference solution followed by those definitions (later ones win).
Its module docstring says what it does, and `FAILS` lists the checks it must fail, exactly:
a wrong variant fails the checks that name its bug and no others; a right one has `FAILS = []`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from autograder.grade import grade_chapter
from autograder.sandbox import Limits

TESTS = Path(__file__).resolve().parent
SOLUTIONS = TESTS.parent / "solutions"


def variant_files() -> list[Path]:
    return sorted(TESTS.glob("ch[0-9][0-9]_*/variants/*.py"))


def declared_failures(path: Path) -> set[str]:
    """The `FAILS = [...]` list of a variant file, read without running it."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["FAILS"]:
            return set(ast.literal_eval(node.value))
    raise ValueError(f"{path} has no FAILS list")


def grade_variant(path: Path, workdir: Path):
    """Grade reference + variant through the real sandboxed path; return the chapter's results."""
    chapter = path.parent.parent.name
    submission = workdir / f"{chapter}.py"
    solution = (SOLUTIONS / f"{chapter}.py").read_text()
    submission.write_text(solution + "\n\n# ---- variant: " + path.name + "\n" + path.read_text())
    return grade_chapter(chapter, submission, Limits(), notes=[], strict=True)
