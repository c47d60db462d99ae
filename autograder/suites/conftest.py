"""The suites as ordinary pytest files: one test per check, graded through the sandbox.

    python -m pytest autograder/suites/hidden/ch02_forward.py --submission path/to/submission
    python -m pytest autograder/suites --submission path/to/submission      # every chapter

A suite file runs its own checks (public or hidden) on the submission (default: `solutions/`);
each chapter is graded once, in one sandboxed worker, by `autograder.grade.grade_file`, and a
failing test shows the check's message. This is for instructors: the student bundle does not
contain this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.engine.course import ROOT
from autograder.engine.results import split_name
from autograder.grade import find_chapters, grade_file
from autograder.sandbox import Limits

_graded: dict[tuple[str, str], dict] = {}


def pytest_addoption(parser) -> None:
    parser.addoption("--submission", default=str(ROOT / "solutions"),
                     help="folder or file to grade with the suites (default: solutions/)")


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".py" and file_path.stem.startswith("ch") and file_path.parent.name in ("public", "hidden"):
        return SuiteFile.from_parent(parent, path=file_path)
    return None


class SuiteFile(pytest.File):
    def collect(self):
        import importlib

        module = importlib.import_module(f"autograder.suites.{self.path.parent.name}.{self.path.stem}")
        for check in module.suite.checks:
            yield CheckItem.from_parent(self, name=check.name)


class CheckFailed(Exception):
    """The check failed; its message is the report."""


class CheckItem(pytest.Item):
    def runtest(self) -> None:
        chapter = split_name(self.name)[0]
        submission = str(Path(self.config.getoption("submission")).resolve())
        if (submission, chapter) not in _graded:
            path = find_chapters(Path(submission), [chapter])[chapter]
            results = grade_file(chapter, path, Limits())
            _graded[submission, chapter] = {r.name: r for r in results}
        result = _graded[submission, chapter][self.name]
        if not result.passed:
            raise CheckFailed(result.output)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CheckFailed):
            return f"{self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name
