"""The generated files: up to date, stubs that import and keep the API, valid notebooks."""

import json
import ast
import shutil
import subprocess
import sys

import pytest

from autograder.build import BEGIN, build_all, make_stub, parse_cells
from autograder.engine.course import ROOT, chapter_names
from autograder.engine.source import notebook_chunks

CHAPTERS = chapter_names()


def test_generated_files_are_up_to_date():
    """Were stubs, notebooks, self-checks and expected values rebuilt after the last change?"""
    stale = build_all(check_only=True)
    assert not stale, "run `python -m autograder build`; out of date:\n" + "\n".join(map(str, stale))


def api(tree: ast.Module) -> dict:
    """name -> (signature, docstring) of every top-level function, class and method."""
    found = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            items = [node] + [n for n in getattr(node, "body", []) if isinstance(n, ast.FunctionDef)] * isinstance(node, ast.ClassDef)
            for item in items:
                key = item.name if item is node else f"{node.name}.{item.name}"
                signature = ast.unparse(item.args) if isinstance(item, ast.FunctionDef) else ""
                found[key] = (signature, ast.get_docstring(item))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stub_keeps_every_signature_and_docstring(chapter):
    solution = ast.parse((ROOT / "solutions" / f"{chapter}.py").read_text())
    stub = ast.parse((ROOT / "exercises" / f"{chapter}.py").read_text())
    assert api(stub) == api(solution)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stub_has_no_solution_left_and_imports(chapter, tmp_path):
    """Is every region gone, and does the stub import without running anything slow?"""
    text = (ROOT / "exercises" / f"{chapter}.py").read_text()
    assert BEGIN not in text and "END SOLUTION" not in text
    shutil.copy(ROOT / "exercises" / f"{chapter}.py", tmp_path)
    subprocess.run([sys.executable, "-c", f"import {chapter}"], cwd=tmp_path, check=True, timeout=60)


def test_stub_regions_become_named_raises_or_none_assignments():
    source = '''
X = 1
# %%
### BEGIN SOLUTION
TABLE = {"a": 1}
LIMIT: int = 3
### END SOLUTION


class Layer:
    def forward(self, x):
        """Doc."""
        y = x
        ### BEGIN SOLUTION
        return y * 2
        ### END SOLUTION
'''
    stub = make_stub(source)
    assert "TABLE = None  # YOUR CODE HERE\nLIMIT = None  # YOUR CODE HERE" in stub
    assert '        y = x\n        # YOUR CODE HERE\n        raise NotImplementedError("Layer.forward is not implemented yet")' in stub


def test_unclosed_region_is_an_error():
    with pytest.raises(ValueError, match="without"):
        make_stub("def f():\n    ### BEGIN SOLUTION\n    return 1\n")


def test_percent_cells_split_into_markdown_code_and_demo():
    cells = parse_cells('"""doc"""\n# %% [markdown]\n# # Title\n# text\n\n# %%\nx = 1\n\n# %% [demo]\nif __name__ == "__main__":\n    pass\n')
    assert [(c.kind, c.source) for c in cells] == [
        ("markdown", "# Title\ntext"), ("code", "x = 1"), ("demo", 'if __name__ == "__main__":\n    pass'),
    ]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_is_valid_nbgrader_source(chapter):
    """Is the notebook valid nbformat, with solution cells exactly where the regions are?"""
    nbformat = pytest.importorskip("nbformat")
    path = ROOT / "source_notebooks" / chapter / f"{chapter}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids))
    for cell in notebook.cells:
        if "nbgrader" in cell.metadata:
            assert cell.metadata.nbgrader.solution == (BEGIN in cell.source)
            assert cell.metadata.nbgrader.locked == (BEGIN not in cell.source)
    code = "\n".join(notebook_chunks(json.loads(path.read_text()), path.name))
    assert "__main__" not in code, "demo cells must be left out of the graded code"
