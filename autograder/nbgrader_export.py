"""`nbgrader export` with safe CSV cells: `SafeCsvExport`.

nbgrader's own `CsvExportPlugin` joins the values with commas, unquoted: a student id, a name or an
e-mail address (a student id is the name of a folder in `submitted/`, and `autograde --create`
adds such students) that starts with `=`, `+`, `-` or `@` becomes a formula in a spreadsheet, a
comma shifts the columns, and an escape sequence reaches the terminal of whoever prints the file.
`SafeCsvExport` writes the same file (the same columns, in the same order, the same rows and
numbers) with Python's csv module and every text cell through `safe_text.csv_cell`. Configured
in the course's nbgrader_config.py (`c.ExportApp.plugin_class`).
"""

from __future__ import annotations

import csv

from nbgrader.api import MissingEntry
from nbgrader.plugins import CsvExportPlugin

from .engine.safe_text import csv_cell

COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
           "late_submission_penalty", "score", "max_score"]
TEXT_COLUMNS = {"assignment", "student_id", "last_name", "first_name", "email"}


class SafeCsvExport(CsvExportPlugin):
    """nbgrader's CSV export, quoted, with no formula and no control character in a text cell."""

    def export(self, gradebook) -> None:
        dest = self.to or "grades.csv"
        students = [str(s) for s in self.student]
        assignments = [str(a) for a in self.assignment]
        self.log.info("Exporting grades to %s", dest)
        with open(dest, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for assignment in gradebook.assignments:
                if assignments and assignment.name not in assignments:
                    continue
                for student in gradebook.students:
                    if students and student.id not in students:
                        continue
                    writer.writerow([csv_cell(v) if k in TEXT_COLUMNS else v
                                     for k, v in self._row(gradebook, assignment, student).items()])

    @staticmethod
    def _row(gradebook, assignment, student) -> dict:
        """One row, as nbgrader's exporter computes it (no submission: a score of 0)."""
        row = {"assignment": assignment.name, "duedate": assignment.duedate, "timestamp": "",
               "student_id": student.id, "last_name": student.last_name, "first_name": student.first_name,
               "email": student.email, "raw_score": 0.0, "late_submission_penalty": 0.0, "score": 0.0,
               "max_score": assignment.max_score}
        try:
            submission = gradebook.find_submission(assignment.name, student.id)
        except MissingEntry:
            pass
        else:
            penalty = submission.late_submission_penalty
            row.update(timestamp=submission.timestamp, raw_score=submission.score, late_submission_penalty=penalty,
                       score=max(0.0, submission.score - penalty))
        return {k: "" if row[k] is None else str(row[k]) for k in COLUMNS}
