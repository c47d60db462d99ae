"""Generate everything students get from the single source of truth, `solutions/chNN_name.py`.

A solution file is a Python module in the "percent" cell format: `# %% [markdown]` starts a
Markdown cell (its lines are comments), `# %%` a code cell, `# %% [demo]` a code cell tagged
`demo` (plots and experiments: the grader skips it; write its body under
`if __name__ == "__main__":` so importing the module does not run it). Parts students write sit between
`### BEGIN SOLUTION` and `### END SOLUTION` (nbgrader's markers). For each chapter this writes:

- `exercises/<chapter>.py`: the stub. A region inside a function becomes
  `raise NotImplementedError("<function> is not implemented yet")`; a module-level region (such as
  a dict of constants) becomes `NAME = None` for each name it defines, so the stub still imports.
- `source_notebooks/<chapter>/<chapter>.ipynb`: the nbgrader source notebook. Cells with a region
  are solution cells; other code cells are locked, so nbgrader restores them if edited.
  It ends with a markdown cell and a locked code cell tagged `selfcheck`
  that calls `check_notebook("<chapter>", globals())`: the same public checks and messages as the
  pytest self-check, on the notebook's own functions. The grader skips that cell.
- `exercises/tests/test_<chapter>.py`: the student's self-check (the chapter's public checks),
  marked with the chapter's name (`pytest -m <chapter>`).
- `autograder/suites/public/expected/<chapter>.json`: the expected values of the public checks,
  recorded from the reference, which the self-check replays.

Once for all chapters it writes `exercises/tests/conftest.py`, which plugs the self-check's
pytest hooks in (chapter markers, "not started" chapters, the points summary).

`build_all(check_only=True)` writes nothing and returns the files that are out of date.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .engine.checks import RecordingReference, run_check
from .engine import course
from .engine.course import ROOT, chapter_names
from .engine.results import Results
from .engine.source import DEMO_TAG, SELFCHECK_TAG
from .engine.student import LocalTransport, Student
from .engine.suites import expected_path, load_checks
from .quiet import import_quietly

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB_HEADER = "# Exercise file for {chapter}: replace each `raise NotImplementedError` with your code.\n"
SELFCHECK_TEMPLATE = '''\
"""Self-check for {chapter}: run `pytest` to see which public checks pass. Generated; do not edit."""

import pytest

from autograder.engine.pytest_plugin import public_check_names, run_public_check

pytestmark = pytest.mark.{chapter}


@pytest.mark.parametrize("check", public_check_names("{chapter}"))
def test_{chapter}(check):
    run_public_check(check, __file__)
'''
CONFTEST = '''\
"""pytest hooks of the self-check: chapter markers, "not started" chapters, points per chapter. Generated."""

from autograder.engine.pytest_plugin import pytest_configure, pytest_sessionfinish, pytest_terminal_summary  # noqa: F401
'''
SELFCHECK_MARKDOWN = """## Check your work

