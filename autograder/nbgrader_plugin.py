"""nbgrader integration: autograde with the sandboxed grader instead of executing the notebook.

nbgrader's default `Execute` step runs the hidden tests in the student's own kernel, where a
patched `np.allclose` earns full marks and `os._exit` stops the grading. `TrustedGrade` takes its
place in `Autograde.autograde_preprocessors`: it hands the notebook's code cells to
`grade_chapter` (student code in a sandboxed worker, expected values and scores here) and writes
each grade cell's result as the cell's outputs: the feedback as stdout, and the points as an
`execute_result`, which nbgrader's `determine_grade` reads as partial credit. Nothing the student
wrote runs in nbgrader's process, and grade cells hold no hidden code or expected values.

The chapter is nbgrader's assignment name (or the notebook's name), never the notebook's own
metadata. A grade cell's `grade_id` is `<chapter>-grade-<Thing>` (written by `autograder.build`), and
it scores every check `<chapter>::<Thing>::*`.
"""

from __future__ import annotations

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat.v4 import new_code_cell, new_output
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, IgnorePattern, LimitOutput,
    NbGraderPreprocessor, OverwriteCells, OverwriteKernelspec, SaveAutoGrades,
)
from traitlets import Float

from .build import GRADE_MARK, grade_id
from .engine import course
from .engine.results import Results, split_name
from .engine.source import SubmissionError, notebook_chunks
from .grade import fail_all, grade_chapter
from .sandbox import Limits


def target_of(cell_grade_id: str) -> str | None:
    return cell_grade_id.split(GRADE_MARK, 1)[1] if GRADE_MARK in cell_grade_id else None


def chapter_of(resources: dict) -> str | None:
    """The chapter a notebook is graded as: nbgrader's assignment name, else its notebook name;
    never anything the notebook itself says."""
    names = course.chapter_names()
    grader = resources["nbgrader"]
    return next((n for n in (grader.get("assignment"), grader.get("notebook")) if n in names), None)


def feedback(target: str, results: Results) -> str:
    """What a grade cell shows: points, then one line per check, with the reason for each failure."""
    lines = [f"{target}: {results.score:g} / {results.max_score:g} points"]
    for r in results:
        mark = "passed" if r.passed else "FAILED"
        lines.append(f"  [{mark}] {r.target}::{split_name(r.name)[2]} ({r.score:g}/{r.max_score:g})")
        lines += ["      " + line for line in r.output.splitlines()]
    return "\n".join(lines) + "\n"


BROKEN = "autograder_broken"  # notebook metadata key: why ValidateSubmission emptied the notebook


class ValidateSubmission(NbGraderPreprocessor):
    """First in the sanitize steps: a notebook whose nbgrader metadata is broken (duplicate grade ids,
    another schema version, malformed cells) would make nbgrader stop the whole class at that
    student. It is emptied instead, and TrustedGrade scores it 0 with the reason (kept in the
    notebook's metadata, the only thing that reaches the autograde step; a student who sets that
    key on a valid notebook finds it removed)."""

    def preprocess(self, nb, resources):
        nb.metadata.pop(BROKEN, None)
        try:
            MetadataValidator().validate_nb(nb)
        except Exception as exc:  # nbgrader's ValidationError, SchemaTooOld/NewError, or malformed cells
            reason = f"this notebook's nbgrader metadata is broken ({type(exc).__name__}: {str(exc)[:200]}), " \
                     "so it could not be graded; hand in the released notebook with your code in its cells"
            self.log.error("%s: %s", resources["nbgrader"], reason)
            nb.cells = []
            nb.metadata[BROKEN] = reason
        return nb, resources


class TrustedGrade(NbGraderPreprocessor):
    """Score every grade cell from the sandboxed grader; re-add grade cells a student deleted.

    Every grade cell gets an explicit score: one the grader does not know scores 0, never
    nbgrader's default (full points for a grade cell without output).
    """

    call_seconds = Float(Limits().call_seconds, help="Time limit of one call into student code.").tag(config=True)

    def preprocess(self, nb, resources):
        chapter = chapter_of(resources)
        if chapter is None:
            self.log.error("%s is not a chapter of this course; its grade cells score 0", resources["nbgrader"])
            self._score_unknown(nb)
            return nb, resources
        try:
            self._grade(nb, resources, chapter)
        except Exception:  # a grader failure must leave no partial points: every grade cell scores 0
            self.log.exception("grading %s failed; every grade cell of it scores 0", resources["nbgrader"])
            self._score_unknown(nb)
        return nb, resources

    def _grade(self, nb, resources, chapter: str) -> None:
        name = f"{chapter}.ipynb"
        try:
            if nb.metadata.get(BROKEN):
                raise SubmissionError(str(nb.metadata[BROKEN]))
            chunks = notebook_chunks(nb, name)
        except SubmissionError as exc:
            results = fail_all(chapter, str(exc))
        else:
            results = grade_chapter(chapter, chunks, name, Limits(call_seconds=self.call_seconds))
        by_target = Results(results).by_target()
        present = set()
        for cell in nb.cells:
            target = target_of(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
            if not cell.metadata.get("nbgrader", {}).get("grade"):
                continue
            if target in by_target:
                present.add(target)
                self._score(cell, target, by_target[target])
            else:
                self._score(cell, "this cell (not a graded part of the chapter)", Results())
        for target in by_target.keys() - present:
            self.log.warning("grade cell for %s was missing; it is restored", target)
            cell = new_code_cell(source=f"# {target}: graded by the course autograder", metadata={"nbgrader": {
                "grade": True, "solution": False, "locked": True, "task": False, "schema_version": 3,
                "grade_id": grade_id(chapter, target), "points": by_target[target].max_score,
            }})
            self._score(cell, target, by_target[target])
            nb.cells.append(cell)

    def _score_unknown(self, nb) -> None:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                self._score(cell, "this notebook", Results())

    @staticmethod
    def _score(cell, target: str, results: Results) -> None:
        """The cell's outputs: the feedback, then the points as an `execute_result` (never left
        empty: nbgrader gives an output-less grade cell full points)."""
        cell.outputs = [
            new_output("stream", name="stdout", text=feedback(target, results)),
            new_output("execute_result", data={"text/plain": f"{results.score:g}"}, execution_count=None),
        ]
        cell.execution_count = None


SANITIZE_PREPROCESSORS = [
    ValidateSubmission,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
AUTOGRADE_PREPROCESSORS = [
    TrustedGrade,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]


def configure(c, source_directory: str, exchange: str | None = None) -> None:
    """The course's nbgrader settings, one place for the course folder's nbgrader_config.py and
    this repository's: grade with the sandboxed autograder instead of executing notebooks in the
    student's kernel (a notebook with broken nbgrader metadata scores 0 instead of stopping the
    class); feedback HTML with the student's Markdown and outputs sanitized; `nbgrader export` as a
    quoted CSV with no formula or control character in a name; nbgrader 0.9's SQLAlchemy warnings
    (harmless) hidden unless AUTOGRADER_VERBOSE=1."""
    from .feedback_sanitizer import FEEDBACK_PREPROCESSORS
    from .nbgrader_export import SafeCsvExport
    from .quiet import quiet_nbgrader_warnings

    quiet_nbgrader_warnings()
    c.CourseDirectory.course_id = course.COURSE_ID
    c.CourseDirectory.source_directory = source_directory
    c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS
    c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
    c.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    c.ExportApp.plugin_class = SafeCsvExport
    if exchange:
        c.Exchange.root = exchange
