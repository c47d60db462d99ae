"""The notebook's self-check: `check_notebook(chapter, globals())` runs the same public checks as pytest."""

import json
import sys

import numpy as np
import pytest

from autograder.engine.course import ROOT
from autograder.engine.notebook import check_notebook, notebook_run
from autograder.engine.source import SELFCHECK_TAG, notebook_chunks
from autograder.engine.course import chapter_names


def namespace_of(path) -> dict:
    """What a notebook's globals hold after running every cell of this module (demo cells do not run)."""
    namespace = {"__name__": "notebook"}
    exec(compile(path.read_text(), "<notebook cell>", "exec"), namespace)
    return namespace


def test_reference_functions_in_a_notebook_get_every_public_point(capsys):
    check_notebook("ch02_forward", namespace_of(ROOT / "solutions" / "ch02_forward.py"))
    out = capsys.readouterr().out
    assert out.startswith("ch02_forward: 17 / 17 points (9 of 9 public checks pass)\n")
    assert "  ok    ch02_forward::softmax::batch_rows  2/2" in out and "FAIL" not in out


def test_an_untouched_notebook_is_one_not_started_line(capsys):
    check_notebook("ch03_losses", namespace_of(ROOT / "exercises" / "ch03_losses.py"))
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("ch03_losses: 0 / 14 points: not started")


def test_notebook_messages_match_pytest_and_name_missing_cells(capsys):
    """A wrong function gets the engine's message; a function whose cell was not run says so."""
    namespace = namespace_of(ROOT / "solutions" / "ch02_forward.py")
    del namespace["softmax"]
    namespace["relu"] = lambda x: np.maximum(0, x) + 0.1

    def sigmoid(x):
        return np.dot(x, np.ones((7, 7)))

    namespace["sigmoid"] = sigmoid
    before = dict(namespace)
    check_notebook("ch02_forward", namespace)
    out = capsys.readouterr().out
    assert out.startswith("ch02_forward: 7 / 17 points (4 of 9 public checks pass)")  # forward calls the broken sigmoid
    assert "  FAIL  ch02_forward::relu::values  0/1\n        relu(x) is wrong at index (0, 0): expected 0, got 0.1" in out
    assert "Hint: relu(x) = max(0, x)" in out
    assert "softmax is not defined in this notebook: run the cell that defines it first" in out
    assert "sigmoid raised ValueError: shapes (3,4) and (7,7) not aligned" in out
    assert "in sigmoid: return np.dot(x, np.ones((7, 7)))" in out, "the student's own line, not the engine's"
    assert namespace == before and "ch02_forward" not in sys.modules


def test_notebook_run_and_pytest_share_results():
    run = notebook_run("ch01_perceptron", namespace_of(ROOT / "solutions" / "ch01_perceptron.py"))
    assert run.results and all(r.passed for r in run.results) and not run.not_started


@pytest.mark.parametrize("chapter", chapter_names())
def test_source_notebook_ends_with_a_locked_selfcheck_cell_that_grading_skips(chapter):
    path = ROOT / "source_notebooks" / chapter / f"{chapter}.ipynb"
    cells = json.loads(path.read_text())["cells"]
    markdown, check = cells[-2], cells[-1]
    assert markdown["cell_type"] == "markdown" and "Check your work" in markdown["source"]
    assert check["metadata"]["tags"] == [SELFCHECK_TAG] and check["metadata"]["nbgrader"]["locked"] is True
    assert f'check_notebook("{chapter}", globals())' in check["source"]
    assert all("check_notebook" not in chunk for chunk in notebook_chunks(json.loads(path.read_text()), path.name))


def test_selfcheck_cell_runs_in_a_real_kernel(tmp_path):
    """The generated check cell, executed by Jupyter after the chapter's cells, prints the report."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(ROOT / "source_notebooks" / "ch02_forward" / "ch02_forward.ipynb", as_version=4)
    notebook.cells = [c for c in notebook.cells if "demo" not in c.metadata.get("tags", [])]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    assert text.startswith("ch02_forward: 17 / 17 points (9 of 9 public checks pass)"), text