Run the next cell after the cells above. It runs this chapter's public checks on the functions
you defined, with the same messages as `pytest` on the exercise files: each failing check names the
function, the input, the worst entry and a hint. The grade also uses hidden checks."""
GRADE_MARK = "-grade-"
GRADE_CELL = '''\
# Graded: {target}, {points}. Run this cell to see its public checks. In grading, the course
# autograder scores it from outside the notebook, with hidden checks as well.
from autograder.engine.notebook import check_target

check_target("{chapter}", "{target}", globals())'''
SELFCHECK_CELL = '''\
from autograder.engine.notebook import check_notebook

check_notebook("{chapter}", globals())'''


@dataclass
class Cell:
    kind: str  # "markdown", "code", "demo", "selfcheck" or "grade"
    source: str
    points: float = 0.0  # grade cells: the points and the function or class they score
    target: str = ""

    @property
    def has_solution(self) -> bool:
        return BEGIN in self.source


def build_all(check_only: bool = False) -> list[Path]:
    """Regenerate every chapter's files; return those that changed (or, with check_only, are stale).

    The expected values of a chapter whose packages are missing here (ch08_keras without TensorFlow)
    are neither recorded nor checked, and its solution is not imported: `not_buildable()` names them.
    """
    changed = []
    files = {ROOT / "exercises" / "tests" / "conftest.py": CONFTEST}
    for chapter in chapter_names():
        files.update(render_chapter(chapter, record=not course.chapter(chapter).missing_packages()))
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old is not None and (old == text or (path.suffix == ".json" and _same_values(old, text))):
            continue
        changed.append(path)
        if not check_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return changed


def not_buildable() -> dict[Path, str]:
    """The generated files `build_all` cannot write or check here, each with the reason."""
    return {expected_path(c): course.needs_text(c) for c in chapter_names() if course.chapter(c).missing_packages()}


def render_chapter(chapter: str, record: bool = True) -> dict[Path, str]:
    """Every generated file of `chapter`, as {path: text}; without `record`, all but the expected values
    (recording runs the reference, which for ch08_keras means importing TensorFlow)."""
    source = (ROOT / "solutions" / f"{chapter}.py").read_text(encoding="utf-8")
    cells = with_grade_cells(chapter, parse_cells(source), grade_targets(chapter))
    cells += [Cell("markdown", SELFCHECK_MARKDOWN), Cell("selfcheck", SELFCHECK_CELL.format(chapter=chapter))]
    files = {
        ROOT / "exercises" / f"{chapter}.py": STUB_HEADER.format(chapter=chapter) + make_stub(source),
        ROOT / "source_notebooks" / chapter / f"{chapter}.ipynb": make_notebook(chapter, cells),
        ROOT / "exercises" / "tests" / f"test_{chapter}.py": SELFCHECK_TEMPLATE.format(chapter=chapter),
    }
    if record:
        files[expected_path(chapter)] = record_expected(chapter, source)
    return files


def make_stub(source: str) -> str:
    """The solution source with every region replaced as the module docstring describes."""
    lines = source.splitlines()
    functions = _function_spans(ast.parse(source))
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() != BEGIN:
            out.append(lines[i])
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == END), None)
        if end is None:
            raise ValueError(f"line {i + 1}: {BEGIN} without {END}")
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        owner = [name for start, stop, name in functions if start < i + 1 <= stop]
        if owner:
            out += [f"{indent}# YOUR CODE HERE", f'{indent}raise NotImplementedError("{owner[-1]} is not implemented yet")']
        else:
            names = _defined_names(textwrap.dedent("\n".join(lines[i + 1 : end])))
            if not names:
                raise ValueError(f"line {i + 1}: a module-level solution region must define at least one name")
            out += [f"{indent}{name} = None  # YOUR CODE HERE" for name in dict.fromkeys(names)]
        i = end + 1
    stub = "\n".join(out) + "\n"
    ast.parse(stub)
    return stub


def _function_spans(tree: ast.AST, prefix: str = "") -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function, outer ones first."""
    spans = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            spans.append((node.lineno, node.end_lineno, prefix + node.name))
            spans += _function_spans(node, prefix + node.name + ".")
        elif isinstance(node, ast.ClassDef):
            spans += _function_spans(node, prefix + node.name + ".")
    return spans


def parse_cells(source: str) -> list[Cell]:
    """Split a percent-format module into cells; the text before the first marker is left out."""
    cells: list[Cell] = []
    for block in re.split(r"^# %%", source, flags=re.MULTILINE)[1:]:
        header, _, body = block.partition("\n")
        if header.strip() == "[markdown]":
            text = "\n".join(re.sub(r"^# ?", "", line) for line in body.strip().splitlines())
            cells.append(Cell("markdown", text))
        else:
            cells.append(Cell("demo" if header.strip() == "[demo]" else "code", body.strip("\n")))
    return cells


def grade_id(chapter: str, target: str) -> str:
    """The nbgrader id of the grade cell that scores every check `<chapter>::<target>::*`."""
    return f"{chapter}{GRADE_MARK}{target}"


