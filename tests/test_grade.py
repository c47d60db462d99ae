"""`python -m autograder grade`: the contract of SPEC.md, end to end through the real CLI."""

import json
import shutil
import subprocess
import sys

import pytest

from autograder.engine.course import ROOT
from autograder.engine.course import chapter_names

CHAPTERS = ["ch01_perceptron", "ch02_forward", "ch03_losses"]


def grade_cli(*args, check=True):
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", *map(str, args)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def grade_json(*args) -> dict:
    return json.loads(grade_cli(*args, "--json").stdout)


def chapter_args(chapters_=CHAPTERS):
    return [a for c in chapters_ for a in ("--chapter", c)]


def test_reference_solutions_get_full_marks_and_gradescope_shape():
    """Does grading solutions/ give score == max_score, in the results.json shape?"""
    report = grade_json(ROOT / "solutions", *chapter_args())
    assert report["score"] == report["max_score"] > 0
    for test in report["tests"]:
        assert set(test) >= {"name", "chapter", "score", "max_score", "status", "output"}
        assert test["status"] == "passed" and test["name"].startswith(test["chapter"] + "::")
        assert test["name"].count("::") == 2


def test_stubs_get_zero_with_not_implemented_messages():
    report = grade_json(ROOT / "exercises", *chapter_args())
    assert report["score"] == 0 and report["max_score"] > 0
    assert all("is not implemented yet" in t["output"] for t in report["tests"]), report["tests"]


def test_grading_twice_gives_identical_json(tmp_path):
    """Is every check deterministic (seeded inputs, no timings or addresses in messages)?"""
    for chapter, bug in [("ch02_forward", "wrong_softmax_global_sum"), ("ch03_losses", "wrong_numerical_gradient_no_restore")]:
        variant = (ROOT / "tests" / chapter / "variants" / f"{bug}.py").read_text()
        (tmp_path / f"{chapter}.py").write_text((ROOT / "solutions" / f"{chapter}.py").read_text() + "\n" + variant)
    first = grade_cli(tmp_path, *chapter_args(), "--json").stdout
    assert 0 < json.loads(first)["score"] < json.loads(first)["max_score"]
    assert first == grade_cli(tmp_path, *chapter_args(), "--json").stdout


def test_missing_chapters_score_zero_with_the_same_max_score(tmp_path):
    shutil.copy(ROOT / "solutions" / "ch01_perceptron.py", tmp_path)
    full = grade_json(ROOT / "solutions", *chapter_args())
    report = grade_json(tmp_path, *chapter_args())
    assert report["max_score"] == full["max_score"]
    by_chapter = {}
    for t in report["tests"]:
        by_chapter.setdefault(t["chapter"], []).append(t)
    assert all(t["status"] == "passed" for t in by_chapter["ch01_perceptron"])
    for chapter in ("ch02_forward", "ch03_losses"):
        assert all(t["score"] == 0 and f"{chapter}.py" in t["output"] and "missing" in t["output"]
                   for t in by_chapter[chapter])


def test_single_file_and_notebook_submissions(tmp_path):
    """Is one .py file accepted, and an nbgrader notebook graded from its code cells?"""
    single = grade_json(ROOT / "solutions" / "ch01_perceptron.py", "--chapter", "ch01_perceptron")
    assert single["score"] == single["max_score"]
    notebook = ROOT / "source_notebooks" / "ch02_forward" / "ch02_forward.ipynb"
    report = grade_json(notebook, "--chapter", "ch02_forward")
    assert report["score"] == report["max_score"] > 0


def test_nbgrader_layout_is_found(tmp_path):
    shutil.copytree(ROOT / "source_notebooks" / "ch01_perceptron", tmp_path / "ch01_perceptron")
    report = grade_json(tmp_path, "--chapter", "ch01_perceptron")
    assert report["score"] == report["max_score"]


def test_notebook_with_a_failing_cell_keeps_the_other_cells(tmp_path):
    """Like a notebook run: one cell that raises does not hide the functions of the others."""
    notebook = json.loads((ROOT / "source_notebooks" / "ch01_perceptron" / "ch01_perceptron.ipynb").read_text())
    for cell in notebook["cells"]:
        if cell["source"].startswith("def XOR"):
            cell["source"] = "raise RuntimeError('unfinished')\n" + cell["source"].replace("def XOR", "def _XOR")
    (tmp_path / "ch01_perceptron.ipynb").write_text(json.dumps(notebook))
    report = grade_json(tmp_path, "--chapter", "ch01_perceptron")
    failed = {t["name"] for t in report["tests"] if t["status"] == "failed"}
    assert failed == {"ch01_perceptron::XOR::truth_table", "ch01_perceptron::gates::return_int"}


