"""An nbgrader course directory: configuration, source notebooks, gradebook and roster.

`init_course(DIR)` writes `DIR/nbgrader_config.py` (autograding through
`autograder.nbgrader_plugin.TrustedGrade`, feedback sanitized by
`autograder.feedback_sanitizer.SanitizeFeedback`, `export` through
`autograder.nbgrader_export.SafeCsvExport`), copies every chapter's source notebook to
`DIR/source/<chapter>/`, and creates `DIR/gradebook.db` with the assignments and the students of
a roster CSV (columns `id,first_name,last_name,email`; only `id` is required).

nbgrader commands are run with this Python's `bin/` first on PATH: the first command in a new
course creates the gradebook by running the `alembic` executable found on PATH, which fails
from a virtualenv that is not activated.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .engine.course import COURSE_ID, ROOT, chapter_names
from .quiet import quiet_nbgrader_warnings

CONFIG = '''\
"""nbgrader configuration for the course (written by `python -m autograder course init`); the
settings themselves are in autograder.nbgrader_plugin.configure."""
from autograder.nbgrader_plugin import configure

configure(get_config(), source_directory="source", exchange={exchange!r})  # noqa: F821 (nbgrader provides get_config)
'''


def nbgrader_env() -> dict:
    """The environment for nbgrader subprocesses: this interpreter's bin/ first on PATH."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run `nbgrader ARGS` in the course directory and return the finished process."""
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=nbgrader_env(),
                          capture_output=True, text=True, check=check)


def read_roster(path: Path) -> list[dict]:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or "id" not in rows[0]:
        raise ValueError(f"{path}: the roster needs an 'id' column (and may have first_name, last_name, email)")
    return [{k: v for k, v in row.items() if k in ("id", "first_name", "last_name", "email") and v} for row in rows]


def init_course(course: Path, roster: Path | None = None, chapters: list[str] | None = None) -> Path:
    """Create the course directory; returns it. An existing directory keeps its gradebook.

    A new directory is written in a temporary folder beside it and renamed into place at the end,
    so a failure (an unreadable roster, an unknown chapter) leaves nothing half-made.
    """
    course = Path(course).resolve()
    students = read_roster(roster) if roster else []
    names = list(chapters or chapter_names())
    unknown = [c for c in names if c not in chapter_names()]
    if unknown:
        raise ValueError(f"unknown chapter(s) {', '.join(unknown)}")
    if course.exists():
        _write_course(course, course, students, names)
        return course
    course.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{course.name}-", dir=course.parent))
    try:
        _write_course(building, course, students, names)
        os.rename(building, course)
    finally:
        if building.exists():
            shutil.rmtree(building)
    return course


def _write_course(folder: Path, final: Path, students: list[dict], names: list[str]) -> None:
    """Write the course files into `folder`, for a course that will live at `final`."""
    (folder / "exchange").mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(CONFIG.format(exchange=str(final / "exchange")))
    for chapter in names:
        target = folder / "source" / chapter
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "source_notebooks" / chapter / f"{chapter}.ipynb", target)
    env_path = os.environ.get("PATH", "")
    os.environ["PATH"] = nbgrader_env()["PATH"]
    try:
        quiet_nbgrader_warnings()
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", COURSE_ID) as gradebook:
            for chapter in names:
                gradebook.update_or_create_assignment(chapter)
            for student in students:
                student = dict(student)
                gradebook.update_or_create_student(student.pop("id"), **student)
    finally:
        os.environ["PATH"] = env_path
