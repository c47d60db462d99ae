"""nbgrader integration: autograde with the sandboxed grader instead of executing the notebook.

nbgrader's default `Execute` step runs the hidden tests in the student's own kernel, where a
patched `np.allclose` earns full marks and `os._exit` stops the grading. `TrustedGrade` takes its
place in `Autograde.autograde_preprocessors`: it hands the notebook's code cells to
`grade_chapter` (student code in a sandboxed worker, expected values and scores here) and writes
each grade cell's result as the cell's outputs: the feedback as stdout, and the points as an
`execute_result`, which nbgrader's `determine_grade` reads as partial credit. Nothing the student
wrote runs in nbgrader's process, and grade cells hold no hidden code or expected values.

Notebook conventions (written by `autograder.build`): `metadata.autograder.chapter` names the
chapter; a grade cell's `grade_id` is `<chapter>-grade-<Thing>`, and it scores every check
`<chapter>::<Thing>::*`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat.v4 import new_code_cell, new_output
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, NbGraderPreprocessor, SaveAutoGrades,
)  # fmt: skip
from traitlets import Float

from .build import GRADE_MARK, grade_id
from .engine.checks import Result
from .grade import grade_chapter
from .sandbox import Limits


def target_of(cell_grade_id: str) -> str | None:
    return cell_grade_id.split(GRADE_MARK, 1)[1] if GRADE_MARK in cell_grade_id else None


def feedback(target: str, results: list[Result]) -> str:
    """What a grade cell shows: points, then one line per check, with the reason for each failure."""
    score, total = sum(r.score for r in results), sum(r.max_score for r in results)
    lines = [f"{target}: {score:g} / {total:g} points"]
    for r in results:
        mark = "passed" if r.passed else "FAILED"
        lines.append(f"  [{mark}] {r.name.split('::', 1)[1]} ({r.score:g}/{r.max_score:g})")
        lines += ["      " + line for line in r.output.splitlines()]
    return "\n".join(lines) + "\n"


class TrustedGrade(NbGraderPreprocessor):
    """Score every grade cell from the sandboxed grader; re-add grade cells a student deleted."""

    call_seconds = Float(Limits().call_seconds, help="Time limit of one call into student code.").tag(config=True)

    def preprocess(self, nb, resources):
        chapter = (nb.metadata.get("autograder") or {}).get("chapter") or resources["nbgrader"]["notebook"]
        with tempfile.TemporaryDirectory(prefix="nbgrader-trusted-") as tmp:
            path = Path(tmp) / f"{chapter}.ipynb"
            path.write_text(json.dumps(nb))
            results = grade_chapter(chapter, path, Limits(call_seconds=self.call_seconds), notes=[])
        by_target: dict[str, list[Result]] = {}
        for result in results:
            by_target.setdefault(result.name.split("::")[1], []).append(result)
        present = set()
        for cell in nb.cells:
            target = target_of(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
            if cell.metadata.get("nbgrader", {}).get("grade") and target in by_target:
                present.add(target)
                self._score(cell, target, by_target[target])
        for target in by_target.keys() - present:
            self.log.warning("grade cell for %s was missing; it is restored", target)
            cell = new_code_cell(source=f"# {target}: graded by the course autograder", metadata={"nbgrader": {
                "grade": True, "solution": False, "locked": True, "task": False, "schema_version": 3,
                "grade_id": grade_id(chapter, target), "points": sum(r.max_score for r in by_target[target]),
            }})  # fmt: skip
            self._score(cell, target, by_target[target])
            nb.cells.append(cell)
        return nb, resources

    @staticmethod
    def _score(cell, target: str, results: list[Result]) -> None:
        score = sum(r.score for r in results)
        cell.outputs = [
            new_output("stream", name="stdout", text=feedback(target, results)),
            new_output("execute_result", data={"text/plain": f"{score:g}"}, execution_count=None),
        ]
        cell.execution_count = None


AUTOGRADE_PREPROCESSORS = [
    TrustedGrade,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