def test_module_that_does_not_import_fails_every_check_with_the_reason(tmp_path):
    (tmp_path / "ch02_forward.py").write_text("import numpy as np\ndef sigmoid(x)\n    return x\n")
    report = grade_json(tmp_path, "--chapter", "ch02_forward")
    assert report["score"] == 0
    outputs = {t["output"] for t in report["tests"]}
    assert len(outputs) == 1 and "importing ch02_forward.py raised SyntaxError" in outputs.pop()


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/path"], "does not exist"),
    (["solutions", "--chapter", "ch99_nothing"], "unknown chapter"),
])
def test_bad_requests_get_a_clear_error_not_a_traceback(args, message):
    result = grade_cli(*args, check=False)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_unreadable_notebook_is_reported_for_that_chapter_only(tmp_path):
    (tmp_path / "ch01_perceptron.ipynb").write_text("{not json")
    shutil.copy(ROOT / "solutions" / "ch02_forward.py", tmp_path)
    report = grade_json(tmp_path, "--chapter", "ch01_perceptron", "--chapter", "ch02_forward")
    for t in report["tests"]:
        if t["chapter"] == "ch01_perceptron":
            assert t["score"] == 0 and "is not a valid notebook" in t["output"]
        else:
            assert t["status"] == "passed"


def test_console_table_lists_chapters_and_failures():
    result = grade_cli(ROOT / "exercises", *chapter_args())
    assert "ch01_perceptron" in result.stdout and "total" in result.stdout
    assert "Failed checks:" in result.stdout and "is not implemented yet" in result.stdout


def test_every_chapter_with_a_suite_has_a_solution():
    assert set(CHAPTERS) <= set(chapter_names())
    for chapter in chapter_names():
        assert (ROOT / "solutions" / f"{chapter}.py").exists()


def test_student_exception_text_reaches_table_and_json_without_escapes(tmp_path):
    """A student exception's type, message and source line carry escape sequences and control
    characters: the table (a terminal) and the JSON get the words without them."""
    source = (ROOT / "solutions" / "ch01_perceptron.py").read_text() + (
        '\n\nSneaky = type("Sneaky\\x1b[31mError", (Exception,), {})\n\n\ndef XOR(x1, x2):\n'
        '    raise Sneaky("\\x1b[2J\\x1b]0;pwned\\x07cleared\\rscreen\\x00\\x08 bell\\x07")  # \x1b[2J\x07 raw\n')
    (tmp_path / "ch01_perceptron.py").write_text(source)
    line = len(source.splitlines())
    message = (f"XOR raised SneakyError: cleared\nscreen bell\n  ch01_perceptron.py, line {line}, in XOR: "
               'raise Sneaky("\\x1b[2J\\x1b]0;pwned\\x07cleared\\rscreen\\x00\\x08 bell\\x07")  #  raw')
    report = json.loads(grade_cli(tmp_path, "--chapter", "ch01_perceptron", "--json").stdout)
    failed = {t["name"]: t["output"] for t in report["tests"] if t["status"] == "failed"}
    assert failed == {"ch01_perceptron::XOR::truth_table": message, "ch01_perceptron::gates::return_int": message}
    table = grade_cli(tmp_path, "--chapter", "ch01_perceptron").stdout
    assert "\n".join("    " + line for line in message.splitlines()) in table
    assert not set(table) & ({chr(c) for c in range(32) if chr(c) != "\n"} | {"\x7f"})


def test_require_sandbox_refuses_to_grade_where_the_sandbox_is_incomplete(monkeypatch, capsys):
    """`grade --require-sandbox` exits 2 with one line naming what is missing, and grades nothing."""
    import autograder.sandbox
    from autograder.cli import main

    monkeypatch.setattr(autograder.sandbox, "isolation", lambda: "bubblewrap cannot run here")
    assert main(["grade", str(ROOT / "solutions"), "--require-sandbox"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--require-sandbox" in err and "bubblewrap cannot run here" in err
