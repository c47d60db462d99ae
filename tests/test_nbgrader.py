"""The whole nbgrader cycle on the real tools: course init, release, autograde, feedback, export.

Autograding goes through `autograder.nbgrader_plugin.TrustedGrade`, so student cells run only in
the sandboxed worker; grade cells are scored from outside the notebook.
"""

import copy
import csv
import json
import re
from pathlib import Path

import pytest

nbgrader_api = pytest.importorskip("nbgrader.api")

from autograder.engine.course import ROOT  # noqa: E402
from autograder.nbgrader_course import init_course, nbgrader  # noqa: E402
from autograder.demo import submission  # noqa: E402
from tests.live_html import live_content  # noqa: E402

CHAPTER = "ch01_perceptron"
STUDENTS = ("alice", "bob", "carol", "dave", "eve", "erin", "frank", "gina", "hank")
HOSTILE_CELLS = {
    # patches numpy, then hands in a wrong XOR: only XOR's own points are lost
    "carol": "import numpy\nnumpy.allclose = lambda *a, **k: True\nnumpy.array_equal = lambda *a, **k: True\n"
             "def XOR(x1, x2):\n    return OR(x1, x2)\n",
    # raises its own grade in the gradebook, then ends the process
    "dave": "import sqlite3, glob, os\nfor db in glob.glob('/**/gradebook.db', recursive=True)[:3]:\n"
            "    sqlite3.connect(db).execute('UPDATE grade SET auto_score = 99')\nos._exit(0)\n",
}
# eve hands in the reference with Markdown and an output meant to run in the feedback page
HOSTILE_MARKDOWN = ("## My notes\n\nSee **below**.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                    "[x](javascript:alert(1))\n")
HOSTILE_OUTPUT = {"output_type": "display_data", "metadata": {},
                  "data": {"text/html": "<b>results</b><script>alert(1)</script>", "text/plain": "results"}}


def hostile_cells():
    return [{"cell_type": "markdown", "id": "eve-notes", "metadata": {}, "source": HOSTILE_MARKDOWN},
            {"cell_type": "code", "execution_count": 1, "id": "eve-table", "metadata": {},
             "outputs": [HOSTILE_OUTPUT], "source": "summary = 'see the table'\nsummary"}]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    roster = course / "roster.csv"
    roster.write_text("id,first_name,last_name\nalice,Alice,A\nbob,Bob,B\ncarol,Carol,C\ndave,Dave,D\n"
                      "eve,=1+1,\"@E, Jr.\"\nerin,Erin,E\nfrank,Frank,F\ngina,Gina,G\nhank,Hank,H\n")
    init_course(course, roster, chapters=[CHAPTER])
    nbgrader(course, "generate_assignment", CHAPTER, "--force")
    released = json.loads((course / "release" / CHAPTER / f"{CHAPTER}.ipynb").read_text())
    source = json.loads((course / "source" / CHAPTER / f"{CHAPTER}.ipynb").read_text())
    notebooks = {"alice": submission(released, source, "ada", 0, CHAPTER), "bob": copy.deepcopy(released)}
    for student, code in HOSTILE_CELLS.items():
        notebook = submission(released, source, "ada", 0, CHAPTER)
        notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "extra", "metadata": {},
                                  "outputs": [], "source": code})
        notebooks[student] = notebook
    notebooks["eve"] = submission(released, source, "ada", 0, CHAPTER)
    notebooks["eve"]["cells"] += hostile_cells()
    edited = notebooks["carol"]  # carol also edits one grade cell and deletes another
    for cell in edited["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == f"{CHAPTER}-grade-AND":
            cell["source"] = "print(2.0)"
    edited["cells"] = [c for c in edited["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != f"{CHAPTER}-grade-OR"]
    for student, chapter in (("erin", "ch02_forward"), ("frank", "../../../../../tmp/redteam-was-here")):
        notebooks[student] = copy.deepcopy(released)  # the stub, claiming to be another chapter
        notebooks[student]["metadata"]["autograder"] = {"chapter": chapter}
    broken = submission(released, source, "ada", 0, CHAPTER)  # correct, but two grade cells share an id
    grade_cells = [c for c in broken["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    grade_cells[1]["metadata"]["nbgrader"]["grade_id"] = grade_cells[0]["metadata"]["nbgrader"]["grade_id"]
    notebooks["gina"] = broken
    notebooks["hank"] = submission(released, source, "ada", 0, CHAPTER)  # graded after gina: the class goes on
    for student, notebook in notebooks.items():
        folder = course / "submitted" / student / CHAPTER
        folder.mkdir(parents=True)
        (folder / f"{CHAPTER}.ipynb").write_text(json.dumps(notebook))
    nbgrader(course, "autograde", CHAPTER, "--force")
    # autograde clears code-cell outputs (its ClearOutput step), so eve's output is put back into the
    # autograded notebook, as a course whose autograde executes notebooks would leave it
    autograded = course / "autograded" / "eve" / CHAPTER / f"{CHAPTER}.ipynb"
    notebook = json.loads(autograded.read_text())
    next(c for c in notebook["cells"] if c.get("id") == "eve-table")["outputs"] = [HOSTILE_OUTPUT]
    autograded.chmod(0o644)
    autograded.write_text(json.dumps(notebook))
    nbgrader(course, "generate_feedback", CHAPTER, "--force")
    nbgrader(course, "export", "--to", "grades.csv")
    return course


def scores(course):
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s: (gradebook.find_submission(CHAPTER, s).score, gradebook.find_submission(CHAPTER, s).max_score)
                for s in STUDENTS}


def test_gradebook_scores_full_zero_and_partial(course):
    got = scores(course)
    full = got["alice"][1]
    assert got["alice"] == (full, full) and full > 0
    assert got["bob"] == (0, full)
    assert got["carol"] == (full - 2, full), "only XOR::truth_table (2 points) is lost"
    assert got["dave"] == (0, full)
    assert got["eve"] == (full, full)


def test_the_chapter_comes_from_nbgrader_not_from_the_notebook(course):
    """A released stub whose metadata names another chapter (or a path) is graded as what nbgrader
    says it is: 0 points, and nothing is written where the metadata points."""
    got = scores(course)
    assert got["erin"] == (0, got["alice"][1])
    assert got["frank"] == (0, got["alice"][1])
    assert not Path("/tmp/redteam-was-here").exists()


def test_a_notebook_with_broken_metadata_scores_0_and_the_class_goes_on(course):
    """Duplicate grade ids made nbgrader stop the whole class at that student; now that student
    scores 0 with the reason in the feedback, and the students after it are graded."""
    got = scores(course)
    assert got["gina"] == (0, got["alice"][1])
    assert got["hank"] == got["alice"]
    html = (course / "feedback" / "gina" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "nbgrader metadata is broken" in html and "Duplicate grade id" in html


def test_export_csv_matches_gradebook(course):
    with open(course / "grades.csv", newline="") as handle:
        rows = {r["student_id"]: r for r in csv.DictReader(handle)}
    assert {s: float(r["score"]) for s, r in rows.items()} == {s: v[0] for s, v in scores(course).items()}
    assert rows["alice"]["first_name"] == "Alice"
    assert (rows["eve"]["first_name"], rows["eve"]["last_name"]) == ("'=1+1", "'@E, Jr."), "no formula in a name cell"


def test_feedback_shows_reasons_but_no_hidden_code(course):
    html = (course / "feedback" / "carol" / CHAPTER / f"{CHAPTER}.html").read_text()
    text = re.sub(r"<[^>]+>", "", html)
    assert "XOR: 0 / 2 points" in text and "Hint: XOR = AND(NAND(x1, x2), OR(x1, x2))" in text
    hidden = (ROOT / "autograder" / "suites" / "hidden" / f"{CHAPTER}.py").read_text()
    for line in hidden.splitlines():
        if len(line.strip()) > 30 and not line.strip().startswith(("#", '"""', "from", "import")):
            assert line.strip() not in text, f"hidden suite code in the feedback: {line.strip()}"
    assert "print(2.0)" not in text, "the edited grade cell was restored"


def test_feedback_shows_no_live_student_content_and_keeps_the_grade_text(course):
    """Does eve's Markdown (<script>, onerror, a javascript: link) or her text/html output with a
    script reach the feedback page live? It reached generate_feedback: autograde kept it."""
    autograded = (course / "autograded" / "eve" / CHAPTER / f"{CHAPTER}.ipynb").read_text()
    assert "<script>alert(1)</script>" in autograded and "onerror=alert(1)" in autograded
    assert "javascript:alert(1)" in autograded
    html = (course / "feedback" / "eve" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert live_content(html) == []
    assert "alert(1)" not in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "XOR: 2 / 2 points" in text and "[passed] XOR::truth_table (2/2)" in text
    assert "See below." in text and "<b>results</b>" in html


def test_released_notebook_validates_for_the_reference_only(course, tmp_path):
    released = json.loads((course / "release" / CHAPTER / f"{CHAPTER}.ipynb").read_text())
    source = json.loads((course / "source" / CHAPTER / f"{CHAPTER}.ipynb").read_text())
    for name, notebook, ok in (("solved", submission(released, source, "ada", 0, CHAPTER), True), ("stub", released, False)):
        path = tmp_path / name / f"{CHAPTER}.ipynb"
        path.parent.mkdir()
        path.write_text(json.dumps(notebook))
        result = nbgrader(course, "validate", str(path), check=False)
        output = result.stdout + result.stderr
        assert ("Success! Your notebook passes all the tests." in output) == ok, output[-2000:]


def test_course_init_command_creates_gradebook_roster_and_sources(tmp_path):
    import subprocess
    import sys

    (tmp_path / "roster.csv").write_text("id,email\nzoe,zoe@example.org\n")
    result = subprocess.run([sys.executable, "-m", "autograder", "course", "init", str(tmp_path / "c"), "--roster",
                             str(tmp_path / "roster.csv"), "--chapter", CHAPTER], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c" / "source" / CHAPTER / f"{CHAPTER}.ipynb").exists()
    assert "nbgrader_plugin import configure" in (tmp_path / "c" / "nbgrader_config.py").read_text()
    with nbgrader_api.Gradebook(f"sqlite:///{tmp_path / 'c' / 'gradebook.db'}") as gradebook:
        assert gradebook.find_student("zoe").email == "zoe@example.org"
        assert gradebook.find_assignment(CHAPTER).name == CHAPTER