def grade_targets(chapter: str) -> dict[str, float]:
    """Each checked function or class of the chapter with its points (public and hidden checks)."""
    unscored = Results([run_check(c, None, None) for c in load_checks(chapter, hidden=True)])
    return {target: results.max_score for target, results in unscored.by_target().items()}


def with_grade_cells(chapter: str, cells: list[Cell], targets: dict[str, float]) -> list[Cell]:
    """Insert a grade cell for each target after the code cell that defines it (the rest at the end)."""
    out, left = [], dict(targets)
    for cell in cells:
        out.append(cell)
        if cell.kind == "code":
            defined = _defined_names(cell.source)
            out += [_grade_cell(chapter, t, left.pop(t)) for t in [t for t in left if t in defined]]
    return out + [_grade_cell(chapter, t, p) for t, p in left.items()]


def _grade_cell(chapter: str, target: str, points: float) -> Cell:
    label = f"{points:g} point" + ("" if points == 1 else "s")
    return Cell("grade", GRADE_CELL.format(chapter=chapter, target=target, points=label), points, target)


def _defined_names(code: str) -> list[str]:
    """The names a cell's top-level statements define (functions, classes, assignments), in order."""
    names = []
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def make_notebook(chapter: str, cells: list[Cell]) -> str:
    """The nbgrader source notebook as JSON text (nbformat 4.5, keys sorted, stable ids)."""
    nb_cells, used = [], set()
    for index, cell in enumerate(cells):
        if cell.kind == "grade":
            cell_id = grade_id(chapter, cell.target)
            grader = {"grade": True, "grade_id": cell_id, "locked": True, "points": cell.points, "schema_version": 3,
                      "solution": False, "task": False}
            nb_cells.append({"cell_type": "code", "execution_count": None, "id": cell_id,
                             "metadata": {"nbgrader": grader}, "outputs": [], "source": cell.source})
            continue
        cell_id = _cell_id(chapter, cell, index, used)
        if cell.kind == "markdown":
            nb_cells.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": cell.source})
            continue
        if cell.kind == "demo":
            nb_cells.append({"cell_type": "code", "execution_count": None, "id": cell_id,
                             "metadata": {"tags": [DEMO_TAG]}, "outputs": [], "source": cell.source})
            continue
        grader = {"grade": False, "grade_id": cell_id, "locked": not cell.has_solution, "schema_version": 3,
                  "solution": cell.has_solution, "task": False}
        metadata = {"nbgrader": grader, "tags": [SELFCHECK_TAG]} if cell.kind == "selfcheck" else {"nbgrader": grader}
        nb_cells.append({"cell_type": "code", "execution_count": None, "id": cell_id,
                         "metadata": metadata, "outputs": [], "source": cell.source})
    notebook = {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _cell_id(chapter: str, cell: Cell, index: int, used: set) -> str:
    """A readable, stable id: the first name the cell defines, else its kind and position."""
    names = _defined_names(cell.source) if cell.kind == "code" else []
    base = f"{chapter}-{names[0]}" if names else f"{chapter}-{cell.kind}-{index:02d}"
    cell_id, n = base, 2
    while cell_id in used:
        cell_id, n = f"{base}-{n}", n + 1
    used.add(cell_id)
    return cell_id


def record_expected(chapter: str, source: str) -> str:
    """Run the public checks on the reference itself, recording the expected values they use."""
    reference = RecordingReference(import_quietly(f"solutions.{chapter}"))
    transport = LocalTransport()
    student = Student(transport, f"_reference_{chapter}", [source], f"{chapter}.py")
    for check in load_checks(chapter, hidden=False):
        result = run_check(check, student, reference, strict=True)
        if not result.passed:
            raise AssertionError(f"the reference fails its own public check {check.name}: {result.output}")
    return reference.to_json() + "\n"


def _same_values(old: str, new: str) -> bool:
    """Recorded values equal up to float rounding (BLAS builds differ in the last bits)."""

    def same(a, b) -> bool:
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        if isinstance(a, float) or isinstance(b, float):
            return bool(np.isclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))
        return a == b

    return same(json.loads(old), json.loads(new))
